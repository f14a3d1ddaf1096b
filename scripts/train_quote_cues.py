"""Train the attribution-cue classifier of ``sitroom.stages.quotes.model`` on PolNeAR train.

Usage: .venv/bin/python scripts/train_quote_cues.py [--data ../shared/data] [--out FILE]

Reads only PolNeAR *train* (dev is for measuring, test is held out). Articles are taken in name
order: the first 700 train the model, articles 700-840 choose the threshold, end to end (the
quotes stage run with each threshold, scored by ``sitroom.evaluate.quotes``). One example per
candidate verb, labelled positive when the verb lies inside a gold cue span. L2 logistic
regression (scikit-learn, a dev dependency: training time only), fixed seed; weights under
``MIN_WEIGHT`` are pruned and the rest written with provenance to
``src/sitroom/data/quote_cue_model.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from quote_training import fit_logistic
from quote_training import provenance as base_provenance

from sitroom.evaluate.quotes import load_split, score_articles
from sitroom.settings import Settings
from sitroom.stages.nlp import load_model
from sitroom.stages.quotes import model as cue_model

ROOT = Path(__file__).resolve().parent.parent
TRAIN_ARTICLES = 700  # articles 700-840 are the held-out slice for the threshold
C = 0.5  # inverse L2 strength
MIN_WEIGHT = 0.1
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def examples(articles: list[Any], settings: Settings) -> list[tuple[int, list[str], int]]:
    """(article index, features, label) of every candidate verb of the articles."""
    nlp = load_model(settings.model)
    out: list[tuple[int, list[str], int]] = []
    texts = [text for _, text, _ in articles]
    for k, (sp, (_, _, gold)) in enumerate(zip(nlp.pipe(texts, batch_size=16), articles, strict=True)):
        cues = [p for a in gold for p in a.cue]
        for tok in sp:
            if not cue_model.is_candidate(tok):
                continue
            a, b = tok.idx, tok.idx + len(tok.text)
            label = int(any(x <= a and b <= y for x, y in cues))
            out.append((k, cue_model.features(tok), label))
        if k % 100 == 0:
            print(f"parsed {k}/{len(articles)}", file=sys.stderr)
    return out


def train(rows: list[tuple[int, list[str], int]]) -> tuple[dict[str, float], float]:
    return fit_logistic([f for _, f, _ in rows], [label for _, _, label in rows], C, MIN_WEIGHT)


def token_metrics(model: cue_model.CueModel, rows: list[tuple[int, list[str], int]]) -> dict[str, float]:
    tp = fp = fn = 0
    for _, f, label in rows:
        hit = model.probability(f) >= model.threshold
        tp += hit and label
        fp += hit and not label
        fn += label and not hit
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def end_to_end(model: cue_model.CueModel, held: list[Any], settings: Settings) -> dict[str, float]:
    """Cue, source and whole-attribution exact F1 of the quotes stage on the held-out articles."""
    cue_model.load = lambda: model  # type: ignore[assignment]  # the stage reads the candidate model
    score = score_articles(held, settings)
    return {name: round(score.f1(name)[2], 3) for name in ("cue exact", "source exact", "quote exact")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, help="keep the parsed examples in this pickle between runs")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "data" / cue_model.MODEL_FILE)
    args = ap.parse_args()
    settings = Settings()
    articles = load_split(args.data / "polnear" / "train", None)
    fit, held = articles[:TRAIN_ARTICLES], articles[TRAIN_ARTICLES:]
    if args.cache is not None and args.cache.exists():
        rows, held_rows = pickle.loads(args.cache.read_bytes())
    else:
        rows, held_rows = examples(fit, settings), examples(held, settings)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((rows, held_rows)))
    weights, bias = train(rows)
    base = cue_model.CueModel(weights, bias, 1.1, {})
    results = {}
    for t in (1.1, *THRESHOLDS):  # 1.1: the model off, the lexicon alone
        results[t] = end_to_end(replace(base, threshold=t), held, settings)
        print(f"threshold {t}: held-out {results[t]}", file=sys.stderr)
    best = max(THRESHOLDS, key=lambda t: (results[t]["quote exact"] + results[t]["cue exact"], t))
    chosen = replace(base, threshold=best)
    provenance = {
        **base_provenance("train_quote_cues.py", settings.model, TRAIN_ARTICLES, len(articles), "threshold"),
        "classifier": f"L2 logistic regression, liblinear, C={C}, seed 0; |w| < {MIN_WEIGHT} pruned",
        "examples": len(rows),
        "positives": sum(label for _, _, label in rows),
        "features": len(weights),
        "train_token_metrics": token_metrics(chosen, rows),
        "heldout_token_metrics": token_metrics(chosen, held_rows),
        "heldout_end_to_end": {str(t): r for t, r in results.items()},
    }
    payload = {
        "threshold": best,
        "bias": bias,
        "provenance": provenance,
        "weights": dict(sorted(weights.items())),
    }
    text = json.dumps(payload, ensure_ascii=False, indent=0, separators=(",", ":"))  # a weight a line
    args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps(provenance, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
