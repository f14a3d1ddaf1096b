"""The in-memory incident index selects exactly what the store's SQL filters select."""

from __future__ import annotations

import pytest

from serve_corpus import RUSSIA, corpus, fill, report
from sitroom.serve.index import IncidentIndex, IndexCache
from sitroom.serve.queries import Query
from sitroom.store import Filters, Store
from store_docs import BACKENDS, open_store

FILTERS = [
    {},
    {"since": "2018-09-10"},
    {"until": "2018-09"},
    {"since": "2018-09-02", "until": "2018-09-02"},
    {"type": "ASSAULT,MOBILIZE"},
    {"type": "AID"},
    {"status": "occurred"},
    {"status": "threatened"},
    {"country": "ru"},
    {"country": "SY"},
    {"actor": "isis"},
    {"actor": "russian armed forces"},
    {"actor": "nobody"},
    {"publisher": "Reuters"},
    {"publisher": "Reuters", "type": "ASSAULT"},
]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    docs = [
        *corpus(),
        report(
            "Kyiv Post",
            place="Kharkiv",
            day="2018-11-30",
            figure="9",
            verb="attacked",
            event_type="ASSAULT",
            force=RUSSIA,
        ),
    ]
    st = fill(open_store(request.param, tmp_path_factory.mktemp("index")), docs)
    yield st
    st.close()


@pytest.mark.parametrize("values", FILTERS)
def test_serve_index_matches_store_filters(store, values):
    f = Filters.make(**values)
    want = {r["id"] for r in store.incidents_records(f)}
    got, total = IncidentIndex(store).incidents(Query(f), 1000, 0)
    assert {r["id"] for r in got} == want
    assert total == len(want)


def test_serve_index_orders_by_sources_then_date(store):
    rows, _ = IncidentIndex(store).incidents(Query(), 10, 0)
    keys = [(-r["sources"], r["date_start"]) for r in rows]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    page, total = IncidentIndex(store).incidents(Query(), 2, 1)
    assert [r["id"] for r in page] == [r["id"] for r in rows[1:3]]
    assert total == len(rows)


def test_serve_index_network_matches_store_network(store):
    edges = store.network_records(Filters(), period="all")
    want = {(e["source"], e["target"]): e["incidents"] for e in edges}
    got = IncidentIndex(store).network(Query(), 100)
    assert {(x["source"], x["target"]): x["count"] for x in got["links"]} == want


def test_serve_index_timeline_bins(store):
    data = IncidentIndex(store).timeline(Query(Filters.make(type="ASSAULT")))
    assert data == {
        "unit": "day",
        "bins": [{"date": "2018-10-05", "count": 1}, {"date": "2018-11-30", "count": 1}],
    }


def test_serve_index_cache_sees_other_connections(tmp_path):
    path = str(tmp_path / "c.db")
    reader = fill(Store.open(path), corpus()[:1])
    cache = IndexCache()
    assert cache.get(reader).n == 1
    with Store.open(path) as writer:
        fill(writer, corpus()[3:4])
    cache.checked = 0.0  # as if a second had passed
    assert cache.get(reader).n == 2
    reader.close()
