"""Hand-built reports with actors, places and events, shared by the store, merge and export tests."""

from __future__ import annotations

import os
import uuid

import pytest

from sitroom.document import (
    Actor,
    Document,
    Event,
    EventDate,
    EventPlace,
    Meta,
    Place,
    Quantity,
    Quote,
    Source,
    Span,
    Speaker,
    text_id,
)

STAGES = ("clean@1", "nlp@1", "events@1")


def span_of(text: str, part: str, label: str = "") -> Span:
    start = text.index(part)
    return Span(start, start + len(part), label)


def attack_report(
    publisher: str,
    figure: str = "400",
    day: str = "2018-09-23",
    place: tuple[str, float, float] = ("Idlib", 35.93, 36.63),
    lead: str = "",
    status: str = "occurred",
    source_actor: str = "sy-army",
    event_type: str = "ASSAULT",
    extra: str = "",
    target: str = "isis",
) -> Document:
    """One article reporting that the Syrian army attacked ISIS fighters near a place on a day."""
    name, lat, lon = place
    text = (
        f"{lead}The Syrian army attacked {figure} ISIS fighters near {name} on {day}, "
        f'the Syrian Observatory said. "We struck them hard," a Syrian army officer said.{extra}'
    )
    army = Actor(source_actor, "Syrian Arab Army", "military", "SY", "MIL", (span_of(text, "Syrian army"),))
    isis = Actor("isis", "Islamic State", "armed_group", None, "REB", (span_of(text, "ISIS"),))
    quote_text = "We struck them hard,"
    event = Event(
        type=event_type,
        evidence=span_of(text, "The Syrian army attacked"),
        status=status,
        mode="firearms",
        source=(source_actor,),
        target=(target,),
        date=EventDate(day, day, "day", span_of(text, day)),
        place=EventPlace(name, 170063 if name == "Idlib" else None, lat, lon, span_of(text, name)),
        quantities=(
            Quantity(float(figure), float(figure), float(figure), "fighters", span_of(text, figure)),
        ),
        attributed_to="sohr",
    )
    return Document(
        source=Source(path=f"{publisher}-{figure}-{day}.txt"),
        raw=text,
        id=text_id(text),
        meta=Meta(
            title=f"Attack near {name}", publisher=publisher, published=f"{day}T12:00:00+00:00", language="en"
        ),
        text=text,
        sentences=(Span(0, len(text)),),
        entities=(span_of(text, "Syrian", "NORP"), span_of(text, name, "GPE")),
        actors=(army, isis),
        places=(
            Place(name, 170063 if name == "Idlib" else None, lat, lon, "SY", "city", (span_of(text, name),)),
        ),
        quotes=(
            Quote(
                "direct",
                span_of(text, quote_text),
                Speaker("a Syrian army officer", span_of(text, "a Syrian army officer"), source_actor),
            ),
        ),
        events=(event,),
        stages=STAGES,
    )


def open_store(kind: str, tmp_path):
    """A fresh, empty store: SQLite in ``tmp_path``, or a new schema on the test PostgreSQL server.

    PostgreSQL tests skip when SITROOM_TEST_PG is unset, except in CI, where .ci/run sets it.
    """
    from sitroom.store import Store

    if kind == "sqlite":
        return Store.open(str(tmp_path / "sitroom.db"))
    url = os.environ.get("SITROOM_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("SITROOM_TEST_PG is unset in CI: .ci/run must start the PostgreSQL test server")
        pytest.skip('SITROOM_TEST_PG is unset (start one with: eval "$(bash scripts/pg_test_server start)")')
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    return Store.open(f"{url}{sep}options=-csearch_path%3D{schema}")


BACKENDS = ["sqlite", "postgresql"]
