"""One event told several times (headline, lead, later paragraphs) becomes one Event with more evidence.

Two mentions are the same event only on positive evidence: the same frame, a compatible status, a
shared participant (or a definite noun pointing back: "the deal", "the transfer"), and nothing that
contradicts (different dates, places, numbers or sides).
"""

from __future__ import annotations

from sitroom.document import Actor, Event, EventDate, EventPlace, Quantity, Span
from sitroom.stages.events.extract import Mention
from sitroom.stages.events.lexicon import acled_type, cameo_code
from sitroom.stages.events.movement import fold_rescues, is_movement

_FACTUAL = frozenset({"occurred", "ongoing"})


class _Cluster:
    def __init__(self, m: Mention) -> None:
        self.mentions = [m]

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def actors(self) -> set[str]:
        return {a.id for m in self.mentions for a in (*m.source, *m.target)}

    def sources(self) -> set[str]:
        return {a.id for m in self.mentions for a in m.source}

    def sides(self) -> set[str]:
        return {_side(a) for m in self.mentions for a in m.source}

    def targets(self) -> set[str]:
        return {a.id for m in self.mentions for a in m.target}


def merge_mentions(mentions: list[Mention], headings: list[Span]) -> list[Event]:
    """Fold the mentions of one event into one Event; events come out in order of first telling."""
    clusters: list[_Cluster] = []
    mentions = fold_rescues(mentions)
    # Body sentences first, so that a headline joins the body event it announces, not the reverse.
    ordered = sorted(mentions, key=lambda m: (_in_heading(m, headings), m.start))
    for m in ordered:
        home = _home(clusters, m, headings)
        if home is None:
            clusters.append(_Cluster(m))
        else:
            home.mentions.append(m)
    kept = [c for c in clusters if _has_actor_if_needed(c) and _usable(c) and _anchored(c, headings)]
    # Within a sentence the main clause's event comes first (the least deep trigger): the event a
    # coder would code for the sentence.
    pairs = [(_to_event(c, headings), c) for c in kept]
    pairs.sort(key=lambda p: (p[0].evidence.start, _depth(_best(p[1]).token), _best(p[1]).start))
    return [e for e, _ in pairs]


def _home(clusters: list[_Cluster], m: Mention, headings: list[Span]) -> _Cluster | None:
    """The event ``m`` tells again, if any: of several candidates, the one told last before ``m`` (a
    definite "the attack" points to the nearest attack, as in centering accounts of anaphora); a
    headline, which comes before everything, joins the first."""
    fits = [c for c in clusters if _same_event(c, m)]
    if len(fits) < 2 or _in_heading(m, headings):
        return fits[0] if fits else None
    before = [(max((x.start for x in c.mentions if x.start < m.start), default=-1), c) for c in fits]
    return max(before, key=lambda t: t[0])[1]


def _depth(tok: object) -> int:
    return len(list(tok.ancestors))  # type: ignore[attr-defined]


def _best(c: _Cluster) -> Mention:
    return max(c.mentions, key=_informative)


# Types that are relations between two parties by definition (statements, meetings, demands, refusals,
# help): without a known party there is nothing to report. Violence, protest and movement are
# reportable with only a place, a date or a count.
_DYADIC = frozenset(
    "AGREE CONSULT SUPPORT COOPERATE AID CONCEDE INVESTIGATE DEMAND DISAPPROVE REJECT THREATEN "
    "SANCTION".split()
)


def _has_actor_if_needed(c: _Cluster) -> bool:
    return c.first.type not in _DYADIC or bool(c.actors())


def _usable(c: _Cluster) -> bool:
    """Whether an event that did not happen (planned, threatened, hypothetical, negated) says enough.

    Precision first: "to justify continued military operations" or "a pretext to attack" with no one
    attacking, no one attacked, no count and no date is talk, not a record. Such an event is kept only
    when its own sentence names where it would happen ("an assault on Idlib could turn into a
    crisis"): a warning an analyst can map. A place carried over from an earlier sentence of the
    paragraph is too weak for that. Events that happened are kept as before (their place, date or
    count is the record).
    """
    if any(m.status in _FACTUAL for m in c.mentions):
        return True
    if c.actors() or any(m.quantities or m.date for m in c.mentions):
        return True  # someone, a count or a date ("an offensive expected next week") to code
    return any(
        m.place is not None
        and m.place.span is not None
        and m.evidence.start <= m.place.span.start < m.evidence.end
        for m in c.mentions
    )


def _anchored(c: _Cluster, headings: list[Span]) -> bool:
    """Whether an event told only by a headline noun has anything of its own.

    "Minister on protests", "Talks on strikes", "Why protests matter": a headline names a topic with
    a bare noun, and an event printed from it (a PROTEST with no one protesting, no place, date or
    count) is a fact nobody reported. A headline noun that names a party, place, date or count ("Kabul
    protests", "Clashes in Aden kill 5") keeps its event, and so does any event the body tells too
    (the headline then joins the body's cluster). Verbs of headlines ("Rebels attack army base") state
    an act and are kept as before.
    """
    if not all(_in_heading(m, headings) and _noun(m.token) for m in c.mentions):
        return True
    return bool(c.actors()) or any(m.place or m.origin or m.date or m.quantities for m in c.mentions)


def _noun(tok: object) -> bool:
    """A noun trigger; headlines are title case, so a capitalised noun is tagged a name (PROPN), and a
    capitalised past form ("Minister Attacked") is a verb."""
    pos, low = tok.pos_, tok.lower_  # type: ignore[attr-defined]
    return bool(pos == "NOUN" or (pos == "PROPN" and not low.endswith("ed")))


def _side(a: Actor) -> str:
    """Who an actor stands for when telling one event twice: a state's head, government and forces are
    one side ("Assad's transfer", "saved by Syrian regime forces"); anyone else stands for itself."""
    state = a.kind in ("state", "government", "military") or a.sector in ("GOV", "MIL")
    return f"state:{a.country}" if state and a.country else a.id


def _in_heading(m: Mention, headings: list[Span]) -> bool:
    return any(h.start <= m.start < h.end for h in headings)


def _same_event(c: _Cluster, m: Mention) -> bool:
    first = c.first
    if first.trigger.frame != m.trigger.frame:
        return _same_toll(c, m)
    if (first.status in _FACTUAL) != (m.status in _FACTUAL) or (
        first.status not in _FACTUAL and first.status != m.status
    ):
        return False
    mine = {a.id for a in (*m.source, *m.target)}
    shared = bool(mine & c.actors())
    lemmas = {x.trigger.lemma for x in c.mentions}
    if not shared and not (m.definite and m.trigger.lemma in lemmas and not mine) and not _same_people(c, m):
        return False
    # Things that did not happen are one event only when the same side is to do them, or when a definite
    # noun points back ("the assault"): two forecasts of operations against ISIS by unnamed forces, in
    # different places of the article, are two forecasts.
    if m.status not in _FACTUAL and not m.definite and not ({_side(a) for a in m.source} & c.sides()):
        return False
    # Two tellings with known sources are one event only if a source is shared ("A split from HTS" and
    # "B broke with HTS" are two splits); a state's leader and its forces count as one source.
    if m_src_all := {_side(a) for a in m.source}:
        theirs = c.sides()
        if theirs and not (m_src_all & theirs):
            return False
    # Sides must not swap or clash: a source of one telling cannot be only a target of the other.
    m_src = {a.id for a in m.source}
    swapped = bool(m_src & c.targets()) and not (m_src & c.sources())
    if swapped and "sym" not in m.trigger.flags:
        return False
    return all(
        not _conflict_date(o.date, m.date) and not _conflict_place(o, m) for o in c.mentions
    ) and not any(_conflict_quantity(q, r) for o in c.mentions for q in o.quantities for r in m.quantities)


def _same_people(c: _Cluster, m: Mention) -> bool:
    """ "By shipping in 400 members of ISIS" after "400 ISIS members were saved ... driving to Idlib": a
    movement told without its actors is the one already told if it moves exactly as many people to the
    same place. Movements only, exact counts only, the place known on both sides, and the sides that
    are named (if any) the same: "the regime" shipping them in is the state that transferred them."""
    if not is_movement(m.trigger.frame) or m.place is None:
        return False
    if m.source and not ({_side(a) for a in m.source} & c.sides()):
        return False
    if m.target and not ({a.id for a in m.target} & c.targets()):
        return False
    exact = {(q.value, q.unit in _PEOPLE) for q in m.quantities if q.value is not None and q.low == q.high}
    if not exact:
        return False
    theirs = {
        (q.value, q.unit in _PEOPLE)
        for x in c.mentions
        for q in x.quantities
        if q.value is not None and q.low == q.high
    }
    places = {x.place.geonameid or x.place.name for x in c.mentions if x.place is not None}
    return bool(exact & theirs) and (m.place.geonameid or m.place.name) in places


_PEOPLE = frozenset({"fighters", "members", "troops", "soldiers", "militants", "people"})


def _same_toll(c: _Cluster, m: Mention) -> bool:
    """ "Israeli strikes kill 25 in Gaza" (headline) and "Israeli air strikes killed at least 25 in Rafah":
    a killing told with the same killers and the same death toll as a violent event is that event."""
    violent = ("ASSAULT", "FIGHT")
    if m.type not in violent or c.first.type not in violent or m.status != c.first.status:
        return False
    if "casualty" not in m.trigger.flags and not any("casualty" in x.trigger.flags for x in c.mentions):
        return False
    if not ({a.id for a in m.source} & c.sources()):
        return False
    mine = {q.value or q.low for q in m.quantities if q.unit == "killed"}
    theirs = {q.value or q.low for x in c.mentions for q in x.quantities if q.unit == "killed"}
    return bool(mine & theirs - {None, 0})


def _conflict_date(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return False
    a0, a1 = a.start or a.end or "", a.end or a.start or ""
    b0, b1 = b.start or b.end or "", b.end or b.start or ""
    # ISO strings of different precision compare by prefix: "2018-09" covers "2018-09-23".
    return not (_le(a0, b1) and _le(b0, a1))


def _le(x: str, y: str) -> bool:
    n = min(len(x), len(y))
    return x[:n] <= y[:n]


def _conflict_place(a: Mention, b: Mention) -> bool:
    """Different places, or different starting points of a movement ("from Aleppo" / "from Homs")."""
    return _differ(a.place, b.place) or _differ(a.origin, b.origin)


def _differ(pa: EventPlace | None, pb: EventPlace | None) -> bool:
    if pa is None or pb is None:
        return False
    if pa.geonameid is not None and pb.geonameid is not None:
        return pa.geonameid != pb.geonameid
    return pa.name != pb.name


def _conflict_quantity(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit and {a.unit, b.unit} - {"fighters", "members"}:
        return False  # different things counted
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    return hi_a < lo_b or hi_b < lo_a


def _bounds(q: Quantity) -> tuple[float, float]:
    if q.value is not None and q.low is None and q.high is None:
        return q.value * 0.5, q.value * 1.5  # "about 400": a loose reading
    lo = q.low if q.low is not None else (q.value if q.value is not None else 0.0)
    hi = q.high if q.high is not None else float("inf")
    return lo, hi


def _informative(m: Mention) -> tuple[int, int]:
    score = (
        bool(m.source) * 2
        + bool(m.target)
        + bool(m.date) * 2
        + bool(m.place)
        + bool(m.quantities)
        + bool(m.attributed_to)
    )
    return score, -m.start


def _lead(c: _Cluster, headings: list[Span]) -> Mention:
    """The telling to show as evidence: the first body sentence that dates the event, else the first
    body sentence (the lead), else the headline."""
    body = [m for m in sorted(c.mentions, key=lambda m: m.start) if not _in_heading(m, headings)]
    return next((m for m in body if m.date is not None), body[0] if body else c.first)


def _to_event(c: _Cluster, headings: list[Span]) -> Event:
    best = _best(c)
    first = c.first
    sources = _ids(m.source for m in c.mentions)
    targets = [t for t in _ids(m.target for m in c.mentions) if t not in sources]
    date = _best_date(c.mentions)
    place = best.place or next((m.place for m in c.mentions if m.place is not None), None)
    origin = best.origin or next((m.origin for m in c.mentions if m.origin is not None), None)
    quantities = _quantities(c.mentions, headings)
    type_ = best.type
    mode = next((m.mode for m in c.mentions if m.mode and m.type == type_), None)
    attributed = next(
        (m.attributed_to for m in sorted(c.mentions, key=lambda m: m.start) if m.attributed_to), None
    )
    evidence = _lead(c, headings).evidence
    also = tuple(sorted({m.evidence for m in c.mentions if m.evidence != evidence}, key=lambda s: s.start))
    acled = acled_type(type_, mode)
    if acled == "Violence against civilians" and not _against_civilians(c):
        acled = None
    return Event(
        type=type_,
        evidence=evidence,
        status=first.status if first.status != "occurred" else best.status,
        mode=mode,
        cameo=cameo_code(type_, mode),
        acled=acled,
        source=tuple(sources),
        target=tuple(targets),
        date=date,
        place=place,
        quantities=tuple(quantities),
        attributed_to=attributed,
        also=also,
        origin=origin,
    )


def _ids(groups: object) -> list[str]:
    out: dict[str, None] = {}
    for g in groups:  # type: ignore[attr-defined]
        for a in g:
            out.setdefault(a.id, None)
    return list(out)


def _best_date(mentions: list[Mention]) -> EventDate | None:
    rank = {"day": 3, "time": 3, "month": 2, "year": 1}
    dated = [m.date for m in mentions if m.date is not None]
    if not dated:
        return None
    return max(dated, key=lambda d: (d.start is not None, rank.get(d.precision, 0)))


def _quantities(mentions: list[Mention], headings: list[Span]) -> list[Quantity]:
    """All numbers of the event, without the vaguer retellings of a number already given exactly."""
    out: list[Quantity] = []
    # A body telling wins over a headline's rounder number; among them the most precise wins.
    told = [(_in_heading(m, headings), _vagueness(q), q) for m in mentions for q in m.quantities]
    for _, _, q in sorted(told, key=lambda t: t[:2]):
        same = [o for o in out if _same_unit(o, q) and not _conflict_quantity(o, q)]
        if not same:
            out.append(q)
    return sorted(out, key=lambda q: q.span.start)


def _vagueness(q: Quantity) -> tuple[int, float]:
    """Most precise first: "400" before "about 400" before "hundreds" (the narrower range first)."""
    if q.value is not None and q.low == q.value == q.high:
        return 0, 0.0
    if q.value is not None:
        return 1, 0.0
    lo, hi = _bounds(q)
    return 2, hi - lo


def _same_unit(a: Quantity, b: Quantity) -> bool:
    """ "400 ISIS fighters" and "400 members of ISIS" count the same people."""
    return a.unit == b.unit or {a.unit, b.unit} <= {"fighters", "members"}


def _against_civilians(c: _Cluster) -> bool:
    if any(a.kind == "civilians" for m in c.mentions for a in m.target):
        return True
    return any(
        q.unit in ("civilians", "people", "children", "women") for m in c.mentions for q in m.quantities
    )
