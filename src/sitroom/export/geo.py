"""GeoJSON of located incidents (QGIS) and GraphML of the actor network (Gephi, networkx).

Notes:
    GeoJSON is RFC 7946: WGS84, [lon, lat] order; properties are flat scalars because QGIS turns
    nested objects into unreadable strings. GraphML follows the GraphML Primer: typed ``<key>``
    declarations, a directed graph, one ``<edge>`` per (period, source, target, quad); parallel edges
    are allowed (networkx reads them as a MultiDiGraph).
"""

from __future__ import annotations

import json
from typing import IO, Any
from xml.etree import ElementTree as ET

from sitroom.export.common import incident_views
from sitroom.store import Filters, Store
from sitroom.store.rows import plover


def write_geojson(store: Store, filters: Filters, out: IO[bytes]) -> int:
    features = []
    for view in incident_views(store, filters):
        inc = view.row
        if inc.get("lat") is None or inc.get("lon") is None:
            continue
        props: dict[str, Any] = {
            k: inc.get(k)
            for k in ("id", "type", "quad", "status", "date_start", "date_end", "place", "country")
        }
        props.update(
            reports=inc["reports"],
            articles=inc["articles"],
            sources=inc["sources"],
            actors=", ".join(a["name"] or a["actor_id"] for a in view.sources),
            targets=", ".join(a["name"] or a["actor_id"] for a in view.targets),
            publishers=", ".join(view.publishers),
            killed=view.lowest("killed"),
            evidence=view.reports[0]["evidence"] if view.reports else None,
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [inc["lon"], inc["lat"]]},
                "properties": props,
            }
        )
    out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode())
    return len(features)


_NODE_KEYS = (("name", "string"), ("kind", "string"), ("country", "string"))
_EDGE_KEYS = (
    ("period", "string"), ("quad", "int"), ("quad_class", "string"), ("cooperative", "boolean"),
    ("incidents", "int"), ("incident_ids", "string"),
)  # fmt: skip


def write_graphml(store: Store, filters: Filters, out: IO[bytes], period: str = "month") -> int:
    """The actor network; returns the number of edges."""
    edges = store.network_records(filters, period)
    actors: dict[str, dict[str, Any]] = {}
    for e in edges:
        actors.setdefault(e["source"], {"name": e["source_name"]})
        actors.setdefault(e["target"], {"name": e["target_name"]})
    if actors:
        marks = ", ".join("?" * len(actors))
        for actor_id, kind, country in store.db.execute(
            f"SELECT actor_id, min(kind), min(country) FROM actors WHERE actor_id IN ({marks}) "
            "GROUP BY actor_id",
            list(actors),
        ).fetchall():
            actors[actor_id].update(kind=kind, country=country)
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, "key", {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": kind})
    for name, kind in _EDGE_KEYS:
        ET.SubElement(root, "key", {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="actors", edgedefault="directed")
    for actor_id, attrs in sorted(actors.items()):
        node = ET.SubElement(graph, "node", id=actor_id)
        for name, _ in _NODE_KEYS:
            if attrs.get(name) is not None:
                ET.SubElement(node, "data", key=f"n_{name}").text = str(attrs[name])
    quads = plover()["quad_names"]
    for n, e in enumerate(edges):
        edge = ET.SubElement(graph, "edge", id=f"e{n}", source=e["source"], target=e["target"])
        values = {
            "period": e["period"],
            "quad": e["quad"],
            "quad_class": quads.get(str(e["quad"])),
            "cooperative": None if e["cooperative"] is None else str(e["cooperative"]).lower(),
            "incidents": e["incidents"],
            "incident_ids": " ".join(e["incident_ids"]),
        }
        for name, value in values.items():
            if value is not None:
                ET.SubElement(edge, "data", key=f"e_{name}").text = str(value)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(edges)
