"""Candidate spans and their features for the learned attribution pass (``learned``).

Given a cue's head token, the parse offers a handful of spans that could be its source (a noun
phrase of the sentence, whole or cut before a relative clause or apposition) and its content (a
complement's subtree, the clause the cue interrupts, the rest of the sentence, a quotation in
marks next to the cue). Rankers trained on PolNeAR train (``scripts/train_quote_spans.py``) pick
one of each; this module only proposes spans and describes them as sparse string features, so
training and run time read exactly the same things.

Spans are token ranges ``(first, last + 1)`` of the spaCy Doc.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitroom.stages.quotes.marks import Marked

TokSpan = tuple[int, int]

# What a cue head can be: a verb ("said"), a noun ("statement", "claims"), an adjective
# ("critical of"), a preposition ("according to").
CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP"})
# Heads of noun phrases that may name a speaker.
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ", "DET"})
# Right-hand dependents that end a speaker's name: "X, who …", "X, a spokesman for Y, said".
_SOURCE_TAIL = frozenset({"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advcl"})
_MARKS = frozenset({'"', "“", "”", "‘", "’", "«", "»", "„", "``", "''"})
_PATH_MAX = 4


def span_of(tokens: Iterable[Any]) -> TokSpan | None:
    idx = [t.i for t in tokens]
    return (min(idx), max(idx) + 1) if idx else None


def paragraph(h: Any) -> tuple[int, int]:
    """Token range of the cue's paragraph: no line break inside it.

    The parser runs a caption's last line into the next paragraph ("… Paula Bronstein / The Nato
    spokesperson said …"); a speaker or content is never taken across that break.
    """
    doc = h.doc
    lo = h.i
    while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_:
        lo -= 1
    hi = h.i + 1
    while hi < len(doc) and "\n" not in doc[hi - 1].whitespace_ and "\n" not in doc[hi].text:
        hi += 1
    return lo, hi


def source_candidates(h: Any) -> dict[TokSpan, tuple[Any, str]]:
    """Noun phrases of the cue's sentence that could name its speaker: span -> (head, variant)."""
    out: dict[TokSpan, tuple[Any, str]] = {}
    lo, hi = paragraph(h)
    for t in h.sent:
        if t.pos_ not in _SOURCE_POS or t.dep_ == "compound" or t.i == h.i or not lo <= t.i < hi:
            continue
        full = [x for x in t.subtree if lo <= x.i < hi]
        tail: set[int] = set()
        rel: set[int] = set()
        for c in t.children:
            if c.i > t.i and c.dep_ in _SOURCE_TAIL:
                tail.update(x.i for x in c.subtree)
            if c.dep_ in ("relcl", "acl", "advcl") or h in c.subtree:
                rel.update(x.i for x in c.subtree)
        stop = h.i if t.i < h.i else len(h.doc)
        variants = (
            ("sub", span_of(full)),
            ("left", span_of(x for x in full if x.i not in tail)),
            ("norel", span_of(x for x in full if x.i not in rel and x.i < stop)),
        )
        for kind, v in variants:
            if v is not None and not v[0] <= h.i < v[1]:
                out.setdefault(v, (t, kind))
    return out


def content_candidates(h: Any, marked: list[Marked]) -> dict[TokSpan, tuple[Any, str]]:
    """Spans that could be what the cue reports: span -> (anchor token, how it was found)."""
    out: dict[TokSpan, tuple[Any, str]] = {}
    doc = h.doc
    lo, hi = paragraph(h)

    def add(tokens: Iterable[Any], anchor: Any, kind: str) -> None:
        # Only a quotation in marks runs over paragraphs; a parsed span stays in the cue's.
        v = span_of(t for t in tokens if kind.startswith("marks") or lo <= t.i < hi)
        if v is not None and not v[0] <= h.i < v[1]:
            out.setdefault(v, (anchor, kind))

    for c in h.children:
        if c.dep_ == "punct":
            continue
        add(c.subtree, c, "child:" + c.dep_)
        add((x for x in c.subtree if not (x.dep_ == "mark" and x.head.i == c.i)), c, "nomark:" + c.dep_)
        # "pledged to enact X, fix Y and said …": a clause without its coordinated clauses.
        conj = {x.i for k in c.children if k.dep_ in ("conj", "cc") and k.i > c.i for x in k.subtree}
        if conj:
            add((x for x in c.subtree if x.i not in conj), c, "noconj:" + c.dep_)
        if c.dep_ in ("prep", "agent", "dative", "dobj"):
            for g in c.children:
                if g.dep_ not in ("punct", "det", "amod", "compound"):
                    add(g.subtree, g, f"grand:{c.dep_}>{g.dep_}")
    # "…, X said, …" and "according to X, …": the clause the cue interrupts, without the cue's part.
    inner, p = h, h
    for up in range(2):
        if p.head.i == p.i:
            break
        p = p.head
        cut = {x.i for x in inner.subtree}
        rest = [x for x in p.subtree if x.i not in cut]
        add(rest, p, f"up{up}")
        add((x for x in rest if x.i > inner.right_edge.i), p, f"up{up}R")
        add((x for x in rest if x.i < inner.left_edge.i), p, f"up{up}L")
        inner = p
    sent = h.sent
    add((x for x in sent if x.i > h.right_edge.i), h, "sentR")
    add((x for x in sent if x.i < h.left_edge.i), h, "sentL")
    add((x for x in sent if x.i > h.i), h, "afterH")
    # A quotation in marks that touches the cue's sentence or opens right after it.
    first, last = doc[sent.start].idx, doc[sent.end - 1].idx + len(doc[sent.end - 1])
    for m in marked:
        if m.start <= last + 2 and first <= m.end:
            inner_tokens = [
                t for t in doc.char_span(m.inner_start, m.inner_end, alignment_mode="expand") or ()
            ]
            add(inner_tokens, h, "marks" if m.start >= lo else "marks_before")
    return out


def path(a: Any, b: Any) -> str:
    """Dependency path from ``a`` to ``b``: labels going up to their common ancestor, then down."""
    up: list[Any] = [a]
    while up[-1].head.i != up[-1].i and len(up) <= _PATH_MAX + 1:
        up.append(up[-1].head)
    pos = {t.i: k for k, t in enumerate(up)}
    down: list[str] = []
    t = b
    while t.i not in pos:
        down.append(t.dep_)
        if t.head.i == t.i or len(down) > _PATH_MAX:
            return "far"
        t = t.head
    ups = [x.dep_ for x in up[: pos[t.i]]]
    if len(ups) + len(down) > _PATH_MAX:
        return "far"
    return "^".join(ups) + "|" + ">".join(reversed(down))


def _bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 13, 21, 34):
        if n <= edge:
            return str(edge)
    return "more"


def cue_features(h: Any) -> list[str]:
    """Features of a token as the head of a cue: its word, its part of speech and its frame."""
    lem = h.lemma_.lower()
    kids = list(h.children)
    deps = sorted({c.dep_ for c in kids if c.dep_ != "punct"})
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "poss")), None)
    skind = "none" if subj is None else (subj.ent_type_ or subj.pos_)
    sent = h.sent
    near = h.doc[max(sent.start, h.i - 3) : min(sent.end, h.i + 4)]
    mark = any(t.text in _MARKS for t in near)
    out = [
        f"lem={lem}",
        f"pos={h.pos_}",
        f"lem*pos={lem}|{h.pos_}",
        f"tag={h.tag_}",
        f"lem*tag={lem}|{h.tag_}",
        f"dep={h.dep_}",
        f"lem*dep={lem}|{h.dep_}",
        f"pos*dep={h.pos_}|{h.dep_}",
        f"subj={skind}",
        f"lem*subj={lem}|{skind}",
        f"mark={mark}",
        f"lem*mark={lem}|{mark}",
        f"head={h.head.lemma_.lower()}|{h.dep_}",
    ]
    for d in deps:
        out.append(f"child={d}")
        out.append(f"lem*child={lem}|{d}")
        out.append(f"pos*child={h.pos_}|{d}")
    for c in kids:
        if c.dep_ in ("prep", "prt", "mark", "aux", "neg", "dobj", "agent") or c.pos_ == "ADP":
            out.append(f"lem*kid={lem}|{c.dep_}|{c.lower_}")
    doc = h.doc
    if h.i > 0:
        out.append(f"prev={doc[h.i - 1].lower_}")
        out.append(f"lem*prev={lem}|{doc[h.i - 1].lower_}")
    if h.i + 1 < len(doc):
        out.append(f"next={doc[h.i + 1].lower_}")
        out.append(f"lem*next={lem}|{doc[h.i + 1].lower_}")
    return out


def extent_features(h: Any, c: Any) -> list[str]:
    """Features of a dependent ``c`` of a cue head ``h``: is it part of the cue ("has said")?"""
    lem = h.lemma_.lower()
    side = "L" if c.i < h.i else "R"
    gap = abs(c.i - h.i)
    return [
        f"dep={c.dep_}|{side}",
        f"word={c.lower_}|{c.dep_}",
        f"pos={c.pos_}|{c.dep_}",
        f"lem*dep={lem}|{c.dep_}|{side}",
        f"lem*word={lem}|{c.lower_}",
        f"gap={_bucket(gap)}|{c.dep_}",
        f"size={_bucket(sum(1 for _ in c.subtree))}|{c.dep_}",
        f"kids={'+'.join(sorted({k.dep_ for k in c.children})) or 'none'}|{c.dep_}",
    ]


def source_features(h: Any, v: TokSpan, t: Any, kind: str) -> list[str]:
    """Features of span ``v`` (head ``t``, found as ``kind``) as the speaker of cue head ``h``."""
    p = path(h, t)
    lem = h.lemma_.lower()
    doc = h.doc
    ent = t.ent_type_ or "-"
    n = v[1] - v[0]
    out = [
        f"path={p}",
        f"lem*path={lem}|{p}",
        f"pos*path={h.pos_}|{p}",
        f"kind={kind}",
        f"kind*path={kind}|{p}",
        f"tpos={t.pos_}",
        f"ent={ent}",
        f"ent*path={ent}|{p}",
        f"side={'L' if t.i < h.i else 'R'}",
        f"dist={_bucket(abs(t.i - h.i))}",
        f"len={_bucket(n)}",
        f"first={doc[v[0]].lower_ if doc[v[0]].pos_ in ('DET', 'PRON', 'ADP') else doc[v[0]].pos_}",
        f"last={doc[v[1] - 1].pos_}",
    ]
    if t.pos_ == "PRON":
        out.append(f"pron={t.lower_}")
    if any(doc[k].text in _MARKS for k in range(v[0], v[1])):
        out.append("has_mark")
    if any(doc[k].ent_type_ == "PERSON" for k in range(v[0], v[1])):
        out.append("has_person")
    return out


def content_features(h: Any, v: TokSpan, a: Any, kind: str) -> list[str]:
    """Features of span ``v`` (found from token ``a`` as ``kind``) as what cue head ``h`` reports."""
    doc = h.doc
    lem = h.lemma_.lower()
    first, last = doc[v[0]], doc[v[1] - 1]
    sent = h.sent
    n = v[1] - v[0]
    verbs = any(doc[k].pos_ in ("VERB", "AUX") for k in range(v[0], v[1]))
    out = [
        f"kind={kind}",
        f"lem*kind={lem}|{kind}",
        f"pos*kind={h.pos_}|{kind}",
        f"first={first.lower_ if first.pos_ in ('SCONJ', 'PART', 'ADP', 'DET', 'PRON') else first.pos_}",
        f"kind*first={kind}|{first.lower_ if first.is_stop else first.pos_}",
        f"last={last.pos_}",
        f"len={_bucket(n)}",
        f"kind*len={kind}|{_bucket(n)}",
        f"verb={verbs}",
        f"kind*verb={kind}|{verbs}",
        f"side={'L' if v[1] <= h.i else 'R'}",
        f"sent_start={v[0] == sent.start}",
        f"sent_end={v[1] >= sent.end - 1}",
        f"beyond={v[1] > sent.end or v[0] < sent.start}",
        f"adep={a.dep_}",
    ]
    if any(doc[k].text in _MARKS for k in range(v[0], v[1])):
        out.append("has_mark")
    return out
