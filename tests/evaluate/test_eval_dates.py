"""`sitroom eval dates` on TempEval-3 TBAQ-cleaned, and the TimeML reader and scorer it rests on."""

from __future__ import annotations

import re

from click.testing import CliRunner

from conftest import DATA, data_dir
from sitroom.cli import cli
from sitroom.document import Span
from sitroom.evaluate.dates import Counts, Timex, read_timeml

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">02/13/98</TIMEX3>
</DCT>
<TEXT>
Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="1998"/>
</TEXT>
</TimeML>
"""


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_dates_read_timeml_offsets_align(tmp_path):
    path = tmp_path / "x.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "1998-02-13"
    assert [(doc.text[t.span.start : t.span.end], t.value, t.kind) for t in doc.timexes] == [
        ("Thursday", "1998-02-12", "date"),
        ("three days", "P3D", "duration"),
    ]  # the empty TIMEX3 has no extent and is not scored, nor is the DCT


def test_eval_dates_counts_strict_relaxed_and_value():
    gold = [Timex(Span(0, 10), "1998-02-12", "date"), Timex(Span(20, 30), "P3D", "duration")]
    system = [
        Timex(Span(0, 10), "1998-02-12", "date"),  # strict, right value
        Timex(Span(22, 30), "P2D", "duration"),  # relaxed only, wrong value
        Timex(Span(40, 44), "1998", "date"),  # spurious
    ]
    c = Counts()
    c.add(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed, c.value, c.kind) == (2, 3, 1, 2, 1, 2)


def test_eval_dates_on_a_sample_passes_its_floors():
    data_dir("tempeval3")
    result = CliRunner().invoke(cli, ["eval", "dates", "--limit", "40", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    out = result.output
    # Measured on these first 40 TimeBank documents: strict F1 0.916, relaxed F1 0.959, value F1 0.811.
    assert _figure(out, "strict F1") >= 0.88
    assert _figure(out, "relaxed F1") >= 0.93
    assert _figure(out, "value F1") >= 0.79
    assert "HeidelTime-t 0.776" in out  # the published peer figure is printed beside ours
