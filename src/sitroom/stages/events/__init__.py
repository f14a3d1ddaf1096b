"""Events: who did what to whom, where, when and how many, coded in PLOVER, CAMEO and ACLED terms.

The stage reads the cached parse of the nlp stage and what the actors, places, dates, quotes and
claims stages found; fields those stages did not fill stay empty rather than guessed. Modules:
``lexicon`` (data files), ``quantities`` (numbers, pure), ``arguments`` (mentions of actors, places
and dates by offset), ``participants`` (source and target from the parse), ``targets`` (whom an
event is aimed at beyond its object), ``status`` (occurred or
not, and who says so), ``extract`` (mentions: triggers and their numbers), ``setting`` (place and
date), ``reference`` (generic mentions, a war's toll, places of other events), ``merge`` (one event
told several times).
"""

from __future__ import annotations

from dataclasses import replace

from sitroom.document import Document, Event
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.events.arguments import Context
from sitroom.stages.events.extract import find_mentions
from sitroom.stages.events.merge import merge_mentions

__all__ = ["events", "find_events"]


@stage(
    requires=("text", "sentences", "actors", "places", "dates", "quotes", "claims"),
    provides=("events",),
    version=1,
)
def events(doc: Document, settings: Settings) -> Document:
    return replace(doc, events=tuple(find_events(doc, settings)))


def find_events(doc: Document, settings: Settings) -> list[Event]:
    """Every event of the document, each told once with its further tellings in ``Event.also``.

    Args:
        doc: a document that went through the nlp stage (and, for actors, places, dates and
            attribution, through those stages; without them those fields stay empty).
        settings: for the spaCy model (the parse is the nlp stage's cached one).

    Returns:
        Events in order of first telling.
    """
    from sitroom.stages.nlp import parsed

    sp = parsed(doc, settings)
    headings = list(doc.headings)
    mentions = find_mentions(Context.of(doc), sp, headings)
    return merge_mentions(mentions, headings)
