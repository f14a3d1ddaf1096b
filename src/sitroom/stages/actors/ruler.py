"""A spaCy component that finds knowledge-base actors and corrects the entities of the statistical NER.

The small English model labels many group names PERSON ("Ahrar al-Sham", "HTS") and surnames GPE ("Decina").
This component runs after ``ner``: it matches every alias of the knowledge base with two PhraseMatchers
(case-insensitive for names, exact for acronyms such as "IS" or "HTS"), overrides the entities it overlaps
with the knowledge base's label, relabels a surname as PERSON when the article gives the full name, and
leaves its matches in ``doc.user_data`` so that the actors stage reads them without matching again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from sitroom.stages.actors.focus import city_country
from sitroom.stages.actors.kb import KnowledgeBase, alias_variants, load_kb

NAME = "sitroom_actors"
MATCHES = "sitroom.actors"  # user_data key: list of Match
GENERICS = "sitroom.generics"  # user_data key: list of (start token, end token, generic index)
TITLES = "sitroom.titles"  # user_data key: list of (start token, end token, sector)

# Order of preference when two matches cover the same tokens: a named actor beats a state name, etc.
_HOW_RANK = {"name": 0, "state": 1, "people": 2, "adjective": 3}
# Lower-case words allowed inside capitalised names ("Nour al-Din", "Army of Islam").
_PERSON_LABELS = {"PERSON"}
# A "surname" that names a city this large stays a place: "Idlib" after a mis-tagged "Khan Sheikhun Idlib".
SURNAME_CITY = 100_000
_NAME_LABELS = {"GPE", "ORG", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "PERSON", "LAW"}


class Match(NamedTuple):
    """A knowledge-base alias found in the text (token offsets into the spaCy Doc); a tuple, so that
    ``Doc.to_bytes`` can serialise ``user_data``."""

    start: int
    end: int
    id: str  # actor id, or the ISO code of a state for state/adjective/people matches
    how: str  # name | state | adjective | people


@dataclass(frozen=True, slots=True)
class _Pattern:
    id: str
    how: str
    shape: tuple[bool, ...]  # which tokens of the alias are capitalised (and must be in the text)


class ActorRuler:
    """Callable spaCy component; build it with :func:`add_actor_ruler`."""

    def __init__(self, nlp: Any, kb: KnowledgeBase) -> None:
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns: list[_Pattern] = []
        seen: set[tuple[str, str, str]] = set()
        for alias, actor_id, how in _aliases(kb):
            for variant in alias_variants(alias):
                if (variant, actor_id, how) in seen:
                    continue
                seen.add((variant, actor_id, how))
                tokens = nlp.make_doc(variant)
                key = str(len(self.patterns))
                self.patterns.append(_Pattern(actor_id, how, tuple(t.text[:1].isupper() for t in tokens)))
                (self.exact if _case_sensitive(tokens) else self.folded).add(key, [tokens])
        for i, g in enumerate(kb.generics):
            self.generic.add(str(i), [nlp.make_doc(g.phrase)])
        self.title_sectors = list(kb.titles.items())
        for i, (title, _) in enumerate(self.title_sectors):
            self.title.add(str(i), [nlp.make_doc(title)])

    def __call__(self, doc: Any) -> Any:
        strings = doc.vocab.strings
        found: list[Match] = []
        for matcher, exact in ((self.folded, False), (self.exact, True)):
            for key, start, end in matcher(doc):
                p = self.patterns[int(strings[key])]
                if exact and _shouting(doc, start, end):
                    continue
                if not exact and not _same_case(doc, start, end, p.shape):
                    continue
                found.append(Match(start, end, p.id, p.how))
        matches = _longest(found)
        doc.ents = _corrected_entities(doc, matches, self.kb)
        doc.user_data[MATCHES] = matches
        doc.user_data[GENERICS] = [
            (s, e, int(strings[k])) for k, s, e in self.generic(doc) if doc[e - 1].pos_ in ("NOUN", "PROPN")
        ]
        titles = self.title_sectors
        doc.user_data[TITLES] = [(s, e, titles[int(strings[k])][1]) for k, s, e in self.title(doc)]
        return doc


def add_actor_ruler(nlp: Any) -> None:
    """Add the knowledge-base ruler after ``ner`` (once) in a loaded spaCy pipeline."""
    from spacy.language import Language

    if NAME in nlp.pipe_names:
        return
    if not Language.has_factory(NAME):

        @Language.factory(NAME)
        def _make(nlp: Any, name: str) -> ActorRuler:
            return ActorRuler(nlp, load_kb())

    nlp.add_pipe(NAME, after="ner" if "ner" in nlp.pipe_names else None)


def _aliases(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for e in kb.entries.values():
        out += [(a, e.id, "name") for a in (*e.aliases, *e.formerly)]
    for s in kb.states.values():
        out += [(a, s.iso2, "state") for a in (s.name, *s.aliases)]
        out += [(a, s.iso2, "adjective") for a in s.adjectives]
        out += [(a, s.iso2, "people") for a in s.people]
    return out


def _case_sensitive(tokens: Any) -> bool:
    """Acronyms and mixed-case names ("HTS", "U.N.", "JeM") must match with their exact capitals."""
    return any(any(ch.isupper() for ch in t.text[1:]) for t in tokens if t.is_alpha or "." in t.text)


def _same_case(doc: Any, start: int, end: int, shape: tuple[bool, ...]) -> bool:
    """A capitalised alias token must be capitalised in the text: "Amnesty" the group, not "amnesty"."""
    if len(shape) != end - start:
        return False
    return all(not cap or doc[i].text[:1].isupper() for i, cap in zip(range(start, end), shape, strict=True))


def _shouting(doc: Any, start: int, end: int) -> bool:
    """True inside an all-capitals headline, where "IS" or "WHO" is only a word."""
    words = [t for t in doc[start].sent if t.is_alpha and len(t) > 1]
    caps = sum(1 for t in words if t.is_upper)
    return caps >= 4 and caps >= 0.8 * len(words)


def _longest(matches: list[Match]) -> list[Match]:
    """Keep the longest non-overlapping matches; on a tie prefer a named actor, then a state."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), _HOW_RANK[m.how], m.start))
    taken: set[int] = set()
    kept = []
    for m in ordered:
        if taken.isdisjoint(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def _corrected_entities(doc: Any, matches: list[Match], kb: KnowledgeBase) -> tuple[Any, ...]:
    """NER entities with knowledge-base names laid over them and surnames of known people relabelled."""
    from spacy.tokens import Span

    named = []
    for m in matches:
        if m.how == "name":
            entry = kb.get(m.id)
            label = "PERSON" if entry is not None and entry.kind == "person" else "ORG"
            named.append(Span(doc, m.start, m.end, label=label))
        elif m.how == "state":
            # A state's name that NER took for a person or an organisation ("Jordan" said ...).
            for ent in doc.ents:
                if ent.start == m.start and ent.end == m.end and ent.label_ in ("PERSON", "ORG"):
                    named.append(Span(doc, m.start, m.end, label="GPE"))
    covered = {i for s in named for i in range(s.start, s.end)}
    kept = [e for e in doc.ents if covered.isdisjoint(range(e.start, e.end))]
    ents = sorted([*kept, *named], key=lambda s: s.start)
    return tuple(_relabel_surnames(doc, ents, matches))


def _relabel_surnames(doc: Any, ents: list[Any], matches: list[Match]) -> list[Any]:
    """ "Decina" labelled GPE after "Alex Decina" (PERSON) is the same person: relabel it PERSON."""
    from spacy.tokens import Span

    state_tokens = {i for m in matches if m.how != "name" for i in range(m.start, m.end)}
    surnames: set[str] = set()
    for e in ents:
        words = e.text.split()
        if e.label_ in _PERSON_LABELS and len(words) >= 2:
            surnames.update(" ".join(words[i:]) for i in range(1, len(words)))
    out = []
    for e in ents:
        if (
            e.label_ in _NAME_LABELS - _PERSON_LABELS
            and e.text in surnames
            and state_tokens.isdisjoint(range(e.start, e.end))
            and city_country(e.text, SURNAME_CITY) is None
        ):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out
