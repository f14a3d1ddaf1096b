"""The parts of an attribution frame shared by the direct and indirect passes.

``Found`` is one attribution in character offsets; the helpers read a cue verb's subject (the
speaker), its status (said, negated, future, hypothetical) and the span of the cue itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.stages.nlp import text_of
from sitroom.stages.quotes.lexicon import Cue, agent_nouns, documents

# Modal auxiliaries that make a cue hypothetical or future ("would say", "may claim"): never a quote.
_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "wo"})
_FUTURE = frozenset({"will", "shall", "wo"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SENTENCE_END = frozenset({".", "!", "?"})


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


def _subject(tok: Any, cue: Cue) -> int | None:
    """Token index of the speaker: the verb's subject, or the one it shares with the verb it extends."""
    probe = tok
    for _ in range(3):
        # Checked against the cue itself: a headline run into the next paragraph lends no subject.
        subjects = [c for c in probe.children if c.dep_ in ("nsubj", "csubj") and _same_paragraph(c, tok)]
        if not subjects:
            # "… Lena Morris / The UN spokesperson said": the parser hangs the paragraph's subject
            # as an apposition on the line before it; the apposition is the subject.
            subjects = [
                a
                for c in probe.children
                if c.dep_ == "nsubj"
                for a in c.children
                if a.dep_ == "appos" and a.i > c.i and _same_paragraph(a, tok)
            ]
        if subjects:
            # Two subjects is a parse error ("9:50 p.m. / Ted Cruz said", "Moon Jae - in said"): a
            # named agent or a pronoun speaks before a clause ("X, speaking at …, said") or a stray
            # word, and then the nearer one.
            return int(min(subjects, key=lambda c: (not _agentive(c), abs(c.i - probe.i))).i)
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


def _named_agent(tok: Any) -> bool:
    """A person, organisation, state or people by name, or a pronoun: who can speak."""
    return bool(tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PRON")


def _agentive(tok: Any) -> bool:
    return bool(tok.dep_ == "nsubj" and _named_agent(tok))


def _finite(tok: Any) -> bool:
    """A finite verb ("were", "says", "could"): a clause opening on one has lost its subject."""
    return bool(tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBZ", "VBP", "MD"))


def _issuer(noun: Any) -> int:
    """Who issued a document ("The militia issued a statement saying …"), else the noun itself."""
    if noun.lemma_.lower() in documents() and noun.dep_ == "dobj":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return int(subject.i)
    return int(noun.i)


def _document_relative(tok: Any) -> bool:
    """ "that"/"which" opening a relative clause on a document noun ("a statement which said …")."""
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


def _can_speak(source: Any, tok: Any) -> bool:
    """An infinitive frame ("threatens to …", "promised to …") reports speech only from a named agent.

    "The transfer threatens to destabilize the deal" is no attribution; "Putin vowed to purge it" is,
    and so is "Officials vowed to …" (a generic agent or title of ``data/actors``).
    """
    if not any(c.dep_ == "xcomp" for c in tok.children) or any(c.dep_ == "ccomp" for c in tok.children):
        return True
    if _named_agent(source):
        return True
    # "Trump officials urged …", "the regime is looking to …": a noun that names a kind of actor.
    return source.pos_ == "NOUN" and source.lower_ in agent_nouns()


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
