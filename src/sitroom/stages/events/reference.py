"""What an event word refers to: a kind of event rather than one, and a place that is another event's.

Generic reference. "Such attacks must stop", "attacks like these are unacceptable", "these kinds of
strikes kill civilians", "attacks of this kind": the speaker talks about violence in general, and a
report that printed an attack with status occurred (and, worse, gave it the toll or place of the
paragraph's real attack) would invent an event. Following the genericity cues of ACE/ERE event
annotation (a "generic" event mention is not a specific occurrence and is not coded), such mentions
are dropped, and so is an event whose subject is one ("such attacks have killed hundreds": a count
over a class of events). The cue words live in ``status_cues.tsv`` (role ``generic``).

A war's toll. "More than 290,000 killed since the conflict began", "the fighting has killed 15,000":
a count over a whole war or series refers to no one event (``cumulative``).

Place reference. A place named in the paragraph is where an event without a place of its own
happened, unless the parse ties that place to another, peaceful event: "Galloway, who met Saddam in
Baghdad, was expelled from the party" does not put the expulsion in Baghdad.
"""

from __future__ import annotations

from typing import Any

from sitroom.stages.events import participants as P
from sitroom.stages.events.lexicon import plover_types, status_cues

Token = Any

# Demonstrative pronouns that stand for events already told ("attacks like these").
_DEMONSTRATIVES = frozenset("this these that those".split())
# What makes a plural a set of particular events ("two similar attacks", "the similar attacks").
_PARTICULAR = frozenset(("nummod", "det", "poss"))


def _cues() -> dict[str, str]:
    return status_cues().get("generic", {})


def generic_noun(tok: Token) -> bool:
    """Whether the noun ``tok`` names a kind of event rather than one event."""
    cues = _cues()
    kids = list(tok.children)
    for c in kids:
        how = cues.get(c.lower_)
        objects = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if how == "mod" and c.dep_ in ("amod", "det", "predet"):
            return True  # "such attacks"
        if (
            how == "plural"
            and c.dep_ == "amod"
            and tok.tag_ == "NNS"
            and not any(k.dep_ in _PARTICULAR for k in kids)
        ):
            return True  # "similar attacks", not "two similar attacks"
        if how == "compare" and any(_demonstrative(g) for g in objects):
            return True  # "attacks like these", "attacks such as this one"
        if c.lower_ == "of" and any(cues.get(g.lower_) == "class" for g in objects):
            return True  # "attacks of this kind"
    # "these kinds of strikes", "this type of bombing": the event noun hangs on a noun of kinds.
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.i != prep.i:
        return cues.get(prep.head.lower_) == "class"
    return False


def _demonstrative(tok: Token) -> bool:
    """ "these", or "this one": a pronoun pointing at events told before."""
    if tok.lower_ in _DEMONSTRATIVES:
        return True
    return tok.lower_ in ("one", "ones") and any(
        c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in tok.children
    )


def generic_subject(verb: Token) -> bool:
    """Whether the verb ``verb`` is told of a generic noun: "such attacks have killed hundreds", "these
    kinds of strikes kill civilians"."""
    cues = _cues()
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if generic_noun(c):
            return True
        if cues.get(c.lower_) == "class" and any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children):
            return True
    return False


def place_of_other(m: Any, start: int, end: int, by_token: dict[int, Any]) -> bool:
    """Whether the place named at ``start``-``end`` is where another, peaceful event told in the text
    happened: the first event word or verb above the place in the parse is another mention's trigger
    ("met Saddam in Baghdad", "visited Khartoum", "the talks in Doha"), and that mention is cooperative
    (a meeting, visit, agreement or aid). Not violence, protest or coercion, whose place a later attack
    in the paragraph may well share ("protesters rallied in Tehran ... police arrested 20"), nor a
    stance ("a group opposed by many inside Idlib"), which says where people are, not where an act was.

    The place is also another event's when that event is dated in another year than ``m`` ("attacked a
    market in El Fasher on Sunday ... last year, a similar attack killed 100"): a different time makes
    it a different event, and its place is no evidence for this one. Days or months apart are not
    enough (measured: a paragraph's attack and the next day's strike mostly share their place).

    ``m`` is the mention looking for a place; ``by_token`` maps token index to the mentions of the text.
    """
    span = m.token.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(8):
        if node.head.i == node.i:
            return False
        node = node.head
        other = by_token.get(node.i)
        if other is not None:
            if other is m:
                return False
            return plover_types()[other.type].cls == "cooperative" or _apart(m.date, other.date)
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _apart(a: Any, b: Any) -> bool:
    """Two event dates (``EventDate``) in years that cannot overlap ("2023" and "2024-05-12")."""
    if a is None or b is None:
        return False
    a0, a1 = a.start or a.end or "", a.end or a.start or ""
    b0, b1 = b.start or b.end or "", b.end or b.start or ""
    if not (a0 and a1 and b0 and b1):
        return False
    return not (_le(a0[:4], b1[:4]) and _le(b0[:4], a1[:4]))


def _le(x: str, y: str) -> bool:
    n = min(len(x), len(y))
    return x[:n] <= y[:n]


# Subjects that make a killing the toll of a whole war ("the conflict has killed 100,000").
_WARS = frozenset("war conflict uprising revolution insurgency crisis violence fighting".split())
# Verbs that date a series from its start ("the attacks, which began in April").
_BEGIN = frozenset("begin start erupt break".split())


def cumulative(tok: Token) -> bool:
    """A count of deaths over a whole war: "have been killed since the conflict erupted", "the war has
    since killed more than 280,000", "a conflict that has killed 100,000"."""
    for c in tok.children:
        if c.lower_ == "since" and c.dep_ in ("prep", "advmod", "mark"):
            return True
        if c.dep_ == "advcl" and any(x.lower_ == "since" and x.dep_ == "mark" for x in c.children):
            return True
    subj, passive = P.subject(tok)
    if subj is None or passive:
        return False
    # "the attacks, which began in April, have killed 2,000": a series counted from its start, not one
    # event's toll ("the attack, which began at dawn, killed 30" is one event).
    begun = subj.tag_ == "NNS" and any(c.dep_ == "relcl" and P.lemma(c) in _BEGIN for c in subj.children)
    return P.lemma(subj) in _WARS or begun
