"""What one app holds: its settings, its open store, and the lock that serialises access to it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from sitroom.settings import Settings
from sitroom.store import Store


@dataclass
class ServeState:
    settings: Settings
    store: Store
    # One connection serves every request; SQLite cursors must not interleave across threads.
    lock: threading.Lock = field(default_factory=threading.Lock)


def state(request: Request) -> ServeState:
    st: ServeState = request.app.state.sitroom
    return st
