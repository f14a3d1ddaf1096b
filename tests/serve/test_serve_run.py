"""`sitroom serve`: loopback by default, settings from flags, a clear message without the extra."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import ConfigError
from sitroom.serve.run import is_loopback, serve
from sitroom.settings import Settings

uvicorn = pytest.importorskip("uvicorn")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.0.2.7", False)],
)
def test_serve_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_cli_binds_loopback_by_default(monkeypatch, tmp_path):
    calls = {}

    def fake_run(app, host, port, log_level):
        calls.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == Settings().port
    assert calls["app"].state.sitroom.store.db.url == str(db)
    calls["app"].state.sitroom.store.close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "0.0.0.0" and calls["port"] == 9001
    calls["app"].state.sitroom.store.close()


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install .*serve"):
        serve(Settings())
