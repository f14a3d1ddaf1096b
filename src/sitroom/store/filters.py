"""The filters every read of the store (and every export) accepts, turned into SQL WHERE clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitroom.errors import StoreError

STATUSES = ("occurred", "ongoing", "planned", "threatened", "hypothetical", "negated")
# Statuses that report something that happened: the default of the exports (precision first).
FACTUAL = ("occurred", "ongoing")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """What to select. Dates are ISO (``2018-09`` or ``2018-09-23``), inclusive, compared by prefix.

    An event's time is its own date range, or its article's publication date when it has none.
    ``actor`` matches an actor id or (case-insensitively) its name; ``country`` is ISO 3166 alpha-2.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    type: tuple[str, ...] = ()  # PLOVER event types
    status: tuple[str, ...] = ()  # empty: every status
    publisher: str | None = None

    def __post_init__(self) -> None:
        bad = [s for s in self.status if s not in STATUSES]
        if bad:
            raise StoreError(f"unknown status {bad[0]!r}; choose from {', '.join(STATUSES)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise StoreError(f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")

    @classmethod
    def make(cls, **values: Any) -> Filters:
        """Filters from loose values (CLI or query strings): comma-separated lists become tuples."""
        out: dict[str, Any] = {}
        for key, value in values.items():
            if value in (None, "", ()):
                continue
            if key in ("type", "status"):
                items = value.split(",") if isinstance(value, str) else list(value)
                value = tuple(i.strip().upper() if key == "type" else i.strip() for i in items if i.strip())
            out[key] = value
        return cls(**out)


Where = tuple[str, list[Any]]


def _cut(expr: str, bound: str) -> str:
    # Compare only as many characters as the bound has: '2018-09-30' is within until='2018-09'.
    # Same-length strings of digits and dashes sort alike under every collation (SQLite and PostgreSQL).
    return f"substr({expr}, 1, {len(bound)})"


def _day(expr: str) -> str:
    return f"substr({expr}, 1, 10)"


def _join(parts: list[str], params: list[Any]) -> Where:
    return (" AND ".join(parts) if parts else "1=1"), params


def events_where(f: Filters, t: str = "events") -> Where:
    """WHERE clause over the events table (aliased ``t``)."""
    parts: list[str] = []
    params: list[Any] = []
    start = f"coalesce({_day(t + '.date_start')}, {_day(t + '.published')})"
    end = f"coalesce({_day(t + '.date_end')}, {_day(t + '.date_start')}, {_day(t + '.published')})"
    if f.since:
        parts.append(f"{_cut(end, f.since)} >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{_cut(start, f.until)} <= ?")
        params.append(f.until)
    if f.country:
        parts.append(
            f"({t}.country = ? OR EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = {t}.id "
            "AND ea.country = ?))"
        )
        params += [f.country.upper(), f.country.upper()]
    if f.actor:
        parts.append(
            f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = {t}.id "
            "AND (ea.actor_id = ? OR lower(ea.name) = lower(?)))"
        )
        params += [f.actor, f.actor]
    if f.type:
        parts.append(f"{t}.type IN ({', '.join('?' * len(f.type))})")
        params += list(f.type)
    if f.status:
        parts.append(f"{t}.status IN ({', '.join('?' * len(f.status))})")
        params += list(f.status)
    if f.publisher:
        parts.append(f"{t}.publisher = ?")
        params.append(f.publisher)
    return _join(parts, params)


def incidents_where(f: Filters, t: str = "incidents") -> Where:
    """WHERE clause over incidents: an incident matches when its own fields or one of its reports match."""
    parts: list[str] = []
    params: list[Any] = []
    if f.since:
        parts.append(f"{_cut(f'coalesce({t}.date_end, {t}.date_start)', f.since)} >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{_cut(t + '.date_start', f.until)} <= ?")
        params.append(f.until)
    if f.type:
        parts.append(f"{t}.type IN ({', '.join('?' * len(f.type))})")
        params += list(f.type)
    if f.status:
        parts.append(f"{t}.status IN ({', '.join('?' * len(f.status))})")
        params += list(f.status)
    if f.country or f.actor or f.publisher:
        sub, sub_params = events_where(Filters(country=f.country, actor=f.actor, publisher=f.publisher), "e")
        parts.append(
            "EXISTS (SELECT 1 FROM incident_reports r JOIN events e ON e.id = r.event_id "
            f"WHERE r.incident_id = {t}.id AND {sub})"
        )
        params += sub_params
    return _join(parts, params)


def articles_where(f: Filters, t: str = "articles", id_column: str = "id") -> Where:
    """WHERE clause over articles (or any table with an article id column ``id_column``)."""
    parts: list[str] = []
    params: list[Any] = []
    a = f"{t}.{id_column}"
    if f.since or f.until or f.publisher:
        sub = ["x.id = " + a]
        if f.since:
            sub.append(f"{_cut('x.published', f.since)} >= ?")
            params.append(f.since)
        if f.until:
            sub.append(f"{_cut('x.published', f.until)} <= ?")
            params.append(f.until)
        if f.publisher:
            sub.append("x.publisher = ?")
            params.append(f.publisher)
        parts.append(f"EXISTS (SELECT 1 FROM articles x WHERE {' AND '.join(sub)})")
    if f.country:
        parts.append(f"EXISTS (SELECT 1 FROM places p WHERE p.article_id = {a} AND p.country = ?)")
        params.append(f.country.upper())
    if f.actor:
        parts.append(
            f"EXISTS (SELECT 1 FROM actors y WHERE y.article_id = {a} "
            "AND (y.actor_id = ? OR lower(y.name) = lower(?)))"
        )
        params += [f.actor, f.actor]
    if f.type or f.status:
        sub_where, sub_params = events_where(Filters(type=f.type, status=f.status), "e")
        parts.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = {a} AND {sub_where})")
        params += sub_params
    return _join(parts, params)
