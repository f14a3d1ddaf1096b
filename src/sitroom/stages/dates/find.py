"""Find the time expressions of a text, resolve each in its sentence's tense, and join ranges.

Two layers: :func:`find_mentions` returns TimeML-sized mentions ("September 23", "the past two months")
with their values; :func:`group_ranges` turns them into the report's DateRefs, whose span takes in the
governing preposition ("on the night of September 23", "by October 15") and whose ranges join two
mentions ("from February until April").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sitroom.document import DateRef, Span
from sitroom.stages.dates import calendar as cal
from sitroom.stages.dates.calendar import Context, DateValue
from sitroom.stages.dates.entities import entity_rule, entity_spans
from sitroom.stages.dates.grammar import Rule, rules
from sitroom.stages.dates.lexicon import alt, lexicon, lookup

# Rules whose value is a date named outright: later "the next day" or "that year" counts from them.
_REFERENCE_RULES = frozenset(
    {
        "mdy",
        "dmy",
        "iso",
        "us",
        "weekday",
        "days",
        "days_cap",
        "holiday",
        "month_year",
        "month",
        "year",
        "year_words",
    }
)
# spaCy entity labels under which a bare four-digit number is a count or an amount, not a year.
_NOT_YEAR = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


# An approximator on a duration bounds the length; on "N units ago" it bounds the date the other way.
_AGO_MODS = {
    "more_than": "before",
    "equal_or_more": "on_or_before",
    "less_than": "after",
    "equal_or_less": "on_or_after",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One time expression: ``core`` is its TimeML extent, ``span`` adds the preposition that governs it."""

    core: Span
    span: Span
    value: DateValue
    rule: str


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


@functools.cache
def _extensions() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    return {
        "modifier": re.compile(
            r"(?<![\w-])(?:[Tt]he\s+)?(?:(?P<mod>" + alt(lex.words("modifiers")) + r")\s+|(?P<mid>[Mm]id-))$"
        ),
        "approx": re.compile(r"(?<![\w-])(?P<ap>" + alt(lex.words("approximators")) + r")\s+$"),
        "part_of": re.compile(r"(?<![\w-])(?:[Tt]he\s+)?" + alt(lex.words("parts_of_day")) + r"\s+of\s+$"),
        "prep": re.compile(r"(?<!\w)(?P<prep>" + alt(lex.words("prepositions")) + r")\s+$"),
        "looking_ahead": re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|ahead\s+of)\s+$", re.I),
        "week_of": re.compile(r"(?:[Tt]he\s+)?week\s+of\s+$"),
        "time_date": re.compile(r",?\s+(?:on\s+|of\s+)?"),
        "range_join": re.compile(r"\s*(?:" + alt(lex.words("range_joins")) + r")\s*"),
    }


def find_mentions(
    text: str,
    anchor: date | datetime | str | None,
    parsed: Any = None,
    entities: Sequence[Span] = (),
    tense: str | None = None,
) -> list[Mention]:
    """Every time expression of ``text`` with its value, in text order.

    Args:
        text: the text to search (a whole article or one expression).
        anchor: the publication date that relative expressions count from; None leaves them null.
        parsed: the spaCy Doc of ``text``, when there is one: it gives each expression its verb's tense.
        entities: spaCy entity spans of ``text``; a four-digit number inside a CARDINAL or MONEY entity
            is not taken for a year.
        tense: the tense to assume where ``parsed`` is absent (past|present|future).

    Notes:
        The longest match of any rule wins where matches overlap (Sept. 30, 1998 over 1998). Unknown
        tense resolves a bare "Friday" or "September 23" to the nearest such day (HeidelTime's news
        strategy); past tense to the latest not after the anchor; future tense to the next one.
    """
    day, moment = cal.to_anchor(anchor)
    hits = _select(_candidates(text, entities))
    hits = sorted(hits + _entity_hits(text, entities, hits), key=lambda h: h.start)
    ext = _extensions()
    mentions: list[Mention] = []
    reference: date | None = None
    reference_unit = "day"
    for hit in hits:
        t = _tense(parsed, hit.start, hit.end) if parsed is not None else tense
        if t is None and ext["looking_ahead"].search(text[max(0, hit.start - 20) : hit.start]):
            t = "future"
        ctx = Context(day, t, reference, reference_unit, moment)
        try:
            value = hit.rule.resolve(hit.match, ctx)
        except (ValueError, OverflowError, KeyError):  # impossible dates stay recognised but unvalued
            value = DateValue(None)
        if hit.rule.name in _REFERENCE_RULES and value.value and value.precision in ("day", "month", "year"):
            reference_unit = value.precision
            reference = date.fromisoformat((value.value + "-01-01")[:10])
        start, mod = hit.start, value.mod
        before = text[max(0, start - 30) : start]
        if value.kind in ("date", "time"):
            mm = ext["modifier"].search(before)
            if mm:
                start -= len(mm.group(0))
                word = mm["mod"] or "mid-"
                mod = lookup(lexicon().table("modifiers"), word.rstrip("-")) if mm["mod"] else "mid"
            elif value.precision == "day" and (po := ext["part_of"].search(before)):
                start -= len(po.group(0))
            elif value.precision == "day" and value.value and (wk := ext["week_of"].search(before)):
                start -= len(wk.group(0))
                value = replace(
                    value, value=cal.fmt_week(date.fromisoformat(value.value[:10])), precision="unknown"
                )
        if value.kind == "duration" or hit.rule.name == "ago":
            ap = ext["approx"].search(text[max(0, start - 20) : start])
            if ap and not text[start:].lower().startswith("the"):
                start -= len(ap.group(0))
                mod = lookup(lexicon().table("approximators"), ap["ap"]) or mod
                if value.kind == "date":  # "more than five years ago" lies before that year, not after it
                    mod = _AGO_MODS.get(mod or "", mod)
        value = replace(value, mod=mod)
        core = Span(start, hit.end, value.kind)
        while mentions and mentions[-1].core.end > start:
            mentions.pop()  # the extension took in an earlier mention: "the early hours" + "of Saturday"
        mentions.append(Mention(core, core, value, hit.rule.name))
    mentions = _join_time_and_date(text, mentions)
    return [_with_preposition(text, m) for m in mentions]


def _candidates(text: str, entities: Sequence[Span]) -> list[_Hit]:
    hits = []
    for order, rule in enumerate(rules()):
        for m in rule.pattern.finditer(text):
            if rule.check is not None and not rule.check(text, m):
                continue
            if rule.name == "year" and any(
                e.label in _NOT_YEAR and e.start <= m.start("year") and m.end() <= e.end for e in entities
            ):
                continue
            hits.append(_Hit(m.start(), m.end(), order, rule, m))
    return hits


def _entity_hits(text: str, entities: Sequence[Span], hits: list[_Hit]) -> list[_Hit]:
    """spaCy DATE/TIME entities the grammar has not covered, as hits of the catch-all entity rule."""
    rule = entity_rule()
    out = []
    for span in entity_spans(text, entities, [(h.start, h.end) for h in hits]):
        m = rule.pattern.match(text, span.start, span.end)
        if m is not None:
            out.append(_Hit(span.start, span.end, len(rules()), rule, m))
    return out


def _select(hits: list[_Hit]) -> list[_Hit]:
    """The longest non-overlapping matches; on equal length the earlier rule in the grammar wins."""
    taken: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.order)):
        if all(h.end <= t.start or h.start >= t.end for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


def _join_time_and_date(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6": one expression, the time on that day."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.value.kind == "time"
            and nxt.value.precision == "day"
            and nxt.value.value
            and _extensions()["time_date"].fullmatch(text[m.core.end : nxt.core.start])
        ):
            clock = m.value.value.split("T")[1] if m.value.value else None
            value = DateValue(
                f"{nxt.value.value[:10]}T{clock}" if clock else None, None, "time", "time", m.value.mod
            )
            core = Span(m.core.start, nxt.core.end, "time")
            out.append(Mention(core, core, value, m.rule))
            i += 2
            continue
        out.append(m)
        i += 1
    return out


def _with_preposition(text: str, m: Mention) -> Mention:
    pm = _extensions()["prep"].search(text[max(0, m.core.start - 20) : m.core.start])
    if not pm or re.match(r"['’]s\b", text[m.core.end : m.core.end + 3]):
        return m  # in "at this year's event" the preposition governs the event, not the year
    span = Span(m.core.start - len(pm.group(0)), m.core.end, m.core.label)
    mod = m.value.mod
    if mod is None and m.value.kind in ("date", "time"):
        mod = lookup(lexicon().table("prepositions"), pm["prep"])
    return Mention(m.core, span, replace(m.value, mod=mod), m.rule)


def group_ranges(text: str, mentions: list[Mention]) -> list[DateRef]:
    """The report's dates: one per mention; "from X to Y", "between X and Y", "2011-2014" are one range."""
    starts = tuple(lexicon().words("range_starts"))
    refs: list[DateRef] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        lead = text[m.span.start : m.core.start].strip().lower()
        if (
            nxt is not None
            and m.value.kind == nxt.value.kind == "date"
            and (
                (lead in starts and _extensions()["range_join"].fullmatch(text[m.core.end : nxt.core.start]))
                or (
                    m.rule == nxt.rule == "year"
                    and re.fullmatch(r"\s*[-–]\s*", text[m.core.end : nxt.core.start])
                )
            )
        ):
            v = m.value
            span = Span(m.span.start, nxt.core.end)
            refs.append(DateRef(span, v.value, nxt.value.value, v.precision, v.kind, None))
            i += 2
            continue
        v = m.value
        refs.append(DateRef(m.span, v.value, v.end_value, v.precision, v.kind, v.mod))
        i += 1
    return refs


def _tense(parsed: Any, start: int, end: int) -> str | None:
    """The tense of the verb the expression modifies: past, present, future, or None when it has none.

    Notes:
        Only a verb the expression is an adverbial of counts: from the expression's head, climb through
        prepositions ("on" in "met on Friday") to the verb. An expression that modifies a noun or an
        adjective ("a dividend payable Dec. 15", "the Jan. 14 deadline") takes no tense from the clause.
        Modals and infinitives ("is expected to join in April") look ahead, so they count as future.
    """
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            tok = head
            break
        if head.pos_ != "ADP" and tok.dep_ not in ("conj", "appos"):
            return None
        tok = head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {
        "will",
        "'ll",
        "shall",
        "wo",
        "would",
        "could",
        "might",
        "may",
        "should",
        "must",
        "can",
        "to",
    }:
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or (tok.tag_ == "VBD" and not auxes):
        return "past"
    if tok.tag_ == "VBN":
        return "present" if words & {"is", "are", "am", "be", "being"} else "past"
    if tok.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "future"  # "is meeting Friday": the progressive of plans
    return "present" if tok.tag_ in ("VBZ", "VBP", "VB") else None
