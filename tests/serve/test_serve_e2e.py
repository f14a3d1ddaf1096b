"""End to end in a real headless Chromium (Debian's, driven by Playwright): a uvicorn server on a
free loopback port over a store holding the sample article (real pipeline) and a hand-built corpus."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from serve_corpus import fill, report

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api")

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from sitroom.serve.app import create_app  # noqa: E402
from sitroom.serve.dashboard import built  # noqa: E402
from sitroom.settings import Settings  # noqa: E402
from sitroom.store import FACTUAL, Filters, Store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
IDLIB = (35.93, 36.63)
MOVED = "The Syrian army transferred 400 ISIS fighters"
TOKEN = "e2e-token"
EVIL = ' <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">'


def _missing(what: str) -> None:
    # In CI (.ci/run installs Chromium and builds the front end) a missing piece is a failure.
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_path):
    if not built():
        _missing("the built dashboard (npm ci && npm run build in frontend/)")
    import sitroom

    store = Store.open(str(tmp_path_factory.mktemp("e2e") / "e2e.db"))
    sample = sitroom.analyze(sample_path)
    fill(store, [sample, *_corpus()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(api_token=TOKEN), store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "sample": sample, "store": store}
    srv.should_exit = True
    thread.join(10)
    store.close()


def _corpus():
    from serve_corpus import corpus

    return [*corpus(), report("Evil Times", place="Aleppo", day="2018-08-01", figure="7", extra=EVIL)]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1600, "height": 960})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    # Offline: any request that is not to our server fails the test.
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(server["url"]) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.goto(server["url"] + "/")
    pg.wait_for_selector("body[data-loaded=true]", timeout=15000)
    yield pg
    ctx.close()
    assert not errors, errors
    assert not outside, f"requests left the server: {outside}"


def _until(check, seconds: float = 10) -> None:
    # Polled from Python: the page's CSP forbids the eval that page.wait_for_function needs.
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.wait_for_selector("body[data-basemap=true]", state="attached")
    pg.wait_for_timeout(400)  # let the force layout and transitions settle
    pg.screenshot(path=str(ARTIFACTS / name))


def test_e2e_dashboard_loads_map_timeline_network(page, server):
    markers = page.locator("path.incident-marker")
    assert markers.count() >= 3
    assert page.locator("#timeline rect.bar").count() >= 3
    assert page.locator("#network g.node").count() >= 2
    page.wait_for_selector("body[data-basemap=true]")
    assert page.locator(".leaflet-overlay-pane canvas").count() == 1  # the country shapes
    placed = [i for i in server["store"].incidents_records(Filters(status=FACTUAL)) if i["lat"] is not None]
    assert markers.count() == len(placed)
    _shot(page, "e2e-01-dashboard.png")


def test_e2e_search_finds_the_sample(page, server):
    page.fill("#search", "Idlib")
    page.press("#search", "Enter")
    hit = page.locator(f".search-hit[data-article='{server['sample'].id}']")
    hit.wait_for(timeout=10000)
    assert server["sample"].meta.title in hit.inner_text()
    assert page.locator(".search-hit mark", has_text="Idlib").count() >= 1
    _shot(page, "e2e-02-search.png")
    hit.click()
    page.wait_for_selector(f".article-text[data-article='{server['sample'].id}']")
    assert page.locator(".reader-title").inner_text() == server["sample"].meta.title
    _shot(page, "e2e-03-sample-reader.png")


def test_e2e_sample_transfer_event_highlights_its_evidence(page, server):
    sample = server["sample"]
    # The transfer: ISIS fighters moved (bused, shipped, transferred) to Idlib, reported as having happened.
    transfer = sorted(
        (
            e
            for e in sample.events
            if e.status == "occurred"
            and e.place is not None
            and e.place.name == "Idlib"
            and "ISIS" in sample.span_text(e.evidence)
        ),
        key=lambda e: (e.type != "MOBILIZE", e.evidence.start),
    )
    if not transfer:
        pytest.skip(f"the pipeline ({', '.join(sample.stages)}) finds no transfer event in the sample yet")
    event = transfer[0]
    page.goto(f"{server['url']}/#/article/{sample.id}")
    page.wait_for_selector(f".article-text[data-article='{sample.id}']")
    link = page.locator(f".event-link[data-s='{event.evidence.start}'][data-e='{event.evidence.end}']").first
    if not link.count():  # past the first events of the list
        page.locator(".facts-events button.more").click()
    link.click()
    active = page.locator(".article-text .evidence-active")
    active.first.wait_for()
    assert "".join(active.all_inner_texts()) == sample.span_text(event.evidence)
    _shot(page, "e2e-03-sample-event.png")


def test_e2e_map_shows_the_sample_incident_near_idlib(page, server):
    store = server["store"]
    sample = server["sample"]
    near = [
        i
        for i in store.incidents_records()
        if i["lat"] is not None
        and abs(i["lat"] - IDLIB[0]) < 1
        and abs(i["lon"] - IDLIB[1]) < 1
        and any(r["article_id"] == sample.id for r in store.incident(i["id"])["reports"])
    ]
    if not near:
        stages = ", ".join(sample.stages)
        pytest.skip(f"the pipeline ({stages}) places no incident of the sample near Idlib yet")
    marker = page.locator(f"path.incident-marker[data-incident='{near[0]['id']}']")
    assert marker.count() == 1
    box, frame = marker.bounding_box(), page.locator("#map").bounding_box()
    assert frame["x"] <= box["x"] <= frame["x"] + frame["width"]
    assert frame["y"] <= box["y"] <= frame["y"] + frame["height"]


def test_e2e_incident_click_opens_reports_with_evidence(page, server):
    incidents = server["store"].incidents_records()
    idlib = next(f for f in incidents if f["place"] == "Idlib" and f["reports"] >= 3)
    marker = page.locator(f"path.incident-marker[data-incident='{idlib['id']}']")
    # The marker of the hand-built Idlib incident sits where Idlib is on the map.
    view = page.evaluate(
        "id => { const r = document.querySelector(`[data-incident='${id}']`).getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; }",
        idlib["id"],
    )
    assert view[0] > 0 and view[1] > 0
    # Idlib and Aleppo overlap at this zoom: dispatch the click to the Idlib marker itself.
    marker.dispatch_event("click")
    detail = page.locator(f".incident-detail[data-incident='{idlib['id']}']")
    detail.wait_for(timeout=10000)
    evidence = page.locator(".incident-detail blockquote.evidence mark")
    assert evidence.count() == idlib["reports"]
    assert sum(t.startswith(MOVED) for t in evidence.all_inner_texts()) == 3
    _shot(page, "e2e-04-incident.png")
    page.locator(".open-article").first.click()
    active = page.locator(".article-text .evidence-active")
    active.first.wait_for()
    assert "".join(active.all_inner_texts()).startswith(MOVED + " near Idlib")
    page.locator(".number-link", has_text="400 fighters").first.click()
    assert "".join(active.all_inner_texts()) == "400"
    _shot(page, "e2e-05-reader.png")


def test_e2e_timeline_brush_filters_map(page):
    before = page.locator("path.incident-marker").count()
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    # Brush the right half of the timeline: the October incident only.
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 16, y, steps=5)
    page.mouse.up()
    _until(lambda: page.locator("path.incident-marker").count() < before)
    assert page.locator(".filter-chip", has_text="→").count() == 1
    page.locator(".filter-chip").first.click()
    _until(lambda: page.locator("path.incident-marker").count() == before)


def test_e2e_script_in_article_never_runs(page, server):
    evil = next(d for d in _corpus() if d.meta.publisher == "Evil Times")
    page.goto(f"{server['url']}/#/article/{evil.id}")
    page.wait_for_selector(f".article-text[data-article='{evil.id}']")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert page.locator(".article-text script, .article-text img").count() == 0


def test_e2e_paste_an_article_to_analyze_it(page):
    page.click("#analyze-open")
    form = page.locator("form.analyze")
    form.locator("input[type=password]").fill(TOKEN)
    form.locator("textarea").fill(
        "Shelling kills 12 in northwest Syria\n\n"
        "Government forces shelled the town of Maarat al-Numan on Tuesday, killing at least 12 civilians, "
        "a monitoring group said. Rescue workers said the toll could rise as people remained under the "
        "rubble. The army did not comment on the reports, and the opposition accused it of shelling a market."
    )
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".reader-title", timeout=60000)
    assert page.locator(".reader-title").inner_text() == "Shelling kills 12 in northwest Syria"
    assert "Maarat al-Numan" in page.locator(".article-text").inner_text()
    _shot(page, "e2e-06-analyzed.png")


def test_e2e_analyze_needs_the_right_token(page):
    page.click("#analyze-open")
    form = page.locator("form.analyze")
    form.locator("input[type=password]").fill("wrong")
    form.locator("textarea").fill("Some text that will not be analyzed.")
    form.locator("button[type=submit]").click()
    error = form.locator(".status .error")
    error.wait_for()
    assert "token" in error.inner_text()


def test_e2e_timeline_click_opens_the_incident_of_a_day(page, server):
    kharkiv = next(i for i in server["store"].incidents_records() if i["place"] == "Kharkiv")
    day = kharkiv["date_start"][:10]
    bar = page.locator(f"#timeline rect.bar[data-date='{day}']")
    box = bar.bounding_box()
    # The brush overlay lies over the bars: click through it at the bar's place.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    assert page.locator(".filter-chip", has_text=day).count() == 1
    detail = page.locator(f".incident-detail[data-incident='{kharkiv['id']}']")
    row = page.locator(f".incident-row[data-incident='{kharkiv['id']}']")
    detail.or_(row).first.wait_for(timeout=10000)
    if not detail.count() and row.count():  # several incidents that day: the list of them, then the one
        # The list may re-render meanwhile; the detail must still open below.
        with contextlib.suppress(PlaywrightTimeoutError):
            row.first.dispatch_event("click", timeout=5000)
    detail.wait_for(timeout=10000)
