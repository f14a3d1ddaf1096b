"""The analyze command on every input format, end to end with the real model."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli

BODY = (
    "Government forces shelled the town of Maarat al-Numan on Tuesday, killing at least 12 civilians, "
    "a monitoring group said. Rescue workers said the toll could rise as people remained under the rubble. "
    "The army did not comment on the reports, and the opposition accused it of targeting a market."
)


def _reports(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_analyze_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Shelling kills 12 in northwest Syria\n\nBy Jane Roe\n\n{BODY}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    (report,) = _reports(result.stdout)
    assert report["meta"]["title"] == "Shelling kills 12 in northwest Syria"
    assert report["meta"]["authors"] == ["Jane Roe"]
    assert report["source"]["format"] == "text"
    assert "Government forces shelled" in report["text"]


def test_cli_analyze_html_file(tmp_path):
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in BODY.split(".") if s.strip())
    html = (
        "<html><head><title>Shelling kills 12 - Example News</title>"
        '<meta property="og:title" content="Shelling kills 12 in northwest Syria">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2019-05-14T09:00:00+00:00">'
        '<meta property="og:site_name" content="Example News"></head><body>'
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>Shelling kills 12 in northwest Syria</h1>{paragraphs}{paragraphs}</article>"
        "<footer>Copyright 2019 Example News</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    (report,) = _reports(result.stdout)
    assert report["source"]["format"] == "html"
    assert report["meta"]["title"] == "Shelling kills 12 in northwest Syria"
    assert report["meta"]["published"].startswith("2019-05-14")
    assert report["meta"]["publisher"] == "Example News"
    assert "Home" not in report["text"]
    assert "Government forces shelled" in report["text"]


def test_cli_analyze_json_lines_and_stdin(tmp_path):
    records = [
        {
            "title": "Shelling kills 12",
            "maintext": BODY,
            "date_publish": "2019-05-14 09:00:00",
            "authors": ["Jane Roe"],
            "url": "https://example.org/a",
            "source_domain": "example.org",
        },
        {"title": "Second story", "text": BODY.replace("12", "14"), "date_publish": "2019-05-15"},
    ]
    data = "\n".join(json.dumps(r) for r in records)
    result = CliRunner().invoke(cli, ["analyze", "-"], input=data)
    assert result.exit_code == 0, result.output
    first, second = _reports(result.stdout)
    assert first["source"] == {"path": "<stdin>:1", "url": "https://example.org/a", "format": "json"}
    assert first["meta"]["published"] == "2019-05-14T09:00:00"
    assert first["meta"]["publisher"] == "example.org"
    assert second["meta"]["published"] == "2019-05-15"
    assert first["id"] != second["id"]
    assert first["text"].startswith("Shelling kills 12\n\n")


def test_cli_analyze_directory_and_pretty(tmp_path, sample_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(f"First\n\n{BODY}", encoding="utf-8")
    (tmp_path / "two.txt").write_text(f"Second\n\n{BODY} Again.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not,an,article", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 0, result.output
    titles = [r["meta"]["title"] for r in _reports(result.stdout)]
    assert titles == ["First", "Second"]  # sorted paths; the .csv is not read
    pretty = CliRunner().invoke(cli, ["analyze", str(sample_path), "--pretty"])
    assert pretty.exit_code == 0
    assert pretty.stdout.startswith("{\n  ")
    assert json.loads(pretty.stdout)["meta"]["publisher"] == "Al Bawaba"


@pytest.mark.parametrize("command", ["analyze", "eval", "settings"])
def test_cli_commands_have_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_cli_settings_lists_every_setting():
    from sitroom.settings import describe

    result = CliRunner().invoke(cli, ["settings"])
    assert result.exit_code == 0
    for name, _default, help_text in describe():
        assert name in result.output
        assert help_text


def test_readme_documents_settings_and_commands():
    from pathlib import Path

    from sitroom.settings import describe

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, _default, _help in describe():
        assert f"`{name}`" in readme, f"setting {name} is not documented in README.md"
    for command in cli.commands:
        assert f"sitroom {command}" in readme, f"command {command} is not documented in README.md"
