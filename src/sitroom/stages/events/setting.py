"""Where and when an event happened: its place and origin from the parse of its clause, its date from
the dates of its clause (or of the announcement that reports it), and, for events that name neither,
the setting of their paragraph and the narrative time before them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitroom.document import EventDate, Span
from sitroom.stages.events import arguments as A
from sitroom.stages.events import reference as R
from sitroom.stages.events.lexicon import plover_types

if TYPE_CHECKING:
    from sitroom.stages.events.extract import Mention

Token = Any


def paragraph_places(ctx: A.Context, mentions: list[Mention]) -> None:
    """A violent or coercive event with no place of its own happened where its paragraph is set, when
    the paragraph names exactly one place below country level up to that sentence (leaving out places
    that are where another, peaceful event of the paragraph happened: see ``place_of_other``)."""
    text = ctx.doc.text
    by_token = {m.token.i: m for m in mentions}
    for m in mentions:
        if m.place is not None or m.origin is not None or plover_types()[m.type].cls != "material-conflict":
            continue
        start = text.rfind("\n", 0, m.start) + 1
        named: dict[str, tuple[int, int, object]] = {}
        for s, e, obj in ctx.places.overlapping(start, m.evidence.end):
            # A capital named as a government ("Moscow has demanded") is an actor, not the setting.
            setting = getattr(obj, "feature", "country") != "country" and not any(
                ctx.actors.overlapping(s, e)
            )
            if setting and not R.place_of_other(m, s, e, by_token):
                named.setdefault(getattr(obj, "name", ""), (s, e, obj))
        if len(named) == 1:
            s, e, obj = next(iter(named.values()))
            m.place = A.event_place(ctx, (obj, s, e))  # type: ignore[arg-type]


def narrative_dates(text: str, mentions: list[Mention]) -> None:
    """ "In February, A and B split ... Clashes erupted and carried on until April": an event dated only by
    its end starts at the last date the paragraph gave before it (narrative time, Reichenbach's R)."""
    last: EventDate | None = None
    para = -1
    for m in sorted(mentions, key=lambda m: m.start):
        p = text.count("\n", 0, m.start)
        if p != para:
            para, last = p, None
        d = m.date
        if d is not None and d.start is None and d.end is not None and last is not None and last.start:
            if last.start[:7] <= d.end[:7]:
                m.date = EventDate(last.start, d.end, last.precision, last.span)
        elif d is not None and d.start is not None:
            last = d


def clause_heads(tok: Token, window: Span | None = None) -> list[Token]:
    """The trigger, the verb a noun trigger belongs to, and the verbs coordinated with that verb."""
    heads = [tok]
    node = tok
    while (
        node.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "appos") and node.head.i != node.i
    ):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            heads.append(node)
            break
    top = heads[-1]
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
        heads.append(top)
    heads += [c for h in list(heads) for c in A.conjuncts(h)[1:] if c.pos_ in ("VERB", "AUX")]
    # Participles that carry the movement: "Driving to Idlib ..., 400 members were saved".
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")]
    if window is not None:  # a headline the parser ran into the next line is not its clause
        heads = [h for h in heads if window.start <= h.idx < window.end]
    return list(dict.fromkeys(heads))


def place(ctx: A.Context, tok: Token, m: Mention, is_noun: bool) -> None:
    found_dest = found_loc = found_origin = None
    for head in clause_heads(tok, ctx.window):
        for c in head.children:
            if c.dep_ != "prep":
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                hit = A.place_of(ctx, g)
                if hit is None or (A.actors_of(ctx, g) and c.lower_ in ("against", "on")):
                    continue
                if c.lower_ in A.DESTINATION:
                    found_dest = found_dest or hit
                elif c.lower_ in A.LOCATIVE or c.lower_ in ("on", "against"):
                    # "in Mali ... near Mopti": the most specific place wins.
                    if found_loc is None or (
                        found_loc[0].feature == "country" and hit[0].feature != "country"
                    ):
                        found_loc = hit
                elif c.lower_ == "from":
                    found_origin = found_origin or hit
    if is_noun:  # "the Aleppo bombing", "the Idlib deal"
        for c in tok.children:
            if c.dep_ in ("compound", "nmod") and c.i < tok.i:
                found_loc = found_loc or A.place_of(ctx, c)
    else:  # "shelled Juba": a place as the object of an attack
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and plover_types()[m.type].cls == "material-conflict":
                hit = A.place_of(ctx, c)
                if hit is not None and not A.actors_of(ctx, c):
                    found_loc = found_loc or hit
    if found_loc is None or found_loc[0].feature == "country":
        # "attacked an army post near Mopti": a place named on the attacked object.
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "pobj"):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in A.LOCATIVE:
                        for g in p.children:
                            hit = A.place_of(ctx, g) if g.dep_ == "pobj" else None
                            if hit is not None and hit[0].feature != "country":
                                found_loc = hit
    movement = m.trigger.frame in ("transfer", "deployment", "visit", "evacuation", "withdrawal")
    chosen = (found_dest or found_loc) if movement else (found_loc or found_dest)
    if chosen is not None:
        m.place = A.event_place(ctx, chosen)
    if found_origin is not None:
        m.origin = A.event_place(ctx, found_origin)


def date(ctx: A.Context, tok: Token, m: Mention) -> None:
    sent = tok.sent
    heads = {h.i for h in clause_heads(tok, ctx.window)}
    start: EventDate | None = None
    end: EventDate | None = None
    w = ctx.window or Span(sent.start_char, sent.end_char)
    for _, _, obj in ctx.dates.overlapping(max(sent.start_char, w.start), min(sent.end_char, w.end)):
        root = A.date_root(sent, obj)  # type: ignore[arg-type]
        if root is None:
            continue
        anchor = root.head
        while anchor.pos_ not in ("VERB", "AUX") and anchor.i not in heads and anchor.head.i != anchor.i:
            anchor = anchor.head
        if anchor.i not in heads and not _reports(anchor, tok):
            continue
        d = A.to_event_date(obj, A.governing_prep(root))  # type: ignore[arg-type]
        if d is None:
            continue
        if d.start is None:
            end = end or d
        else:
            start = start or d
    if start and end and end.end:
        m.date = EventDate(start.start, end.end, start.precision, start.span)
    else:
        m.date = start or end


def _reports(anchor: Token, tok: Token) -> bool:
    """``anchor`` is a verb of announcing whose complement holds the trigger ("in February, X announced
    they were splitting"): the announcement's date dates the event."""
    if anchor.lemma_.lower() not in ("announce", "declare", "say", "confirm", "report"):
        return False
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.head.i == anchor.i:
            return node.dep_ in ("ccomp", "xcomp")
        node = node.head
    return False
