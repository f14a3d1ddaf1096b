"""Benchmark the store: ingest throughput, store size, merge time, and query latency at 100,000 events.

    .venv/bin/python scripts/benchmark_store.py [--data DIR] [--limit N] [--events 100000] [--db URL]

1. Ingest the giveme5w1h news-cluster articles (real news-please JSON) into a fresh SQLite store with
   1 and with 2 worker processes: articles per second, the whole pipeline included (merge excluded).
2. Store size per 1,000 articles: the SQLite file after a WAL checkpoint, over the articles stored.
3. A store grown to ``--events`` events. The extraction stages find few events today, so the events are
   SYNTHETIC: each real report is copied under new ids (text, entities, quotes... as analyzed) and given
   generated events (PLOVER types, days of 2018, the report's own places and actors plus a pool,
   quantities), saved through ``Store.save`` like any report. Then ``Store.merge()`` and the common
   queries of the API and the exports, each timed as the median of 5 runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sitroom.document import Actor, Document, Event, EventDate, EventPlace, Quantity, Span, text_id
from sitroom.settings import Settings
from sitroom.store import Filters, Store
from sitroom.store.ingest import ingest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = Path("news-corpora") / "giveme5w1h-news-cluster" / "data"
TYPES = (
    ["ASSAULT"] * 5
    + ["COERCE"] * 2
    + ["PROTEST", "MOBILIZE", "ACCUSE", "CONSULT", "AGREE", "AID", "THREATEN"]
)
STATUSES = ["occurred"] * 8 + ["ongoing", "threatened", "planned", "negated"]
PLACES = [
    ("Idlib", 35.93, 36.63, "SY"), ("Aleppo", 36.20, 37.16, "SY"), ("Damascus", 33.51, 36.29, "SY"),
    ("Raqqa", 35.95, 39.01, "SY"), ("Mosul", 36.34, 43.13, "IQ"), ("Baghdad", 33.34, 44.40, "IQ"),
    ("Kabul", 34.53, 69.17, "AF"), ("Sanaa", 15.35, 44.21, "YE"), ("Aden", 12.78, 45.04, "YE"),
    ("Tripoli", 32.89, 13.19, "LY"), ("Gao", 16.27, -0.04, "ML"), ("Maiduguri", 11.85, 13.16, "NG"),
    ("Donetsk", 48.02, 37.80, "UA"), ("Gaza", 31.50, 34.47, "PS"), ("Khartoum", 15.50, 32.56, "SD"),
]  # fmt: skip
ACTORS = [
    ("sy-army", "Syrian Arab Army", "military", "SY", "MIL"),
    ("isis", "Islamic State", "armed_group", None, "REB"),
    ("hts", "Hayat Tahrir al-Sham", "armed_group", "SY", "REB"),
    ("ru-mil", "Russian armed forces", "military", "RU", "MIL"),
    ("tr-mil", "Turkish armed forces", "military", "TR", "MIL"),
    ("us-gov", "United States government", "government", "US", "GOV"),
    ("un", "United Nations", "igo", None, "IGO"),
    ("civilians", "civilians", "civilians", None, "CVL"),
    ("houthis", "Houthis", "armed_group", "YE", "REB"),
    ("iq-army", "Iraqi army", "military", "IQ", "MIL"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="Articles to ingest (default all 383).")
    ap.add_argument("--events", type=int, default=100_000, help="Events in the grown store.")
    ap.add_argument("--db", default=None, help="Store for step 3 (default a temp SQLite file).")
    args = ap.parse_args()
    files = sorted((args.data / CORPUS).glob("*.json"))[: args.limit]
    if not files:
        sys.exit(f"no articles in {args.data / CORPUS}")
    settings = Settings.load()
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            path = Path(tmp) / f"w{workers}.db"
            with Store.open(str(path)) as store:
                t = time.perf_counter()
                result = ingest([str(f) for f in files], store, settings, workers=workers)
                secs = time.perf_counter() - t
                print(f"ingest, {workers} worker(s): {result.stored} articles in {secs:.1f}s = "
                      f"{result.stored / secs:.1f} articles/s")  # fmt: skip
                if workers == 1:
                    t = time.perf_counter()
                    counts = store.merge()
                    print(f"merge of {counts['articles']} articles: {time.perf_counter() - t:.2f}s {counts}")
                    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    size = path.stat().st_size
                    n = store.count("articles")
                    per = size / n * 1000 / 1e6
                    print(f"store size: {size / 1e6:.1f} MB, {n} articles: {per:.1f} MB per 1,000 articles")
                    docs = [store.document(i) for i in store.article_ids()]
        url = args.db or str(Path(tmp) / "grown.db")
        grow(url, docs, args.events)


def grow(url: str, docs: list[Document], n_events: int) -> None:
    rng = random.Random(7)
    with Store.open(url) as store:
        t = time.perf_counter()
        made = copies = 0
        while made < n_events:
            base = docs[copies % len(docs)]
            doc = synthetic(base, copies, rng)
            store.save(doc)
            made += len(doc.events)
            copies += 1
        secs = time.perf_counter() - t
        print(f"grown store: {copies} synthetic reports with {made} events saved in {secs:.1f}s "
              f"({copies / secs:.0f} reports/s)")  # fmt: skip
        t = time.perf_counter()
        counts = store.merge()
        print(f"merge: {time.perf_counter() - t:.1f}s {counts}")
        incident = store.incidents_records(limit=1, offset=10)[0]["id"]
        queries = {
            "events: country SY, one month, page of 100": lambda: store.events(
                Filters(country="SY", since="2018-03", until="2018-03"), limit=100
            ),
            "events: actor + type, page of 100": lambda: store.events(
                Filters(actor="Islamic State", type=("ASSAULT",)), limit=100
            ),
            "events: count by status (SQL)": lambda: store.db.all(
                "SELECT status, count(*) FROM events GROUP BY status"
            ),
            "incidents: type + quarter, page of 100": lambda: store.incidents(
                Filters(type=("ASSAULT",), since="2018-01", until="2018-03"), limit=100
            ),
            "incident detail (reports + figures)": lambda: store.incident(incident),
            "actors: top 50": lambda: store.actors(limit=50),
            "places: country SY": lambda: store.places(Filters(country="SY")),
            "search articles: 'missile launch'": lambda: store.search("missile launch", limit=20),
            "search quotes: 'said'": lambda: store.search("said", kind="quotes", limit=20),
            "network: by month, one quarter": lambda: store.network(
                Filters(since="2018-01", until="2018-03")
            ),
        }
        print(f"{'query':<44} {'median ms':>10}")
        for name, fn in queries.items():
            times = []
            for _ in range(5):
                t = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t) * 1000)
            print(f"{name:<44} {statistics.median(times):>10.1f}")
        print(json.dumps({"events": store.count("events"), "incidents": store.count("incidents")}))


def synthetic(base: Document, k: int, rng: random.Random) -> Document:
    """A copy of a real report under a new id, with generated events (5-15) over its sentences."""
    sentences = base.sentences or (Span(0, len(base.text)),)
    own = {a.id for a in base.actors}
    actors = [Actor(*a) for a in ACTORS if a[0] not in own]
    events = []
    for _ in range(rng.randint(5, 15)):
        s = rng.choice(sentences)
        name, lat, lon, _country = rng.choice(PLACES)
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(365))
        src, tgt = rng.sample(ACTORS, 2)
        figure = Span(s.start, min(s.end, s.start + 3))
        events.append(
            Event(
                type=rng.choice(TYPES),
                evidence=s,
                status=rng.choice(STATUSES),
                source=(src[0],),
                target=(tgt[0],),
                date=EventDate(day.isoformat(), day.isoformat(), "day"),
                place=EventPlace(name, None, lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)),
                quantities=(Quantity(float(rng.randint(1, 50)), None, None, "killed", figure),)
                if rng.random() < 0.3
                else (),
            )
        )
    places = tuple(
        replace(p, name=name, lat=lat, lon=lon, country=country, mentions=())
        for p, (name, lat, lon, country) in zip(base.places, PLACES, strict=False)
    )
    return replace(
        base,
        id=text_id(f"{base.id}:{k}"),
        actors=(*base.actors, *actors),
        places=places,
        events=tuple(events),
        meta=replace(
            base.meta, published=(date(2018, 1, 1) + timedelta(days=rng.randrange(365))).isoformat()
        ),
    )


if __name__ == "__main__":
    main()
