"""``sitroom export``: the store's incidents, events, network and reports in the formats analysts' tools read.

acled-csv    one row per incident, ACLED's columns and event types (spreadsheets, ACLED tooling)
plover-json  one PLOVER record per incident, JSON Lines, PLOVER_MANUAL ch. 6 field names
geojson      located incidents as Points (QGIS, Leaflet)
graphml      the actor network, an edge per actor pair, quad class and period (Gephi, networkx)
parquet      every event with its incident id (pandas, DuckDB)
jsonl        the full reports (the contract of ../shared/spec/report.md), one per line
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from sitroom.errors import StoreError

if TYPE_CHECKING:
    from sitroom.store import Filters, Store

FORMATS = ("acled-csv", "plover-json", "geojson", "graphml", "parquet", "jsonl")
# Binary formats need a file; the others may go to stdout.
BINARY = ("parquet",)


def export(store: Store, fmt: str, filters: Filters, out: IO[bytes], period: str = "month") -> int:
    """Write the selection in ``fmt`` to ``out``; returns the number of records written.

    Incidents are (re)built first when the store has events but no incidents yet.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt in ("acled-csv", "plover-json", "geojson", "graphml") and _needs_merge(store):
        store.merge()
    if fmt == "acled-csv":
        from sitroom.export.acled import write_acled

        return write_acled(store, filters, out)
    if fmt == "plover-json":
        from sitroom.export.plover import write_plover

        return write_plover(store, filters, out)
    if fmt == "geojson":
        from sitroom.export.geo import write_geojson

        return write_geojson(store, filters, out)
    if fmt == "graphml":
        from sitroom.export.geo import write_graphml

        return write_graphml(store, filters, out, period)
    from sitroom.export.tables import write_jsonl, write_parquet

    if fmt == "parquet":
        return write_parquet(store, filters, out)
    return write_jsonl(store, filters, out)


def _needs_merge(store: Store) -> bool:
    return store.count("incidents") == 0 and store.count("events") > 0
