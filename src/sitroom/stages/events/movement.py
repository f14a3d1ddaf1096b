"""Where a movement started and ended, and what else in its clause tells of the same movement.

Transfers, deportations, evacuations, deployments and withdrawals move people from one place to
another; an analyst maps both ends ("bused from Deir ez-Zor to Idlib": origin Deir ez-Zor, place
Idlib). The ends are read from the trigger's clause and from a participle of motion that carries it
("Driving to Idlib through the night from Deir Ezzor, 400 members were saved ...").

Also here: a place that is named as an actor ("brokered by Russia and Turkey", "acquiescence to
Turkey") is not where a non-movement event happened, and a rescue ("spared", "saved by") that moves
the people it saves is a telling of that movement, not an act of aid of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sitroom.document import EventPlace
from sitroom.stages.events import arguments as A

if TYPE_CHECKING:
    from sitroom.stages.events.extract import Mention

Token = Any

# Frames whose event moves people or forces from one place to another (see triggers.tsv).
MOVEMENT_FRAMES = frozenset(
    "transfer deployment evacuation deportation withdrawal displacement flight relocation return".split()
)
# Frames of rescuing or sparing people: a movement when their clause moves them somewhere.
RESCUE_FRAMES = frozenset({"rescue"})
# Verbs of going somewhere: a participle of one carries the route of the clause it modifies.
_MOTION_VERBS = frozenset(
    "drive travel move head go come cross leave arrive ride fly sail march walk journey ferry bus ship "
    "transport carry take bring send flee escape".split()
)
# Prepositions that name where a movement began ("from Deir ez-Zor", "out of Aleppo").
_ORIGIN = frozenset({"from"})
# Prepositions through which a route continues ("through the night from X", "across the desert to Y").
_ROUTE = frozenset("through across via along over during".split())
# A country in one of these roles is a party, not a place ("brokered by Turkey", "talks with Russia").
_ACTOR_PREPS = frozenset("by to with between for against toward towards".split())
# Kinds of actors that make the moved people fighters, not civilians saved from harm.
_ARMED = frozenset({"armed_group", "military"})
_PEOPLE_UNITS = frozenset({"fighters", "members", "troops", "soldiers", "militants"})


def is_movement(frame: str) -> bool:
    return frame in MOVEMENT_FRAMES


def motion_heads(heads: Iterable[Token]) -> list[Token]:
    """The clause heads that are verbs of motion (the trigger's own verb included when it is one)."""
    return [h for h in heads if h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in _MOTION_VERBS]


def route(ctx: A.Context, heads: Iterable[Token]) -> tuple[EventPlace | None, EventPlace | None]:
    """(origin, destination) named by "from"/"out of" and "to"/"into" phrases on ``heads``.

    A route phrase may hang one level down, from a time or path phrase of the clause ("through the
    night from Deir Ezzor"): the parser attaches "from" to the nearest noun.
    """
    origin = dest = None
    for prep, pobj in _route_phrases(heads):
        if not ctx.inside(pobj):
            continue
        hit = A.place_of(ctx, pobj)
        if hit is None:
            continue
        if prep in _ORIGIN and origin is None:
            origin = A.event_place(ctx, hit)
        elif prep in A.DESTINATION and dest is None:
            dest = A.event_place(ctx, hit)
    if origin is not None and dest is not None and _same(origin, dest):
        origin = None  # "from Idlib to Idlib" is a parse slip, not a route
    return origin, dest


def _route_phrases(heads: Iterable[Token]) -> Iterator[tuple[str, Token]]:
    for h in heads:
        for c in h.children:
            if c.dep_ not in ("prep", "prt", "advmod"):
                continue
            prep = c.lower_
            if prep == "out":  # "bused out of the zone", "fled out of Aleppo"
                for of in c.children:
                    if of.lower_ == "of":
                        yield from (("from", g) for g in of.children if g.dep_ == "pobj")
                continue
            for g in c.children:
                if g.dep_ == "prep" and (g.lower_ in A.DESTINATION or g.lower_ in _ORIGIN):
                    # "from Rakhine to Bangladesh" parsed with "to" under "from"
                    yield from ((g.lower_, gg) for gg in g.children if gg.dep_ == "pobj")
                if g.dep_ != "pobj":
                    continue
                yield prep, g
                if prep in _ROUTE or prep in A.DESTINATION or prep in _ORIGIN:  # "from X to Y" on X
                    for cc in g.children:
                        if cc.dep_ == "prep" and (cc.lower_ in _ORIGIN or cc.lower_ in A.DESTINATION):
                            yield from ((cc.lower_, gg) for gg in cc.children if gg.dep_ == "pobj")


def _same(a: EventPlace, b: EventPlace) -> bool:
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    return a.name == b.name


def place_is_actor(ctx: A.Context, parsed_sent: Any, place: EventPlace | None) -> bool:
    """Whether ``place`` was read from a phrase that names a party ("by Turkey", "to Turkey").

    A country is both a place and an actor; after "by", "with", "between", "to" or "for" it is the
    second ("a deal brokered by Russia and Turkey", "acquiescence to Turkey"), unless the event moves
    something there.
    """
    if place is None or place.span is None:
        return False
    tok = next((t for t in parsed_sent if t.idx == place.span.start), None)
    if tok is None or not any(True for _ in ctx.actors.overlapping(place.span.start, place.span.end)):
        return False
    # Up through coordination ("by Russia and Turkey") to the phrase's preposition.
    node = tok
    while node.dep_ in ("conj", "compound", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj":
        return False
    prep = node.head
    return prep.dep_ == "agent" or prep.lower_ in _ACTOR_PREPS


def moves_fighters(m: Mention) -> bool:
    """Whether the people a rescue moves are fighters (a transfer) rather than civilians (an evacuation)."""
    return any(a.kind in _ARMED for a in m.target) or any(q.unit in _PEOPLE_UNITS for q in m.quantities)


def locate(ctx: A.Context, tok: Token, m: Mention, heads: list[Token]) -> None:
    """Set the origin (and, when missing, the destination) of a movement mention; drop a place that is
    a party of a non-movement event; make a rescue that moves people a telling of the movement.

    Called once per mention after the place rules of :mod:`extract`, with the trigger's clause heads.
    """
    frame = m.trigger.frame
    if frame in RESCUE_FRAMES:
        carriers = [h for h in motion_heads(heads) if h.i != tok.i]
        origin, dest = route(ctx, carriers) if carriers else (None, None)
        if origin is not None or dest is not None:
            # "Driving to Idlib from Deir Ezzor, 400 members were saved by regime forces": the saving
            # is the journey. Fighters moved by a state are a transfer (PLOVER MOBILIZE), civilians
            # an evacuation (AID).
            if moves_fighters(m):
                m.trigger = replace(m.trigger, type="MOBILIZE", mode=None, frame="transfer")
                m.type, m.mode = "MOBILIZE", None
            else:
                m.trigger = replace(m.trigger, frame="evacuation")
            frame = m.trigger.frame
            m.place = dest or m.place
            m.origin = origin
    if not is_movement(frame):
        m.origin = None
        if place_is_actor(ctx, tok.sent, m.place) or _elsewhere_destination(tok, m.place):
            m.place = None
        return
    origin, dest = route(ctx, [*heads, *motion_heads(h for x in heads for h in x.children)])
    # "transferred 200 fighters from Afrin to Tripoli": the parser hangs "from" on the moved people.
    moved = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    moved += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if tok.dep_ in ("acl", "relcl"):  # "fighters bused from Afrin"
        moved.append(tok.head)
    moved_from, moved_to = route(ctx, moved)
    m.origin = m.origin or origin or moved_from
    dest = dest or moved_to
    if m.origin is not None and m.place is not None and m.origin.span == m.place.span:
        m.place = dest  # "bused out of Khartoum": where they left, not where they went
    if m.place is None:
        m.place = dest
    if m.origin is not None and m.place is not None and _same(m.origin, m.place):
        m.origin = None


def _elsewhere_destination(tok: Token, place: EventPlace | None) -> bool:
    """ "Evacuated to Jarablus under a deal", "acquiescence to Turkey": where another word of the clause
    goes is not where a non-movement event happens. Only the trigger's own "to" phrase places it."""
    if place is None or place.span is None:
        return False
    ptok = next((t for t in tok.sent if t.idx == place.span.start), None)
    if ptok is None:
        return False
    node = ptok
    while node.dep_ in ("conj", "compound", "appos") and node.head.i != node.i:
        node = node.head
    prep = node.head
    return node.dep_ == "pobj" and prep.lower_ in A.DESTINATION and prep.head.i != tok.i


def fold_rescues(mentions: list[Mention]) -> list[Mention]:
    """ "Hundreds of fighters were spared and bused out": sparing them is how they were moved, one event.

    A rescue joins a movement of the same clause (coordinated verbs, or one governing the other) when
    their targets agree; it gives the movement what the movement lacks (agent, numbers, date).
    """
    moves = [m for m in mentions if is_movement(m.trigger.frame)]
    out = []
    for m in mentions:
        host = None
        if m.trigger.frame in RESCUE_FRAMES:
            host = next((n for n in moves if n.evidence == m.evidence and _linked(m.token, n.token)), None)
        if host is not None and _targets_agree(m, host):
            host.source = host.source or m.source
            host.target = host.target or m.target
            host.quantities = host.quantities or m.quantities
            host.date = host.date or m.date
            host.place = host.place or m.place
            host.attributed_to = host.attributed_to or m.attributed_to
            continue
        out.append(m)
    return out


def _linked(a: Token, b: Token) -> bool:
    if a.head.i == b.i or b.head.i == a.i:
        return True
    return b in A.conjuncts(a) or a in A.conjuncts(b)


def _targets_agree(a: Mention, b: Mention) -> bool:
    ta, tb = {x.id for x in a.target}, {x.id for x in b.target}
    return not ta or not tb or bool(ta & tb)
