"""Parquet of events (pandas, DuckDB) and JSON Lines of the full reports."""

from __future__ import annotations

import json
from typing import IO

from sitroom.errors import StoreError
from sitroom.store import Filters, Store
from sitroom.store.filters import articles_where


def write_parquet(store: Store, filters: Filters, out: IO[bytes]) -> int:
    """Every matching event, one row each, with its incident id and actor id lists."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError("Parquet needs pyarrow: pip install 'sitroom[store]'") from exc
    frame = store.events(filters)
    frame.to_parquet(out, index=False)
    return len(frame)


def write_jsonl(store: Store, filters: Filters, out: IO[bytes]) -> int:
    """The report of every matching article (an article matches when one of its events does)."""
    where, params = articles_where(filters)
    n = 0
    for (article_id,) in store.db.execute(
        f"SELECT articles.id FROM articles WHERE {where} ORDER BY articles.published, articles.id", params
    ).fetchall():
        report = store.document(article_id).to_json()
        out.write(json.dumps(report, ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n
