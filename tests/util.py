"""Build Documents by hand for unit tests, without loading any model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitroom.document import Document, Meta, Source, Span, text_id


def make_doc(text: str, entities: list[tuple[int, int, str]] | None = None, **fields: Any) -> Document:
    doc = Document(source=Source(path="<test>"), raw=text, id=text_id(text), text=text, meta=Meta())
    if entities:
        doc = replace(doc, entities=tuple(Span(s, e, label) for s, e, label in entities))
    return replace(doc, **fields) if fields else doc
