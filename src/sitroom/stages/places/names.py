"""Place-name keys: one spelling-insensitive form for the gazetteer index and for the text.

News transliterates the same Arabic, Persian, Cyrillic or Pashto name many ways ("Deir ez-Zor",
"Deir Ezzour", "Dayr az Zawr"; "Daraa", "Deraa", "Dar'a"). Two keys, applied identically to
gazetteer names and to mentions, make those meet without a fuzzy search:

- :func:`fold` (exact key): no diacritics, apostrophes, periods or hyphens, lower case, single
  spaces, "Saint" and "Mount" as "St" and "Mt", and admin suffixes such as "Governorate" or
  "Province" dropped. "Deir ez-Zor" and
  "Deir Ez Zor" meet here; so do "U.S." and "US".
- :func:`loose` (transliteration key): the exact key with spaces and the Arabic article glued in,
  vowel runs (with the glides y/w after a vowel) reduced to one "a", doubled letters collapsed,
  and a few letter pairs that transliterations swap (q/k, ou/u, kh/h, dh/d, j/g) merged. "Deir
  Ezzour" and "Dayr az Zawr" both give "darazar". The loose key is lossy, so the gazetteer consults
  it only after the exact key fails, and the resolver asks more of what it finds there.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose, and the apostrophe-like marks of transliteration (ayn, hamza).
_TRANSLATE = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ʼ": "",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "´": "",
        ".": "",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        "/": " ",
        ",": " ",
    }
)
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r" {2,}")
# Words news abbreviates or not at will: "St. Louis" / "Saint Louis", "Mt. Hood" / "Mount Hood".
_SHORT_WORDS = re.compile(r"\b(saint|sainte|mount)\b")
_SHORT = {"saint": "st", "sainte": "ste", "mount": "mt"}

# Words for an administrative unit that news adds or leaves out at will ("Idlib Governorate", "Idlib
# province", "Osun State"). Dropped at the end of a key only, so "State of Palestine" keeps its words.
_ADMIN_SUFFIXES = (
    " governorate",
    " province",
    " provincia",
    " oblast",
    " region",
    " district",
    " state",
    " prefecture",
    " county",
    " parish",
    " muhafazat",
    " wilayah",
    " vilayet",
)
_ADMIN_PREFIXES = (
    "muhafazat ",
    "wilayat ",
    "provincia de ",
    "province of ",
    "state of ",
    "gouvernorat de ",
    "republic of ",
    "kingdom of ",
    "federal republic of ",
    "islamic republic of ",
)


def fold(name: str) -> str:
    """The exact key of a place name: "Deir ez-Zor Governorate" -> "deir ez zor".

    Notes:
        Applied to gazetteer names and mentions alike, so both sides meet on the same form.
    """
    text = name.casefold().translate(_TRANSLATE)
    if not text.isascii():  # most names are plain ASCII: skip the slow decomposition for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", _NOT_WORD.sub(" ", text.translate(_TRANSLATE))).strip()
    text = _SHORT_WORDS.sub(lambda m: _SHORT[m.group(1)], text)
    if text.startswith("the "):
        text = text[4:]
    for prefix in _ADMIN_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            text = text[len(prefix) :]
            break
    for suffix in _ADMIN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            text = text[: -len(suffix)]
            break
    return text


# The Arabic article as transliterated before a word ("al-", "el-", "ad-", "ez-" ...): glued to the
# following word for the loose key, so that "Deir ez-Zor" and "Deir Ezzor" agree.
_ARTICLE = re.compile(r"\b(?:a|e|u)?(?:l|d|z|s|sh|r|t|n)\s")
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ed|er|es|et|ez)\s")
_PAIRS = (("kh", "h"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("ph", "f"), ("q", "k"), ("j", "g"), ("c", "k"))
_VOWELS = re.compile(r"[aeiou](?:[aeiouyw]*[aeiou]|[yw](?![aeiou]))?")
_DOUBLE = re.compile(r"(.)\1+")


def loose(name: str) -> str:
    """The transliteration key: "Deir Ezzour", "Deir ez-Zor" and "Dayr az Zawr" all give "darazar".

    Notes:
        Lossy by design (vowels are merged), so a match on it is weaker evidence than :func:`fold`.
    """
    text = fold(name)
    text = _LEADING_ARTICLE.sub("", text)
    text = _ARTICLE.sub(lambda m: m.group(0).rstrip(), text)
    text = text.replace(" ", "")
    for old, new in _PAIRS:
        text = text.replace(old, new)
    text = _VOWELS.sub("a", text)
    text = _DOUBLE.sub(r"\1", text)
    if len(text) > 3 and text.endswith("ah"):
        text = text[:-1]  # Raqqah / Raqqa, Hamah / Hama
    return text


_ADMIN_WORDS = re.compile(
    r"\b(governorate|province|oblast|region|district|state|prefecture|county|parish)\b", re.IGNORECASE
)


def names_admin_unit(name: str) -> bool:
    """Whether the name itself says it is an administrative unit ("Idlib province", "Osun State")."""
    return bool(_ADMIN_WORDS.search(name))
