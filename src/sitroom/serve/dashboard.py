"""The dashboard: the front end built from ``frontend/`` (``npm ci && npm run build``) into ``static/``.

Everything it loads comes from this server (the basemap is bundled from npm's ``world-atlas``),
so it works offline; the Content-Security-Policy that :mod:`sitroom.serve.app` sets forbids
scripts from anywhere else and inline scripts, as a second guard besides rendering text as text.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)

NOT_BUILT = (
    "The dashboard is not built. Run scripts/setup, or in frontend/: npm ci && npm run build. "
    "The API works without it: see /docs."
)


def built() -> bool:
    return (STATIC / "index.html").is_file()


@router.get("/", response_class=HTMLResponse)
def index() -> FileResponse:
    if not built():
        raise HTTPException(503, NOT_BUILT)
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


def assets() -> StaticFiles:
    """The hashed bundles under /assets (created empty when the front end is not built)."""
    return StaticFiles(directory=STATIC / "assets", check_dir=False)
