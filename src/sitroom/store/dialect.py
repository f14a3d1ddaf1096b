"""The thin layer between the store and its two databases: SQLite (the default) and PostgreSQL.

Everything else in the store writes one portable SQL with ``?`` placeholders; a Dialect connects,
rewrites the placeholders, opens transactions and says how full-text search is spelled.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import StoreError

Params = Sequence[Any]


class Dialect:
    """SQLite: a file (WAL, so readers never block the writer), FTS5 for search."""

    name = "sqlite"

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = self.connect(url)

    def connect(self, url: str) -> Any:
        path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: no implicit transactions; `transaction()` opens them explicitly.
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {path!r}: {exc}") from exc
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL under WAL: a committed transaction survives a crash of the process (kill -9);
        # only a power loss may drop the last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        return conn

    def sql(self, query: str) -> str:
        return query

    def execute(self, query: str, params: Params = ()) -> Any:
        return self.conn.execute(self.sql(query), tuple(params))

    def executemany(self, query: str, rows: Sequence[Params]) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(query), rows)

    def all(self, query: str, params: Params = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a query."""
        cur = self.execute(query, params)
        names = [d[0] for d in cur.description or ()]
        return names, [tuple(r) for r in cur.fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def create_schema(self) -> None:
        self.conn.executescript(_script("schema.sql") + _script("fts_sqlite.sql"))

    def search(self, table: str, query: str) -> tuple[str, Params]:
        """A WHERE clause selecting the rows of ``table`` (articles | quotes) that match ``query``."""
        return (
            f"{table}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)",
            (_fts5_query(query),),
        )

    def close(self) -> None:
        self.conn.close()


class PostgresDialect(Dialect):
    """PostgreSQL through psycopg 3: the same tables, tsvector columns for search."""

    name = "postgresql"

    def connect(self, url: str) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreError("PostgreSQL needs psycopg: pip install 'sitroom[store]'") from exc
        try:
            return psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL {_redact(url)}: {exc}") from exc

    def sql(self, query: str) -> str:
        return query.replace("%", "%%").replace("?", "%s")

    def execute(self, query: str, params: Params = ()) -> Any:
        return self.conn.execute(self.sql(query), tuple(params))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def create_schema(self) -> None:
        script = _script("schema.sql").replace("CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW")
        with self.conn.transaction():
            # Two processes creating the schema at once would race; the lock serialises them.
            self.conn.execute("SELECT pg_advisory_xact_lock(7106)")
            for statement in _statements(script + _script("fts_postgresql.sql")):
                self.conn.execute(statement)

    def search(self, table: str, query: str) -> tuple[str, Params]:
        return f"{table}.search @@ websearch_to_tsquery('english', ?)", (query,)


def open_dialect(url: str) -> Dialect:
    """The dialect for a store URL: ``postgresql://...`` or a SQLite path (``sqlite:///`` optional)."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresDialect(url)
    if "://" in url and not url.startswith("sqlite:"):
        raise StoreError(f"unknown store URL {url!r}: use a file path, sqlite:///PATH or postgresql://...")
    return Dialect(url)


def _script(name: str) -> str:
    return resources.files("sitroom.store").joinpath(name).read_text(encoding="utf-8")


def _statements(script: str) -> list[str]:
    # Comments may hold ';' ("NULL = the author; ..."): drop them before splitting. The schema has
    # no '--' inside string literals.
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _fts5_query(query: str) -> str:
    """Quote each word so that user input is never read as FTS5 syntax (a stray '-' or ':')."""
    words = re.findall(r"\w+", query)
    if not words:
        raise StoreError(f"search query {query!r} has no words")
    return " ".join(f'"{w}"' for w in words)


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
