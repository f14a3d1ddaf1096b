"""``sitroom serve``: run the app under uvicorn, or explain how to install what is missing."""

from __future__ import annotations

import ipaddress
import logging

from sitroom.errors import ConfigError
from sitroom.serve import MISSING
from sitroom.settings import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings) -> None:
    """Serve ``settings.db`` on ``settings.host``:``settings.port`` until interrupted.

    Raises:
        ConfigError: FastAPI or uvicorn is not installed (the ``serve`` extra).
    """
    try:
        import uvicorn

        from sitroom.serve.app import create_app
    except ImportError as exc:
        raise ConfigError(MISSING) from exc
    if not is_loopback(settings.host):
        log.warning("serving on %s: the API is reachable from other machines", settings.host)
    if not settings.api_token:
        log.info("no api_token: the analyze-and-store route is disabled")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
