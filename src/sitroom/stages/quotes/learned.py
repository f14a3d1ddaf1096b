"""A learned attribution pass: cues the rules do not know, with a learned source and content.

The rule passes (``direct``, ``attribution``) find quotations in marks and the frames of listed
reporting verbs. Political news attributes far more than that: stances ("was critical of"),
intentions ("wants to"), findings ("a poll indicates"), nouns ("his claim that"). This pass scores
every verb, noun, adjective and preposition of the parse as the head of a cue, and for each one
above the threshold lets rankers choose, among the spans ``spans`` proposes, the cue's extent,
its source and its content. The weights are four logistic regressions trained on PolNeAR train by
``scripts/train_quote_spans.py`` (``data/quote_span_model.json``); scoring is dictionary look-ups.

Precision before recall: a learned attribution is kept only when its content does not overlap
one the rules found, and a source below the source threshold is left out (``speaker: null``)
rather than guessed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sitroom.stages.nlp import text_of
from sitroom.stages.quotes import spans
from sitroom.stages.quotes.frames import Found, _can_speak, _end, _finite, _named_agent, _status, _trim
from sitroom.stages.quotes.lexicon import agent_nouns, documents
from sitroom.stages.quotes.marks import Marked
from sitroom.stages.quotes.model import logistic, raising

MODEL_FILE = "quote_span_model.json"
# A dependent of a cue head is part of the cue above this probability (the extent model).
_EXTENT = 0.5
# Dependents that modify rather than report: their subtree is never what a cue reports.
_MODIFIERS = frozenset({"advmod", "npadvmod", "relcl", "acl", "amod", "nummod", "det", "poss", "compound"})
# Pronouns the speaker resolver can name: the last person named, or the noun a "who" hangs on.
_NAMEABLE = frozenset({"he", "she", "who"})


@dataclass(frozen=True)
class Linear:
    """A logistic regression over sparse string features."""

    weights: dict[str, float]
    bias: float

    def probability(self, feats: list[str]) -> float:
        return logistic(self.weights, self.bias, feats)


@dataclass(frozen=True)
class SpanModel:
    """The cue, extent, whole, source and content models, and the thresholds chosen on train."""

    models: dict[str, Linear]
    cue_threshold: float
    source_threshold: float
    provenance: dict[str, Any]
    # "lemma|POS" of the words annotators marked as a cue head in enough of their uses in train:
    # elsewhere ("watched", "tried", "went on") the parse context alone is no evidence of speech.
    cue_lemmas: frozenset[str] = frozenset()


@functools.cache
def load() -> SpanModel:
    """The model of ``data/quote_span_model.json``, read once."""
    raw = json.loads(resources.files("sitroom").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    models = {
        name: Linear({str(k): float(w) for k, w in m["weights"].items()}, float(m["bias"]))
        for name, m in raw["models"].items()
    }
    return SpanModel(
        models,
        float(raw["cue_threshold"]),
        float(raw["source_threshold"]),
        dict(raw.get("provenance", {})),
        frozenset(raw.get("cue_lemmas", {})),
    )


def learned_attributions(sp: Any, marked: list[Marked], taken: set[int]) -> list[Found]:
    """Attributions whose cue head the model finds, except at the token indexes in ``taken``."""
    model = load()
    cue = model.models["cue"]
    out: list[Found] = []
    for tok in sp:
        if tok.i in taken or tok.pos_ not in spans.CUE_POS:
            continue
        lemma = tok.lemma_.lower()
        if lemma in raising() or f"{lemma}|{tok.pos_}" not in model.cue_lemmas:
            continue
        if cue.probability(spans.cue_features(tok)) < model.cue_threshold:
            continue
        found = _frame(sp, tok, marked, model)
        if found is not None:
            out.append(found)
    return out


def _frame(sp: Any, h: Any, marked: list[Marked], model: SpanModel) -> Found | None:
    cue = _extent(h, model)
    contents = [
        (model.models["content"].probability(spans.content_features(h, v, a, kind)), v, a)
        for v, (a, kind) in spans.content_candidates(h, marked).items()
        if v[1] <= cue[0] or v[0] >= cue[1]
    ]
    if not contents:
        return None
    _, content, anchor = max(contents, key=lambda c: c[0])
    if not _statement(sp, content, anchor):
        return None
    sources = [
        (model.models["source"].probability(spans.source_features(h, v, t, kind)), v, t)
        for v, (t, kind) in spans.source_candidates(h).items()
        if (v[1] <= cue[0] or v[0] >= cue[1]) and (v[1] <= content[0] or v[0] >= content[1])
    ]
    best = max(sources, key=lambda s: s[0], default=None)
    source = best if best is not None and best[0] >= model.source_threshold else None
    # A stance or intention the text gives no speaker for is left out, and so is one whose best
    # source cannot speak ("The transfer threatens to …"): a quote must name who holds it.
    if source is None or not can_hold_view(source[2], h):
        return None
    text = text_of(sp)
    content_chars = _trim(text, sp[content[0]].idx, _end(sp[content[1] - 1]))
    if content_chars[0] >= content_chars[1]:
        return None
    status = _status(h) if h.pos_ in ("VERB", "AUX") else "said"
    if status is None:  # "to say": the verb it depends on says whether it was said
        status = _status(h.head) if h.head.pos_ in ("VERB", "AUX") else "said"
    return Found(
        "indirect",
        content_chars,
        (sp[cue[0]].idx, _end(sp[cue[1] - 1])),
        h.i,
        int(source[2].i),
        "learned",
        status=status or "said",
    )


def _statement(sp: Any, v: spans.TokSpan, anchor: Any) -> bool:
    """Whether a content span can stand for what someone holds: a clause, an infinitive, a noun
    phrase; not a lone pronoun ("has denied which"), a modifier ("prematurely"), a relative clause,
    or a predicate cut from its subject ("… he said had been made")."""
    first = sp[v[0]]
    if v[1] - v[0] == 1 and first.pos_ in ("PRON", "DET", "ADV", "SCONJ"):
        return False
    words = [t for t in sp[v[0] : v[1]] if not t.is_punct]
    root = next((t for t in words if not v[0] <= t.head.i < v[1] or t.head.i == t.i), None)
    if anchor.dep_ in _MODIFIERS or root is None or root.dep_ in _MODIFIERS:
        return False
    return not _finite(first)


def can_hold_view(tok: Any, h: Any) -> bool:
    """Whether the source's head can hold a view: a person, body or state, a pronoun, an agent noun
    ("officials"), or a document that carries someone's words ("a report", "the poll")."""
    if not _can_speak(tok, h):
        return False
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ != "relcl":
        return False  # "Who will support …?": a question names no one
    if tok.dep_ == "nsubjpass" and tok.head.i == h.i:
        return False  # "The border was expected to …": what is expected, not who expects it
    if h.dep_ == "acl" and h.tag_ == "VBN" and h.head.i == tok.i:
        return False  # "forces backed by …", "those reported to …": the noun is acted on, not acting
    if tok.pos_ == "PRON" and tok.lower_ not in _NAMEABLE:
        return False  # "it", "they", "we": a stance is kept only when its holder can be named
    if _named_agent(tok):
        return True
    lemma = tok.lemma_.lower()
    return tok.lower_ in agent_nouns() or lemma in agent_nouns() or lemma in documents()


def _extent(h: Any, model: SpanModel) -> spans.TokSpan:
    """The cue's tokens: the head and the dependents the extent model puts in it, as one range."""
    inside = [h.i]
    for c in h.children:
        feats = spans.extent_features(h, c)
        if model.models["extent"].probability(feats) < _EXTENT:
            continue
        if model.models["whole"].probability(feats) >= _EXTENT:
            inside.extend(x.i for x in c.subtree)
        else:
            inside.append(c.i)
    lo, hi = min(inside), max(inside) + 1
    # The cue is one contiguous range around the head; a far dependent would swallow the content.
    while lo < h.i and not _joined(h, lo, inside):
        lo += 1
    while hi - 1 > h.i and not _joined(h, hi - 1, inside):
        hi -= 1
    return lo, hi


def _joined(h: Any, k: int, inside: list[int]) -> bool:
    """Whether every token between the head and ``k`` is in the cue too."""
    lo, hi = sorted((h.i, k))
    return all(i in inside for i in range(lo, hi + 1))
