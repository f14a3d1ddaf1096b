"""The corpus store: reports in SQLite (default, WAL, FTS5) or PostgreSQL, one table per Document field.

store = Store.open("sitroom.db")            # or "postgresql://user@host/db"
store.save(doc)                              # one transaction, idempotent by doc.id
store.events(Filters(since="2018-09", country="SY", type=("ASSAULT",)))   # a pandas DataFrame
"""

from __future__ import annotations

from sitroom.store.filters import FACTUAL, STATUSES, Filters
from sitroom.store.store import Store, input_key

__all__ = ["FACTUAL", "STATUSES", "Filters", "Store", "input_key"]
