"""Resolvers for named periods: financial quarters and halves, holidays and seasons.

Split from :mod:`.resolve` to keep each module small; the same rules apply: read the rule's groups,
place the period around ``Context.anchor``, and return a null value rather than raise.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter

from sitroom.stages.dates import calendar as cal
from sitroom.stages.dates.calendar import Context, DateValue
from sitroom.stages.dates.lexicon import lexicon, lookup
from sitroom.stages.dates.resolve import Match, dated, group, year_of


def quarter(m: Match, ctx: Context) -> DateValue:
    """ "the third quarter", "third-quarter", "the first half of 1998", "the fourth quarter of last year"."""
    n = int(lookup(lexicon().table("ordinals"), m["ord"]) or 0)
    half = m["q"].lower() == "half"
    if not n or (half and n > 2):
        return dated(None)
    a = ctx.anchor
    if group(m, "year"):
        y = year_of(m["year"], a)
    elif a is None:
        return dated(None)
    elif group(m, "yrel"):
        y = a.year + int(lexicon().table("relative_words").get(m["yrel"].lower(), 0))
    else:
        start = (n - 1) * (6 if half else 3) + 1
        if ctx.tense == "future":
            end_month = start + (5 if half else 2)
            y = a.year if (a.month <= end_month) else a.year + 1
        else:
            y = a.year if date(a.year, start, 1) <= a else a.year - 1
    return dated(f"{y:04d}-H{n}" if half else cal.fmt_quarter(y, n))


def the_quarter(m: Match, ctx: Context) -> DateValue:
    """ "the quarter", "the latest quarter", "the year-earlier quarter": financial news' quarters."""
    a = ctx.anchor
    if a is None:
        return dated(None)
    which = " ".join((group(m, "lat") or "").lower().split())
    current = a.year * 4 + (a.month - 1) // 3
    if which == "current" or (not which and ctx.tense == "future"):
        q = current
    elif which in ("year-earlier", "year-ago"):
        q = current - 5
    elif which in ("previous", "prior"):
        q = current - 2
    else:
        q = current - 1
    return dated(cal.fmt_quarter(q // 4, q % 4 + 1))


def year_quarter(m: Match, ctx: Context) -> DateValue:
    """ "the 1988 third quarter", "this year's first quarter", "the year-ago period" (a year back)."""
    a = ctx.anchor
    n = int(lookup(lexicon().table("ordinals"), m["ord"]) or 0) if m["ord"] else 0
    half = m["q"].lower() == "half"
    if m["year"]:
        y = year_of(m["year"], a)
    elif a is None:
        return dated(None)
    elif m["yrel"]:
        y = a.year + int(lexicon().table("relative_words").get(m["yrel"].lower(), 0))
    else:
        y = a.year - 1
    if half:
        return dated(f"{y:04d}-H{n}" if n in (1, 2) else None)
    if not n:
        if a is None:
            return dated(None)
        latest = a.year * 4 + (a.month - 1) // 3 - 1
        n = latest % 4 + 1
        if m["ago"]:
            y = latest // 4 - 1
    return dated(cal.fmt_quarter(y, n))


def q_number(m: Match, ctx: Context) -> DateValue:
    if group(m, "year"):
        return dated(cal.fmt_quarter(year_of(m["year"], ctx.anchor), int(m["qn"])))
    return quarter_from(int(m["qn"]), ctx)


def quarter_from(n: int, ctx: Context) -> DateValue:
    a = ctx.anchor
    if a is None:
        return dated(None)
    return dated(cal.fmt_quarter(a.year if date(a.year, 3 * n - 2, 1) <= a else a.year - 1, n))


def holiday(m: Match, ctx: Context) -> DateValue:
    """ "Christmas", "Thanksgiving Day", "Easter 2018"; the year around the anchor when not written."""
    spec = lookup(lexicon().table("holidays"), m["hol"].replace("’", "'"))
    if spec is None:
        return dated(None)

    def on(y: int) -> date | None:
        if spec == "thanksgiving":
            return cal.nth_weekday(y, 11, 4, 4)
        if spec == "easter":
            e: date = easter(y)
            return e
        if spec == "good friday":
            gf: date = easter(y) - timedelta(days=2)
            return gf
        return cal.safe_date(y, int(spec[0]), int(spec[1]))

    if group(m, "year"):
        d = on(year_of(m["year"], ctx.anchor))
    elif ctx.anchor is None:
        return dated(None)
    else:
        ds = [x for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1) if (x := on(y))]
        a = ctx.anchor
        if ctx.tense == "past":
            ds = [x for x in ds if x <= a + timedelta(days=cal.PAST_MARGIN_DAYS)] or ds
            d = max(ds)
        elif ctx.tense == "future":
            ds = [x for x in ds if x >= a] or ds
            d = min(ds)
        else:
            d = min(ds, key=lambda x: abs((x - a).days))
    return dated(cal.fmt_day(d) if d else None)


def season(m: Match, ctx: Context) -> DateValue:
    code = str(lookup(lexicon().table("seasons"), m["season"]))
    if group(m, "year"):
        return dated(f"{year_of(m['year'], ctx.anchor):04d}-{code}")
    y = cal.pick_year(int(lexicon().table("season_months")[code]), None, ctx)
    return dated(None if y is None else f"{y:04d}-{code}")
