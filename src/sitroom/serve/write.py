"""The one write route: analyze a posted article and store its report. It needs the API token.

With no token configured (setting ``api_token``, env ``SITROOM_API_TOKEN``) the route is disabled.
A URL alone is refused: sitroom never fetches pages (no network at run time), so post the page's
HTML in ``html`` and its address in ``url``.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Header, HTTPException, Request

from sitroom.analyze import analyze_text
from sitroom.serve.queries import Record
from sitroom.serve.state import ServeState, state
from sitroom.store import Store, input_key

router = APIRouter()


@dataclass
class ArticleIn:
    """A posted article: exactly one of ``text`` or ``html``; ``url`` and ``title`` are optional."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None


def check_token(expected: str, authorization: str | None) -> None:
    """403 when writing is disabled; 401 when the bearer token is missing or wrong (constant-time check)."""
    if not expected:
        raise HTTPException(403, "analyzing is disabled on this server: no api_token is configured")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


@router.post(
    "/articles", status_code=201, summary="Analyze a posted article and store its report (needs the token)"
)
def analyze_article(
    request: Request,
    article: ArticleIn,
    background: BackgroundTasks,
    authorization: Annotated[str | None, Header()] = None,
) -> Record:
    st = state(request)
    check_token(st.settings.api_token, authorization)
    if article.text and article.html:
        raise HTTPException(400, "post either text or html, not both")
    if not (article.text or article.html):
        if article.url:
            raise HTTPException(
                400,
                "sitroom does not fetch URLs (it runs offline): post the page's HTML in 'html' "
                "together with its 'url'",
            )
        raise HTTPException(400, "post the article in 'text' or 'html'")
    if article.html:
        body, fmt = article.html, "html"
    else:
        body, fmt = (f"{article.title}\n\n{article.text}" if article.title else str(article.text)), "text"
    name = article.url or "posted article"
    doc = analyze_text(body, st.settings, name=name, format=fmt)
    if article.url:
        doc = replace(doc, source=replace(doc.source, url=article.url))
    with st.lock:
        written = st.store.save(doc, key=input_key(name, body), input_name=name)
        st.incidents.invalidate()
    if written:
        background.add_task(merge, st)
    return {"id": doc.id, "stored": written, "title": doc.meta.title, "events": len(doc.events)}


def merge(st: ServeState) -> None:
    """Rebuild the incidents after the response is sent.

    ``Store.merge`` rebuilds the whole corpus (about a minute for 100,000 events), so it runs on
    its own connection where it can (WAL: readers go on meanwhile); an in-memory store has only one.
    """
    with st.merging:
        url = st.store.db.url
        if url in (":memory:", "sqlite://:memory:", "sqlite:///:memory:"):
            with st.lock:
                st.store.merge()
        else:
            with Store.open(url) as own:
                own.merge()
        with st.lock:
            st.incidents.invalidate()
