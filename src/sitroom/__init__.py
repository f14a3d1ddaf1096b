"""sitroom: sourced, mapped, time-resolved event data from conflict and political news."""

from __future__ import annotations

import logging

from sitroom.analyze import analyze, analyze_many, analyze_text
from sitroom.document import Document, Span
from sitroom.errors import ConfigError, IngestError, SitroomError, StageError
from sitroom.pipeline import Failure
from sitroom.settings import Settings

__all__ = [
    "ConfigError",
    "Document",
    "Failure",
    "IngestError",
    "Settings",
    "SitroomError",
    "Span",
    "StageError",
    "analyze",
    "analyze_many",
    "analyze_text",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
