"""Accuracy of ``actors`` on the PLOVER gold-standard records (``plover-gsr/plover_gsr_dev.json``).

Each record is one sentence (mostly edited examples of the CAMEO manual, news of 1990-2010) with its
source and target actors coded as ``{"actorText", "code", "sector"}``: ``code`` an ISO alpha-3 country
(a few CAMEO-era codes: JAP, ITL) or a non-state code (IGO, NGO, IMG), ``sector`` a CAMEO/PLOVER sector
(GOV, MIL, REB, CVL, ...), often absent. What is scored:

- For each gold actor whose ``actorText`` occurs in the sentence, the sitroom actor with a mention
  overlapping it (the largest overlap). Its code is the ISO alpha-3 of its country; an IGO is "IGO",
  an NGO without a country "NGO", an armed group without a country (al-Qaeda) "IMG", a person
  affiliated to an IGO "IGO". An actor with neither country nor such a kind has no code.
- **country accuracy**: gold actors whose code sitroom gets right, over all located gold actors (a
  miss or a wrong code both count against it).
- **country precision**: right codes over the codes sitroom gives: how far a printed code can be trusted.
- **coverage**: located gold actors that sitroom codes at all.
- **sector accuracy**: where the gold has a PLOVER sector and sitroom gives one, how often they agree
  (first three letters; CAMEO's ethnic/religious suffixes are dropped).

Caveats: the gold was coded for the whole event (capitals as their government: "Beirut" -> LBN GOV;
"Palestinian youths" -> PSE), and some codes are plainly wrong (Amnesty International as IGO). No system
has published figures on this file that we know of, so no peers are printed.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.document import Actor, Document, Source, text_id
from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult, Metric
from sitroom.settings import Settings

FOLDER = "plover-gsr"
FILE = "plover_gsr_dev.json"
# Floors sit a little below what this code measured on all 213 records (README "Accuracy").
FLOORS = {"country accuracy": 0.70, "country precision": 0.93, "coverage": 0.72, "sector accuracy": 0.83}
SMALL_SAMPLE_SLACK = 0.10  # with --limit the sample is small and noisy: floors only catch breakage
# CAMEO-era codes in the gold and the ISO alpha-3 codes states.tsv uses for them.
LEGACY = {"JAP": "JPN", "ITL": "ITA", "KOS": "XKX", "ROM": "ROU"}
SECTORS = frozenset(
    (
        "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC"
    ).split()
)


@dataclass(frozen=True)
class Scored:
    gold_code: str
    code: str | None
    gold_sector: str | None
    sector: str | None


def evaluate(data: Path, settings: Settings, limit: int | None) -> EvalResult:
    """Score actor countries and sectors against the PLOVER gold standard (see module docstring)."""
    path = data / FOLDER / FILE
    if not path.is_file():
        raise EvalError(f"PLOVER gold standard not found at {path}")
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    records = records[:limit] if limit else records
    began = time.perf_counter()
    docs = _analyse([r["text"] for r in records], settings)
    scored: list[Scored] = []
    unlocated = 0
    for record, doc in zip(records, docs, strict=True):
        for gold in _gold_actors(record):
            start = doc.text.find(gold["actorText"].strip())
            if start < 0:
                unlocated += 1
                continue
            end = start + len(gold["actorText"].strip())
            actor = _overlapping(doc.actors, start, end)
            scored.append(_score(gold, actor, _iso3()))
    seconds = time.perf_counter() - began
    return _result(scored, unlocated, len(records), seconds, limit)


def _analyse(texts: list[str], settings: Settings) -> list[Document]:
    """nlp + actors on bare sentences (clean would refuse texts this short)."""
    from sitroom.stages.actors import actors
    from sitroom.stages.nlp import nlp

    docs = [Document(source=Source(format="text"), raw=t, id=text_id(t), text=t) for t in texts]
    docs = nlp.run_batch(docs, settings)
    return [actors(d, settings) for d in docs]


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            out += [a for a in value if isinstance(a, dict) and a.get("actorText") and a.get("code")]
    return out


def _overlapping(actors: tuple[Actor, ...], start: int, end: int) -> Actor | None:
    best: tuple[int, Actor] | None = None
    for a in actors:
        for m in a.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, a)
    return None if best is None else best[1]


def _iso3() -> dict[str, str]:
    from sitroom.stages.actors.kb import load_kb

    return {s.iso2: s.iso3 for s in load_kb().states.values()}


def code_of(actor: Actor, iso3: dict[str, str]) -> str | None:
    """The PLOVER country code of a sitroom actor (see module docstring)."""
    if actor.kind == "igo" or (actor.kind == "person" and actor.sector == "IGO"):
        return "IGO"
    if actor.country is not None:
        return iso3.get(actor.country)
    if actor.kind == "ngo":
        return "NGO"
    if actor.kind == "armed_group" and not actor.id.startswith("x:"):
        return "IMG"
    return None


def _score(gold: dict[str, Any], actor: Actor | None, iso3: dict[str, str]) -> Scored:
    code = str(gold["code"]).upper()
    sector = str(gold.get("sector") or "")[:3].upper()
    return Scored(
        LEGACY.get(code, code),
        None if actor is None else code_of(actor, iso3),
        sector if sector in SECTORS else None,
        None if actor is None else actor.sector,
    )


def _result(scored: list[Scored], unlocated: int, n: int, seconds: float, limit: int | None) -> EvalResult:
    coded = [s for s in scored if s.code is not None]
    right = sum(1 for s in coded if s.code == s.gold_code)
    sectors = [s for s in coded if s.gold_sector is not None and s.sector is not None]
    values = {
        "country accuracy": right / len(scored) if scored else 0.0,
        "country precision": right / len(coded) if coded else 0.0,
        "coverage": len(coded) / len(scored) if scored else 0.0,
        "sector accuracy": (
            sum(1 for s in sectors if s.sector == s.gold_sector) / len(sectors) if sectors else 0.0
        ),
    }
    slack = SMALL_SAMPLE_SLACK if limit else 0.0
    notes = {
        "country accuracy": f"{right} of {len(scored)} located gold actors",
        "country precision": f"{right} of {len(coded)} coded",
        "sector accuracy": f"{len(sectors)} actors with a sector on both sides",
    }
    metrics = tuple(
        Metric(name, value, round(FLOORS[name] - slack, 3), (), notes.get(name, ""))
        for name, value in values.items()
    )
    return EvalResult(
        "actors",
        f"{FOLDER}/{FILE}",
        n,
        metrics,
        seconds,
        (
            f"{len(scored)} gold actors located in their sentence, {unlocated} not found verbatim",
            "no published figures of other systems on this file; PLOVER's readme gives none",
        ),
    )
