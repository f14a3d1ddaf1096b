"""What one app holds: its settings, its open store, and the lock that serialises access to it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from sitroom.serve.index import IndexCache
from sitroom.settings import Settings
from sitroom.store import Store


@dataclass
class ServeState:
    settings: Settings
    store: Store
    # One connection serves every request; SQLite cursors must not interleave across threads.
    lock: threading.Lock = field(default_factory=threading.Lock)
    incidents: IndexCache = field(default_factory=IndexCache)
    merging: threading.Lock = field(default_factory=threading.Lock)  # one merge at a time


def state(request: Request) -> ServeState:
    st: ServeState = request.app.state.sitroom
    return st
