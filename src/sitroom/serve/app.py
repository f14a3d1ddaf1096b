"""The web app: ``create_app(settings)`` builds a FastAPI app over a store; there is no module-level app.

    sitroom serve --db sitroom.db            # or: uvicorn --factory 'sitroom.serve.app:from_env'

Safety defaults: CORS is off unless ``cors_origins`` names origins, the write route needs
``api_token``, and every page carries a Content-Security-Policy that allows scripts from this
server only. Binding to loopback is the CLI's default (``host``).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from sitroom import __version__
from sitroom.errors import IngestError, SitroomError, StageError
from sitroom.serve import api, dashboard
from sitroom.serve.state import ServeState
from sitroom.settings import Settings
from sitroom.store import Store

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API (under /api), its OpenAPI docs (/docs) and the dashboard (/) over one store.

    Args:
        settings: server settings; ``db`` names the store when ``store`` is not given.
        store: an open store to serve (the caller closes it); otherwise ``settings.db`` is opened
            and closed with the app.
    """
    settings = settings or Settings.load()
    owned = store is None
    the_store = store if store is not None else Store.open(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Build the incident index while the server starts, not on the dashboard's first request.
        warm = threading.Thread(target=_warm, args=(app.state.sitroom,), daemon=True)
        warm.start()
        yield
        # Closing a store while the warm-up thread still reads it crashes SQLite: wait for it.
        await asyncio.to_thread(warm.join)
        if owned:
            the_store.close()

    app = FastAPI(
        title="sitroom",
        version=__version__,
        description="Sourced, mapped, time-resolved event data from conflict and political news.",
        docs_url=None,  # served below from bundled assets: no CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.sitroom = ServeState(settings, the_store)
    app.include_router(api.router)
    app.include_router(dashboard.router)
    app.mount("/assets", dashboard.assets(), name="assets")
    _add_docs(app)
    _add_errors(app)
    # Level 5: nearly the size of level 9 (the default) at a fraction of the time on big GeoJSON pages.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    csp = content_security_policy(settings.tile_url)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.url.path != "/docs":  # Swagger UI starts itself with an inline script
            response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app


def _warm(st: ServeState) -> None:
    # Best effort: if it fails (the store closed meanwhile), the first request builds the index.
    try:
        with st.lock:
            st.incidents.get(st.store)
    except Exception as exc:
        log.debug("incident index not warmed: %s", exc)


def content_security_policy(tile_url: str) -> str:
    """Scripts, styles, data and fonts from this server only; images also from the tile server."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "*"))
        images += f" {parts.scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="sitroom API",
            swagger_js_url="/assets/swagger/swagger-ui-bundle.js",
            swagger_css_url="/assets/swagger/swagger-ui.css",
            swagger_favicon_url="data:,",
        )


def _add_errors(app: FastAPI) -> None:
    """One place turns library errors into HTTP: bad input 400, a failed stage 500."""

    @app.exception_handler(SitroomError)
    async def sitroom_error(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, StageError):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        if isinstance(exc, IngestError):
            return JSONResponse({"detail": exc.reason}, status_code=400)
        return JSONResponse({"detail": str(exc)}, status_code=400)


def from_env() -> FastAPI:
    """For ``uvicorn --factory``: settings from sitroom.toml and SITROOM_* variables."""
    return create_app(Settings.load())
