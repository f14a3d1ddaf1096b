"""Bad inputs through the CLI: one line per bad input naming it and why; the good ones are still analyzed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli

GOOD = (
    "Talks on the prisoner exchange resume\n\n"
    "Negotiators from both sides met in the capital on Tuesday to resume talks on a prisoner exchange, "
    "officials said. The last round broke down in March over the number of detainees to be released. "
    "Mediators said they expected a first list of names to be agreed by the end of the week.\n"
)

BAD = {
    "empty.txt": (b"", "empty input"),
    "blank.txt": (b" \n\n\t \n", "empty input"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
    "nul.txt": (b"Title\n\x00\x01\x02\x00 some \x00 bytes", "binary file (contains NUL bytes)"),
    "latin1.txt": (GOOD.replace("capital", "capital caf\xe9").encode("latin-1"), "broken encoding"),
    "menu.html": (
        b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a>"
        b"</nav><footer>Contact</footer></body></html>",
        "not an article",
    ),
    "short.txt": (b"Headline only\n\nOne line of text.", "not an article"),
    "record.json": (
        json.dumps({"title": "No body here", "url": "https://example.org/x"}).encode(),
        "no article text",
    ),
    "broken.jsonl": (b'{"title": "ok", "text": "fine"}\n{"title": oops\n', "invalid JSON on line 2"),
    "german.txt": (
        "Gespräche über den Gefangenenaustausch\n\nDie Unterhändler beider Seiten trafen sich am Dienstag in "
        "der Hauptstadt, um die Gespräche über einen Gefangenenaustausch wieder aufzunehmen, sagten "
        "Beamte. Die letzte Runde war im März gescheitert.\n".encode(),
        "English",
    ),
}


def _run(args: list[str], **kwargs):
    return CliRunner().invoke(cli, ["analyze", *args], **kwargs)


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize(("name", "case"), BAD.items(), ids=list(BAD))
def test_bad_input_one_clear_line(tmp_path, name, case):
    data, reason = case
    path = tmp_path / name
    path.write_bytes(data)
    result = _run([str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = _error_lines(result)
    assert line.startswith(f"error: {path}")
    assert reason in line
    assert "Traceback" not in result.stderr


def test_bad_input_over_max_bytes_setting(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    result = _run([str(path)], env={"SITROOM_MAX_BYTES": "2000"})
    assert result.exit_code == 1
    (line,) = _error_lines(result)
    assert str(path) in line and "over the 2,000 bytes limit (setting max_bytes)" in line


def test_bad_input_over_max_bytes_on_stdin():
    result = _run(["-"], input=GOOD * 20, env={"SITROOM_MAX_BYTES": "2000"})
    assert result.exit_code == 1
    (line,) = _error_lines(result)
    assert line.startswith("error: <stdin>") and "max_bytes" in line


def test_bad_input_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB on paper, instant to make
    result = _run([str(path)])
    assert result.exit_code == 1
    (line,) = _error_lines(result)
    assert "file is 50.0 MB, over the 10.0 MB limit" in line


def test_bad_input_missing_path_and_url():
    result = _run(["/no/such/article.txt", "https://example.org/story"])
    assert result.exit_code == 1
    missing, url = _error_lines(result)
    assert "/no/such/article.txt: no such file or directory" in missing
    assert "URLs are not fetched" in url


def test_bad_input_directory_mixing_good_and_bad(tmp_path):
    for name, (data, _reason) in BAD.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "also-good.txt").write_text(GOOD.replace("Tuesday", "Wednesday"), encoding="utf-8")
    result = _run([str(tmp_path)])
    assert result.exit_code == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["source"]["path"] for r in reports) == sorted(
        str(tmp_path / n) for n in ("good.txt", "also-good.txt")
    )
    errors = _error_lines(result)
    assert len(errors) == len(BAD)  # one line per bad input, no more
    for name, (_data, reason) in BAD.items():
        assert any(str(tmp_path / name) in e and reason in e for e in errors), name
    assert result.stderr.splitlines()[-1] == f"{len(BAD)} input(s) failed"
