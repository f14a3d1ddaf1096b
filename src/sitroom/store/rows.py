"""Flatten a Document into the rows of the store's tables (one table per Document field).

The full report is kept too (``articles.report``), so the tables serve queries and people browsing
the file, while :meth:`Store.document` rebuilds the exact Document from the report.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sitroom.document import Document, Event

Row = tuple[Any, ...]

# Article tables in the order save() fills them; delete() empties them in the same order.
ARTICLE_TABLES = (
    "entities",
    "actors",
    "actor_mentions",
    "places",
    "place_mentions",
    "dates",
    "quotes",
    "claims",
    "events",
    "event_actors",
    "event_quantities",
    "agreements",
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "input", "url", "format", "title", "authors", "publisher", "published", "language",
        "text", "raw", "stages", "report", "ingested_at",
    ),
    "entities": ("article_id", "start_char", "end_char", "label", "text"),
    "actors": ("article_id", "actor_id", "name", "kind", "country", "sector", "mentions"),
    "actor_mentions": ("article_id", "actor_id", "start_char", "end_char", "text"),
    "places": (
        "article_id", "place_no", "name", "geonameid", "lat", "lon", "country", "feature", "mentions",
    ),
    "place_mentions": ("article_id", "place_no", "start_char", "end_char", "text"),
    "dates": (
        "article_id", "date_no", "start_char", "end_char", "text", "value", "end_value", "precision", "kind",
    ),
    "quotes": (
        "id", "article_id", "quote_no", "kind", "start_char", "end_char", "text", "speaker",
        "speaker_actor", "speaker_role", "speaker_affiliation", "cue",
    ),
    "claims": (
        "article_id", "claim_no", "start_char", "end_char", "text", "certainty", "source", "source_actor",
    ),
    "events": (
        "id", "article_id", "event_no", "type", "quad", "mode", "cameo", "acled", "status",
        "date_start", "date_end", "date_precision", "date_text", "place", "geonameid", "lat", "lon",
        "country", "attributed_to", "evidence_start", "evidence_end", "evidence", "published", "publisher",
    ),
    "event_actors": ("event_id", "article_id", "role", "actor_id", "name", "kind", "country", "sector"),
    "event_quantities": (
        "event_id", "article_id", "value", "low", "high", "unit", "start_char", "end_char", "text",
    ),
    "agreements": (
        "article_id", "agreement_no", "name", "parties", "brokers", "date_start",
        "evidence_start", "evidence_end", "evidence",
    ),
}  # fmt: skip


@dataclass
class Rows:
    """The rows one Document contributes to each table."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})


@functools.cache
def plover() -> dict[str, Any]:
    """Quad classes and ACLED mapping of the PLOVER types (``data/plover_export.json``)."""
    text = resources.files("sitroom").joinpath("data/plover_export.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def quad(event_type: str) -> int | None:
    """PLOVER quad class of an event type (PLOVER_MANUAL Table 7.2), None for an unknown type."""
    value = plover()["quad"].get(event_type.upper())
    return None if value is None else int(value)


def event_id(article_id: str, n: int) -> str:
    return f"{article_id}:{n}"


def to_rows(doc: Document, input_name: str | None = None) -> Rows:
    """Every row ``doc`` contributes, keyed by table."""
    out = Rows()
    t = out.tables
    a = doc.id
    m = doc.meta
    report = _without_span_texts(doc.to_json())
    del report["text"]
    t["articles"].append(
        (
            a, input_name or doc.source.path, doc.source.url, doc.source.format, m.title,
            json.dumps(list(m.authors), ensure_ascii=False), m.publisher, m.published, m.language,
            doc.text, doc.raw, " ".join(doc.stages),
            json.dumps(report, ensure_ascii=False, separators=(",", ":")),
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )  # fmt: skip
    txt = doc.span_text
    t["entities"] = [(a, e.start, e.end, e.label, txt(e)) for e in doc.entities]
    for actor in doc.actors:
        t["actors"].append(
            (a, actor.id, actor.name, actor.kind, actor.country, actor.sector, len(actor.mentions))
        )
        t["actor_mentions"].extend((a, actor.id, s.start, s.end, txt(s)) for s in actor.mentions)
    for n, p in enumerate(doc.places):
        t["places"].append((a, n, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature, len(p.mentions)))
        t["place_mentions"].extend((a, n, s.start, s.end, txt(s)) for s in p.mentions)
    t["dates"] = [
        (a, n, d.span.start, d.span.end, txt(d.span), d.value, d.end_value, d.precision, d.kind)
        for n, d in enumerate(doc.dates)
    ]
    for n, q in enumerate(doc.quotes):
        sp = q.speaker
        t["quotes"].append(
            (
                f"{a}:{n}", a, n, q.kind, q.content.start, q.content.end, txt(q.content),
                None if sp is None else sp.name, None if sp is None else sp.actor,
                None if sp is None else sp.role, None if sp is None else sp.affiliation,
                None if q.cue is None else txt(q.cue),
            )
        )  # fmt: skip
    t["claims"] = [
        (
            a, n, c.span.start, c.span.end, txt(c.span), c.certainty,
            None if c.source is None else c.source.name, None if c.source is None else c.source.actor,
        )
        for n, c in enumerate(doc.claims)
    ]  # fmt: skip
    for n, e in enumerate(doc.events):
        _event_rows(doc, n, e, t)
    t["agreements"] = [
        (
            a, n, g.name, json.dumps(list(g.parties)), json.dumps(list(g.brokers)),
            None if g.date is None else g.date.start, g.evidence.start, g.evidence.end, txt(g.evidence),
        )
        for n, g in enumerate(doc.agreements)
    ]  # fmt: skip
    return out


def _event_rows(doc: Document, n: int, e: Event, t: dict[str, list[Row]]) -> None:
    a = doc.id
    eid = event_id(a, n)
    d, p = e.date, e.place
    t["events"].append(
        (
            eid, a, n, e.type, quad(e.type), e.mode, e.cameo, e.acled, e.status,
            None if d is None else d.start, None if d is None else (d.end or d.start),
            None if d is None else d.precision,
            None if d is None or d.span is None else doc.span_text(d.span),
            None if p is None else p.name, None if p is None else p.geonameid,
            None if p is None else p.lat, None if p is None else p.lon, _event_country(doc, e),
            e.attributed_to, e.evidence.start, e.evidence.end, doc.span_text(e.evidence),
            doc.meta.published, doc.meta.publisher,
        )
    )  # fmt: skip
    actors = {x.id: x for x in doc.actors}
    for role, ids in (("source", e.source), ("target", e.target)):
        for actor_id in ids:
            x = actors.get(actor_id)
            t["event_actors"].append(
                (
                    eid, a, role, actor_id, None if x is None else x.name, None if x is None else x.kind,
                    None if x is None else x.country, None if x is None else x.sector,
                )
            )  # fmt: skip
    t["event_quantities"].extend(
        (eid, a, q.value, q.low, q.high, q.unit, q.span.start, q.span.end, doc.span_text(q.span))
        for q in e.quantities
    )


def _event_country(doc: Document, e: Event) -> str | None:
    """The country of the event's place: the report's resolved Place with the same geonameid or name."""
    if e.place is None:
        return None
    for p in doc.places:
        if (e.place.geonameid is not None and p.geonameid == e.place.geonameid) or p.name == e.place.name:
            return p.country
    return None


def _without_span_texts(data: Any) -> Any:
    """The report less the ``text`` of every span: ``from_json`` re-derives it from ``articles.text``.

    A span is a dict with integer ``start`` and ``end``; this shrinks the stored report by half.
    """
    if isinstance(data, list):
        return [_without_span_texts(x) for x in data]
    if isinstance(data, dict):
        span = isinstance(data.get("start"), int) and isinstance(data.get("end"), int)
        return {k: _without_span_texts(v) for k, v in data.items() if not (span and k == "text")}
    return data
