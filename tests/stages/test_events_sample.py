"""The sample article (Idlib, 2018): the events and the agreement an analyst would code from it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def names(sample_doc):
    by_id = {a.id: a.name for a in sample_doc.actors}
    return lambda ids: {by_id.get(i, i) for i in ids}


def _find(doc, type_, **want):
    for e in doc.events:
        if e.type != type_:
            continue
        if all(getattr(e, k) == v for k, v in want.items()):
            return e
    raise AssertionError(f"no {type_} {want} among {[(e.type, e.status) for e in doc.events]}")


def test_sample_transfer_of_isis_fighters_to_idlib(sample_doc, names):
    e = next(e for e in sample_doc.events if e.type == "MOBILIZE" and e.date and e.date.start == "2018-09-23")
    assert e.status == "occurred"
    assert "Islamic State" in names(e.target)
    assert names(e.source) & {"Bashar al-Assad", "Syrian government", "Syrian military"}
    assert e.place is not None and e.place.name == "Idlib"
    assert [(q.value, q.unit) for q in e.quantities] == [(400, "fighters")]
    assert e.attributed_to is not None and "Observatory" in names([e.attributed_to]).pop()
    assert len(e.also) >= 3  # the headline, the section heading and later retellings
    assert e.origin is not None and e.origin.name == "Deir ez-Zor"
    assert [(q.low, q.high) for q in e.quantities] == [(400, 400)]  # "400" over "hundreds"


def test_sample_transfer_is_told_once(sample_doc):
    # "spared and bused out", "saved by Syrian regime forces", "Assad's transfer", "By shipping in 400":
    # one movement, not an act of aid beside it.
    moves = [e for e in sample_doc.events if e.type == "MOBILIZE" and e.status == "occurred" and e.quantities]
    assert len(moves) == 1
    assert not [e for e in sample_doc.events if e.type == "AID" and e.status == "occurred"]
    tellings = [sample_doc.span_text(s) for s in (moves[0].evidence, *moves[0].also)]
    assert any("saved by" in t for t in tellings) and any("shipping in" in t for t in tellings)
    assert all(e.place is None or e.place.name != "Turkey" for e in sample_doc.events if e.type == "AGREE")


def test_sample_sdf_operation_in_deir_ez_zor(sample_doc, names):
    e = next(
        e for e in sample_doc.events if "Syrian Democratic Forces" in names(e.source) and e.type == "FIGHT"
    )
    assert e.status == "occurred" and e.place is not None and e.place.name == "Deir ez-Zor"


def test_sample_planned_assault_on_idlib_did_not_happen(sample_doc, names):
    e = next(
        e for e in sample_doc.events if "preparing for an all-out assault" in sample_doc.span_text(e.evidence)
    )
    assert e.status == "planned" and e.place is not None and e.place.name == "Idlib"
    assert "Syrian military" in names(e.source)


def test_sample_split_and_clashes_in_2018(sample_doc, names):
    split = next(e for e in sample_doc.events if e.type == "SANCTION" and "Ahrar al-Sham" in names(e.source))
    assert "Nour al-Din al-Zinki Movement" in names(split.source)
    assert names(split.target) == {"Hay'at Tahrir al-Sham"}
    assert split.date is not None and split.date.start == "2018-02"
    clash = next(
        e for e in sample_doc.events if e.type == "FIGHT" and "Jabhat Tahrir Suriya" in names(e.source)
    )
    assert names(clash.target) == {"Hay'at Tahrir al-Sham"}
    assert clash.date is not None and (clash.date.start, clash.date.end) == ("2018-02", "2018-04")
    huras = next(e for e in sample_doc.events if e.type == "SANCTION" and "Huras al-Din" in names(e.source))
    assert names(huras.target) == {"Hay'at Tahrir al-Sham"}


def test_sample_turkey_closes_its_border(sample_doc, names):
    e = next(e for e in sample_doc.events if e.type == "COERCE" and e.mode == "restrict")
    assert names(e.source) == {"Turkey"} and e.status == "occurred"


@pytest.mark.parametrize(
    "phrase",
    [
        "vowed to purge it",
        "could easily turn into",
        "little stopping Assad",
        "to attack Idlib anyway",
        "will lead to more infighting",
    ],
)
def test_sample_threats_and_hypotheticals_are_not_facts(sample_doc, phrase):
    told = [e for e in sample_doc.events if phrase in sample_doc.span_text(e.evidence)]
    violent = [e for e in told if e.type in ("FIGHT", "ASSAULT", "MOBILIZE")]
    assert violent, phrase
    assert all(e.status != "occurred" for e in violent)


def test_sample_demilitarization_deal(sample_doc, names):
    (a,) = sample_doc.agreements
    assert a.name == "demilitarization deal"
    # "brokered by Russia and Turkey" with no other side named: the two states made the deal.
    assert names(a.parties) == {"Russia", "Turkey"}
    assert a.brokers == ()
    (ob,) = [o for o in a.obligations if o.deadline]
    assert names([ob.party]) == {"Turkey"}
    assert ob.deadline == "2018-10-15"
    assert ob.action.startswith("removing opposition groups from the frontlines")
