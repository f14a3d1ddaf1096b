"""spaCy's DATE and TIME entities as extra candidates: the expressions the rule grammar has no rule for.

The grammar finds what it can name a value for; spaCy's recogniser also finds looser phrases ("the weeks
ahead", "later in the day", "the full year"). Such an entity is kept only where it names a calendar unit
and is not an age ("a 6-year-old"). Its value is only what its unit makes sure: a vague duration for a
plural ("the weeks" -> PXW), the anchor's year for "year-end"; anything else ("the day", "one morning")
stays recognised but null: which day is meant is a guess, and a wrong date is worse than none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from sitroom.document import Span
from sitroom.stages.dates.calendar import Context, DateValue
from sitroom.stages.dates.grammar import Rule
from sitroom.stages.dates.lexicon import lexicon
from sitroom.stages.dates.resolve import duration_value

LABELS = frozenset({"DATE", "TIME"})
_AGE = re.compile(r"-(?:year|month|week|day)s?-old\b|\bold\b", re.I)
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_DAY_WORDS = frozenset(
    {"day", "morning", "afternoon", "evening", "night", "overnight", "mid-afternoon", "midday"}
)


@functools.cache
def entity_rule() -> Rule:
    """A rule that takes a whole entity (matched with pos/endpos); :func:`resolve_entity` reads it."""
    return Rule("entity", re.compile(r"(?s:.+)"), resolve_entity)


def entity_spans(text: str, entities: Sequence[Span], taken: Sequence[tuple[int, int]]) -> list[Span]:
    """DATE/TIME entities that overlap no grammar match, name a unit of time and are not ages."""
    units = _unit_words()
    out = []
    for e in entities:
        # An entity touching a grammar match is a piece of it ("the night of" + "September 23").
        if e.label not in LABELS or any(s <= e.end + 1 and e.start - 1 <= t for s, t in taken):
            continue
        phrase = text[e.start : e.end]
        words = re.findall(r"[a-z]+(?:-[a-z]+)*", phrase.lower())
        if not set(words) & units or _AGE.search(phrase) or len(phrase.split()) < 2:
            continue  # a lone "minutes" or "years" is too often something else ("minutes of the meeting")
        if words[0] in _POSSESSIVES or re.search(r"\b(?:Year|Day|Week|Month)\b", phrase):
            continue  # "his years of experience", "Businessman of the Year": not times
        out.append(e)
    return out


@functools.cache
def _unit_words() -> frozenset[str]:
    units = [u for u in lexicon().words("units") if u != "centurie"]
    return frozenset([*units, *(u + "s" for u in units), "centuries", "year-end", *_DAY_WORDS])


def resolve_entity(m: re.Match[str], ctx: Context) -> DateValue:
    """The coarse value of an entity phrase, from the one unit word it names."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", m.group(0).lower())
    table = lexicon().table("units")
    for w in reversed(words):  # the head noun comes last in English noun phrases
        if w in ("year-end", "yearend"):
            return DateValue(
                None if ctx.anchor is None else f"{ctx.anchor.year:04d}", None, "year", "date", "end"
            )
        if (w.endswith("s") and w[:-1] in table) or w == "centuries":
            unit = table.get(w[:-1], "100Y")
            value, precision = duration_value(None, str(unit))
            return DateValue(value, None, precision, "duration")
    return DateValue(None)
