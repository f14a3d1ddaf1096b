"""The ordered stages that turn an ingested Document into a report, and the batch runner."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace

from sitroom.document import Document
from sitroom.errors import ConfigError, IngestError, SitroomError, StageError
from sitroom.settings import Settings

log = logging.getLogger(__name__)

StageFn = Callable[[Document, Settings], Document]
BatchFn = Callable[[Sequence[Document], Settings], list[Document]]

# Fields that ingest fills before any stage runs.
INGESTED = ("source", "raw")


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    version: int
    batch: BatchFn | None = None

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    def __call__(self, doc: Document, settings: Settings) -> Document:
        out = self.fn(doc, settings)
        return replace(out, stages=(*out.stages, self.tag))

    def run_batch(self, docs: Sequence[Document], settings: Settings) -> list[Document]:
        if self.batch is None:
            return [self(d, settings) for d in docs]
        return [replace(d, stages=(*d.stages, self.tag)) for d in self.batch(docs, settings)]


def stage(
    requires: tuple[str, ...], provides: tuple[str, ...], version: int, batch: BatchFn | None = None
) -> Callable[[StageFn], Stage]:
    """Declare a stage: what Document fields it reads and writes, and its output version."""

    def wrap(fn: StageFn) -> Stage:
        return Stage(fn.__name__, fn, requires, provides, version, batch)

    return wrap


def default_pipeline() -> tuple[Stage, ...]:
    """The stages in the order they run; written once, here."""
    from sitroom.stages.actors import actors
    from sitroom.stages.agreements import agreements
    from sitroom.stages.claims import claims
    from sitroom.stages.clean import clean
    from sitroom.stages.dates import dates
    from sitroom.stages.events import events
    from sitroom.stages.nlp import nlp
    from sitroom.stages.places import places
    from sitroom.stages.quotes import quotes

    return (clean, nlp, actors, places, dates, quotes, claims, events, agreements)


def check(pipeline: Sequence[Stage], given: Sequence[str] = INGESTED) -> None:
    """Fail at start-up if a stage needs a field that no earlier stage (nor the input) provides."""
    known = {f.name for f in fields(Document)}
    available = set(given)
    for st in pipeline:
        for name in (*st.requires, *st.provides):
            if name not in known:
                raise ConfigError(f"stage {st.name!r} names unknown Document field {name!r}")
        missing = [r for r in st.requires if r not in available]
        if missing:
            raise ConfigError(f"stage {st.name!r} requires {missing}, which no earlier stage provides")
        available.update(st.provides)


def run(doc: Document, settings: Settings, pipeline: Sequence[Stage] | None = None) -> Document:
    """Run every stage on one document; raises :class:`StageError` on the first failure."""
    for st in pipeline or default_pipeline():
        doc = _run_one(st, doc, settings)
    return doc


@dataclass(frozen=True)
class Failure:
    input: str
    reason: str


def run_many(
    docs: Iterable[Document | Failure],
    settings: Settings,
    pipeline: Sequence[Stage] | None = None,
    given: Sequence[str] = INGESTED,
) -> Iterator[Document | Failure]:
    """Run the pipeline over many documents in batches, in input order.

    ``given`` names the Document fields the inputs already carry (for a partial pipeline).
    A document that fails a stage is yielded as a :class:`Failure` and the batch goes on.
    """
    stages = tuple(pipeline or default_pipeline())
    check(stages, given)
    batch: list[Document | Failure] = []
    for item in docs:
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _run_batch(batch, settings, stages)
            batch = []
    if batch:
        yield from _run_batch(batch, settings, stages)


def _run_batch(
    items: list[Document | Failure], settings: Settings, stages: Sequence[Stage]
) -> list[Document | Failure]:
    results: list[Document | Failure] = list(items)
    for st in stages:
        live = [i for i, r in enumerate(results) if isinstance(r, Document)]
        docs = [r for r in results if isinstance(r, Document)]
        out: list[Document | Failure] | None = None
        if st.batch is not None:
            try:
                out = list(st.run_batch(docs, settings))
            except Exception:
                out = None  # one bad document must not sink the batch: redo it one by one below
        if out is None:
            out = [_run_or_fail(st, d, settings) for d in docs]
        for i, r in zip(live, out, strict=True):
            results[i] = r
    return results


def _run_or_fail(st: Stage, doc: Document, settings: Settings) -> Document | Failure:
    try:
        return _run_one(st, doc, settings)
    except IngestError as exc:
        # Reported by whoever consumes the Failure (the CLI prints one line per input): logged at
        # INFO so that it is not printed twice.
        log.info("%s", exc)
        return Failure(exc.input_name, exc.reason)
    except StageError as exc:
        log.info("%s", exc)
        return Failure(_name(doc), exc.reason if exc.stage == "clean" else str(exc))


def _run_one(st: Stage, doc: Document, settings: Settings) -> Document:
    try:
        return st(doc, settings)
    except (IngestError, StageError):
        raise  # an IngestError is the input's fault and already names it
    except SitroomError as exc:
        raise StageError(st.name, _name(doc), str(exc)) from exc
    except Exception as exc:
        raise StageError(st.name, _name(doc), f"{type(exc).__name__}: {exc}") from exc


def _name(doc: Document) -> str:
    return doc.source.path or doc.source.url or doc.id or "<input>"
