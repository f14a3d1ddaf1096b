"""Direct quotations found by their quotation marks alone, before any parsing.

Handles curly and straight double marks, single marks used as the outer marks (British
style), quotes nested inside quotes, a missing closing mark at the end of a paragraph, and
the newspaper convention for a quote that runs over several paragraphs: each paragraph opens
with a mark and only the last one closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPEN_SINGLE = "‘"
_CLOSE_SINGLE = "’"
# Characters after which a straight mark opens a quotation rather than closes one.
_OPENERS = " \t\n([{—–-/"
# A paragraph is a run of text without a line break; articles put one paragraph a line.
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph_start: int  # start of the paragraph where the quotation opens
    closed: bool  # False when the paragraph ended before a closing mark


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: the paragraphs of a cleaned article."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def find_marked(text: str) -> list[Marked]:
    """Every outermost quotation in ``text``, in order; quotes inside quotes stay part of the outer one.

    Notes:
        A paragraph that ends inside an open quotation continues it when the next paragraph
        opens with a mark (the convention of AP and Reuters style books); otherwise the
        quotation ends with its paragraph and is marked ``closed=False``.
    """
    if "''" in text or "``" in text:
        return _doubled(text)
    return _find(text)


def _find(text: str) -> list[Marked]:
    out: list[Marked] = []
    paras = paragraphs(text)
    i = 0
    while i < len(paras):
        p_start, p_end = paras[i]
        pos = p_start
        single = _uses_single_marks(text[p_start:p_end])
        while True:
            opened = _next_open(text, pos, p_end, single)
            if opened is None:
                break
            close = _find_close(text, opened + 1, p_end, single)
            if close is not None:
                out.append(Marked(opened, close + 1, opened + 1, close, p_start, True))
                pos = close + 1
                continue
            # Unclosed: run on into following paragraphs that open with a mark.
            end_para = i
            while end_para + 1 < len(paras) and _starts_with_open(text, paras[end_para + 1][0], single):
                end_para += 1
                n_start, n_end = paras[end_para]
                close = _find_close(text, n_start + 1, n_end, single)
                if close is not None:
                    break
            if close is not None:
                out.append(Marked(opened, close + 1, opened + 1, close, p_start, True))
                i = end_para
                p_start, p_end = paras[i]
                pos = close + 1
                single = _uses_single_marks(text[p_start:p_end])
                continue
            last_end = paras[end_para][1]
            out.append(Marked(opened, last_end, opened + 1, last_end, p_start, False))
            i = end_para
            break
        i += 1
    return out


def _doubled(text: str) -> list[Marked]:
    """Quotations marked with doubled apostrophes or backticks (``''Yes,'' he said``), as news archives
    and treebank-style text print them: read as straight double marks, offsets kept.

    An opening pair becomes a space and a mark, a closing pair a mark and a space, so that the
    straight-mark rules see a mark at the right edge; the pair is then put back inside the span.
    """
    chars = list(text)
    for k in range(len(text) - 1):
        pair = text[k : k + 2]
        if pair == "``" or (
            pair == "''" and k + 2 < len(text) and text[k + 2].isalnum() and _opens_at(text, k)
        ):
            chars[k], chars[k + 1] = " ", '"'
        elif pair == "''" and (k == 0 or text[k - 1] != "'"):
            chars[k], chars[k + 1] = '"', " "
    out = []
    for m in _find("".join(chars)):
        start = m.start - 1 if m.start > 0 and text[m.start - 1 : m.start + 1] in ("''", "``") else m.start
        end = m.end + 1 if text[m.end - 1 : m.end + 1] == "''" else m.end
        out.append(Marked(start, end, m.inner_start, m.inner_end, m.paragraph_start, m.closed))
    return out


def _opens_at(text: str, k: int) -> bool:
    return k == 0 or text[k - 1] in _OPENERS


def _uses_single_marks(para: str) -> bool:
    """British style: single marks are the outer ones when the paragraph has no double marks."""
    has_double = any(c in para for c in _OPEN_DOUBLE + _CLOSE_DOUBLE + '"')
    return not has_double and _OPEN_SINGLE in para


def _is_open(text: str, i: int, single: bool) -> bool:
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c in _OPEN_DOUBLE:
        return True
    if c == '"':
        return before in _OPENERS and not after.isspace()
    if single and c == _OPEN_SINGLE:
        # "Hay‘at": a mark inside a word is a transliteration sign, not a quotation.
        return before in _OPENERS and not after.isspace()
    # A closing curly mark misused as an opening one (common in copied text).
    return c in _CLOSE_DOUBLE and before in _OPENERS and after.isalnum()


def _is_close(text: str, i: int, single: bool) -> bool:
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c in _CLOSE_DOUBLE:
        return not (before in _OPENERS and after.isalnum())
    if c == '"':
        return not before.isspace() or after.isspace() or after in ",.;:!?"
    if single and c == _CLOSE_SINGLE:
        # "Jones’ car": an apostrophe after a plural is followed by a word, a closing mark by punctuation.
        return (
            not before.isspace() and not after.isalnum() and (after in ",.;:!?)—– \n" or i + 1 == len(text))
        )
    return False


def _next_open(text: str, pos: int, end: int, single: bool) -> int | None:
    for i in range(pos, end):
        if _is_open(text, i, single):
            return i
    return None


def _find_close(text: str, pos: int, end: int, single: bool) -> int | None:
    """The closing mark matching an opening one before ``pos``, skipping nested pairs."""
    depth = 0
    for i in range(pos, end):
        c = text[i]
        if c in _OPEN_SINGLE and not single and _is_open(text, i, True):
            depth += 1  # a quote inside the quote: ‘…’ within “…”
            continue
        if depth and c == _CLOSE_SINGLE and _is_close(text, i, True):
            depth -= 1
            continue
        if _is_close(text, i, single) and (c != _CLOSE_SINGLE or single):
            return i
        if _is_open(text, i, single) and c in _OPEN_DOUBLE:
            return None  # a new quotation opens: the current one was never closed
    return None


def _starts_with_open(text: str, start: int, single: bool) -> bool:
    return start < len(text) and _is_open(text, start, single)
