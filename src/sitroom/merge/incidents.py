"""Incidents: events from different articles that describe the same real-world happening, merged.

Two reports are of one incident when they have the same PLOVER type, both say it happened
(occurred/ongoing: a threat, a plan or a denial is never merged into an incident), their dates can
overlap, their places are not far apart, and something positive ties them: the same place (by
geonameid, or within ``NEAR_KM``), or a shared actor. An event joins the incident it is tied to and
conflicts with no member of (complete linkage on conflicts), so a chain of loose ties cannot glue
two incidents together. Events of one article are never merged here: the events stage already
folds an event told twice into one (``Event.also``); only a copy of an article repeats them.

Notes:
    The criteria follow the incident definition of ACLED (same actors, location and day) and the
    event-coreference features of Lu & Ng (2018, "Event coreference resolution: a survey"):
    type, arguments (actors), time and place compatibility.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

FACTUAL = ("occurred", "ongoing")
# Two places of one incident: the same town or its outskirts. ACLED codes an event at the nearest
# town; 25 km covers a town and its surroundings, 100 km apart is certainly somewhere else.
NEAR_KM = 25.0
FAR_KM = 100.0
# Slack on day-precise dates: reports disagree by a day around midnight and across time zones.
DAY_SLACK = 1
# An undated event happened at most this many days before its article was published.
UNDATED_DAYS = 3


@dataclass(frozen=True)
class EventInput:
    """What merging needs to know of one stored event."""

    id: str
    article_id: str
    type: str
    status: str
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None
    published: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    place: str | None = None
    country: str | None = None
    quad: int | None = None
    sources: frozenset[str] = field(default_factory=frozenset)
    targets: frozenset[str] = field(default_factory=frozenset)
    evidence: str = ""


@dataclass
class Incident:
    id: str
    events: list[EventInput]

    @property
    def articles(self) -> set[str]:
        return {e.article_id for e in self.events}


def find_incidents(events: Sequence[EventInput], copies: dict[str, str]) -> list[Incident]:
    """Group factual events into incidents.

    Args:
        events: every stored event; non-factual ones are left out of incidents.
        copies: article id -> the original it is a copy of (from ``duplicates``). An event of a
            copy joins the original's event with the same type and evidence text outright.

    Returns:
        Incidents, each with its events in the order they were read (earliest first).
    """
    factual = [e for e in events if e.status in FACTUAL]
    win = {e.id: _window(e) for e in factual}
    factual.sort(key=lambda e: (win[e.id][0], e.published or "", e.id))
    incidents: list[Incident] = []
    by_event: dict[str, Incident] = {}
    # Block by type and day: an incident is filed under each day its first event may have happened
    # on, and a member must overlap that event's days, so only those blocks hold candidates.
    blocks: dict[tuple[str, int], list[Incident]] = defaultdict(list)
    by_copy_key: dict[tuple[str, str, str], tuple[Incident, str]] = {}
    for e in factual:
        root = copies.get(e.article_id, e.article_id)
        copy_key = (root, e.type, e.evidence)
        known = by_copy_key.get(copy_key) if e.evidence else None
        if known is not None and known[1] != e.article_id:  # the same sentence in a copy: the same report
            inc = known[0]
            inc.events.append(e)
            by_event[e.id] = inc
            continue
        lo, hi = win[e.id]
        if lo == date.min:  # neither a date nor a publication date: nothing to merge it on
            alone = Incident(e.id, [e])
            incidents.append(alone)
            by_event[e.id] = alone
            by_copy_key[copy_key] = (alone, e.article_id)
            continue
        days = range(lo.toordinal(), hi.toordinal() + 1)
        best: Incident | None = None
        best_score = 0
        seen: set[str] = set()
        for d in days:
            for inc in blocks.get((e.type, d), ()):
                if inc.id in seen:
                    continue
                seen.add(inc.id)
                score = _fit(e, inc, copies, win)
                if score > best_score:
                    best, best_score = inc, score
        if best is None:
            best = Incident(e.id, [])
            incidents.append(best)
            for d in days:
                blocks[(e.type, d)].append(best)
        best.events.append(e)
        by_event[e.id] = best
        by_copy_key.setdefault(copy_key, (best, e.article_id))
    return incidents


Windows = dict[str, tuple[date, date]]


def _fit(e: EventInput, inc: Incident, copies: dict[str, str], win: Windows) -> int:
    """0 when ``e`` cannot join ``inc``; otherwise the number of its members it is tied to."""
    ties = 0
    root = copies.get(e.article_id, e.article_id)
    for m in inc.events:
        if m.article_id == e.article_id or copies.get(m.article_id, m.article_id) == root:
            return 0  # one article (or its copy) reports distinct events; they stay distinct
        if _conflict(e, m, win):
            return 0
        if _tied(e, m):
            ties += 1
    return ties


def _conflict(a: EventInput, b: EventInput, win: Windows) -> bool:
    if a.type != b.type:
        return True
    (alo, ahi), (blo, bhi) = win[a.id], win[b.id]
    if alo > bhi or blo > ahi:
        return True
    km = _distance(a, b)
    if km is not None and km > FAR_KM:
        return True
    # Both name who acted on whom, and neither side has anyone in common: another incident.
    return bool(a.sources and b.sources and a.targets and b.targets) and not (
        a.sources & b.sources or a.targets & b.targets
    )


def _tied(a: EventInput, b: EventInput) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    km = _distance(a, b)
    if km is not None and km <= NEAR_KM:
        return True
    return bool((a.sources | a.targets) & (b.sources | b.targets))


def _distance(a: EventInput, b: EventInput) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine(a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _window(e: EventInput) -> tuple[date, date]:
    """The days the event may have happened on, from its date and precision, else its article's date."""
    start = _parse(e.date_start)
    if start is not None and e.precision != "year":
        end = _parse(e.date_end) or start
        if e.precision == "month" or (e.date_start and len(e.date_start) == 7):
            end = _month_end(start)
        slack = timedelta(days=DAY_SLACK)
        return start - slack, max(start, end) + slack
    pub = _parse(e.published)
    if pub is not None:
        return pub - timedelta(days=UNDATED_DAYS), pub
    return date.min, date.max


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_end(d: date) -> date:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def independent_sources(
    articles: Sequence[str], publisher: dict[str, str | None], copies: dict[str, str]
) -> int:
    """Independent sources among articles: one per publisher, copies of one original counted once."""
    parent = {a: a for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for a in articles:
        keys = [f"copy:{copies.get(a, a)}"]
        if publisher.get(a):
            keys.append(f"pub:{(publisher[a] or '').strip().lower()}")
        for k in keys:
            if k in first:
                ra, rb = find(a), find(first[k])
                if ra != rb:
                    parent[ra] = rb
            else:
                first[k] = a
    return len({find(a) for a in articles})


def summarise(inc: Incident) -> dict[str, object]:
    """The incident's own fields: earliest date, the place most reports give, the usual status."""
    dated = sorted(e.date_start for e in inc.events if e.date_start)
    ends = sorted((e.date_end or e.date_start) for e in inc.events if e.date_start)
    placed = Counter((e.place, e.lat, e.lon, e.country) for e in inc.events if e.place)
    place = placed.most_common(1)[0][0] if placed else (None, None, None, None)
    statuses = Counter(e.status for e in inc.events)
    return {
        "type": inc.events[0].type,
        "quad": inc.events[0].quad,
        "status": "occurred" if statuses["occurred"] else "ongoing",
        "date_start": dated[0] if dated else None,
        "date_end": ends[-1] if ends else None,
        "place": place[0],
        "lat": place[1],
        "lon": place[2],
        "country": place[3],
    }
