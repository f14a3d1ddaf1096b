"""Whom an event is aimed at, where the parse does not give it as the trigger's object.

The rules follow PLOVER's target conventions and the classes of miss found on the PLOVER records:
prepositions that mark a target ("attack on X", "sanctions against X", "clashes with X"), the object
that is itself an event or a flow ("lifted the blockade on X", "halted aid to X"), purpose clauses
("opened fire to disperse X"), the author of a grievance ("protested against X's decision", "in
protest of the violations by X", "complained over Israeli air raids"), and the party a threat's
condition names ("... unless Baghdad accepts"). Pure functions of the parse and the actors stage's
mentions (see :mod:`sitroom.stages.events.arguments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitroom.document import Actor
from sitroom.stages.events import arguments as A
from sitroom.stages.events.lexicon import triggers

if TYPE_CHECKING:
    from sitroom.stages.events.extract import Mention

Token = Any

# Participles that name a state rather than a passive act, with the preposition that then marks the
# target: "is opposed to", "is committed to".
P_STATIVE = {"oppose": "to", "commit": "to", "dedicate": "to", "hostile": "to"}
# Prepositions whose object is whom the event is aimed at ("attack on X", "sanctions against X",
# "clashes with X"); "from" only for a split or a seizure ("broke away from X", "seized arms from X").
_TARGET_PREPS = frozenset("against on upon with at from".split())
FROM_FRAMES = frozenset("split seizure".split())
# Verbal and protest events name their grievance with these: "complained over X", "angry about X".
_GRIEVANCE_PREPS = frozenset("over about".split())
_GRIEVANCE_TYPES = frozenset("DISAPPROVE REJECT PROTEST DEMAND".split())
# "in protest of X", "in defiance of X": an adjunct naming whom a protest is against.
_PROTEST_NOUNS = frozenset("protest defiance opposition".split())
# "with Albania's help", "with US backing": whoever owns these helps; the event is not aimed at them.
_HELP = frozenset(
    "help support backing assistance aid blessing consent approval cooperation participation mediation "
    "permission agreement involvement".split()
)
# Nouns of relations and flows that are not events of their own in the lexicon but carry a target.
_RELATIONS = frozenset("link links tie ties relation relations supply supplies delivery deliveries".split())


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def aimed_at(ctx: A.Context, tok: Token, authors: bool = True) -> list[Actor]:
    """Actors a target phrase names: its own, else (with ``authors``) the author of the thing it names
    ("protests against abuses by the Israeli military")."""
    found = A.actors_of(ctx, tok)
    if not found and authors:
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                found += [a for g in _pobjs(c) for a in A.actors_of(ctx, g)]
    return A.unique(found)


def prep_targets(ctx: A.Context, head: Token, m: Mention) -> list[Actor]:
    """Actors in the objects of the target prepositions attached to ``head`` (a trigger or its verb)."""
    found: list[Actor] = []
    # Only a grievance is aimed at the author of what it names: in "an attack on a convoy by rebels"
    # the parser may hang the attackers on the convoy.
    authors = m.type in _GRIEVANCE_TYPES
    stative = P_STATIVE.get(A.lemma(head)) if head.tag_ == "VBN" else None
    for c in head.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ in _TARGET_PREPS:
            if c.lower_ == "from" and m.trigger.frame not in FROM_FRAMES:
                continue
            pobjs = [g for g in _pobjs(c) if not (c.lower_ == "with" and helper(g))]
            found += [a for g in pobjs for a in aimed_at(ctx, g, authors)]
        elif c.lower_ == stative:  # "is opposed to French mediation"
            found += [a for g in _pobjs(c) for a in aimed_at(ctx, g, authors)]
    return A.unique(found)


def grievance(m: Mention) -> bool:
    """Complaints, refusals, protests and demands: aimed at the author of what they name."""
    return m.type in _GRIEVANCE_TYPES


def helper(tok: Token) -> bool:
    return A.lemma(tok) in _HELP


def object_event_targets(ctx: A.Context, objs: list[Token]) -> list[Actor]:
    """The object is itself an event or a relation: "lifted the blockade on X", "halted aid to X",
    "cancelled a visit to X", "opened investigations against X", "suspended links with X"."""
    found: list[Actor] = []
    for o in objs:
        if not eventive(o):
            continue
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in ("against", "on", "upon", "to", "with", "into", "of"):
                for g in _pobjs(c):
                    if c.lower_ == "with" and helper(g):
                        continue
                    found += A.actors_of(ctx, g)
                    if c.lower_ == "of" and not found and eventive(g):
                        found += object_event_targets(ctx, [g])  # "suspension of links with X"
    return A.unique(found)


def eventive(tok: Token) -> bool:
    low = A.lemma(tok)
    return low in _RELATIONS or tok.lower_ in _RELATIONS or any(r.noun for r in triggers().get(low, ()))


def purpose_targets(ctx: A.Context, head: Token) -> list[Actor]:
    """ "opened fire to disperse demonstrators", "launched an operation to unroot ISIS", "began a hunger
    strike to protest against X's decision": whom the purpose clause's act is aimed at."""
    for c in head.children:
        if c.dep_ in ("advcl", "xcomp") and infinitive(c):
            return clause_targets(ctx, c)
    return []


def infinitive(clause: Token) -> bool:
    return any(x.dep_ == "aux" and x.lower_ == "to" for x in clause.children)


def clause_targets(ctx: A.Context, clause: Token) -> list[Actor]:
    """Whom the act of a purpose clause is aimed at: its object, or its "against/on/at" phrase."""
    found = [a for o in clause.children if o.dep_ == "dobj" for a in A.actors_of(ctx, o)]
    found += [
        a
        for p in clause.children
        if p.dep_ == "prep" and p.lower_ in ("against", "on", "at")
        for g in _pobjs(p)
        for a in aimed_at(ctx, g)
    ]
    return A.unique(found)


def grievance_targets(ctx: A.Context, heads: list[Token], m: Mention) -> list[Actor]:
    """Whom a complaint or protest is about: "complained over two Israeli air raids", "in protest of the
    Russian government's refusal", "in defiance of Chinese authorities"."""
    found: list[Actor] = []
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ in _GRIEVANCE_PREPS and m.type in _GRIEVANCE_TYPES:
                found += [a for g in _pobjs(c) for a in aimed_at(ctx, g)]
            elif c.lower_ == "in" and m.type in ("PROTEST", "DISAPPROVE", "REJECT"):
                for g in _pobjs(c):
                    if A.lemma(g) in _PROTEST_NOUNS:
                        found += [
                            a
                            for p in g.children
                            if p.dep_ == "prep" and p.lower_ in ("of", "against", "at", "over", "to")
                            for x in _pobjs(p)
                            for a in aimed_at(ctx, x)
                        ]
    return A.unique(found)
