"""`sitroom eval clean` end to end through the CLI on a --limit sample of the public data."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import DATA, data_dir
from sitroom.cli import cli
from sitroom.evaluate.clean import body_scores, shingle_counts


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_clean_on_a_sample_passes_its_floors():
    for name in ("article-extraction-benchmark", "htmldate-eval", "polnear"):
        data_dir(name)
    result = CliRunner().invoke(cli, ["eval", "clean", "--limit", "40", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    out = result.output
    # Measured on these first 40 items of each set: body F1 0.96, dates 0.90, titles 1.0 (README "Accuracy").
    assert _figure(out, "body F1") >= 0.90
    assert _figure(out, "body precision") >= 0.88
    assert _figure(out, "date accuracy") >= 0.80
    assert _figure(out, "title accuracy") >= 0.95
    assert _figure(out, "annotated spans kept") >= 0.995
    assert "trafilatura 2.0.0 0.958" in out  # the published peer figure is printed beside ours


def test_eval_clean_takes_one_dataset_folder_as_data():
    folder = data_dir("htmldate-eval")
    result = CliRunner().invoke(cli, ["eval", "clean", "--limit", "10", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "date accuracy" in result.output
    assert "body F1" not in result.output
    assert "article-extraction-benchmark: not found" in result.output


def test_eval_clean_without_data_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "clean", "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "none of article-extraction-benchmark" in result.output


@pytest.mark.parametrize(
    ("gold", "pred", "counts"),
    [
        ("one two three four five", "one two three four five", (2, 0, 0)),
        ("one two three four five", "", (0, 0, 2)),
        ("one two three four", "one two three four plus extra words", (1, 3, 0)),
    ],
)
def test_eval_clean_shingle_counts(gold, pred, counts):
    assert shingle_counts(gold, pred) == counts


def test_eval_clean_body_scores_average_over_pages():
    perfect = ("alpha beta gamma delta epsilon", "alpha beta gamma delta epsilon")
    empty = ("alpha beta gamma delta epsilon", "")
    f1, precision, recall, accuracy = body_scores([perfect, empty])
    assert precision == 1.0  # the empty prediction has no precision to average
    assert recall == 0.5
    assert accuracy == 0.5
    assert f1 == pytest.approx(2 / 3)
