"""Merging across articles: copies, stories, incidents, independent sources, figures side by side, network."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.merge.duplicates import find_duplicates, resemblance, shingles
from sitroom.merge.incidents import EventInput, find_incidents, haversine, independent_sources
from sitroom.merge.stories import StoryInput, find_stories
from store_docs import BACKENDS, attack_report, open_store

WIRE = (
    "Government forces shelled the rebel-held town of Kafr Nabl on Tuesday, killing at least twelve "
    "civilians including four children, a monitoring group said. The bombardment came a day after "
    "rebels attacked an army checkpoint on the highway linking Hama to Aleppo, according to residents "
    "who fled north towards the Turkish border. Aid agencies warned that hospitals in the province "
    "were running out of supplies and that thousands of families had nowhere left to go."
)
OTHER = (
    "Voters in the capital queued for hours on Sunday to choose a new parliament, the first election "
    "since the constitution was amended last spring. Turnout was reported high in the northern "
    "districts, where opposition parties had campaigned on jobs and the price of bread."
)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    s = open_store(request.param, tmp_path)
    yield s
    s.close()


def test_merge_duplicates_finds_copies_not_other_reports():
    copy = "By Staff (Reuters) - " + WIRE + " Reporting by John Doe; editing by Jane Roe."
    update = WIRE.replace("twelve", "fifteen") + " The death toll later rose, officials said."
    other_report = (
        "At least a dozen people died when artillery hit Kafr Nabl, activists said on Tuesday, as the army "
        "pressed its offensive in Idlib province after an attack on a checkpoint near Hama."
    )
    ids = ["orig", "copy", "update", "other", "vote"]
    order = ["2018-09-01T08", "2018-09-01T09", "2018-09-01T12", "2018-09-01T10", "2018-09-01T07"]
    dups = find_duplicates(ids, [WIRE, copy, update, other_report, OTHER], order)
    assert {(d.article_id, d.duplicate_of) for d in dups} == {("copy", "orig"), ("update", "orig")}
    assert all(d.similarity >= 0.5 for d in dups)


def test_merge_resemblance_of_shingle_sets():
    a, b = shingles(WIRE), shingles(WIRE + " " + OTHER)
    jac, cont = resemblance(a, b)
    assert cont == 1.0 and 0.4 < jac < 0.7
    assert resemblance(a, shingles(OTHER)) == (0.0, 0.0)
    assert shingles("too short").size == 0


def test_merge_stories_group_the_same_news_and_split_the_rest():
    arts = [
        StoryInput("a", "Shelling of Kafr Nabl kills twelve", WIRE, "2018-09-04"),
        StoryInput(
            "b",
            "Twelve killed as army shells Kafr Nabl",
            WIRE[:300] + " Rescuers searched rubble.",
            "2018-09-05",
        ),
        StoryInput("c", "Parliamentary election draws long queues", OTHER, "2018-09-05"),
        StoryInput("d", "Shelling of Kafr Nabl kills twelve", WIRE, "2019-03-01"),  # too late: a new story
    ]
    stories = find_stories(arts)
    assert stories["a"] == stories["b"] == "a"
    assert stories["c"] == "c"
    assert stories["d"] == "d"


def _ev(i, article, **kw):
    base = dict(
        id=i, article_id=article, type="ASSAULT", status="occurred", date_start="2018-09-23",
        date_end="2018-09-23", precision="day", published="2018-09-24", lat=35.93, lon=36.63,
        sources=frozenset({"sy-army"}), targets=frozenset({"isis"}),
    )  # fmt: skip
    base.update(kw)
    return EventInput(**base)


@pytest.mark.parametrize(
    ("other", "merged"),
    [
        ({}, True),
        ({"lat": 35.95, "lon": 36.70}, True),  # 7 km away
        ({"lat": 36.2, "lon": 37.16}, True),  # Aleppo, ~55 km: not near, not far; tied by the actors
        ({"lat": 33.5, "lon": 36.3}, False),  # Damascus: far apart
        ({"date_start": "2018-09-24", "date_end": "2018-09-24"}, True),  # a day's slack
        ({"date_start": "2018-09-27", "date_end": "2018-09-27"}, False),
        (
            {"date_start": None, "date_end": None, "published": "2018-09-24"},
            True,
        ),  # undated, reported next day
        ({"type": "COERCE"}, False),
        ({"status": "threatened"}, False),
        ({"status": "negated"}, False),
        ({"sources": frozenset({"rebels"}), "targets": frozenset({"civilians"})}, False),
        ({"sources": frozenset(), "targets": frozenset(), "lat": None, "lon": None}, False),  # nothing ties
        ({"article_id": "A"}, False),  # one article's events stay distinct
    ],
)
def test_merge_incident_criteria(other, merged):
    a = _ev("A:0", "A")
    b = _ev("B:0", "B", **other)
    incidents = find_incidents([a, b], {})
    together = any({"A:0", "B:0"} <= {e.id for e in inc.events} for inc in incidents)
    assert together is merged


def test_merge_incidents_do_not_chain():
    # B (undated, reported on the 27th) fits both A (23rd) and C (26th), but A and C cannot be one
    # incident (their days do not overlap): C must not join through B.
    a = _ev("A:0", "A")
    b = _ev("B:0", "B", date_start=None, date_end=None, published="2018-09-27")
    c = _ev("C:0", "C", date_start="2018-09-26", date_end="2018-09-26")
    incidents = find_incidents([a, b, c], {})
    groups = sorted(sorted(e.id for e in inc.events) for inc in incidents)
    assert groups == [["A:0", "B:0"], ["C:0"]]


def test_merge_independent_sources_count_publishers_not_copies():
    pubs = {"a": "Reuters", "b": "Yahoo", "c": "AFP", "d": "AFP", "e": None}
    copies = {"b": "a"}  # Yahoo ran Reuters' wire copy
    assert independent_sources(["a", "b", "c", "d", "e"], pubs, copies) == 3
    assert haversine(35.93, 36.63, 36.2, 37.16) == pytest.approx(56, abs=2)


def test_merge_store_incidents_figures_and_network(store):
    reuters = attack_report("Reuters", figure="400")
    afp = attack_report(
        "AFP",
        figure="300",
        lead="Fierce clashes were reported across the province overnight. ",
        extra=" Activists said the death toll was likely to rise as rescuers searched.",
    )
    wire_copy = replace(
        reuters,
        id="copy-of-reuters",
        meta=replace(reuters.meta, publisher="Yahoo News"),
        raw=reuters.raw + " ",
    )
    later = attack_report("SANA", day="2018-11-02", place=("Aleppo", 36.2, 37.16))
    threat = attack_report(
        "Al Bawaba",
        status="threatened",
        figure="250",
        day="2018-09-22",
        lead="Officials in Damascus warned on Saturday that unless the militants withdrew from the area, ",
        extra=" Diplomats in Ankara and Moscow urged restraint and called for the ceasefire to hold.",
    )
    for d in (reuters, afp, wire_copy, later, threat):
        store.save(d)
    counts = store.merge()
    assert counts["duplicates"] == 1
    incidents = store.incidents()
    assert len(incidents) == 2  # the threat is no incident
    first = incidents.set_index("place").loc["Idlib"]
    assert int(first["reports"]) == 3 and int(first["articles"]) == 3
    assert int(first["sources"]) == 2  # Reuters and AFP; Yahoo's copy is not independent
    figures = store.figures(first["id"])
    assert sorted(figures["value"]) == [300.0, 400.0, 400.0]  # side by side, never averaged
    assert set(figures["publisher"]) == {"Reuters", "AFP", "Yahoo News"}
    assert figures.set_index("publisher").loc["Yahoo News", "independent"] == 0
    detail = store.incident(first["id"])
    assert len(detail["reports"]) == 3
    assert all(r["evidence"].startswith("The Syrian army attacked") for r in detail["reports"])
    edges = store.network()
    assert list(edges["period"]) == ["2018-09", "2018-11"]
    assert set(edges["cooperative"]) == {False}
    assert edges["incident_ids"][0] == [first["id"]]
    assert len(store.network(period="all")) == 1
    assert int(store.network(period="all")["incidents"][0]) == 2
    events = store.events()
    assert events["incident_id"].notna().sum() == 4  # the threatened event has no incident
    assert store.count("stories") == 5
    assert len(store.incidents(filters=_f(actor="isis", since="2018-10"))) == 1


def test_merge_is_rebuilt_whole(store):
    store.save(attack_report("Reuters"))
    store.merge()
    store.merge()
    assert store.count("incidents") == 1
    assert store.count("incident_reports") == 1


def _f(**kw):
    from sitroom.store import Filters

    return Filters(**kw)


def test_merge_publisher_spellings_are_one_source():
    pubs = {"a": "Reuters", "b": " reuters "}
    assert independent_sources(["a", "b"], pubs, {}) == 1
