"""Turn the raw input (text as scraped, HTML or a JSON record) into clean body text and metadata.

Every line left out of ``text`` is listed in ``removed`` with its reason; captions go to ``captions``.
``text`` starts with the title as its own paragraph (marked in ``headings``), then the body, one
paragraph per input line, paragraphs separated by a blank line; ``segments`` map it back to ``raw``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from sitroom.document import Caption, Document, Meta, Removal, Segment, Span, text_id
from sitroom.errors import IngestError
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages import boilerplate as bp
from sitroom.stages.language import check_english

# How many lines at the top of the article may hold the title, dateline and byline.
HEADER_LINES = 12
# Lines this close to the end are footer territory (bylines of wire credits, "Related" lists).
FOOTER_SHARE = 0.5


@stage(
    requires=("raw", "source"),
    provides=("id", "text", "meta", "segments", "captions", "removed", "headings"),
    version=1,
)
def clean(doc: Document, settings: Settings) -> Document:
    name = doc.source.path or doc.source.url or "<input>"
    if doc.source.format == "html":
        meta, body = _from_html(doc.raw, name)
        cleaned = clean_lines(body, settings, title=meta.title, raw_offsets=False)
    elif doc.source.format == "json":
        meta, body = _from_json(doc.raw, name)
        cleaned = clean_lines(body, settings, title=meta.title, raw_offsets=False)
    else:
        meta = Meta()
        cleaned = clean_lines(doc.raw, settings)
    meta = _merge_meta(meta, cleaned)
    words = len(cleaned.body_text().split())
    if words < settings.min_words:
        raise IngestError(
            name, f"not an article: {words} words of body text (setting min_words needs {settings.min_words})"
        )
    language = check_english(cleaned.text, name, declared=meta.language)
    return replace(
        doc,
        id=text_id(cleaned.text),
        text=cleaned.text,
        meta=replace(meta, language=language),
        segments=cleaned.segments,
        captions=cleaned.captions,
        removed=cleaned.removed,
        headings=cleaned.headings,
    )


@dataclass
class Cleaned:
    """What :func:`clean_lines` makes of a text: the body and everything taken out of it."""

    text: str = ""
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    segments: tuple[Segment, ...] = ()
    captions: tuple[Caption, ...] = ()
    removed: tuple[Removal, ...] = ()
    headings: tuple[Span, ...] = ()
    _title_end: int = field(default=0, repr=False)

    def body_text(self) -> str:
        return self.text[self._title_end :]


def clean_lines(raw: str, settings: Settings, title: str | None = None, raw_offsets: bool = True) -> Cleaned:
    """Classify each line of a scraped text and assemble the body.

    Args:
        raw: the text, one paragraph (or page element) per line.
        title: the title when the input carries it apart (HTML, JSON); otherwise the first line is the title.
        raw_offsets: whether ``segments`` may point into ``raw`` (False when ``raw`` is derived text).
    """
    lines = [(start, line) for start, line in _lines(raw) if line.strip()]
    out = Cleaned(title=title)
    captions: list[Caption] = []
    removed: list[Removal] = []
    kept: list[tuple[int, str, str]] = []  # (raw offset, text, kind: title|section|body)
    n = len(lines)
    cut_from: int | None = None

    for i, (start, line) in enumerate(lines):
        stripped = line.strip()
        offset = start + (len(line) - len(line.lstrip()))
        in_header = i < HEADER_LINES and not any(k == "body" for _, _, k in kept[1:])
        in_footer = i >= n * (1 - FOOTER_SHARE)

        if (
            out.title is None
            and not kept
            and bp.match_dateline(stripped) is None
            and bp.match_byline(stripped) is None
        ):
            out.title = stripped
            kept.append((offset, stripped, "title"))
            continue
        if kept == [] and title is not None and _same_title(stripped, title):
            kept.append((offset, stripped, "title"))
            continue
        if title is None and len(kept) == 1 and _continues_title(out.title, stripped):
            # "Candidates vie for vets' support;" / "Trump and Clinton point out ...": a headline and
            # its deck joined by a semicolon or colon are one title.
            out.title = f"{out.title} {stripped}"
            kept.append((offset, stripped, "title"))
            continue

        if in_header and out.published is None and (date_text := bp.match_dateline(stripped)):
            parsed = bp.parse_datetime(date_text)
            if parsed:
                out.published = parsed
                removed.append(Removal(stripped, "dateline", offset))
                continue
        if (in_header or in_footer) and (byline := bp.match_byline(stripped)):
            if not out.authors:
                out.authors = byline.authors
            removed.append(Removal(stripped, "byline", offset))
            continue
        if in_footer and bp.is_credits_line(stripped):
            removed.append(Removal(stripped, "byline", offset))
            continue
        publisher = bp.match_copyright(stripped)
        if publisher is not None:
            if publisher and out.publisher is None:
                out.publisher = publisher
            removed.append(Removal(stripped, "copyright", offset))
            continue
        if bp.is_related_marker(stripped):
            # Cut the rest only when it is a list of headlines; "Read more" inside an article,
            # with paragraphs after it, goes alone.
            if in_footer and bp.looks_like_links([rest.strip() for _, rest in lines[i + 1 :]]):
                cut_from = i
                break
            removed.append(Removal(stripped, "related-links", offset))
            continue
        if bp.is_furniture(stripped):
            removed.append(Removal(stripped, "boilerplate", offset))
            continue
        caption = bp.match_caption(stripped)
        if caption is not None:
            captions.append(Caption(caption[0], caption[1]))
            removed.append(Removal(stripped, "caption", offset))
            continue
        if in_header and out.published is None and (m := bp.DATE_PREFIX_RE.match(stripped)):
            parsed = bp.parse_datetime(m.group("date"))
            if parsed:
                out.published = parsed
                removed.append(Removal(stripped[: m.end()].strip(), "dateline", offset))
                offset += m.end()
                stripped = stripped[m.end() :]
        no_body_yet = not any(k == "body" for _, _, k in kept)
        if out.title and no_body_yet and (end := _title_prefix(stripped, out.title)):
            # The lead repeats the headline before the first sentence ("<title>. <body>").
            removed.append(Removal(stripped[:end].strip(), "title", offset))
            offset += end
            stripped = stripped[end:]
        if not any(k == "body" for _, _, k in kept) and (m := bp.WIRE_DATELINE_RE.match(stripped)):
            removed.append(Removal(stripped[: m.end()].strip(), "dateline", offset))
            offset += m.end()
            stripped = stripped[m.end() :]
        is_heading = (
            kept
            and i + 1 < n
            and bp.looks_like_heading(stripped, settings.max_heading_words)
            and not _next_is_heading(lines, i, settings)
        )
        kept.append((offset, stripped, "section" if is_heading else "body"))

    if cut_from is not None:
        for start, line in lines[cut_from:]:
            removed.append(Removal(line.strip(), "related-links", start))

    if title is not None and (not kept or kept[0][2] != "title"):
        kept.insert(0, (-1, title.strip(), "title"))
    _assemble(out, kept, raw_offsets)
    out.captions = tuple(captions)
    out.removed = tuple(removed)
    return out


def _assemble(out: Cleaned, kept: list[tuple[int, str, str]], raw_offsets: bool) -> None:
    parts: list[str] = []
    segments: list[Segment] = []
    headings: list[Span] = []
    pos = 0
    for raw_start, line, kind in kept:
        if parts:
            parts.append("\n\n")
            pos += 2
        if raw_offsets and raw_start >= 0:
            segments.append(Segment(pos, raw_start, len(line)))
        if kind != "body":
            headings.append(Span(pos, pos + len(line), kind))
        if kind == "title":
            out._title_end = pos + len(line)
        parts.append(line)
        pos += len(line)
    out.text = "".join(parts)
    out.segments = tuple(segments)
    out.headings = tuple(headings)


def _lines(raw: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in raw.splitlines(keepends=True):
        yield pos, line.rstrip("\r\n").rstrip()
        pos += len(line)


def _next_is_heading(lines: list[tuple[int, str]], i: int, settings: Settings) -> bool:
    # Two heading-like lines in a row are a list or a menu, not a heading over a paragraph.
    return i + 1 < len(lines) and bp.looks_like_heading(lines[i + 1][1], settings.max_heading_words)


def _continues_title(title: str | None, line: str) -> bool:
    if not title or not title.rstrip().endswith((";", ":")):
        return False
    if bp.match_dateline(line) is not None or bp.match_byline(line) is not None:
        return False
    if title.rstrip().endswith(":"):  # "Syria:" over a short lead would also end in a colon: be stricter
        return 0 < len(line.split()) <= 20 and not line.rstrip().endswith(".")
    return 0 < len(line.split()) <= 30


def _title_prefix(line: str, title: str) -> int:
    """Length of the title repeated at the start of ``line`` (with its stop), or 0 if it is not there."""
    words = re.findall(r"\w+", title)
    if len(words) < 3:
        return 0
    m = re.match(r"\W*" + r"\W+".join(map(re.escape, words)) + r"[\W]*?[.:;!?]?\s+(?=\S)", line, re.I)
    return m.end() if m and m.end() < len(line) else 0


def _same_title(line: str, title: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(line) == norm(title)


def _merge_meta(meta: Meta, cleaned: Cleaned) -> Meta:
    """Metadata the input declared wins; what the text itself shows fills the gaps."""
    return Meta(
        title=meta.title or cleaned.title,
        authors=meta.authors or cleaned.authors,
        publisher=meta.publisher or cleaned.publisher,
        published=meta.published or cleaned.published,
        language=meta.language,
    )


def _from_html(raw: str, name: str) -> tuple[Meta, str]:
    from sitroom.stages.html import extract_article

    return extract_article(raw, name)


# Field names of news-please and of the other common article dumps.
_BODY_KEYS = ("maintext", "text", "article_content", "content", "body", "article_body", "articleBody")
_TITLE_KEYS = ("title", "article_title", "headline")
_DATE_KEYS = ("date_publish", "published", "date_published", "publish_date", "datePublished", "date")
_PUBLISHER_KEYS = ("publisher", "source_domain", "sitename", "site_name", "source")


def _from_json(raw: str, name: str) -> tuple[Meta, str]:
    try:
        record: dict[str, Any] = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IngestError(name, f"invalid JSON record: {exc.msg}") from exc
    body = _first(record, _BODY_KEYS)
    if not body:
        raise IngestError(name, f"JSON record has no article text (looked for {', '.join(_BODY_KEYS)})")
    authors = record.get("authors") or record.get("author") or ()
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r"[;,]| and ", authors) if a.strip()]
    date = _first(record, _DATE_KEYS)
    published = bp.parse_datetime(date) if date else None
    if published and published.endswith("T00:00:00"):
        published = published[:10]  # news-please writes midnight when it only knows the day
    language = record.get("language")
    return (
        Meta(
            title=_first(record, _TITLE_KEYS),
            authors=tuple(str(a) for a in authors),
            publisher=_first(record, _PUBLISHER_KEYS),
            published=published,
            language=language if isinstance(language, str) else None,
        ),
        body,
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None
