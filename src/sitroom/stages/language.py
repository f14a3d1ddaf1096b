"""Is this text English? sitroom's models read English only, so other languages are refused early."""

from __future__ import annotations

import re

from sitroom.errors import IngestError

# The most frequent English function words; in English news they make up a quarter to a third of tokens.
_ENGLISH = frozenset(
    "the of and to a in is that for on was with as by at it from be are has have this an were said "
    "not but or its he his they their who which will after had been more also we than over about".split()
)
# Below this share of function words a text is not English. English news sits at 0.25-0.35,
# German, French or Spanish news under 0.05 (a few shared words: "a", "on", "in").
MIN_ENGLISH_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> float:
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _ENGLISH) / len(words)


def check_english(text: str, name: str, declared: str | None = None) -> str:
    """Return "en", or raise IngestError naming the input when the text is not English."""
    if declared and declared.lower()[:2] not in ("en", ""):
        raise IngestError(name, f"language is {declared!r}; sitroom handles English (en) only")
    share = english_share(text)
    if share < MIN_ENGLISH_SHARE:
        raise IngestError(
            name,
            f"text does not look like English ({share:.0%} English function words, "
            f"{MIN_ENGLISH_SHARE:.0%} needed); sitroom handles English only",
        )
    return "en"
