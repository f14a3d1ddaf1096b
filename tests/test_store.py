"""The store on both backends: save is idempotent, reads filter, the report round-trips, search works."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.errors import StoreError
from sitroom.store import Filters, Store
from store_docs import BACKENDS, attack_report, open_store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    s = open_store(request.param, tmp_path)
    yield s
    s.close()


def test_store_save_is_idempotent_and_round_trips(store):
    doc = attack_report("Reuters")
    assert store.save(doc, key="k1") is True
    assert store.save(doc, key="k1") is False
    assert store.count("articles") == 1
    assert store.count("events") == 1
    assert store.document(doc.id) == doc
    assert store.known_inputs(["k1", "k2"]) == {"k1"}


def test_store_newer_stages_replace_the_report(store):
    doc = attack_report("Reuters")
    store.save(doc)
    newer = replace(doc, stages=(*doc.stages, "claims@1"), events=())
    assert store.save(newer) is True
    assert store.count("articles") == 1
    assert store.count("events") == 0
    assert store.count("event_actors") == 0
    assert store.stale(list(newer.stages)) == []
    assert store.stale(list(doc.stages)) == [doc.id]


def test_store_tables_hold_spans_of_text(store):
    doc = attack_report("Reuters")
    store.save(doc)
    ev = store.events_records()[0]
    assert ev["evidence"] == doc.text[ev["evidence_start"] : ev["evidence_end"]]
    assert ev["type"] == "ASSAULT" and ev["quad"] == 4 and ev["country"] == "SY"
    assert ev["source"] == ["sy-army"] and ev["target"] == ["isis"]
    q = store.quotes_records()[0]
    assert q["text"] == doc.text[q["start_char"] : q["end_char"]]
    assert q["speaker_actor"] == "sy-army"


@pytest.mark.parametrize(
    ("filters", "n"),
    [
        (Filters(), 3),
        (Filters(since="2018-09", until="2018-09"), 2),
        (Filters(since="2018-09-24"), 2),
        (Filters(until="2018-09-23"), 1),
        (Filters(country="sy"), 3),
        (Filters(country="IQ"), 0),
        (Filters(actor="Islamic State"), 2),
        (Filters(actor="kurds"), 1),
        (Filters(type=("ASSAULT",)), 2),
        (Filters(type=("PROTEST",)), 1),
        (Filters(status=("occurred",)), 2),
        (Filters(status=("threatened",)), 1),
    ],
)
def test_store_event_filters(store, filters, n):
    store.save(attack_report("Reuters", day="2018-09-23"))
    store.save(attack_report("AFP", day="2018-09-25", target="kurds", event_type="PROTEST"))
    store.save(attack_report("SANA", day="2018-10-02", status="threatened"))
    assert len(store.events(filters)) == n


def test_store_dataframes_and_pages(store):
    for day in ("2018-09-21", "2018-09-22", "2018-09-23"):
        store.save(attack_report("Reuters", day=day))
    events = store.events(limit=2)
    assert list(events["date_start"]) == ["2018-09-21", "2018-09-22"]
    assert list(store.events(limit=2, offset=2)["date_start"]) == ["2018-09-23"]
    actors = store.actors()
    assert set(actors["actor_id"]) == {"sy-army", "isis"}
    assert int(actors.set_index("actor_id").loc["isis", "articles"]) == 3
    places = store.places(Filters(country="SY"))
    assert list(places["name"]) == ["Idlib"] and int(places["articles"][0]) == 3
    assert len(store.articles(Filters(since="2018-09-22"))) == 2
    assert store.incidents().empty  # merge not run yet


def test_store_full_text_search(store):
    store.save(attack_report("Reuters"))
    store.save(attack_report("AFP", place=("Aleppo", 36.2, 37.16)))
    assert len(store.search("Aleppo")) == 1
    assert len(store.search("attacked fighters")) == 2
    assert len(store.search("struck hard", kind="quotes")) == 2
    assert store.search("Mosul").empty
    with pytest.raises(StoreError):
        store.search("cats", kind="dogs")


def test_store_failures_are_recorded_and_forgotten(store):
    store.record_failure("k9", "bad.pdf", "binary file")
    assert store.failures_records()[0]["reason"] == "binary file"
    assert store.known_inputs(["k9"]) == {"k9"}
    assert store.forget_failures() == 1
    assert store.known_inputs(["k9"]) == set()


def test_store_refuses_bad_input(tmp_path):
    with pytest.raises(StoreError):
        Store.open("mysql://x")
    with pytest.raises(StoreError):
        Filters(status=("rumoured",))
    with pytest.raises(StoreError):
        Filters(since="last week")
    s = Store.open(str(tmp_path / "x.db"))
    with pytest.raises(StoreError):
        s.document("nope")
    with pytest.raises(StoreError):
        s.save(replace(attack_report("X"), id=""))


def test_store_sqlite_uses_wal(tmp_path):
    s = Store.open(str(tmp_path / "w.db"))
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    assert {"articles", "actors", "actor_mentions", "places", "dates", "quotes", "claims", "events",
            "agreements", "failures", "incidents", "incident_reports", "duplicates", "articles_fts",
            "quotes_fts"} <= tables  # fmt: skip


def test_store_analyzed_article_round_trips(sample_doc, tmp_path):
    s = Store.open(str(tmp_path / "s.db"))
    assert s.save(sample_doc)
    assert s.document(sample_doc.id) == sample_doc
    assert s.count("entities") == len(sample_doc.entities)
