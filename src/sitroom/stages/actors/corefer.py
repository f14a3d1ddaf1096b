"""Anaphora: "the group", "he", "she" join the actor they stand for, only where that is clear.

Notes:
    A salience rule in the spirit of Lappin & Leass (1994), cut down for precision: an antecedent must be
    of a compatible kind and close (this sentence or the two before); among several candidates the latest
    grammatical subject wins, and with none the mention stays unresolved. "he added" after a quotation goes
    to the latest person who spoke, the reporting convention of news.
"""

from __future__ import annotations

from typing import Any

from sitroom.stages.actors.kb import Entry
from sitroom.stages.actors.mentions import Context, Mention

# Head nouns of definite descriptions of an organisation, and the kinds they may refer to.
_ORGS = ("armed_group", "political_party", "ngo", "igo", "research", "media")
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "group": ("armed_group",),
    "militia": ("armed_group",),
    "faction": ("armed_group",),
    "movement": ("armed_group", "political_party"),
    "organisation": _ORGS,
    "organization": _ORGS,
    "party": ("political_party",),
    "agency": ("igo", "media"),
    "institute": ("research",),
    "monitor": ("ngo",),
    "watchdog": ("ngo", "igo"),
}
PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
SPEECH = frozenset(
    "say add note tell argue explain write claim state warn insist continue conclude suggest speculate "
    "caution acknowledge stress emphasise emphasize point observe reply respond recall predict".split()
)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
WINDOW = 2  # sentences back to look for an antecedent


def anaphora(ctx: Context, mentions: list[Mention], entries: dict[str, Entry]) -> list[Mention]:
    """Mentions for definite descriptions and personal pronouns whose antecedent is clear."""
    taken = {t for m in mentions for t in _tokens(ctx, m)}
    ordered = sorted(mentions, key=lambda m: m.start)
    out = []
    for tok in ctx.sdoc:
        if tok.i in taken:
            continue
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            target = _person(ctx, tok, ordered, entries)
            if target is not None:
                out.append(ctx.mention(tok.i, tok.i + 1, target))
        elif tok.lower_ in DESCRIPTIONS and tok.pos_ == "NOUN" and tok.tag_ == "NN":
            det = _determiner(tok)
            if det is None or tok.dep_ == "compound":
                continue
            target = _organisation(ctx, tok, DESCRIPTIONS[tok.lower_], ordered, entries)
            if target is not None:
                out.append(ctx.mention(det.i, tok.i + 1, target))
    return out


def _tokens(ctx: Context, m: Mention) -> range:
    span = ctx.sdoc.char_span(m.start, m.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _determiner(tok: Any) -> Any:
    """The "the"/"this" that opens the noun phrase, with nothing but adjectives between."""
    for child in tok.lefts:
        if child.dep_ == "det" and child.lower_ in ("the", "this", "that"):
            between = tok.doc[child.i + 1 : tok.i]
            if all(t.pos_ == "ADJ" or t.dep_ == "amod" for t in between):
                return child
    return None


def _candidates(
    ctx: Context, tok: Any, ordered: list[Mention], entries: dict[str, Entry], kinds: tuple[str, ...]
) -> list[Mention]:
    sent = ctx.sent_of[tok.i]
    return [
        m
        for m in ordered
        if m.head < tok.i and sent - WINDOW <= m.sent <= sent and entries[m.id].kind in kinds
    ]


def _organisation(
    ctx: Context, tok: Any, kinds: tuple[str, ...], ordered: list[Mention], entries: dict[str, Entry]
) -> str | None:
    found = _candidates(ctx, tok, ordered, entries, kinds)
    if len({m.id for m in found}) == 1:
        return found[0].id
    subjects = [m for m in found if m.role in SUBJECTS]
    return subjects[-1].id if subjects else None


def _person(ctx: Context, tok: Any, ordered: list[Mention], entries: dict[str, Entry]) -> str | None:
    found = _candidates(ctx, tok, ordered, entries, ("person",))
    if tok.dep_ in SUBJECTS and tok.head.lemma_.lower() in SPEECH:
        speakers = [m for m in found if m.role in SUBJECTS and _speaks(ctx, m)]
        if speakers:
            return speakers[-1].id
    same = [m for m in found if m.sent >= ctx.sent_of[tok.i] - 1]
    ids = {m.id for m in same}
    return next(iter(ids)) if len(ids) == 1 else None


def _speaks(ctx: Context, m: Mention) -> bool:
    head = ctx.sdoc[m.head]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return str(head.head.lemma_).lower() in SPEECH
