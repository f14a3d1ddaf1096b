"""Counted quantities in a text: "at least 70 killed", "up to 32,000 fighters", "hundreds of ISIS fighters".

A pure function of the text, so that it can be tested without a model: the events stage hands it a
sentence and keeps the quantities that the parse attaches to an event.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from sitroom.document import Quantity, Span

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:[-'][A-Za-z]+)*|%")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DOZEN = {"dozen": 12, "score": 20}

# Vague plurals: the smallest and largest count each can mean ("hundreds" is 200 to 999). The bounds
# follow the plain reading (two or more of the unit, fewer than ten of the next) as UCDP and ACLED
# coders do when they turn "hundreds killed" into a low and a high estimate.
_VAGUE: dict[tuple[str, ...], tuple[float, float]] = {
    ("tens", "of", "thousands"): (20_000, 99_999),
    ("hundreds", "of", "thousands"): (200_000, 999_999),
    ("dozens",): (24, 99),
    ("scores",): (40, 99),
    ("hundreds",): (200, 999),
    ("thousands",): (2_000, 9_999),
    ("millions",): (2_000_000, 9_999_999),
}

# A vague multiplier of a scale word: "several hundred" is 300 to 999, "a few thousand" 2,000 to 5,999.
_SOME: dict[tuple[str, ...], tuple[int, int]] = {
    ("several",): (3, 9),
    ("a", "few"): (2, 5),
    ("a", "couple", "of"): (2, 2),
}

# Words before a number that bound it: "at least 70" is 70 or more, "up to 32,000" at most 32,000.
_AT_LEAST = (("at", "least"), ("more", "than"), ("no", "fewer", "than"), ("no", "less", "than"),
             ("over",), ("upwards", "of"))  # fmt: skip
_AT_MOST = (("up", "to"), ("as", "many", "as"), ("at", "most"), ("no", "more", "than"), ("fewer", "than"),
            ("less", "than"), ("under",), ("nearly",), ("almost",))  # fmt: skip
_ABOUT = (("about",), ("around",), ("approximately",), ("roughly",), ("some",), ("an", "estimated"),
          ("estimated",), ("close", "to"))  # fmt: skip

# Words that end the search for the counted noun: function words, and measures that are not a count
# of people or things ("20 km", "50 percent", "three years").
_STOP = frozenset(
    "and or but in on at from to into of for with by near were was is are have has had be been who which "
    "that this these those a an the as than percent per cent % km kilometres kilometers miles metres meters "
    "years months weeks days hours minutes times dollars euros pounds tons tonnes".split()
)
# A number right after a month name is a day of the month ("October 15 the fighters must leave").
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\"“”]|,")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str  # lower-cased
    start: int
    end: int


@functools.cache
def _unit_words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"noun": {}, "before": {}, "after": {}}
    path = resources.files("sitroom.data").joinpath("events/quantity_units.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, where, unit = line.split("\t")
        table[where][word] = unit
    return table


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every counted quantity in ``text`` whose unit can be told.

    Args:
        text: a sentence or a whole article.
        offset: added to every span, so that spans point into the document when ``text`` is a slice.

    Returns:
        Quantities in text order. ``value`` is the number read (None for vague plurals like
        "hundreds"); ``low``/``high`` bound it when the text does ("at least", "up to", ranges,
        exact counts); ``unit`` is what is counted: an outcome (killed, injured, arrested, abducted,
        displaced) when a verb or noun around the number says so, else the counted noun's class
        (fighters, troops, civilians, people, members ...). A number with no unit (a year, a day of the
        month, a distance) is not a quantity and is left out.

    Notes:
        Outcome cues win over the counted noun ("killing 20 people" counts the killed), as in the
        ACLED and UCDP fatality codings, which record the outcome, not the population.
    """
    toks = [_Tok(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        read = _read_number(toks, i, text)
        if read is not None and i > 0 and toks[i - 1].text in _MONTHS and toks[i].text[0].isdigit():
            read = None
        if read is None:
            i += 1
            continue
        value, low, high, j = read
        if (
            j < len(toks)
            and toks[j].text in _MONTHS
            and text[toks[j].start].isupper()
            and (value or 99) <= 31
        ):
            i = j  # "since 21 May": a day of the month
            continue
        start_i = i - 1 if value is None and i > 0 and toks[i - 1].text == "between" else i
        bound = _bound_before(toks, i, text)
        if bound is not None and value is not None:
            kind, n = bound
            start_i = i - n
            if kind == "least":
                low, high = value, None
            elif kind == "most":
                low, high = None, value
            else:
                low = high = None
        unit, noun_end, outcome_end = _unit(toks, start_i, j, text)
        if _year(toks[i].text, value, noun_end, j):
            unit = None  # "Fri Jul 1 2016 40 Terrorists Killed", "in 2016, 300 people were killed"
        if unit is not None:
            end_i = max(j - 1, noun_end)
            out.append(
                Quantity(value, low, high, unit, Span(toks[start_i].start + offset, toks[end_i].end + offset))
            )
            i = max(j, noun_end + 1, outcome_end)
        else:
            i = j
    return _share_outcomes(out, text, offset)


def _share_outcomes(found: list[Quantity], text: str, offset: int) -> list[Quantity]:
    """ "Three soldiers and two civilians were killed", "killing 12 soldiers and 3 civilians": two counts
    joined by "and" share the outcome that only one of them stands next to."""
    outcomes = {u for where in ("before", "after") for u in _unit_words()[where].values()}
    out = list(found)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if text[a.span.end - offset : b.span.start - offset].strip().lower() != "and":
            continue
        if a.unit in outcomes and b.unit not in outcomes:
            out[k + 1] = Quantity(b.value, b.low, b.high, a.unit, b.span)
        elif b.unit in outcomes and a.unit not in outcomes:
            out[k] = Quantity(a.value, a.low, a.high, b.unit, a.span)
    return out


def _year(word: str, value: float | None, noun_end: int, j: int) -> bool:
    """A bare four-digit number from 1900 to 2099 that counts no noun of its own is a year."""
    return value is not None and len(word) == 4 and word.isdigit() and 1900 <= value <= 2099 and noun_end < j


def _read_number(
    toks: list[_Tok], i: int, text: str
) -> tuple[float | None, float | None, float | None, int] | None:
    """(value, low, high, next index) of a number starting at token i, with a range after it."""
    for words, (lo, hi) in _VAGUE.items():
        if tuple(t.text for t in toks[i : i + len(words)]) == words:
            return None, float(lo), float(hi), i + len(words)
    for words, (lo, hi) in _SOME.items():
        k = i + len(words)
        if tuple(t.text for t in toks[i:k]) == words and k < len(toks):
            scale = _SCALES.get(toks[k].text) or _DOZEN.get(toks[k].text)
            if scale is not None:
                if lo == hi:  # "a couple of hundred": about 200
                    return float(lo * scale), None, None, k + 1
                return None, float(lo * scale), float((hi + 1) * scale - 1), k + 1
    first = _read_exact(toks, i)
    if first is None:
        return None
    value, j = first
    # Ranges: "10 to 20", "10-20", "between 10 and 20".
    if j < len(toks):
        gap = text[toks[j - 1].end : toks[j].start].strip()
        between = i > 0 and toks[i - 1].text == "between"
        joiner = toks[j].text if toks[j].text in ("to", "and", "or") else None
        if gap in ("-", "–") or (joiner == "to") or (joiner == "and" and between) or joiner == "or":
            k = j + 1 if joiner else j
            second = _read_exact(toks, k)
            if second is not None and second[0] > value:
                return None, value, second[0], second[1]
    return value, value, value, j


def _read_exact(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    if i >= len(toks):
        return None
    t = toks[i].text
    frac = _fraction(toks, i)
    if frac is not None:
        return frac
    if t[0].isdigit():
        try:
            value = float(t.replace(",", ""))
        except ValueError:
            return None
        j = i + 1
        while j < len(toks) and toks[j].text in _SCALES:
            value *= _SCALES[toks[j].text]
            j += 1
        return value, j
    if t == "a" and i + 1 < len(toks) and (toks[i + 1].text in _SCALES or toks[i + 1].text in _DOZEN):
        w = toks[i + 1].text
        return float(_SCALES.get(w) or _DOZEN[w]), i + 2
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(toks):
        w = toks[j].text
        parts = w.split("-")
        if all(p in _UNITS for p in parts):
            current += sum(_UNITS[p] for p in parts)
        elif w in _DOZEN and seen:
            current *= _DOZEN[w]
        elif w == "hundred" and seen:
            current *= 100
        elif w in _SCALES and seen:
            total += current * _SCALES[w]
            current = 0.0
        elif w == "and" and seen and j + 1 < len(toks) and toks[j + 1].text.split("-")[0] in _UNITS:
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


# "a quarter of a million", "half a million", "a third of a million": a fraction of a scale word.
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}


def _fraction(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    words = [t.text for t in toks[i : i + 6]]
    k = 1 if words[:1] == ["a"] else 0
    if k >= len(words) or words[k] not in _FRACTIONS:
        return None
    part = _FRACTIONS[words[k]]
    rest = words[k + 1 :]
    for skip in (["of", "a"], ["a"], []):  # "a quarter of a million", "half a million", "a quarter million"
        if rest[: len(skip)] == skip and len(rest) > len(skip) and rest[len(skip)] in _SCALES:
            return float(round(part * _SCALES[rest[len(skip)]])), i + k + 1 + len(skip) + 1
    return None


def _bound_before(toks: list[_Tok], i: int, text: str) -> tuple[str, int] | None:
    for kind, phrases in (("least", _AT_LEAST), ("most", _AT_MOST), ("about", _ABOUT)):
        for words in phrases:
            n = len(words)
            if i - n >= 0 and tuple(t.text for t in toks[i - n : i]) == words:
                return kind, n
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _broken(text: str, a: _Tok, b: _Tok) -> bool:
    return bool(_CLAUSE_BREAK.search(text[a.end : b.start]))


def _unit(toks: list[_Tok], start: int, j: int, text: str) -> tuple[str | None, int, int]:
    """(unit, index of the counted noun or j-1, index after an outcome cue) for the number at start..j."""
    words = _unit_words()
    noun_unit, noun_i = None, j - 1
    k = j
    if k < len(toks) and toks[k].text == "of" and not _broken(text, toks[k - 1], toks[k]):
        k += 1  # "hundreds of fighters", "400 of them"
    skipped = 0
    while k < len(toks) and skipped <= 3 and not _broken(text, toks[k - 1], toks[k]):
        w = toks[k].text
        if w in _STOP or w[0].isdigit() or all(p in _UNITS for p in w.split("-")) or w in _SCALES:
            break  # another number begins: "2016 Ninety-two civilians"
        unit = words["noun"].get(w) or words["noun"].get(_singular(w))
        if unit is not None:
            noun_unit, noun_i = unit, k
            break
        skipped += 1
        k += 1
    # An outcome after the counted noun: "six people were killed", "20 dead".
    after_unit, after_end = None, 0
    k = noun_i + 1
    for _ in range(3):
        if k >= len(toks) or _broken(text, toks[k - 1], toks[k]) or toks[k].text in ("and", "or", "but"):
            break
        if toks[k].text in words["after"]:
            after_unit, after_end = words["after"][toks[k].text], k + 1
            break
        k += 1
    # An outcome just before the number: "killing 20", "the death toll rose to 112".
    before_unit = None
    k = start - 1
    for _ in range(7):  # "the death toll from the blast reached 112"
        if k < 0 or _broken(text, toks[k], toks[k + 1]) or toks[k].text[0].isdigit():
            break
        if toks[k].text in words["before"]:
            before_unit = words["before"][toks[k].text]
            break
        if toks[k].text in ("and", "or", "but", "while", "as", "after", "before"):
            break
        k -= 1
    unit = before_unit or after_unit or noun_unit
    return unit, noun_i, after_end
