"""The article report (``../shared/spec/report.md``): Document <-> JSON, the only serialiser."""

from __future__ import annotations

from typing import Any

from sitroom.document import (
    SCHEMA,
    Actor,
    Agreement,
    Caption,
    Claim,
    ClaimSource,
    DateRef,
    Document,
    Event,
    EventDate,
    EventPlace,
    Meta,
    Obligation,
    Place,
    Quantity,
    Quote,
    Removal,
    Segment,
    Source,
    Span,
    Speaker,
)

JSON = dict[str, Any]


def to_json(doc: Document, *, raw: bool = False) -> JSON:
    """Render ``doc`` as the report; every span gets its ``text`` from ``doc.text``.

    ``raw=True`` adds the input as received, so that the store can re-run any stage.
    """

    def span(s: Span, label: bool = False) -> JSON:
        out: JSON = {"start": s.start, "end": s.end, "text": doc.text[s.start : s.end]}
        if label or s.label:
            out["label"] = s.label
        return out

    def opt_span(s: Span | None) -> JSON | None:
        return None if s is None else span(s)

    def event_date(d: EventDate | None) -> JSON | None:
        if d is None:
            return None
        return {
            "start": d.start,
            "end": d.end,
            "precision": d.precision,
            "text": None if d.span is None else doc.span_text(d.span),
            "span": opt_span(d.span),
        }

    def speaker(s: Speaker | None) -> JSON | None:
        if s is None:
            return None
        return {
            "name": s.name,
            "actor": s.actor,
            "role": s.role,
            "affiliation": s.affiliation,
            "start": None if s.span is None else s.span.start,
            "end": None if s.span is None else s.span.end,
        }

    def place_ref(p: EventPlace | None) -> JSON | None:
        if p is None:
            return None
        return {
            "name": p.name,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "span": opt_span(p.span),
        }

    m = doc.meta
    out: JSON = {
        "schema": SCHEMA,
        "id": doc.id,
        "source": {"path": doc.source.path, "url": doc.source.url, "format": doc.source.format},
        "meta": {
            "title": m.title,
            "authors": list(m.authors),
            "publisher": m.publisher,
            "published": m.published,
            "language": m.language,
        },
        "text": doc.text,
        "captions": [{"text": c.text, "credit": c.credit} for c in doc.captions],
        "removed": [{"text": r.text, "reason": r.reason, "raw_start": r.raw_start} for r in doc.removed],
        "headings": [span(h, label=True) for h in doc.headings],
        "sentences": [
            {"start": s.start, "end": s.end, **({"label": s.label} if s.label else {})} for s in doc.sentences
        ],
        "entities": [span(e, label=True) for e in doc.entities],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "sector": a.sector,
                "mentions": [span(s) for s in a.mentions],
            }
            for a in doc.actors
        ],
        "places": [
            {
                "name": p.name,
                "geonameid": p.geonameid,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "feature": p.feature,
                "mentions": [span(s) for s in p.mentions],
            }
            for p in doc.places
        ],
        "dates": [
            {
                **span(d.span),
                "value": d.value,
                "end_value": d.end_value,
                "precision": d.precision,
                "kind": d.kind,
                "mod": d.mod,
            }
            for d in doc.dates
        ],
        "quotes": [
            {
                "kind": q.kind,
                **span(q.content),
                "speaker": speaker(q.speaker),
                "cue": opt_span(q.cue),
                "status": q.status,
            }
            for q in doc.quotes
        ],
        "claims": [
            {
                **span(c.span),
                "source": None if c.source is None else {"name": c.source.name, "actor": c.source.actor},
                "certainty": c.certainty,
            }
            for c in doc.claims
        ],
        "events": [
            {
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "acled": e.acled,
                "source": list(e.source),
                "target": list(e.target),
                "date": event_date(e.date),
                "place": place_ref(e.place),
                "origin": place_ref(e.origin),
                "quantities": [
                    {"value": q.value, "low": q.low, "high": q.high, "unit": q.unit, **span(q.span)}
                    for q in e.quantities
                ],
                "status": e.status,
                "attributed_to": e.attributed_to,
                "evidence": span(e.evidence),
                "also": [span(s) for s in e.also],
            }
            for e in doc.events
        ],
        "agreements": [
            {
                "name": a.name,
                "parties": list(a.parties),
                "brokers": list(a.brokers),
                "date": event_date(a.date),
                "obligations": [
                    {"party": o.party, "action": o.action, "deadline": o.deadline} for o in a.obligations
                ],
                "evidence": span(a.evidence),
            }
            for a in doc.agreements
        ],
        "segments": [[s.text_start, s.raw_start, s.length] for s in doc.segments],
        "stages": list(doc.stages),
    }
    if raw:
        out["raw"] = doc.raw
    return out


def from_json(data: JSON) -> Document:
    """Rebuild the Document that :func:`to_json` rendered (``text`` spans are re-derived, not read)."""

    def span(d: JSON, label: str = "") -> Span:
        return Span(d["start"], d["end"], d.get("label", label))

    def opt_span(d: JSON | None) -> Span | None:
        return None if d is None else span(d)

    def event_date(d: JSON | None) -> EventDate | None:
        if d is None:
            return None
        return EventDate(d["start"], d.get("end"), d.get("precision", "unknown"), opt_span(d.get("span")))

    def speaker(d: JSON | None) -> Speaker | None:
        if d is None:
            return None
        s = None if d.get("start") is None else Span(d["start"], d["end"])
        return Speaker(d["name"], s, d.get("actor"), d.get("role"), d.get("affiliation"))

    def place_ref(d: JSON | None) -> EventPlace | None:
        if d is None:
            return None
        return EventPlace(d["name"], d.get("geonameid"), d.get("lat"), d.get("lon"), opt_span(d.get("span")))

    m = data["meta"]
    return Document(
        id=data["id"],
        source=Source(**data["source"]),
        raw=data.get("raw", ""),
        meta=Meta(m["title"], tuple(m["authors"]), m["publisher"], m["published"], m["language"]),
        text=data["text"],
        segments=tuple(Segment(*s) for s in data.get("segments", [])),
        captions=tuple(Caption(c["text"], c.get("credit")) for c in data["captions"]),
        removed=tuple(Removal(r["text"], r["reason"], r.get("raw_start")) for r in data["removed"]),
        headings=tuple(span(h) for h in data.get("headings", [])),
        sentences=tuple(span(s) for s in data.get("sentences", [])),
        entities=tuple(span(e) for e in data.get("entities", [])),
        actors=tuple(
            Actor(
                a["id"],
                a["name"],
                a["kind"],
                a.get("country"),
                a.get("sector"),
                tuple(span(s) for s in a["mentions"]),
            )
            for a in data["actors"]
        ),
        places=tuple(
            Place(
                p["name"],
                p.get("geonameid"),
                p.get("lat"),
                p.get("lon"),
                p.get("country"),
                p.get("feature", "other"),
                tuple(span(s) for s in p["mentions"]),
            )
            for p in data["places"]
        ),
        dates=tuple(
            DateRef(span(d), d.get("value"), d.get("end_value"), d["precision"], d["kind"], d.get("mod"))
            for d in data["dates"]
        ),
        quotes=tuple(
            Quote(
                q["kind"], span(q), speaker(q.get("speaker")), opt_span(q.get("cue")), q.get("status", "said")
            )
            for q in data["quotes"]
        ),
        claims=tuple(
            Claim(
                span(c),
                c["certainty"],
                None
                if c.get("source") is None
                else ClaimSource(c["source"]["name"], c["source"].get("actor")),
            )
            for c in data["claims"]
        ),
        events=tuple(
            Event(
                type=e["type"],
                evidence=span(e["evidence"]),
                status=e["status"],
                mode=e.get("mode"),
                cameo=e.get("cameo"),
                acled=e.get("acled"),
                source=tuple(e.get("source", [])),
                target=tuple(e.get("target", [])),
                date=event_date(e.get("date")),
                place=place_ref(e.get("place")),
                quantities=tuple(
                    Quantity(q["value"], q["low"], q["high"], q["unit"], span(q)) for q in e["quantities"]
                ),
                attributed_to=e.get("attributed_to"),
                also=tuple(span(s) for s in e.get("also", [])),
                origin=place_ref(e.get("origin")),
            )
            for e in data["events"]
        ),
        agreements=tuple(
            Agreement(
                name=a["name"],
                evidence=span(a["evidence"]),
                parties=tuple(a.get("parties", [])),
                brokers=tuple(a.get("brokers", [])),
                date=event_date(a.get("date")),
                obligations=tuple(
                    Obligation(o.get("party"), o["action"], o.get("deadline")) for o in a["obligations"]
                ),
            )
            for a in data["agreements"]
        ),
        stages=tuple(data.get("stages", [])),
    )
