"""The REST API and the web dashboard over the store (``sitroom serve``); needs the ``serve`` extra.

Build the app with :func:`sitroom.serve.app.create_app`.
"""

from __future__ import annotations

MISSING = "sitroom serve needs FastAPI and uvicorn: pip install -e '.[serve]' (scripts/setup installs them)"
