"""Article body and metadata from an HTML page, with trafilatura."""

from __future__ import annotations

from typing import Any

from sitroom.document import Meta
from sitroom.errors import IngestError
from sitroom.stages.boilerplate import parse_datetime


def extract_article(html: str, name: str) -> tuple[Meta, str]:
    """(metadata, body text with one paragraph per line) of an HTML article page.

    Raises:
        IngestError: the page has no article text trafilatura can find.
    """
    import trafilatura

    result: Any = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=True,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise IngestError(name, "no article text found in the HTML")
    authors = tuple(a.strip() for a in (result.author or "").split(";") if a.strip())
    published = parse_datetime(result.date) if result.date else None
    return (
        Meta(
            title=result.title or None,
            authors=authors,
            publisher=result.sitename or result.hostname or None,
            published=published,
            language=result.language or None,
        ),
        text,
    )


def extract_body(html: str) -> str:
    """The body text alone, as the extraction benchmark scores it."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False) or ""


def extract_date(html: str, url: str | None = None) -> str | None:
    """The publication date (YYYY-MM-DD) of a page, with htmldate's extensive search."""
    from htmldate import find_date

    value: str | None = find_date(html, url=url, extensive_search=True, original_date=True)
    return value
