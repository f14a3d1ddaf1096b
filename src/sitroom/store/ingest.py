"""``sitroom ingest``: read a corpus, analyze what is new, store each report in its own transaction.

Resumable: every input gets a key (hash of its name and raw content) before analysis; keys already in
the store (stored or failed) are skipped, so a run killed with -9 loses only the batch in flight and
the next run picks up where it stopped. Analysis runs in ``workers`` processes (each loads the spaCy
model once); only the main process writes, so SQLite never sees two writers.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.document import Document, Source
from sitroom.errors import IngestError, SitroomError
from sitroom.pipeline import Failure, default_pipeline, run_many
from sitroom.settings import Settings
from sitroom.stages.ingest import ARTICLE_SUFFIXES, read_input
from sitroom.store.store import Store, input_key
from sitroom.store.warc import is_warc, read_warc

log = logging.getLogger(__name__)

Item = tuple[str, str, Document | Failure]  # (input key, input name, what was read)
Progress = Callable[[int, str], None]  # (items done, what happened: stored|skipped|failed|kept)


@dataclass
class IngestResult:
    stored: int = 0  # reports written (new, or re-analyzed with newer stages)
    kept: int = 0  # analyzed again but identical to what the store had
    skipped: int = 0  # inputs already in the store (resumed run)
    failures: list[Failure] = field(default_factory=list)
    merged: dict[str, int] = field(default_factory=dict)


def ingest(
    inputs: Sequence[str],
    store: Store,
    settings: Settings,
    workers: int = 1,
    reanalyze: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Analyze and store every article in ``inputs`` (files, directories, JSON Lines, WARC files).

    Args:
        inputs: paths; directories are walked for article files and WARC files.
        store: where the reports go.
        settings: pipeline settings (``batch_size`` articles per batch sent to a worker).
        workers: analysis processes; 1 analyzes in this process.
        reanalyze: also re-run stored articles whose stage versions differ from the current pipeline.
        progress: called after each input with the count and what happened to it.

    Returns:
        Counts, and the failures of this run as (input, reason).
    """
    result = IngestResult()
    pending = _pending(_read(inputs, settings), store, result, progress)
    if reanalyze:
        pending = _chain(pending, _stale(store))
    for key, name, out in _analyze(pending, settings, workers):
        if isinstance(out, Failure):
            store.record_failure(key, out.input, out.reason)
            result.failures.append(out)
            what = "failed"
        elif store.save(out, key, name):
            result.stored += 1
            what = "stored"
        else:
            result.kept += 1
            what = "kept"
        if progress is not None:
            progress(1, what)
    return result


def count_inputs(inputs: Sequence[str]) -> int:
    """How many articles the inputs hold, read cheaply (records of JSON Lines, pages of WARC files)."""
    total = 0
    for name in expand(inputs):
        path = Path(name)
        try:
            if is_warc(name):
                total += _count_warc(name)
            elif path.suffix.lower() in (".jsonl", ".ndjson"):
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
        except OSError:
            total += 1
    return total


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Files as given; directories walked (sorted) for article files and WARC files."""
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (child.suffix.lower() in ARTICLE_SUFFIXES or is_warc(child.name)):
                    yield str(child)
        else:
            yield item


def _read(inputs: Sequence[str], settings: Settings) -> Iterator[Item]:
    for name in expand(inputs):
        try:
            docs: Iterable[Document | Failure]
            if is_warc(name):
                docs, several = read_warc(name, settings), True
            else:
                docs = read_input(name, settings)
                several = len(docs) > 1  # a JSON Lines corpus: name each record
            for n, doc in enumerate(docs):
                if isinstance(doc, Failure):
                    yield input_key(doc.input, ""), doc.input, doc
                    continue
                label = name if not several else f"{name}::{doc.source.url or n}"
                yield input_key(label, doc.raw), label, doc
        except IngestError as exc:
            yield input_key(name, ""), name, Failure(exc.input_name, exc.reason)
        except (OSError, SitroomError) as exc:
            yield input_key(name, ""), name, Failure(name, str(exc))


def _pending(
    items: Iterator[Item], store: Store, result: IngestResult, progress: Progress | None
) -> Iterator[Item]:
    """The items the store does not have yet; read failures always pass (they are cheap to retry)."""
    chunk: list[Item] = []

    def flush() -> Iterator[Item]:
        known = store.known_inputs(k for k, _, d in chunk if isinstance(d, Document))
        for item in chunk:
            if item[0] in known:
                result.skipped += 1
                if progress is not None:
                    progress(1, "skipped")
            else:
                yield item
        chunk.clear()

    for item in items:
        chunk.append(item)
        if len(chunk) >= 200:
            yield from flush()
    yield from flush()


def _stale(store: Store) -> Iterator[Item]:
    """Stored articles produced by older stage versions, rebuilt from their raw input for a new run."""
    current = [st.tag for st in default_pipeline()]
    for article_id in store.stale(current):
        row = store.db.execute(
            "SELECT a.input, a.url, a.format, a.raw, i.input_key FROM articles a "
            "LEFT JOIN inputs i ON i.article_id = a.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            continue
        name, url, fmt, raw, key = row
        doc = Document(source=Source(path=name, url=url, format=fmt or "text"), raw=raw)
        yield key or input_key(name or article_id, raw), name or article_id, doc


def _chain(*parts: Iterator[Item]) -> Iterator[Item]:
    for part in parts:
        yield from part


def _analyze(items: Iterator[Item], settings: Settings, workers: int) -> Iterator[Item]:
    """Run the pipeline over items in batches, in this process or in ``workers`` processes."""
    batches = _batches(items, settings.batch_size)
    if workers <= 1:
        for batch in batches:
            yield from _run_batch(batch, settings)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process that has threads (tqdm)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        inflight: deque[Any] = deque()
        for batch in batches:
            inflight.append(pool.apply_async(_run_batch, (batch, settings)))
            if len(inflight) >= 2 * workers:  # bounded: never read the whole corpus ahead
                yield from inflight.popleft().get()
        while inflight:
            yield from inflight.popleft().get()


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(batch: list[Item], settings: Settings) -> list[Item]:
    """Analyze one batch; runs in a worker process. Outputs come back in input order, one per input."""
    outputs = run_many([doc for _, _, doc in batch], settings)
    return [(key, name, out) for (key, name, _), out in zip(batch, outputs, strict=True)]


def _init_worker(settings: Settings) -> None:
    """Load the spaCy model once per worker, before the first batch arrives."""
    from sitroom.stages.nlp import load_model

    load_model(settings.model)


def _count_warc(path: str) -> int:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover
        return 1
    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response" and record.http_headers is not None:
                ctype = record.http_headers.get_header("Content-Type") or ""
                n += "html" in ctype.lower()
    return n
