"""The report: JSON round trip, every span inside text, the contract's keys present."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.document import (
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
    text_id,
)

CONTRACT_KEYS = {
    "schema",
    "id",
    "source",
    "meta",
    "text",
    "captions",
    "removed",
    "actors",
    "places",
    "dates",
    "quotes",
    "claims",
    "events",
    "agreements",
}


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(st.text(min_size=1, max_size=200))
    n = len(text)

    def span() -> Span:
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return Span(a, b, draw(st.sampled_from(["", "GPE", "PERSON"])))

    def spans(k: int = 3) -> tuple[Span, ...]:
        return tuple(span() for _ in range(draw(st.integers(0, k))))

    def bare() -> Span:
        s = span()
        return Span(s.start, s.end)

    label = st.text(min_size=1, max_size=12)
    maybe = st.none() | label
    number = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32)
    date = EventDate(draw(maybe), draw(maybe), draw(st.sampled_from(["day", "month", "unknown"])), span())
    return Document(
        id=text_id(text),
        source=Source(
            path=draw(maybe), url=draw(maybe), format=draw(st.sampled_from(["text", "html", "json"]))
        ),
        raw=draw(st.text(max_size=50)),
        meta=Meta(draw(maybe), tuple(draw(st.lists(label, max_size=2))), draw(maybe), draw(maybe), "en"),
        text=text,
        segments=(Segment(0, draw(st.integers(0, 10)), n),),
        captions=(Caption(draw(label), draw(maybe)),),
        removed=(Removal(draw(label), "byline", draw(st.none() | st.integers(0, 100))),),
        headings=spans(),
        sentences=tuple(Span(s.start, s.end) for s in spans()),
        entities=spans(),
        actors=(Actor("a1", draw(label), "state", draw(maybe), "GOV", spans()),),
        places=(
            Place(
                draw(label),
                draw(st.none() | st.integers(1, 10**7)),
                draw(number),
                draw(number),
                "SY",
                "city",
                spans(),
            ),
        ),
        dates=(DateRef(Span(0, n), draw(maybe), None, "day", "date"),),
        quotes=(
            Quote("direct", Span(0, n), Speaker(draw(label), bare(), "a1", draw(maybe), draw(maybe)), span()),
            Quote("indirect", Span(0, n)),
        ),
        claims=(Claim(Span(0, n), "hedged", ClaimSource(draw(label), None)), Claim(Span(0, n), "asserted")),
        events=(
            Event(
                "ASSAULT",
                Span(0, n),
                "occurred",
                None,
                "19",
                "Battles",
                ("a1",),
                (),
                date,
                EventPlace(draw(label), 1, 1.5, 2.5, span()),
                (Quantity(400.0, 400.0, 400.0, "fighters", span()),),
                "a1",
                spans(),
                EventPlace(draw(label), None, None, None, span()),  # origin of a movement
            ),
            Event("MOBILIZE", Span(0, n)),
        ),
        agreements=(
            Agreement(
                draw(label), Span(0, n), ("a1",), (), date, (Obligation("a1", "disarm", "2018-10-15"),)
            ),
        ),
        stages=("clean@1",),
    )


@given(documents())
@settings(max_examples=60, deadline=None)
def test_report_roundtrips_through_json(doc):
    data = json.loads(json.dumps(doc.to_json(raw=True)))
    assert Document.from_json(data) == doc


@given(documents())
@settings(max_examples=30, deadline=None)
def test_report_span_text_is_text_slice(doc):
    report = doc.to_json()
    for quote in report["quotes"]:
        assert quote["text"] == doc.text[quote["start"] : quote["end"]]
    for actor in report["actors"]:
        for m in actor["mentions"]:
            assert m["text"] == doc.text[m["start"] : m["end"]]
    assert set(report) >= CONTRACT_KEYS


def _walk_spans(value, path=""):
    """Every dict with start/end/text in a report."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value) and isinstance(value["start"], int):
            yield path, value
        for k, v in value.items():
            yield from _walk_spans(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk_spans(v, f"{path}[{i}]")


def test_report_sample_spans_inside_text(sample_doc):
    report = sample_doc.to_json()
    assert set(report) >= CONTRACT_KEYS
    text = report["text"]
    spans = list(_walk_spans({k: v for k, v in report.items() if k != "text"}))
    assert spans, "the sample report has spans"
    for path, s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text), path
        assert text[s["start"] : s["end"]] == s["text"], path


def test_report_sample_roundtrip(sample_doc):
    data = json.loads(json.dumps(sample_doc.to_json(raw=True)))
    assert Document.from_json(data) == sample_doc


def test_report_segments_map_back_to_raw(sample_doc):
    last = -1
    for seg in sample_doc.segments:
        assert seg.text_start > last
        last = seg.text_start
        piece = sample_doc.text[seg.text_start : seg.text_start + seg.length]
        assert sample_doc.raw[seg.raw_start : seg.raw_start + seg.length] == piece


def test_report_id_is_stable(sample_path):
    import sitroom

    assert sitroom.analyze(sample_path).id == sitroom.analyze(sample_path).id
