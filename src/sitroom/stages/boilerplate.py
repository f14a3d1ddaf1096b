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
# A clock time needs its colon ("11:32", "9.30 pm") or an am/pm; bare digits only after "at" ("at 0914"),
# or "135 Civilians Killed" after a date would read as 1:35. Zones are matched case-sensitively.
_ZONE = r"(?-i:GMT|UTC|Z|[ECMP][SD]?T|BST|CES?T|EES?T|AST|IST|[+-]\d{2}:?\d{2})"
_TIME = rf"(?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?|\d{{1,2}}\s*[ap]\.?m\.?)(?:\s*{_ZONE})?"
# A calendar date in the common English orders: "October 1st, 2018", "1 October 2018", "2018-10-01",
# "10/01/2018".
DATE = (
    rf"(?:(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)
DATE_TIME = rf"{DATE}(?:\s*(?:[-|,@·•]|at)?\s*{_TIME}|\s+at\s+\d{{4}}(?:\s*{_ZONE})?)?"

_DATELINE_WORDS = (
    r"(?:Published|Posted|Updated|Last updated|Last modified|First published|Modified|Created|Date"
    r"|Publication date|Released)"
)
_DATELINE_HEAD = rf"^\s*(?:(?:{_DATELINE_WORDS})\s*(?:on|at)?\s*:?\s*)?(?P<date>{DATE_TIME})"
# A whole dateline line: the date, then at most a second stamp ("| Updated ...") or a short byline.
_DATELINE_RE = re.compile(
    rf"{_DATELINE_HEAD}\s*(?:[|·•,-]\s*(?:{_DATELINE_WORDS})\b.{{0,60}}|\s*[|·•]\s*{DATE_TIME}"
    rf"|\s*\|\s*[^|]{{0,40}}|\s+by\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?\s*$",
    re.I,
)
# A dateline glued to the start of the first paragraph ("Fri 07 Apr 2017 at 0914 Homs governor says ...",
# "Posted on July 12 2016 by ..."): only the date part goes. The next word must be capitalised, so that
# a lead that starts with a date ("March 3, 2011 was the day ...") is left alone.
DATE_PREFIX_RE = re.compile(rf"{_DATELINE_HEAD}\s*(?:[-–—|:]\s*)?(?=(?-i:[A-Z\"“'‘]|by\s))", re.I)
# Wire datelines at the head of the lead: "BEIRUT (Reuters) -", "DAMASCUS, Syria (AP) —".
# "FILE -" and "UPDATE -" start AP photo captions and story updates, not places.
WIRE_DATELINE_RE = re.compile(
    r"^\s*(?!(?:FILE|UPDATE|UPDATED|WATCH|EDITOR'S NOTE|CORRECTION)\b)"
    r"(?:(?P<place>[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z .'-]{2,30})?)\s*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z./ ]{1,30})\)\s*)?"
    # "Cleveland (AFP) –": a place in mixed case is a dateline only with a known agency after it.
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?\s*"
    r"\((?-i:AFP|AP|Reuters|Xinhua|Anadolu|SANA|TASS|Sputnik|IRNA|WAFA|dpa|UPI|EFE|Kyodo|Yonhap)\)\s*)"
    r"[-–—]{1,2}\s+(?=\S)"
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
    r"|email|print|comments?|\d+ comments?|click here\b.{0,80}|follow us on .{1,60}|sign up\b.{0,120}"
    r"|subscribe\b.{0,120}|loading\.*|skip to (?:main )?content|media playback is unsupported on your device"
    r"|listen to (?:this )?article.{0,40}|image \d+ of \d+|watch:?.{0,80}video|photo|photos|video|youtube"
    r"|\(subscribe to .{1,100}\))\s*\.?\s*$",
    re.I,
)

# Photo credits. Words that only a credit uses (a trailing "(Getty Images)" makes a line a caption) ...
_PHOTO_WORDS = (
    r"Getty|Getty Images|EPA|Shutterstock|Alamy|handout|file|photo|photos|photograph|image|images|courtesy"
    r"|pool|screenshot|screengrab|archive|supplied|propaganda|AFP|AP Photo"
)
# ... and names of agencies and platforms, which also close body paragraphs as a source ("... [Reuters]"):
# these make a caption only of a short line that is not a sentence ("Syrian troops in Aleppo (AFP)").
_AGENCY_WORDS = (
    r"AP|Reuters|Anadolu|Xinhua|SANA|TASS|Sputnik|IRNA|WAFA|Twitter|Facebook|YouTube|Telegram|Instagram"
)
_PHOTO_RE = re.compile(rf"\b(?:{_PHOTO_WORDS})\b", re.I)
_AGENCY_RE = re.compile(rf"\b(?:{_AGENCY_WORDS})\b")
# Lowercase words a credit may hold besides the ones above; any other lowercase word makes it prose
# ("(WARNING: Video contains graphic images.)", "(seeds in brackets)").
_CREDIT_SMALL = {"by", "via", "of", "the", "and", "for", "from", "to", "h/t", "ap", "file"}
_TRAILING_PAREN_RE = re.compile(r"\s*[(\[](?P<credit>[^()\[\]]{2,60})[)\]]\s*$")
_CAPTION_PREFIX_RE = re.compile(
    r"^\s*(?:image caption|image copyright|photo caption|caption|photo|picture|image|pictured|"
    r"enlarge this image|toggle caption|hide caption|media caption)\s*:?(?:\s+|$)",
    re.I,
)
# A photographer and an outlet: "Deirdra O'Regan/The Washington Post", "Jane Roe / The Independent".
_NAMED_CREDIT_RE = re.compile(
    r"^\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*/\s*(?:The\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
    r"(?:\s+via\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})?\s*$"
)
# "Image copyright Getty Images Image caption The pair met in 1998": credit, then caption.
_COPYRIGHT_CAPTION_RE = re.compile(
    r"^\s*image copyright\s+(?P<credit>.{2,80}?)\s+(?:image|media) caption\s+(?P<text>.+)$", re.I
)
# AP photo captions run as paragraphs: "FILE - In this May 18, 2017 file photo, ..."
_AP_CAPTION_RE = re.compile(r"^\s*FILE\s*[-–—]+\s+(?=.{0,80}\b(?:photo|image)\b)", re.I)
# A line that is a credit and nothing else: "David Becker/Getty Images", "AFP/Getty Images", "Reuters".
_CREDIT_LINE_RE = re.compile(
    rf"^\s*(?:(?:Photo|Image|Picture)s?\s*:\s*)?(?:[A-Z][\w'’.-]*\s+){{0,3}}"
    rf"(?:[A-Z][\w'’.-]*\s*)?/\s*(?:{_PHOTO_WORDS}|{_AGENCY_WORDS})(?:\s+\w+)?\s*$"
    rf"|^\s*(?:{_PHOTO_WORDS}|{_AGENCY_WORDS})(?:\s*/\s*(?:{_PHOTO_WORDS}|{_AGENCY_WORDS}))*\s*$",
)


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    organisation: str | None


def match_dateline(line: str) -> str | None:
    """The date text of a dateline ("Published October 1st, 2018 - 11:32 GMT", a bare date line)."""
    m = _DATELINE_RE.match(line)
    return m.group("date") if m else None


def parse_datetime(text: str) -> str | None:
    """ISO 8601 of a date or date-time as written in a dateline; a date alone when no time is given.

    Returns None when the text is not a date (never raises).
    """
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    # "at 0914" is a clock time; a bare trailing "2016" is the year and stays one.
    cleaned = re.sub(r"\s+at\s+(\d{1,2})(\d{2})\b", r" \1:\2", cleaned.strip(), flags=re.I)
    cleaned = re.sub(r"\s+(?:[-|@·•]|at)\s+", " ", cleaned)
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
    names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip()]
    org = (m.group("org") or "").strip() or None
    # "By A and B, Reuters": the name after the last comma is the outlet when it is one word or names one.
    if len(names) > 1 and "," in m.group("names") and org is None:
        last = names[-1]
        if len(last.split()) == 1 or _ORG_WORDS_RE.search(last):
            org = names.pop()
    if not names:
        return None
    return Byline(tuple(names), org)


_ORG_WORDS_RE = re.compile(
    r"\b(?:News|Press|Agency|Times|Post|Associated|Service|Network|TV|Television|Radio|Staff|Correspondent"
    r"|Reporter|Writer|Editor|Magazine|Journal|Daily|Herald|Tribune|Media)\b"
)


def is_credits_line(line: str) -> bool:
    """Wire-story credits at the end: "(Reporting by X; Editing by Y)"."""
    return bool(_CREDITS_RE.match(line))


def match_copyright(line: str) -> str | None:
    """The publisher named in a copyright footer ("© 2000 - 2020 Al Bawaba (" gives "Al Bawaba"), or ''."""
    if not _COPYRIGHT_RE.match(line):
        return None
    name = re.sub(r"^\s*(?:©|\(c\)|copyright)\s*", "", line, flags=re.I)
    name = _YEARS_RE.sub(" ", name)
    # "Copyright 2017 The Example Press. All rights reserved. This material may not be ...": the name
    # ends at the first full stop or at "All rights reserved".
    name = re.split(r"all rights reserved|\.\s", name, maxsplit=1, flags=re.I)[0]
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

    A line wholly in parentheses that reads as a credit is one ("(ISIS propaganda)", "(AFP/FILE)");
    a short line that ends in a credit is a caption ("Turkish forces near the border (AFP/FILE)");
    lines that start as captions do ("Image caption ...", NPR's "Enlarge this image toggle caption
    X/AP X/AP", AP's "FILE - In this 2017 file photo, ..."). A paragraph that only names its source at
    the end ("... the ministry said. [Reuters]") is body text.
    """
    stripped = line.strip()
    whole = re.fullmatch(r"[(\[]([^()\[\]]{1,80})[)\]]", stripped)
    if whole:
        credit = whole.group(1).strip()
        return ("", credit) if _is_credit(credit) else None
    if (_CREDIT_LINE_RE.match(stripped) or _NAMED_CREDIT_RE.match(stripped)) and len(stripped.split()) <= 8:
        return "", stripped
    if _AP_CAPTION_RE.match(stripped) and len(stripped.split()) <= 80:
        return stripped, None
    bbc = _COPYRIGHT_CAPTION_RE.match(stripped)
    if bbc:
        return bbc.group("text").strip(), bbc.group("credit").strip()
    rest, prefixed = stripped, False
    while (prefix := _CAPTION_PREFIX_RE.match(rest)) is not None:
        rest, prefixed = rest[prefix.end() :].strip(), True
    if prefixed and len(stripped.split()) <= 60:
        return _split_credit(rest)
    trailing = _TRAILING_PAREN_RE.search(stripped)
    if trailing and _is_credit(trailing.group("credit")):
        body = stripped[: trailing.start()].strip()
        credit = trailing.group("credit").strip()
        # A caption is short and does not read as quoted speech; an agency alone makes a caption
        # only of a phrase, not of a sentence, since body paragraphs end with "[Reuters]" too.
        if len(body.split()) > 40 or body.startswith(("“", '"')):
            return None
        sentence = len(body.split()) > 20 or body.endswith((".", "!", "?", "”", '"'))
        if sentence and not _is_photo_credit(credit):
            return None
        return body, credit
    return None


def _is_credit(text: str) -> bool:
    """ "AFP/FILE", "ISIS propaganda", "FABRICE COFFRINI/AFP/Getty Images": a source, not a remark."""
    if _NAMED_CREDIT_RE.match(text):
        return True
    if not (_PHOTO_RE.search(text) or _AGENCY_RE.search(text)) or len(text.split()) > 8:
        return False
    words = re.findall(r"[^\W\d][\w'’/-]*", text)
    return all(w[0].isupper() or _PHOTO_RE.fullmatch(w) or w.lower() in _CREDIT_SMALL for w in words)


def _is_photo_credit(text: str) -> bool:
    return bool(_PHOTO_RE.search(text) or _NAMED_CREDIT_RE.match(text))


def _split_credit(rest: str) -> tuple[str, str | None]:
    """Caption text and credit of what follows a caption prefix; NPR repeats the credit ("X/AP X/AP")."""
    words = rest.split()
    half = len(words) // 2
    if words and len(words) % 2 == 0 and words[:half] == words[half:]:
        return "", " ".join(words[:half])
    if _CREDIT_LINE_RE.match(rest):
        return "", rest
    trailing = _TRAILING_PAREN_RE.search(rest)
    if trailing and _is_credit(trailing.group("credit")):
        return rest[: trailing.start()].strip(), trailing.group("credit").strip()
    return rest, None


def looks_like_links(lines: list[str]) -> bool:
    """Lines that read as a list of headlines linking to other stories, not as paragraphs.

    Notes:
        Headlines run 5-20 words and mostly end without a full stop; paragraphs, however short,
        end with one. Every line must be short and at most half may end as sentences.
    """
    if not lines or any(not 0 < len(line.split()) <= 25 for line in lines):
        return False
    sentences = sum(1 for line in lines if line.rstrip().endswith((".", "!", "?", '"', "”")))
    return sentences * 2 <= len(lines)


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
    if not any(w[:1].isupper() for w in words):
        return False  # "78,000", "1,375": figures of a table, not a heading
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
