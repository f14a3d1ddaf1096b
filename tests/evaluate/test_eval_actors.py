"""`sitroom eval actors` end to end through the CLI on a --limit sample of the PLOVER gold standard."""

from __future__ import annotations

import re

from click.testing import CliRunner

from conftest import DATA, data_dir
from sitroom.cli import cli
from sitroom.document import Actor
from sitroom.evaluate.actors import code_of


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_actors_on_a_sample_passes_its_floors():
    data_dir("plover-gsr")
    result = CliRunner().invoke(cli, ["eval", "actors", "--limit", "100", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    out = result.output
    # Measured on these first 100 records: accuracy 0.78, precision 0.97, coverage 0.80, sector 0.88
    # (all 213: 0.74, 0.97, 0.76, 0.88; README "Accuracy").
    assert _figure(out, "country accuracy") >= 0.72
    assert _figure(out, "country precision") >= 0.93
    assert _figure(out, "coverage") >= 0.75
    assert _figure(out, "sector accuracy") >= 0.82
    assert "no published figures" in out


def test_eval_actors_codes_follow_plover():
    iso3 = {"SY": "SYR", "US": "USA"}
    assert code_of(Actor("un", "United Nations", "igo"), iso3) == "IGO"
    assert code_of(Actor("SY:military", "Syrian military", "military", "SY", "MIL"), iso3) == "SYR"
    assert code_of(Actor("al-qaeda", "al-Qaeda", "armed_group"), iso3) == "IMG"
    assert code_of(Actor("hrw", "Human Rights Watch", "ngo"), iso3) == "NGO"
    assert code_of(Actor("x:someone", "Someone", "person"), iso3) is None
    assert code_of(Actor("x:kofi", "Kofi", "person", None, "IGO"), iso3) == "IGO"
