"""The words of time expressions (``sitroom/data/dates.json``) and regex alternations of them, loaded once."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Lexicon:
    """Word -> meaning tables, keys lower case (see the ``_doc`` of dates.json)."""

    raw: dict[str, Any]

    def table(self, name: str) -> dict[str, Any]:
        value: dict[str, Any] = self.raw[name]
        return value

    def words(self, name: str) -> list[str]:
        value = self.raw[name]
        return list(value) if isinstance(value, dict) else [str(v) for v in value]


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon shipped in the package, parsed once per process."""
    text = resources.files("sitroom").joinpath("data", "dates.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(text))


def alt(words: list[str] | tuple[str, ...], *, capital: bool = False) -> str:
    """A regex alternation of ``words``, longest first, spaces as ``\\s+``.

    ``capital=True`` demands an initial capital (month and day names: "may" is a verb, "May" a month);
    otherwise the first letter may be either case, so that a sentence-initial "Last week" matches.
    """
    out = []
    for w in sorted(set(words), key=lambda x: (-len(x), x)):
        first, rest = w[0], re.escape(w[1:]).replace(r"\ ", r"\s+").replace(" ", r"\s+")
        if not first.isalpha():
            out.append(re.escape(first) + rest)
        elif capital:
            out.append(f"(?:{first.upper()}{rest}|{re.escape(w.upper())})")
        else:
            out.append(f"[{first.upper()}{first.lower()}]{rest}")
    return "(?:" + "|".join(out) + ")"


def lookup(table: dict[str, Any], text: str) -> Any:
    """``table[text]`` with case and inner whitespace normalised; None when absent."""
    return table.get(" ".join(text.lower().split()))
