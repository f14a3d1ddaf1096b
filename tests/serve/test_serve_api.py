"""The REST API through TestClient(create_app(settings)) over a hand-built store."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from serve_corpus import corpus, fill, report
from store_docs import BACKENDS, open_store

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from sitroom.serve.app import create_app
from sitroom.settings import Settings
from sitroom.store import Store

TOKEN = "test-token-123"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    st = fill(open_store(request.param, tmp_path_factory.mktemp("api")))
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(Settings(), store)) as c:
        yield c


def test_serve_config_reports_write_disabled_without_token(client):
    assert client.get("/api/config").json() == {
        "tile_url": "",
        "tile_attribution": "",
        "write_enabled": False,
    }


def test_serve_articles_list_is_paginated(client):
    page = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == len(corpus())
    assert len(page["items"]) == 2
    assert "text" not in page["items"][0] and "raw" not in page["items"][0]


def test_serve_article_is_the_full_report(client):
    doc = corpus()[0]
    got = client.get(f"/api/articles/{doc.id}").json()
    assert got == json.loads(json.dumps(doc.to_json()))
    assert client.get("/api/articles/nope").status_code == 404


def test_serve_incidents_json_and_geojson(client):
    page = client.get("/api/incidents").json()
    assert page["total"] == 3
    assert {i["place"] for i in page["items"]} == {"Idlib", "Aleppo", "Kharkiv"}
    geo = client.get("/api/incidents", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection"
    idlib = next(f for f in geo["features"] if f["properties"]["place"] == "Idlib")
    assert idlib["geometry"] == {"type": "Point", "coordinates": [36.63, 35.93]}
    assert idlib["properties"]["reports"] == 3


@pytest.mark.parametrize(
    ("params", "places"),
    [
        ({"type": "ASSAULT"}, {"Kharkiv"}),
        ({"country": "ua"}, {"Kharkiv"}),
        ({"min_sources": 2}, {"Idlib", "Kharkiv"}),
        ({"place": "idlib"}, {"Idlib"}),
        ({"since": "2018-09-10", "until": "2018-09-30"}, {"Idlib"}),
        ({"until": "2018-09"}, {"Idlib", "Aleppo"}),
        ({"actor": "sy-army"}, {"Idlib", "Aleppo"}),
        ({"actor": "Syrian Arab Army"}, {"Idlib", "Aleppo"}),
        ({"status": "threatened"}, set()),
        ({"actor": "x' OR '1'='1"}, set()),  # parameterised: the quote is a character, not SQL
        ({"place": "Idlib'; DROP TABLE incidents; --"}, set()),
    ],
)
def test_serve_incident_filters(client, params, places):
    items = client.get("/api/incidents", params=params).json()["items"]
    assert {i["place"] for i in items} == places


def test_serve_bad_filters_are_400(client):
    assert client.get("/api/incidents", params={"status": "rumoured"}).status_code == 400
    assert client.get("/api/incidents", params={"min_sources": 0}).status_code == 422
    assert client.get("/api/incidents", params={"format": "kml"}).status_code == 422
    assert client.get("/api/incidents", params={"limit": 10**6}).status_code == 422
    assert client.get("/api/incidents").status_code == 200  # the table survived the injection attempt


def test_serve_incident_has_reports_with_evidence_and_figures(client, store):
    idlib = client.get("/api/incidents", params={"place": "Idlib"}).json()["items"][0]
    data = client.get(f"/api/incidents/{idlib['id']}").json()
    assert data["incident"]["id"] == idlib["id"]
    assert data["incident"]["reports"] == 3
    assert len(data["reports"]) == 3
    for r in data["reports"]:
        text = store.document(r["article_id"]).text
        assert r["evidence"]["text"] == text[r["evidence"]["start"] : r["evidence"]["end"]]
        assert r["evidence"]["text"].startswith("The Syrian army transferred 400 ISIS fighters")
        assert r["evidence"]["text"] in r["context"]["text"]
    figure = data["figures"][0]
    assert figure["value"] == 400 and figure["unit"] == "fighters"
    assert figure["reported_by_name"] == "Syrian Observatory for Human Rights"
    text = store.document(figure["article_id"]).text
    assert text[figure["start"] : figure["end"]] == "400"
    assert client.get("/api/incidents/none").status_code == 404


def test_serve_events_filters_and_geojson(client):
    page = client.get("/api/events", params={"status": "threatened"}).json()
    assert page["total"] == 1
    (event,) = page["items"]
    assert event["source"] == ["sy-army"] and event["target"] == ["isis"]
    geo = client.get("/api/events", params={"format": "geojson", "type": "ASSAULT"}).json()
    assert len(geo["features"]) == 2
    assert all(f["geometry"]["coordinates"] == [36.23, 49.99] for f in geo["features"])


def test_serve_timeline_bins_incidents_by_day(client):
    data = client.get("/api/timeline").json()
    assert data["unit"] == "day"
    assert data["bins"] == [
        {"date": "2018-09-02", "count": 1},
        {"date": "2018-09-23", "count": 1},
        {"date": "2018-10-05", "count": 1},
    ]


def test_serve_facets_ignore_their_own_filter(client):
    data = client.get("/api/facets", params={"type": "ASSAULT"}).json()
    assert {v["value"]: v["count"] for v in data["type"]} == {"MOBILIZE": 2, "ASSAULT": 1}
    # countries of the place and of the actors, as the country filter reads them
    assert {v["value"]: v["count"] for v in data["country"]} == {"UA": 1, "RU": 1}


def test_serve_network_links_actors(client):
    data = client.get("/api/network").json()
    assert {n["id"] for n in data["nodes"]} == {"sy-army", "ru-army", "isis"}
    assert data["links"] == [
        {"source": "sy-army", "target": "isis", "count": 2},
        {"source": "ru-army", "target": "isis", "count": 1},
    ]
    army = next(n for n in data["nodes"] if n["id"] == "sy-army")
    assert army["name"] == "Syrian Arab Army" and army["kind"] == "military"


def test_serve_actors_and_places(client):
    actors = {a["actor_id"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["sy-army"]["articles"] == 5 and actors["ru-army"]["articles"] == 2
    places = client.get("/api/places", params={"country": "UA"}).json()["items"]
    assert [p["name"] for p in places] == ["Kharkiv"]
    geo = client.get("/api/places", params={"format": "geojson"}).json()
    assert {f["properties"]["name"] for f in geo["features"]} == {"Idlib", "Aleppo", "Kharkiv"}


def test_serve_search_finds_words_with_snippets_and_facets(client):
    data = client.get("/api/search", params={"q": "Idlib"}).json()
    assert data["total"] == 3
    assert all("Idlib" in hit["snippet"] for hit in data["items"])
    publishers = {v["value"] for v in data["facets"]["publisher"]}
    assert publishers == {"Al Bawaba", "Reuters", "Enab Baladi"}
    assert data["facets"]["country"] == [{"value": "SY", "count": 3}]
    narrowed = client.get("/api/search", params={"q": "Idlib", "publisher": "Reuters"}).json()
    assert narrowed["total"] == 1
    assert client.get("/api/search", params={"q": "Kharkiv attacked"}).json()["total"] == 2
    assert client.get("/api/search", params={"q": '"-:*'}).status_code == 400


def test_serve_exports(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/events", params={"format": "csv"}).text)))
    assert len(rows) == len(corpus())
    assert rows[0]["source"] == "sy-army"
    lines = client.get("/api/export/incidents", params={"format": "jsonl", "country": "UA"}).text.splitlines()
    assert [json.loads(line)["place"] for line in lines] == ["Kharkiv"]
    geo = client.get("/api/export/incidents", params={"format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == 3
    assert client.get("/api/export/articles").status_code == 422


def test_serve_quotes(client):
    items = client.get("/api/quotes", params={"actor": "ru-army"}).json()["items"]
    assert len(items) == 2
    assert client.get("/api/quotes", params={"q": "night"}).json()["items"]


def test_serve_safety_headers_and_no_cors_by_default(client):
    res = client.get("/api/config", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in res.headers
    csp = res.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_serve_cors_only_for_configured_origins(store):
    app = create_app(Settings(cors_origins="http://desk.example"), store)
    with TestClient(app) as c:
        ok = c.get("/api/config", headers={"Origin": "http://desk.example"})
        assert ok.headers["access-control-allow-origin"] == "http://desk.example"
        other = c.get("/api/config", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_serve_openapi_and_offline_docs(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/incidents", "/api/search", "/api/network", "/api/export/{what}"):
        assert path in paths
    docs = client.get("/docs").text
    assert "/assets/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_serve_routes_are_documented_in_readme(client):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"`{path}`" in readme or f"`GET {path}`" in readme or f"`POST {path}`" in readme, path


# --- the write route -----------------------------------------------------------------------


@pytest.fixture
def writable(tmp_path):
    st = fill(Store.open(str(tmp_path / "w.db")), corpus()[:1])
    with TestClient(create_app(Settings(api_token=TOKEN), st)) as c:
        yield c
    st.close()


ARTICLE = (
    "Shelling kills 12 in northwest Syria\n\n"
    "Government forces shelled the town of Maarat al-Numan on Tuesday, killing at least 12 civilians, "
    "a monitoring group said. Rescue workers said the toll could rise as people remained under the rubble. "
    "The army did not comment on the reports, and the opposition accused it of targeting a market.\n"
)


def test_serve_write_disabled_without_token(client):
    res = client.post("/api/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer x"})
    assert res.status_code == 403
    assert "api_token" in res.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_serve_write_needs_the_token(writable, header):
    headers = {"Authorization": header} if header else {}
    assert writable.post("/api/articles", json={"text": ARTICLE}, headers=headers).status_code == 401


def test_serve_write_refuses_a_url_alone(writable):
    res = writable.post("/api/articles", json={"url": "https://example.org/a"}, headers=_auth())
    assert res.status_code == 400
    assert "html" in res.json()["detail"]
    both = writable.post("/api/articles", json={"text": "a", "html": "<p>b</p>"}, headers=_auth())
    assert both.status_code == 400


def _auth():
    return {"Authorization": f"Bearer {TOKEN}"}


def test_serve_write_analyzes_and_stores(writable):
    res = writable.post(
        "/api/articles", json={"text": ARTICLE, "url": "https://example.org/shelling"}, headers=_auth()
    )
    assert res.status_code == 201, res.text
    out = res.json()
    assert out["stored"] is True and out["title"] == "Shelling kills 12 in northwest Syria"
    stored = writable.get(f"/api/articles/{out['id']}").json()
    assert stored["source"]["url"] == "https://example.org/shelling"
    assert "Maarat al-Numan" in stored["text"]
    assert writable.get("/api/search", params={"q": "Maarat"}).json()["total"] == 1
    again = writable.post("/api/articles", json={"text": ARTICLE}, headers=_auth()).json()
    assert again["id"] == out["id"] and again["stored"] is False


def test_serve_write_rejects_non_articles(writable):
    res = writable.post("/api/articles", json={"text": "too short"}, headers=_auth())
    assert res.status_code == 400


def test_serve_script_in_article_is_data(writable, tmp_path):
    doc = report("Evil Times", extra=" <script>window.__pwned = 1</script> <img src=x onerror=alert(1)>")
    st = writable.app.state.sitroom.store
    st.save(replace(doc))
    got = writable.get(f"/api/articles/{doc.id}").json()
    assert "<script>window.__pwned = 1</script>" in got["text"]
    assert writable.get(f"/api/articles/{doc.id}").headers["content-type"] == "application/json"
