"""Train the learned attribution pass of ``sitroom.stages.quotes.learned`` on PolNeAR train.

Usage: .venv/bin/python scripts/train_quote_spans.py [--data ../shared/data] [--cache DIR] [--out FILE]

Five L2 logistic regressions, each over the features of ``sitroom.stages.quotes.spans``:
- cue: is this token the head of an attribution cue?
- extent and whole: is this dependent of a cue head part of the cue ("has said", "said in a
  statement"), and with its whole subtree?
- source: is this noun phrase the cue's source (the best candidate above a threshold wins;
  none above it means the text names no source)?
- content: is this span what the cue reports (the best candidate wins)?

Reads only PolNeAR *train*, in name order: articles 0-699 fit the models; 700-839 choose the cue
and source thresholds, end to end (the quotes stage scored by ``sitroom.evaluate.quotes``): the
best sum of F1s among the thresholds that cost the rules' cue precision at most 0.005. Dev
is for measuring; test is held out. Weights under ``MIN_WEIGHT`` are pruned; the rest go with
provenance to ``src/sitroom/data/quote_span_model.json``, with the words that may be learned
cues: those annotators marked as a cue head in at least ``MIN_CUE_RATE`` of their (at least
``MIN_USES``) uses in the fitting articles. scikit-learn is a dev dependency,
used at training time only; the stage scores with dictionary look-ups.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quote_training import fit_logistic
from quote_training import provenance as base_provenance

from sitroom.evaluate.quotes import Attribution, _norm, load_split, score_articles
from sitroom.settings import Settings
from sitroom.stages.nlp import load_model, text_of
from sitroom.stages.quotes import learned, spans
from sitroom.stages.quotes.marks import find_marked

ROOT = Path(__file__).resolve().parent.parent
TRAIN_ARTICLES = 700
C = {"cue": 0.3, "extent": 1.0, "whole": 1.0, "source": 0.5, "content": 0.5}
MIN_WEIGHT = 0.15
# A word is a learned cue only if annotators marked it as a cue head in this share of its uses.
MIN_CUE_RATE = 0.3
MIN_USES = 5
CUE_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
SOURCE_THRESHOLDS = (0.25, 0.45)
# Precision before recall: the learned pass may cost the rules at most this much cue precision.
PRECISION_MARGIN = 0.005

Rows = dict[str, list[tuple[list[str], int]]]


def parse(articles: list[Any], settings: Settings, cache: Path | None, name: str) -> list[Any]:
    from spacy.tokens import DocBin

    nlp = load_model(settings.model)
    path = None if cache is None else cache / f"{name}.spacy"
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe([text for _, text, _ in articles], batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for d in docs:
            bin_.add(d)
        bin_.to_disk(path)
    return docs


def _tokens(sp: Any, pieces: tuple[tuple[int, int], ...]) -> list[Any]:
    out: list[Any] = []
    for a, b in pieces:
        span = sp.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def _head(tokens: list[Any]) -> Any | None:
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[0] if heads else None


def _chars(sp: Any, text: str, v: spans.TokSpan) -> tuple[tuple[int, int], ...]:
    last = sp[v[1] - 1]
    return _norm(text, ((sp[v[0]].idx, last.idx + len(last.text)),))


def examples(docs: list[Any], articles: list[Any]) -> Rows:
    rows: Rows = {"cue": [], "extent": [], "whole": [], "source": [], "content": []}
    for sp, (_, _, gold) in zip(docs, articles, strict=True):
        text = text_of(sp)
        marked = find_marked(text)
        heads: dict[int, Attribution] = {}
        for a in gold:
            h = _head(_tokens(sp, a.cue))
            if h is not None:
                heads.setdefault(h.i, a)
        for t in sp:
            if t.pos_ in spans.CUE_POS:
                rows["cue"].append((spans.cue_features(t), int(t.i in heads)))
        for i, a in heads.items():
            h = sp[i]
            cue = {t.i for t in _tokens(sp, a.cue)}
            for c in h.children:
                inside = c.i in cue
                rows["extent"].append((spans.extent_features(h, c), int(inside)))
                if inside:
                    rows["whole"].append(
                        (spans.extent_features(h, c), int(all(x.i in cue for x in c.subtree)))
                    )
            cands = spans.source_candidates(h) if a.source else {}
            for v, (t, kind) in cands.items():
                label = int(_chars(sp, text, v) == a.source)
                rows["source"].append((spans.source_features(h, v, t, kind), label))
            for v, (t, kind) in spans.content_candidates(h, marked).items():
                label = int(_chars(sp, text, v) == a.content)
                rows["content"].append((spans.content_features(h, v, t, kind), label))
    return rows


def cue_lemmas(docs: list[Any], articles: list[Any]) -> dict[str, list[int]]:
    """``lemma|POS`` -> [uses as a cue head, uses] for the words that head a cue often enough."""
    cue: dict[str, int] = {}
    uses: dict[str, int] = {}
    for sp, (_, _, gold) in zip(docs, articles, strict=True):
        heads = {h.i for a in gold if (h := _head(_tokens(sp, a.cue))) is not None}
        for t in sp:
            if t.pos_ in spans.CUE_POS:
                key = f"{t.lemma_.lower()}|{t.pos_}"
                uses[key] = uses.get(key, 0) + 1
                cue[key] = cue.get(key, 0) + (t.i in heads)
    return {k: [cue[k], n] for k, n in sorted(uses.items()) if n >= MIN_USES and cue[k] / n >= MIN_CUE_RATE}


def fit(rows: list[tuple[list[str], int]], c: float) -> tuple[dict[str, float], float]:
    return fit_logistic([f for f, _ in rows], [y for _, y in rows], c, MIN_WEIGHT)


def end_to_end(model: learned.SpanModel, held: list[Any], settings: Settings) -> dict[str, float]:
    learned.load = lambda: model  # type: ignore[assignment]  # the stage reads the candidate model
    score = score_articles(held, settings)
    names = ("cue exact", "source exact", "content overlap", "quote exact")
    out = {name: round(score.f1(name)[2], 3) for name in names}
    out["cue precision"] = round(score.f1("cue exact")[0], 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, help="keep the parsed articles (spaCy DocBin) in this folder")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "data" / learned.MODEL_FILE)
    args = ap.parse_args()
    settings = Settings()
    articles = load_split(args.data / "polnear" / "train", None)
    fit_part = articles[:TRAIN_ARTICLES]
    held = articles[TRAIN_ARTICLES:]
    docs = parse(fit_part, settings, args.cache, "fit")
    rows = examples(docs, fit_part)
    lemmas = cue_lemmas(docs, fit_part)
    models = {}
    for name, data in rows.items():
        weights, bias = fit(data, C[name])
        models[name] = learned.Linear(weights, bias)
        print(
            f"{name}: {len(data)} examples, {sum(y for _, y in data)} positive, {len(weights)} weights",
            file=sys.stderr,
        )
    results: dict[str, dict[str, float]] = {}
    best: tuple[float, float, float] | None = None
    off = learned.SpanModel(models, 1.1, 1.1, {}, frozenset(lemmas))  # the learned pass off
    rules = end_to_end(off, held, settings)
    results["rules alone"] = rules
    print(f"rules alone: held-out {rules}", file=sys.stderr)
    for tc in CUE_THRESHOLDS:
        for ts in SOURCE_THRESHOLDS:
            model = learned.SpanModel(models, tc, ts, {}, frozenset(lemmas))
            r = end_to_end(model, held, settings)
            results[f"cue {tc} source {ts}"] = r
            print(f"cue {tc} source {ts}: held-out {r}", file=sys.stderr)
            key = r["cue exact"] + r["source exact"] + r["content overlap"] + r["quote exact"]
            if r["cue precision"] < rules["cue precision"] - PRECISION_MARGIN:
                continue
            if best is None or key > best[0]:
                best = (key, tc, ts)
    if best is None:
        raise SystemExit(
            "no threshold keeps the cue precision of the rules: the learned pass would cost precision"
        )
    provenance = {
        **base_provenance(
            "train_quote_spans.py", settings.model, TRAIN_ARTICLES, len(articles), "thresholds"
        ),
        "classifier": f"L2 logistic regression per model, liblinear, C={C}, seed 0; "
        f"|w| < {MIN_WEIGHT} pruned",
        "examples": {k: len(v) for k, v in rows.items()},
        "positives": {k: sum(y for _, y in v) for k, v in rows.items()},
        "cue_lemmas": f"{len(lemmas)} lemma|POS heading a cue in >= {MIN_CUE_RATE:.0%} of >= {MIN_USES} uses",
        "heldout_end_to_end": results,
    }
    payload = {
        "cue_threshold": best[1],
        "source_threshold": best[2],
        "provenance": provenance,
        "cue_lemmas": lemmas,
        "models": {
            name: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))} for name, m in models.items()
        },
    }
    text = json.dumps(payload, ensure_ascii=False, indent=0, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps(provenance, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
