"""Agreements on hand-built articles: one agreement per deal, parties, brokers, obligations and deadlines."""

from __future__ import annotations

import pytest
from test_events import build

from sitroom.settings import Settings
from sitroom.stages.agreements import find_agreements


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def test_agreements_syria_deal_with_brokers_obligation_and_deadline(settings):
    text = (
        "Regime forces were stopped by a last-minute deal brokered by Turkey and Russia. "
        "Turkey was given the onus of removing opposition groups from the frontlines by October 15. "
        "The demilitarization deal remains fragile, and the deal may collapse."
    )
    doc = build(
        text,
        actors={"TR": ("state", "TR", ["Turkey"]), "RU": ("state", "RU", ["Russia"])},
        dates={"by October 15": ("2018-10-15", "day")},
    )
    (a,) = find_agreements(doc, settings)
    assert set(a.brokers) == {"TR", "RU"}
    assert "TR" in a.parties
    (ob,) = a.obligations
    assert ob.party == "TR"
    assert ob.action == "removing opposition groups from the frontlines"
    assert ob.deadline == "2018-10-15"


def test_agreements_gaza_ceasefire_parties_broker_and_date(settings):
    text = "Israel and Hamas agreed to a ceasefire brokered by Egypt on Friday. The ceasefire held overnight."
    doc = build(
        text,
        actors={
            "IL": ("state", "IL", ["Israel"]),
            "hamas": ("armed_group", "PS", ["Hamas"]),
            "EG": ("state", "EG", ["Egypt"]),
        },
        dates={"on Friday": ("2021-05-21", "day")},
    )
    (a,) = find_agreements(doc, settings)
    assert a.name == "ceasefire"
    assert set(a.parties) == {"IL", "hamas"}
    assert a.brokers == ("EG",)
    assert a.date is not None and a.date.start == "2021-05-21"


def test_agreements_requirement_names_the_obliged_party(settings):
    text = "Under the Minsk agreement, Ukraine is required to hold local elections in the east."
    doc = build(text, actors={"UA": ("state", "UA", ["Ukraine"])}, places={"Minsk": ("city", ["Minsk"])})
    (a,) = find_agreements(doc, settings)
    assert a.name == "Minsk agreement"
    assert [(o.party, o.action) for o in a.obligations] == [("UA", "hold local elections in the east")]


def test_agreements_two_named_deals_stay_apart(settings):
    text = "The Sochi agreement followed the Astana accord. The Sochi agreement covers Idlib."
    doc = build(
        text,
        places={"Sochi": ("city", ["Sochi"]), "Astana": ("city", ["Astana"]), "Idlib": ("city", ["Idlib"])},
    )
    names = sorted(a.name for a in find_agreements(doc, settings))
    assert names == ["Astana accord", "Sochi agreement"]


def test_agreements_none_without_an_agreement(settings):
    doc = build("Rebels shelled the airport on Monday.")
    assert find_agreements(doc, settings) == []


def test_agreements_failed_or_proposed_deals_are_not_reported(settings):
    text = (
        "Negotiators in Cairo failed to agree on a truce. "
        "Under the proposed deal, Israel must allow 500 aid trucks a day into Gaza."
    )
    doc = build(text, actors={"IL": ("state", "IL", ["Israel"])}, places={"Gaza": ("region", ["Gaza"])})
    assert find_agreements(doc, settings) == []


def test_agreements_modal_obligation_is_the_bare_verb_phrase(settings):
    text = "Under the deal signed on Monday, Israel must allow 500 aid trucks a day into Gaza."
    doc = build(text, actors={"IL": ("state", "IL", ["Israel"])}, dates={"on Monday": ("2024-03-04", "day")})
    (a,) = find_agreements(doc, settings)
    assert [(o.party, o.action) for o in a.obligations] == [("IL", "allow 500 aid trucks a day into Gaza")]
    assert a.date is not None and a.date.start == "2024-03-04"
