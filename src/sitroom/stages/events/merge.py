"""One event told several times (headline, lead, later paragraphs) becomes one Event with more evidence.

Two mentions are the same event only on positive evidence: the same frame, a compatible status, a
shared participant (or a definite noun pointing back: "the deal", "the transfer"), and nothing that
contradicts (different dates, places, numbers or sides).
"""

from __future__ import annotations

from sitroom.document import Event, EventDate, Quantity, Span
from sitroom.stages.events.extract import Mention
from sitroom.stages.events.lexicon import acled_type, cameo_code

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

    def targets(self) -> set[str]:
        return {a.id for m in self.mentions for a in m.target}


def merge_mentions(mentions: list[Mention], headings: list[Span]) -> list[Event]:
    """Fold the mentions of one event into one Event; events come out in order of first telling."""
    clusters: list[_Cluster] = []
    # Body sentences first, so that a headline joins the body event it announces, not the reverse.
    ordered = sorted(mentions, key=lambda m: (_in_heading(m, headings), m.start))
    for m in ordered:
        home = next((c for c in clusters if _same_event(c, m)), None)
        if home is None:
            clusters.append(_Cluster(m))
        else:
            home.mentions.append(m)
    kept = [c for c in clusters if _has_actor_if_needed(c)]
    # Within a sentence the main clause's event comes first (the least deep trigger): the event a
    # coder would code for the sentence.
    pairs = [(_to_event(c, headings), c) for c in kept]
    pairs.sort(key=lambda p: (p[0].evidence.start, _depth(_best(p[1]).token), _best(p[1]).start))
    return [e for e, _ in pairs]


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
    if not shared and not (m.definite and m.trigger.lemma in lemmas and not mine):
        return False
    # Two tellings with known sources are one event only if a source is shared ("A split from HTS" and
    # "B broke with HTS" are two splits).
    if m_src_all := {a.id for a in m.source}:
        theirs = c.sources()
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
    pa = a.place
    pb = b.place
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
    quantities = _quantities(c.mentions)
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


def _quantities(mentions: list[Mention]) -> list[Quantity]:
    """All numbers of the event, without the vaguer retellings of a number already given exactly."""
    out: list[Quantity] = []
    # Body tellings come first in ``mentions``: their numbers win over a headline's rounder ones.
    for q in sorted((q for m in mentions for q in m.quantities), key=lambda q: q.value is None):
        same = [o for o in out if o.unit == q.unit and not _conflict_quantity(o, q)]
        if not same:
            out.append(q)
    return sorted(out, key=lambda q: q.span.start)


def _against_civilians(c: _Cluster) -> bool:
    if any(a.kind == "civilians" for m in c.mentions for a in m.target):
        return True
    return any(
        q.unit in ("civilians", "people", "children", "women") for m in c.mentions for q in m.quantities
    )
