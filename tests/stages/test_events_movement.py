"""Movements (origin and destination), one movement told several times, places that are parties, and
the status of forecasts and means, on hand-built articles from several conflicts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_events import build

from sitroom.document import Document, Event
from sitroom.settings import Settings
from sitroom.stages.events import find_events


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def _with_sectors(doc: Document, sectors: dict[str, str]) -> Document:
    return replace(doc, actors=tuple(replace(a, sector=sectors.get(a.id)) for a in doc.actors))


def _only(events: list[Event], type_: str) -> Event:
    (e,) = [e for e in events if e.type == type_]
    return e


def test_movement_told_twice_with_a_rescue_verb_is_one_transfer(settings):
    # Sudan: the sparing and the journey are the same movement of the same fighters; the second telling
    # gives agent, route and an exact count, the first the date and the reporter.
    text = (
        "On the night of May 3, about 200 RSF fighters were spared and quietly bused out of Khartoum, "
        "according to the monitor.\n\n"
        "Heading to Nyala through the night from Khartoum, 200 RSF members were saved by Sudanese army "
        "forces in a move that analysts say was meant to split the rebels."
    )
    doc = build(
        text,
        actors={
            "rsf": ("armed_group", "SD", ["RSF"]),
            "sd-army": ("military", "SD", ["Sudanese army forces"]),
            "monitor": ("ngo", None, ["the monitor"]),
        },
        places={"Khartoum": ("city", ["Khartoum"]), "Nyala": ("city", ["Nyala"])},
        dates={"the night of May 3": ("2023-05-03", "day")},
    )
    events = find_events(doc, settings)
    assert not [e for e in events if e.type == "AID"]  # sparing fighters on the move is no aid
    e = _only(events, "MOBILIZE")
    assert e.source == ("sd-army",) and e.target == ("rsf",)
    assert e.origin is not None and e.origin.name == "Khartoum"
    assert e.place is not None and e.place.name == "Nyala"
    assert e.date is not None and (e.date.start, e.date.precision) == ("2023-05-03", "day")
    assert [(q.value, q.low, q.high) for q in e.quantities] == [(200, 200, 200)]  # the exact count wins
    assert e.attributed_to == "monitor" and e.status == "occurred"
    assert len(e.also) == 1


def test_movement_a_leader_and_his_forces_tell_one_transfer(settings):
    # Libya: "Haftar's transfer" and "transferred by the LNA" are the same side; a means clause ("by
    # shipping in") is done, whatever the main verb aims at, and joins them with the same count and place.
    text = (
        "Haftar's transfer of 300 Wagner fighters to Sirte was confirmed on Monday.\n\n"
        "The 300 Wagner fighters were transferred to Sirte by LNA forces from Benghazi.\n\n"
        "By shipping in 300 members of Wagner, the LNA is seeking to hold Sirte."
    )
    doc = build(
        text,
        actors={
            "haftar": ("person", "LY", ["Haftar"]),
            "lna": ("military", "LY", ["LNA forces", "the LNA"]),
            "wagner": ("armed_group", "RU", ["Wagner"]),
        },
        places={"Sirte": ("city", ["Sirte"]), "Benghazi": ("city", ["Benghazi"])},
    )
    doc = _with_sectors(doc, {"haftar": "GOV", "lna": "MIL"})
    moves = [e for e in find_events(doc, settings) if e.type == "MOBILIZE"]
    assert len(moves) == 1
    (e,) = moves
    assert set(e.source) == {"haftar", "lna"} and e.target == ("wagner",)
    assert e.origin is not None and e.origin.name == "Benghazi"
    assert e.place is not None and e.place.name == "Sirte"
    assert e.status == "occurred"
    assert len(e.also) == 2


def test_movement_two_transfers_with_other_numbers_and_places_stay_two(settings):
    text = (
        "In March, 300 Wagner fighters were transferred from Benghazi to Bamako.\n\n"
        "In June, 500 Wagner fighters were transferred from Latakia to Bangui."
    )
    doc = build(
        text,
        actors={"wagner": ("armed_group", "RU", ["Wagner"])},
        places={n: ("city", [n]) for n in ("Benghazi", "Bamako", "Latakia", "Bangui")},
        dates={"In March": ("2020-03", "month"), "In June": ("2020-06", "month")},
    )
    moves = [e for e in find_events(doc, settings) if e.type == "MOBILIZE"]
    assert [(e.origin and e.origin.name, e.place and e.place.name) for e in moves] == [
        ("Benghazi", "Bamako"),
        ("Latakia", "Bangui"),
    ]


@pytest.mark.parametrize(
    ("text", "type_", "origin", "dest"),
    [
        (
            "Myanmar troops deported hundreds of Rohingya from Rakhine to Bangladesh.",
            "COERCE",
            "Rakhine",
            "Bangladesh",
        ),
        (
            "Rebel fighters and their families were evacuated from Daraa to Jarablus.",
            "AID",
            "Daraa",
            "Jarablus",
        ),
        # Civilians saved on a journey: an evacuation (AID), with its route.
        (
            "Driving to Zaporizhzhia from Mariupol, 150 civilians were rescued by Ukrainian volunteers.",
            "AID",
            "Mariupol",
            "Zaporizhzhia",
        ),
    ],
)
def test_movement_origin_and_destination(settings, text, type_, origin, dest):
    names = ["Rakhine", "Bangladesh", "Daraa", "Jarablus", "Zaporizhzhia", "Mariupol"]
    doc = build(
        text,
        actors={
            "mm-army": ("military", "MM", ["Myanmar troops"]),
            "rebels": ("armed_group", "SY", ["Rebel fighters"]),
            "ua-vol": ("ngo", "UA", ["Ukrainian volunteers"]),
            "BD": ("state", "BD", ["Bangladesh"]),
        },
        places={n: ("country" if n == "Bangladesh" else "city", [n]) for n in names},
    )
    e = _only(find_events(doc, settings), type_)
    assert e.origin is not None and e.origin.name == origin
    assert e.place is not None and e.place.name == dest


def test_movement_no_origin_for_events_that_move_nothing(settings):
    text = "Houthi rebels fired missiles from Hodeidah at ships in the Red Sea."
    doc = build(
        text,
        actors={"houthis": ("armed_group", "YE", ["Houthi rebels"])},
        places={"Hodeidah": ("city", ["Hodeidah"]), "Red Sea": ("region", ["Red Sea"])},
    )
    assert all(e.origin is None for e in find_events(doc, settings))


@pytest.mark.parametrize(
    "text",
    [
        "A ceasefire brokered by Egypt and Qatar took hold on Sunday.",
        "Hamas is still deliberating whether to accept the deal and its concessions to Egypt.",
        "Rebels were evacuated to Idlib under a deal with the government.",
    ],
)
def test_movement_a_country_named_as_a_party_is_not_the_place(settings, text):
    doc = build(
        text,
        actors={
            "EG": ("state", "EG", ["Egypt"]),
            "QA": ("state", "QA", ["Qatar"]),
            "hamas": ("armed_group", "PS", ["Hamas"]),
            "SY:government": ("government", "SY", ["the government"]),
            "rebels": ("armed_group", "SY", ["Rebels"]),
        },
        places={
            "Egypt": ("country", ["Egypt"]),
            "Qatar": ("country", ["Qatar"]),
            "Idlib": ("admin1", ["Idlib"]),
        },
    )
    agree = [e for e in find_events(doc, settings) if e.type == "AGREE"]
    assert agree
    assert all(e.place is None for e in agree)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # A forecast in an analyst's words is not a plan.
        ("Moving the prisoners to Kabul will lead to more clashes between the Taliban and ISIS-K.", "FIGHT"),
        ("The deployment will spark fighting between the Taliban and ISIS-K in Kunar.", "FIGHT"),
        ("It gives the Taliban a pretext to attack Kunar.", "ASSAULT"),
    ],
)
def test_status_forecasts_and_pretexts_are_hypothetical(settings, text, type_):
    doc = build(
        text,
        actors={"taliban": ("armed_group", "AF", ["Taliban"]), "isisk": ("armed_group", "AF", ["ISIS-K"])},
        places={"Kabul": ("city", ["Kabul"]), "Kunar": ("admin1", ["Kunar"])},
    )
    events = find_events(doc, settings)
    assert _only(events, type_).status == "hypothetical"
    assert all(e.status != "occurred" for e in events if e.type in ("FIGHT", "ASSAULT"))


def test_status_a_means_clause_happened(settings):
    text = "By sending 500 troops to Goma, Rwanda is seeking to pressure Kinshasa."
    doc = build(
        text,
        actors={"RW": ("state", "RW", ["Rwanda"]), "CD": ("state", "CD", ["Kinshasa"])},
        places={"Goma": ("city", ["Goma"])},
    )
    e = _only(find_events(doc, settings), "MOBILIZE")
    assert (e.source, e.status) == (("RW",), "occurred")
    assert e.place is not None and e.place.name == "Goma"


def test_unfactual_events_without_anyone_count_or_place_are_dropped(settings):
    text = (
        "Every side has invoked terrorism to justify expanded military operations. "
        "Mali's junta launched an offensive near Mopti."
    )
    doc = build(
        text,
        actors={"ml-army": ("military", "ML", ["Mali's junta"])},
        places={"Mopti": ("city", ["Mopti"])},
    )
    events = find_events(doc, settings)
    assert [(e.type, e.status) for e in events] == [("FIGHT", "occurred")]
    assert events[0].source == ("ml-army",)


def test_unfactual_event_with_its_own_place_is_kept(settings):
    text = "Aid groups warned that any military assault on Rafah could turn into a humanitarian catastrophe."
    doc = build(text, places={"Rafah": ("city", ["Rafah"])})
    e = _only(find_events(doc, settings), "ASSAULT")
    assert e.status == "hypothetical"
    assert e.place is not None and e.place.name == "Rafah"


def test_movement_from_two_origins_are_two_movements(settings):
    text = (
        "Turkish forces transferred 200 SNA fighters from Afrin to Tripoli.\n\n"
        "Turkish forces transferred 200 SNA fighters from Jarablus to Tripoli."
    )
    doc = build(
        text,
        actors={"tr-army": ("military", "TR", ["Turkish forces"]), "sna": ("armed_group", "SY", ["SNA"])},
        places={n: ("city", [n]) for n in ("Afrin", "Jarablus", "Tripoli")},
    )
    moves = [e for e in find_events(doc, settings) if e.type == "MOBILIZE"]
    assert sorted(e.origin.name for e in moves if e.origin is not None) == ["Afrin", "Jarablus"]


def test_retelling_a_definite_noun_joins_the_nearest_event(settings):
    text = (
        "Rebels attacked a checkpoint in Daraa on Monday.\n\n"
        "On Tuesday, jihadists attacked a market in Idlib.\n\n"
        "The attack killed 12 people, medics said."
    )
    doc = build(
        text,
        actors={
            "rebels": ("armed_group", "SY", ["Rebels"]),
            "jihadists": ("armed_group", "SY", ["jihadists"]),
        },
        places={"Daraa": ("city", ["Daraa"]), "Idlib": ("city", ["Idlib"])},
        dates={"on Monday": ("2017-04-03", "day"), "On Tuesday": ("2017-04-04", "day")},
    )
    by_place = {e.place.name: e for e in find_events(doc, settings) if e.place is not None}
    assert [(q.value, q.unit) for q in by_place["Idlib"].quantities] == [(12, "killed")]
    assert not by_place["Daraa"].quantities and not by_place["Daraa"].also


def test_a_capital_named_as_a_government_does_not_place_the_paragraph(settings):
    text = (
        "Moscow has repeatedly demanded that the rebels disarm. Airstrikes hit a market, killing 12 people."
    )
    doc = build(
        text,
        actors={"RU": ("state", "RU", ["Moscow"]), "rebels": ("armed_group", "SY", ["the rebels"])},
        places={"Moscow": ("city", ["Moscow"])},
    )
    violent = [e for e in find_events(doc, settings) if e.type in ("FIGHT", "ASSAULT")]
    assert violent
    assert all(e.place is None for e in violent)


def test_unfactual_event_with_a_date_is_kept(settings):
    text = "An offensive is planned for next week, officials said."
    doc = build(text, dates={"for next week": ("2024-05-13", "week")})
    (e,) = [e for e in find_events(doc, settings) if e.type == "FIGHT"]
    assert e.status == "planned" and e.date is not None
