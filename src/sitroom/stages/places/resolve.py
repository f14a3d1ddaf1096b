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

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.stages.places.gazetteer import Entry, Gazetteer
from sitroom.stages.places.names import fold, names_admin_unit

# Priors by feature: a country outranks any town of the same name ("Turkey", "Jordan", "Lebanon"),
# and a continent or named region outranks towns too. Towns and provinces score by population
# (log10), so a town of 1M scores 6, a province 6-8.
PRIOR = {"country": 12.0, "continent": 11.0, "region": 11.0}
CITY_SCALE = 1.25  # per tenfold population: London (8.9M) 8.7, London, Kentucky (8k) 4.9
CAPITAL_BONUS = 2.0  # a national capital is what a bare name means most often ("Washington")
PRIMARY_BONUS = 1.0  # a town's own name, not one of its alternate or historical names ("Salisbury")
FOCUS_WEIGHT = 3.0  # times the share of the article's unambiguous places in the candidate's country
UNIT_FOCUS_WEIGHT = 5.0  # a province needs more support than a town to beat a country's name ("Georgia")
FOREIGN_PENALTY = 1.5  # a town or province in a country the article otherwise never names
NEAR_KM = 250.0  # a candidate this close to an unambiguous place of the article ...
NEAR_BONUS = 2.5  # ... gains this much
QUALIFIED_BONUS = 6.0  # "Parkland, Fla.": the candidate lies in the named state or country
ADMIN_HINT_BONUS = 3.0  # "Idlib province": the mention itself says it is an admin unit
BIG_TOWN = 100_000  # a town this big wins over its own province of the same name ("Aleppo")
CLEAR_MARGIN = 2.5  # candidates this close to the best make a name ambiguous
LOOSE_PENALTY = 2.0  # a transliteration-key match is weaker evidence than an exact spelling
# Lowest score to accept: names the entity recogniser tagged as places, and capitalised names
# found by scanning (these need a country, a continent, a region or a province of the article's
# focus, or a big town).
ACCEPT = {"entity": 4.5, "scan": 8.0}


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate place name in the text."""

    start: int
    end: int
    text: str
    source: str  # "entity" (spaCy GPE/LOC/FAC) or "scan" (capitalised words matching the gazetteer)
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


def resolve(mentions: Sequence[Mention], gaz: Gazetteer) -> list[Resolved]:
    """Resolve every mention that clears the bar, deciding each distinct name once per article.

    Notes:
        Two passes: unambiguous names (one candidate, or a clear winner on priors) set the
        article's country focus and anchor points; then every name is scored with that context.
        All mentions that share a spelling key and qualifier get the same answer, so the article
        never puts "Georgia" in two countries.
    """
    candidates = {m: _candidates(m, gaz) for m in mentions}
    focus, anchors = _context(candidates)
    decided: dict[tuple[str, int | None, bool], Resolved | None] = {}
    out: list[Resolved] = []
    # Entity mentions first, so that a name the recogniser tagged decides for its scanned copies.
    for m in sorted(mentions, key=lambda m: m.source != "entity"):
        key = (fold(m.text), m.qualifier.index if m.qualifier else None, m.admin_hint)
        if key not in decided:
            decided[key] = _decide(m, candidates[m], focus, anchors, gaz)
        hit = decided[key]
        if hit is not None:
            out.append(Resolved(m, hit.entry, hit.score))
    return sorted(out, key=lambda r: r.mention.start)


def _candidates(m: Mention, gaz: Gazetteer) -> list[tuple[Entry, bool]]:
    """(entry, matched on the loose key) pairs; loose matches only when no exact spelling exists."""
    exact = gaz.lookup(m.text)
    if m.text.endswith("."):  # "Fla.", "Calif.": a state abbreviation the recogniser tagged
        unit = gaz.qualifier(m.text)
        if unit is not None:
            exact = [unit]
    if exact:
        return [(e, False) for e in exact]
    if m.text[:1].lower() != m.text[:1] and len(fold(m.text)) >= 5:
        key = fold(m.text)
        out = []
        for e in gaz.lookup_loose(m.text):
            # The loose key merges vowels; demand the same first letter and a similar length too.
            name = fold(e.name)
            if name[:1] == key[:1] and 0.7 <= len(name) / len(key) <= 1.4:
                out.append((e, True))
        return out
    return []


def prior(e: Entry) -> float:
    """What a candidate is worth before context: feature, then population."""
    if e.feature in PRIOR:
        return PRIOR[e.feature]
    if e.feature == "admin1":
        return 6.0 + math.log10(e.population + 1) / 4
    return CITY_SCALE * math.log10(e.population + 1)


def _context(
    candidates: dict[Mention, list[tuple[Entry, bool]]],
) -> tuple[Counter[str], list[tuple[float, float]]]:
    """Country shares and anchor points from the names whose reading is clear.

    A name is clear when every candidate within ``CLEAR_MARGIN`` of the best lies in the same
    country ("Idlib": the town or its province); it is an anchor point when they also lie within
    ``NEAR_KM`` of each other. Each distinct name counts once, so a country named thirty times
    does not drown the towns named once.
    """
    focus: Counter[str] = Counter()
    anchors: list[tuple[float, float]] = []
    seen: set[str] = set()
    for m, cands in candidates.items():
        key = fold(m.text)
        if not cands or m.source != "entity" or key in seen:
            continue
        seen.add(key)
        ranked = sorted(
            ((prior(e) - (LOOSE_PENALTY if lo else 0), e) for e, lo in cands), key=lambda x: -x[0]
        )
        best_score, best = ranked[0]
        close = [e for s, e in ranked if s >= best_score - CLEAR_MARGIN]
        # Units (countries, provinces, regions) of several countries make a name unclear however
        # far apart their priors: "Georgia" the country or the US state is for the article to say.
        units = {e.country for _, e in ranked if e.feature != "city"}
        if best_score < 4.0 or len({e.country for e in close} | units) > 1:
            continue
        if best.country:
            focus[best.country] += 1
        if best.feature in ("city", "admin1") and all(
            _km(best.lat, best.lon, e.lat, e.lon) < NEAR_KM for e in close
        ):
            anchors.append((best.lat, best.lon))
    return focus, anchors


def _decide(
    m: Mention,
    cands: list[tuple[Entry, bool]],
    focus: Counter[str],
    anchors: list[tuple[float, float]],
    gaz: Gazetteer,
) -> Resolved | None:
    if not cands:
        return None
    if m.qualifier is not None:
        q = m.qualifier
        inside = [(e, lo) for e, lo in cands if e.index != q.index and _within(e, q)]
        cands = inside or cands
    if m.admin_hint:
        cands = [(e, lo) for e, lo in cands if e.feature != "city"]  # "Morris County" is not Morris
    if m.acronym:
        cands = [(e, lo) for e, lo in cands if e.feature != "city"]  # "EU" is not Eu, France
    total = sum(focus.values())
    unit_countries = {e.country for e, _ in cands if e.feature == "admin1"}
    # A country outranks its capital or a town known by its name ("Mexico" is not Mexico City).
    has_country = any(e.feature == "country" and not lo for e, lo in cands)
    key = fold(m.text)
    best: Resolved | None = None
    for e, lo in cands:
        score = prior(e) - (LOOSE_PENALTY if lo else 0.0)
        primary = fold(e.name) == key
        if e.feature == "city" and primary:
            score += PRIMARY_BONUS
        if e.index in gaz.capitals and primary and not has_country:
            score += CAPITAL_BONUS
        if total and e.country:
            weight = UNIT_FOCUS_WEIGHT if e.feature == "admin1" else FOCUS_WEIGHT
            score += weight * focus[e.country] / total
            if not focus[e.country] and e.feature in ("city", "admin1"):
                score -= FOREIGN_PENALTY
        if e.feature in ("city", "admin1") and any(_km(e.lat, e.lon, a, b) < NEAR_KM for a, b in anchors):
            score += NEAR_BONUS
        if m.qualifier is not None and _within(e, m.qualifier):
            score += QUALIFIED_BONUS
        if m.admin_hint and e.feature == "admin1":
            score += ADMIN_HINT_BONUS
        big = e.feature == "city" and e.population >= BIG_TOWN
        if big and e.country in unit_countries and not has_country:
            score += 2.5  # "Aleppo", "New York": the big town, not the province named like it
        if best is None or score > best.score:
            best = Resolved(m, e, score)
    if best is None or best.score < ACCEPT[m.source]:
        return None
    if best.entry.feature == "city" and m.source == "scan" and best.entry.country not in focus:
        return None  # a capitalised word that is a town far from the article's places: not trusted
    return best


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
