"""Direct quotations: a quotation in marks and the reporting verb right after or before it.

", said X" / ", he added" after the closing mark, "X said:" before the opening one; a quotation
without a cue that continues the previous speaker's paragraph takes that speaker.
"""

from __future__ import annotations

from typing import Any

from sitroom.stages.quotes.frames import (
    _SENTENCE_END,
    Found,
    _asserted,
    _cue_span,
    _is_mark,
    _sentence_end,
    _subject,
    _token_at,
    _trim,
)
from sitroom.stages.quotes.lexicon import cue_for
from sitroom.stages.quotes.marks import Marked, paragraphs

# How far after a closing mark the reporting verb may stand, in tokens (", said Alex Decina, a ...").
_TAIL_TOKENS = 12


def _direct(sp: Any, text: str, marked: list[Marked]) -> list[Found]:
    paras = paragraphs(text)
    found: list[Found] = []
    frame_end: list[int] = []  # where each quotation's attribution ends
    for n, m in enumerate(marked):
        content = _trim(text, m.inner_start, m.inner_end)
        if content[0] >= content[1]:
            continue
        p_end = next((e for s, e in paras if s <= m.end - 1 < e), len(text))
        prev_end = marked[n - 1].end if n else 0
        cue_tok, tail_end = None, m.end
        if _starts_sentence(text, m, prev_end):
            cue_tok, tail_end = _cue_after(sp, m, p_end)
        if cue_tok is None:
            cue_tok = _cue_before(sp, m, max(prev_end, _frame_floor(text, m, paras)))
            tail_end = m.end
        if cue_tok is not None:
            cue = cue_for(cue_tok)
            assert cue is not None
            found.append(
                Found("direct", content, _cue_span(cue_tok), cue_tok.i, _subject(cue_tok, cue), cue.kind)
            )
            frame_end.append(tail_end)
            continue
        prev = _continued(text, found, frame_end, m)
        found.append(Found("direct", content, None, None, None, continues=prev))
        frame_end.append(m.end)
    return found


def _cue_after(sp: Any, m: Marked, p_end: int) -> tuple[Any, int]:
    """The reporting verb in the few tokens after a closing mark (", said X" / " he added.")."""
    if not m.closed:
        return None, m.end
    start = _token_at(sp, m.end)
    if start is None:
        return None, m.end
    seen = 0
    for tok in sp[start:]:
        if tok.idx >= p_end or tok.text in _SENTENCE_END or _is_mark(tok.text):
            return None, m.end
        if tok.is_space or tok.is_punct:
            continue
        seen += 1
        if seen > _TAIL_TOKENS:
            break
        cue = cue_for(tok)
        if cue and "quote" in cue.frames and tok.pos_ in ("VERB", "AUX") and _asserted(tok):
            if tok.dep_ in ("relcl", "acl", "amod", "advcl") and tok.head.idx >= m.end:
                return None, m.end  # "…,” said the man who had warned …: the verb is in a modifier
            return tok, _sentence_end(sp, tok, p_end)
        if tok.pos_ == "VERB" and tok.dep_ not in ("compound", "amod"):
            break  # another verb first: the tail is a new clause, not an attribution
    return None, m.end


def _cue_before(sp: Any, m: Marked, floor: int) -> Any:
    """The reporting verb of a frame that introduces the quotation ("X said:", "He added, …")."""
    end = _token_at(sp, m.start)
    if end is None:
        return None
    toks = [t for t in sp[max(0, end - 30) : end] if t.idx >= floor]
    # Only the clause right before the mark: stop at the previous sentence end.
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in _SENTENCE_END:
            toks = toks[k + 1 :]
            break
    words = [t for t in toks if not t.is_space]
    if not words:
        return None
    if words[-1].text not in (":", ","):
        return None  # 'X said Y was “…”': a quotation inside a clause is read as mixed
    for tok in reversed(words):
        cue = cue_for(tok)
        if cue and "quote" in cue.frames and tok.pos_ in ("VERB", "AUX") and _asserted(tok):
            return tok if _subject(tok, cue) is not None else None
        if tok.lower_ == "according" and tok.i + 1 < len(sp) and sp[tok.i + 1].lower_ == "to":
            return None  # "According to X, “…”" is read by the indirect pass
    return None


def _starts_sentence(text: str, m: Marked, prev_end: int) -> bool:
    """True when nothing of the quotation's sentence precedes its opening mark."""
    before = text[max(prev_end, m.paragraph_start) : m.start].rstrip()
    return not before or before[-1] in ".!?:;—" or (prev_end > m.paragraph_start and before[-1] == ",")


def _frame_floor(text: str, m: Marked, paras: list[tuple[int, int]]) -> int:
    """Where the frame of a quotation may begin: its paragraph, or the one before if that ends "… said:"."""
    if text[m.paragraph_start : m.start].strip():
        return m.paragraph_start
    earlier = [s for s, e in paras if e <= m.paragraph_start and text[s:e].rstrip().endswith(":")]
    prev = [s for s, e in paras if e <= m.paragraph_start]
    if earlier and prev and earlier[-1] == prev[-1]:
        return prev[-1]
    return m.paragraph_start


def _continued(text: str, found: list[Found], frame_end: list[int], m: Marked) -> int | None:
    """Index of the attributed quotation that this uncued one continues, if only its frame lies between."""
    for k in range(len(found) - 1, -1, -1):
        f = found[k]
        if f.source is None and f.continues is None:
            return None
        between = text[frame_end[k] : m.start]
        if any(c.isalnum() for c in between):
            return None
        return k if f.continues is None else f.continues
    return None
