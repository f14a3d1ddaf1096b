"""PLOVER JSON Lines: one record per incident, with the field names of PLOVER_MANUAL ch. 6 (Tables 6.1-6.6).

Notes:
    Table 6.1 gives the record (id, date, enddate, actor, recipient, event, eventLoc, eventText,
    quadCode, mode, link, citeInfo, coder, codedDate, comment); the manual spells multi-word names
    with spaces ("event loc"), and the OEDA files spell them in camelCase ("eventText", "dateCoded"),
    which we follow. Actors are entity objects (Table 6.2: code, sector, entityText, identifierText),
    the place a location object (Table 6.6), counts a size object (Table 6.4: dead, injured, arrested).
    The article text itself is not included (note 6: only with the rights to it); evidence spans are.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import IO, Any

import sitroom
from sitroom.export.common import IncidentView, country, incident_views
from sitroom.store import Filters, Store

SIZE_UNITS = {
    "killed": "dead",
    "dead": "dead",
    "injured": "injured",
    "wounded": "injured",
    "arrested": "arrested",
}


def plover_record(view: IncidentView, coded: str) -> dict[str, Any]:
    inc = view.row
    code = country(inc.get("country"))
    modes = sorted({r["mode"] for r in view.reports if r.get("mode")})
    rec: dict[str, Any] = {
        "id": f"sitroom-{inc['id']}",
        "date": (inc.get("date_start") or "")[:10] or None,
        "enddate": (inc.get("date_end") or "")[:10] or None,
        "actor": [_entity(a) for a in view.sources],
        "recipient": [_entity(a) for a in view.targets],
        "event": [inc["type"]],
        "quadCode": inc.get("quad"),
        "mode": modes,
        "eventText": [r["evidence"] for r in view.reports],
        "eventLoc": None
        if not inc.get("place")
        else {
            "extractedPlace": inc["place"],
            "resolvedPlace": inc["place"],
            "lat": inc.get("lat"),
            "lon": inc.get("lon"),
            "country": code.get("name"),
            "countryCode": code.get("iso3"),
        },
        "size": _size(view),
        "link": inc["id"],
        "citeInfo": [
            {"url": r.get("url"), "title": r.get("title"), "publication": r.get("publisher")}
            for r in view.reports
        ],
        "coder": f"sitroom {sitroom.__version__}",
        "codedDate": coded,
        "comment": f"{inc['reports']} report(s) from {inc['sources']} independent source(s)",
    }
    return rec


def write_plover(store: Store, filters: Filters, out: IO[bytes]) -> int:
    coded = datetime.now(UTC).date().isoformat()
    n = 0
    for view in incident_views(store, filters):
        out.write(json.dumps(plover_record(view, coded), ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    code = country(actor.get("country"))
    return {
        "code": code.get("iso3"),
        "sector": actor.get("sector"),
        "entityText": actor.get("name"),
        "identifierText": actor.get("name"),
        "identifierId": actor.get("actor_id"),
    }


def _size(view: IncidentView) -> dict[str, Any]:
    """Lowest reported figure per unit, and every figure with its publisher (never averaged)."""
    size: dict[str, Any] = {}
    for unit, name in SIZE_UNITS.items():
        low = view.lowest(unit)
        if low is not None and name not in size:
            size[name] = int(low)
    if view.figures:
        size["reported"] = [
            {"unit": f["unit"], "value": f["value"], "publication": f["publisher"], "text": f["text"]}
            for f in view.figures
        ]
    return size
