"""Choose one gazetteer entry for each place name of an article, from the article as a whole.

A name alone is often ambiguous ("Georgia", "Jordan", "Idlib" the town or the province, "Deraa"
in Syria or a village elsewhere). Each candidate gets a prior from what it is (a country before a
province before a town, a big town before a small one) plus support from the rest of the article:
how much of it is about the candidate's country, and whether the candidate lies near places the
article names unambiguously. A name followed by ", <state or country>" is restricted to that unit.

Precision comes first: a candidate is kept only above a threshold, and names found by scanning
capitalised words rather than by the entity recogniser must clear a higher bar (see
:data:`ACCEPT`). Thresholds were set on hand-written texts from several conflicts and on the
sample article, never on the evaluation data.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitroom.stages.places.gazetteer import Entry, Gazetteer
from sitroom.stages.places.names import fold, names_admin_unit

# Priors by feature: a country outranks any town of the same name ("Turkey", "Jordan", "Lebanon"),
# and a continent or named region outranks towns too. Towns and provinces score by population
# (log10), so a town of 1M scores 6, a province 6-8.
PRIOR = {"country": 12.0, "continent": 11.0, "region": 11.0, "area": 9.0, "site": 9.0, "airport": 7.0}
# Physical features: a capitalised word found by scanning, alone, is no river or island ("Java").
PHYSICAL = ("area", "site", "airport")
CITY_SCALE = 1.25  # per tenfold population: London (8.9M) 8.7, London, Kentucky (8k) 4.9
CAPITAL_BONUS = 2.0  # a national capital is what a bare name means most often ("Washington")
PRIMARY_BONUS = 1.0  # a town's own name, not one of its alternate or historical names ("Salisbury")
FOCUS_WEIGHT = 3.0  # times the share of the article's unambiguous places in the candidate's country
UNIT_FOCUS_WEIGHT = 5.0  # a province needs more support than a town to beat a country's name ("Georgia")
FOREIGN_PENALTY = 1.5  # a town or province in a country the article otherwise never names
# A province or county of such a country: units named like words ("West Coast", "Peel", "West")
# are found in small countries the article has nothing to do with.
FOREIGN_UNIT_PENALTY = 3.0
NEAR_KM = 250.0  # a candidate this close to an unambiguous place of the article ...
NEAR_BONUS = 2.5  # ... gains this much
QUALIFIED_BONUS = 6.0  # "Parkland, Fla.": the candidate lies in the named state or country
ADMIN_HINT_BONUS = 3.0  # "Idlib province": the mention itself says it is an admin unit
BIG_TOWN = 100_000  # a town this big wins over its own province of the same name ("Aleppo")
CLEAR_MARGIN = 2.5  # candidates this close to the best make a name ambiguous
LOOSE_PENALTY = 2.0  # a transliteration-key match is weaker evidence than an exact spelling
# A town found only under one of its alternate names, when other towns bear the name as their own
# ("Garden City" is also an old name of Singapore; "Southold" one of South Bend's).
ALT_PENALTY = 2.5
# Precision (see _precise): a town with no support in the article gives way to a namesake this many
# times bigger in another country, and is left unresolved when a far-away namesake scores this close.
BIG_RATIO = 5.0
SMALL_TOWN = 20_000
AMBIGUOUS_MARGIN = 1.0
TOWNS = ("city", "admin2")
EXACT, LOOSE, POSTAL = 0, 1, 2  # how a candidate matched the mention
_PENALTY = {EXACT: 0.0, LOOSE: LOOSE_PENALTY, POSTAL: 0.0}
IN_REGION_BONUS = 2.0  # the state or county holds a town the article names, or the reverse
UNIT_MARGIN = 5.0  # a state or province this close to a name's best prior is a possible reading
UNITS = ("admin1", "admin2")  # administrative units below the country
LOCAL = ("city", *UNITS, "airport")  # what lies inside one country and competes with towns of other countries
# "South Florida", "North-East Nigeria", "Western US": a direction before a country, state or
# continent names part of it, placed at the whole (never at a town: "East London" is not London).
_COMPASS = re.compile(r"^(?:(?:north|south)(?: ?(?:east|west))?|east|west|central)(?:ern)? (?=\w)")
WHOLES = ("country", "admin1", "continent")
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north east", "north west", "south east", "south west"}
)
# English words that say a name is spelled in English (and must match exactly), not transliterated.
_ENGLISH = frozenset(
    "st saint mt mount fort ft port new old north south east west upper lower valley side park river "
    "lake bay beach hill hills island islands point city town square street road bridge county hall "
    "center centre capitol complex park".split()
)
# Lowest score to accept: names the entity recogniser tagged as places, a dateline (a town of some
# ten thousand people or more), and capitalised names found by scanning (these need a country, a
# continent, a region or a province of the article's focus, or a big town).
ACCEPT = {"entity": 4.5, "dateline": 6.0, "scan": 8.0, "person": 8.0}
# Found by scanning, not tagged as a place: a "person" is the whole of a PERSON entity ("Deraa",
# "Johnson"), taken only for a place the article supports or a notable one (see _decide).
SCANNED = ("scan", "person")
NOTABLE_TOWN = 100_000


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate place name in the text."""

    start: int
    end: int
    text: str
    # "entity" (spaCy GPE/LOC/FAC), "dateline" (the capitals opening a story: "WINNIPEG —") or
    # "scan" (capitalised words matching the gazetteer) or "person" (a whole PERSON entity that spells one)
    source: str
    qualifier: Entry | None = None  # the state or country after a comma ("Parkland, Fla.")

    @property
    def admin_hint(self) -> bool:
        """The mention says it is an admin unit ("Idlib province"), so a town will not do."""
        return names_admin_unit(self.text)

    @property
    def acronym(self) -> bool:
        """ "EU", "WA", "SA": short capitals that name towns only by accident."""
        return len(self.text) <= 4 and self.text.isupper()


@dataclass(frozen=True, slots=True)
class Resolved:
    mention: Mention
    entry: Entry
    score: float


def resolve(
    mentions: Sequence[Mention], gaz: Gazetteer, abstained: list[Mention] | None = None
) -> list[Resolved]:
    """Resolve every mention that clears the bar, deciding each distinct name once per article.

    Notes:
        Two passes: unambiguous names (one candidate, or a clear winner on priors) set the
        article's country focus and anchor points; then every name is scored with that context.
        All mentions that share a spelling key and qualifier get the same answer, so the article
        never puts "Georgia" in two countries.
    """
    candidates = {m: _candidates(m, gaz) for m in mentions}
    ctx = Context(*_context(candidates))
    decided: dict[tuple[str, int | None, bool], Resolved | None] = {}
    out: list[Resolved] = []
    # Entity mentions first, so that a name the recogniser tagged decides for its scanned copies.
    for m in sorted(mentions, key=lambda m: m.source in SCANNED):
        key = (fold(m.text), m.qualifier.index if m.qualifier else None, m.admin_hint)
        if key not in decided:
            decided[key] = _decide(m, candidates[m], ctx, gaz, abstained)
        hit = decided[key]
        if hit is not None:
            out.append(Resolved(m, hit.entry, hit.score))
    chosen = {r.entry.index for r in out}
    for m in mentions:
        if not candidates[m] and m.source not in SCANNED:
            inside = _containing(m, gaz, ctx, chosen)
            if inside is not None:
                out.append(inside)
    return sorted(out, key=lambda r: r.mention.start)


@functools.cache
def facility_words() -> frozenset[str]:
    """Words that say a name is a facility or a part of a town (``data/places/facility_words.txt``)."""
    path = Path(__file__).resolve().parents[2] / "data" / "places" / "facility_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _containing(m: Mention, gaz: Gazetteer, ctx: Context, chosen: set[int]) -> Resolved | None:
    """The town a facility or neighbourhood is named after, when the article places it there.

    "Colchester General Hospital", "Lake Manassas", "Dubai World Trade Centre": no gazetteer holds
    the name, but it opens or ends with a town's. Taken only when the article supports that town
    (it names the town itself, or other places in its state; nearness is not enough), so that
    "Madison Square Garden" in a New York story is not put in Madison, New Jersey, nor "Lincoln
    Memorial" in Nebraska.
    """
    words = m.text.split()
    if not facility_words().intersection(re.split(r"[\s\-]+", m.text.casefold())):
        return None  # "Helen Kunz" is a person, "Aston Villa" a club: only "... Hospital", "Lake ..."
    for size in range(len(words) - 1, 0, -1):
        for part in (" ".join(words[:size]), " ".join(words[-size:])):
            key = fold(part)
            if not part[:1].isupper() or len(key) < 4 or set(key.split()) <= _ENGLISH:
                continue  # "City Hall" is in no town called City
            start = m.start + m.text.index(part)
            sub = Mention(start, start + len(part), part, m.source)
            cands = [
                (e, how)
                for e, how in _candidates(sub, gaz)
                if e.feature in TOWNS and how == EXACT and fold(e.name) == key
            ]
            hit = _decide(sub, cands, ctx, gaz) if cands else None
            if hit is None:
                continue
            e = hit.entry
            if e.index in chosen or ctx.regions.get(e.admin1, set()) - {key}:
                return Resolved(m, e, hit.score)
    return None


def _candidates(m: Mention, gaz: Gazetteer) -> list[tuple[Entry, int]]:
    """(entry, how it matched) pairs: EXACT, LOOSE (only when no exact spelling exists) or POSTAL."""
    exact = gaz.lookup(m.text)
    if m.text.endswith("."):  # "Fla.", "Calif.": a state abbreviation the recogniser tagged
        unit = gaz.qualifier(m.text)
        if unit is not None:
            exact = [unit]
    out = [(e, EXACT) for e in exact]
    if m.source == "entity" and m.text.isupper() and 2 <= len(m.text) <= 3:
        # "WA", "BC": a postal code the recogniser tagged as a place; _decide asks for the country.
        out += [(e, POSTAL) for e in gaz.postal(m.text)]
    if out:
        return out
    key = fold(m.text)
    part = _COMPASS.match(key)
    if part and m.text[:1].isupper():  # "South Florida", "Western US": the part of a known unit
        return [(e, EXACT) for e in gaz.lookup(key[part.end() :]) if e.feature in WHOLES]
    if m.text[:1].lower() != m.text[:1] and len(key) >= 5 and not _ENGLISH.intersection(key.split()):
        for e in gaz.lookup_loose(m.text):
            # The loose key merges vowels; demand the same first letter and a similar length too.
            name = fold(e.name)
            # Counties are English names, never transliterated ("Yulia" is not Yolo County).
            # Features and airports are English names too ("Yulia" is not the Yalu).
            english = e.feature == "admin2" or e.feature in PHYSICAL
            if not english and name[:1] == key[:1] and 0.7 <= len(name) / len(key) <= 1.4:
                out.append((e, LOOSE))
    return out


def prior(e: Entry) -> float:
    """What a candidate is worth before context: feature, then population."""
    if e.feature in PRIOR:
        return PRIOR[e.feature]
    if e.feature == "admin1":
        return 6.0 + math.log10(e.population + 1) / 4
    if e.feature == "admin2":
        return 5.0 + math.log10(e.population + 1) / 4
    return CITY_SCALE * math.log10(e.population + 1)


@dataclass(frozen=True, slots=True)
class Context:
    """What the article's clear names say: country shares, anchor points and admin1 codes."""

    focus: Counter[str]
    anchors: list[tuple[float, float]]
    regions: dict[str, set[str]]  # admin1 code ("US.FL") -> keys of the names that point there


def _context(
    candidates: dict[Mention, list[tuple[Entry, int]]],
) -> tuple[Counter[str], list[tuple[float, float]], dict[str, set[str]]]:
    """Country shares, anchor points and admin1 regions from the names whose reading is clear.

    A name is clear when every candidate within ``CLEAR_MARGIN`` of the best lies in the same
    country ("Idlib": the town or its province); it is an anchor point when they also lie within
    ``NEAR_KM`` of each other, and names a region when they all lie in one admin1 unit. Each
    distinct name counts once, so a country named thirty times does not drown the towns named once.
    """
    focus: Counter[str] = Counter()
    anchors: list[tuple[float, float]] = []
    regions: defaultdict[str, set[str]] = defaultdict(set)
    seen: set[str] = set()
    for m, cands in candidates.items():
        key = fold(m.text)
        cands = [(e, how) for e, how in cands if how != POSTAL]
        if not cands or m.source in SCANNED or key in seen:
            continue
        seen.add(key)
        ranked = sorted(((prior(e) - _PENALTY[how], e) for e, how in cands), key=lambda x: -x[0])
        best_score, best = ranked[0]
        close = [e for s, e in ranked if s >= best_score - CLEAR_MARGIN]
        # A state or province of another country that might be meant (it has the name, and its
        # prior is not far below) is a reading the article must settle ("Georgia": the country or
        # the US state); every admin1 unit of the name is a region a town may lie in ("Florida").
        for score, e in ranked:
            if e.feature == "admin1" and score >= best_score - UNIT_MARGIN:
                regions[e.admin1].add(key)
        units = {
            e.country
            for s, e in ranked
            if e.feature in ("country", "admin1") and s >= best_score - UNIT_MARGIN
        }
        if best_score < 4.0 or len({e.country for e in close} | units) > 1:
            continue
        if best.country:
            focus[best.country] += 1
        if best.feature in LOCAL and all(_km(best.lat, best.lon, e.lat, e.lon) < NEAR_KM for e in close):
            anchors.append((best.lat, best.lon))
        if best.feature in LOCAL and best.admin1 and all(e.admin1 == best.admin1 for e in close):
            regions[best.admin1].add(key)
    return focus, anchors, dict(regions)


def _decide(
    m: Mention,
    cands: list[tuple[Entry, int]],
    ctx: Context,
    gaz: Gazetteer,
    abstained: list[Mention] | None = None,
) -> Resolved | None:
    if m.qualifier is not None:
        q = m.qualifier
        inside = [(e, how) for e, how in cands if e.index != q.index and _within(e, q)]
        cands = inside or cands
    key = fold(m.text)
    if m.admin_hint:
        cands = [(e, how) for e, how in cands if e.feature != "city"]  # "Morris County" is not Morris
    elif " " not in key:  # "Johnson" is a name, not Johnson County; "Miami-Dade" is the county
        cands = [(e, how) for e, how in cands if e.feature != "admin2" or not names_admin_unit(e.name)]
    if m.acronym:  # "EU" is not Eu, France, "WA" not Wa, Ghana; "D.C." and "NYC" still name a capital
        small = ("city", "admin2", "airport")
        cands = [(e, how) for e, how in cands if e.feature not in small or _landmark(e, gaz)]
    if m.source in SCANNED and " " not in key:
        cands = [(e, how) for e, how in cands if e.feature not in PHYSICAL]
    if key in _DIRECTIONS:  # "the West": a side of a conflict, never West, Texas (North West province is)
        cands = [(e, how) for e, how in cands if e.feature not in ("city", "admin2", "airport")]
    # A postal code counts only in an article that names its country otherwise ("WA").
    cands = [(e, how) for e, how in cands if how != POSTAL or ctx.focus[e.country or ""]]
    if not cands:
        return None
    focus, total = ctx.focus, sum(ctx.focus.values())
    unit_countries = {e.country for e, _ in cands if e.feature in UNITS}
    # A country outranks its capital or a town known by its name ("Mexico" is not Mexico City).
    has_country = any(e.feature == "country" and how == EXACT for e, how in cands)
    # Towns that bear the name as their own come before towns that merely have it as an old name.
    has_primary = any(e.feature == "city" and fold(e.name) == key for e, _ in cands)
    scored: list[tuple[float, Entry, bool]] = []  # score, candidate, supported by the article
    for e, how in cands:
        score = prior(e) - _PENALTY[how]
        primary = fold(e.name) == key
        if e.feature == "city":
            score += PRIMARY_BONUS if primary else (-ALT_PENALTY if has_primary else 0.0)
        if e.index in gaz.capitals and primary and not has_country:
            score += CAPITAL_BONUS
        if total and e.country:
            weight = UNIT_FOCUS_WEIGHT if e.feature in UNITS else FOCUS_WEIGHT
            score += weight * focus[e.country] / total
            if not focus[e.country] and e.feature in LOCAL:
                score -= FOREIGN_UNIT_PENALTY if e.feature in UNITS else FOREIGN_PENALTY
        supported = False
        if e.feature in LOCAL:  # near the article's places, or in a state it names: one signal, not two
            near = any(_km(e.lat, e.lon, a, b) < NEAR_KM for a, b in ctx.anchors)
            in_named = bool(ctx.regions.get(e.admin1, set()) - {key})  # named by another name
            score += max(NEAR_BONUS if near else 0.0, IN_REGION_BONUS if in_named else 0.0)
            supported = near or in_named
        if m.qualifier is not None and _within(e, m.qualifier):
            score += QUALIFIED_BONUS
            supported = True
        if m.admin_hint and e.feature in UNITS:
            score += ADMIN_HINT_BONUS
            supported = True
        big = e.feature == "city" and e.population >= BIG_TOWN
        if big and e.country in unit_countries and not has_country:
            score += 2.5  # "Aleppo", "New York": the big town, not the province named like it
        scored.append((score, e, supported))
    best = _precise(m, key, scored)
    if best is None and abstained is not None:
        abstained.append(m)
    if best is None or best.score < ACCEPT[m.source]:
        return None
    if best.entry.feature in LOCAL and m.source in SCANNED and best.entry.country not in focus:
        return None  # a capitalised word that is a town far from the article's places: not trusted
    backed = any(supported for _, e, supported in scored if e.index == best.entry.index)
    if m.source == "person" and not _notable(best.entry) and not backed:
        return None  # "Johnson said": a town named like a person needs the article's support
    return best


def _notable(e: Entry) -> bool:
    return e.feature in ("country", "continent", "admin1", "region") or (
        e.feature == "city" and e.population >= NOTABLE_TOWN
    )


def _precise(m: Mention, key: str, scored: list[tuple[float, Entry, bool]]) -> Resolved | None:
    """The best candidate, unless precision says otherwise (see :data:`BIG_RATIO`, :data:`AMBIGUOUS_MARGIN`).

    A town or county that nothing in the article supports (no nearby place, no state it lies in,
    no qualifier) has only its population and the article's country to go on. Then a far bigger
    town of the same name elsewhere is the likelier reading ("Colchester", England, not Vermont),
    and a small town with a rival of about the same size and score far away is a guess: left
    unresolved. A big town (``BIG_TOWN``) is what a bare name means unless the article says otherwise.
    """
    if not scored:
        return None
    score, best, supported = max(scored, key=lambda x: x[0])
    if best.feature not in TOWNS or supported:
        return Resolved(m, best, score)
    rivals = [
        (s, e)
        for s, e, _ in scored
        if e.feature in TOWNS and e.index != best.index and _km(e.lat, e.lon, best.lat, best.lon) > NEAR_KM
    ]
    bigger = [
        (s, e)
        for s, e in rivals
        if e.feature == "city"
        and fold(e.name) == key
        and e.country != best.country
        and e.population >= max(BIG_RATIO * best.population, BIG_TOWN)
    ]
    # An international airport is bigger than any village named like it ("Heathrow", Florida).
    airports = [(s, e) for s, e, _ in scored if e.feature == "airport"]
    if airports and best.population < SMALL_TOWN:
        s, e = max(airports, key=lambda x: x[0])
        return Resolved(m, e, max(s, score))
    if bigger:
        s, e = max(bigger, key=lambda x: x[1].population)
        return Resolved(m, e, max(s, score))
    if best.population < BIG_TOWN and any(
        s >= score - AMBIGUOUS_MARGIN and e.population * 2 >= best.population for s, e in rivals
    ):
        return None
    return Resolved(m, best, score)


def _landmark(e: Entry, gaz: Gazetteer) -> bool:
    """A town known well enough to go by initials: a national capital or a city of a million."""
    return e.index in gaz.capitals or e.population >= 1_000_000


def _within(e: Entry, unit: Entry) -> bool:
    if unit.feature == "country":
        return e.country == unit.country
    if unit.feature == "admin1":
        return e.admin1 == unit.admin1
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points (used by the evaluation too)."""
    return _km(lat1, lon1, lat2, lon2)
