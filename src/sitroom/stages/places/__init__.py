"""Places: every place an article names, resolved to GeoNames with coordinates and all its mentions.

The stage reads the spaCy parse the ``nlp`` stage left (no second parse), finds candidate names
(:mod:`.mentions`), resolves them against an offline gazetteer (:mod:`.gazetteer`) using the whole
article as context (:mod:`.resolve`), and groups mentions of the same place ("Deir Ezzour" and
"Deir Ezzor") into one :class:`~sitroom.document.Place`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sitroom.document import Actor, Document, Place, Span
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.places.gazetteer import Entry, Gazetteer, load_gazetteer
from sitroom.stages.places.mentions import find_mentions
from sitroom.stages.places.resolve import Resolved, resolve

# Gazetteer features as the report names them (see the report contract).
_FEATURE = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
    "region": "region",
    "continent": "region",
    "area": "region",  # a sea, island, range or desert
    "site": "other",  # a river, strait or peak
    "airport": "other",
}


@stage(requires=("text", "entities", "actors"), provides=("places",), version=2)
def places(doc: Document, settings: Settings) -> Document:
    from sitroom.stages.nlp import parsed

    return replace(doc, places=tuple(find_places(parsed(doc, settings), doc.text, doc.actors)))


def find_places(
    sp: Any, text: str, actors: Sequence[Actor] = (), gaz: Gazetteer | None = None
) -> list[Place]:
    """The places of ``text`` (parsed by spaCy as ``sp``), one per real place, in order of first mention.

    Args:
        sp: the spaCy Doc of ``text``.
        text: the article text; every mention span points into it.
        actors: the article's actors, if the actors stage ran; names inside an organisation or a
            person are not places.
        gaz: the gazetteer (default: the packaged one, loaded once per process).

    Returns:
        Places with canonical GeoNames name, id, coordinates, country, feature and mentions.
    """
    gaz = gaz or load_gazetteer()
    resolved = resolve(find_mentions(sp, text, gaz, actors), gaz)
    return group(resolved)


def group(resolved: Sequence[Resolved]) -> list[Place]:
    """One Place per gazetteer entry, its mentions in text order, places in order of first mention."""
    by_entry: dict[int, tuple[Entry, list[Span]]] = {}
    for r in resolved:
        by_entry.setdefault(r.entry.index, (r.entry, []))[1].append(
            Span(r.mention.start, r.mention.end, "place")
        )
    return [
        Place(
            name=e.name,
            geonameid=e.geonameid,
            lat=e.lat,
            lon=e.lon,
            country=e.country,
            feature=_FEATURE[e.feature],
            mentions=tuple(spans),
        )
        for e, spans in by_entry.values()
    ]
