"""Quotes against PolNeAR (Newell et al., LREC 2018): cue, source and content spans, and whole attributions.

PolNeAR's brat offsets point into its own text files, so each article is scored on a Document
whose ``text`` is that file, run through the pipeline's nlp, actors and quotes stages (clean is
skipped: it would move the offsets). ``dev`` and ``train`` are scored separately; ``test`` is
never read. Articles annotated by several annotators are scored against the first file.

Matching is one-to-one. *Exact* compares spans after dropping spaces, quotation marks and
punctuation at their edges (PolNeAR keeps a trailing comma inside the marks, sitroom does not),
and joins pieces that only punctuation parts (annotators often cut one quotation into a piece per
sentence); *overlap* needs one shared character. A discontinuous span (a quotation interrupted by "he
said") is the set of its pieces; sitroom's quotes that share a cue, or continue one another, are
joined into one attribution the same way. A whole attribution matches exactly when its cue,
content and source (or the absence of a source) all match exactly.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.document import Document, Source, text_id
from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult, Metric, prf
from sitroom.pipeline import INGESTED, Failure, Stage, default_pipeline, run_many
from sitroom.settings import Settings

Pieces = tuple[tuple[int, int], ...]

CITRON = "citron (BBC), PARC 3.0 test"
HUMANS = "PolNeAR annotators vs each other"
# Published by BBC News Labs for citron on PARC 3.0 (github.com/bbc/citron, README "Evaluation").
PEERS = {"cue": 0.823, "source": 0.820, "content_overlap": 0.833, "quote": 0.567}
# Floors sit a little under the dev figures measured when they were pinned (README "Accuracy").
FLOORS = {
    "dev": {
        "cue exact F1": 0.66,  # measured 0.682 (rules, cue model and learned attribution pass)
        "source exact F1": 0.68,  # 0.698
        "content overlap F1": 0.74,  # 0.765
        "quote exact F1": 0.43,  # 0.452
    }
}

_EDGE = " \t\n,;:.—–-\"“”‘’«»„'"


@dataclass(frozen=True)
class Attribution:
    cue: Pieces
    content: Pieces
    source: Pieces  # () when there is none


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=dict)
    failures: int = 0  # articles scored without the actors stage, which failed on them

    def add(self, name: str, tp: int, n_pred: int, n_gold: int) -> None:
        self.counts.setdefault(name, Counts()).add(tp, n_pred, n_gold)

    def f1(self, name: str) -> tuple[float, float, float]:
        c = self.counts.get(name, Counts())
        return prf(c.tp, c.fp, c.fn)


def evaluate(data: Path, settings: Settings, limit: int | None) -> EvalResult:
    """Score the quotes stage on PolNeAR dev (the target) and train, beside citron's figures."""
    root = data / "polnear"
    if not (root / "dev" / "text").is_dir():
        raise EvalError(f"PolNeAR not found under {root} (expected dev/text and dev/attributions)")
    started = time.perf_counter()
    metrics: list[Metric] = []
    n = 0
    notes: list[str] = []
    human, n_human = agreement(root)
    for split in ("dev", "train"):
        articles = load_split(root / split, limit)
        score = score_articles(articles, settings)
        n += len(articles)
        metrics.extend(_metrics(split, score, human if n_human else None))
        failed = f" ({score.failures} without actor links: the actors stage failed)" if score.failures else ""
        notes.append(f"{split}: {len(articles)} articles{failed}")
    return EvalResult(
        stage="quotes",
        dataset="PolNeAR v1.0 (dev, train)",
        n=n,
        metrics=tuple(metrics),
        seconds=time.perf_counter() - started,
        notes=(
            *notes,
            f"peers: {CITRON}; cue and source compared with exact, content with overlap",
            f"{HUMANS}: each annotator scored against each other one on the {n_human} articles that "
            "several annotators coded (train and annotator-training), with the same matching",
            "exact = same span after trimming spaces, quotation marks and edge punctuation",
        ),
    )


def agreement(root: Path) -> tuple[Score, int]:
    """How far PolNeAR's own annotators agree, scored like sitroom: a ceiling for any system.

    Articles coded by several annotators (``<name>_<annotator>.ann``) in train and
    annotator-training give every ordered pair of annotators: one as prediction, one as gold.
    Dev and test are not read, so the ceiling is not taken from the data being measured.
    """
    score = Score()
    articles = 0
    for split in ("annotator-training", "train"):
        folder = root / split
        for path in sorted((folder / "text").glob("*.txt")):
            anns = [
                a
                for a in sorted((folder / "attributions").glob(path.stem + "_*.ann"))
                if _annotator_file(a, path)
            ]
            if len(anns) < 2:
                continue
            text = path.read_text(encoding="utf-8")
            coded = [read_ann(a.read_text(encoding="utf-8"), text) for a in anns]
            articles += 1
            for i, pred in enumerate(coded):
                for j, gold in enumerate(coded):
                    if i != j:
                        score_one(score, pred, gold)
    return score, articles


def _annotator_file(ann: Path, text: Path) -> bool:
    """``<name>_<id>.ann`` with a short alphanumeric annotator id (not another article's longer name)."""
    suffix = ann.stem[len(text.stem) + 1 :]
    return suffix.isalnum() and len(suffix) <= 6


def load_split(folder: Path, limit: int | None) -> list[tuple[str, str, list[Attribution]]]:
    """(name, text, gold attributions) of each article of one PolNeAR split, in name order."""
    texts = sorted((folder / "text").glob("*.txt"))
    if limit is not None:
        texts = texts[:limit]
    out = []
    for path in texts:
        anns = sorted((folder / "attributions").glob(path.stem + "*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        out.append((path.stem, text, read_ann(anns[0].read_text(encoding="utf-8"), text)))
    return out


def read_ann(ann: str, text: str) -> list[Attribution]:
    """Attributions of a brat standoff file: each event's Cue, Content and Source text-bound spans."""
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            pieces = tuple((int(a), int(b)) for a, b in (p.split() for p in offsets.split(";")) if label)
            spans[parts[0]] = pieces
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            events.append(roles)
    out = []
    for roles in events:
        cue = spans.get(roles.get("Cue", ""), ())
        content = tuple(p for key in ("Content", "Content2") for p in spans.get(roles.get(key, ""), ()))
        if not cue or not content:
            continue
        out.append(
            Attribution(
                _norm(text, cue), _norm(text, content), _norm(text, spans.get(roles.get("Source", ""), ()))
            )
        )
    return out


def predict(doc: Document) -> list[Attribution]:
    """sitroom's quotes as attributions: quotes sharing a cue, or continuing one another, are one."""
    groups: dict[object, list[int]] = {}
    order: list[object] = []
    root_of: list[object] = []
    for i, q in enumerate(doc.quotes):
        key: object = (q.cue.start, q.cue.end) if q.cue is not None else ("q", i)
        if q.cue is None and q.speaker is not None and q.speaker.span is None and root_of:
            key = root_of[-1]  # a continued quotation belongs to the one before it
        root_of.append(key)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(i)
    out = []
    for key in order:
        qs = [doc.quotes[i] for i in groups[key]]
        cue = qs[0].cue
        src = next((q.speaker.span for q in qs if q.speaker is not None and q.speaker.span is not None), None)
        out.append(
            Attribution(
                _norm(doc.text, () if cue is None else ((cue.start, cue.end),)),
                _norm(doc.text, tuple((q.content.start, q.content.end) for q in qs)),
                _norm(doc.text, () if src is None else ((src.start, src.end),)),
            )
        )
    return out


def score_articles(articles: list[tuple[str, str, list[Attribution]]], settings: Settings) -> Score:
    score = Score()
    docs = (Document(source=Source(path=n), raw=t, text=t, id=text_id(t)) for n, t, _ in articles)
    given = (*INGESTED, *(f for s in default_pipeline() if s.name == "clean" for f in s.provides), "text")
    stages = _stages()
    for (_, _, gold), doc in zip(articles, run_many(docs, settings, stages, given), strict=True):
        if isinstance(doc, Failure):
            # Another stage (actors) failing must not hide the quotes: score without it, and say so.
            doc = _without_actors(doc, articles, settings, stages, given)
            score.failures += 1
        score_one(score, predict(doc), gold)
    return score


def _without_actors(
    failure: Failure,
    articles: list[tuple[str, str, list[Attribution]]],
    settings: Settings,
    stages: tuple[Stage, ...],
    given: tuple[str, ...],
) -> Document:
    text = next(t for name, t, _ in articles if name == failure.input)
    doc = Document(source=Source(path=failure.input), raw=text, text=text, id=text_id(text))
    rest = tuple(s for s in stages if s.name != "actors")
    out = next(iter(run_many([doc], settings, rest, (*given, "actors"))))  # no actors: an empty tuple
    if isinstance(out, Failure):
        raise EvalError(f"quotes failed on {out.input}: {out.reason}")
    return out


def score_one(score: Score, pred: list[Attribution], gold: list[Attribution]) -> None:
    for role in ("cue", "source", "content"):
        p = [getattr(a, role) for a in pred if getattr(a, role)]
        g = [getattr(a, role) for a in gold if getattr(a, role)]
        score.add(f"{role} exact", _matches(p, g, _same), len(p), len(g))
        score.add(f"{role} overlap", _matches(p, g, _overlap), len(p), len(g))
    whole = _matches(
        pred, gold, lambda a, b: _same(a.cue, b.cue) and _same(a.content, b.content) and a.source == b.source
    )
    score.add("quote exact", whole, len(pred), len(gold))
    loose = _matches(pred, gold, lambda a, b: _overlap(a.cue, b.cue) and _overlap(a.content, b.content))
    score.add("quote overlap", loose, len(pred), len(gold))


def _metrics(split: str, score: Score, human: Score | None) -> Iterable[Metric]:
    floors = FLOORS.get(split, {})
    peer = {
        "cue exact": PEERS["cue"],
        "source exact": PEERS["source"],
        "content overlap": PEERS["content_overlap"],
        "quote exact": PEERS["quote"],
    }
    for name in (
        "cue exact",
        "cue overlap",
        "source exact",
        "source overlap",
        "content exact",
        "content overlap",
        "quote exact",
        "quote overlap",
    ):
        p, r, f = score.f1(name)
        label = f"{split} {name} F1"
        peers: tuple[tuple[str, float], ...] = ((CITRON, peer[name]),) if name in peer else ()
        if peers and human is not None:  # no multiply coded articles, no human figure
            peers = (*peers, (HUMANS, human.f1(name)[2]))
        yield Metric(label, f, floors.get(f"{name} F1"), peers, note=f"P {p:.3f} R {r:.3f}")


def _stages() -> tuple[Stage, ...]:
    """nlp, actors (when the pipeline has it) and quotes: what the quotes stage reads, without clean."""
    wanted = ("nlp", "actors", "quotes")
    stages = tuple(s for s in default_pipeline() if s.name in wanted)
    if "quotes" not in {s.name for s in stages}:
        from sitroom.stages.quotes import quotes

        stages = (*stages, quotes)
    return stages


def _norm(text: str, pieces: Pieces) -> Pieces:
    """Pieces trimmed of edge punctuation, and joined where only spaces and punctuation part them.

    PolNeAR annotators often cut one quotation into a piece per sentence ("… a candidate. | He
    unites …"); sitroom keeps it whole. Both cover the same words, so both compare equal.
    """
    out: list[tuple[int, int]] = []
    for a, b in sorted(pieces):
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and text[b - 1] in _EDGE:
            b -= 1
        if a >= b:
            continue
        if out and not any(c.isalnum() for c in text[out[-1][1] : a]):
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return tuple(out)


def _same(a: Pieces, b: Pieces) -> bool:
    return a == b


def _overlap(a: Pieces, b: Pieces) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def _matches(pred: list, gold: list, same) -> int:  # type: ignore[type-arg,no-untyped-def]
    """Greedy one-to-one matching; exact ties are rare enough that greedy equals optimal here."""
    used = [False] * len(gold)
    tp = 0
    for p in pred:
        for k, g in enumerate(gold):
            if not used[k] and same(p, g):
                used[k] = True
                tp += 1
                break
    return tp
