"""Generic agents: "rebels", "regime forces", "Turkish officials", "civilians", resolved to a country.

In order, a phrase takes its country from: a demonym, state, person or group that modifies it ("Turkish
forces" -> Turkish military, "Assad's forces" -> Syrian military, "Houthi forces" -> the Houthis); an
"in/of X" phrase ("rebels in the Ivory Coast"); for a definite phrase, the latest earlier phrase of its class
("the regime" after "the Syrian regime"); and, for the agents that allow it ("rebels", "civilians"), the
country of the places in its sentence or else of the article. "pro-Assad forces" and "Iranian-backed
militias" are allies of the modifier, not part of it; "officials" of no known state are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.stages.actors.focus import city_country
from sitroom.stages.actors.kb import Entry, KnowledgeBase
from sitroom.stages.actors.mentions import Context, Mention
from sitroom.stages.actors.ruler import Match

# "rebels in/inside/across X", "the army of X": prepositions that place a group in a country.
GROUP_PREPS = frozenset("in inside of from across within throughout near around".split())
# "Iranian-backed militias" are not Iran's: these words after a hyphen make the modifier an ally.
BACKED = frozenset("backed supported sponsored funded trained armed allied aligned affiliated linked".split())
UNKNOWN_PLACE = "?"  # a place was named, but its country is not known
# Determiners that make a generic noun phrase definite, and so refer back ("the regime").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NP_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod", "det", "case", "punct"})


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A (class, country) an earlier phrase named, possibly inside a longer one: "regime" in "Syrian regime
    forces" lets a later "the regime" resolve to the Syrian government."""

    token: int
    cls: str
    country: str


def generic_mentions(ctx: Context) -> list[Mention]:
    """Mentions of generic agents, each resolved to a country when the text allows (see module docstring)."""
    kb = ctx.kb
    mentions: list[Mention] = []
    antecedents = organ_antecedents(ctx)
    article = ctx.votes.article()
    for start, end, index in _outermost(ctx.generics):
        generic = kb.generics[index]
        head = ctx.sdoc[end - 1]
        if any(t in ctx.match_at for t in range(start, end)) or _in_name(ctx, start, end):
            continue  # part of a name: "Forces" in "Syrian Democratic Forces"
        if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
            continue  # a modifier: "police" in "police station"
        modifier = _modifier(ctx, start, head)
        cls = generic.cls
        if generic.resolve == "modifier":
            if modifier is not None and not modifier[1]:
                m = modifier[0]
                ctx.consumed.update(range(m.start, m.end))
                mentions.append(ctx.mention(m.start, m.end, _owner(kb, m, cls)))
            continue
        first = start
        actor_id: str | None = None
        if modifier is not None:
            m, pro = modifier
            prefixed = pro and m.start >= 2 and ctx.sdoc[m.start - 1].text == "-"  # "pro-Assad"
            first = min(first, m.start - 2 if prefixed else m.start)
            if pro:
                cls = "militias" if kb.classes[cls].organ or cls == "militias" else cls
            else:
                actor_id = _owner(kb, m, cls)
                ctx.consumed.update(range(m.start, m.end))
                mentions.extend(_conjoined(ctx, m, cls))
        else:
            first = _extend_left(ctx, start)
        if actor_id is None:
            country = _pp_country(ctx, head)
            if country == UNKNOWN_PLACE:
                country = None  # "rebels in Darfur": somewhere the index does not know; guess no country
            else:
                if country is None and generic.resolve != "person" and _definite(ctx, start):
                    country = _antecedent(antecedents, cls, start)
                if country is None and generic.focus:
                    country = ctx.votes.sentence(ctx.sent_of[head.i]) or article
            if country is None and not generic.focus:
                continue  # "officials" of no known state: not worth an actor
            actor_id = kb.group(country, cls).id
        mention = ctx.mention(first, end, actor_id)
        mentions.append(mention)
        entry = kb.get(actor_id)
        if entry is not None and entry.country is not None:
            antecedents.extend(_latent(ctx, first, end, entry.country))
    return mentions


def _in_name(ctx: Context, start: int, end: int) -> bool:
    """True when a named entity around the phrase holds more than a demonym and the phrase itself:
    "Syrian Democratic Forces" is a name, "the Lithuanian Parliament" is not."""
    ent = ctx.ent_of.get(end - 1)
    if ent is None:
        return False
    for t in range(ent.start, ent.end):
        if start <= t < end or ctx.sdoc[t].lower_ == "the" or ctx.sdoc[t].dep_ == "case":
            continue
        m = ctx.match_at.get(t)
        if m is None or m.how == "name":
            return True
    return False


def _modifier(ctx: Context, start: int, head: Any) -> tuple[Match, bool] | None:
    """The knowledge-base match that modifies a generic phrase ("Turkish", "Russia's", "Assad"), and whether
    it is under "pro-"/"anti-" ("pro-Assad forces" are not Assad's army)."""
    left = head.left_edge.i
    i = start - 1
    while i >= left:
        tok = ctx.sdoc[i]
        m = ctx.match_at.get(i)
        if m is not None:
            if m.how == "name" and not _can_own(ctx.kb.get(m.id)):
                return None
            return m, _under_pro(ctx, m)
        if tok.dep_ not in _NP_MODIFIERS and tok.dep_ != "conj" and tok.dep_ != "cc":
            return None
        i -= 1
    # "U.S. and Iraqi airpower": the first conjunct of a modifier attaches to the second.
    for child in head.lefts:
        for conj in child.conjuncts:
            m = ctx.match_at.get(conj.i)
            if m is not None and conj.i < start and m.how != "name":
                return m, _under_pro(ctx, m)
    return None


def _can_own(entry: Entry | None) -> bool:
    return entry is not None and (entry.country is not None or entry.kind in ("armed_group", "igo"))


def _under_pro(ctx: Context, m: Match) -> bool:
    """ "pro-Assad forces", "Iranian-backed militias": allied to the modifier, not part of it."""
    doc, i, j = ctx.sdoc, m.start, m.end
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti"):
        return True
    return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in BACKED


def _conjoined(ctx: Context, m: Match, cls: str) -> list[Mention]:
    """ "U.S." in "U.S. and Iraqi airpower" names the U.S. military as "Iraqi" names Iraq's."""
    out = []
    for conj in ctx.sdoc[m.end - 1].conjuncts:
        other = ctx.match_at.get(conj.i)
        if other is not None and other.how != "name" and other.start not in ctx.consumed:
            ctx.consumed.update(range(other.start, other.end))
            out.append(ctx.mention(other.start, other.end, ctx.kb.group(other.id, cls).id))
    return out


def _extend_left(ctx: Context, start: int) -> int:
    """Take in the words that qualify a generic head: "Shi'a militias", "jihadist rebel groups"."""
    while start > 0:
        tok = ctx.sdoc[start - 1]
        if tok.dep_ not in ("amod", "compound") or tok.i in ctx.match_at or tok.head.i < start:
            break
        start -= 1
    return start


def _owner(kb: KnowledgeBase, m: Match, cls: str) -> str:
    """The actor a modified generic phrase denotes: a state's organ, or the group itself ("Houthi forces")."""
    if m.how != "name":
        return kb.group(m.id, cls).id
    entry = kb.get(m.id)
    assert entry is not None
    if entry.kind in ("armed_group", "igo", "political_party", "ngo"):
        return entry.id  # "Hezbollah fighters", "UN peacekeepers": the organisation itself
    parent = kb.get(entry.part_of) if entry.part_of else None
    if parent is not None and parent.kind in ("armed_group", "political_party"):
        return parent.id  # "Haftar's forces": his army
    country = entry.country
    assert country is not None  # _can_own
    return kb.group(country, cls).id


def _pp_country(ctx: Context, head: Any) -> str | None:
    """Country of an "in/of/from X" phrase on the head: "rebels in the Ivory Coast", "the army of Mali"."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in GROUP_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            m = ctx.match_at.get(obj.i)
            if m is not None and m.how in ("state", "people"):
                ctx.consumed.update(range(m.start, m.end))
                return m.id
            ent = ctx.ent_of.get(obj.i)
            if ent is not None and ent.label_ in ("GPE", "LOC"):
                return city_country(ent.text) or UNKNOWN_PLACE
    for child in head.lefts:  # "Darfur rebels"
        ent = ctx.ent_of.get(child.i)
        if child.dep_ == "compound" and ent is not None and ent.label_ in ("GPE", "LOC"):
            return city_country(ent.text) or UNKNOWN_PLACE
    return None


def _definite(ctx: Context, start: int) -> bool:
    """ "the regime", "this army": a determiner of the phrase itself, not "said that government forces"."""
    if start == 0:
        return False
    det = ctx.sdoc[start - 1]
    return det.lower_ in DEFINITE and det.dep_ == "det" and det.head.i >= start


def _antecedent(antecedents: list[Antecedent], cls: str, start: int) -> str | None:
    """The country of the latest earlier phrase of the same class."""
    earlier = [a for a in antecedents if a.token < start and a.cls == cls]
    return max(earlier, key=lambda a: a.token).country if earlier else None


def _outermost(generics: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Generic matches not inside a longer one ("regime forces", not "forces" in it), in text order."""
    ordered = sorted(generics, key=lambda g: (g[0], -g[1]))
    out: list[tuple[int, int, int]] = []
    for g in ordered:
        if out and g[1] <= out[-1][1]:
            continue
        out.append(g)
    return out


def _latent(ctx: Context, start: int, end: int, country: str) -> list[Antecedent]:
    """Every generic word inside a resolved phrase names that class for the same country."""
    out = []
    for s, e, index in ctx.generics:
        if start <= s and e <= end:
            out.append(Antecedent(s, ctx.kb.generics[index].cls, country))
    return out


def organ_antecedents(ctx: Context) -> list[Antecedent]:
    """Named state organs ("Syrian regime forces", "IDF"), the generic words inside them, and people who
    act for an organ ("Assad") are antecedents of later definite phrases ("the regime")."""
    out = []
    for m in ctx.matches:
        entry = ctx.kb.get(m.id) if m.how == "name" else None
        if entry is None or entry.country is None:
            continue
        organ = entry.id if ":" in entry.id else entry.part_of or ""
        cc, _, cls = organ.partition(":")
        if cls in ctx.kb.classes and cc == entry.country:
            out.append(Antecedent(m.start, cls, cc))
            out.extend(_latent(ctx, m.start, m.end, cc))
    return out
