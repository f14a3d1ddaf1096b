"""The dates stage on TempEval-3's TBAQ-cleaned corpus (TimeBank + AQUAINT TimeML), scored as TempEval-3 does.

Notes:
    UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3", section 4.1: recognition precision and
    recall, strict (same extent) and relaxed (overlapping extent); an attribute is scored on relaxed
    matches as attribute F1, whose precision and recall are the number of relaxed matches with the
    right attribute over the system's and the gold expressions; attribute accuracy = attribute F1 /
    relaxed F1. The document creation time (DCT) is the anchor and is not scored, as in TempEval-3.
    The peers' figures are their TempEval-3 test-set (platinum) results from the task paper, the
    numbers SOURCE.txt lists; TBAQ-cleaned was that task's training data, so they are a reference
    point, not the same test.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.document import Document, Meta, Source, Span, text_id
from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult, Metric, prf
from sitroom.settings import Settings

# From SOURCE.txt / the TempEval-3 paper, Table 3: relaxed F1, P, R, strict F1, value F1 (in %).
PEERS = {
    "HeidelTime-t": (90.30, 93.08, 87.68, 81.34, 77.61),
    "NavyTime-1,2": (90.32, 89.36, 91.30, 79.57, 70.97),
    "SUTime": (90.32, 89.36, 91.30, 79.57, 67.38),
    "ClearTK-1,2": (90.23, 93.75, 86.96, 82.71, 64.66),
    "ManTIME-4": (89.66, 95.12, 84.78, 74.33, 68.97),
}
_COLUMN = {"relaxed F1": 0, "relaxed P": 1, "relaxed R": 2, "strict F1": 3, "value F1": 4}

# Measured on the 256 TBAQ-cleaned documents (strict F1 0.867, relaxed F1 0.939, value F1 0.774, value
# accuracy 0.824, type F1 0.897); floors a little below. TBAQ was also where the grammar's errors were
# studied, so these are development-set figures: see README "Accuracy".
FLOORS = {
    "strict F1": 0.84,
    "relaxed F1": 0.92,
    "value F1": 0.75,
    "value accuracy": 0.80,
    "type F1": 0.87,
}

_KIND = {"DATE": "date", "TIME": "time", "DURATION": "duration", "SET": "set"}


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3: its extent in the document text, normalised value and type."""

    span: Span
    value: str
    kind: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: tuple[Timex, ...]


def read_timeml(path: Path) -> TimeMLDoc:
    """The <TEXT> of a TimeML file with its tags removed, the TIMEX3s as offsets into it, and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path} is not well-formed TimeML: {exc}") from exc
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value") if dct_el is not None else None
    body = root.find("TEXT")
    if body is None:
        raise EvalError(f"{path} has no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(len(p) for p in parts)
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if el.tag == "TIMEX3":
            end = sum(len(p) for p in parts)
            if end > start:
                kind = _KIND.get(el.get("type", ""), "date")
                timexes.append(Timex(Span(start, end, kind), el.get("value", ""), kind))

    walk(body)
    return TimeMLDoc(path.name, "".join(parts), dct, tuple(timexes))


def corpus(data: Path) -> Iterator[Path]:
    """The TimeBank and AQUAINT files of TBAQ-cleaned, in a stable order (not the test-pipeline copy)."""
    root = data / "tempeval3" / "Training" / "TBAQ-cleaned"
    if not root.is_dir():
        raise EvalError(f"TempEval-3 data not found at {root}")
    for sub in ("TimeBank", "AQUAINT"):
        yield from sorted((root / sub).glob("*.tml"))


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    kind: int = 0

    def add(self, gold: list[Timex], system: list[Timex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        gold_spans = {(g.span.start, g.span.end) for g in gold}
        self.strict += sum((s.span.start, s.span.end) in gold_spans for s in system)
        for g, s in match_relaxed(gold, system):
            self.relaxed += 1
            self.value += g.value.upper() == (s.value or "").upper()
            self.kind += g.kind == s.kind


def match_relaxed(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping extents: each gold takes the first free system match it overlaps."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and s.span.start < g.span.end and g.span.start < s.span.end:
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


def evaluate(data: Path, settings: Settings, limit: int | None) -> EvalResult:
    """Recognise and normalise the TIMEX3s of TBAQ-cleaned with nlp + dates; score as TempEval-3 does."""
    from sitroom.stages.dates import find_mentions
    from sitroom.stages.nlp import nlp, parsed

    started = time.perf_counter()
    files = list(corpus(data))[:limit] if limit else list(corpus(data))
    tml = [read_timeml(f) for f in files]
    docs = [
        Document(
            source=Source(path=str(f)),
            raw=t.text,
            id=text_id(t.text),
            meta=Meta(published=t.dct),
            text=t.text,
        )
        for f, t in zip(files, tml, strict=True)
    ]
    total = Counts()
    per_corpus = {"TimeBank": Counts(), "AQUAINT": Counts()}
    for i in range(0, len(docs), settings.batch_size):
        batch = nlp.run_batch(docs[i : i + settings.batch_size], settings)
        for doc, t, f in zip(
            batch, tml[i : i + settings.batch_size], files[i : i + settings.batch_size], strict=True
        ):
            mentions = find_mentions(doc.text, t.dct, parsed=parsed(doc, settings), entities=doc.entities)
            system = [Timex(m.core, m.value.value or "", m.value.kind) for m in mentions]
            total.add(list(t.timexes), system)
            per_corpus[f.parent.name].add(list(t.timexes), system)
    return _result(total, per_corpus, len(docs), time.perf_counter() - started)


def _result(c: Counts, per_corpus: dict[str, Counts], n: int, seconds: float) -> EvalResult:
    sp, sr, sf = prf(c.strict, c.system - c.strict, c.gold - c.strict)
    rp, rr, rf = prf(c.relaxed, c.system - c.relaxed, c.gold - c.relaxed)
    vp, vr, vf = prf(c.value, c.system - c.value, c.gold - c.value)
    _, _, tf = prf(c.kind, c.system - c.kind, c.gold - c.kind)

    def peers(column: str) -> tuple[tuple[str, float], ...]:
        return tuple((name, row[_COLUMN[column]] / 100) for name, row in PEERS.items())

    metrics = (
        Metric("strict P", sp),
        Metric("strict R", sr),
        Metric("strict F1", sf, FLOORS["strict F1"], peers("strict F1")),
        Metric("relaxed P", rp, None, peers("relaxed P")),
        Metric("relaxed R", rr, None, peers("relaxed R")),
        Metric("relaxed F1", rf, FLOORS["relaxed F1"], peers("relaxed F1")),
        Metric("value P", vp),
        Metric("value R", vr),
        Metric("value F1", vf, FLOORS["value F1"], peers("value F1"), "TempEval-3 attribute F1 on value"),
        Metric(
            "value accuracy", vf / rf if rf else 0.0, FLOORS["value accuracy"], (), "value F1 / relaxed F1"
        ),
        Metric("type F1", tf, FLOORS["type F1"]),
    )
    notes = [f"{c.gold} gold TIMEX3 (DCT excluded), {c.system} found"]
    for name, pc in per_corpus.items():
        if pc.gold:
            _, _, f = prf(pc.value, pc.system - pc.value, pc.gold - pc.value)
            notes.append(f"{name}: {pc.gold} gold, value F1 {f:.3f}")
    notes.append("peers: TempEval-3 platinum test set (task paper, Table 3); sitroom: TBAQ-cleaned")
    return EvalResult(
        "dates", "tempeval3 TBAQ-cleaned (TimeBank + AQUAINT)", n, metrics, seconds, tuple(notes)
    )
