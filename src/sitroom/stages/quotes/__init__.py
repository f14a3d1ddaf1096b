"""Quotes: who said what, direct, indirect or mixed, with cue, speaker, role and affiliation.

The work is split by concern: ``marks`` finds quotations by their marks, ``attribution`` finds
cues, sources and contents in the dependency parse, ``speakers`` names the source, and
``lexicon`` reads the cue and hedge word lists of ``sitroom/data``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sitroom.document import Document, Quote, Span, Speaker
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.nlp import parsed
from sitroom.stages.quotes.attribution import find_attributions
from sitroom.stages.quotes.frames import Found
from sitroom.stages.quotes.speakers import Resolver


@stage(requires=("text", "sentences", "actors"), provides=("quotes",), version=1)
def quotes(doc: Document, settings: Settings) -> Document:
    return replace(doc, quotes=tuple(find_quotes(doc, parsed(doc, settings))))


def find_quotes(doc: Document, sp: Any) -> Iterator[Quote]:
    """Quotes of ``doc`` from its spaCy parse ``sp``, in text order.

    Args:
        doc: the Document; ``doc.actors`` (when present) links speakers to actors.
        sp: the spaCy Doc of ``doc.text`` (``sitroom.stages.nlp.parsed``).

    Returns:
        Quotes whose spans point into ``doc.text``. A quotation with no cue that continues the
        previous speaker's paragraph gets that speaker and no cue; one whose speaker cannot be
        named has ``speaker=None``.

    Notes:
        Rules after Pareti (2016, PARC 3.0) and Newell et al. (2018, PolNeAR): an attribution is a
        source, a cue and a content; the content of a reporting verb is its clausal complement.
    """
    found = find_attributions(sp)
    resolver = Resolver(sp, doc.actors, [f.content for f in found if f.kind == "direct"])
    speakers: list[Speaker | None] = []
    for f in found:
        speaker = _speaker(f, resolver, speakers)
        speakers.append(speaker)
        yield Quote(
            kind=f.kind,
            content=Span(*f.content),
            speaker=speaker,
            cue=None if f.cue is None else Span(*f.cue),
            status=f.status,
        )


def _speaker(f: Found, resolver: Resolver, earlier: list[Speaker | None]) -> Speaker | None:
    if f.continues is not None and f.continues < len(earlier):
        prev = earlier[f.continues]
        # A continued quotation has no mention of its own: the speaker, without a span.
        return None if prev is None else replace(prev, span=None)
    if f.source is None:
        return None
    return resolver.speaker(f.source, f.content)
