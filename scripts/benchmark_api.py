#!/usr/bin/env python3
"""API latency of the dashboard's queries on a 100,000-event store, and the dashboard's first load.

    .venv/bin/python scripts/benchmark_api.py [--events 100000] [--db /tmp/sitroom-bench.db] [--rounds 20]

Builds (once; reused while ``--db`` exists with the same number of events) a synthetic store: articles
of ten events each, drawn from 60 places, 300 actors, the 16 PLOVER types, 40 publishers and three
years, saved with ``Store.save`` and merged into incidents with ``Store.merge`` like a real corpus.
Then it serves the store with uvicorn on a free loopback port and times, over HTTP, the requests the
dashboard makes on load and on each filter change (map GeoJSON, timeline, network, facets), the
incident and article views and full-text search, under a mix of filters. It prints p50 and p95 per
route and over all requests (target: p95 under 200 ms), then the dashboard's first load in headless
Chromium (navigation to map, timeline and network drawn), cold and warm.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TYPES = (
    "ASSAULT",
    "COERCE",
    "MOBILIZE",
    "SANCTION",
    "THREATEN",
    "PROTEST",
    "ACCUSE",
    "REJECT",
    "REQUEST",
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
)
STATUSES = ("occurred",) * 6 + ("ongoing", "planned", "threatened", "negated")
KINDS = ("military", "armed_group", "government", "state", "political_party", "ngo", "civilians")
COUNTRIES = ("SY", "IQ", "UA", "YE", "LY", "SD", "AF", "ML", "NG", "SO", "MM", "ET")
EVENTS_PER_ARTICLE = 10


def build(path: Path, n_events: int, seed: int = 7) -> None:
    """A synthetic store of ``n_events`` events (``n_events / 10`` articles), merged."""
    from sitroom.document import (
        Actor,
        Document,
        Event,
        EventDate,
        EventPlace,
        Meta,
        Place,
        Quantity,
        Source,
        Span,
        text_id,
    )
    from sitroom.store import Store

    rng = random.Random(seed)
    places = [
        (f"Town {i}", rng.uniform(-10, 45), rng.uniform(-15, 75), COUNTRIES[i % len(COUNTRIES)])
        for i in range(60)
    ]
    actors = [
        (f"actor-{i}", f"Actor {i}", KINDS[i % len(KINDS)], COUNTRIES[i % len(COUNTRIES)]) for i in range(300)
    ]
    publishers = [f"Publisher {i}" for i in range(40)]
    words = "convoy ceasefire shelling talks border aid camp road market council fighters police".split()
    store = Store.open(str(path))
    t0 = time.perf_counter()
    for a in range(n_events // EVENTS_PER_ARTICLE):
        day0 = 17532 + rng.randrange(3 * 365)  # 2018-01-01 + up to three years
        parts: list[str] = []
        events: list[Event] = []
        mentions: dict[str, list[Span]] = {}
        place_mentions: dict[str, list[Span]] = {}
        used_places: dict[str, tuple[str, float, float, str]] = {}
        for _ in range(EVENTS_PER_ARTICLE):
            src, tgt = rng.sample(actors, 2)
            place = rng.choice(places)
            day = _iso(day0 - rng.randrange(3))
            n = rng.randrange(1, 300)
            offset = sum(len(p) + 1 for p in parts)
            filler = " ".join(rng.choices(words, k=8))
            sentence = f"{src[1]} acted against {tgt[1]} near {place[0]} on {day}, {n} people, {filler}."
            s = Span(offset, offset + len(sentence))

            def at(part: str, base: int = offset, text: str = sentence) -> Span:
                i = text.index(part)
                return Span(base + i, base + i + len(part))

            mentions.setdefault(src[0], []).append(at(src[1]))
            mentions.setdefault(tgt[0], []).append(at(tgt[1]))
            place_mentions.setdefault(place[0], []).append(at(place[0]))
            used_places[place[0]] = place
            events.append(
                Event(
                    type=rng.choice(TYPES),
                    evidence=s,
                    status=rng.choice(STATUSES),
                    source=(src[0],),
                    target=(tgt[0],),
                    date=EventDate(day, day, "day", at(day)),
                    place=EventPlace(place[0], None, place[1], place[2], at(place[0])),
                    quantities=(Quantity(float(n), float(n), float(n), "killed", at(str(n))),),
                )
            )
            parts.append(sentence)
        text = " ".join(parts)
        by_id = {x[0]: x for x in actors}
        doc = Document(
            source=Source(path=f"bench-{a}.txt"),
            raw=text,
            id=text_id(text),
            text=text,
            meta=Meta(f"Report {a}", (), rng.choice(publishers), _iso(day0) + "T09:00:00+00:00", "en"),
            sentences=tuple(e.evidence for e in events),
            actors=tuple(
                Actor(i, by_id[i][1], by_id[i][2], by_id[i][3], None, tuple(m)) for i, m in mentions.items()
            ),
            places=tuple(
                Place(p, None, used_places[p][1], used_places[p][2], used_places[p][3], "city", tuple(m))
                for p, m in place_mentions.items()
            ),
            events=tuple(events),
            stages=("bench@1",),
        )
        store.save(doc)
        if a % 1000 == 999:
            print(f"  saved {a + 1} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    t1 = time.perf_counter()
    print(f"  merging {n_events} events...", file=sys.stderr)
    counts = store.merge()
    print(
        f"  saved in {t1 - t0:.0f} s, merged in {time.perf_counter() - t1:.0f} s: {counts}", file=sys.stderr
    )
    store.close()


def _iso(epoch_day: int) -> str:
    from datetime import date

    return date.fromordinal(date(1970, 1, 1).toordinal() + epoch_day).isoformat()


def serve(db: Path) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    from sitroom.serve.app import create_app
    from sitroom.settings import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(db=str(db))), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def fetch(url: str) -> tuple[float, bytes]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as res:
        body = res.read()
    return (time.perf_counter() - t) * 1000, body


def requests(base: str, rng: random.Random) -> list[tuple[str, str]]:
    """One round of what the dashboard asks for: load, then a filter change of each kind."""
    import json
    from urllib.parse import urlencode

    def q(**kw: Any) -> str:
        return urlencode({k: v for k, v in kw.items() if v not in (None, "")})

    default = {"status": "occurred,ongoing"}
    year = rng.choice(("2018", "2019", "2020"))
    month = f"{year}-{rng.randrange(1, 13):02d}"
    changes = [
        default,
        {**default, "type": rng.choice(TYPES)},
        {**default, "country": rng.choice(COUNTRIES)},
        {**default, "since": f"{month}-01", "until": f"{month}-28"},
        {**default, "actor": f"actor-{rng.randrange(300)}"},
        {**default, "min_sources": 2},
    ]
    out: list[tuple[str, str]] = []
    for f in changes:
        out += [
            ("incidents.geojson", f"/api/incidents?{q(**f, format='geojson', limit=2000)}"),
            ("timeline", f"/api/timeline?{q(**{k: v for k, v in f.items() if k not in ('since', 'until')})}"),
            ("network", f"/api/network?{q(**f, limit=60)}"),
            ("facets", f"/api/facets?{q(**f)}"),
        ]
    _, body = fetch(base + f"/api/incidents?{q(**default, limit=50, offset=rng.randrange(500))}")
    incident = rng.choice(json.loads(body)["items"])
    out.append(("incident", f"/api/incidents/{incident['id']}"))
    _, body = fetch(base + f"/api/incidents/{incident['id']}")
    article = json.loads(body)["reports"][0]["article_id"]
    out.append(("article", f"/api/articles/{article}"))
    out.append(
        (
            "search",
            f"/api/search?{q(q=rng.choice(('convoy talks', 'ceasefire', 'Town 7', 'market')), limit=20)}",
        )
    )
    out.append(("events", f"/api/events?{q(**default, type=rng.choice(TYPES), limit=100)}"))
    return out


def first_load(base: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        return []
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        ctx = browser.new_context(viewport={"width": 1600, "height": 960})
        page = ctx.new_page()
        for _ in range(3):  # the first is cold (no cache), the next warm
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-loaded=true]", timeout=60000)
            times.append((time.perf_counter() - t) * 1000)
            page.goto("about:blank")
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the synthetic store")
    parser.add_argument("--db", type=Path, default=Path("/tmp/sitroom-bench.db"), help="where to build it")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of dashboard requests")
    parser.add_argument("--rebuild", action="store_true", help="build the store even if it exists")
    args = parser.parse_args()

    from sitroom.store import Store

    if args.db.exists() and not args.rebuild:
        with Store.open(str(args.db)) as st:
            have = st.count("events")
        if have != args.events:
            args.rebuild = True
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        print(f"building a store of {args.events} events at {args.db}", file=sys.stderr)
        build(args.db, args.events)
    with Store.open(str(args.db)) as st:
        sizes = {t: st.count(t) for t in ("articles", "events", "incidents")}
    print(f"store: {sizes}; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    base, server, thread = serve(args.db)
    rng = random.Random(1)
    for _, path in requests(base, rng):  # warm-up: the OS page cache and SQLite's
        fetch(base + path)
    timings: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name, path in requests(base, rng):
            ms, _ = fetch(base + path)
            timings.setdefault(name, []).append(ms)
    every = [t for ts in timings.values() for t in ts]
    print(f"\n{'route':<20}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, ts in [*timings.items(), ("all", every)]:
        print(f"{name:<20}{len(ts):>6}{statistics.median(ts):>10.1f}{_p95(ts):>10.1f}{max(ts):>10.1f}")
    verdict = "meets" if _p95(every) < 200 else "misses"
    print(f"load average after: {os.getloadavg()[0]:.1f} (other processes inflate wall-clock latency)")
    print(f"\np95 over all dashboard requests: {_p95(every):.0f} ms ({verdict} the 200 ms target)")
    loads = first_load(base)
    if loads:
        print(
            f"dashboard first load (to map, timeline and network drawn): cold {loads[0]:.0f} ms, "
            f"warm {statistics.median(loads[1:]):.0f} ms"
        )
    else:
        print("dashboard first load: skipped (/usr/bin/chromium is missing)")
    server.should_exit = True
    thread.join(10)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
