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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

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
_EPOCH = pd.Timestamp("1970-01-01")
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# How often (seconds) to ask the database whether it changed.
_CHECK_EVERY = 1.0


class Codes:
    """Strings <-> small integers, so that columns of names become integer arrays."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.values: list[str] = list(values)
        self.index: dict[str, int] = {v: i for i, v in enumerate(self.values)}


def _factorize(values: pd.Series) -> tuple[Ints, Codes]:
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64), Codes(str(u) for u in uniques)


@dataclass
class Pairs:
    """A many-to-many attribute: row ``rows[i]`` has value ``codes[i]``."""

    rows: Ints
    codes: Ints
    names: Codes

    @classmethod
    def of(cls, frame: pd.DataFrame, row: str, value: str) -> Pairs:
        frame = frame[[row, value]].dropna().drop_duplicates()
        codes, names = _factorize(frame[value])
        return cls(frame[row].to_numpy(np.int64), codes, names)

    def having(self, n: int, values: set[int]) -> Bools:
        """Rows (of ``n``) that have at least one of ``values``."""
        mask = np.zeros(n, dtype=bool)
        if values:
            mask[self.rows[np.isin(self.codes, list(values))]] = True
        return mask

    def count(self, mask: Bools, n: int = 60) -> list[Record]:
        """How many rows selected by ``mask`` have each value, most first."""
        counts = np.bincount(self.codes[mask[self.rows]], minlength=len(self.names.values))
        return _top(counts, self.names, n)


class IncidentIndex:
    """Every incident of a store, filterable and countable in memory (and the facets of its articles)."""

    def __init__(self, store: Store) -> None:
        names, rows = store.db.all(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents ORDER BY id")
        self.records = [dict(zip(names, r, strict=True)) for r in rows]
        frame = pd.DataFrame.from_records(rows, columns=names)
        n = self.n = len(rows)
        self.type, self.types = _factorize(frame["type"])
        self.status, self.statuses = _factorize(frame["status"])
        self.place, self.places = _factorize(frame["place"].fillna("").str.lower())
        self.sources = frame["sources"].fillna(0).to_numpy(np.int64)
        start = frame["date_start"].fillna("").str.slice(0, 10)
        self.start = start.to_numpy("<U10")
        self.end = frame["date_end"].fillna(frame["date_start"]).fillna("").str.slice(0, 10).to_numpy("<U10")
        days = pd.to_datetime(start.where(start.str.len() == 10), errors="coerce", format="%Y-%m-%d")
        # Day numbers (proleptic ordinals, as date.toordinal); 0 when undated.
        self.day = np.where(days.isna(), 0, (days - _EPOCH).dt.days.fillna(0) + _EPOCH_ORDINAL).astype(
            np.int64
        )
        # Sort order of the list views: most independent sources, then latest, then id.
        self.order = np.lexsort((np.arange(n), -self.day, -self.sources)) if n else np.zeros(0, np.int64)
        self._load_pairs(store, pd.Series(np.arange(n), index=frame["id"]))
        self._load_articles(store)

    def _load_pairs(self, store: Store, row_of: pd.Series) -> None:
        reports = _frame(
            store, "SELECT event_id, incident_id FROM incident_reports", ("event_id", "incident_id")
        )
        reports["row"] = reports["incident_id"].map(row_of)
        reports = reports.dropna(subset=["row"])
        events = _frame(
            store, "SELECT id, country, publisher FROM events", ("event_id", "country", "publisher")
        )
        events = events.merge(reports, on="event_id")
        actors = _frame(
            store,
            "SELECT event_id, role, actor_id, name, kind, country FROM event_actors",
            ("event_id", "role", "actor_id", "name", "kind", "country"),
        ).merge(reports, on="event_id")
        countries = pd.concat([events[["row", "country"]], actors[["row", "country"]]])
        self.countries = Pairs.of(countries, "row", "country")
        self.publishers = Pairs.of(events, "row", "publisher")
        self.actors = Pairs.of(actors, "row", "actor_id")
        index = self.actors.names.index
        self.actor_names: dict[str, set[int]] = defaultdict(set)  # lower(name) -> actor codes
        self.actor_info: dict[int, tuple[str, str | None, str | None]] = {}
        for actor_id, name, kind, country in (
            actors[["actor_id", "name", "kind", "country"]]
            .drop_duplicates("actor_id")
            .itertuples(index=False)
        ):
            code = index[actor_id]
            self.actor_info[code] = (_text(name) or actor_id, _text(kind), _text(country))
        for actor_id, name in actors[["actor_id", "name"]].dropna().drop_duplicates().itertuples(index=False):
            self.actor_names[str(name).lower()].add(index[actor_id])
        actors["code"] = actors["actor_id"].map(index)
        src = actors[actors["role"] == "source"][["event_id", "row", "code"]]
        tgt = actors[actors["role"] == "target"][["event_id", "code"]]
        links = src.merge(tgt, on="event_id", suffixes=("_s", "_t"))
        links = links[links["code_s"] != links["code_t"]].drop_duplicates(["row", "code_s", "code_t"])
        self.link_row = links["row"].to_numpy(np.int64)
        self.link_source = links["code_s"].to_numpy(np.int64)
        self.link_target = links["code_t"].to_numpy(np.int64)

    def _load_articles(self, store: Store) -> None:
        """What search facets count: each article's publisher, event types and place countries."""
        articles = _frame(store, "SELECT id, publisher FROM articles", ("article_id", "publisher"))
        self.article_ids = pd.Index(articles["article_id"])
        articles["row"] = np.arange(len(articles))
        row_of = pd.Series(articles["row"].to_numpy(), index=articles["article_id"])
        types = _frame(store, "SELECT DISTINCT article_id, type FROM events", ("article_id", "type"))
        places = _frame(
            store,
            "SELECT DISTINCT article_id, country FROM places WHERE country IS NOT NULL",
            ("article_id", "country"),
        )
        types["row"] = types["article_id"].map(row_of)
        places["row"] = places["article_id"].map(row_of)
        self.article_facet_pairs = {
            "publisher": Pairs.of(articles, "row", "publisher"),
            "type": Pairs.of(types.dropna(subset=["row"]), "row", "type"),
            "country": Pairs.of(places.dropna(subset=["row"]), "row", "country"),
        }

    def article_facets(self, ids: list[str], n: int = 20) -> Record:
        """Publisher, event type and country counts over the articles ``ids`` (search results)."""
        rows = self.article_ids.get_indexer(ids)
        mask = np.zeros(len(self.article_ids), dtype=bool)
        mask[rows[rows >= 0]] = True
        return {name: pairs.count(mask, n) for name, pairs in self.article_facet_pairs.items()}

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


def _text(value: Any) -> str | None:
    """A string from a pandas cell, None for a missing one (pandas reads NULL as NaN after a merge)."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _frame(store: Store, sql: str, columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame.from_records(store.db.execute(sql).fetchall(), columns=list(columns))


def _top(counts: Ints, values: Codes, n: int = 60) -> list[Record]:
    ranked = sorted(
        (-int(c), values.values[i]) for i, c in enumerate(counts.tolist()) if c > 0 and values.values[i]
    )
    return [{"value": v, "count": -c} for c, v in ranked[:n]]


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
