"""Candidate place names in a parsed article: spaCy's place entities plus capitalised gazetteer names.

spaCy's small English model misses or mislabels many places of conflict news ("Deraa" as a person,
"Idlib" as an organisation), and tags some people as places ("Decina"). So candidates come from two
sources and are filtered before resolution:

- entities labelled GPE, LOC or FAC, trimmed of "the" and a possessive "'s";
- runs of proper nouns (1-4 tokens, with transliteration particles such as "al-" or "ez" inside)
  that spell a gazetteer name, outside any other entity unless they are that whole entity
  (a mislabelled place) or the entity runs across a line break (a broken span).

Never candidates: demonyms and adjectives ("Iraqi", "Kurdish"), names that are part of a person's
name in the same article ("Decina" beside "Alex Decina"), and names inside an actor that is not a
state or government (the "Syrian" of "Syrian Observatory for Human Rights").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sitroom.document import Actor
from sitroom.stages.nlp import text_of
from sitroom.stages.places.gazetteer import Gazetteer
from sitroom.stages.places.names import fold
from sitroom.stages.places.resolve import Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Actor kinds whose names may be places too ("Turkey" the state is also Turkey the country).
PLACE_ACTOR_KINDS = frozenset({"state", "government", "military", "civilians", "other"})
MAX_TOKENS = 4
# Lower-case particles allowed inside a multi-word name: "Deir ez-Zor", "Bab al-Hawa", "Rio de Janeiro".
_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ez",
        "az",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "es",
        "ed",
        "de",
        "del",
        "da",
        "do",
        "di",
        "du",
        "la",
        "le",
        "of",
        "on",
        "upon",
        "bin",
        "ibn",
        "abu",
        "-",
        "'",
        "’",
    }
)
_POSSESSIVE = frozenset({"'s", "’s"})
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


def find_mentions(sp: Any, text: str, gaz: Gazetteer, actors: Sequence[Actor] = ()) -> list[Mention]:
    """Candidate place mentions of ``text`` (parsed as ``sp``), filtered, in text order."""
    people = _person_words(sp, actors, gaz)
    blocked = _actor_spans(actors)
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    entity_spans = list(_entity_spans(sp))
    named = {fold(text[s:e]) for s, e, _ in entity_spans}
    for start, end, source in (*_dateline_spans(text, gaz), *entity_spans, *_scan_spans(sp, gaz)):
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        if source == "echo":
            if fold(surface) not in named:
                continue
            source = "scan"
        if gaz.is_demonym(surface) or _is_person(surface, people, gaz):
            continue
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in blocked):
            continue
        taken.append((start, end))
        out.append(Mention(start, end, surface, source))
    out.sort(key=lambda m: m.start)
    return [_with_qualifier(m, text, gaz) for m in out]


def _entity_spans(sp: Any) -> Iterator[tuple[int, int, str]]:
    for ent in sp.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        piece = text_of(sp)[start:end]
        if "\n" in piece:
            continue
        lead = _LEADING.match(piece)
        if lead:
            start += lead.end()
        trail = _TRAILING.search(text_of(sp)[start:end])
        if trail:
            end -= len(trail.group(0))
        if end - start >= 2:
            yield start, end, "entity"


# A dateline: a line that opens with a place in capitals before a comma, a dash or "(AP)".
# In text whose line breaks were lost, it follows the end of a byline ("By Nate Raymond. BOSTON
# (Reuters) -"); the dash may touch the next word ("WASHINGTON—President").
_DATELINE = re.compile(
    r"(?:^|(?<=[.:] ))([A-Z][A-Z'’.]+(?: [A-Z][A-Z'’.]+){0,3})(?=,| ?[—–-]+ ?\S| \()", re.M
)


def _dateline_spans(text: str, gaz: Gazetteer) -> Iterator[tuple[int, int, str]]:
    """ "WINNIPEG —", "LONDON (Reuters) -": the recogniser often calls such capitals an organisation."""
    for m in _DATELINE.finditer(text):
        if len(m.group(1)) >= 4 and fold(m.group(1)) in gaz.exact:
            yield m.start(1), m.end(1), "dateline"


def _scan_spans(sp: Any, gaz: Gazetteer) -> Iterator[tuple[int, int, str]]:
    """Longest runs of proper nouns that spell a gazetteer name (exact key only)."""
    ents = {}
    for ent in sp.ents:
        for t in range(ent.start, ent.end):
            ents[t] = ent
    n = len(sp)
    i = 0
    while i < n:
        tok = sp[i]
        if not _proper(tok) and not _opens_entity(tok, ents):
            i += 1
            continue
        found = 0
        opener = not _proper(tok)  # a sentence's first word: only the whole entity it opens will do
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            piece = sp[i:j]
            if opener and (ents[i].end != j or not _notable(gaz, piece.text)):
                continue
            inner = piece[1:] if opener else piece
            if not all(_proper(t) or t.lower_ in _PARTICLES for t in inner) or not (
                _proper(sp[j - 1]) or (opener and j == i + 1)
            ):
                continue
            if not _scan_allowed(piece, ents):
                continue
            if fold(piece.text) in gaz.exact:
                found = j
                # Beside another proper noun it may be part of a longer name ("Van" of "Van
                # Ostaeyen", or a headline in title case): kept only if named as a place elsewhere.
                beside = (j < n and _proper(sp[j])) or (i > 0 and _proper(sp[i - 1]))
                person = i in ents and ents[i].label_ == "PERSON" and (ents[i].start, ents[i].end) == (i, j)
                yield piece.start_char, piece.end_char, "echo" if beside else "person" if person else "scan"
                break
        i = found if found else i + 1


NOTABLE_TOWN = 100_000


def _notable(gaz: Gazetteer, name: str) -> bool:
    """A country, division, region or big town: a sentence's first words are taken for one only."""
    return any(
        e.feature in ("country", "continent", "admin1", "region")
        or (e.feature == "city" and e.population >= NOTABLE_TOWN)
        for e in gaz.lookup(name)
    )


def _opens_entity(tok: Any, ents: dict[int, Any]) -> bool:
    """A sentence's first word that opens a mislabelled entity ("Tamil Nadu" as a person): the entity
    marks where the name ends, so the first word may be scanned as long as the whole entity is and
    it names a notable place (not "Johnson said", "Cadillac's new ...")."""
    ent = ents.get(tok.i)
    return bool(
        ent is not None
        and ent.start == tok.i
        and tok.is_sent_start
        and tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.is_alpha
    )


def _proper(tok: Any) -> bool:
    return bool(tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.is_sent_start and tok.is_alpha)


def _scan_allowed(piece: Any, ents: dict[int, Any]) -> bool:
    """A scanned name may not sit inside another entity, unless it is that whole entity or a broken one."""
    covering = {ents[t].start: ents[t] for t in range(piece.start, piece.end) if t in ents}
    for ent in covering.values():
        if ent.label_ in PLACE_LABELS:
            return False  # the entity pass handles it
        whole = ent.start == piece.start and ent.end == piece.end
        # "Japan's Ministry of Agriculture": the place that owns the organisation, before its "'s".
        owner = ent.start == piece.start < piece.end < ent.end and piece.doc[piece.end].lower_ in _POSSESSIVE
        if not whole and not owner and "\n" not in ent.text:
            return False
    return True


def _person_words(sp: Any, actors: Sequence[Actor], gaz: Gazetteer) -> set[str]:
    """Folded words of multi-word person names in the article: "Alex Decina" gives "decina".

    A "person" whose whole name is a place ("Lashkar Gah") is the recogniser's mistake, not a person.
    """
    words: set[str] = set()
    names = [e.text for e in sp.ents if e.label_ == "PERSON" and len(e) > 1 and fold(e.text) not in gaz.exact]
    for a in actors:
        if a.kind == "person":
            names.append(a.name)
    for name in names:
        parts = name.split()
        if len(parts) > 1:
            words.update(fold(p) for p in parts)
            words.add(fold(name))
    return words


def _is_person(surface: str, people: set[str], gaz: Gazetteer) -> bool:
    key = fold(surface)
    if key not in people:
        return False
    # A country or continent keeps its name even beside a namesake ("Jordan").
    return not any(e.feature in ("country", "continent") for e in gaz.lookup(surface))


def _actor_spans(actors: Iterable[Actor]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for a in actors if a.kind not in PLACE_ACTOR_KINDS for s in a.mentions]


def _with_qualifier(m: Mention, text: str, gaz: Gazetteer) -> Mention:
    """Attach the state or country named right after a comma: "Parkland, Fla.", "Lebanon, Pennsylvania"."""
    rest = text[m.end : m.end + 40]
    if not rest.startswith(", "):
        return m
    words = rest[2:].split()
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        cand = " ".join(words[:size])
        stripped = cand.rstrip(",;:)")
        unit = gaz.qualifier(stripped) or gaz.qualifier(cand.rstrip(",;:)") + "")
        if unit is None:
            units = [e for e in gaz.lookup(stripped.rstrip(".")) if e.feature in ("country", "admin1")]
            unit = max(units, key=lambda e: e.population, default=None) if stripped[:1].isupper() else None
        if unit is not None:
            return Mention(m.start, m.end, m.text, m.source, unit)
    return m
