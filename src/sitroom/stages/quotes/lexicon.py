"""Word lists of reported speech (cue verbs, hedges, contest and denial markers), read once from files."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb: its class (speech, factive, hedge, deny, accuse, belief) and allowed frames."""

    lemma: str
    kind: str
    frames: frozenset[str]
    particle: str | None = None  # "out" for "point out"
    preps: tuple[str, ...] = ()  # "for", "on" for "call for", "call on"


def _lines(name: str) -> list[str]:
    text = resources.files("sitroom").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def cues() -> dict[str, Cue]:
    """Cue verbs by lemma, from ``data/quote_cues.tsv``."""
    out: dict[str, Cue] = {}
    for line in _lines("quote_cues.tsv"):
        lemma, kind, frames = line.split("\t")
        parts = {f.strip() for f in frames.split(",")}
        particle = next((p.split(":", 1)[1] for p in parts if p.startswith("prt:")), None)
        preps = tuple(p.split(":", 1)[1] for p in sorted(parts) if p.startswith("prep:"))
        plain = frozenset(p for p in parts if ":" not in p)
        out[lemma] = Cue(lemma, kind, plain, particle, preps)
    return out


def cue_for(tok: Any) -> Cue | None:
    """The cue entry of a token, by its lemma or, when the tagger's lemma is wrong, by its form.

    The small English model lemmatises some reporting verbs wrongly ("hoped" -> "hop"), so a
    verb whose lemma is no cue is looked up by its form stripped of a regular ending too.
    """
    table = cues()
    lemma = tok.lemma_.lower()
    if lemma in table:
        return table[lemma]
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    form = tok.lower_
    for stem in _stems(form):
        if stem in table and stem[:3] == lemma[:3]:
            return table[stem]
    return None


def _stems(form: str) -> tuple[str, ...]:
    if form.endswith("ing"):
        return (form[:-3] + "e", form[:-3])
    if form.endswith(("ed", "es")):
        return (form[:-1], form[:-2])
    if form.endswith("s"):
        return (form[:-1],)
    return ()


@functools.cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A phrase list (``claim_hedges.txt`` ...) as token tuples, longest first."""
    items = {tuple(line.lower().split()) for line in _lines(name)}
    return tuple(sorted(items, key=len, reverse=True))


@functools.cache
def documents() -> frozenset[str]:
    """Nouns of documents that carry speech ("a statement saying …"), from ``quote_documents.txt``."""
    return frozenset(line.lower() for line in _lines("quote_documents.txt"))


@functools.cache
def agent_nouns() -> frozenset[str]:
    """One-word nouns that name an actor who speaks ("officials", "regime"), from ``quote_agents.txt``."""
    return frozenset(line.lower() for line in _lines("quote_agents.txt"))


@functools.cache
def people() -> frozenset[str]:
    """Common nouns for one person that are no title ("attacker", "witness"), from ``quote_people.txt``."""
    return frozenset(line.lower() for line in _lines("quote_people.txt"))


def hedges() -> tuple[tuple[str, ...], ...]:
    return phrases("claim_hedges.txt")


def contest_markers() -> tuple[tuple[str, ...], ...]:
    return phrases("claim_contest.txt")


def deny_markers() -> tuple[tuple[str, ...], ...]:
    return phrases("claim_deny.txt")


def match_phrases(
    words: list[str], lemmas: list[str], table: tuple[tuple[str, ...], ...]
) -> list[tuple[int, int]]:
    """(start, end) token positions where a phrase of ``table`` matches the forms or the lemmas.

    A first-word index keeps this linear in the number of tokens, not in the table size.
    """
    first: dict[str, list[tuple[str, ...]]] = {}
    for ph in table:
        first.setdefault(ph[0], []).append(ph)
    found: list[tuple[int, int]] = []
    for i in range(len(words)):
        for key in {words[i], lemmas[i]}:
            for ph in first.get(key, ()):
                n = len(ph)
                if all(ph[k] in (words[i + k], lemmas[i + k]) for k in range(n) if i + k < len(words)) and (
                    i + n <= len(words)
                ):
                    found.append((i, i + n))
    return found
