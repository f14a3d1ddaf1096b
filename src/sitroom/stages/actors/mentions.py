"""Actor mentions from the knowledge-base matches: named actors, and states where they act.

A state's name is an actor only where it acts ("Turkey brokered", "Russia's President"), not where it is a
place ("in Syria", "Deir Ezzour, Syria") or an attribute ("the Turkey-Syria border"). A demonym is never an
actor by itself (``generic`` gives it a head noun: "Turkish forces"). ``Context`` holds the parse and the
lookups that every finder of this package shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.stages.actors.focus import Votes, capitals, city_country
from sitroom.stages.actors.kb import KnowledgeBase
from sitroom.stages.actors.ruler import GENERICS, MATCHES, Match

# A state named as the object of these prepositions is a place: "in Syria", "the north of Syria".
PLACE_PREPS = frozenset(
    "in into inside within across throughout near around outside at through along over from of "
    "towards toward onto beyond via across".split()
)
# ... except after these words, where it is the source of something: "support from Iran".
FROM_ACTOR = frozenset(
    "support aid pressure help assistance delegation envoy officials troops forces call request demand "
    "threat threats weapons backing order orders response statement message".split()
)
# "to Syria" is a place after a verb of motion, and a recipient otherwise ("handed over to Britain").
MOTION = frozenset(
    "go come return travel fly flee move head send deploy transfer ship bus drive deport march advance "
    "extend spread arrive relocate smuggle bring take carry cross escape migrate evacuate".split()
)
# A one-word PERSON or ORG entity naming a city at least this large is taken for the city: large enough
# that a surname rarely shares the name (Kharkiv 1.4M; Decina is a small Czech town's alternate name).
BIG_CITY = 200_000


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: character offsets, the actor id and where it sits in the parse."""

    start: int
    end: int
    id: str
    sent: int  # index of the sentence in the spaCy Doc
    head: int  # token index of the mention's syntactic head
    role: str  # dependency label of the head, after climbing conjunctions ("nsubj", "pobj", ...)


class Context:
    """The spaCy Doc of one article with the lookups the mention finders share."""

    def __init__(self, sdoc: Any, kb: KnowledgeBase) -> None:
        self.sdoc = sdoc
        self.kb = kb
        self.matches: list[Match] = [Match(*m) for m in sdoc.user_data.get(MATCHES, [])]
        self.generics: list[tuple[int, int, int]] = list(sdoc.user_data.get(GENERICS, []))
        self.sent_of = [0] * len(sdoc)
        for i, sent in enumerate(sdoc.sents):
            for t in range(sent.start, sent.end):
                self.sent_of[t] = i
        self.ent_of: dict[int, Any] = {t: e for e in sdoc.ents for t in range(e.start, e.end)}
        self.match_at: dict[int, Match] = {t: m for m in self.matches for t in range(m.start, m.end)}
        self.votes = Votes()
        self.generic_words = {g.phrase for g in kb.generics if " " not in g.phrase}
        # The last words of multi-word PERSON names: "Decina" after "Alex Decina" is a surname, not a town.
        self.surnames = {
            " ".join(e.text.split()[i:])
            for e in sdoc.ents
            if e.label_ == "PERSON"
            for i in range(1, len(e.text.split()))
        }
        self.consumed: set[int] = set()  # tokens of matches used as modifiers of a generic phrase

    def mention(self, start: int, end: int, actor_id: str) -> Mention:
        span = self.sdoc[start:end]
        head = span.root
        return Mention(span.start_char, span.end_char, actor_id, self.sent_of[head.i], head.i, role(head))

    def inside_entity(self, start: int, end: int) -> bool:
        """True when tokens [start, end) are part of a longer named entity ("America" in "Latin America")."""
        ent = self.ent_of.get(start)
        if ent is None or (ent.start, ent.end) == (start, end):
            return False
        first = self.sdoc[ent.start]
        return not (ent.start + 1 == start and ent.end == end and first.lower_ == "the")


def role(token: Any) -> str:
    """The dependency label of ``token``, climbing conjunctions: "Iran" in "Russia and Iran said" is nsubj."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return str(token.dep_)


def use_of(token: Any) -> str:
    """How the state or city name ending at ``token`` is used: "place" ("in Syria"), "attribute" ("the
    Turkey-Syria border", "Amman-based") or "actor" ("Turkey brokered", "Russia's President")."""
    # Climb "Russia, Iran and Syria" to the first conjunct, but not onto a common noun the parser chose.
    while token.dep_ == "conj" and token.head.i != token.i and token.head.ent_type_:
        token = token.head
    head = token.head
    if token.dep_ == "pobj":
        prep = head.lower_
        governor = head.head
        if prep == "from":
            return "actor" if governor.lemma_.lower() in FROM_ACTOR else "place"
        if prep == "to":
            return "place" if governor.lemma_.lower() in MOTION else "actor"
        return "place" if prep in PLACE_PREPS else "actor"
    if token.dep_ in ("appos", "npadvmod") and head.ent_type_ in ("GPE", "LOC", "FAC"):
        return "place"
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text == "-":
        return "attribute"
    modifier = token.dep_ in ("compound", "amod", "nmod", "npadvmod")
    if modifier and head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        return "attribute" if head.i != token.i else "actor"
    return "actor"


def city_of(ctx: Context, ent: Any) -> str | None:
    """The country of an entity that names a city: a GPE or LOC the index knows, or a one-word "person"
    or "organisation" that is a large city and no one's surname here ("Kharkiv", tagged PERSON)."""
    if ent.label_ in ("GPE", "LOC"):
        return city_country(ent.text)
    if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and ent.text not in ctx.surnames:
        return city_country(ent.text, BIG_CITY)
    return None


def count_votes(ctx: Context) -> None:
    """Country votes from states named as places or actors, demonyms, and cities the NER found."""
    for m in ctx.matches:
        if m.how == "name" or ctx.inside_entity(m.start, m.end):
            continue
        place = m.how == "state" and use_of(ctx.sdoc[m.start : m.end].root) == "place"
        ctx.votes.add(ctx.sent_of[m.start], m.id, place=place)
    for ent in ctx.sdoc.ents:
        if ent.start not in ctx.match_at:
            country = city_of(ctx, ent)
            if country is not None:  # a city is a place wherever it stands, except as a modifier
                place = use_of(ent[-1]) != "attribute"
                ctx.votes.add(ctx.sent_of[ent.start], country, place=place)


def named_mentions(ctx: Context) -> list[Mention]:
    """Mentions of named actors, and of states where they act; states as places only vote."""
    out = []
    for m in ctx.matches:
        if m.start in ctx.consumed:
            continue
        if m.how != "name" and ctx.inside_entity(m.start, m.end):
            continue  # "Indians" in "Cleveland Indians", "America" in "Latin America"
        if (m.how == "name" or (m.how == "people" and _nationals(ctx, m))) or (
            m.how == "state" and use_of(ctx.sdoc[m.start : m.end].root) == "actor"
        ):
            out.append(ctx.mention(m.start, m.end, m.id))
    return out


def capital_mentions(ctx: Context) -> list[Mention]:
    """A capital that acts is its government: "Beirut rejected the appeal" (PLOVER codes a capital as GOV
    when it is the subject). Only as a subject: "shelled Kabul" is a place."""
    out = []
    for ent in ctx.sdoc.ents:
        country = capitals().get(ent.text) if ent.label_ == "GPE" else None
        if country is None or ent.start in ctx.match_at or country not in ctx.kb.states:
            continue
        if role(ent.root) == "nsubj" and ent.root.head.pos_ in ("VERB", "AUX"):
            out.append(ctx.mention(ent.start, ent.end, ctx.kb.group(country, "government").id))
    return out


def _nationals(ctx: Context, m: Match) -> bool:
    """Whether a plural of nationals stands for its state: "the Russians" do; "ethnic Albanians" are a
    people, and "Sudanese" before a noun is an adjective (the plural and the adjective are one word)."""
    tok = ctx.sdoc[m.end - 1]
    if m.start > 0 and ctx.sdoc[m.start - 1].lower_ == "ethnic":
        return False
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod", "compound", "nmod")
