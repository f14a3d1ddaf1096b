"""Cue, source and content of each attribution, read off quotation marks and the dependency parse.

Three passes over one spaCy Doc:
1. direct: a quotation in marks takes the reporting verb right after it (", said X", ", he added")
   or right before it ("X said:"); one without a cue that continues the previous speaker's
   paragraph takes that speaker;
2. indirect: a cue verb of ``data/quote_cues.tsv`` with a subject and a clause complement
   ("X said that ..."), an infinitive ("vowed to ...") or a predicate ("called X a Y");
   "according to X" takes the rest of its clause;
3. mixed: an indirect content that contains a short quotation in marks absorbs it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sitroom.stages.nlp import text_of
from sitroom.stages.quotes.lexicon import (
    Cue,
    contest_markers,
    cue_for,
    deny_markers,
    documents,
    match_phrases,
)
from sitroom.stages.quotes.marks import Marked, find_marked, paragraphs

# Modal auxiliaries that make a cue hypothetical or future ("would say", "may claim"): never a quote.
_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "wo"})
_FUTURE = frozenset({"will", "shall", "wo"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SENTENCE_END = frozenset({".", "!", "?"})
# A quotation in marks with no cue counts as a quote only from this many words: shorter ones are
# scare quotes, titles and slogans ("the so-called 'caliphate'").
MIN_UNATTRIBUTED_WORDS = 6
# How far after a closing mark the reporting verb may stand, in tokens (", said Alex Decina, a ...").
_TAIL_TOKENS = 12


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution in character offsets; ``source`` is the token index of the speaker's head."""

    kind: str  # direct | indirect | mixed
    content: tuple[int, int]
    cue: tuple[int, int] | None
    cue_token: int | None
    source: int | None
    cue_kind: str = "speech"
    continues: int | None = None  # index into the result list of the quote this one continues
    status: str = "said"  # said | negated | future | hypothetical (``_status``)


def find_attributions(sp: Any) -> list[Found]:
    """Every attribution of the parsed text ``sp``, in text order. Pure: reads only ``sp``."""
    text: str = text_of(sp)
    marked = find_marked(text)
    direct = _direct(sp, text, marked)
    used_cues = {f.cue_token for f in direct if f.cue_token is not None}
    inside = [(m.start, m.end) for m in marked]
    indirect = [f for f in _indirect(sp) if f.cue_token not in used_cues and not _within(f.cue, inside)]
    indirect += _headline_colons(sp, text)
    out: list[Found] = []
    attributed = [f for f in direct if f.cue is not None or f.continues is not None]
    absorbed: set[int] = set()
    for f in indirect:
        if any(_overlaps(f.content, d.content) for d in attributed):
            continue  # the clause is a quotation that already has its own cue
        swallowed = [
            d for d in direct if d.cue is None and d.continues is None and _overlaps(f.content, d.content)
        ]
        if not swallowed:
            out.append(f)
            continue
        # 'X said Y is “trying to …”': the clause and its quoted words are one (mixed) quote; when
        # the marks enclose nearly all of it ('X said “…”' without a comma) it is a direct one.
        lo = min(f.content[0], *(d.content[0] for d in swallowed))
        hi = max(f.content[1], *(d.content[1] for d in swallowed))
        quoted = sum(d.content[1] - d.content[0] for d in swallowed)
        kind = "direct" if quoted >= 0.9 * (hi - lo) else "mixed"
        out.append(Found(kind, (lo, hi), f.cue, f.cue_token, f.source, f.cue_kind, status=f.status))
        absorbed.update(id(d) for d in swallowed)
    keep = [
        d
        for d in direct
        if id(d) not in absorbed
        and (
            d.cue is not None or d.continues is not None or _words(text, d.content) >= MIN_UNATTRIBUTED_WORDS
        )
    ]
    # Re-point continuation links after filtering and sorting.
    merged = sorted([*keep, *_outermost(sp, out)], key=lambda f: f.content)
    return _relink(direct, merged)


def _outermost(sp: Any, found: list[Found]) -> list[Found]:
    """Attributions whose cue stands inside no other attribution's content, or that dispute it.

    "X said Y believes Z": what Y believes is X's report, not Y's statement; giving Z to Y as a
    quote would state as fact what only X says. The inner attribution stays part of X's content,
    unless the text marks it as disputed or denied ("Moscow falsely claimed Z, Kyiv said"): that
    mark must reach the claims, or Z would pass as X's plain report.
    """
    contents = [f.content for f in found]
    return [
        f
        for f in found
        if f.cue is None
        or not any(c != f.content and _contains(c, f.cue) for c in contents)
        or _disputed(sp, f)
    ]


def _disputed(sp: Any, f: Found) -> bool:
    if f.cue_kind == "deny" or f.cue_token is None:
        return f.cue_kind == "deny"
    frame = [t for t in sp[f.cue_token].subtree if not f.content[0] <= t.idx < f.content[1]]
    words = [t.lower_ for t in frame]
    lemmas = [t.lemma_.lower() for t in frame]
    return any(match_phrases(words, lemmas, table) for table in (contest_markers(), deny_markers()))


def _relink(direct: list[Found], merged: list[Found]) -> list[Found]:
    position = {id(f): i for i, f in enumerate(merged)}
    out: list[Found] = []
    for f in merged:
        if f.continues is not None:
            target = direct[f.continues]
            idx = position.get(id(target))
            f = replace(f, continues=idx)
        out.append(f)
    return out


# ---- direct quotations -------------------------------------------------------------------


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


# ---- indirect attributions ------------------------------------------------------------


def _indirect(sp: Any) -> list[Found]:
    out: list[Found] = []
    for tok in sp:
        if tok.lower_ == "according" and tok.i + 1 < len(sp) and sp[tok.i + 1].lower_ == "to":
            out.extend(_according_to(sp, tok))
            continue
        cue = cue_for(tok)
        status = None if cue is None or tok.pos_ != "VERB" else _status(tok)
        if cue is None or status is None:
            continue
        if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle for c in tok.children):
            continue
        content = _content(tok, cue)
        if content is None:
            if status == "said":
                out.extend(_parenthetical(sp, tok, cue))
            continue
        source = _subject(tok, cue)
        if source is not None and _document_relative(sp[source]):
            source = _issuer(sp[source].head.head)  # "released a video that accuses …"
        if source is None and _agentless_passive(tok):
            # "It was reported that …", "He was told that …": reported speech whose speaker the
            # text does not name; kept with no source rather than given to the addressee.
            out.append(Found("indirect", content, _cue_span(tok), tok.i, None, cue.kind, status=status))
            continue
        if source is None or content[0] <= sp[source].idx < content[1]:
            continue
        if cue.kind != "belief" and not _can_speak(sp[source], tok, cue):
            continue
        cue_span = _cue_span(tok)
        nxt = tok.nbor(1) if tok.i + 1 < len(sp) else None
        attached = nxt is not None and tok.i in (nxt.head.i, nxt.head.head.i)
        if nxt is not None and attached and nxt.lower_ in cue.preps and _end(nxt) <= content[0]:
            cue_span = (cue_span[0], _end(nxt))  # "called for", "warned of": the preposition is in the cue
        out.append(Found("indirect", content, cue_span, tok.i, source, cue.kind, status=status))
    return out


def _content(tok: Any, cue: Cue) -> tuple[int, int] | None:
    kids = list(tok.children)
    if "ccomp" in cue.frames:
        subject = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        clauses = [c for c in kids if c.dep_ == "ccomp" and _has_verb(c)]
        # A clause that holds the speaker is not what the speaker said ("Kasich offered …, then says …").
        clauses = [c for c in clauses if subject is None or not c.left_edge.i <= subject.i <= c.right_edge.i]
        if clauses:
            return _subtree_span(max(clauses, key=lambda c: c.i > tok.i))
        # "said in a statement that …", "said during a news conference that …": the clause hangs on the noun.
        for p in kids:
            if p.dep_ != "prep" or p.i < tok.i:
                continue
            mark = next((t for t in p.subtree if t.dep_ == "mark" and t.lower_ == "that"), None)
            if mark is not None and mark.head.dep_ in ("acl", "ccomp", "relcl", "advcl"):
                last = mark.head.right_edge
                while last.is_punct and last.i > mark.i:
                    last = last.nbor(-1)
                return _trim(text_of(tok.doc), mark.idx, _end(last))
        # "X claimed, in contradiction of …, that Y": the small parser often hangs the cue under Y.
        head = tok.head
        mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if tok.dep_ == "ccomp" and head.i > tok.i and mark is not None and mark.i > tok.right_edge.i:
            last = head.right_edge
            while last.is_punct and last.i > mark.i:
                last = last.nbor(-1)
            return _trim(text_of(tok.doc), mark.idx, _end(last))
    if "xcomp" in cue.frames:
        for c in kids:
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                # "asked the campaign to cease …": who is asked belongs to what is asked.
                obj = next((o for o in kids if o.dep_ == "dobj" and tok.i < o.i < c.i), None)
                start = c if obj is None else obj
                return _trim(text_of(tok.doc), start.left_edge.idx, _end(c.right_edge))
    if "if" in cue.frames:
        # "asked workers if they planned to …": an indirect question.
        for c in kids:
            if c.dep_ in ("advcl", "ccomp") and c.i > tok.i and any(
                m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children
            ):
                return _subtree_span(c)
    if "oprd" in cue.frames:
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        pred = next((c for c in kids if c.dep_ == "oprd"), None)
        if obj is not None and pred is not None and obj.i < pred.i:
            return obj.left_edge.idx, _end(pred.right_edge)
    for prep in cue.preps:
        # "called for a ceasefire", "called on Turkey to act", "warned of a massacre"
        p = next((c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == prep and c.i > tok.i), None)
        if p is None:
            # "calling for the U.S. to step up …": the parser hangs "for" on the infinitive.
            clause = next((c for c in kids if c.dep_ in _FOR_TO and _opens_with(c, prep, tok)), None)
            if clause is not None:
                start = clause.doc[clause.left_edge.i + 1].idx
                return _trim(text_of(tok.doc), start, _end(clause.right_edge))
            continue
        parts = [t for t in p.subtree if t.i > p.i]
        parts += [t for c in kids if c.dep_ in ("xcomp", "advcl") and c.i > p.i for t in c.subtree]
        if parts:
            return _trim(text_of(tok.doc), min(t.idx for t in parts), max(_end(t) for t in parts))
    if "dobj" in cue.frames:
        # A speech act with a noun content: "condemned the attack", "accused Russia of war crimes".
        obj = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i and c.pos_ != "PRON"), None)
        if obj is None:
            return None
        last = obj.right_edge
        for c in kids:
            if c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for"))):
                last = max(last, c.right_edge, key=lambda t: t.i)
        return _trim(text_of(tok.doc), obj.left_edge.idx, _end(last))
    return None


_FOR_TO = frozenset({"advcl", "ccomp", "xcomp"})


def _opens_with(clause: Any, prep: str, tok: Any) -> bool:
    """True when ``clause`` starts right after ``tok`` with the word ``prep`` ("for X to …")."""
    first = clause.left_edge
    return bool(first.i == tok.i + 1 and first.lower_ == prep and first.head.i == clause.i)


def _headline_colons(sp: Any, text: str) -> list[Found]:
    """"Erdogan: Turkey will not allow a terror corridor": a name, a colon and what the person said.

    Only a line that opens with a short proper name of a person or organisation (not a place:
    "Syria: the war in numbers" is a topic label) counts.
    """
    out = []
    for start, end in paragraphs(text):
        line = text[start:end]
        colon = line.find(": ")
        if not 1 < colon <= 40:
            continue
        name = sp.char_span(start, start + colon, alignment_mode="contract")
        if name is None or not 1 <= len(name) <= 5 or not all(t.pos_ == "PROPN" for t in name):
            continue
        if not any(t.ent_type_ in ("PERSON", "ORG") for t in name):
            continue
        content = _trim(text, start + colon + 1, end)
        if _words(text, content) >= 3:
            cue = (start + colon, start + colon + 1)
            out.append(Found("indirect", content, cue, None, name[-1].i, "speech"))
    return out


def _parenthetical(sp: Any, tok: Any, cue: Cue) -> list[Found]:
    """"This campaign, he says, is different": the cue interrupts the clause it reports.

    The content is the clause around the cue, in two pieces that share the cue.
    """
    if tok.dep_ != "parataxis" or "ccomp" not in cue.frames or tok.head.pos_ not in ("VERB", "AUX"):
        return []
    source = next((c.i for c in tok.children if c.dep_ == "nsubj"), None)
    if source is None:
        return []
    head = tok.head
    last = head.right_edge
    while last.is_punct and last.i > tok.right_edge.i:
        last = last.nbor(-1)
    pieces = [(head.left_edge.idx, tok.left_edge.idx), (_end(tok.right_edge), _end(last))]
    out = []
    for a, b in pieces:
        a, b = _trim(text_of(sp), a, b)
        if a < b and _words(text_of(sp), (a, b)) >= 1:
            out.append(Found("indirect", (a, b), _cue_span(tok), tok.i, source, cue.kind))
    return out


def _according_to(sp: Any, tok: Any) -> list[Found]:
    """ "According to X, Y" / "Y, according to X": the source is X, the content the rest of the clause."""
    to = sp[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return []
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "advcl") and clause.head.i != clause.i:
        clause = clause.head
    if clause.i == tok.i:
        return []
    frame = (tok.idx, _end(max(pobj.right_edge, to, key=lambda t: t.i)))
    lo, hi = clause.left_edge.idx, _end(clause.right_edge)
    if clause.left_edge.dep_ == "cc":  # "But …": the conjunction links to the previous sentence
        lo = clause.doc[clause.left_edge.i + 1].idx
    pieces = [(lo, frame[0]), (frame[1], hi)]
    cue = (tok.idx, _end(to))
    out = []
    for a, b in pieces:
        a, b = _trim(text_of(sp), a, b)
        if _words(text_of(sp), (a, b)) >= 3:
            out.append(Found("indirect", (a, b), cue, tok.i, pobj.i, "speech"))
    return out


def _clause_bounds(head: Any) -> tuple[int, int]:
    """The clause of ``head`` without the clauses conjoined to it ("X did A, but reports suggest B")."""
    left, right = head.left_edge.i, head.right_edge.i
    for c in head.children:
        if c.dep_ == "conj" and c.i > head.i and c.pos_ in ("VERB", "AUX"):
            right = min(right, c.left_edge.i - 1)
            for cc in head.children:
                if cc.dep_ == "cc" and head.i < cc.i < c.i:
                    right = min(right, cc.i - 1)
    doc = head.doc
    return doc[left].idx, _end(doc[right])


# ---- shared helpers ----------------------------------------------------------------------


def _subject(tok: Any, cue: Cue) -> int | None:
    """Token index of the speaker: the verb's subject, or the one it shares with the verb it extends."""
    probe = tok
    for _ in range(3):
        subjects = [c for c in probe.children if c.dep_ in ("nsubj", "csubj") and _same_paragraph(c, probe)]
        if subjects:
            # Two subjects is a parse error ("9:50 p.m. / Ted Cruz said"): the nearer one speaks.
            return int(min(subjects, key=lambda c: abs(c.i - probe.i)).i)
        if any(c.dep_ == "nsubjpass" for c in probe.children):
            agent = next((c for c in probe.children if c.dep_ == "agent"), None)
            pobj = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
            return None if pobj is None else int(pobj.i)
        # "…, adding that …" / "called X a Y and vowed to …": the subject of the governing verb.
        if probe.dep_ in ("conj", "advcl", "xcomp") and probe.head.i != probe.i:
            probe = probe.head
            continue
        # "The group, falsely claiming that …, shelled it": a participle on a noun; the noun speaks.
        if probe.dep_ == "acl" and probe.tag_ == "VBG" and probe.head.pos_ in ("NOUN", "PROPN"):
            return _issuer(probe.head)
        # "…, before saying that …": the preposition's verb has the subject.
        if probe.dep_ == "pcomp" and probe.head.dep_ == "prep" and probe.head.head.pos_ in ("VERB", "AUX"):
            probe = probe.head.head
            continue
        break
    return None


def _issuer(noun: Any) -> int:
    """Who issued a document ("The militia issued a statement saying …"), else the noun itself."""
    if noun.lemma_.lower() in documents() and noun.dep_ == "dobj":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return int(subject.i)
    return int(noun.i)


def _document_relative(tok: Any) -> bool:
    """"that"/"which" opening a relative clause on a document noun ("a statement which said …")."""
    return bool(
        tok.lower_ in ("that", "which")
        and tok.head.dep_ == "relcl"
        and tok.head.head.lemma_.lower() in documents()
    )


def _agentless_passive(tok: Any) -> bool:
    """A passive cue with no "by" agent, in a clause of its own ("it was reported that")."""
    kids = list(tok.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    return passive and tok.dep_ in ("ROOT", "conj") and not any(c.dep_ == "agent" for c in kids)


def _can_speak(source: Any, tok: Any, cue: Cue) -> bool:
    """An infinitive frame ("threatens to …", "promised to …") reports speech only from a named agent.

    "The transfer threatens to destabilize the deal" is no attribution; "Putin vowed to purge it" is.
    """
    if not any(c.dep_ == "xcomp" for c in tok.children) or any(c.dep_ == "ccomp" for c in tok.children):
        return True
    return bool(source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or source.pos_ == "PRON")


def _same_paragraph(a: Any, b: Any) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def _asserted(tok: Any) -> bool:
    """False for negated, modal or conditional uses: "did not say", "would claim", "if he says"."""
    return _status(tok) == "said"


def _status(tok: Any) -> str | None:
    """Whether the cue reports speech that took place: said, negated, future or hypothetical.

    None for an infinitive ("to say", "declined to comment"): the governing verb is the cue.
    A conditional ("if he says") is hypothetical before a negation or a modal counts.
    """
    if tok.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    kids = list(tok.children)
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
        return "hypothetical"
    if any(c.dep_ == "neg" for c in kids):
        return "negated"
    modal = next((c.lower_ for c in kids if c.dep_ == "aux" and c.lower_ in _MODALS), None)
    if modal is None:
        return "said"
    return "future" if modal in _FUTURE else "hypothetical"


def _cue_span(tok: Any) -> tuple[int, int]:
    """The verb with the auxiliaries and adverbs right before it and its particle: "has also said"."""
    start, end = tok.idx, _end(tok)
    k = tok.i - 1
    doc = tok.doc
    while k >= 0 and doc[k].head.i == tok.i and doc[k].dep_ in ("aux", "auxpass", "advmod", "neg"):
        if doc[k].dep_ == "advmod" and doc[k].pos_ != "ADV":
            break
        start = doc[k].idx
        k -= 1
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = _end(c)
    return start, end


def _subtree_span(tok: Any) -> tuple[int, int]:
    return _trim(text_of(tok.doc), tok.left_edge.idx, _end(tok.right_edge))


def _has_verb(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in _SUBJECTS for c in tok.children)


def _sentence_end(sp: Any, tok: Any, limit: int) -> int:
    return min(limit, _end(tok.sent[-1]))


def _token_at(sp: Any, char: int) -> int | None:
    for t in sp[max(0, _bisect(sp, char) - 1) :]:
        if t.idx >= char:
            return int(t.i)
    return None


def _bisect(sp: Any, char: int) -> int:
    lo, hi = 0, len(sp)
    while lo < hi:
        mid = (lo + hi) // 2
        if sp[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _end(tok: Any) -> int:
    return int(tok.idx + len(tok.text))


def _is_mark(s: str) -> bool:
    return s in ('"', "“", "”", "‘", "’", "«", "»", "„", "``", "''")


_EDGE = ' \t\n,;:—–-"“”‘’«»„'


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop spaces, commas and quotation marks at either edge of a span."""
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _within(span: tuple[int, int] | None, regions: list[tuple[int, int]]) -> bool:
    return span is not None and any(a <= span[0] and span[1] <= b for a, b in regions)
