"""Read WARC files (web crawls such as Common Crawl News): each HTML response becomes an html Document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitroom.document import Document, Source
from sitroom.errors import IngestError
from sitroom.pipeline import Failure
from sitroom.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.IGNORECASE)


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, settings: Settings) -> Iterator[Document | Failure]:
    """One Document per HTML response record (status 200) in a WARC file, in file order.

    Records that are not HTML pages (requests, metadata, images, redirects) are skipped silently: a
    crawl is mostly those. An HTML page that is too big or undecodable comes out as a Failure named
    ``PATH::URL``.

    Raises:
        IngestError: the file is missing or not a WARC file.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise IngestError(path, "reading WARC files needs warcio: pip install 'sitroom[store]'") from exc
    if not Path(path).is_file():
        raise IngestError(path, "no such file")
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower() or record.http_headers.get_statuscode() != "200":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                name = f"{path}::{url}"
                body = record.content_stream().read(settings.max_bytes + 1)
                if len(body) > settings.max_bytes:
                    yield Failure(
                        name, f"page is over the {settings.max_bytes / 1e6:.1f} MB limit (max_bytes)"
                    )
                    continue
                try:
                    html = _decode(body, ctype)
                except (UnicodeDecodeError, LookupError) as exc:
                    yield Failure(name, f"undecodable page: {exc}")
                    continue
                if not html.strip():
                    yield Failure(name, "empty page")
                    continue
                yield Document(source=Source(path=path, url=url or None, format="html"), raw=html)
        except ArchiveLoadFailed as exc:
            raise IngestError(path, f"not a readable WARC file: {exc}") from exc


def _decode(body: bytes, content_type: str) -> str:
    """Decode with the charset the server declared, else the page's <meta charset>, else UTF-8."""
    charset = None
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    if match:
        charset = match.group(1)
    else:
        meta = _CHARSET.search(body[:4096])
        if meta:
            charset = meta.group(1).decode("ascii", "replace")
    return body.decode(charset or "utf-8").removeprefix("\ufeff")
