"""The REST API under /api: read routes over the store, plus the one write route (analyze-and-store).

Responses are the store's records and the report JSON of ``../shared/spec/report.md`` as they are
(``Document.to_json()``), so there is no second schema. Lists are paginated (``limit``/``offset``,
with ``total``); incidents and events also come as GeoJSON (``format=geojson``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi import Query as Param
from fastapi.responses import JSONResponse, StreamingResponse

from sitroom.serve import queries
from sitroom.serve.index import IncidentIndex
from sitroom.serve.queries import Query, Record
from sitroom.serve.state import ServeState, state
from sitroom.serve.write import router as write_router
from sitroom.store import Filters, Store

router = APIRouter(prefix="/api")
router.include_router(write_router)

MAX_PAGE = 5000
Limit = Annotated[int, Param(ge=1, le=MAX_PAGE, description="Items per page.")]
Offset = Annotated[int, Param(ge=0, description="Items to skip.")]
Format = Annotated[str, Param(pattern="^(json|geojson)$", description="json, or geojson for a map layer.")]


def store(request: Request) -> Iterator[Store]:
    """The store, one request at a time: a SQLite connection is not for concurrent cursors."""
    st: ServeState = state(request)
    with st.lock:
        yield st.store


def index(request: Request) -> Iterator[IncidentIndex]:
    """The in-memory incident index, rebuilt first if the store changed."""
    st: ServeState = state(request)
    with st.lock:
        yield st.incidents.get(st.store)


StoreDep = Annotated[Store, Depends(store)]
IndexDep = Annotated[IncidentIndex, Depends(index)]


def filters(
    since: Annotated[str | None, Param(description="ISO date or prefix (2018-09), inclusive.")] = None,
    until: Annotated[str | None, Param(description="ISO date or prefix, inclusive.")] = None,
    country: Annotated[str | None, Param(description="ISO 3166-1 alpha-2 code.")] = None,
    actor: Annotated[str | None, Param(description="Actor id or name.")] = None,
    type: Annotated[str | None, Param(description="PLOVER event types, comma-separated.")] = None,
    status: Annotated[
        str | None, Param(description="Statuses, comma-separated (occurred, ongoing...).")
    ] = None,
    publisher: Annotated[str | None, Param(description="Publisher name.")] = None,
    place: Annotated[str | None, Param(description="Place name of the incident or event.")] = None,
    min_sources: Annotated[int, Param(ge=1, description="Fewest independent sources.")] = 1,
) -> Query:
    f = Filters.make(
        since=since, until=until, country=country, actor=actor, type=type, status=status, publisher=publisher
    )
    return Query(f, min_sources, place or None)


QueryDep = Annotated[Query, Depends(filters)]


def _json(data: Any) -> JSONResponse:
    """Rendered straight to JSON: FastAPI's jsonable_encoder took a second over 2,000 GeoJSON features."""
    return JSONResponse(data)


def _page(items: list[Record], total: int, limit: int, offset: int) -> Record:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _feature(row: Record) -> Record:
    lat, lon = row.get("lat"), row.get("lon")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": props}


def _collection(rows: list[Record], total: int, limit: int, offset: int) -> Record:
    return {
        "type": "FeatureCollection",
        "features": [_feature(r) for r in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


@router.get("/config", summary="What the dashboard needs to know about this server")
def config(request: Request) -> JSONResponse:
    s = state(request).settings
    return _json(
        {
            "tile_url": s.tile_url,
            "tile_attribution": s.tile_attribution,
            "write_enabled": bool(s.api_token),
        }
    )


@router.get("/articles", summary="Articles (without their text), oldest first")
def articles(db: StoreDep, q: QueryDep, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    from sitroom.store.filters import articles_where

    items = db.articles_records(q.filters, limit, offset)
    for item in items:
        item["authors"] = json.loads(item["authors"]) if item.get("authors") else []
    return _json(_page(items, queries.count(db, "articles", articles_where(q.filters)), limit, offset))


@router.get("/articles/{article_id}", summary="One article's full report")
def article(db: StoreDep, article_id: Annotated[str, Path(max_length=128)]) -> JSONResponse:
    if db.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return _json(db.document(article_id).to_json())


@router.get("/search", summary="Full-text search of articles, with facets")
def search(
    request: Request,
    q: QueryDep,
    text: Annotated[str, Param(alias="q", min_length=1, max_length=500, description="Words to find.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    if not re.search(r"\w", text):
        raise HTTPException(400, f"search query {text!r} has no words")
    st = state(request)
    with st.lock:
        page, ids = queries.search(st.store, text, q, limit, offset)
        page["facets"] = st.incidents.get(st.store).article_facets(ids)
    return _json(page)


@router.get("/quotes", summary="Quotes, by speaker actor (actor filter) or full-text (q)")
def quotes(
    db: StoreDep,
    q: QueryDep,
    text: Annotated[str | None, Param(alias="q", max_length=500)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> JSONResponse:
    if text:
        items = db.search_records(text, "quotes", limit, offset)
    else:
        items = db.quotes_records(q.filters, limit, offset)
    return _json({"items": items, "limit": limit, "offset": offset})


@router.get("/incidents", summary="Incidents (events merged across reports), most sources first")
def incidents(
    idx: IndexDep, q: QueryDep, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> JSONResponse:
    rows, total = idx.incidents(q, limit, offset)
    return _json(
        _collection(rows, total, limit, offset) if format == "geojson" else _page(rows, total, limit, offset)
    )


@router.get("/incidents/{incident_id}", summary="One incident with its reports, evidence and figures")
def incident(db: StoreDep, incident_id: Annotated[str, Path(max_length=200)]) -> JSONResponse:
    if db.db.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return _json(queries.incident(db, incident_id))


@router.get("/events", summary="Events as reported by each article, newest first")
def events(
    db: StoreDep, q: QueryDep, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> JSONResponse:
    rows, total = queries.events(db, q, limit, offset)
    return _json(
        _collection(rows, total, limit, offset) if format == "geojson" else _page(rows, total, limit, offset)
    )


@router.get("/timeline", summary="Incidents per day, week or month")
def timeline(idx: IndexDep, q: QueryDep) -> JSONResponse:
    return _json(idx.timeline(q))


@router.get("/facets", summary="Incident counts by type, status and country")
def facets(idx: IndexDep, q: QueryDep) -> JSONResponse:
    return _json(idx.facets(q))


@router.get("/actors", summary="Actors across articles, most articles first")
def actors(db: StoreDep, q: QueryDep, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    return _json({"items": db.actors_records(q.filters, limit, offset), "limit": limit, "offset": offset})


@router.get("/network", summary="The actor network: who acts on whom in the matching incidents")
def network(idx: IndexDep, q: QueryDep, limit: Annotated[int, Param(ge=1, le=500)] = 60) -> JSONResponse:
    return _json(idx.network(q, limit))


@router.get("/places", summary="Places across articles, most articles first")
def places(
    db: StoreDep, q: QueryDep, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> JSONResponse:
    rows = db.places_records(q.filters, limit, offset)
    if format == "geojson":
        for i, r in enumerate(rows):
            r["id"] = r.get("geonameid") or f"{r['name']}#{offset + i}"
        return _json(_collection(rows, len(rows), limit, offset))
    return _json({"items": rows, "limit": limit, "offset": offset})


EXPORT_FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "geojson": "application/geo+json"}


@router.get("/export/{what}", summary="Every matching event or incident as CSV, JSON Lines or GeoJSON")
def export(
    request: Request,
    q: QueryDep,
    what: Annotated[str, Path(pattern="^(events|incidents)$")],
    format: Annotated[str, Param(pattern="^(csv|jsonl|geojson)$")] = "csv",
) -> StreamingResponse:
    st = state(request)

    def fetch(offset: int) -> tuple[list[Record], int]:
        if what == "events":
            return queries.events(st.store, q, 1000, offset)
        return st.incidents.get(st.store).incidents(q, 1000, offset)

    def pages() -> Iterator[list[Record]]:
        offset = 0
        while True:
            with st.lock:
                rows, _ = fetch(offset)
            if not rows:
                return
            yield rows
            offset += len(rows)

    def body() -> Iterator[str]:
        if format == "jsonl":
            for rows in pages():
                yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        elif format == "geojson":
            yield '{"type": "FeatureCollection", "features": ['
            first = True
            for rows in pages():
                for r in rows:
                    yield ("" if first else ",\n") + json.dumps(_feature(r), ensure_ascii=False)
                    first = False
            yield "]}\n"
        else:
            yield from _csv(pages())

    name = f"sitroom-{what}.{format}"
    return StreamingResponse(
        body(),
        media_type=EXPORT_FORMATS[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _csv(pages: Iterator[list[Record]]) -> Iterator[str]:
    writer: Any = None
    buf = io.StringIO()
    for rows in pages:
        for r in rows:
            flat = {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()}
            if writer is None:
                writer = csv.DictWriter(buf, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
