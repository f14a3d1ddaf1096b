"""Claims: statements the article attributes to a source, and the author's own hedged ones, with certainty.

Certainty is read from the attribution frame, never guessed from the topic:

- ``denied``: the source rejects the content (a cue of class ``deny``: "denied", "disputed");
- ``contested``: the writer disputes what the source says ("falsely claimed", "in contradiction
  of its own previous reports": ``data/claim_contest.txt``);
- ``hedged``: the cue is tentative ("suggest", "speculated") or the statement carries a hedge
  ("likely", "may", "appears": ``data/claim_hedges.txt``);
- ``asserted``: a factive cue presupposes the content ("confirmed", "revealed");
- ``reported``: any other attributed statement.

Author claims (source None) are listed only when hedged: the author's plain statements are the
article itself. Infinitive contents ("vowed to purge it") are plans or threats, not statements
of fact, and give no claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sitroom.document import Claim, ClaimSource, Document, Quote, Span
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.nlp import parsed
from sitroom.stages.quotes.lexicon import contest_markers, cue_for, deny_markers, hedges, match_phrases

# Reportative adverbs: inside an attributed statement they mark the report itself, not doubt.
_REPORTATIVE = frozenset({"reportedly"})
# Modal hedges must be auxiliaries: "May" is also a month and a name.
_MODAL_HEDGES = frozenset({"may", "might"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# Fewer words than this cannot hold a subject, a verb and what is said of it.
_MIN_CLAIM_WORDS = 3


@stage(requires=("sentences", "quotes"), provides=("claims",), version=1)
def claims(doc: Document, settings: Settings) -> Document:
    return replace(doc, claims=tuple(find_claims(doc, parsed(doc, settings))))


def find_claims(doc: Document, sp: Any) -> list[Claim]:
    """Attributed and hedged claims of ``doc``, in text order.

    Args:
        doc: the Document, with ``quotes`` filled.
        sp: the spaCy Doc of ``doc.text``.

    Returns:
        One Claim per attributed quote with a known speaker, and one per hedged clause of the
        author outside every quote.

    Notes:
        Hedge classes after Hyland (1998) and the CoNLL-2010 uncertainty cues; the certainty
        scale follows FactBank's source-relative factuality (Saurí & Pustejovsky 2009), reduced
        to five values.
    """
    out = list(_attributed(doc, sp))
    # Statements of others are not the author's; a reported act ("reportedly rejected the deal") is,
    # and so is a reported plan or deliberation ("is reportedly deliberating whether to accept").
    said = [
        q
        for q in doc.quotes
        if not _is_noun_content(sp, q.content) and not _infinitive(sp, q.content) and not _learned(sp, q)
    ]
    taken = [(q.content.start, q.content.end) for q in said]
    taken += [(q.cue.start, q.cue.end) for q in said if q.cue is not None]
    taken += [(q.speaker.span.start, q.speaker.span.end) for q in said if q.speaker and q.speaker.span]
    out.extend(_hedged_by_author(sp, taken))
    return sorted(out, key=lambda c: (c.span.start, c.span.end))


def _joined(quotes: tuple[Quote, ...]) -> list[Quote]:
    """Quotes that share a cue ("This campaign, he says, is different") make one claim over their extent."""
    out: list[Quote] = []
    by_cue: dict[tuple[int, int], int] = {}
    for q in quotes:
        key = None if q.cue is None else (q.cue.start, q.cue.end)
        if key is not None and key in by_cue:
            first = out[by_cue[key]]
            span = Span(min(first.content.start, q.content.start), max(first.content.end, q.content.end))
            out[by_cue[key]] = replace(first, content=span)
            continue
        if key is not None:
            by_cue[key] = len(out)
        out.append(q)
    return out


def _attributed(doc: Document, sp: Any) -> Iterator[Claim]:
    for q in _joined(doc.quotes):
        speaker = q.speaker
        if speaker is None:
            continue  # no source: neither the author's nor anyone's
        if q.status != "said":
            continue  # "did not say", "will announce", "would argue": nothing was stated
        if _learned(sp, q):
            continue  # a stance or perception the cue model found ("likely understand that"): no statement
        if _is_noun_content(sp, q.content):
            clause = _noun_clause(sp, q.content)
            if clause is None:
                continue  # "condemned the attack": a speech act about a thing, not a statement
            q = replace(q, content=clause)  # "denied reports that …": the reports' content is the claim
        content = doc.span_text(q.content)
        if content.lower().startswith("to ") or _infinitive(sp, q.content):
            continue  # a promise, threat, plan or demand ("called for the army to withdraw")
        certainty = "reported"
        kind = _cue_kind(sp, q)
        frame = _frame(sp, q)
        if kind == "deny" or _has(frame, deny_markers()):
            certainty = "denied"
        elif _has(frame, contest_markers()):
            certainty = "contested"
        elif kind == "hedge" or _has(frame, hedges()) or _hedged(sp, q.content, reportative_ok=True):
            certainty = "hedged"
        elif kind == "factive":
            certainty = "asserted"
        yield Claim(q.content, certainty, ClaimSource(speaker.name, speaker.actor))


def _hedged_by_author(sp: Any, taken: list[tuple[int, int]]) -> Iterator[Claim]:
    """Clauses of the author's own that carry a hedge, outside every quote, cue and speaker."""
    seen: set[tuple[int, int]] = set()
    for sent in sp.sents:
        if sent.text.rstrip().endswith("?"):
            continue  # a question asserts nothing
        for tok in _hedge_tokens(sent):
            if any(a <= tok.idx < b for a, b in taken):
                continue
            span = _clause(tok)
            if len(sp.text[span[0] : span[1]].split()) < _MIN_CLAIM_WORDS:
                continue  # a headline fragment ("Suspected") states nothing
            if span in seen or any(a < span[1] and span[0] < b for a, b in taken):
                continue
            seen.add(span)
    # One claim per clause: a hedge in a nested clause is already inside its sentence's claim.
    for span in sorted(seen):
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in seen):
            yield Claim(Span(*span), "hedged", None)


def _hedge_tokens(tokens: Any) -> list[Any]:
    toks = list(tokens)
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    out = []
    for a, _ in match_phrases(words, lemmas, hedges()):
        t = toks[a]
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if t.lower_ in _MODAL_HEDGES and t.tag_ != "MD" and (nxt is None or nxt.tag_ != "VB"):
            continue  # "May" the month or name; a title-case "May Sabotage" is still the modal
        if t.lemma_.lower() in ("appear", "seem", "suggest") and t.pos_ not in ("VERB", "AUX"):
            continue
        out.append(t)
    return out


def _hedged(sp: Any, span: Span, reportative_ok: bool) -> bool:
    region = sp.char_span(span.start, span.end, alignment_mode="expand")
    if region is None:
        return False
    return any(not (reportative_ok and t.lower_ in _REPORTATIVE) for t in _hedge_tokens(region))


def _learned(sp: Any, q: Quote) -> bool:
    """A quote whose cue verb is in no word list: the learned cue model (``quotes.model``) found it.

    PolNeAR counts stances and perceptions as attributions ("know", "understand", "want"); they
    are kept as quotes, but they state nothing, so they make no claim and hide no author hedge.
    """
    region = None if q.cue is None else sp.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    if region is None or any(cue_for(t) is not None for t in region):
        return False
    return any(t.pos_ == "VERB" and t.lower_ != "according" for t in region)


def _cue_kind(sp: Any, q: Quote) -> str:
    """The class of the cue word in the cue span ("has denied" -> deny, "a denial" -> deny)."""
    region = None if q.cue is None else sp.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    for t in region or ():
        entry = cue_for(t)
        if entry is not None:
            return entry.kind
    return "speech"


def _frame(sp: Any, q: Quote) -> list[Any]:
    """Tokens of the sentences around the cue that are not the quoted content: the attribution frame."""
    if q.cue is None:
        return []
    cue = _token(sp, q.cue.start)
    if cue is None:
        return []
    region = sp.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    noun = None if region is None else next((t for t in region if t.pos_ == "NOUN"), None)
    if noun is not None and noun.i == region.end - 1:
        # "Moscow's claim that …": the noun's own phrase frames it; the rest of the sentence
        # ("… was rejected") is what others do with the claim.
        return [t for t in noun.subtree if t.i <= noun.i]
    return [t for t in cue.sent if not (q.content.start <= t.idx < q.content.end)]


def _has(tokens: list[Any], table: tuple[tuple[str, ...], ...]) -> bool:
    if not tokens:
        return False
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    return bool(match_phrases(words, lemmas, table))


def _clause(tok: Any) -> tuple[int, int]:
    """The clause a hedge qualifies, within its paragraph.

    A hedge in a relative or adverbial clause ("groups that may be ISIS-aligned") qualifies the
    sentence; a verb conjoined without a subject of its own ("broke with HTS and have reportedly
    rejected") needs its partner's subject; clauses conjoined after the hedged one are left out.
    """
    head = tok
    while head.head.i != head.i:
        if head.pos_ in ("VERB", "AUX") and not (
            head.dep_ in ("xcomp", "aux", "auxpass", "relcl", "acl", "advcl", "pcomp")
            or (head.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in head.children))
        ):
            break
        head = head.head
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    for c in head.children:
        inside = c.left_edge.i <= tok.i <= c.right_edge.i
        if c.dep_ == "conj" and c.i > tok.i and c.pos_ in ("VERB", "AUX") and not inside:
            right = min(right, c.left_edge.i - 1)
            for cc in head.children:
                if cc.dep_ == "cc" and tok.i < cc.i < c.i:
                    right = min(right, cc.i - 1)
    # A title run into the first paragraph by the sentence splitter: stay inside the paragraph.
    for i in range(tok.i - 1, left - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            left = i + 1
            break
    for i in range(tok.i, right + 1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            right = i
            break
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ == "cc"):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    end_tok = doc[right]
    if right + 1 < len(doc) and doc[right + 1].text in (".", "!"):
        end_tok = doc[right + 1]  # keep the full stop: the claim is a sentence
    return doc[left].idx, end_tok.idx + len(end_tok.text)


def _is_noun_content(sp: Any, span: Span) -> bool:
    region = sp.char_span(span.start, span.end, alignment_mode="expand")
    if region is None:
        return False
    # The tokens that attach outside the content: "Idlib a nestbed" has a predicate (oprd) too.
    tops = [t for t in region if not (region.start <= t.head.i < region.end)]
    return bool(tops) and all(t.dep_ in ("dobj", "pobj") for t in tops)


def _infinitive(sp: Any, span: Span) -> bool:
    """True when the content is an infinitive clause ("the army to withdraw"): asked for, not stated."""
    region = sp.char_span(span.start, span.end, alignment_mode="expand")
    if region is None:
        return False
    tops = [t for t in region if not (region.start <= t.head.i < region.end)]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    return any(c.dep_ == "aux" and c.lower_ == "to" for t in verbs for c in t.children)


def _noun_clause(sp: Any, span: Span) -> Span | None:
    """The "that" clause of a noun content ("the claim that X", "reports that X"), if it has one.

    The clause states what the claim or report says; the speech act on the noun ("denied",
    "repeated", "dismissed") then tells how the source stands to it.
    """
    region = sp.char_span(span.start, span.end, alignment_mode="expand")
    if region is None:
        return None
    tops = [t for t in region if not (region.start <= t.head.i < region.end)]
    for top in tops:
        for c in top.children:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"), None)
            if c.dep_ in ("acl", "ccomp") and mark is not None and c.right_edge.i < region.end:
                last = c.right_edge
                while last.is_punct and last.i > mark.i:
                    last = last.nbor(-1)
                return Span(mark.idx, last.idx + len(last.text))
    return None


def _token(sp: Any, char: int) -> Any:
    span = sp.char_span(char, char + 1, alignment_mode="expand")
    return None if span is None else span[0]
