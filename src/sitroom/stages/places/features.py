"""Places that are neither towns nor administrative units: physical features and airports.

News names seas, rivers, islands, mountain ranges and airports as often as towns ("off the coast of
Lesbos", "shelling across the Dnieper", "flights from Heathrow"), and none of them is in GeoNames'
town or division tables that the rest of the gazetteer is built from. Two sources, both offline:

- ``data/places/features.tsv``: hand-curated seas, gulfs, straits, rivers, lakes, islands, ranges,
  peaks, deserts, valleys and deltas, each an ``area`` (reported as a region) or a ``site`` (a river,
  strait or peak: reported as "other"). Rivers sit at their mouth, as GeoNames places streams.
- the ``airportsdata`` package (MIT): every airport with an IATA code, its name, city and point.
  Each gets its full name, the name without its city ("Heathrow Airport" of "London Heathrow
  Airport"), and for international airports and air bases the bare core ("Heathrow", "Incirlik").

An alias that already names a country, division, region or sizeable town is not added (see
:func:`~sitroom.stages.places.gazetteer.build_state`): the older reading keeps the name.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

KINDS = ("area", "site")


@dataclass(frozen=True, slots=True)
class Feature:
    """A physical feature or an airport: id (None where unsure), names, point, country and kind."""

    geonameid: int | None
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    kind: str  # "area", "site" or "airport"


def load_features(path: Path) -> list[Feature]:
    """The rows of ``features.tsv`` (name, aliases, lat, lon, country, geonameid, kind)."""
    out: list[Feature] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or not row[0] or row[0].startswith("#"):
                continue
            name, alias_text, lat, lon, cc, gid, kind = (row + [""] * 7)[:7]
            if kind not in KINDS:
                log.warning("features.tsv: %s has unknown kind %r", name, kind)
                continue
            aliases = tuple(a.strip() for a in alias_text.split(";") if a.strip())
            out.append(Feature(int(gid) if gid else None, name, aliases, float(lat), float(lon), cc, kind))
    return out


# Words that say what kind of airport a name is; what is left is its own name ("Heathrow").
_AIRPORT_WORDS = re.compile(
    r"\b(?:international|intl|regional|municipal|national|airport|airfield|aerodrome|air base|"
    r"airbase|air force base|afb|air station)\b",
    re.IGNORECASE,
)
_AIR_BASE = re.compile(r"\b(?:air base|airbase|air force base|air station)\b", re.IGNORECASE)
_INITIALS = re.compile(r"\b[A-Z]\.? ")  # "John F Kennedy": a person's name, never a bare alias
_CORE = re.compile(r"[A-Z][a-z]*(?:['’-]?[A-Za-z]+)*")
MIN_CORE = 5


def load_airports() -> list[Feature]:
    """Airports with an IATA code from the installed ``airportsdata`` (none, with a warning, if absent)."""
    try:
        import airportsdata
    except ModuleNotFoundError as exc:
        log.warning("airportsdata missing (%s): no airports in the gazetteer", exc)
        return []
    out: list[Feature] = []
    for a in airportsdata.load("IATA").values():
        name = str(a["name"]).strip()
        if not name or not a.get("country"):
            continue
        aliases = tuple(dict.fromkeys(n for n in airport_names(name, str(a.get("city") or "")) if n != name))
        out.append(
            Feature(None, name, aliases, float(a["lat"]), float(a["lon"]), str(a["country"]), "airport")
        )
    return out


def airport_names(name: str, city: str) -> Iterator[str]:
    """Other names news gives an airport: "London Heathrow Airport" -> "Heathrow Airport", "Heathrow".

    Notes:
        The bare core is given only for international airports, air bases and airports named after
        their city, only when it is one capitalised word of at least five letters that is not the
        city's own name, and never for a person's name with initials ("John F Kennedy").
    """
    yield name
    words = name
    rest = name[len(city) + 1 :] if city and name.startswith(city + " ") else ""
    if rest.startswith("Airport "):  # "Amsterdam Airport Schiphol"
        words = rest[len("Airport ") :] + " Airport"
        yield words
    elif rest and not _AIRPORT_WORDS.match(rest):  # "Heathrow Airport", not "International Airport"
        words = rest
        yield words
    if " International Airport" in words:
        yield words.replace(" International Airport", " Airport")
        yield words.replace(" International Airport", " International")
    core = " ".join(_AIRPORT_WORDS.sub(" ", words).split())
    if city and core.startswith(city + " "):
        core = core[len(city) + 1 :]
    # An international airport, an air base, or one named as the city's ("London Heathrow Airport").
    known = "International" in name or bool(_AIR_BASE.search(name)) or words != name
    if (
        known
        and " " not in core
        and len(core) >= MIN_CORE
        and _CORE.fullmatch(core)
        and core != city
        and not _INITIALS.search(name)
    ):
        yield core
