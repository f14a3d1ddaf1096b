"""The rule grammar of English time expressions: one regex per form, each paired with its resolver.

Extents follow TimeML (TIMEX3): determiners and modifiers that are part of the expression ("the past
two months", "early next year") are inside, the governing preposition is not (the finder adds it to
the report's span). The patterns are built once from the word lists in ``data/dates.json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from sitroom.stages.dates import periods as p
from sitroom.stages.dates import resolve as r
from sitroom.stages.dates.lexicon import alt, lexicon

Check = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: r.Resolver
    check: Check | None = None  # context test: may the match at this place in the text be a time expression?


# Word boundaries: a match neither starts inside a word nor ends before more word ("20-year-old" is an age,
# not a duration). Numbers also may not follow a currency sign or sit inside a longer figure.
_B = r"(?<![\w])"
_BN = r"(?<![\w$£€#.,/])"
_E = r"(?![\w]|-[A-Za-z])"


@functools.cache
def pieces() -> dict[str, str]:
    """Regex pieces (months, weekdays, numbers, units ...) substituted for ``{NAME}`` in the rules."""
    lex = lexicon()
    units = [u for u in lex.words("units") if u != "centurie"]
    plural = [u + "s" for u in units if u != "century"] + ["centuries"]
    numbers = lex.words("numbers")
    vague = alt(lex.words("vague_numbers"))
    tens = alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    ones = alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    return {
        "MON": alt(lex.words("months"), capital=True),
        "WD": alt(lex.words("weekdays"), capital=True),
        # Full dates also take dotless abbreviations ("Fri Jul 1 2016", "2 Jun 2016"); alone they are words.
        "MONX": alt([*lex.words("months"), *lex.words("month_abbreviations")], capital=True),
        "WDX": alt([*lex.words("weekdays"), *lex.words("weekday_abbreviations")], capital=True) + r"\.?",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[6-9]|20)\d\d(?![\d])",
        "NUM": rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{tens}[\s-]{ones}|{alt(numbers)}|{vague})",
        "UNIT": alt(units + plural),
        "SEASON": alt(lex.words("seasons")),
        "SEASONLC": "(?:" + "|".join(lex.words("seasons")) + ")",
        "PART": alt(lex.words("parts_of_day")),
        "ORD": alt([w for w in lex.words("ordinals") if w != "last"]),
        "CENT": alt(lex.words("century_ordinals")),
        "REL": alt(["last", "next", "this", "past", "coming", "previous", "following", "current"]),
        "TZ": alt(lex.words("time_zones")),
        "REF": alt([w for w in lex.words("refs") if w not in lex.words("refs_not_alone")]),
        "SETW": alt([w for w in lex.words("set_words") if w not in lex.words("set_words_not_alone")]),
        "PLURAL": alt(
            [u + "s" for u in ("minute", "hour", "day", "week", "month", "year", "decade")] + ["centuries"]
        ),
        "YEARW": rf"(?:nineteen|twenty)[\s-]+(?:{tens}[\s-]+{ones}|{tens}|ten|eleven|twelve|thirteen|"
        rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred(?:\s+and\s+{ones})?)"
        rf"|two\s+thousand(?:\s+and)?(?:\s+{ones})?",
        "DECW": alt(lex.words("decade_words")),
        "HOL": "(?:"
        + "|".join(
            sorted(
                (r"\s+".join(p.title().replace("'S", "'s").replace("'", "['’]") for p in h.split()))
                for h in lex.words("holidays")
            )[::-1]
        )
        + ")",
    }


def _compile(template: str, prefix: str = _B) -> re.Pattern[str]:
    out = template
    for name, piece in pieces().items():
        out = out.replace("{" + name + "}", piece)
    return re.compile(prefix + "(?:" + out + ")" + _E)


_AMBIGUOUS_CONTEXT = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]hrough|[Oo]f|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]o|"
    r"[Aa]nd|[Bb]etween|[Ee]arly|[Ll]ate|[Ee]nd|[Ll]ast|[Nn]ext|[Tt]his|[Tt]hat|[Ee]ach|[Ee]very|[Oo]n)|mid-)\s*$"
)


def _month_ok(text: str, m: re.Match[str]) -> bool:
    """Bare "May" and "March" are months only after a word that introduces a date ("in May").

    A month name after a capitalised word inside a sentence is a name ("Black September").
    """
    if m["rel"]:
        return True
    if _in_name(text, m.start()):
        return False
    word = m["mon"].lower().rstrip(".")
    if word not in lexicon().words("months_needing_context"):
        return True
    return bool(_AMBIGUOUS_CONTEXT.search(text[max(0, m.start() - 20) : m.start()]))


def _in_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a capitalised word that does not begin the sentence."""
    m = re.search(
        r"(?P<lead>^|[.!?:;\"“”(\n]\s*|\s)(?P<word>[A-Z][a-z]+)\s+$", text[max(0, start - 30) : start]
    )
    if m is None or not m["lead"].isspace() or m["lead"] == "\n":
        return False
    word = m["word"].lower()
    return word not in lexicon().words("prepositions") and not _AMBIGUOUS_CONTEXT.search(word + " ")


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    """ "The Sunday Times", "the Friday Prayer": after "the", before a capitalised word, a day is a name."""
    before = text[max(0, m.start() - 5) : m.start()]
    return not (re.search(r"\b[Tt]he\s+$", before) and re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]))


def _year_ok(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 12]
    return not re.match(r"\s*(?:%|percent|per\s*cent|[-–]\s*\d(?!\d\d\d)|:\d)", after)


def _ago_ok(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 8]
    direction = m["dir"].lower()
    if direction in ("before", "after"):
        return bool(re.match(r"\s*(?:[,.;:!?)\"”]|$)", after))
    if direction in ("earlier", "later"):
        return not re.match(r"\s+than", after)
    return True


def _duration_ok(text: str, m: re.Match[str]) -> bool:
    num, unit = m["num"].lower(), m["unit"].lower()
    if num in ("a", "an", "one") and unit.startswith(("second", "quarter")):
        return False  # "a second attack", "a quarter of the population"
    if unit.startswith(("quarter", "half")) and re.match(r"\s+of\b", text[m.end() : m.end() + 5]):
        return False
    if unit.startswith("night") and num in ("a", "an", "one"):
        return False
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
        return False  # "the 1988 quarter" names a quarter of 1988
    if re.match(r"\s+(?:old\b|of\s+age\b)", text[m.end() : m.end() + 8]):
        return False  # "52 years old" is an age, which TimeML does not annotate
    # "times a day" is a frequency, handled by the set rule; "a day" after a price is a rate.
    return not re.search(r"(?:\btimes|\bonce|\btwice|\d)\s*$", text[max(0, m.start() - 8) : m.start()])


def _durative(text: str, m: re.Match[str]) -> bool:
    """A bare "years" or "weeks" is a duration after a word that takes one ("for years", "took weeks")."""
    before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 15) : m.start()])
    return before is not None and before.group(1).lower() in lexicon().words("durative_words")


def _season_ok(text: str, m: re.Match[str]) -> bool:
    return not re.match(r"\s+of\b(?!\s+(?:1[6-9]|20)\d\d)", text[m.end() : m.end() + 12])


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every rule; when several match, the finder keeps the longest (so "Sept. 30, 1998" beats "1998")."""
    spec: list[tuple[str, str, r.Resolver, Check | None, str]] = [
        (
            "mdy",
            r"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?:(?P<wd>{WDX}),?\s+)?(?P<mon>{MONX})\s*(?P<day>{DAY})"
            r"(?:\s*[-–]\s*(?P<day2>{DAY}))?(?:,?\s+(?P<year>{YEAR}))?",
            r.mdy,
            None,
            _B,
        ),
        (
            "dmy",
            r"(?:(?P<wd>{WDX}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONX})(?:,?\s+(?P<year>{YEAR}))?",
            r.mdy,
            None,
            _BN,
        ),
        ("month_year", r"(?P<mon>{MONX})(?:\s+of|,)?\s+(?P<year>{YEAR})", r.month_year, None, _B),
        (
            "iso",
            r"(?P<year>{YEAR})-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])",
            r.numeric,
            None,
            _BN,
        ),
        (
            "us",
            r"(?P<mon>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)\d\d)",
            r.numeric,
            None,
            _BN,
        ),
        (
            "month",
            r"(?:(?P<rel>{REL})\s+)?(?P<mon>{MON})(?:(?:\s+of)?\s+(?:the\s+)?(?P<yrel>this|last|next)\s+year)?",
            r.month,
            _month_ok,
            _B,
        ),
        (
            "year",
            r"(?:(?:[Ff]iscal(?:\s+year)?|FY|[Tt]he\s+year)\s*)?(?P<year>{YEAR})",
            r.year,
            _year_ok,
            _BN,
        ),
        ("year_range", r"(?P<year>{YEAR})\s*[-–]\s*(?P<y2>\d\d(?!\d))", r.year_range, None, _BN),
        ("year2", r"[Ff]iscal\s+['’](?P<year>\d\d)", r.year, None, _B),
        ("year_words", r"(?:(?P<mon>{MON})\s+)?(?P<yw>{YEARW})", r.year_words, None, _B),
        ("decade", r"(?:[Tt]he\s+)?(?P<dec>(?:1[6-9]|20)\d)0['’]?s", r.decade, None, _BN),
        ("decade2", r"(?:[Tt]he\s+)?['’](?P<dd>\d)0s", r.decade, None, _B),
        ("decade3", r"[Tt]he\s+(?P<dw>{DECW})", r.decade, None, _B),
        ("century", r"(?:[Tt]he\s+)?(?P<cent>{CENT})[\s-]+[Cc]entury", r.century, None, _B),
        (
            "weekday",
            r"(?:(?P<rel>{REL})\s+)?(?P<wd>{WD})(?:\s+(?P<part>{PART}))?",
            r.weekday,
            _weekday_ok,
            _B,
        ),
        ("days", r"(?P<dr>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{PART}))?", r.days, None, _B),
        ("days_cap", r"(?P<dr>Today|Tonight|Yesterday|Tomorrow)(?:\s+(?P<part>{PART}))?", r.days, None, _B),
        ("this_part", r"(?P<dr>[Tt]his|[Ll]ast)\s+(?:morning|afternoon|evening|night)", r.days, None, _B),
        ("ref", r"{REF}", r.ref, None, _B),
        (
            "relative",
            r"(?:[Tt]he\s+)?(?P<rel>{REL})\s+(?P<unit>week|weekend|month|year|quarter|half|decade|century|fiscal\s+year|{SEASON})",
            r.relative,
            None,
            _B,
        ),
        (
            "ago",
            r"(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence)",
            r.ago,
            _ago_ok,
            _BN,
        ),
        (
            "duration",
            r"(?:[Tt]he\s+)?(?:(?:past|last|next|first|coming|previous|following|final|latest|initial|remaining)\s+)?"
            r"(?P<num>{NUM})(?:\s+(?:to|or)\s+(?P<num2>{NUM}))?(?P<half>\s+and\s+a\s+half)?"
            r"(?:\s+(?:more|additional|further|extra|consecutive|straight|full|long))?[\s-]+(?P<unit>{UNIT})"
            r"(?:-long)?(?P<orso>\s+or\s+so)?",
            r.duration,
            _duration_ok,
            _BN,
        ),
        (
            "every",
            r"(?:[Ee]very|[Ee]ach|[Pp]er)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?"
            r"(?P<unit>{UNIT}|{WD}|{MON}|{SEASON}|{PART})",
            r.every,
            None,
            _B,
        ),
        (
            "vague_span",
            r"(?:[Tt]he\s+)?(?:recent|coming|upcoming|past|next|last|previous)\s+(?P<unit>{PLURAL})",
            r.vague_duration,
            None,
            _B,
        ),
        ("plural", r"(?P<unit>{PLURAL})(?:\s+or\s+{PLURAL})?", r.vague_duration, _durative, _B),
        (
            "times",
            r"(?:once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|every|each)\s+(?P<unit>{UNIT})",
            r.every,
            None,
            _B,
        ),
        ("set_word", r"{SETW}", r.set_word, None, _B),
        (
            "quarter",
            r"(?:[Tt]he\s+(?!\w+-))?(?P<ord>{ORD})[\s-]+(?:fiscal[\s-]+)?(?P<q>quarter|half)s?"
            r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year>{YEAR})|(?:the\s+)?(?P<yrel>this|last|next|previous|current)\s+year))?",
            p.quarter,
            None,
            _B,
        ),
        (
            "the_quarter",
            r"[Tt]he\s+(?:(?P<lat>latest|current|year-earlier|year-ago|previous|prior|recent|most\s+recent|same)\s+)?"
            r"(?:fiscal\s+)?quarter",
            p.the_quarter,
            lambda text, m: not re.match(r"\s+of\b|\s*century", text[m.end() : m.end() + 10]),
            _B,
        ),
        (
            "year_quarter",
            r"(?:[Tt]he\s+(?P<year>{YEAR})|(?P<yrel>[Tt]his|[Ll]ast|[Nn]ext)\s+year['’]s|(?:[Tt]he\s+)?"
            r"(?:comparable\s+)?(?P<ago>year[\s-](?:ago|earlier)))\s+(?:(?P<ord>{ORD})[\s-]+)?(?:fiscal\s+)?"
            r"(?P<q>quarter|half|period)",
            p.year_quarter,
            None,
            _B,
        ),
        ("q_number", r"Q(?P<qn>[1-4])(?:\s+(?P<year>{YEAR}))?", p.q_number, None, _B),
        ("holiday", r"(?P<hol>{HOL})(?:\s+(?P<year>{YEAR}))?", p.holiday, None, _B),
        (
            "season_year",
            r"(?:[Tt]he\s+)?(?P<season>{SEASON})(?:\s+of)?\s+(?P<year>{YEAR})",
            p.season,
            None,
            _B,
        ),
        ("season", r"[Tt]he\s+(?P<season>{SEASONLC})", p.season, _season_ok, _B),
        (
            "anaphoric",
            r"(?:[Tt]he\s+)(?P<rel>same|next|following|previous|preceding|prior)\s+"
            r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)",
            r.anaphoric,
            None,
            _B,
        ),
        (
            "that",
            r"(?:[Tt]hat)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)",
            r.anaphoric,
            None,
            _B,
        ),
        ("weekend", r"[Tt]he\s+weekend", r.weekend, None, _B),
        (
            "this_unit",
            r"(?P<pre>(?:[Tt]he\s+(?:end|beginning|start|middle|rest|remainder|close)\s+of\s+)|(?:[Ee]arlier|[Ll]ater)\s+)"
            r"(?:the|this)\s+(?P<unit>year|month|week|decade|century)",
            r.this_unit,
            None,
            _B,
        ),
        ("year_earlier", r"year-(?:earlier|ago)", r.year_earlier, None, _B),
        (
            "clock",
            r"(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<ap>[AaPp]\.?\s?[Mm]\b\.?))?"
            r"|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[AaPp]\.\s?[Mm]\.?|[AaPp][Mm]\b))(?:\s+(?P<tz>{TZ}))?",
            r.clock,
            None,
            _BN,
        ),
        ("clock_word", r"(?P<cw>noon|midnight|midday)", r.clock, None, _B),
    ]
    return tuple(Rule(name, _compile(pat, prefix), fn, check) for name, pat, fn, check, prefix in spec)
