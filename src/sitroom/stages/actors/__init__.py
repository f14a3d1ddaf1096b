"""Who acts in an article: every actor resolved against the knowledge base, with all its mentions.

The pieces, in the order they run:
    ``kb``       the knowledge base (``sitroom/data/actors/*.tsv``), loaded once;
    ``ruler``    a spaCy component (added in ``nlp.load_model``): matches the aliases, fixes NER labels;
    ``focus``    the country an article and each sentence is about, for generic agents;
    ``mentions`` named actors and states that act;
    ``generic``  generic phrases ("Turkish forces", "rebels", "the regime") with their country;
    ``unknown``  people and organisations the knowledge base lacks, surnames and acronyms joined;
    ``corefer``  "the group", "he", "she" where the antecedent is clear.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitroom.document import Actor, Document, Span
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.actors.corefer import anaphora
from sitroom.stages.actors.generic import generic_mentions
from sitroom.stages.actors.kb import Entry, KnowledgeBase, load_kb
from sitroom.stages.actors.mentions import Context, Mention, capital_mentions, count_votes, named_mentions
from sitroom.stages.actors.unknown import unknown_actors

__all__ = ["actors", "find_actors"]

_ORGANISATIONS = frozenset({"armed_group", "political_party", "igo", "ngo", "media", "research"})


@stage(requires=("text", "sentences", "entities"), provides=("actors",), version=1)
def actors(doc: Document, settings: Settings) -> Document:
    from sitroom.stages.nlp import parsed

    return replace(doc, actors=find_actors(doc, parsed(doc, settings)))


def find_actors(doc: Document, sdoc: Any, kb: KnowledgeBase | None = None) -> tuple[Actor, ...]:
    """The actors of ``doc``, in order of first mention.

    Args:
        doc: the article; its headings and publisher help tell actors from headline noise.
        sdoc: the spaCy Doc of ``doc.text``, parsed by a model with the actor ruler (``nlp.load_model``).
        kb: the knowledge base; the packaged one by default.

    Returns:
        One Actor per distinct actor, each with every mention, sorted by first mention.
    """
    kb = kb or load_kb()
    ctx = Context(sdoc, kb)
    count_votes(ctx)
    mentions = generic_mentions(ctx)
    mentions += named_mentions(ctx)
    mentions += capital_mentions(ctx)
    entries: dict[str, Entry] = {}
    for m in mentions:
        entry = kb.get(m.id)
        if entry is not None:
            entries[m.id] = entry
    mentions = [m for m in mentions if m.id in entries]
    taken = {t for m in mentions for t in _token_range(sdoc, m)}
    headings = [(h.start, h.end) for h in doc.headings]
    known: dict[str, tuple[str, set[str]]] = {}
    for m in mentions:
        kind = entries[m.id].kind
        if kind in _ORGANISATIONS or kind == "person":
            known.setdefault(m.id, (kind, {entries[m.id].name}))[1].add(doc.text[m.start : m.end])
    for new in unknown_actors(ctx, taken, headings, doc.meta.publisher, known):
        entries[new.entry.id] = new.entry
        mentions += new.mentions
    mentions += anaphora(ctx, mentions, entries)
    return _actors(mentions, entries)


def _token_range(sdoc: Any, m: Mention) -> range:
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _actors(mentions: list[Mention], entries: dict[str, Entry]) -> tuple[Actor, ...]:
    by_id: dict[str, set[tuple[int, int]]] = {}
    for m in mentions:
        by_id.setdefault(m.id, set()).add((m.start, m.end))
    out = []
    for actor_id, spans in by_id.items():
        e = entries[actor_id]
        ordered = tuple(Span(s, t) for s, t in sorted(spans))
        out.append(Actor(e.id, e.name, e.kind, e.country, e.sector, ordered))
    return tuple(sorted(out, key=lambda a: a.mentions[0].start))
