"""A small hand-built corpus for the API and dashboard tests: reports of a few incidents, several
publishers each, with actors, places, dates, quotes, claims and events (no model is loaded)."""

from __future__ import annotations

from sitroom.document import (
    Actor,
    Claim,
    ClaimSource,
    DateRef,
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
from sitroom.store import Store
from store_docs import span_of

STAGES = ("clean@1", "nlp@1", "events@1")

# (place, lat, lon, country): where the incidents happen.
PLACES = {
    "Idlib": (35.93, 36.63, "SY"),
    "Aleppo": (36.20, 37.16, "SY"),
    "Kharkiv": (49.99, 36.23, "UA"),
}


# Each publisher writes its own opening, so that merge does not take the reports for copies.
LEADS = (
    "Residents described convoys of buses moving through the countryside after dark last week.",
    "Diplomats in Ankara and Moscow were briefed about the movements according to officials.",
    "Opposition commanders warned that the ceasefire agreement was now at serious risk of collapse.",
    "Local councils asked aid agencies to prepare shelters as families fled toward the border.",
    "Analysts have tracked similar relocations across the region since the spring offensive ended.",
)


def report(
    publisher: str,
    place: str = "Idlib",
    day: str = "2018-09-23",
    figure: str = "400",
    verb: str = "transferred",
    event_type: str = "MOBILIZE",
    status: str = "occurred",
    extra: str = "",
    force: tuple[str, str, str, str] = ("Syrian army", "sy-army", "Syrian Arab Army", "SY"),
) -> Document:
    """One article: the Syrian army moved (or attacked) fighters near a place, a monitor says so."""
    lat, lon, country = PLACES[place]
    words, actor_id, actor_name, actor_country = force
    first = f"The {words} {verb} {figure} ISIS fighters near {place} on {day}, the Syrian Observatory said."
    second = '"We moved them at night," an officer said, adding that more could follow.'
    lead = LEADS[sum(map(ord, publisher)) % len(LEADS)]
    text = f"{publisher} report\n\n{lead} {first} {second}{extra}"
    army = Actor(actor_id, actor_name, "military", actor_country, "MIL", (span_of(text, words),))
    isis = Actor("isis", "Islamic State", "armed_group", None, "REB", (span_of(text, "ISIS"),))
    sohr = Actor(
        "sohr",
        "Syrian Observatory for Human Rights",
        "ngo",
        "GB",
        "NGO",
        (span_of(text, "Syrian Observatory"),),
    )
    event = Event(
        type=event_type,
        evidence=span_of(text, first),
        status=status,
        source=(actor_id,),
        target=("isis",),
        date=EventDate(day, day, "day", span_of(text, day)),
        place=EventPlace(place, None, lat, lon, span_of(text, place)),
        quantities=(
            Quantity(float(figure), float(figure), float(figure), "fighters", span_of(text, figure)),
        ),
        attributed_to="sohr",
    )
    quote = span_of(text, '"We moved them at night,"')
    return Document(
        source=Source(path=f"{publisher}-{place}-{day}.txt"),
        raw=text,
        id=text_id(text),
        meta=Meta(f"{publisher} report", (), publisher, f"{day}T12:00:00+00:00", "en"),
        text=text,
        headings=(Span(0, len(f"{publisher} report"), "title"),),
        sentences=(span_of(text, first), span_of(text, second)),
        actors=(army, isis, sohr),
        places=(Place(place, None, lat, lon, country, "city", (span_of(text, place),)),),
        dates=(DateRef(span_of(text, day), day, None, "day", "date"),),
        quotes=(Quote("direct", quote, Speaker("an officer", span_of(text, "an officer"), actor_id)),),
        claims=(Claim(span_of(text, first), "reported", ClaimSource("Syrian Observatory", "sohr")),),
        events=(event,),
        stages=STAGES,
    )


RUSSIA = ("Russian forces", "ru-army", "Russian Armed Forces", "RU")


def corpus() -> list[Document]:
    """Three incidents: Idlib (3 publishers), Aleppo (1), Kharkiv (2, an attack), plus a threat."""
    return [
        report("Al Bawaba"),
        report("Reuters"),
        report("Enab Baladi"),
        report("SANA", place="Aleppo", day="2018-09-02", figure="40"),
        report(
            "Kyiv Independent",
            place="Kharkiv",
            day="2018-10-05",
            figure="12",
            verb="attacked",
            event_type="ASSAULT",
            force=RUSSIA,
        ),
        report(
            "Ukrinform",
            place="Kharkiv",
            day="2018-10-05",
            figure="12",
            verb="attacked",
            event_type="ASSAULT",
            force=RUSSIA,
        ),
        report(
            "Reuters",
            place="Aleppo",
            day="2018-10-20",
            figure="30",
            verb="threatened",
            event_type="THREATEN",
            status="threatened",
        ),
    ]


def fill(store: Store, docs: list[Document] | None = None) -> Store:
    for doc in docs if docs is not None else corpus():
        store.save(doc)
    store.merge()
    return store
