"""Exports read back by the tools they are for: csv, json, networkx (GraphML), pandas (Parquet)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.export import export
from sitroom.export.acled import COLUMNS, acled_type
from sitroom.store import FACTUAL, Filters, Store
from store_docs import attack_report


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "x.db")
    with Store.open(path) as s:
        s.save(attack_report("Reuters", figure="400"))
        s.save(
            attack_report(
                "AFP",
                figure="300",
                lead="Heavy clashes were reported across the province through the night. ",
                extra=" Rescuers said the toll could rise.",
            )
        )
        s.save(attack_report("SANA", day="2018-11-02", place=("Aleppo", 36.2, 37.16), target="civ"))
        s.save(
            attack_report("Al Bawaba", status="threatened", day="2018-12-01", lead="Officials warned that ")
        )
    return path


def _export(db, fmt, filters=None):
    out = io.BytesIO()
    with Store.open(db) as s:
        n = export(s, fmt, filters or Filters(status=FACTUAL), out)
    return n, out.getvalue()


def test_export_acled_csv(db):
    n, data = _export(db, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert n == len(rows) == 2  # two incidents; the threat is none
    assert tuple(rows[0]) == COLUMNS
    idlib = next(r for r in rows if r["location"] == "Idlib")
    assert idlib["event_type"] == "Battles" and idlib["sub_event_type"] == "Armed clash"
    assert idlib["disorder_type"] == "Political violence"
    assert idlib["country"] == "Syria" and idlib["iso"] == "760" and idlib["event_id_cnty"].startswith("SYR")
    assert idlib["actor1"] == "Syrian Arab Army" and idlib["inter1"] == "1"
    assert idlib["actor2"] == "Islamic State" and idlib["inter2"] == "2" and idlib["interaction"] == "12"
    assert idlib["source"] == "Reuters; AFP"
    assert "300 fighters (AFP" in idlib["notes"] and "400 fighters (Reuters" in idlib["notes"]
    assert idlib["event_date"] == "2018-09-23" and idlib["time_precision"] == "1"


def test_export_acled_types():
    assert acled_type("ASSAULT", "aerial", None, False) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_type("ASSAULT", "firearms", None, True) == ("Violence against civilians", "Attack")
    assert acled_type("PROTEST", "riot", None, False) == ("Riots", "Violent demonstration")
    assert acled_type("COERCE", "arrest", None, False) == ("Strategic developments", "Arrests")
    assert acled_type("COERCE", "censor", None, False) is None
    assert acled_type("CONSULT", None, None, False) is None
    assert acled_type("ASSAULT", None, "Battles", False) == ("Battles", "Armed clash")
    assert acled_type("ASSAULT", "firearms", "Violence against civilians", False) == (
        "Violence against civilians",
        "Attack",
    )
    assert acled_type("FIGHT", "aerial", None, False) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_type("FIGHT", "aerial", "Explosions/Remote violence", False)[1] == "Air/drone strike"


def test_export_plover_json(db):
    n, data = _export(db, "plover-json")
    records = [json.loads(line) for line in data.decode().splitlines()]
    assert n == len(records) == 2
    rec = next(r for r in records if r["eventLoc"]["resolvedPlace"] == "Idlib")
    assert rec["event"] == ["ASSAULT"] and rec["quadCode"] == 4 and rec["date"] == "2018-09-23"
    assert rec["actor"][0]["code"] == "SYR" and rec["actor"][0]["sector"] == "MIL"
    assert rec["recipient"][0]["entityText"] == "Islamic State"
    assert rec["size"]["reported"] and {f["value"] for f in rec["size"]["reported"]} == {300.0, 400.0}
    assert len(rec["eventText"]) == 2 and rec["eventLoc"]["countryCode"] == "SYR"
    assert {"id", "date", "actor", "event"} <= set(rec)  # the manual's required fields


def test_export_geojson(db):
    n, data = _export(db, "geojson")
    fc = json.loads(data)
    assert fc["type"] == "FeatureCollection" and n == len(fc["features"]) == 2
    f = next(f for f in fc["features"] if f["properties"]["place"] == "Idlib")
    assert f["geometry"] == {"type": "Point", "coordinates": [36.63, 35.93]}
    assert f["properties"]["sources"] == 2
    assert all(not isinstance(v, dict | list) for v in f["properties"].values())  # flat for QGIS


def test_export_graphml_reads_in_networkx(db):
    nx = pytest.importorskip("networkx")
    n, data = _export(db, "graphml")
    g = nx.read_graphml(io.BytesIO(data))
    assert n == g.number_of_edges() == 2
    assert g.nodes["sy-army"]["name"] == "Syrian Arab Army" and g.nodes["sy-army"]["kind"] == "military"
    edge = g.get_edge_data("sy-army", "isis")
    attrs = next(iter(edge.values())) if isinstance(g, nx.MultiDiGraph) else edge
    assert attrs["quad_class"] == "material conflict" and attrs["cooperative"] is False
    assert attrs["incidents"] == 1 and attrs["period"] == "2018-09"


def test_export_parquet_reads_in_pandas(db, tmp_path):
    pd = pytest.importorskip("pandas")
    n, data = _export(db, "parquet", Filters())
    frame = pd.read_parquet(io.BytesIO(data))
    assert n == len(frame) == 4
    assert set(frame["status"]) == {"occurred", "threatened"}
    assert list(frame["target"][0]) == ["isis"]


def test_export_jsonl_reports(db):
    n, data = _export(db, "jsonl", Filters(country="SY", type=("ASSAULT",), status=FACTUAL, until="2018-10"))
    reports = [json.loads(line) for line in data.decode().splitlines()]
    assert n == len(reports) == 2
    assert all(r["schema"] == "sitroom.report/1" for r in reports)


def test_export_cli_filters(db, tmp_path):
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(
        cli, ["export", "--format", "acled-csv", "--db", db, "-o", str(out), "--since", "2018-10"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["location"] for r in rows] == ["Aleppo"]
    bad = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", db])
    assert bad.exit_code != 0 and "binary" in bad.output
    bad = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", db, "--since", "yesterday"])
    assert bad.exit_code != 0 and "since" in bad.output
