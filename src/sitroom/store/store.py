"""The Store: reports saved one transaction each, and read back as DataFrames, records or Documents.

Writes come from one process at a time (``sitroom ingest`` keeps the writing in its main process);
reads may come from anywhere, e.g. the REST API of issue 7: every read method takes ``Filters``,
``limit`` and ``offset`` and has a ``*_records`` twin that returns plain dicts ready for JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sitroom.document import Document
from sitroom.errors import StoreError
from sitroom.store.dialect import Dialect, open_dialect
from sitroom.store.filters import Filters, articles_where, events_where, incidents_where
from sitroom.store.rows import ARTICLE_TABLES, COLUMNS, to_rows

if TYPE_CHECKING:
    import pandas as pd

Record = dict[str, Any]

# Columns of the list views: everything but the bulky text, raw and report.
ARTICLE_LIST = ("id", "input", "url", "format", "title", "authors", "publisher", "published", "language",
                "stages", "ingested_at")  # fmt: skip


def input_key(name: str, raw: str) -> str:
    """The key of one input, known before analysis: resuming skips keys already in the store."""
    digest = hashlib.sha256()
    digest.update(name.encode("utf-8", "replace"))
    digest.update(b"\0")
    digest.update(raw.encode("utf-8", "replace"))
    return digest.hexdigest()[:32]


class Store:
    """A corpus of reports in SQLite (a file path) or PostgreSQL (``postgresql://...``)."""

    def __init__(self, db: Dialect) -> None:
        self.db = db

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (creating it if needed) the store at ``url``: a path, ``sqlite:///PATH`` or ``postgresql://...``."""
        db = open_dialect(url)
        db.create_schema()
        return cls(db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def save(self, doc: Document, key: str | None = None, input_name: str | None = None) -> bool:
        """Store one report in one transaction; True when written, False when already there.

        Idempotent by ``doc.id``: the same article produced by the same stage versions is stored once;
        one produced by other stage versions replaces the stored one (``--reanalyze``).
        """
        if not doc.id:
            raise StoreError("cannot store a document without an id (run the clean stage first)")
        stages = " ".join(doc.stages)
        name = input_name or doc.source.path or doc.source.url or doc.id
        with self.db.transaction():
            row = self.db.execute("SELECT stages FROM articles WHERE id = ?", (doc.id,)).fetchone()
            written = row is None or row[0] != stages
            if written:
                if row is not None:
                    self._delete(doc.id)
                for table, rows in to_rows(doc, input_name).tables.items():
                    cols = COLUMNS[table]
                    self.db.executemany(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows
                    )
            if key is not None:
                self._record_input(key, name, doc.id)
        return written

    def record_failure(self, key: str, input_name: str, reason: str) -> None:
        """Remember that an input failed, and why (listed by :meth:`failures`; skipped on resume)."""
        now = _now()
        with self.db.transaction():
            self.db.execute("DELETE FROM failures WHERE input_key = ?", (key,))
            self.db.execute(
                "INSERT INTO failures (input_key, input, reason, failed_at) VALUES (?, ?, ?, ?)",
                (key, input_name, reason, now),
            )
            self._record_input(key, input_name, None)

    def forget_failures(self) -> int:
        """Drop the recorded failures so that the next ingest tries those inputs again."""
        with self.db.transaction():
            n = int(self.db.execute("SELECT count(*) FROM failures").fetchone()[0])
            self.db.execute("DELETE FROM inputs WHERE article_id IS NULL")
            self.db.execute("DELETE FROM failures")
        return n

    def delete(self, article_id: str) -> None:
        with self.db.transaction():
            self._delete(article_id)

    def _delete(self, article_id: str) -> None:
        for table in ARTICLE_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _record_input(self, key: str, name: str, article_id: str | None) -> None:
        self.db.execute(
            "INSERT INTO inputs (input_key, input, article_id, seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (input_key) DO UPDATE SET article_id = excluded.article_id, "
            "seen_at = excluded.seen_at",
            (key, name, article_id, _now()),
        )
        if article_id is not None:
            self.db.execute("DELETE FROM failures WHERE input_key = ?", (key,))

    def replace_merge(self, tables: dict[str, list[tuple[Any, ...]]]) -> None:
        """Replace the corpus-level tables (duplicates, stories, incidents...) in one transaction."""
        with self.db.transaction():
            for table, rows in tables.items():
                self.db.execute(f"DELETE FROM {table}")
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    self.db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def merge(self) -> dict[str, int]:
        """Detect copies, group stories and merge events into incidents across the whole store."""
        from sitroom.merge import merge_store

        return merge_store(self)

    # --- reading: single items ------------------------------------------------------------------

    def known_inputs(self, keys: Iterable[str]) -> set[str]:
        """The subset of input keys already stored or recorded as failed."""
        found: set[str] = set()
        chunk: list[str] = []
        for key in keys:
            chunk.append(key)
            if len(chunk) == 500:
                found |= self._known(chunk)
                chunk = []
        return found | (self._known(chunk) if chunk else set())

    def _known(self, keys: Sequence[str]) -> set[str]:
        marks = ", ".join("?" * len(keys))
        rows = self.db.execute(f"SELECT input_key FROM inputs WHERE input_key IN ({marks})", keys).fetchall()
        return {r[0] for r in rows}

    def document(self, article_id: str) -> Document:
        """The stored report as the Document it was saved from (raw included)."""
        row = self.db.execute("SELECT report, text, raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id!r} in the store")
        report = json.loads(row[0])
        report["text"], report["raw"] = row[1], row[2]
        return Document.from_json(report)

    def documents(self, filters: Filters | None = None) -> Iterator[Document]:
        for article_id in self.article_ids(filters):
            yield self.document(article_id)

    def article_ids(self, filters: Filters | None = None) -> list[str]:
        where, params = articles_where(filters or Filters())
        return [r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE {where} ORDER BY id", params)]

    def stale(self, current: Sequence[str]) -> list[str]:
        """Ids of articles produced by other stage versions than ``current`` (e.g. ["clean@1", "nlp@2"])."""
        want = " ".join(current)
        return [
            r[0] for r in self.db.execute("SELECT id FROM articles WHERE stages <> ? ORDER BY id", (want,))
        ]

    def count(self, table: str) -> int:
        if table not in COLUMNS and table not in _CORPUS_TABLES:
            raise StoreError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # --- reading: lists as records ------------------------------------------------------------

    def articles_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        where, params = articles_where(filters or Filters())
        cols = ", ".join(f"articles.{c}" for c in ARTICLE_LIST)
        sql = f"SELECT {cols} FROM articles WHERE {where} ORDER BY articles.published, articles.id"
        return self._records(sql, params, limit, offset)

    def events_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """Events with their actors as ``source``/``target`` lists of ids and ``incident_id``."""
        where, params = events_where(filters or Filters())
        sql = (
            "SELECT events.*, r.incident_id FROM events "
            "LEFT JOIN incident_reports r ON r.event_id = events.id "
            f"WHERE {where} ORDER BY coalesce(events.date_start, events.published), events.id"
        )
        rows = self._records(sql, params, limit, offset)
        self._attach_actors(rows)
        return rows

    def actors_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """Actors across articles: one row per actor id with the articles and mentions that name it."""
        f = filters or Filters()
        where, params = articles_where(
            Filters(since=f.since, until=f.until, publisher=f.publisher), "a", "article_id"
        )
        if f.country:
            where += " AND a.country = ?"
            params.append(f.country.upper())
        if f.actor:
            where += " AND (a.actor_id = ? OR lower(a.name) = lower(?))"
            params += [f.actor, f.actor]
        sql = (
            "SELECT a.actor_id, min(a.name) AS name, min(a.kind) AS kind, min(a.country) AS country, "
            "min(a.sector) AS sector, count(DISTINCT a.article_id) AS articles, sum(a.mentions) AS mentions "
            f"FROM actors a WHERE {where} GROUP BY a.actor_id "
            "ORDER BY count(DISTINCT a.article_id) DESC, a.actor_id"
        )
        return self._records(sql, params, limit, offset)

    def places_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """Places across articles: one row per place (geonameid, else name)."""
        f = filters or Filters()
        where, params = articles_where(
            Filters(since=f.since, until=f.until, publisher=f.publisher), "p", "article_id"
        )
        if f.country:
            where += " AND p.country = ?"
            params.append(f.country.upper())
        sql = (
            "SELECT min(p.name) AS name, p.geonameid, min(p.lat) AS lat, min(p.lon) AS lon, "
            "min(p.country) AS country, min(p.feature) AS feature, count(DISTINCT p.article_id) AS articles, "
            f"sum(p.mentions) AS mentions FROM places p WHERE {where} "
            "GROUP BY p.geonameid, CASE WHEN p.geonameid IS NULL THEN p.name END "
            "ORDER BY count(DISTINCT p.article_id) DESC, min(p.name)"
        )
        return self._records(sql, params, limit, offset)

    def quotes_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        f = filters or Filters()
        where, params = articles_where(
            Filters(since=f.since, until=f.until, publisher=f.publisher, country=f.country),
            "quotes",
            "article_id",
        )
        if f.actor:
            where += " AND (quotes.speaker_actor = ? OR lower(quotes.speaker) = lower(?))"
            params += [f.actor, f.actor]
        sql = f"SELECT quotes.* FROM quotes WHERE {where} ORDER BY quotes.article_id, quotes.quote_no"
        return self._records(sql, params, limit, offset)

    def incidents_records(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        where, params = incidents_where(filters or Filters())
        sql = f"SELECT incidents.* FROM incidents WHERE {where} ORDER BY incidents.date_start, incidents.id"
        return self._records(sql, params, limit, offset)

    def incident(self, incident_id: str) -> Record:
        """One incident with every report (event, article, publisher, evidence) and every figure."""
        rows = self._records("SELECT * FROM incidents WHERE id = ?", [incident_id], None, 0)
        if not rows:
            raise StoreError(f"no incident {incident_id!r} in the store")
        out = rows[0]
        out["reports"] = self._records(
            "SELECT r.event_id, r.article_id, r.publisher, r.independent, e.type, e.status, e.date_start, "
            "e.place, e.attributed_to, e.evidence, e.evidence_start, e.evidence_end, a.url, a.title "
            "FROM incident_reports r JOIN events e ON e.id = r.event_id "
            "JOIN articles a ON a.id = r.article_id "
            "WHERE r.incident_id = ? ORDER BY e.published, r.event_id",
            [incident_id], None, 0,
        )  # fmt: skip
        out["figures"] = self.figures_records(incident_id)
        return out

    def figures_records(self, incident_id: str) -> list[Record]:
        """Every figure reported for an incident, side by side with who reports it; never averaged."""
        return self._records(
            "SELECT * FROM incident_figures WHERE incident_id = ? ORDER BY unit, value, publisher",
            [incident_id], None, 0,
        )  # fmt: skip

    def search_records(
        self, query: str, kind: str = "articles", limit: int | None = 20, offset: int = 0
    ) -> list[Record]:
        """Full-text search over ``articles`` (title and text) or ``quotes`` (text and speaker)."""
        if kind == "articles":
            cols = ", ".join(f"articles.{c}" for c in ARTICLE_LIST)
        elif kind == "quotes":
            cols = "quotes.*"
        else:
            raise StoreError(f"cannot search {kind!r}; choose articles or quotes")
        where, params = self.db.search(kind, query)
        return self._records(
            f"SELECT {cols} FROM {kind} WHERE {where} ORDER BY {kind}.id", list(params), limit, offset
        )

    def network_records(self, filters: Filters | None = None, period: str = "month") -> list[Record]:
        """Who acts on whom: one edge per (period, source actor, target actor, quad) over incidents.

        ``cooperative`` is True for PLOVER quads 1-2 and False for 3-4; ``incident_ids`` traces each edge.
        """
        width = {"year": 4, "month": 7, "day": 10, "all": 0}.get(period)
        if width is None:
            raise StoreError(f"unknown period {period!r}; choose year, month, day or all")
        where, params = incidents_where(filters or Filters(), "i")
        sql = (
            "SELECT DISTINCT coalesce(i.date_start, e.published) AS day, s.actor_id, s.name, "
            "t.actor_id, t.name, "
            "i.quad, i.id FROM incidents i JOIN incident_reports r ON r.incident_id = i.id "
            "JOIN events e ON e.id = r.event_id "
            "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
            "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' "
            f"WHERE {where} AND s.actor_id <> t.actor_id"
        )
        edges: dict[tuple[str, str, str, int | None], Record] = {}
        for day, src, src_name, tgt, tgt_name, quad, incident_id in self.db.execute(sql, params).fetchall():
            when = (day or "")[:width] if width else "all"
            key = (when, src, tgt, quad)
            edge = edges.setdefault(key, {
                "period": when, "source": src, "source_name": src_name or src, "target": tgt,
                "target_name": tgt_name or tgt, "quad": quad,
                "cooperative": None if quad is None else quad <= 2, "incidents": 0, "incident_ids": [],
            })  # fmt: skip
            if incident_id not in edge["incident_ids"]:
                edge["incident_ids"].append(incident_id)
                edge["incidents"] += 1
        return sorted(edges.values(), key=lambda e: (e["period"], -e["incidents"], e["source"], e["target"]))

    def failures_records(self) -> list[Record]:
        return self._records(
            "SELECT input, reason, failed_at FROM failures ORDER BY failed_at, input", [], None, 0
        )

    # --- reading: DataFrames ---------------------------------------------------------------------

    def articles(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        return _frame(self.articles_records(filters, limit, offset), ARTICLE_LIST)

    def events(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        cols = (*COLUMNS["events"], "incident_id", "source", "target")
        return _frame(self.events_records(filters, limit, offset), cols)

    def actors(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        cols = ("actor_id", "name", "kind", "country", "sector", "articles", "mentions")
        return _frame(self.actors_records(filters, limit, offset), cols)

    def places(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        cols = ("name", "geonameid", "lat", "lon", "country", "feature", "articles", "mentions")
        return _frame(self.places_records(filters, limit, offset), cols)

    def quotes(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        return _frame(self.quotes_records(filters, limit, offset), COLUMNS["quotes"])

    def incidents(
        self, filters: Filters | None = None, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        cols = ("id", "type", "quad", "status", "date_start", "date_end", "place", "lat", "lon", "country",
                "reports", "articles", "sources")  # fmt: skip
        return _frame(self.incidents_records(filters, limit, offset), cols)

    def figures(self, incident_id: str) -> pd.DataFrame:
        cols = ("incident_id", "unit", "value", "low", "high", "text", "event_id", "article_id", "publisher",
                "reported_by", "independent")  # fmt: skip
        return _frame(self.figures_records(incident_id), cols)

    def search(
        self, query: str, kind: str = "articles", limit: int | None = 20, offset: int = 0
    ) -> pd.DataFrame:
        return _frame(self.search_records(query, kind, limit, offset), ())

    def network(self, filters: Filters | None = None, period: str = "month") -> pd.DataFrame:
        cols = ("period", "source", "source_name", "target", "target_name", "quad", "cooperative",
                "incidents", "incident_ids")  # fmt: skip
        return _frame(self.network_records(filters, period), cols)

    def failures(self) -> pd.DataFrame:
        return _frame(self.failures_records(), ("input", "reason", "failed_at"))

    # --- helpers --------------------------------------------------------------------------------

    def _records(self, sql: str, params: list[Any], limit: int | None, offset: int) -> list[Record]:
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        elif offset:
            sql += f" LIMIT -1 OFFSET {int(offset)}" if self.db.name == "sqlite" else f" OFFSET {int(offset)}"
        names, rows = self.db.all(sql, params)
        return [dict(zip(names, r, strict=True)) for r in rows]

    def _attach_actors(self, events: list[Record]) -> None:
        for e in events:
            e["source"], e["target"] = [], []
        by_id = {e["id"]: e for e in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for event_id, role, actor_id in self.db.execute(
                f"SELECT event_id, role, actor_id FROM event_actors WHERE event_id IN ({marks})", chunk
            ).fetchall():
                by_id[event_id][role].append(actor_id)


_CORPUS_TABLES = ("articles", "inputs", "failures", "duplicates", "stories", "incidents", "incident_reports")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _frame(records: list[Record], columns: Sequence[str]) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError(
            "DataFrames need pandas: pip install 'sitroom[store]' (or use the *_records methods)"
        ) from exc
    if records or not columns:
        return pd.DataFrame.from_records(records)
    return pd.DataFrame(columns=list(columns))
