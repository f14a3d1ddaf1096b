"""Status of events on hand-written sentences from several conflicts: plans, threats, forecasts,
conditions and denials are never printed as things that happened."""

from __future__ import annotations

import pytest
from test_events import build

from sitroom.settings import Settings
from sitroom.stages.events import find_events

_ACTORS = {
    "idf": ("military", "IL", ["Israeli troops", "Israel"]),
    "hamas": ("armed_group", "PS", ["Hamas"]),
    "RU": ("state", "RU", ["Russia", "Moscow", "Russian"]),
    "UA": ("state", "UA", ["Ukraine", "Kyiv"]),
    "houthis": ("armed_group", "YE", ["Houthis"]),
}
_PLACES = {"Rafah": ("city", ["Rafah"]), "Kharkiv": ("city", ["Kharkiv"])}


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Israel denied that its troops had shelled Rafah.", "negated"),
        ("Hamas threatened to attack Israeli troops in Rafah.", "threatened"),
        ("Israeli troops are expected to launch an offensive on Rafah next week.", "planned"),
        ("Russia said it would not attack Kharkiv.", "negated"),
        ("Kyiv fears that Russia may attack Kharkiv again.", "hypothetical"),
        ("Russia has no plans to attack Kharkiv.", "negated"),
        ("Ukraine hopes to retake Kharkiv by spring.", "planned"),
        ("An offensive on Kharkiv would lead to a humanitarian disaster.", "hypothetical"),
        ("If Israel attacks Rafah, Hamas will respond.", "hypothetical"),
        ("Russia ruled out an offensive on Kharkiv.", "negated"),
        ("A Russian offensive on Kharkiv is expected to begin next week.", "planned"),
        ("A Russian attack on Kharkiv is likely to happen soon.", "hypothetical"),
        ("A Russian offensive on Kharkiv was planned for May.", "planned"),
        ("A Russian attack on Kharkiv was prevented by Ukrainian air defences.", "negated"),
        ("The army called off an assault on Kharkiv.", "negated"),
        # A wh-clause presupposes its event: the attack happened, only its author is unknown.
        ("Kyiv said it was unable to determine who attacked Kharkiv.", "occurred"),
        # The adjective "prepared" (not the verb "prepare") and a ban on the act.
        ("Russia said it is prepared to attack Kharkiv again.", "planned"),
        ("Kyiv asked for a ban on Russian attacks on Kharkiv.", "negated"),
    ],
)
def test_status_of_violence_from_the_parse(settings, text, status):
    doc = build(text, actors=_ACTORS, places=_PLACES)
    violent = [e for e in find_events(doc, settings) if e.type in ("FIGHT", "ASSAULT")]
    assert violent
    assert violent[0].status == status


def test_status_an_attack_that_happened_and_the_fighting_it_will_bring(settings):
    doc = build(
        "Israeli troops attacked Rafah, which will lead to more fighting.", actors=_ACTORS, places=_PLACES
    )
    assert [e.status for e in find_events(doc, settings)] == ["occurred", "hypothetical"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # What a cause leads to happened with it; it is no purpose.
        ("Clashes escalated in Kharkiv, leading Russia to shell Kharkiv.", "occurred"),
        # "May" after a day is the month, not the modal.
        ("Russian strikes since 21 May have killed 40 civilians in Kharkiv.", "occurred"),
    ],
)
def test_status_results_and_months_are_not_modality(settings, text, status):
    doc = build(text, actors=_ACTORS, places=_PLACES)
    violent = [e for e in find_events(doc, settings) if e.type in ("FIGHT", "ASSAULT")]
    assert violent
    assert all(e.status == status for e in violent)


def test_status_a_particle_verb_is_not_its_bare_verb(settings):
    # "set up" is no "set to": the talks happened.
    doc = build("The zones were set up under a series of talks between Russia and Ukraine.", actors=_ACTORS)
    (e,) = find_events(doc, settings)
    assert (e.type, e.status) == ("CONSULT", "occurred")
