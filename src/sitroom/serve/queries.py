"""SQL read queries the API needs beyond the Store's own: event pages, search with facets, incident views.

Every query is parameterised SQL over the store's tables, built on the store's own WHERE clauses
(:mod:`sitroom.store.filters`), so the API filters exactly as ``sitroom export`` does. Two filters
exist only here because only incidents have them: ``min_sources`` and ``place``. The aggregates
over incidents (map, timeline, facets, network) come from :mod:`sitroom.serve.index` instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from sitroom.store import Filters, Store
from sitroom.store.filters import articles_where, events_where

Record = dict[str, Any]


@dataclass(frozen=True)
class Query:
    """The store's Filters plus the two incident-only ones."""

    filters: Filters = field(default_factory=Filters)
    min_sources: int = 1
    place: str | None = None

    def without(self, *names: str) -> Query:
        """The same query less some filters: a facet counts what its own choice would add."""
        cleared: dict[str, Any] = {n: () if n in ("type", "status") else None for n in names}
        f = replace(self.filters, **{k: v for k, v in cleared.items() if k not in ("place", "min_sources")})
        return Query(
            f, 1 if "min_sources" in names else self.min_sources, None if "place" in names else self.place
        )


def events_clause(q: Query, t: str = "events") -> tuple[str, list[Any]]:
    where, params = events_where(q.filters, t)
    if q.min_sources > 1:
        where += (
            f" AND EXISTS (SELECT 1 FROM incident_reports r JOIN incidents i ON i.id = r.incident_id "
            f"WHERE r.event_id = {t}.id AND i.sources >= ?)"
        )
        params.append(q.min_sources)
    if q.place:
        where += f" AND lower({t}.place) = lower(?)"
        params.append(q.place)
    return where, params


def _page(store: Store, sql: str, params: list[Any], limit: int, offset: int) -> list[Record]:
    names, rows = store.db.all(f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return [dict(zip(names, r, strict=True)) for r in rows]


def _scalar(store: Store, sql: str, params: list[Any]) -> int:
    return int(store.db.execute(sql, params).fetchone()[0] or 0)


def events(store: Store, q: Query, limit: int, offset: int) -> tuple[list[Record], int]:
    """A page of events with their source and target actor ids, and how many match in all."""
    where, params = events_clause(q)
    total = _scalar(store, f"SELECT count(*) FROM events WHERE {where}", params)
    sql = (
        "SELECT events.*, r.incident_id FROM events LEFT JOIN incident_reports r ON r.event_id = events.id "
        f"WHERE {where} ORDER BY coalesce(events.date_start, events.published) DESC, events.id"
    )
    rows = _page(store, sql, params, limit, offset)
    _attach_actors(store, rows)
    return rows, total


def _attach_actors(store: Store, rows: list[Record]) -> None:
    """Give each event its ``source`` and ``target`` actor ids (one IN query per page)."""
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["source"], r["target"] = [], []
    if not by_id:
        return
    marks = ", ".join("?" * len(by_id))
    for event_id, role, actor_id in store.db.execute(
        f"SELECT event_id, role, actor_id FROM event_actors WHERE event_id IN ({marks})",
        list(by_id),
    ).fetchall():
        if role in ("source", "target"):
            by_id[event_id][role].append(actor_id)


def count(store: Store, table: str, sql_where: tuple[str, list[Any]]) -> int:
    return _scalar(store, f"SELECT count(*) FROM {table} WHERE {sql_where[0]}", sql_where[1])


def search(store: Store, text: str, q: Query, limit: int, offset: int) -> tuple[Record, list[str]]:
    """A page of articles whose title or text match, newest first, with a snippet each.

    Returns the page and the ids of every match (for the facets, counted in memory by the index).
    """
    match, match_params = store.db.search("articles", text)
    where, params = articles_where(q.filters)
    matches = store.db.execute(
        f"SELECT articles.id, articles.published FROM articles WHERE {match} AND {where}",
        [*match_params, *params],
    ).fetchall()
    # Newest first, then by id: sorted here, since the full list is needed for the facets anyway.
    matches.sort(key=lambda r: r[0])
    matches.sort(key=lambda r: r[1] or "", reverse=True)
    page_ids = [r[0] for r in matches[offset : offset + limit]]
    rows: list[Record] = []
    if page_ids:
        marks = ", ".join("?" * len(page_ids))
        names, found = store.db.all(
            "SELECT articles.id, articles.title, articles.publisher, articles.published, articles.url, "
            "articles.text, (SELECT count(*) FROM events e WHERE e.article_id = articles.id) AS events "
            f"FROM articles WHERE articles.id IN ({marks})",
            page_ids,
        )
        by_id = {r[0]: dict(zip(names, r, strict=True)) for r in found}
        rows = [by_id[i] for i in page_ids]
    for row in rows:
        row["snippet"] = snippet(row.pop("text"), text)
    page = {"items": rows, "total": len(matches), "limit": limit, "offset": offset}
    return page, [r[0] for r in matches]


def snippet(text: str, query: str, width: int = 240) -> str:
    """About ``width`` characters of ``text`` around the first word of the query it contains."""
    words = [w.lower() for w in re.findall(r"\w+", query)]
    lowered = text.lower()
    hits = [i for w in words if (i := lowered.find(w)) >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


def incident(store: Store, incident_id: str) -> Record:
    """One incident, its reports with the evidence and the sentence around it, and every figure."""
    data = store.incident(incident_id)
    reports = data.pop("reports")
    figures = data.pop("figures")
    data["reports"] = len(reports)  # the Store puts the list where the incidents table has the count
    out_reports = []
    for r in reports:
        row = store.db.execute(
            "SELECT report, text, published FROM articles WHERE id = ?", (r["article_id"],)
        ).fetchone()
        report, text, published = json.loads(row[0]), row[1], row[2]
        start, end = int(r["evidence_start"]), int(r["evidence_end"])
        lo, hi = start, end
        for s in report.get("sentences", []):
            if s["start"] < end and s["end"] > start:
                lo, hi = min(lo, s["start"]), max(hi, s["end"])
        out_reports.append({
            "event_id": r["event_id"], "article_id": r["article_id"], "title": r["title"], "url": r["url"],
            "publisher": r["publisher"], "published": published, "independent": bool(r["independent"]),
            "type": r["type"], "status": r["status"], "attributed_to": r["attributed_to"],
            "evidence": {"start": start, "end": end, "text": text[start:end]},
            "context": {"start": lo, "end": hi, "text": text[lo:hi]},
        })  # fmt: skip
    for f in figures:
        span = store.db.execute(
            "SELECT start_char, end_char FROM event_quantities WHERE event_id = ? AND text = ? LIMIT 1",
            (f["event_id"], f["text"]),
        ).fetchone()
        f["start"], f["end"] = (int(span[0]), int(span[1])) if span else (None, None)
        name = store.db.execute(
            "SELECT name FROM actors WHERE article_id = ? AND actor_id = ?",
            (f["article_id"], f["reported_by"]),
        ).fetchone()
        f["reported_by_name"] = name[0] if name else f["reported_by"]
    return {"incident": data, "reports": out_reports, "figures": figures}
