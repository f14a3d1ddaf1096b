"""`sitroom ingest` end to end: files, directories, JSON Lines, WARC; idempotent, resumable, failures."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.store import Store

TOWNS = ["Idlib", "Aleppo", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Tartus", "Palmyra"]


def article(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    return (
        f"Fighting reported near {town} for the {i}th day\n\n"
        f"Residents of {town} said on Monday that clashes had continued for {i} days between government "
        f"forces and rebel fighters, forcing {100 + i} families to leave their homes. Local officials said "
        f"the road to the north had been closed since the morning and that schools would stay shut. "
        f"Aid workers in {town} asked for blankets, fuel and medicine before the winter arrives.\n"
    )


def _warc(path, pages):
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    with open(path, "wb") as fh:
        writer = warcio.warcwriter.WARCWriter(fh, gzip=True)
        for url, html, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            body = html.encode("utf-8")
            # with a length, warcio digests the payload in place instead of spooling it to a temp file
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)


def _html(i: int) -> str:
    title, body = article(i).split("\n\n", 1)
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(article(1))
    (d / "b.txt").write_text(article(2))
    (d / "records.jsonl").write_text(
        "\n".join(
            json.dumps({"title": f"Record {i}", "text": article(i), "url": f"https://x.test/{i}"})
            for i in (3, 4)
        )
    )
    (d / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    _warc(
        d / "crawl.warc.gz",
        [
            ("https://news.test/5", _html(5), "text/html; charset=utf-8"),
            ("https://news.test/logo.png", "not html", "image/png"),
            ("https://news.test/6", _html(6), "text/html"),
        ],
    )
    return d


def test_ingest_cmd_stores_every_kind_of_input_and_lists_failures(corpus, tmp_path):
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--no-progress"])
    assert result.exit_code == 1, result.output  # one input failed
    assert "stored 6" in result.output
    assert "broken.txt: binary file" in result.output
    with Store.open(db) as s:
        assert s.count("articles") == 6
        assert [f["input"] for f in s.failures_records()] == [str(corpus / "broken.txt")]
        urls = {a["url"] for a in s.articles_records()}
        assert {"https://news.test/5", "https://news.test/6", "https://x.test/3"} <= urls
        formats = {a["format"] for a in s.articles_records()}
        assert formats == {"text", "json", "html"}
        assert s.count("stories") == 6


def test_ingest_cmd_is_idempotent_and_resumes(corpus, tmp_path):
    db = str(tmp_path / "s.db")
    CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--no-progress"])
    again = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--no-progress"])
    assert "stored 0" in again.output and "skipped 6 already stored" in again.output
    (corpus / "c.txt").write_text(article(7))
    (corpus / "b.txt").write_text(article(2))  # same content: same input key
    more = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--no-progress"])
    assert "stored 1" in more.output
    with Store.open(db) as s:
        assert s.count("articles") == 7
        assert s.count("inputs") == 8  # seven articles and the failed input


def test_ingest_cmd_reanalyze_reruns_older_stage_versions(corpus, tmp_path):
    db = str(tmp_path / "s.db")
    CliRunner().invoke(cli, ["ingest", str(corpus / "a.txt"), "--db", db, "--no-progress"])
    with Store.open(db) as s:
        s.db.execute("UPDATE articles SET stages = 'clean@0'")
        assert len(s.stale(["x"])) == 1
    result = CliRunner().invoke(
        cli, ["ingest", str(corpus / "a.txt"), "--db", db, "--reanalyze", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output
    with Store.open(db) as s:
        assert "clean@0" not in s.articles_records()[0]["stages"]


def test_ingest_cmd_with_two_workers(corpus, tmp_path):
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(corpus / "records.jsonl"),
            str(corpus / "a.txt"),
            "--db",
            db,
            "--workers",
            "2",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    with Store.open(db) as s:
        assert s.count("articles") == 3


def test_ingest_cmd_survives_kill_9(tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    total = 40
    for i in range(total):
        (corpus / f"{i:03}.txt").write_text(article(i + 10))
    db = tmp_path / "k.db"
    env = {**os.environ, "SITROOM_BATCH_SIZE": "1"}
    exe = os.path.join(os.path.dirname(sys.executable), "sitroom")
    cmd = [exe, "ingest", str(corpus), "--db", str(db), "--no-progress", "--no-merge"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 3:
                break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(str(db)) as s:
        before = s.count("articles")
        assert 0 < before < total  # killed mid-run, with some reports committed
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"skipped {before} already stored" in result.output
    assert f"stored {total - before}" in result.output
    with Store.open(str(db)) as s:
        assert s.count("articles") == total
