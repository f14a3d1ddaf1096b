"""Cue, source and content of each attribution, read off quotation marks and the dependency parse.

Three passes over one spaCy Doc:
1. direct (``direct``): a quotation in marks takes the reporting verb right after it (", said X",
   ", he added") or right before it ("X said:"); one without a cue that continues the previous
   speaker's paragraph takes that speaker;
2. indirect: a cue verb of ``data/quote_cues.tsv`` with a subject and a clause complement
   ("X said that ..."), an infinitive ("vowed to ...") or a predicate ("called X a Y");
   "according to X" takes the rest of its clause;
3. mixed: an indirect content that contains a short quotation in marks absorbs it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitroom.stages.nlp import text_of
from sitroom.stages.quotes.direct import _direct
from sitroom.stages.quotes.frames import (
    Found,
    _agentless_passive,
    _can_speak,
    _contains,
    _cue_span,
    _document_relative,
    _end,
    _finite,
    _has_verb,
    _issuer,
    _overlaps,
    _status,
    _subject,
    _subtree_span,
    _trim,
    _within,
    _words,
)
from sitroom.stages.quotes.learned import can_hold_view, learned_attributions
from sitroom.stages.quotes.lexicon import Cue, contest_markers, cue_for, deny_markers, match_phrases
from sitroom.stages.quotes.marks import find_marked, paragraphs
from sitroom.stages.quotes.model import learned_cue, widened
from sitroom.stages.quotes.model import likely_cue as _likely
from sitroom.stages.quotes.spans import paragraph

# A quotation in marks with no cue counts as a quote only from this many words: shorter ones are
# scare quotes, titles and slogans ("the so-called 'caliphate'").
MIN_UNATTRIBUTED_WORDS = 6


def find_attributions(sp: Any) -> list[Found]:
    """Every attribution of the parsed text ``sp``, in text order. Pure: reads only ``sp``."""
    text: str = text_of(sp)
    marked = find_marked(text)
    direct = _direct(sp, text, marked)
    used_cues = {f.cue_token for f in direct if f.cue_token is not None}
    inside = [(m.start, m.end) for m in marked]
    paras = paragraphs(text)
    inverted = _inverted(sp, text, paras)
    used_cues |= {f.cue_token for f in inverted if f.cue_token is not None}
    indirect = [f for f in _indirect(sp) if f.cue_token not in used_cues and not _within(f.cue, inside)]
    indirect += inverted
    indirect += _headline_colons(sp, text, paras)
    indirect += [f for f in _nominal(sp) if f.cue_token not in used_cues and not _within(f.cue, inside)]
    indirect += _unlisted(sp, marked, inside, direct, indirect)
    indirect = [g for g in (_in_paragraph(sp, f) for f in indirect) if g is not None]
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


def _in_paragraph(sp: Any, f: Found) -> Found | None:
    """An indirect content cut to its cue's paragraph: the parser runs a headline or a caption into
    the next sentence ("Headline / … were killed, officials said"), and that line was not said."""
    if f.kind != "indirect" or f.cue_token is None:
        return f
    lo, hi = paragraph(sp[f.cue_token])
    start, end = sp[lo].idx, _end(sp[hi - 1])
    a, b = f.content
    if a < start < b:
        a = start
    if a < end < b:
        b = end
    # A content wholly in another paragraph ("He said:" / the next paragraph) is kept as it is.
    a, b = _trim(text_of(sp), a, b)
    return None if a >= b else replace(f, content=(a, b))


def _unlisted(
    sp: Any, marked: list[Any], inside: list[tuple[int, int]], direct: list[Found], found: list[Found]
) -> list[Found]:
    """Learned attributions (``learned``) whose cue and content no rule-found attribution has;
    ``inside`` holds the quotations in marks, where no cue stands."""
    taken = {f.cue_token for f in (*direct, *found) if f.cue_token is not None}
    known = [f.content for f in (*direct, *found) if f.cue is not None or f.continues is not None]
    return [
        f
        for f in learned_attributions(sp, marked, taken)
        if not _within(f.cue, inside) and not any(_overlaps(f.content, c) for c in known)
    ]


def _outermost(sp: Any, found: list[Found]) -> list[Found]:
    """Attributions whose cue stands inside no other attribution's content, or that dispute it.

    "X said Y believes Z": what Y believes is X's report, not Y's statement; giving Z to Y as a
    quote would state as fact what only X says. The inner attribution stays part of X's content,
    unless the text marks it as disputed or denied ("Moscow falsely claimed Z, Kyiv said"): that
    mark must reach the claims, or Z would pass as X's plain report.
    """
    # A learned cue gives way to a listed one inside its content ("issued a statement saying …").
    listed = [g.cue for g in found if g.cue is not None and g.cue_kind != "learned"]
    found = [
        f
        for f in found
        if f.cue_kind != "learned"
        or f.cue is None
        or not any(c != f.cue and _contains(f.content, c) for c in listed)
    ]
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


# ---- indirect attributions ------------------------------------------------------------


def _indirect(sp: Any) -> list[Found]:
    out: list[Found] = []
    for tok in sp:
        if tok.lower_ == "according" and tok.i + 1 < len(sp) and sp[tok.i + 1].lower_ == "to":
            out.extend(_according_to(sp, tok))
            continue
        cue = cue_for(tok) or learned_cue(tok)
        status = None if cue is None or tok.pos_ != "VERB" else _status(tok)
        listed = cue is not None and cue.kind != "learned" and tok.pos_ == "VERB"
        chain = _governing(tok) if listed and status is None else None
        if chain is not None:
            status = _status(chain)  # "continued to warn that …": the governing verb's tense and polarity
        if cue is None or status is None:
            continue
        if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle for c in tok.children):
            continue
        content = _content(tok, cue)
        if content is None and cue.kind != "learned" and _likely(tok):
            # A lexicon cue in a frame its entry does not list ("described him as …", "was
            # criticized as …"): the model, which read the frame, vouches for it.
            content = _content(tok, widened(tok, cue))
        if content is None:
            if status == "said":
                out.extend(_parenthetical(sp, tok, cue))
            continue
        source = _subject(tok, cue)
        if source is not None and _document_relative(sp[source]):
            source = _issuer(sp[source].head.head)  # "released a video that accuses …"
        if source is None and _agentless_passive(tok) and cue.kind != "learned":
            # "It was reported that …", "He was told that …": reported speech whose speaker the
            # text does not name; kept with no source rather than given to the addressee.
            out.append(Found("indirect", content, _cue_span(tok), tok.i, None, cue.kind, status=status))
            continue
        if source is None or content[0] <= sp[source].idx < content[1]:
            continue
        if cue.kind != "belief" and not _can_speak(sp[source], tok):
            continue
        if cue.kind == "learned" and not can_hold_view(sp[source], tok):
            continue  # a learned cue is a stance: kept only when its holder can be named
        cue_span = _cue_span(tok)
        if chain is not None:
            cue_span = (_cue_span(chain)[0], cue_span[1])
        nxt = tok.nbor(1) if tok.i + 1 < len(sp) else None
        attached = nxt is not None and tok.i in (nxt.head.i, nxt.head.head.i)
        if nxt is not None and attached and nxt.lower_ in cue.preps and _end(nxt) <= content[0]:
            cue_span = (cue_span[0], _end(nxt))  # "called for", "warned of": the preposition is in the cue
        out.append(Found("indirect", content, cue_span, tok.i, source, cue.kind, status=status))
    return out


def _governing(tok: Any) -> Any | None:
    """The verb that governs a listed cue's infinitive and is no cue itself: "continue to warn".

    Verbs that are cues in their own right ("vowed to say", "declined to comment") keep the frame.
    """
    head = tok.head
    if tok.dep_ != "xcomp" or head.i == tok.i or head.pos_ != "VERB" or head.i > tok.i:
        return None
    if cue_for(head) is not None or learned_cue(head) is not None:
        return None
    if any(c.dep_ in ("dobj", "nsubjpass") for c in head.children):
        return None  # "conjured the specter of ISIS to justify …": the object's purpose, not speech
    return head


def _content(tok: Any, cue: Cue) -> tuple[int, int] | None:
    kids = list(tok.children)
    if "ccomp" in cue.frames:
        subject = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        clauses = [c for c in kids if c.dep_ == "ccomp" and _has_verb(c)]
        # A clause that holds the speaker is not what the speaker said ("Kasich offered …, then says …").
        clauses = [c for c in clauses if subject is None or not c.left_edge.i <= subject.i <= c.right_edge.i]
        # A clause opening on a finite verb has lost its subject to a misparse ("Those reported to
        # have defected were paraded"): what it says is no one's statement. In a relative clause
        # the subject is the noun it hangs on ("a move experts say is intended to …").
        clauses = [c for c in clauses if tok.dep_ == "relcl" or not _finite(c.left_edge)]
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
            if (
                c.dep_ in ("advcl", "ccomp")
                and c.i > tok.i
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
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


def _nominal(sp: Any) -> list[Found]:
    """ "Moscow's claim that …", "a denial by the ministry that …": a cue noun with its clause.

    Only with a named source (the possessor or the "by" agent): "the claim that …" alone says
    nothing of who claims it, and a quote with no speaker is worth less than no quote here.
    """
    out: list[Found] = []
    for tok in sp:
        if tok.pos_ != "NOUN":
            continue
        cue = cue_for(tok)
        if cue is None or "noun" not in cue.frames:
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i), None)
        mark = None if clause is None else next((m for m in clause.children if m.dep_ == "mark"), None)
        if clause is None or mark is None or mark.lower_ != "that":
            continue
        source = next((c.i for c in tok.children if c.dep_ == "poss"), None)
        if source is None:
            agent = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" and c.i < mark.i), None
            )
            pobj = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
            source = None if pobj is None else pobj.i
        if source is None:
            continue
        first = min(
            (c for c in tok.children if c.dep_ in ("det", "amod") and c.i < tok.i),
            key=lambda c: c.i,
            default=tok,
        )
        content = _trim(text_of(sp), mark.idx, _end(clause.right_edge))
        out.append(Found("indirect", content, (first.idx, _end(tok)), tok.i, int(source), cue.kind))
    return out


def _headline_colons(sp: Any, text: str, paras: list[tuple[int, int]]) -> list[Found]:
    """ "Erdogan: Turkey will not allow a terror corridor": a name, a colon and what the person said.

    Only a line that opens with a short proper name of a person or organisation (not a place:
    "Syria: the war in numbers" is a topic label) counts.
    """
    out = []
    for start, end in paras:
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


_NOUN_PHRASE = frozenset({"NOUN", "PROPN", "DET", "ADJ", "PRON", "NUM", "PUNCT", "CCONJ", "PART"})


def _inverted(sp: Any, text: str, paras: list[tuple[int, int]]) -> list[Found]:
    """ "Ten killed in Kabul blast, say police": a headline's closing ", <cue> <speaker>".

    The speaker stands after its verb and ends the line; what they say is the line before the
    comma. The parser reads it as a verb with its object ("say police"), which would make the
    first noun of the line the speaker.
    """
    out = []
    for start, end in paras:
        words = sp.char_span(start, end, alignment_mode="contract")
        # A headline: one short line in the present tense, without a closing full stop (", said
        # Smith." in a body paragraph is read by the parenthetical rule, with its own sentence).
        if words is None or not 5 <= len(words) <= 30 or text[start:end].rstrip()[-1:] in '.!?"”':
            continue
        for k in range(1, len(words) - 1):
            tok = words[k]
            cue = cue_for(tok)
            if cue is None or cue.kind not in ("speech", "hedge") or words[k - 1].text != ",":
                continue
            tail = [t for t in words[k + 1 :] if not (t.is_punct and t.i == words[-1].i)]
            if not tail or not all(t.pos_ in _NOUN_PHRASE for t in tail):
                continue
            nouns = [t for t in tail if t.pos_ in ("NOUN", "PROPN")]
            if not nouns or tok.tag_ not in ("VBP", "VBZ"):
                continue
            content = _trim(text, start, words[k - 1].idx)
            if _words(text, content) >= 3:
                out.append(Found("indirect", content, _cue_span(tok), tok.i, nouns[-1].i, cue.kind))
            break
    return out


def _parenthetical(sp: Any, tok: Any, cue: Cue) -> list[Found]:
    """ "This campaign, he says, is different": the cue interrupts the clause it reports.

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
