"""Read inputs (files, directories, stdin) into Documents; refuse what is not an article we can read."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitroom.document import Document, Source
from sitroom.errors import IngestError
from sitroom.settings import Settings

log = logging.getLogger(__name__)

# Extensions read when walking a directory; other files there are not articles.
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}

# Magic numbers of common binary formats, so the error can say what the file is.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Expand directories (recursively, article extensions only, sorted) and keep files and '-' as given."""
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield str(child)
        else:
            yield item


def read_input(name: str, settings: Settings) -> list[Document]:
    """Read one path (or '-' for stdin) into one Document per article it holds.

    Raises:
        IngestError: the input is missing, empty, binary, too large, undecodable or not an article file.
    """
    if name.startswith(("http://", "https://")):
        raise IngestError(
            name, "URLs are not fetched (sitroom runs offline); save the page and pass the file"
        )
    if name == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        label = "<stdin>"
        suffix = ""
    else:
        path = Path(name)
        if not path.exists():
            raise IngestError(name, "no such file or directory")
        if not path.is_file():
            raise IngestError(name, "not a regular file")
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise IngestError(
                name,
                f"file is {_size(size)}, over the {_size(settings.max_bytes)} limit "
                "(setting max_bytes)",
            )
        data = path.read_bytes()
        label = name
        suffix = path.suffix.lower()
    return documents_from_bytes(data, label, suffix, settings)


def documents_from_bytes(data: bytes, name: str, suffix: str, settings: Settings) -> list[Document]:
    """Decode and split the bytes of one input into Documents (one per JSON record)."""
    if len(data) > settings.max_bytes:
        raise IngestError(
            name, f"input is over the {_size(settings.max_bytes)} limit (setting max_bytes)"
        )
    if not data.strip():
        raise IngestError(name, "empty input")
    _refuse_binary(data, name)
    text = _decode(data, name, settings.encoding)
    fmt = sniff_format(text, suffix)
    if fmt == "json":
        records = list(_json_records(text, name))
        return [
            Document(
                source=Source(path=f"{name}:{n}" if len(records) > 1 else name, url=_url(rec), format="json"),
                raw=raw,
            )
            for n, (raw, rec) in enumerate(records, 1)
        ]
    return [Document(source=Source(path=name, format=fmt), raw=text)]


def sniff_format(text: str, suffix: str = "") -> str:
    """'html', 'json' or 'text', from the extension or, failing that, the first characters."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in head or "<head" in head or "<p" in head or "<div" in head)
    ):
        return "html"
    return "text"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(name, f"binary file ({what}), not text, HTML or JSON")
    head = data[:8192]
    if b"\x00" in head:
        raise IngestError(name, "binary file (contains NUL bytes), not text, HTML or JSON")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) * 0.05:
        raise IngestError(name, f"binary file ({controls} control bytes in the first {len(head)}), not text")


def _decode(data: bytes, name: str, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            name,
            f"broken encoding: not valid {encoding} at byte {exc.start} ({exc.reason}); "
            "re-encode the file or set SITROOM_ENCODING",
        ) from exc
    except LookupError as exc:
        raise IngestError(name, f"unknown encoding {encoding!r} (setting encoding)") from exc
    return text.removeprefix("\ufeff")


def _json_records(text: str, name: str) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (raw record, parsed record) for a JSON object, a JSON array or JSON Lines."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        parsed = None
        records: list[tuple[str, object]] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((line, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise IngestError(name, f"invalid JSON on line {n}: {exc.msg}") from exc
    else:
        if isinstance(parsed, list):
            records = [(json.dumps(r, ensure_ascii=False), r) for r in parsed]
        else:
            records = [(text, parsed)]
    for n, (raw, rec) in enumerate(records, 1):
        if not isinstance(rec, dict):
            raise IngestError(name, f"JSON record {n} is a {type(rec).__name__}, not an object")
        yield raw, rec


def _url(record: dict[str, object]) -> str | None:
    url = record.get("url")
    return url if isinstance(url, str) else None
