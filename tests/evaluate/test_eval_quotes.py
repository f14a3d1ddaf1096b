"""`sitroom eval quotes` on PolNeAR, and the brat reader and span scorer it rests on."""

from __future__ import annotations

import re

from click.testing import CliRunner

from conftest import DATA, data_dir
from sitroom.cli import cli
from sitroom.document import Quote, Span, Speaker
from sitroom.evaluate.quotes import Attribution, Score, predict, read_ann, score_one
from util import make_doc

TEXT = "“We stay,” he said, “and we fight.” Officials said that the road was open."
ANN = "\n".join(
    [
        "T1\tContent 1 8;20 33\tWe stay, and we fight.",
        "T2\tSource 11 13\the",
        "T3\tCue 14 18\tsaid",
        "T4\tAttribution 14 18\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "T5\tCue 46 50\tsaid",
        "T6\tContent 51 73\tthat the road was open",
        "T7\tAttribution-no-source 46 50\tsaid",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        "T8\tDiscuss 0 1\t“",
    ]
)


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_quotes_read_ann_discontinuous_and_sourceless():
    gold = read_ann(ANN, TEXT)
    assert len(gold) == 2
    first, second = gold
    assert [TEXT[a:b] for a, b in first.content] == ["We stay", "and we fight"]
    assert [TEXT[a:b] for a, b in first.source] == ["he"]
    assert second.source == ()
    assert [TEXT[a:b] for a, b in second.content] == ["that the road was open"]


def test_eval_quotes_predict_joins_pieces_of_one_cue_and_continuations():
    text = TEXT + "\n\n“Nobody leaves.”"
    he = Speaker("Omar Saleh", Span(11, 13))
    cue = Span(14, 18)
    quotes = (
        Quote("direct", Span(1, 8), he, cue),
        Quote("direct", Span(20, 34), he, cue),
        Quote("direct", Span(76, 90), Speaker("Omar Saleh"), None),  # continues: no mention of its own
    )
    doc = make_doc(text, quotes=quotes)
    (one,) = predict(doc)
    assert one.cue == ((14, 18),)
    assert [doc.text[a:b] for a, b in one.content] == ["We stay", "and we fight", "Nobody leaves"]


def test_eval_quotes_exact_needs_same_pieces_overlap_one_character():
    gold = [Attribution(((14, 18),), ((1, 8), (20, 33)), ((11, 13),))]
    pred = [Attribution(((14, 18),), ((1, 8),), ((11, 13),))]
    score = Score()
    score_one(score, pred, gold)
    assert score.f1("cue exact")[2] == 1.0
    assert score.f1("source exact")[2] == 1.0
    assert score.f1("content exact")[2] == 0.0  # one piece of two
    assert score.f1("content overlap")[2] == 1.0
    assert score.f1("quote exact")[2] == 0.0
    assert score.f1("quote overlap")[2] == 1.0


def test_eval_quotes_missing_and_spurious_count_against_recall_and_precision():
    gold = [Attribution(((14, 18),), ((1, 8),), ())]
    pred = [Attribution(((50, 54),), ((60, 70),), ())]
    score = Score()
    score_one(score, pred, gold)
    p, r, f = score.f1("cue overlap")
    assert (p, r, f) == (0.0, 0.0, 0.0)
    c = score.counts["cue overlap"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_eval_quotes_on_a_sample_passes_its_floors():
    data_dir("polnear")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--limit", "12", "--data", str(DATA)])
    out = result.output
    assert result.exit_code == 0, out
    assert "citron (BBC)" in out
    assert "PolNeAR annotators vs each other" in out  # the human ceiling is printed beside citron
    # Floors a little under what the first 12 dev articles gave when pinned (README "Accuracy").
    assert _figure(out, "dev cue overlap F1") >= FLOORS["cue overlap"]
    assert _figure(out, "dev source exact F1") >= FLOORS["source exact"]
    assert _figure(out, "dev content overlap F1") >= FLOORS["content overlap"]
    assert _figure(out, "dev quote overlap F1") >= FLOORS["quote overlap"]


# Measured on the first 12 dev articles with the learned attribution pass: 0.827, 0.776, 0.817, 0.776.
FLOORS = {"cue overlap": 0.80, "source exact": 0.75, "content overlap": 0.79, "quote overlap": 0.75}


def test_eval_quotes_scores_an_article_without_actors_when_that_stage_fails():
    from sitroom.evaluate.quotes import _stages, _without_actors
    from sitroom.pipeline import INGESTED, Failure
    from sitroom.settings import Settings

    text = "Police said that at least 12 people were killed in the blast on Monday in the city."
    given = (*INGESTED, "text", "id", "meta")
    doc = _without_actors(Failure("a", "actors failed"), [("a", text, [])], Settings(), _stages(), given)
    expected = ["that at least 12 people were killed in the blast on Monday in the city"]
    assert [doc.span_text(q.content) for q in doc.quotes] == expected


def test_eval_quotes_human_agreement_pairs_every_annotator_of_a_multiply_coded_article():
    from sitroom.evaluate.quotes import agreement

    root = data_dir("polnear")
    score, articles = agreement(root)
    assert articles == 20  # 4 annotator-training articles and 16 of train, coded by several annotators
    cue = score.counts["cue exact"]
    assert cue.fp == cue.fn  # every pair is scored both ways, so precision equals recall
    assert 0.6 < score.f1("cue exact")[2] < 0.8  # PolNeAR's README: token-wise alpha 0.754
    assert score.f1("content overlap")[2] > score.f1("content exact")[2]
