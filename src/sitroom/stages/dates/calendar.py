"""Calendar arithmetic for the normaliser: the year of a bare "September 23", shifts by units, TIMEX3 strings.

Everything here is pure and works on :class:`datetime.date`; the grammar decides what an expression means,
this module decides which calendar day, week, month or year that is relative to the anchor.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# How far past the anchor a bare past-tense "September 23" may still lie: news is dated by the
# publisher's clock and sometimes reports an event dated a day or two "ahead" across time zones.
PAST_MARGIN_DAYS = 2

# Without a tense, a bare date up to this far ahead of the anchor is read as coming ("talks on January 3",
# written on December 28); anything further ahead is read as past, because news mostly reports what happened.
FUTURE_REACH_DAYS = 92

TENSES = ("past", "present", "future")


@dataclass(frozen=True, slots=True)
class DateValue:
    """The normalised meaning of one time expression.

    ``value``/``end_value`` are TIMEX3-like strings (``2018-09-23``, ``2018-09``, ``2018``, ``2018-W39``,
    ``2018-Q3``, ``199`` for the 1990s, ``P3Y`` for durations, ``PRESENT_REF``); ``None`` when the
    expression cannot be placed (a relative expression without an anchor). ``mod`` is the TimeML
    modifier in lower case (``start``, ``end``, ``approx``, ``on_or_before`` for a deadline ...).
    """

    value: str | None
    end_value: str | None = None
    precision: str = "unknown"  # day|month|year|time|unknown
    kind: str = "date"  # date|time|duration|set
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression counts from: the anchor day, the verb's tense, the story's last date."""

    anchor: date | None
    tense: str | None = None  # past|present|future|None (unknown)
    reference: date | None = None  # the last date the story named, for "the next day", "that year"
    reference_unit: str = "day"  # how precise that date was: day, month or year
    anchor_time: datetime | None = None

    @property
    def ref(self) -> date | None:
        return self.reference or self.anchor


def to_anchor(anchor: date | datetime | str | None) -> tuple[date | None, datetime | None]:
    """The anchor as a day (and the full datetime when it has a time); ISO strings are accepted."""
    if anchor is None:
        return None, None
    if isinstance(anchor, str):
        text = anchor.strip()
        try:
            anchor = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                anchor = date.fromisoformat(text[:10])
            except ValueError:
                return None, None
    if isinstance(anchor, datetime):
        return anchor.date(), anchor
    return anchor, None


def precision_of(value: str | None) -> str:
    """The contract's precision of a TIMEX3 value: day, month, year, time or unknown (weeks, quarters ...)."""
    if not value or value[0] == "P" or "X" in value:
        return "unknown"
    if "T" in value:
        return "time" if value[value.index("T") + 1 : value.index("T") + 2].isdigit() else "day"
    parts = value.split("-")
    if len(parts[0]) != 4 or not parts[0].isdigit():
        return "unknown"
    if len(parts) == 1:
        return "year"
    if len(parts) == 2:
        return "month" if parts[1].isdigit() else "unknown"
    return "day" if len(parts) == 3 and parts[2].isdigit() else "unknown"


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def fmt_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def fmt_quarter(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30, year 0)."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    if not 1 <= day <= _cal.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y, 10Y ...); month ends clamp (Mar 31 - 1M = Feb 28)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "2W":
        return d + timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "6M": 6, "Y": 12, "10Y": 120, "100Y": 1200}.get(unit)
    if months is None:
        return d
    y, m = add_months(d.year, d.month, n * months)
    y = max(1, min(9999, y))
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def pick_year(month: int, day: int | None, ctx: Context) -> int | None:
    """The year of a month (and day) written without one, placed around the anchor as news uses it.

    Notes:
        Past tense: the most recent occurrence not after the anchor (+ PAST_MARGIN_DAYS). Future tense:
        the first one not before it. Otherwise the past one, unless one lies at most FUTURE_REACH_DAYS
        ahead: news mostly reports what has happened (HeidelTime's strategy for news is similar).
    """
    a = ctx.anchor
    if a is None:
        return None
    candidates = []
    for y in (a.year - 1, a.year, a.year + 1):
        d = safe_date(y, month, day or 1) if day else date(y, month, 1)
        if d is None and day == 29 and month == 2:
            continue
        if d is not None:
            candidates.append((y, d))
    if not candidates:
        return None
    if day is None:
        start = date(a.year, a.month, 1)
        if ctx.tense == "past":
            past = [y for y, d in candidates if d <= start]
            return max(past) if past else None
        if ctx.tense == "future":
            future = [y for y, d in candidates if d >= start]
            return min(future) if future else None
        return _lean_past(candidates, start)
    if ctx.tense == "past":
        past = [y for y, d in candidates if d <= a + timedelta(days=PAST_MARGIN_DAYS)]
        return max(past) if past else None
    if ctx.tense == "future":  # a deadline just passed is still this one ("had until Jan. 14", on the 15th)
        future = [y for y, d in candidates if d >= a - timedelta(days=PAST_MARGIN_DAYS)]
        return min(future) if future else None
    return _lean_past(candidates, a)


def _lean_past(candidates: list[tuple[int, date]], a: date) -> int:
    """Unknown tense: the latest occurrence not after ``a``, unless one is at most FUTURE_REACH_DAYS ahead."""
    ahead = [y for y, d in candidates if a < d <= a + timedelta(days=FUTURE_REACH_DAYS)]
    if ahead:
        return min(ahead)
    past = [y for y, d in candidates if d <= a]
    return max(past) if past else min(y for y, _ in candidates)


def pick_weekday(weekday: int, ctx: Context, rel: int | None = None) -> date | None:
    """The day of a weekday name (1 = Monday): before the anchor in past tense, after it in future tense.

    ``rel`` is -1 for "last Friday", +1 for "next Friday", 0 for "this Friday". Notes: a weekday said in
    the past tense on that same weekday is the anchor day itself ("the company said Friday", on a Friday);
    with no tense known it is also taken as past, present tense takes the nearest.
    """
    a = ctx.anchor
    if a is None:
        return None
    diff = weekday - a.isoweekday()  # -6..6
    if rel == -1:
        back = (a.isoweekday() - weekday) % 7 or 7
        return a - timedelta(days=back)
    if rel == 1:
        ahead = (weekday - a.isoweekday()) % 7 or 7
        return a + timedelta(days=ahead)
    if rel == 0:
        return a + timedelta(days=diff)
    tense = ctx.tense
    if tense == "past" or tense is None:  # unknown: news mostly reports the days just gone
        return a - timedelta(days=(a.isoweekday() - weekday) % 7)
    if tense == "future":
        return a + timedelta(days=(weekday - a.isoweekday()) % 7)
    back = (a.isoweekday() - weekday) % 7
    ahead = (weekday - a.isoweekday()) % 7
    return a - timedelta(days=back) if back <= ahead else a + timedelta(days=ahead)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (1 = Monday) of a month, e.g. Thanksgiving = 4th Thursday of November."""
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))
