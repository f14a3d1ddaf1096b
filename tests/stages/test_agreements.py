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
    # Brokered by the two states and no one else named as a side: a bilateral deal they made.
    assert set(a.parties) == {"TR", "RU"}
    assert a.brokers == ()
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


@pytest.mark.parametrize(
    ("text", "parties", "brokers"),
    [
        # Third parties between two named sides stay brokers.
        (
            "A truce between Israel and Hamas brokered by Egypt and Qatar took hold on Sunday.",
            {"IL", "hamas"},
            {"EG", "QA"},
        ),
        # Mediators are third parties however many they are.
        ("The ceasefire was mediated by Egypt and Qatar.", set(), {"EG", "QA"}),
        # One broker alone made no deal with itself.
        ("A prisoner swap deal brokered by Qatar was announced.", set(), {"QA"}),
        # Signing makes a party; a passive deal names its makers in the "by" phrase.
        ("The peace accord was signed by Armenia and Azerbaijan.", {"AM", "AZ"}, set()),
        ("The deal was brokered by Russia and Turkey to avoid a catastrophe.", {"RU", "TR"}, set()),
    ],
)
def test_agreements_parties_and_brokers_by_role(settings, text, parties, brokers):
    names = {
        "IL": "Israel", "hamas": "Hamas", "EG": "Egypt", "QA": "Qatar", "AM": "Armenia",
        "AZ": "Azerbaijan", "RU": "Russia", "TR": "Turkey",
    }  # fmt: skip
    doc = build(text, actors={k: ("state", k, [v]) for k, v in names.items() if v in text})
    (a,) = find_agreements(doc, settings)
    assert set(a.parties) == parties
    assert set(a.brokers) == brokers


def test_agreements_a_later_party_joins_the_agreement_already_named(settings):
    text = "A ceasefire brokered by Egypt and Qatar took hold in Gaza. Hamas accepted the truce on Monday."
    doc = build(
        text,
        actors={
            "EG": ("state", "EG", ["Egypt"]),
            "QA": ("state", "QA", ["Qatar"]),
            "hamas": ("armed_group", "PS", ["Hamas"]),
        },
        places={"Gaza": ("region", ["Gaza"])},
    )
    (a,) = find_agreements(doc, settings)
    assert a.parties == ("hamas",)
    assert set(a.brokers) == {"EG", "QA"}


def test_agreements_date_and_noun_obligation_keep_their_words(settings):
    text = (
        "Sudan's army and the RSF signed a truce on May 20, which called for a humanitarian corridor "
        "to be opened in Khartoum."
    )
    doc = build(
        text,
        actors={"sd-army": ("military", "SD", ["Sudan's army"]), "rsf": ("armed_group", "SD", ["the RSF"])},
        places={"Khartoum": ("city", ["Khartoum"])},
        dates={"on May 20": ("2023-05-20", "day")},
    )
    (a,) = find_agreements(doc, settings)
    assert set(a.parties) == {"sd-army", "rsf"}
    assert a.date is not None and (a.date.start, a.date.precision) == ("2023-05-20", "day")
    assert [o.action for o in a.obligations] == ["humanitarian corridor to be opened in Khartoum"]


_STATES = {
    k: ("state", k, [v])
    for k, v in {
        "IL": "Israel", "EG": "Egypt", "QA": "Qatar", "US": "the United States", "AM": "Armenia",
        "AZ": "Azerbaijan", "RU": "Russia", "SA": "Saudi Arabia",
    }.items()
}  # fmt: skip


def test_agreements_mediators_hung_on_the_signing_verb_and_its_date(settings):
    text = (
        "Armenia and Azerbaijan signed a ceasefire in November 2020 brokered by Russia.\n\n"
        "The Sudanese army and the RSF signed a truce in Jeddah on Monday, mediated by Saudi Arabia and "
        "the United States. The truce requires both sides to allow aid convoys."
    )
    actors = {
        **_STATES,
        "sd-army": ("military", "SD", ["The Sudanese army"]),
        "rsf": ("armed_group", "SD", ["RSF"]),
    }
    doc = build(
        text,
        actors=actors,
        dates={"in November 2020": ("2020-11", "month"), "on Monday": ("2023-05-22", "day")},
    )
    first, second = find_agreements(doc, settings)
    assert (first.parties, first.brokers) == (("AM", "AZ"), ("RU",))
    assert first.date is not None and (first.date.start, first.date.precision) == ("2020-11", "month")
    assert (set(second.parties), set(second.brokers)) == ({"sd-army", "rsf"}, {"SA", "US"})
    assert second.date is not None and second.date.start == "2023-05-22"
    # "both sides": an obligation of each party.
    assert {(o.party, o.action) for o in second.obligations} == {
        ("sd-army", "allow aid convoys"),
        ("rsf", "allow aid convoys"),
    }


def test_agreements_date_of_the_verb_that_made_it(settings):
    text = "Israel and Hamas agreed on Monday to a truce mediated by Egypt, Qatar and the United States."
    doc = build(
        text,
        actors={**_STATES, "hamas": ("armed_group", "PS", ["Hamas"])},
        dates={"on Monday": ("2023-11-20", "day")},
    )
    (a,) = find_agreements(doc, settings)
    assert set(a.parties) == {"IL", "hamas"} and set(a.brokers) == {"EG", "QA", "US"}
    assert a.date is not None and a.date.start == "2023-11-20"


@pytest.mark.parametrize(
    "text",
    [
        "Talks on a ceasefire between Israel and Hamas collapsed on Monday.",
        "Egypt stepped up efforts toward a truce between Israel and Hamas.",
    ],
)
def test_agreements_pursued_but_not_reached_are_not_reported(settings, text):
    doc = build(text, actors={**_STATES, "hamas": ("armed_group", "PS", ["Hamas"])})
    assert find_agreements(doc, settings) == []


def test_agreements_obligations_split_per_clause_and_party(settings):
    text = (
        "Under the Minsk deal, Ukraine must withdraw heavy weapons from the front line by March 1, "
        "and Russia must release all prisoners.\n\n"
        "Under the Hodeidah deal, the Houthis and the Yemeni government agreed to exchange prisoners.\n\n"
        "The Berlin ceasefire calls for all foreign fighters to leave Libya."
    )
    doc = build(
        text,
        actors={
            "UA": ("state", "UA", ["Ukraine"]),
            "RU": ("state", "RU", ["Russia"]),
            "houthis": ("armed_group", "YE", ["the Houthis"]),
            "YE": ("government", "YE", ["the Yemeni government"]),
        },
        places={
            "Minsk": ("city", ["Minsk"]),
            "Hodeidah": ("city", ["Hodeidah"]),
            "Berlin": ("city", ["Berlin"]),
        },
        dates={"by March 1": ("2015-03-01", "day")},
    )
    minsk, hodeidah, berlin = find_agreements(doc, settings)
    # The deadline and the other party's clause are not part of the action.
    assert [(o.party, o.action, o.deadline) for o in minsk.obligations] == [
        ("UA", "withdraw heavy weapons from the front line", "2015-03-01"),
        ("RU", "release all prisoners", None),
    ]
    assert [(o.party, o.action) for o in hodeidah.obligations] == [
        ("houthis", "exchange prisoners"),
        ("YE", "exchange prisoners"),
    ]
    assert [(o.party, o.action) for o in berlin.obligations] == [(None, "leave Libya")]
