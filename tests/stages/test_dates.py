"""The dates stage: conformance cases kept as data, the normaliser's robustness, and the sample article."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.document import Document, Meta, Source, Span
from sitroom.stages.dates import find_dates, find_mentions, normalise

WORDS = (
    "on the night of September 31 29 February 2018 '98 last next Friday ago two years - from until and "
    "between 10 p.m. noon every the 1990s Q4 mid- fiscal Christmas third-quarter 12:61 0 ,"
).split()
CASES = json.loads((Path(__file__).parent / "dates_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']}@{c['anchor']}/{c.get('tense')}" for c in CASES])
def test_dates_normalise_conformance(case):
    got = normalise(case["text"], case["anchor"], case.get("tense"))
    assert got.value == case["value"]
    assert got.end_value == case.get("end_value")
    assert got.kind == case["kind"]
    if "precision" in case:
        assert got.precision == case["precision"]
    if "mod" in case:
        assert got.mod == case["mod"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80)
    | st.lists(
        st.sampled_from(WORDS),
        max_size=12,
    ).map(" ".join),
    anchor=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    tense=st.sampled_from([None, "past", "present", "future"]),
)
def test_dates_normalise_never_raises(text, anchor, tense):
    got = normalise(text, anchor, tense)
    assert got.precision in ("day", "month", "year", "time", "unknown")
    assert got.kind in ("date", "time", "duration", "set")


def _doc(text: str, published: str | None = "2018-10-01T11:32:00+00:00", entities=()) -> Document:
    return Document(
        source=Source(), raw=text, id="t", meta=Meta(published=published), text=text, entities=entities
    )


def test_dates_find_dates_spans_point_into_text():
    text = "Fighting broke out on Saturday and went on from February until April, three years after the deal."
    refs = find_dates(_doc(text))
    got = [(text[r.span.start : r.span.end], r.value, r.end_value, r.kind) for r in refs]
    assert got == [
        ("on Saturday", "2018-09-29", None, "date"),
        ("from February until April", "2018-02", "2018-04", "date"),
        ("three years", "P3Y", None, "duration"),
    ]


def test_dates_without_anchor_relative_values_stay_null():
    refs = find_dates(_doc("Talks resumed yesterday and ended on 3 March 2017.", published=None))
    assert [(r.value, r.precision) for r in refs] == [(None, "unknown"), ("2017-03-03", "day")]


def test_dates_counts_are_not_years():
    text = "About 2000 people fled in 2016."
    counts = (Span(6, 10, "CARDINAL"),)
    found = find_mentions(text, "2018-10-01", entities=counts)
    assert [text[m.core.start : m.core.end] for m in found] == ["2016"]


def test_dates_ambiguous_month_names_need_a_date_word():
    text = "Rebels may attack in May; the March on the capital was planned for March 3."
    found = [text[m.core.start : m.core.end] for m in find_mentions(text, "2018-10-01")]
    assert found == ["May", "March 3"]


def test_dates_preposition_of_a_possessive_date_is_not_its_own():
    text = "He will run at this year's London event in April."
    refs = find_dates(_doc(text))
    assert [text[r.span.start : r.span.end] for r in refs] == ["this year", "in April"]


def test_dates_spacy_entities_add_recall_without_guessing():
    text = "Prices rose in the weeks ahead of the vote and fell on his morning show."
    ents = (Span(15, 30, "DATE"), Span(55, 66, "TIME"))
    found = {
        text[m.core.start : m.core.end]: m.value.value
        for m in find_mentions(text, "2018-10-01", entities=ents)
    }
    assert found == {"the weeks ahead": "PXW"}  # "his morning" is a show, not a time


def test_dates_next_day_counts_from_the_story():
    text = "The convoy left on September 12, 2017. The next day it reached Idlib."
    values = [m.value.value for m in find_mentions(text, "2018-10-01")]
    assert values == ["2017-09-12", "2017-09-13"]


@pytest.fixture(scope="module")
def sample_dates_doc(sample_path):
    """The sample article through clean, nlp and dates only: the other stages do not change dates."""
    from sitroom.pipeline import run
    from sitroom.settings import Settings
    from sitroom.stages.clean import clean
    from sitroom.stages.dates import dates
    from sitroom.stages.ingest import read_input
    from sitroom.stages.nlp import nlp

    settings = Settings()
    (doc,) = read_input(str(sample_path), settings)
    return run(doc, settings, (clean, nlp, dates))


def test_dates_stage_is_in_the_default_pipeline():
    from sitroom.pipeline import default_pipeline

    names = [st.name for st in default_pipeline()]
    assert names.index("nlp") < names.index("dates")


def test_dates_sample_article(sample_dates_doc):
    sample_doc = sample_dates_doc
    got = {sample_doc.span_text(d.span): d for d in sample_doc.dates}
    night = got["on the night of September 23"]
    assert (night.value, night.precision, night.kind) == ("2018-09-23", "day", "date")
    deadline = got["by October 15"]
    assert (deadline.value, deadline.precision, deadline.mod) == ("2018-10-15", "day", "on_or_before")
    assert (got["in February 2018"].value, got["in February 2018"].precision) == ("2018-02", "month")
    assert (got["until April"].value, got["until April"].precision) == ("2018-04", "month")
    assert got["Oct. 15"].value == "2018-10-15"
    # "September 2018" is in a photo caption, which is not part of the text.
    assert not any("September 2018" in t for t in got)
    for d in sample_doc.dates:
        assert 0 <= d.span.start < d.span.end <= len(sample_doc.text)


def test_dates_report_round_trip_keeps_mod():
    text = "Turkey must act by October 15."
    doc = replace(_doc(text), dates=tuple(find_dates(_doc(text))))
    data = doc.to_json()
    assert data["dates"][0]["text"] == "by October 15"
    assert data["dates"][0]["mod"] == "on_or_before"
    assert Document.from_json(data).dates == doc.dates
