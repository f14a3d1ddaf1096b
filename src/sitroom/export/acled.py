"""ACLED CSV: one row per incident, with ACLED's column names, event types and conventions.

Notes:
    Columns and vocabularies from the ACLED Codebook (2023): event types and sub-event types,
    ``inter`` actor codes (1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces), ``interaction`` as the two codes
    joined smaller first, ``time_precision`` 1 day / 2 week / 3 month, and "the most conservative
    fatality estimate" when sources disagree (every reported figure is listed in ``notes``).
    PLOVER types without an ACLED counterpart (verbal events, aid...) are left out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
from typing import IO, Any

from sitroom.export.common import IncidentView, country, incident_views
from sitroom.store import Filters, Store
from sitroom.store.rows import plover

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Actor kind (report contract) -> ACLED inter code.
INTER = {
    "state": 1, "government": 1, "military": 1, "armed_group": 2, "political_party": 3,
    "civilians": 7, "igo": 8,
}  # fmt: skip
SECTOR_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "REB": 2, "INS": 2, "CVL": 7}
PRECISION = {"day": 1, "time": 1, "week": 2, "month": 3}


def acled_type(
    event_type: str, mode: str | None, stated: str | None, civilian_target: bool
) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a PLOVER type and mode, or None when ACLED has no such event."""
    table = plover()["acled"].get(event_type.upper())
    if stated in DISORDER:  # the events stage named the ACLED type itself; the mode may refine it
        pair = (table or {}).get(mode or "")
        sub = pair[1] if pair and pair[0] == stated else plover()["acled_default_sub"].get(stated, "")
        return stated, sub
    if not table:
        return None
    pair = table.get(mode or "") or table.get("")
    if pair is None:
        return None
    if civilian_target and event_type.upper() in ("ASSAULT", "FIGHT") and pair[0] == "Battles":
        pair = plover()["acled_civilian_target"]
    return pair[0], pair[1]


def acled_row(view: IncidentView) -> dict[str, Any] | None:
    inc = view.row
    first = view.reports[0] if view.reports else {}
    civilian = any(_inter(a) == 7 for a in view.targets)
    types = acled_type(inc["type"], first.get("mode"), first.get("acled"), civilian)
    if types is None:
        return None
    inter1 = min((_inter(a) for a in view.sources), default=0)
    inter2 = min((_inter(a) for a in view.targets), default=0)
    code = country(inc.get("country"))
    day = (inc.get("date_start") or "")[:10]
    killed = view.lowest("killed")
    figures = "; ".join(
        f"{_num(f['value'])} {f['unit']} ({f['publisher'] or f['article_id']}"
        f"{', citing ' + f['reported_by'] if f.get('reported_by') else ''})"
        for f in view.figures
    )
    notes = first.get("evidence", "")
    if figures:
        notes += f" [figures reported: {figures}]"
    ident = hashlib.sha1(inc["id"].encode()).hexdigest()[:8].upper()
    return {
        "event_id_cnty": f"{code.get('iso3', 'XXX')}{ident}",
        "event_date": day,
        "year": day[:4],
        "time_precision": PRECISION.get(first.get("date_precision") or "", 3 if not day else 2),
        "disorder_type": DISORDER[types[0]],
        "event_type": types[0],
        "sub_event_type": types[1],
        "actor1": view.sources[0]["name"] if view.sources else "",
        "assoc_actor_1": "; ".join(a["name"] or a["actor_id"] for a in view.sources[1:]),
        "inter1": inter1 or "",
        "actor2": view.targets[0]["name"] if view.targets else "",
        "assoc_actor_2": "; ".join(a["name"] or a["actor_id"] for a in view.targets[1:]),
        "inter2": inter2 or "",
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
        if inter1 and inter2
        else (inter1 or ""),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": code.get("isonumeric", ""),
        "region": "",
        "country": code.get("name", ""),
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": inc.get("place") or "",
        "latitude": "" if inc.get("lat") is None else inc["lat"],
        "longitude": "" if inc.get("lon") is None else inc["lon"],
        "geo_precision": (1 if inc.get("lat") is not None else 3) if inc.get("place") else "",
        "source": "; ".join(view.publishers),
        "source_scale": "",
        "notes": notes,
        "fatalities": 0 if killed is None else int(killed),
        "tags": f"sitroom incident {inc['id']}; {inc['sources']} independent source(s)",
        "timestamp": int(time.time()),
    }


def write_acled(store: Store, filters: Filters, out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for view in incident_views(store, filters):
        row = acled_row(view)
        if row is not None:
            writer.writerow(row)
            n += 1
    text.flush()
    text.detach()
    return n


def _inter(actor: dict[str, Any]) -> int:
    return INTER.get(actor.get("kind") or "", 0) or SECTOR_INTER.get((actor.get("sector") or "")[:3], 0) or 8


def _num(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"
