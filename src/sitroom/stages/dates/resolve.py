"""What a matched time expression means: one resolver per grammar rule, from regex groups to a DateValue.

Each resolver reads the named groups its rule captured and places the expression on the calendar with
:mod:`.calendar`, against ``Context.anchor`` (the publication date) or ``Context.reference`` (the last
day the story named, for "the next day"). No resolver raises on odd input: an impossible date is a
null value, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from sitroom.stages.dates import calendar as cal
from sitroom.stages.dates.calendar import Context, DateValue
from sitroom.stages.dates.lexicon import lexicon, lookup

Match = re.Match[str]
Resolver = Callable[[Match, Context], DateValue]


def group(m: Match, name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _month(text: str) -> int:
    table = lexicon().table("months")
    short = lexicon().table("month_abbreviations")
    return int(lookup(table, text) or lookup(table, text.rstrip(".")) or lookup(short, text.rstrip(".")) or 0)


def _weekday(text: str) -> int:
    lex = lexicon()
    word = text.rstrip(".")
    return int(lookup(lex.table("weekdays"), word) or lookup(lex.table("weekday_abbreviations"), word) or 0)


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def year_of(text: str, anchor: date | None) -> int:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:  # '98: the century that puts it closest to, and not far after, the anchor
        base = anchor.year if anchor else 1999
        year = (base // 100) * 100 + int(digits)
        return year - 100 if year > base + 10 else year
    return int(digits)


def number(text: str) -> float | None:
    """The value of a number written in digits or words ("three", "twenty-four", "48"); None when vague."""
    t = " ".join(text.lower().replace(",", "").split())
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    table = lexicon().table("numbers")
    if t in table:
        return float(table[t])
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]] + table[parts[1]])
    return None


def _unit(text: str) -> str:
    t = text.lower()
    units = lexicon().table("units")
    for form in (t, t[:-1], t[:-2]):
        if form in units:
            return str(units[form])
    return "D"


def dated(value: str | None, kind: str = "date", mod: str | None = None) -> DateValue:
    return DateValue(
        value, None, cal.precision_of(value) if kind in ("date", "time") else "unknown", kind, mod
    )


def mdy(m: Match, ctx: Context) -> DateValue:
    """ "September 23", "Sept. 30, 1998", "Friday, Oct. 2", "23 September 2018"."""
    month, day = _month(m["mon"]), _day(m["day"])
    rel = (group(m, "rel") or "").lower()
    if rel in ("last", "next"):
        ctx = replace(ctx, tense="past" if rel == "last" else "future")
    if m["year"]:
        year: int | None = year_of(m["year"], ctx.anchor)
    elif group(m, "wd") and ctx.anchor:
        wd = _weekday(m["wd"])
        years = [
            y
            for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1)
            if (d := cal.safe_date(y, month, day)) is not None and d.isoweekday() == wd
        ]
        year = years[0] if years else cal.pick_year(month, day, ctx)
    else:
        year = cal.pick_year(month, day, ctx)
    d = cal.safe_date(year, month, day) if year else None
    out = dated(cal.fmt_day(d) if d else None)
    if d is not None and group(m, "day2"):  # "Feb. 3-5": a range within the month
        d2 = cal.safe_date(d.year, month, _day(m["day2"]))
        if d2 is not None and d2 > d:
            return replace(out, end_value=cal.fmt_day(d2))
    return out


def month_year(m: Match, ctx: Context) -> DateValue:
    return dated(cal.fmt_month(year_of(m["year"], ctx.anchor), _month(m["mon"])))


def numeric(m: Match, ctx: Context) -> DateValue:
    d = cal.safe_date(year_of(m["year"], ctx.anchor), int(m["mon"]), int(m["day"]))
    return dated(cal.fmt_day(d) if d else None)


def month(m: Match, ctx: Context) -> DateValue:
    """ "April", "last April", "next May", "April of last year"."""
    mon = _month(m["mon"])
    rel, yrel, a = group(m, "rel"), group(m, "yrel"), ctx.anchor
    if a is None:
        return dated(None)
    if yrel:
        year = a.year + int(lexicon().table("relative_words").get(yrel.lower(), 0))
    elif rel:
        r = int(lexicon().table("relative_words").get(rel.lower(), 0))
        year = a.year if r == 0 else (a.year - (mon >= a.month) if r < 0 else a.year + (mon <= a.month))
    else:
        picked = cal.pick_year(mon, None, ctx)
        if picked is None:
            return dated(None)
        year = picked
    return dated(cal.fmt_month(year, mon))


def year(m: Match, ctx: Context) -> DateValue:
    return dated(f"{year_of(m['year'], ctx.anchor):04d}")


def year_range(m: Match, ctx: Context) -> DateValue:
    """ "1990-95": from one year to a later one (two full years are two mentions, joined as a range)."""
    y1 = year_of(m["year"], ctx.anchor)
    y2 = (y1 // 100) * 100 + int(m["y2"])
    if y2 <= y1:
        return dated(None)
    return DateValue(f"{y1:04d}", f"{y2:04d}", "year", "date")


def year_words(m: Match, ctx: Context) -> DateValue:
    """Years in words, as broadcast transcripts write them: "nineteen ninety-six", "two thousand and one"."""
    words = re.split(r"[\s-]+", m["yw"].lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        y = 2000 + int(number(" ".join(rest)) or 0) if rest else 2000
    else:
        y = 100 * int(number(words[0]) or 0)
        rest = [w for w in words[1:] if w not in ("hundred", "and")]
        y += int(sum(number(w) or 0 for w in rest))
    if group(m, "mon"):
        return dated(cal.fmt_month(y, _month(m["mon"])))
    return dated(f"{y:04d}")


def decade(m: Match, ctx: Context) -> DateValue:
    """ "the 1990s" -> 199; "the '90s" and "the nineties" -> the latest such decade not after the anchor."""
    if group(m, "dec"):
        return dated(m["dec"])
    digit = int(m["dd"]) if group(m, "dd") else int(lookup(lexicon().table("decade_words"), m["dw"]) or 0)
    base = ctx.anchor.year if ctx.anchor else 1999
    dec = (base // 100) * 10 + digit
    if dec * 10 > base:
        dec -= 10
    return dated(str(dec))


def century(m: Match, ctx: Context) -> DateValue:
    n = int(lookup(lexicon().table("century_ordinals"), m["cent"]) or 0)
    return dated(f"{n - 1:02d}" if n else None)


def weekday(m: Match, ctx: Context) -> DateValue:
    """ "Friday", "last Tuesday", "Friday night" (the day; the part of day is not kept)."""
    wd = int(lookup(lexicon().table("weekdays"), m["wd"]) or 0)
    rel = (group(m, "rel") or "").lower()
    r = None if not rel else int(lexicon().table("relative_words").get(rel, 0))
    if rel in ("previous", "following") and ctx.reference is not None and ctx.reference_unit == "day":
        ctx = replace(ctx, anchor=ctx.reference)  # "the previous Friday": the one before the story's day
    d = cal.pick_weekday(wd, ctx, r) if wd else None
    return dated(cal.fmt_day(d) if d else None)


def days(m: Match, ctx: Context) -> DateValue:
    """ "today", "yesterday morning", "last night", "this morning"."""
    word = m["dr"].lower()
    offset = -1 if word == "last" else 0 if word == "this" else lexicon().table("days_relative").get(word, 0)
    if ctx.anchor is None:
        return dated(None)
    return dated(cal.fmt_day(ctx.anchor + timedelta(days=int(offset))))


def ref(m: Match, ctx: Context) -> DateValue:
    """ "now", "recently", "the future": TimeML's PRESENT_REF / PAST_REF / FUTURE_REF."""
    return dated(lookup(lexicon().table("refs"), m.group(0)))


def relative(m: Match, ctx: Context) -> DateValue:
    """ "last week", "this year", "next month", "last fall"; "the following week" counts from the story."""
    rel = m["rel"].lower()
    r = int(lexicon().table("relative_words").get(rel, 0))
    a = ctx.ref if rel in ("following", "previous") else ctx.anchor
    if a is None:
        return dated(None)
    unit = " ".join(m["unit"].lower().split())
    season = lookup(lexicon().table("seasons"), unit)
    if season:
        return dated(f"{_season_year(str(season), r, a):04d}-{season}")
    if unit == "weekend":
        return dated(cal.fmt_week(a + timedelta(weeks=r)) + "-WE")
    if unit == "week":
        return dated(cal.fmt_week(a + timedelta(weeks=r)))
    if unit == "month":
        return dated(cal.fmt_month(*cal.add_months(a.year, a.month, r)))
    if unit == "quarter":
        y, q = divmod(a.year * 4 + (a.month - 1) // 3 + r, 4)
        return dated(cal.fmt_quarter(y, q + 1))
    if unit == "half":
        y, h = divmod(a.year * 2 + (a.month - 1) // 6 + r, 2)
        return dated(f"{y:04d}-H{h + 1}")
    if unit == "decade":
        return dated(str(a.year // 10 + r))
    if unit == "century":
        return dated(f"{a.year // 100 + r:02d}")
    return dated(f"{a.year + r:04d}")  # year, fiscal year


def _season_year(code: str, r: int, a: date) -> int:
    start = int(lexicon().table("season_months")[code])
    if r == 0:
        return a.year
    if r < 0:  # the latest such season that has begun before the current one
        return a.year if date(a.year, start, 1) < cal.shift(a, -2, "M") else a.year - 1
    return a.year if date(a.year, start, 1) > a else a.year + 1


def ago(m: Match, ctx: Context) -> DateValue:
    """ "two days ago", "a year earlier", "three months later": the anchor (or story date) shifted."""
    n = number(m["num"])
    direction = " ".join(m["dir"].lower().split())
    sign = int(lexicon().table("offset_words").get(direction, -1))
    if n is None:
        return dated("PAST_REF" if sign < 0 else "FUTURE_REF")
    base = ctx.anchor if direction in ("ago", "from now", "hence") else ctx.ref
    if base is None:
        return dated(None)
    unit = _unit(m["unit"])
    steps = round(n * sign)
    if unit in ("TH", "TM", "TS"):
        if ctx.anchor_time is None:
            return dated(None)
        seconds = {"TH": 3600, "TM": 60, "TS": 1}[unit] * n * sign
        return dated((ctx.anchor_time + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M"))
    d = cal.shift(base, steps, "W" if unit == "WE" else unit)
    if unit in ("W", "WE"):
        return dated(cal.fmt_week(d))
    if unit in ("M", "Q", "6M"):
        return dated(cal.fmt_month(d.year, d.month))
    if unit in ("Y", "10Y", "100Y"):
        return dated(f"{d.year:04d}")
    return dated(cal.fmt_day(d))


_DURATION_UNITS = {
    "D": (1, "D", "day"),
    "W": (1, "W", "unknown"),
    "2W": (2, "W", "unknown"),
    "WE": (1, "WE", "unknown"),
    "M": (1, "M", "month"),
    "Q": (3, "M", "month"),
    "6M": (6, "M", "month"),
    "Y": (1, "Y", "year"),
    "10Y": (10, "Y", "year"),
    "100Y": (100, "Y", "year"),
    "TH": (1, "TH", "time"),
    "TM": (1, "TM", "time"),
    "TS": (1, "TS", "time"),
}


def duration_value(n: float | None, unit: str) -> tuple[str, str]:
    """ISO 8601 duration for ``n`` units (None = vague, "X"), and the contract precision of that unit."""
    factor, code, precision = _DURATION_UNITS.get(unit, (1, "D", "day"))
    if n is None:
        amount = "X"
    else:
        total = n * factor
        amount = str(int(total)) if total == int(total) else f"{total:g}"
    if code.startswith("T"):
        return f"PT{amount}{code[1]}", precision
    return f"P{amount}{code}", precision


def duration(m: Match, ctx: Context) -> DateValue:
    """ "three years", "the past two months", "two-year", "48 hours", "several weeks", "12 to 18 months"."""
    n = None if group(m, "num2") else number(m["num"])
    if n is not None and group(m, "half"):
        n += 0.5
    value, precision = duration_value(n, _unit(m["unit"]))
    return DateValue(value, None, precision, "duration", "approx" if group(m, "orso") else None)


def vague_duration(m: Match, ctx: Context) -> DateValue:
    """ "recent years", "the coming weeks", "for months": a stretch of unstated length (TimeML PXY ...)."""
    value, precision = duration_value(None, _unit(m["unit"]))
    return DateValue(value, None, precision, "duration")


def every(m: Match, ctx: Context) -> DateValue:
    """ "every week", "each Thursday", "every two months", "twice a year": recurring (TimeML SET)."""
    unit = m["unit"]
    lex = lexicon()
    wd = lookup(lex.table("weekdays"), unit)
    if wd:
        return DateValue(f"XXXX-WXX-{wd}", kind="set")
    mon = lookup(lex.table("months"), unit)
    if mon:
        return DateValue(f"XXXX-{int(mon):02d}", kind="set")
    season = lookup(lex.table("seasons"), unit)
    if season:
        return DateValue(f"XXXX-{season}", kind="set")
    part = lookup(lex.table("parts_of_day"), unit)
    if part and unit.lower() not in lex.table("units"):
        return DateValue(f"XXXX-XX-XXT{part}", kind="set")
    n = number(m["num"]) if group(m, "num") else 1.0
    if group(m, "other"):
        n = 2.0
    return DateValue(duration_value(n, _unit(unit))[0], kind="set")


def set_word(m: Match, ctx: Context) -> DateValue:
    return DateValue(lookup(lexicon().table("set_words"), m.group(0)), kind="set")


def anaphoric(m: Match, ctx: Context) -> DateValue:
    """ "the next day", "that week", "the previous year": counted from the last day the story named."""
    base = ctx.ref
    unit = m["unit"].lower()
    if ctx.reference is not None and ctx.reference_unit != "day" and unit not in ("month", "year"):
        base = ctx.anchor  # "the next day" after "in March" has no day to count from
    if ctx.reference is not None and ctx.reference_unit == "year" and unit == "month":
        base = ctx.anchor
    if base is None:
        return dated(None)
    rel = (group(m, "rel") or "that").lower()
    r = 1 if rel in ("next", "following") else -1 if rel in ("previous", "preceding", "prior") else 0
    if unit == "week":
        return dated(cal.fmt_week(base + timedelta(weeks=r)))
    if unit == "month":
        return dated(cal.fmt_month(*cal.add_months(base.year, base.month, r)))
    if unit == "year":
        return dated(f"{base.year + r:04d}")
    return dated(cal.fmt_day(base + timedelta(days=r)))


def weekend(m: Match, ctx: Context) -> DateValue:
    """ "the weekend": the one just past in past tense, the coming one otherwise."""
    a = ctx.anchor
    if a is None:
        return dated(None)
    back = (a.isoweekday() - 6) % 7
    sat = a - timedelta(days=back) if ctx.tense == "past" else a + timedelta(days=(6 - a.isoweekday()) % 7)
    return dated(cal.fmt_week(sat) + "-WE")


def this_unit(m: Match, ctx: Context) -> DateValue:
    """ "the end of the year", "the rest of the month": the anchor's unit."""
    a = ctx.anchor
    if a is None:
        return dated(None)
    unit = m["unit"].lower()
    value = {
        "year": f"{a.year:04d}",
        "month": cal.fmt_month(a.year, a.month),
        "week": cal.fmt_week(a),
        "decade": str(a.year // 10),
        "century": f"{a.year // 100:02d}",
    }[unit]
    return dated(value, mod=lookup(lexicon().table("modifiers"), m["pre"].strip()))


def year_earlier(m: Match, ctx: Context) -> DateValue:
    return dated(None if ctx.anchor is None else f"{ctx.anchor.year - 1:04d}")


def clock(m: Match, ctx: Context) -> DateValue:
    """ "11:32 GMT", "10 p.m.", "noon": the time on the anchor's day (or on the day written next to it)."""
    words = lexicon().table("clock_words")
    word = group(m, "cw")
    if word:
        hh, mm = (int(x) for x in str(words[word.lower()]).split(":"))
    else:
        hh, mm = int(group(m, "h") or group(m, "h2") or 0), int(group(m, "mi") or 0)
        ap = (group(m, "ap") or group(m, "ap2") or "").lower()
        if ap.startswith("p") and hh < 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
    day = ctx.reference if ctx.reference is not None and ctx.reference_unit == "day" else ctx.anchor
    if day is None or hh > 24 or mm > 59:
        return DateValue(None, kind="time")
    return DateValue(f"{cal.fmt_day(day)}T{hh:02d}:{mm:02d}", None, "time", "time")
