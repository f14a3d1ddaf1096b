"""Merge across articles: copies (``duplicates``), stories, incidents, and the actor network they feed.

``merge_store(store)`` reads the stored reports, recomputes every corpus-level table and replaces
them in one transaction, so it can be run after each ingest (``sitroom ingest`` does) or on its own.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sitroom.merge.duplicates import find_duplicates
from sitroom.merge.incidents import EventInput, find_incidents, independent_sources, summarise
from sitroom.merge.stories import StoryInput, find_stories

if TYPE_CHECKING:
    from sitroom.store import Store

log = logging.getLogger(__name__)

# Entity types that name who and where: the story features; dates and numbers say nothing of the story.
STORY_ENTITIES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")


def merge_store(store: Store) -> dict[str, int]:
    """Rebuild duplicates, stories, incidents and incident_reports; returns their row counts."""
    db = store.db
    rows = db.execute("SELECT id, title, text, published, publisher FROM articles ORDER BY id").fetchall()
    ids = [r[0] for r in rows]
    published = {r[0]: r[3] for r in rows}
    publisher = {r[0]: r[4] for r in rows}
    duplicates = find_duplicates(ids, [r[2] for r in rows], [r[3] or "" for r in rows])
    copies = {d.article_id: d.duplicate_of for d in duplicates}

    marks = ", ".join("?" * len(STORY_ENTITIES))
    entities: dict[str, list[str]] = defaultdict(list)
    for article_id, text in db.execute(
        f"SELECT article_id, text FROM entities WHERE label IN ({marks})", STORY_ENTITIES
    ).fetchall():
        entities[article_id].append(text)
    stories = find_stories(
        [StoryInput(r[0], r[1] or "", r[2], r[3], tuple(entities.get(r[0], ()))) for r in rows]
    )

    events = _events(store)
    incidents = find_incidents(events, copies)
    incident_rows: list[tuple[Any, ...]] = []
    report_rows: list[tuple[Any, ...]] = []
    for inc in incidents:
        articles = sorted(inc.articles, key=lambda a: (published.get(a) or "", a))
        s = summarise(inc)
        incident_rows.append(
            (
                inc.id, s["type"], s["quad"], s["status"], s["date_start"], s["date_end"], s["place"],
                s["lat"], s["lon"], s["country"], len(inc.events), len(articles),
                independent_sources(articles, publisher, copies),
            )
        )  # fmt: skip
        counted: set[str] = set()
        for e in sorted(inc.events, key=lambda e: (published.get(e.article_id) or "", e.id)):
            key = _source_key(e.article_id, publisher, copies)
            independent = int(not (key & counted))
            counted |= key
            report_rows.append((inc.id, e.id, e.article_id, publisher.get(e.article_id), independent))
    store.replace_merge(
        {
            "duplicates": [(d.article_id, d.duplicate_of, d.similarity) for d in duplicates],
            "stories": sorted(stories.items()),
            "incidents": incident_rows,
            "incident_reports": report_rows,
        }
    )
    counts = {
        "articles": len(ids),
        "duplicates": len(duplicates),
        "stories": len(set(stories.values())),
        "events": len(events),
        "incidents": len(incidents),
    }
    log.info("merged: %s", counts)
    return counts


def _source_key(article_id: str, publisher: dict[str, str | None], copies: dict[str, str]) -> set[str]:
    keys = {f"copy:{copies.get(article_id, article_id)}"}
    if publisher.get(article_id):
        keys.add(f"pub:{(publisher[article_id] or '').strip().lower()}")
    return keys


def _events(store: Store) -> list[EventInput]:
    db = store.db
    actors: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"source": set(), "target": set()})
    for event_id, role, actor_id in db.execute(
        "SELECT event_id, role, actor_id FROM event_actors"
    ).fetchall():
        actors[event_id][role].add(actor_id)
    out = []
    for r in db.execute(
        "SELECT id, article_id, type, status, date_start, date_end, date_precision, published, lat, lon, "
        "geonameid, place, country, quad, evidence FROM events ORDER BY id"
    ).fetchall():
        a = actors.get(r[0])
        out.append(
            EventInput(
                id=r[0], article_id=r[1], type=r[2], status=r[3], date_start=r[4], date_end=r[5],
                precision=r[6], published=r[7], lat=r[8], lon=r[9], geonameid=r[10], place=r[11],
                country=r[12], quad=r[13],
                sources=frozenset(a["source"]) if a else frozenset(),
                targets=frozenset(a["target"]) if a else frozenset(),
                evidence=r[14],
            )
        )  # fmt: skip
    return out
