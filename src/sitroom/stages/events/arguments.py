"""Who, where and when of an event trigger, read from the dependency parse and the earlier stages.

Token arguments are mapped to the ``actors``, ``places`` and ``dates`` that earlier stages found, by
character overlap; an argument no earlier stage recognised gives no field rather than a guess.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitroom.document import Actor, DateRef, Document, EventDate, EventPlace, Place, Span

Token = Any  # spacy.tokens.Token

# Dependency labels that stay inside a noun phrase when collecting the words of an argument: the
# phrase's own modifiers and appositions, not its relative clauses or other attached phrases.
_NP_DEPS = frozenset(
    "compound amod det poss nmod nummod appos flat case punct quantmod npadvmod hyph".split()
)
# Prepositions that place an event: where it happened, or where a movement ended.
LOCATIVE = frozenset(
    "in at near inside outside across around throughout within over into to toward towards".split()
)
DESTINATION = frozenset("into to toward towards".split())
# Verbs whose object names the event they carry out ("launched an offensive", "struck a deal").
LIGHT_VERBS = frozenset(
    "launch carry conduct stage mount wage hold begin start continue resume undertake make reach strike sign "
    "announce declare impose perpetrate lead intensify escalate unleash spearhead orchestrate order "
    "step initiate broker seal conclude renew maintain establish forge form build deepen expand strengthen "
    "pursue prepare plan give open issue deliver complete speed accelerate end arrive return travel resort "
    "extend tighten enforce converge gather assemble lodge file register voice express".split()
)
PRONOUNS = frozenset("it its they them their he him his she her we us our".split())


def lemma(tok: Token) -> str:
    return str(tok.lemma_.lower())


def is_light(tok: Token) -> bool:
    """A light verb, also where the small model lemmatises it wrongly ("staged" -> "stag") and in its
    "re-" form ("reimposed", "relaunched")."""
    low = tok.lower_
    forms = {lemma(tok), low, low[:-1], low[:-2], low[:-3] + "e" if low.endswith("ing") else low[:-3]}
    forms |= {f[2:] for f in forms if f.startswith("re") and len(f) > 5}
    return bool(tok.pos_ in ("VERB", "AUX") and forms & LIGHT_VERBS)


def unique(actors: list[Actor]) -> list[Actor]:
    """Actors without repeats, in order of first mention."""
    return list({a.id: a for a in actors}.values())


def is_pronoun(tok: Token) -> bool:
    """A personal pronoun; "US" (the United States) is not "us"."""
    return bool(tok.lower_ in PRONOUNS and not (tok.text.isupper() and len(tok.text) > 1))


@dataclass(frozen=True, slots=True)
class Indexed:
    """Character ranges of actor, place and date mentions, sorted by start, for overlap look-ups."""

    starts: list[int]
    items: list[tuple[int, int, object]]

    @classmethod
    def of(cls, triples: Iterable[tuple[int, int, object]]) -> Indexed:
        items = sorted(triples, key=lambda t: (t[0], t[1]))
        return cls([s for s, _, _ in items], items)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, object]]:
        # Mentions are short, so any overlapping one starts at most ~200 characters before ``start``.
        i = bisect.bisect_left(self.starts, start - 200)
        while i < len(self.items) and self.items[i][0] < end:
            s, e, obj = self.items[i]
            if e > start:
                yield s, e, obj
            i += 1


@dataclass(frozen=True, slots=True)
class Context:
    """What the earlier stages found in one document, indexed for the argument look-ups."""

    doc: Document
    actors: Indexed  # -> Actor
    places: Indexed  # -> Place
    dates: Indexed  # -> DateRef
    window: Span | None = None  # only words in here count (the trigger's sentence, cut at line breaks)

    def inside(self, tok: Token) -> bool:
        w = self.window
        return w is None or w.start <= tok.idx < w.end

    @classmethod
    def of(cls, doc: Document) -> Context:
        return cls(
            doc,
            Indexed.of((m.start, m.end, a) for a in doc.actors for m in a.mentions),
            Indexed.of((m.start, m.end, p) for p in doc.places for m in p.mentions),
            Indexed.of((d.span.start, d.span.end, d) for d in doc.dates),
        )


def np_tokens(tok: Token) -> list[Token]:
    """The words of the noun phrase headed by ``tok``: modifiers, appositions and "of" phrases."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            # "members of ISIS", "fighters from JNIM": the group the people belong to.
            keep = (
                c.dep_ in _NP_DEPS
                or (c.dep_ == "prep" and c.lower_ in ("of", "from"))
                or (c.dep_ == "pobj" and t.lower_ in ("of", "from"))
            )
            if keep:
                out.append(c)
                stack.append(c)
    return out


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("Russia and Turkey")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def actors_of(ctx: Context, tok: Token | None) -> list[Actor]:
    """Actors mentioned in the noun phrase headed by ``tok`` and in the phrases coordinated with it."""
    if tok is None:
        return []
    found: dict[str, Actor] = {}
    for head in conjuncts(tok):
        for t in np_tokens(head):
            if not ctx.inside(t):
                continue
            for _, _, obj in ctx.actors.overlapping(t.idx, t.idx + len(t.text)):
                assert isinstance(obj, Actor)
                found.setdefault(obj.id, obj)
    return list(found.values())


def place_of(ctx: Context, tok: Token) -> tuple[Place, int, int] | None:
    """The place mentioned in the noun phrase headed by ``tok`` (the most specific, if several)."""
    best: tuple[Place, int, int] | None = None
    for t in np_tokens(tok):
        if not ctx.inside(t):
            continue
        for s, e, obj in ctx.places.overlapping(t.idx, t.idx + len(t.text)):
            assert isinstance(obj, Place)
            if best is None or (best[0].feature == "country" and obj.feature != "country"):
                best = (obj, s, e)
    return best


def event_place(ctx: Context, found: tuple[Place, int, int]) -> EventPlace:
    place, s, e = found
    return EventPlace(place.name, place.geonameid, place.lat, place.lon, Span(s, e))


def date_root(sent: Any, ref: DateRef) -> Token | None:
    """The token of a date mention whose head lies outside it: where the date attaches to the clause."""
    toks = [t for t in sent if t.idx >= ref.span.start and t.idx < ref.span.end]
    for t in toks:
        if not (ref.span.start <= t.head.idx < ref.span.end) or t.head.i == t.i:
            return t
    return None


def governing_prep(tok: Token) -> str | None:
    """The preposition a date hangs from ("until April" -> until), looking through "the night of"."""
    t = tok
    if t.dep_ == "prep":  # the date mention includes its preposition: "until April"
        return str(t.lower_)
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            if t.head.lower_ != "of":
                return str(t.head.lower_)
            t = t.head.head
            continue
        return None
    return None


def to_event_date(ref: DateRef, prep: str | None) -> EventDate | None:
    """An event date from a normalised date mention and the preposition before it."""
    if ref.value is None or ref.kind not in ("date", "time") or not ref.value[:4].isdigit():
        return None  # "now", "previously": relative references without a calendar value
    precision = "day" if ref.precision == "time" else ref.precision
    value = ref.value[:10] if ref.precision == "time" else ref.value
    if prep in ("until", "till", "through"):
        return EventDate(None, ref.end_value or value, precision, ref.span)
    if prep == "by":
        return EventDate(None, ref.end_value or value, precision, ref.span)
    if prep in ("since", "from"):
        return EventDate(value, ref.end_value, precision, ref.span)
    return EventDate(value, ref.end_value or value, precision, ref.span)
