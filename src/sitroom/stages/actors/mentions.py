"""Actor mentions from the knowledge-base matches: named actors, states, and generic noun phrases.

A state's name is an actor only where it acts ("Turkey brokered", "Russia's President"), not where it is a
place ("in Syria", "Deir Ezzour, Syria") or an attribute ("the Turkey-Syria border"). A demonym is never an
actor by itself; with the head noun of a generic phrase it names the organ or group of that state ("Turkish
forces" -> Turkish military, "Iraqi airpower" -> Iraqi military).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.stages.actors.focus import Votes, capitals, city_country
from sitroom.stages.actors.kb import Entry, KnowledgeBase
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
# "rebels in/inside/across X", "the army of X": prepositions that place a group in a country.
GROUP_PREPS = frozenset("in inside of from across within throughout near around".split())
# "Iranian-backed militias" are not Iran's: these words after a hyphen make the modifier an ally.
BACKED = frozenset("backed supported sponsored funded trained armed allied aligned affiliated linked".split())
UNKNOWN_PLACE = "?"  # a place was named, but its country is not known
# A one-word PERSON or ORG entity naming a city at least this large is taken for the city: large enough
# that a surname rarely shares the name (Kharkiv 1.4M; Decina is a small Czech town's alternate name).
BIG_CITY = 200_000
# Determiners that make a generic noun phrase definite, and so refer back ("the regime").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NP_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod", "det", "case", "punct"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: character offsets, the actor id and where it sits in the parse."""

    start: int
    end: int
    id: str
    sent: int  # index of the sentence in the spaCy Doc
    head: int  # token index of the mention's syntactic head
    role: str  # dependency label of the head, after climbing conjunctions ("nsubj", "pobj", ...)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A (class, country) an earlier phrase named, possibly inside a longer one: "regime" in "Syrian regime
    forces" lets a later "the regime" resolve to the Syrian government."""

    token: int
    cls: str
    country: str


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
            first = min(first, m.start if not pro else m.start - 2)
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
                if country is None and _definite(ctx, start):
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


def _nationals(ctx: Context, m: Match) -> bool:
    """Whether a plural of nationals stands for its state: "the Russians" do; "ethnic Albanians" are a
    people, and "Sudanese" before a noun is an adjective (the plural and the adjective are one word)."""
    tok = ctx.sdoc[m.end - 1]
    if m.start > 0 and ctx.sdoc[m.start - 1].lower_ == "ethnic":
        return False
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod", "compound", "nmod")


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
