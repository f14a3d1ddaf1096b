"""`sitroom eval merge`: story clustering against the giveme5w1h news clusters."""

from __future__ import annotations

import itertools
import json
import re

from click.testing import CliRunner

from conftest import DATA, data_dir
from sitroom.cli import cli
from sitroom.evaluate import prf
from sitroom.merge.stories import StoryInput, find_stories


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_merge_stories_on_the_raw_records():
    # The clustering alone, on the news-please fields as published (no pipeline): fast, all 383.
    root = data_dir("news-corpora/giveme5w1h-news-cluster") / "data"
    arts, label = [], {}
    for path in sorted(root.glob("*.json")):
        rec = json.loads(path.read_text())
        arts.append(StoryInput(rec["dId"], rec["title"] or "", rec["text"] or "", rec["date_publish"]))
        label[rec["dId"]] = rec["newsCluster"]["EventId"]
    story = find_stories(arts)
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(label), 2):
        same, linked = label[a] == label[b], story[a] == story[b]
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
    p, r, f = prf(tp, fp, fn)
    # Measured on all 383: P 0.963, R 0.754, F1 0.846 (each half of the events alone: P 0.994 and
    # 1.000, R 0.729 and 0.797; the two halves together add a few cross-event links).
    assert p >= 0.94
    assert r >= 0.72
    assert f >= 0.82


def test_eval_merge_on_a_sample_through_the_cli():
    data_dir("news-corpora/giveme5w1h-news-cluster")
    result = CliRunner().invoke(cli, ["eval", "merge", "--limit", "60", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "no published clustering figure" in out
    # Measured on these 60 files (26 same-event pairs): P 0.952, R 0.769 (all 383: 0.969, 0.736).
    assert _figure(out, "story pairs precision") >= 0.90
    assert _figure(out, "story pairs recall") >= 0.70
