"""Recognise the non-body lines of a scraped article: datelines, bylines, captions, footers, link lists.

Each function looks at one line (or its start) and says what it is; ``clean`` decides what to do with it.
The patterns are written for the ways outlets in general lay out a page, not for one outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?,?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = r"\d{1,2}[:.]?\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T?|[+-]\d{2}:?\d{2}))?"
# A calendar date in the common English orders: "October 1st, 2018", "1 October 2018", "2018-10-01", "10/01/2018".
DATE = (
    rf"(?:(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)
DATE_TIME = rf"{DATE}(?:\s*(?:[-|,@·•]|at)?\s*{_TIME})?"

_DATELINE_WORDS = (
    r"(?:Published|Posted|Updated|Last updated|Last modified|First published|Modified|Created|Date"
    r"|Publication date|Released)"
)
_DATELINE_RE = re.compile(rf"^\s*(?:{_DATELINE_WORDS})\s*(?:on|at)?\s*:?\s*(?P<date>{DATE_TIME})", re.I)
_DATE_ONLY_RE = re.compile(rf"^\s*(?P<date>{DATE_TIME})\s*(?:\|.*)?$", re.I)
# A date glued to the start of the first paragraph ("Fri 07 Apr 2017 at 0914 Homs governor says ...").
DATE_PREFIX_RE = re.compile(rf"^\s*(?P<date>{DATE_TIME})\s+(?=[A-Z\"“'])", re.I)
# Wire datelines at the head of the lead: "BEIRUT (Reuters) -", "DAMASCUS, Syria (AP) —".
WIRE_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z .'-]{2,30})?)\s*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z./ ]{1,30})\)\s*)?[-–—]{1,2}\s+(?=\S)"
)

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|al|el|bin|ibn|la|du|da|dos))*"
_BYLINE_RE = re.compile(
    rf"^\s*(?:By|BY|Written by|Words by|Author:|Story by|Reporting by)\s*:?\s+(?P<names>{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[,|/–—-]\s*(?P<org>[\w .'’&-]{{2,60}}))?\s*$"
)
_CREDITS_RE = re.compile(
    r"^\s*(?:\(?\s*)(?:Reporting|Additional reporting|Writing|Editing|Compiled|Produced)\s+by\s+.{3,200}$",
    re.I,
)

_COPYRIGHT_RE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_YEARS_RE = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2}\b)?")

# A line that starts a trailing block of links to other stories: everything after it goes too.
_RELATED_RE = re.compile(
    r"^\s*(?:you may also like|you might also like|related(?: articles| stories| content| coverage| news)?"
    r"|read more|more from|more on this|more stories|recommended(?: for you| stories)?|most popular"
    r"|most read|trending(?: now)?|also read|see also|further reading|latest news|top stories"
    r"|sponsored(?: content| stories)?|around the web|from our partners|promoted stories)\s*:?\s*$",
    re.I,
)
# Lines of page furniture that carry no article content.
_FURNITURE_RE = re.compile(
    r"^\s*(?:advertisement|advertising|sponsored|share(?: this(?: article| story)?)?(?: on \w+)?|tweet"
    r"|email|print|comments?|\d+ comments?|click here.{0,80}|follow us on .{1,60}|sign up.{0,120}"
    r"|subscribe.{0,120}|loading\.*|skip to (?:main )?content|media playback is unsupported on your device"
    r"|listen to (?:this )?article.{0,40}|image \d+ of \d+|watch:?.{0,80}video)\s*\.?\s*$",
    re.I,
)

# Photo credits: agencies and the words outlets put in credit lines.
_CREDIT_WORDS = (
    r"AFP|AP|Reuters|EPA|Getty|Getty Images|Anadolu|Xinhua|SANA|TASS|Sputnik|Shutterstock|Alamy"
    r"|IRNA|WAFA|Twitter|Facebook|YouTube|Telegram|Instagram|handout|file|photo|photos|image|images"
    r"|courtesy|pool|screenshot|screengrab|archive|supplied|propaganda"
)
_CREDIT_RE = re.compile(rf"\b(?:{_CREDIT_WORDS})\b|/", re.I)
_TRAILING_PAREN_RE = re.compile(r"\s*[(\[](?P<credit>[^()\[\]]{2,60})[)\]]\s*$")
_CAPTION_PREFIX_RE = re.compile(
    r"^\s*(?:image caption|image copyright|photo caption|caption|photo|picture|image|pictured|"
    r"enlarge this image|toggle caption|hide caption|media caption)\s*:?\s+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    organisation: str | None


def match_dateline(line: str) -> str | None:
    """The date text of a dateline ("Published October 1st, 2018 - 11:32 GMT", a bare date line)."""
    m = _DATELINE_RE.match(line) or _DATE_ONLY_RE.match(line)
    return m.group("date") if m else None


def parse_datetime(text: str) -> str | None:
    """ISO 8601 of a date or date-time as written in a dateline; a date alone when no time is given.

    Returns None when the text is not a date (never raises).
    """
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"\s+(?:[-|@·•]|at)\s+", " ", cleaned)
    cleaned = re.sub(r"\b(\d{1,2})(\d{2})$", r"\1:\2", cleaned.strip())  # "at 0914"
    has_time = bool(re.search(r"\d:\d{2}|\d{1,2}\s*[ap]\.?m", cleaned, re.I))
    tz_words = {
        "ET": -5 * 3600,
        "EST": -5 * 3600,
        "EDT": -4 * 3600,
        "PT": -8 * 3600,
        "PST": -8 * 3600,
        "PDT": -7 * 3600,
        "CET": 3600,
        "CEST": 7200,
        "BST": 3600,
        "GMT": 0,
        "UTC": 0,
    }
    try:
        value: datetime = dateparser.parse(cleaned, tzinfos=tz_words, dayfirst=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1900 <= value.year <= 2100:
        return None
    if not has_time:
        return value.date().isoformat()
    return value.isoformat()


def match_byline(line: str) -> Byline | None:
    """Authors of a byline ("By Ty Joplin", "By A and B, Reuters")."""
    m = _BYLINE_RE.match(line)
    if not m or len(line.split()) > 16:
        return None
    names = re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names"))
    authors = tuple(n.strip() for n in names if n.strip())
    if not authors:
        return None
    return Byline(authors, (m.group("org") or "").strip() or None)


def is_credits_line(line: str) -> bool:
    """Wire-story credits at the end: "(Reporting by X; Editing by Y)"."""
    return bool(_CREDITS_RE.match(line))


def match_copyright(line: str) -> str | None:
    """The publisher named in a copyright footer ("© 2000 - 2020 Al Bawaba (" gives "Al Bawaba"); '' if none."""
    if not _COPYRIGHT_RE.match(line):
        return None
    name = re.sub(r"^\s*(?:©|\(c\)|copyright)\s*", "", line, flags=re.I)
    name = _YEARS_RE.sub(" ", name)
    name = re.sub(r"all rights reserved\.?", " ", name, flags=re.I)
    name = re.sub(r"[\s(),.;:|-]+$", "", name)
    name = re.sub(r"^[\s(),.;:|©-]+", "", name)
    name = re.sub(r"\s{2,}", " ", name).strip()
    return name if 0 < len(name.split()) <= 6 else ""


def is_related_marker(line: str) -> bool:
    return bool(_RELATED_RE.match(line))


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE_RE.match(line))


def match_caption(line: str) -> tuple[str, str | None] | None:
    """(caption text, credit) if the line is an image caption or photo credit, else None.

    A line wholly in parentheses is a credit ("(ISIS propaganda)"); a line that ends in a
    parenthesised credit and is not a sentence is a caption ("Turkish forces near the border (AFP/FILE)").
    """
    stripped = line.strip()
    whole = re.fullmatch(r"[(\[]([^()\[\]]{1,80})[)\]]", stripped)
    if whole:
        return "", whole.group(1).strip()
    prefix = _CAPTION_PREFIX_RE.match(stripped)
    if prefix and len(stripped.split()) <= 60:
        return stripped[prefix.end() :].strip(), None
    trailing = _TRAILING_PAREN_RE.search(stripped)
    if trailing and _CREDIT_RE.search(trailing.group("credit")):
        body = stripped[: trailing.start()].strip()
        # A caption is short and does not read as quoted speech.
        if len(body.split()) <= 40 and not body.startswith(("“", '"')):
            return body, trailing.group("credit").strip()
    return None


def looks_like_heading(line: str, max_words: int) -> bool:
    """A short line with no closing punctuation, mostly capitalised words: a section heading."""
    stripped = line.strip()
    words = stripped.split()
    if not 1 <= len(words) <= max_words:
        return False
    if stripped[-1] in ".,;:!\"”’'" or stripped[0] in "“\"'‘(-–—•*":
        return False
    if stripped.endswith("?") and len(words) > max_words:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    small = sum(1 for w in words if w.lower() in _SMALL_WORDS)
    return capitalised + small >= len(words) and capitalised >= max(1, len(words) // 2)


_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "from",
    "with",
    "into",
    "as",
    "is",
    "are",
    "was",
    "be",
    "vs",
    "via",
    "over",
    "after",
    "before",
    "amid",
    "its",
    "his",
    "her",
}
