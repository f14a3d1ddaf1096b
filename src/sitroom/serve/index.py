"""An in-memory index of the store's incidents, so the dashboard's map, timeline, facets and network
answer in milliseconds on a corpus of 100,000 events.

Why: each dashboard filter change asks for four aggregates over every matching incident. In SQL
the actor and country filters are correlated subqueries per incident and the network is a
four-way join, which took seconds on 70,000 incidents (scripts/benchmark_api.py). Here each
incident is a row of numpy arrays and each many-valued attribute (actors, countries, publishers,
network links) a pair of (incident row, code) arrays, so a filter is a few vectorised comparisons
and an aggregate a ``bincount``. The selection rules are those of :func:`sitroom.store.filters.
incidents_where` (tests compare the two); the index is rebuilt when the store changes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from sitroom.serve.queries import Query, Record
from sitroom.store import Store

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

INCIDENT_COLUMNS = (
    "id", "type", "quad", "status", "date_start", "date_end", "place", "lat", "lon", "country", "reports",
    "articles", "sources",
)  # fmt: skip
# Timeline bin width from the span of the data: about 30-400 bars whatever the corpus covers.
_UNITS = ((120, "day"), (900, "week"), (366 * 12, "month"))
# How often (seconds) to ask the database whether it changed.
_CHECK_EVERY = 1.0


class Codes:
    """Strings <-> small integers, so that columns of names become integer arrays."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.index: dict[str, int] = {}

    def code(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass
class Pairs:
    """A many-to-many attribute: incident row ``rows[i]`` has value ``codes[i]``."""

    rows: Ints
    codes: Ints
    names: Codes

    def having(self, n: int, values: set[int]) -> Bools:
        """Incidents (of ``n``) that have at least one of ``values``."""
        mask = np.zeros(n, dtype=bool)
        if values:
            mask[self.rows[np.isin(self.codes, list(values))]] = True
        return mask


class IncidentIndex:
    """Every incident of a store, filterable and countable in memory."""

    def __init__(self, store: Store) -> None:
        names, rows = store.db.all(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents ORDER BY id")
        self.records = [dict(zip(names, r, strict=True)) for r in rows]
        n = self.n = len(rows)
        row_of = {r["id"]: i for i, r in enumerate(self.records)}
        self.types, self.statuses, self.places = Codes(), Codes(), Codes()
        self.type = np.array([self.types.code(r["type"]) for r in self.records], dtype=np.int64)
        self.status = np.array([self.statuses.code(r["status"]) for r in self.records], dtype=np.int64)
        self.place = np.array(
            [self.places.code((r["place"] or "").lower()) for r in self.records], dtype=np.int64
        )
        self.sources = np.array([r["sources"] or 0 for r in self.records], dtype=np.int64)
        self.start = np.array([(r["date_start"] or "")[:10] for r in self.records], dtype="<U10")
        self.end = np.array(
            [(r["date_end"] or r["date_start"] or "")[:10] for r in self.records], dtype="<U10"
        )
        self.day = np.array([_ordinal(s) for s in self.start], dtype=np.int64)
        # Sort order of the list views: most independent sources, then latest, then id.
        self.order = (
            np.lexsort((np.arange(n), -self.day, -self.sources)) if n else np.zeros(0, dtype=np.int64)
        )
        self._load_pairs(store, row_of)

    def _load_pairs(self, store: Store, row_of: dict[str, int]) -> None:
        countries, publishers, actors = Codes(), Codes(), Codes()
        country_pairs: set[tuple[int, int]] = set()
        publisher_pairs: set[tuple[int, int]] = set()
        for incident_id, country, publisher in store.db.execute(
            "SELECT r.incident_id, e.country, e.publisher FROM incident_reports r "
            "JOIN events e ON e.id = r.event_id"
        ).fetchall():
            row = row_of.get(incident_id)
            if row is None:
                continue
            if country:
                country_pairs.add((row, countries.code(country)))
            if publisher:
                publisher_pairs.add((row, publishers.code(publisher)))
        actor_pairs: set[tuple[int, int]] = set()
        self.actor_names: dict[str, set[int]] = defaultdict(set)  # lower(name) -> actor codes
        self.actor_info: dict[int, tuple[str, str | None, str | None]] = {}
        by_event: dict[str, tuple[int, list[int], list[int]]] = {}
        for incident_id, event_id, role, actor_id, name, kind, country in store.db.execute(
            "SELECT r.incident_id, ea.event_id, ea.role, ea.actor_id, ea.name, ea.kind, ea.country "
            "FROM incident_reports r JOIN event_actors ea ON ea.event_id = r.event_id"
        ).fetchall():
            row = row_of.get(incident_id)
            if row is None:
                continue
            code = actors.code(actor_id)
            actor_pairs.add((row, code))
            if name:
                self.actor_names[name.lower()].add(code)
            if code not in self.actor_info:
                self.actor_info[code] = (name or actor_id, kind, country)
            if country:
                country_pairs.add((row, countries.code(country)))
            entry = by_event.setdefault(event_id, (row, [], []))
            if role == "source":
                entry[1].append(code)
            elif role == "target":
                entry[2].append(code)
        links = {(row, s, t) for row, srcs, tgts in by_event.values() for s in srcs for t in tgts if s != t}
        self.countries = _pairs(country_pairs, countries)
        self.publishers = _pairs(publisher_pairs, publishers)
        self.actors = _pairs(actor_pairs, actors)
        ordered = sorted(links)
        self.link_row = np.array([x[0] for x in ordered], dtype=np.int64)
        self.link_source = np.array([x[1] for x in ordered], dtype=np.int64)
        self.link_target = np.array([x[2] for x in ordered], dtype=np.int64)

    # --- selection -------------------------------------------------------------------------

    def mask(self, q: Query) -> Bools:
        """The incidents that ``q`` selects, by the rules of ``incidents_where``."""
        f = q.filters
        m = np.ones(self.n, dtype=bool)
        if f.since:
            m &= (self.end != "") & (self.end >= f.since)
        if f.until:
            m &= (self.start != "") & (self.start <= f.until + "\uffff")
        if f.type:
            m &= np.isin(self.type, [self.types.index[t] for t in f.type if t in self.types.index])
        if f.status:
            m &= np.isin(self.status, [self.statuses.index[s] for s in f.status if s in self.statuses.index])
        if f.country:
            c = self.countries.names.index.get(f.country.upper())
            m &= self.countries.having(self.n, set() if c is None else {c})
        if f.actor:
            codes = set(self.actor_names.get(f.actor.lower(), set()))
            if f.actor in self.actors.names.index:
                codes.add(self.actors.names.index[f.actor])
            m &= self.actors.having(self.n, codes)
        if f.publisher:
            p = self.publishers.names.index.get(f.publisher)
            m &= self.publishers.having(self.n, set() if p is None else {p})
        if q.min_sources > 1:
            m &= self.sources >= q.min_sources
        if q.place:
            p = self.places.index.get(q.place.lower())
            m &= self.place == (-1 if p is None else p)
        return m

    # --- answers ---------------------------------------------------------------------------

    def incidents(self, q: Query, limit: int, offset: int) -> tuple[list[Record], int]:
        """A page of matching incidents, most independent sources first, and the total."""
        m = self.mask(q)
        rows = self.order[m[self.order]]
        return [dict(self.records[i]) for i in rows[offset : offset + limit]], int(rows.size)

    def timeline(self, q: Query) -> Record:
        m = self.mask(q) & (self.day > 0)
        if not m.any():
            return {"unit": "day", "bins": []}
        days = self.day[m]
        first = int(days.min())
        counts = np.bincount(days - first)
        span = int(days.max()) - first
        unit = next((u for limit, u in _UNITS if span <= limit), "year")
        bins: dict[date, int] = {}
        for k in np.flatnonzero(counts):
            d = _bin_start(date.fromordinal(first + int(k)), unit)
            bins[d] = bins.get(d, 0) + int(counts[k])
        return {"unit": unit, "bins": [{"date": d.isoformat(), "count": n} for d, n in sorted(bins.items())]}

    def facets(self, q: Query) -> Record:
        """Counts by type, status and country; each facet ignores its own filter."""
        out: Record = {}
        for name, codes, values in (("type", self.type, self.types), ("status", self.status, self.statuses)):
            counts = np.bincount(codes[self.mask(q.without(name))], minlength=len(values.values))
            out[name] = _top(counts, values)
        m = self.mask(q.without("country"))
        # An incident counts once for each of its countries (of its place or of its actors).
        hits = self.countries.codes[m[self.countries.rows]]
        out["country"] = _top(
            np.bincount(hits, minlength=len(self.countries.names.values)), self.countries.names
        )
        return out

    def network(self, q: Query, limit: int) -> Record:
        """Actors and who-acts-on-whom links, weighted by the number of matching incidents."""
        m = self.mask(q)
        keep = m[self.link_row]
        src, tgt = self.link_source[keep], self.link_target[keep]
        if not src.size:
            return {"nodes": [], "links": []}
        width = len(self.actors.names.values)
        pairs, counts = np.unique(src * width + tgt, return_counts=True)
        weight: dict[int, int] = defaultdict(int)
        for p, c in zip(pairs.tolist(), counts.tolist(), strict=True):
            weight[p // width] += c
            weight[p % width] += c
        names = self.actors.names.values
        kept = set(sorted(weight, key=lambda a: (-weight[a], names[a]))[:limit])
        links = [
            {"source": names[p // width], "target": names[p % width], "count": c}
            for p, c in zip(pairs.tolist(), counts.tolist(), strict=True)
            if p // width in kept and p % width in kept
        ]
        links.sort(key=lambda x: (-x["count"], x["source"], x["target"]))
        nodes = []
        for a in sorted(kept, key=lambda a: (-weight[a], names[a])):
            name, kind, country = self.actor_info.get(a, (names[a], None, None))
            nodes.append(
                {"id": names[a], "name": name, "kind": kind, "country": country, "events": weight[a]}
            )
        return {"nodes": nodes, "links": links}


def _pairs(pairs: set[tuple[int, int]], names: Codes) -> Pairs:
    ordered = sorted(pairs)
    return Pairs(
        np.array([p[0] for p in ordered], dtype=np.int64),
        np.array([p[1] for p in ordered], dtype=np.int64),
        names,
    )


def _top(counts: Ints, values: Codes, n: int = 60) -> list[Record]:
    ranked = sorted(
        (-int(c), values.values[i]) for i, c in enumerate(counts.tolist()) if c > 0 and values.values[i]
    )
    return [{"value": v, "count": -c} for c, v in ranked[:n]]


def _ordinal(day: str) -> int:
    try:
        return date.fromisoformat(day).toordinal() if len(day) == 10 else 0
    except ValueError:
        return 0


def _bin_start(d: date, unit: str) -> date:
    if unit == "week":
        return date.fromordinal(d.toordinal() - d.weekday())
    if unit == "month":
        return d.replace(day=1)
    if unit == "year":
        return d.replace(month=1, day=1)
    return d


class IndexCache:
    """The index of one store, rebuilt when the database says it changed (checked at most once a second)."""

    def __init__(self) -> None:
        self.index: IncidentIndex | None = None
        self.version: Any = None
        self.checked = 0.0

    def get(self, store: Store) -> IncidentIndex:
        now = time.monotonic()
        if self.index is None or now - self.checked >= _CHECK_EVERY:
            self.checked = now
            version = data_version(store)
            if self.index is None or version != self.version:
                self.index, self.version = IncidentIndex(store), version
        return self.index

    def invalidate(self) -> None:
        self.index = None


def data_version(store: Store) -> Any:
    """Changes when another connection commits (SQLite) or the incidents change (PostgreSQL)."""
    if store.db.name == "sqlite":
        return store.db.execute("PRAGMA data_version").fetchone()[0]
    row = store.db.execute(
        "SELECT (SELECT count(*) FROM incident_reports), (SELECT max(ingested_at) FROM articles)"
    ).fetchone()
    return tuple(row)
