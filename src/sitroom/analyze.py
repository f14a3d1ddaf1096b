"""The Python API: analyze a file, a string or many inputs into Documents (reports)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from sitroom.document import Document
from sitroom.errors import IngestError, SitroomError
from sitroom.pipeline import Failure, run, run_many
from sitroom.settings import Settings
from sitroom.stages.ingest import documents_from_bytes, iter_paths, read_input


def analyze(path: str | os.PathLike[str], settings: Settings | None = None) -> Document:
    """Analyze one article file (text, HTML or a JSON record) and return its report.

    Raises:
        IngestError: the file is not a readable article, or holds several (use :func:`analyze_many`).
        StageError: a stage failed on it.
    """
    settings = settings or Settings.load()
    docs = read_input(os.fspath(path), settings)
    if len(docs) != 1:
        raise IngestError(os.fspath(path), f"holds {len(docs)} articles; use analyze_many")
    return run(docs[0], settings)


def analyze_text(
    text: str, settings: Settings | None = None, name: str = "<text>", format: str = ""
) -> Document:
    """Analyze an article given as a string; ``format`` is "text", "html" or "json" (sniffed if empty)."""
    settings = settings or Settings.load()
    suffix = {"html": ".html", "json": ".json", "text": ".txt"}.get(format, "")
    docs = documents_from_bytes(
        text.encode("utf-8"), name, suffix, settings.with_values({"encoding": "utf-8"})
    )
    if len(docs) != 1:
        raise IngestError(name, f"holds {len(docs)} articles; use analyze_many")
    return run(docs[0], settings)


def analyze_many(inputs: Iterable[str], settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Analyze paths (files, directories, '-' for stdin) in batches, in order.

    Bad inputs come out as :class:`Failure` (input and reason) in their place; the rest go on.
    """
    settings = settings or Settings.load()
    return run_many(_read_all(inputs, settings), settings)


def _read_all(inputs: Iterable[str], settings: Settings) -> Iterator[Document | Failure]:
    for name in iter_paths(inputs):
        try:
            yield from read_input(name, settings)
        except IngestError as exc:
            yield Failure(exc.input_name, exc.reason)
        except (OSError, SitroomError) as exc:
            yield Failure(name, str(exc))
