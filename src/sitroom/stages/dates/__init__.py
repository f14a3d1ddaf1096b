"""Time expressions: every date, time, duration and recurrence of the text, normalised against publication.

``dates`` is the stage; :func:`normalise` is the pure function other stages (events, agreements) call
on an expression they hold, and :func:`find_dates` the one that lists a document's expressions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sitroom.document import DateRef, Document
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.dates.calendar import DateValue
from sitroom.stages.dates.find import Mention, find_mentions, group_ranges

__all__ = ["DateValue", "Mention", "dates", "find_dates", "find_mentions", "normalise"]


def normalise(text: str, anchor: date | datetime | str | None, tense: str | None = None) -> DateValue:
    """The value of one time expression, e.g. ``normalise("by October 15", date(2018, 10, 1))``.

    Args:
        text: the expression, with or without its preposition ("on the night of September 23").
        anchor: the publication date (or datetime, or ISO string); None leaves relative expressions null.
        tense: the tense of the verb governing it (past|present|future), when the caller knows it; it picks
            which "Friday" or "September 23" is meant. None takes the nearest one.

    Returns:
        The DateValue of the longest expression found in ``text`` (a range when it holds "from X to Y"),
        or a null value of precision "unknown" when there is none. Never raises on any string.
    """
    refs = group_ranges(text, find_mentions(text, anchor, tense=tense))
    if not refs:
        return DateValue(None)
    best = max(refs, key=lambda r: (r.span.end - r.span.start, -r.span.start))
    return DateValue(best.value, best.end_value, best.precision, best.kind, best.mod)


def find_dates(doc: Document, settings: Settings | None = None) -> list[DateRef]:
    """Every time expression of ``doc.text``, normalised against ``doc.meta.published``.

    With ``settings`` the spaCy parse of the nlp stage (cached, not re-run) gives each expression its
    verb's tense; without, expressions resolve to the nearest matching day.
    """
    parsed = None
    if settings is not None and doc.sentences:
        from sitroom.stages.nlp import parsed as _parsed

        parsed = _parsed(doc, settings)
    mentions = find_mentions(doc.text, doc.meta.published, parsed=parsed, entities=doc.entities)
    return group_ranges(doc.text, mentions)


@stage(requires=("text", "meta", "sentences", "entities"), provides=("dates",), version=1)
def dates(doc: Document, settings: Settings) -> Document:
    return replace(doc, dates=tuple(find_dates(doc, settings)))
