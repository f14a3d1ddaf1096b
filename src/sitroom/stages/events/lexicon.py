"""The event lexicon: trigger words, PLOVER types, CAMEO codes, ACLED families and status cues.

All of it lives in data files under ``sitroom/data/events/`` (written from the PLOVER codebook and the
CAMEO-to-PLOVER table, with their sources noted there); this module only reads them, once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Trigger:
    """One reading of a trigger lemma (a row of ``triggers.tsv``)."""

    lemma: str
    verb: bool
    noun: bool
    type: str
    mode: str | None
    frame: str
    flags: frozenset[str]
    obj: frozenset[str] = frozenset()
    noobj: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    source: frozenset[str] = frozenset()  # cond from=: what a "from" phrase names ("withdrew from the deal")
    comp: bool = False
    intrans: bool = False


@dataclass(frozen=True, slots=True)
class TypeInfo:
    cameo: str
    cls: str  # cooperative | verbal-conflict | material-conflict
    acled: str | None


@dataclass(frozen=True, slots=True)
class ModeInfo:
    cameo: str
    acled: str | None


def _rows(name: str) -> list[list[str]]:
    path = resources.files("sitroom.data").joinpath(f"events/{name}")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def _parse_cond(cond: str) -> dict[str, frozenset[str] | bool]:
    out: dict[str, frozenset[str] | bool] = {}
    if cond in ("", "-"):
        return out
    for part in cond.split(";"):
        key, _, values = part.partition("=")
        key = key.strip()
        if key in ("comp", "intrans"):
            out[key] = True
        elif key in ("obj", "noobj", "prep", "prt", "mod", "from"):
            out[key] = frozenset(v.strip() for v in values.split("|") if v.strip())
        else:
            raise ValueError(
                f"triggers.tsv: unknown condition {key!r} in {cond!r}; "
                "use obj, noobj, prep, prt, mod, from, comp, intrans"
            )
    return out


@functools.cache
def triggers() -> dict[str, tuple[Trigger, ...]]:
    """Lemma -> its readings, in file order (the first whose condition holds wins)."""
    table: dict[str, list[Trigger]] = {}
    types = plover_types()
    for lemma, pos, type_, mode, frame, flags, cond in _rows("triggers.tsv"):
        if type_ not in types:
            raise ValueError(f"triggers.tsv: {lemma!r} has type {type_!r}; known: {', '.join(types)}")
        c = _parse_cond(cond)
        table.setdefault(lemma, []).append(
            Trigger(
                lemma=lemma,
                verb="V" in pos,
                noun="N" in pos,
                type=type_,
                mode=_opt(mode),
                frame=frame,
                flags=frozenset(f for f in flags.split(",") if f and f != "-"),
                obj=c.get("obj", frozenset()),  # type: ignore[arg-type]
                noobj=c.get("noobj", frozenset()),  # type: ignore[arg-type]
                prep=c.get("prep", frozenset()),  # type: ignore[arg-type]
                prt=c.get("prt", frozenset()),  # type: ignore[arg-type]
                mod=c.get("mod", frozenset()),  # type: ignore[arg-type]
                source=c.get("from", frozenset()),  # type: ignore[arg-type]
                comp=bool(c.get("comp", False)),
                intrans=bool(c.get("intrans", False)),
            )
        )
    return {k: tuple(v) for k, v in table.items()}


@functools.cache
def plover_types() -> dict[str, TypeInfo]:
    """PLOVER type -> CAMEO root, quad class, default ACLED event type."""
    return {t: TypeInfo(cameo, cls, _opt(acled)) for t, cameo, cls, acled in _rows("plover.tsv")}


@functools.cache
def modes() -> dict[tuple[str, str], ModeInfo]:
    """(PLOVER type, mode) -> the CAMEO code and ACLED family the mode implies."""
    return {(t, m): ModeInfo(cameo, _opt(acled)) for t, m, cameo, acled in _rows("modes.tsv")}


@functools.cache
def status_cues() -> dict[str, dict[str, str]]:
    """Role (aux, gov, mark, mod, det, adv) -> cue word -> status."""
    out: dict[str, dict[str, str]] = {}
    for cue, role, status in _rows("status_cues.tsv"):
        out.setdefault(role, {})[cue] = status
    return out


def cameo_code(type_: str, mode: str | None) -> str | None:
    """The CAMEO code of a PLOVER type and mode: the mode's code where the table has one, else the root."""
    if mode is not None and (type_, mode) in modes():
        return modes()[(type_, mode)].cameo
    info = plover_types().get(type_)
    return info.cameo if info else None


def acled_type(type_: str, mode: str | None) -> str | None:
    """The ACLED event type a PLOVER type and mode imply, or None where none does."""
    if mode is not None and (type_, mode) in modes():
        acled = modes()[(type_, mode)].acled
        if acled is not None:
            return acled
    info = plover_types().get(type_)
    return info.acled if info else None


def is_cooperative(type_: str) -> bool:
    info = plover_types().get(type_)
    return info is not None and info.cls == "cooperative"
