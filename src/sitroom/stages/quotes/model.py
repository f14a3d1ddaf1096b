"""A learned attribution-cue classifier: is this verb, in this frame, the cue of an attribution?

The lexicon (``data/quote_cues.tsv``) holds the verbs that are cues nearly always ("say", "tell").
Many cues of PolNeAR are verbs that report speech or stance only in some frames ("wants to be
president", "knows that …", "supports the ban" from a named agent), and a word list cannot tell
those uses from the others; their parse context can. This module turns a verb of a spaCy parse
into sparse string features (lemma, lemma crossed with its complement frame, the kind of its
subject, tense, negation, modality, quotation marks nearby), and scores them with the weights of a
logistic regression trained on PolNeAR train by ``scripts/train_quote_cues.py`` and stored in
``data/quote_cue_model.json``. Scoring is a sum of dictionary look-ups: no learning library at
run time, and a handful of look-ups per verb.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sitroom.stages.quotes.lexicon import Cue

MODEL_FILE = "quote_cue_model.json"
# Subjects that name who speaks: people, organisations, states and their peoples.
_AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "wo"})
_LINKED = frozenset({"xcomp", "ccomp", "advcl"})
_MARKS = frozenset({'"', "“", "”", "‘", "’", "«", "»", "„", "``", "''"})


@dataclass(frozen=True)
class CueModel:
    """Weights of the logistic regression and the threshold chosen on a held-out slice of train."""

    weights: dict[str, float]
    bias: float
    threshold: float
    provenance: dict[str, Any]

    def probability(self, feats: list[str]) -> float:
        return logistic(self.weights, self.bias, feats)

    def score(self, tok: Any) -> float:
        """Probability that the verb ``tok`` heads an attribution cue (0 for non-candidates)."""
        return self.probability(features(tok)) if is_candidate(tok) else 0.0


def logistic(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    """The probability a logistic regression over sparse string features gives ``feats``."""
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def load() -> CueModel:
    """The model of ``data/quote_cue_model.json``, read once."""
    raw = json.loads(resources.files("sitroom").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    return CueModel(
        weights={str(k): float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
        provenance=dict(raw.get("provenance", {})),
    )


# What a learned cue may report: a clause, an infinitive, an indirect question, a noun object, or
# the object of a preposition after it ("worried about the vote"); the frame logic of
# ``attribution._content`` takes the first that the parse gives.
_LEARNED_FRAMES = frozenset({"ccomp", "xcomp", "if", "dobj"})


@functools.cache
def raising() -> frozenset[str]:
    """Verbs whose subject is never the speaker ("appear", "seem"), from ``data/quote_raising.txt``."""
    text = resources.files("sitroom").joinpath("data", "quote_raising.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def learned_cue(tok: Any) -> Cue | None:
    """A cue entry for a verb outside the lexicon that the model scores above its threshold."""
    lemma = tok.lemma_.lower()
    if not is_candidate(tok) or lemma in raising():
        return None
    model = load()
    # Only verbs that were cues in training more often than their frame alone predicts: an unseen
    # verb ("repaired") would be scored on its frame alone, which is no evidence of speech.
    if model.weights.get(f"lem={lemma}", 0.0) <= 0.0 or model.probability(features(tok)) < model.threshold:
        return None
    return Cue(tok.lemma_.lower(), "learned", _LEARNED_FRAMES, None, topic_preps(tok)[:1])


# Prepositions that can introduce what a stance is about ("worried about", "critical of", "hit out
# at", "voted against"); "during", "in", "after" give when and where, never what was said.
_TOPIC_PREPS = frozenset({"about", "of", "for", "on", "against", "with", "over", "to", "as", "at", "into"})
_CIRCUMSTANCE_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "EVENT"})


def topic_preps(tok: Any) -> tuple[str, ...]:
    """The prepositions after a verb that may introduce its content ("on the deal", not "on Monday")."""
    out = []
    for c in tok.children:
        if c.dep_ != "prep" or c.i < tok.i or c.lower_ not in _TOPIC_PREPS:
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ in _CIRCUMSTANCE_ENTS:
            continue
        out.append(c.lower_)
    return tuple(out)


def widened(tok: Any, cue: Cue) -> Cue:
    """A lexicon cue with the frames a learned cue may take, for a frame its entry does not list."""
    preps = cue.preps or topic_preps(tok)[:1]
    # A noun object is speech only from an agent: "described him as …", not "claimed the lives".
    agent = subject_kind(tok)[0] in ("pron", *_AGENT_ENTS)
    frames = _LEARNED_FRAMES if agent else _LEARNED_FRAMES - {"dobj"}
    return Cue(cue.lemma, cue.kind, cue.frames | frames, cue.particle, preps)


def likely_cue(tok: Any) -> bool:
    """Whether the model, reading the whole frame, takes ``tok`` (a lexicon entry too) for a cue."""
    model = load()
    return model.score(tok) >= model.threshold


def is_candidate(tok: Any) -> bool:
    """Verbs are candidate cues (the indirect pass reads frames of verbs only)."""
    return bool(tok.pos_ == "VERB")


def frames(tok: Any) -> list[str]:
    """The complement frames of a verb: which kinds of content it could report."""
    out: list[str] = []
    for c in tok.children:
        dep = c.dep_
        if dep == "ccomp":
            out.append("ccomp")
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                out.append("that")
            if any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children):
                out.append("if")
        elif dep == "xcomp":
            to = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            out.append("xcomp_to" if to else "xcomp")
        elif dep in ("dobj", "attr", "acomp", "oprd"):
            out.append(dep + ("_pron" if c.pos_ == "PRON" else ""))
        elif dep in ("prep", "prt", "agent") and c.i > tok.i:
            out.append(f"{dep}_{c.lower_}")
        elif dep == "advcl" and c.i > tok.i:
            out.append("advcl")
        elif dep == "parataxis":
            out.append("parataxis")
    return sorted(set(out)) or ["none"]


def subject_kind(tok: Any) -> tuple[str, str]:
    """(kind, word) of the verb's subject: an entity type, a pronoun, a noun, or none/passive."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.pos_ == "PRON":
                return "pron", c.lower_
            if c.ent_type_ in _AGENT_ENTS:
                return c.ent_type_, c.lemma_.lower() if c.pos_ == "NOUN" else c.ent_type_
            return c.pos_.lower(), c.lemma_.lower()
        if c.dep_ == "nsubjpass":
            agent = any(a.dep_ == "agent" for a in tok.children)
            return ("passive_by" if agent else "passive"), c.pos_.lower()
    return "none", ""


def features(tok: Any) -> list[str]:
    """Sparse string features of a candidate verb, from its parse context only."""
    lem = tok.lemma_.lower()
    fr = frames(tok)
    kind, word = subject_kind(tok)
    kids = list(tok.children)
    aux = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
    neg = any(c.dep_ == "neg" for c in kids)
    modal = any(a in _MODALS for a in aux)
    sent = tok.sent
    marks = any(t.text in _MARKS for t in sent)
    near_mark = any(t.text in _MARKS for t in tok.doc[max(sent.start, tok.i - 2) : min(sent.end, tok.i + 3)])
    colon = any(c.text == ":" for c in kids)
    head = tok.head
    out = [
        f"lem={lem}",
        f"form={tok.lower_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"lem*dep={lem}|{tok.dep_}",
        f"lem*tag={lem}|{tok.tag_}",
        f"subj={kind}",
        f"lem*subj={lem}|{kind}",
        f"subjword={word}",
        f"headdep={tok.dep_}|{head.lemma_.lower()}" if tok.dep_ in _LINKED else "headdep=-",
        f"neg={neg}",
        f"modal={modal}",
        f"lem*neg={lem}|{neg}",
        f"marks={marks}",
        f"nearmark={near_mark}",
        f"lem*nearmark={lem}|{near_mark}",
        f"colon={colon}",
        f"frames={'+'.join(fr)}",
        f"lem*frames={lem}|{'+'.join(fr)}",
    ]
    for f in fr:
        out.append(f"frame={f}")
        out.append(f"lem*frame={lem}|{f}")
        out.append(f"subj*frame={kind}|{f}")
        out.append(f"lem*subj*frame={lem}|{kind}|{f}")
    for a in aux:
        out.append(f"aux={a}")
    for c in kids:
        if c.dep_ == "dobj" and c.pos_ == "NOUN":  # light verbs: "express concern", "make the case"
            out.append(f"lem*obj={lem}|{c.lemma_.lower()}")
        elif c.dep_ == "prt":  # "point out", "come out"
            out.append(f"lem*prt={lem}|{c.lower_}")
        elif c.dep_ in ("nsubj", "nsubjpass") and any(t.ent_type_ == "PERSON" for t in c.subtree):
            out.append("subj_has_person")  # "a spokesman for Senator X", "aides to the governor"
    if tok.i > 0:
        out.append(f"prev={tok.doc[tok.i - 1].lower_}")
    if tok.i + 1 < len(tok.doc):
        out.append(f"next={tok.doc[tok.i + 1].lower_}")
        out.append(f"lem*next={lem}|{tok.doc[tok.i + 1].lower_}")
    return out
