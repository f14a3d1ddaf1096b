"""Actors the knowledge base does not know: people and organisations the NER found, kept, never dropped.

Their kind comes from the text (a PERSON entity is a person; an ORG named "... Army" or "... Brigade" is an
armed group, "... Institute" a research body), their country and sector from a title and demonym before a
person's name ("Japanese Prime Minister X"). Within an article a surname or an acronym joins the full
mention ("Decina" -> "Alex Decina", "JTS" -> "Jabhat Tahrir Suriya (JTS)"). What only looks like an actor
is left out: a "person" the article elsewhere calls a place, a name that exists only in a title-case
headline, an entity that runs across lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sitroom.stages.actors.kb import Entry, normalise
from sitroom.stages.actors.mentions import Context, Mention, city_of
from sitroom.stages.actors.ruler import TITLES

LABELS = ("PERSON", "ORG")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# An unknown "person" or "organisation" after these is a place ("in Khan Sheikhoun"); not "at" or "from",
# which also introduce institutions ("a researcher at the Horizon Institute").
IN_PLACE = frozenset("in into inside near outside across around throughout".split())
QUOTES = '"“”«»'
# Words before a name that are no part of it: "Mr Blair" is "Blair", so it joins "Tony Blair".
HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady dame prof professor".split())
PLACE_NOUNS = frozenset("town city village province district region area neighbourhood neighborhood".split())
_SMALL_WORDS = frozenset("al el ad ash as an of the and for de du la wal".split())


@dataclass(frozen=True, slots=True)
class Unknown:
    """A new actor and its mentions."""

    entry: Entry
    mentions: tuple[Mention, ...]


def unknown_actors(
    ctx: Context,
    taken: set[int],
    headings: list[tuple[int, int]],
    publisher: str | None,
    known: dict[str, tuple[str, set[str]]] | None = None,
) -> list[Unknown]:
    """Actors from PERSON and ORG entities that no knowledge-base mention covers.

    Args:
        ctx: the article's parse and matches.
        taken: token indices already part of an actor mention.
        headings: character ranges of the title and section headings.
        publisher: the article's publisher, which is a news organisation when the text names it.
        known: kind and mention texts of the actors already found, by id: "the Observatory" after
            "the Syrian Observatory for Human Rights" is that organisation, "Kerry" is "John Kerry".
    """
    from spacy.tokens import Span

    sdoc = ctx.sdoc
    place_texts = {e.text for e in sdoc.ents if e.label_ in PLACE_LABELS}
    body_texts = Counter(e.text for e in sdoc.ents if not _within(e.start_char, e.end_char, headings))
    groups: dict[str, list[Any]] = {}
    for ent in sdoc.ents:
        if ent.label_ not in LABELS or not taken.isdisjoint(range(ent.start, ent.end)):
            continue
        label = ent.label_
        if ent.start > 0 and sdoc[ent.start - 1].lower_ == "the" and label == "PERSON" and len(ent) == 1:
            label = "ORG"  # "the Observatory": people take no article
        start = ent.start
        while start < ent.end - 1 and (
            sdoc[start].lower_ == "the"
            or (label == "PERSON" and (_demonym(ctx, start) or sdoc[start].lower_.rstrip(".") in HONORIFICS))
        ):
            start += 1  # "the Montenegro Assembly", "Syrian Rami Abdel Rahman" (the demonym stays a clue)
        ent = Span(sdoc, start, ent.end, label=label)
        if (
            _implausible(ctx, ent, place_texts)
            or _modifies(ent, taken)
            or (_within(ent.start_char, ent.end_char, headings) and not body_texts[ent.text])
        ):
            continue
        groups.setdefault(_key(ent), []).append(ent)
    merged = _merge_short_forms(groups, ctx)
    out = []
    for ents in merged:
        name = max((e.text for e in ents), key=len)
        long_form = _long_form(ents, known or {})
        entry = ctx.kb.get(long_form) if long_form else None
        entry = entry or _entry(ctx, name, ents, publisher)
        out.append(Unknown(entry, tuple(ctx.mention(e.start, e.end, entry.id) for e in ents)))
    return out


def slug(text: str) -> str:
    """A stable ASCII id part: "Pieter Van Ostaeyen" -> "pieter-van-ostaeyen"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "actor"


def _demonym(ctx: Context, i: int) -> bool:
    m = ctx.match_at.get(i)
    return m is not None and m.how in ("adjective", "people")


def _modifies(ent: Any, taken: set[int]) -> bool:
    """ "Shi'a" in "Shi'a militias": a name that only qualifies an actor's phrase is no actor itself."""
    root = ent.root
    return root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.i in taken


def _key(ent: Any) -> str:
    return f"{'P' if ent.label_ == 'PERSON' else 'O'}|{ent.text}"


def _within(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _implausible(ctx: Context, ent: Any, place_texts: set[str]) -> bool:
    """Not an actor: a place by the article's own usage, a line-spanning or lower-case fragment."""
    text = ent.text
    if "\n" in text or not text[:1].isupper() or len(text) < 2:
        return True
    if ent.label_ == "PERSON" and any(ch.isdigit() or ch in QUOTES for ch in text):
        return True  # "HA446", 'Jaish Al Fath" Reports': codes and broken quotes, never a person
    if len(ent) == 1 and (ent[0].tag_.startswith("VB") or text.lower() in ctx.generic_words):
        return True  # "Writing by ...", "State": a verb or a common noun, capitalised
    cue = ctx.kb.cues.get(normalise(text).lower())
    if cue is not None and cue[0] == "-":
        return True  # "Shi'a", "Caliphate": a faith or an idea, not an actor
    if text in place_texts:
        return True  # "Idlib" tagged ORG once and GPE elsewhere
    for conj in ent.root.conjuncts:  # "Eastern Ghouta and Deraa": a person among places is a place
        other = ctx.ent_of.get(conj.i)
        if other is not None and other.label_ in PLACE_LABELS:
            return True
    m = ctx.match_at.get(ent.start)
    if m is not None and m.how != "name" and (m.start, m.end) == (ent.start, ent.end):
        return True  # a state's name or demonym, tagged PERSON or ORG: never an unknown actor
    if city_of(ctx, ent) is not None:
        return True  # "Kharkiv" tagged PERSON: a large city
    head = ent.root
    if head.dep_ == "pobj" and head.head.lower_ in IN_PLACE:
        return True  # "in Khan Sheikhoun": a place, whatever the tagger thought
    # "the town of Moura"
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in PLACE_NOUNS


def _merge_short_forms(groups: dict[str, list[Any]], ctx: Context) -> list[list[Any]]:
    """Join "Decina" to "Alex Decina" and "JTS" to "Jabhat Tahrir Suriya" when exactly one candidate fits."""
    keys = sorted(groups, key=lambda k: -len(k))
    target: dict[str, str] = {}
    for key in keys:
        kind, _, text = key.partition("|")
        words = text.split()
        fits = []
        for other in keys:
            o_kind, _, o_text = other.partition("|")
            if other == key or len(o_text) <= len(text):
                continue
            o_words = o_text.split()
            surname = len(o_words) > len(words) and o_words[-len(words) :] == words
            acronym = kind == o_kind == "O" and text.isupper() and _initials(o_text) == text
            if (surname and "P" in (kind, o_kind)) or acronym:
                fits.append(other)
        if len(fits) == 1:
            target[key] = target.get(fits[0], fits[0])
    merged: dict[str, list[Any]] = {}
    for key in keys:
        root = target.get(key, key)
        merged.setdefault(root, []).extend(groups[key])
    return [sorted(ents, key=lambda e: e.start) for ents in merged.values()]


def _long_form(ents: list[Any], known: dict[str, tuple[str, set[str]]]) -> str | None:
    """The one actor found already whose name this shortens: a person's surname ("Kerry" after "John
    Kerry"), a word of an organisation's name ("the Observatory") or its acronym."""
    texts = {e.text for e in ents}
    if len(texts) != 1:
        return None
    text = texts.pop()
    words = text.split()
    person = all(e.label_ == "PERSON" for e in ents)
    fits = set()
    for actor_id, (kind, names) in known.items():
        for name in names:
            parts = name.split()
            if len(parts) <= len(words):
                continue
            surname = kind == "person" and person and parts[-len(words) :] == words
            short = kind != "person" and len(words) == 1 and not person
            if surname or (short and (text in parts[1:] or (text.isupper() and _initials(name) == text))):
                fits.add(actor_id)
    return fits.pop() if len(fits) == 1 else None


def _initials(text: str) -> str:
    words = re.split(r"[\s\-]+", text)
    return "".join(w[0] for w in words if w and w.lower() not in _SMALL_WORDS and w[0].isalpha()).upper()


def _entry(ctx: Context, name: str, ents: list[Any], publisher: str | None) -> Entry:
    actor_id = f"x:{slug(name)}"
    if publisher and any(e.text == publisher for e in ents):
        return Entry(actor_id, name, "media", None, "JRN")
    if any(e.label_ == "PERSON" for e in ents):
        country, sector = _person_context(ctx, ents)
        return Entry(actor_id, name, "person", country, sector)
    kind, sector = _org_kind(ctx, name)
    return Entry(actor_id, name, kind, _inner_country(ctx, ents), sector)


def _org_kind(ctx: Context, name: str) -> tuple[str, str | None]:
    """The kind a name's head words suggest ("... Brigade" -> armed group); "other" when none does."""
    found: tuple[str, str | None] = ("other", None)
    for word in re.findall(r"[A-Za-z]+", name):
        hit = ctx.kb.cues.get(word.lower())
        if hit is not None and hit[0] != "-":
            found = hit
    return found


def _inner_country(ctx: Context, ents: list[Any]) -> str | None:
    """A state or demonym inside the name ("Iraqi Oil Ministry") gives the organisation's country."""
    for ent in ents:
        for i in range(ent.start, ent.end):
            m = ctx.match_at.get(i)
            if m is not None and m.how in ("state", "adjective", "people"):
                return m.id
    return None


def _person_context(ctx: Context, ents: list[Any]) -> tuple[str | None, str | None]:
    """Country and sector from a title before a name ("Japanese Prime Minister X", "Russia's Gen. X") or
    from an apposition after it ("X, Iraq's foreign minister", "X, the UN relief coordinator")."""
    titles = {end: sector for start, end, sector in ctx.sdoc.user_data.get(TITLES, [])}
    for ent in ents:
        before = range(ent.start - 1, max(ent.root.left_edge.i, ent.start - 8) - 1, -1)
        found = _titled(ctx, before, titles)
        if found == (None, None):
            for appos in (c for c in ent.root.rights if c.dep_ == "appos"):
                words = range(appos.i, max(appos.left_edge.i, appos.i - 8) - 1, -1)
                found = _titled(ctx, words, titles | {appos.i + 1: _appos_sector(ctx, appos)})
        if found != (None, None):
            return found
    return None, None


def _appos_sector(ctx: Context, appos: Any) -> str | None:
    """The sector an apposition's head noun names ("minister" -> GOV), when it is a generic agent."""
    for generic in ctx.kb.generics:
        if generic.phrase == appos.lower_ and generic.resolve != "modifier":
            return ctx.kb.classes[generic.cls].sector
    return None


def _titled(ctx: Context, words: range, titles: dict[int, str | None]) -> tuple[str | None, str | None]:
    """Walk ``words`` (right to left) for a title and the state, demonym or body that qualifies it."""
    sector = None
    for i in words:
        if sector is None and titles.get(i + 1):
            sector = titles[i + 1]
        m = ctx.match_at.get(i)
        if m is None:
            continue
        if m.how in ("state", "adjective", "people"):
            possessive = m.end < len(ctx.sdoc) and ctx.sdoc[m.end].tag_ == "POS"
            if m.how != "state" or possessive or sector is not None:
                return m.id, sector  # "Iraqi X", "Russia's X", "Japan Prime Minister X"; not "on Syria X"
            return None, sector
        entry = ctx.kb.get(m.id)
        if entry is not None:
            if entry.kind == "igo" and sector is not None:
                return None, "IGO"
            return entry.country, sector
    return None, sector
