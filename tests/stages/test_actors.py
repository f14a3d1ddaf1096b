"""The actors stage: knowledge base, pure helpers, texts from several conflicts, the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.document import Actor, Document
from sitroom.settings import Settings
from sitroom.stages.actors import actors
from sitroom.stages.actors.focus import Votes, city_country
from sitroom.stages.actors.kb import ACTOR_FILES, DATA, alias_variants, load_kb
from sitroom.stages.actors.ruler import Match, _longest
from sitroom.stages.actors.unknown import slug
from sitroom.stages.nlp import nlp
from util import make_doc

SETTINGS = Settings()


def run(text: str, **fields) -> Document:
    doc = nlp(make_doc(text, **fields), SETTINGS)
    return actors(doc, SETTINGS)


def by_id(doc: Document) -> dict[str, Actor]:
    return {a.id: a for a in doc.actors}


def mentions(doc: Document, actor_id: str) -> list[str]:
    return [doc.span_text(m) for m in by_id(doc)[actor_id].mentions]


# --- the knowledge base, no model ---------------------------------------------------------------


def test_actors_kb_loads_and_every_parent_exists():
    kb = load_kb()  # raises on an unknown part_of or a malformed line
    assert len(kb.states) > 190
    assert kb.get("hts").kind == "armed_group" and kb.get("hts").country == "SY"
    assert kb.get("jfs").part_of == "hts" and "Jabhat al-Nusra" in kb.get("jfs").formerly
    assert kb.get("bashar-al-assad").part_of == "SY:government"
    assert kb.get("un").kind == "igo" and kb.get("sohr").kind == "ngo" and kb.get("afp").kind == "media"


def test_actors_kb_ids_are_unique_except_state_organs():
    seen: dict[str, str] = {}
    for name in ACTOR_FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            actor_id = line.split("\t")[0]
            if ":" not in actor_id:
                assert actor_id not in seen, f"{actor_id} in {name} and {seen.get(actor_id)}"
                seen[actor_id] = name


def test_actors_kb_kinds_and_countries_are_from_the_contract():
    kb = load_kb()
    kinds = {
        "state", "government", "military", "armed_group", "political_party", "igo", "ngo",
        "media", "research", "person", "civilians", "other",
    }  # fmt: skip
    for e in kb.entries.values():
        assert e.kind in kinds, e
        assert e.country is None or e.country in kb.states, e


@pytest.mark.parametrize(
    ("country", "cls", "name", "kind"),
    [
        ("SY", "government", "Syrian government", "government"),
        ("TR", "military", "Turkish military", "military"),
        ("YE", "rebels", "rebels (Yemen)", "armed_group"),
        (None, "civilians", "civilians", "civilians"),
    ],
)
def test_actors_kb_groups_are_named_after_their_country(country, cls, name, kind):
    entry = load_kb().group(country, cls)
    assert (entry.name, entry.kind, entry.country) == (name, kind, country)


def test_actors_alias_variants_cover_apostrophes_and_drop_the():
    variants = alias_variants("Hay'at Tahrir al-Sham")
    assert "Hay‘at Tahrir al-Sham" in variants and "Hayat Tahrir al-Sham" in variants
    assert alias_variants("the Red Cross") == ["Red Cross"]


def test_actors_longest_match_wins_and_names_beat_states():
    kept = _longest([Match(0, 1, "SY", "adjective"), Match(0, 4, "sohr", "name"), Match(5, 6, "US", "state")])
    assert kept == [Match(0, 4, "sohr", "name"), Match(5, 6, "US", "state")]
    same = [Match(2, 3, "US", "adjective"), Match(2, 3, "US", "state")]
    assert _longest(same) == [Match(2, 3, "US", "state")]


def test_actors_focus_needs_a_clear_leader():
    votes = Votes()
    for sentence in range(3):
        votes.add(sentence, "SY", place=True)
    votes.add(0, "TR", place=False)
    assert votes.article() == "SY" and votes.sentence(1) == "SY"
    split = Votes()
    split.add(0, "SY", place=True)
    split.add(1, "IQ", place=True)
    assert split.article() is None


def test_actors_slug_is_ascii():
    assert slug("Pieter Van Ostaeyen") == "pieter-van-ostaeyen"
    assert slug("Assimi Goïta") == "assimi-goita"


def test_actors_city_index_knows_conflict_towns():
    assert city_country("Idlib") == "SY" and city_country("Maiduguri") == "NG"
    assert city_country("Goma") == "CD"


# --- texts from several conflicts, with the real model --------------------------------------------


def test_actors_yemen():
    doc = run(
        "Houthi rebels fired a drone at an oil facility on Monday, the Saudi-led coalition said. "
        "Yemeni government forces, backed by the coalition, advanced towards the port. "
        "Abdul-Malik al-Houthi said his movement would not retreat."
    )
    actors_ = by_id(doc)
    assert actors_["houthis"].kind == "armed_group" and actors_["houthis"].country == "YE"
    assert "Houthi rebels" in mentions(doc, "houthis")
    assert actors_["saudi-coalition"].kind == "igo"
    assert actors_["YE:military"].name == "Yemeni military"
    assert actors_["abdul-malik-al-houthi"].kind == "person"


def test_actors_ukraine():
    doc = run(
        "Russian forces shelled Kharkiv overnight, killing four civilians, regional officials said. "
        "Volodymyr Zelensky urged NATO to send more air defence systems. "
        "The Kremlin denied targeting civilians and said Russian warplanes struck only military sites."
    )
    actors_ = by_id(doc)
    assert actors_["RU:military"].kind == "military"
    assert {"Russian forces", "Russian warplanes"} <= set(mentions(doc, "RU:military"))
    assert actors_["volodymyr-zelensky"].country == "UA"
    assert actors_["nato"].kind == "igo"
    assert mentions(doc, "RU:government") == ["Kremlin"]
    assert actors_["UA:civilians"].kind == "civilians"  # the country of the article's places


def test_actors_sahel():
    doc = run(
        "Jihadists linked to al-Qaeda killed 20 soldiers in central Mali on Sunday. "
        "JNIM claimed the attack in a statement. "
        "Malian troops and Wagner mercenaries later raided a village near Mopti, residents said."
    )
    actors_ = by_id(doc)
    assert actors_["jnim"].country == "ML" and actors_["al-qaeda"].country is None
    assert actors_["ML:military"].kind == "military"
    assert "Malian troops" in mentions(doc, "ML:military")
    assert actors_["wagner"].country == "RU"
    assert actors_["ML:militants"].sector == "REB"
    assert actors_["ML:civilians"].kind == "civilians"


def test_actors_myanmar_and_israel_palestine_groups():
    doc = run(
        "The Arakan Army said it had overrun a Tatmadaw base. "
        "In Gaza, Hamas and Palestinian Islamic Jihad fired rockets, and the IDF said it struck back."
    )
    actors_ = by_id(doc)
    assert actors_["arakan-army"].country == "MM"
    assert actors_["MM:military"].name == "Myanmar military"
    assert actors_["hamas"].kind == "armed_group" and actors_["pij"].country == "PS"
    assert mentions(doc, "IL:military") == ["IDF"]


def test_actors_unknown_people_and_groups_are_kept_with_a_kind():
    doc = run(
        "A spokesman for the Free Wadi Brigade said the group had withdrawn. "
        "Researchers at the Horizon Institute for Policy counted the dead. "
        "Aid worker Maria Lopezova said the convoy was stopped twice. Lopezova said she feared for her staff."
    )
    actors_ = by_id(doc)
    assert actors_["x:free-wadi-brigade"].kind == "armed_group"
    assert actors_["x:horizon-institute-for-policy"].kind == "research"
    person = actors_["x:maria-lopezova"]
    assert person.kind == "person"
    assert [doc.span_text(m) for m in person.mentions] == ["Maria Lopezova", "Lopezova", "she", "her"]


def test_actors_places_and_demonyms_are_not_actors():
    doc = run(
        "Refugees fled from Syria into Jordan last year. The Kurdish-led council met in Erbil, "
        "where Turkish and Iraqi officials discussed the border."
    )
    ids = set(by_id(doc))
    assert "SY" not in ids and "JO" not in ids  # places, not actors
    assert {"TR:government", "IQ:government"} <= ids  # "Turkish and Iraqi officials"
    assert not [a for a in doc.actors if a.kind == "person"]


def test_actors_pronoun_stays_unresolved_between_two_people():
    doc = run("Ahmed Saleh met Omar Farouk in Aden. He said the talks went well.")
    he = doc.text.index("He said")
    assert not [m for a in doc.actors for m in a.mentions if m.start == he]


def test_actors_acronyms_match_case_sensitively():
    doc = run("The plan is to leave. Officials said IS fighters remain in the desert near Raqqa.")
    assert mentions(doc, "isis") == ["IS"]
    assert doc.text.index("is to") not in {m.start for a in doc.actors for m in a.mentions}


# --- the sample article ---------------------------------------------------------------------------


@pytest.mark.issue(3)
@pytest.mark.parametrize(
    ("actor_id", "kind"),
    [
        ("SY:government", "government"),
        ("isis", "armed_group"),
        ("sdf", "armed_group"),
        ("hts", "armed_group"),
        ("jfs", "armed_group"),
        ("ahrar-al-sham", "armed_group"),
        ("nour-al-din-al-zinki", "armed_group"),
        ("jts", "armed_group"),
        ("huras-al-din", "armed_group"),
        ("TR", "state"),
        ("RU", "state"),
        ("IR", "state"),
        ("US", "state"),
        ("sohr", "ngo"),
        ("wana", "research"),
        ("x:alex-decina", "person"),
        ("x:pieter-van-ostaeyen", "person"),
        ("vladimir-putin", "person"),
    ],
)
def test_actors_sample_has_its_actors(sample_doc, actor_id, kind):
    assert by_id(sample_doc)[actor_id].kind == kind


def test_actors_sample_mentions(sample_doc):
    assert "Decina" in mentions(sample_doc, "x:alex-decina")
    assert "Van Ostaeyen" in mentions(sample_doc, "x:pieter-van-ostaeyen")
    assert {"HTS", "Hay‘at Tahrir al-Sham"} <= set(mentions(sample_doc, "hts"))
    assert "Jabhat al-Nusra" in mentions(sample_doc, "jfs")
    assert mentions(sample_doc, "IQ:military") == ["Iraqi airpower"]
    assert "Syrian regime forces" in mentions(sample_doc, "SY:military")
    names = {a.name for a in sample_doc.actors}
    assert not names & {"Idlib", "Deraa", "Deir Ezzour", "Amman", "Secret Transfer", "Kurdish", "Turkish"}


def test_actors_every_mention_is_in_the_text(sample_doc):
    for a in sample_doc.actors:
        for m in a.mentions:
            assert 0 <= m.start < m.end <= len(sample_doc.text)
            assert sample_doc.span_text(m).strip() == sample_doc.span_text(m)


def test_actors_report_round_trip(sample_doc):
    assert Document.from_json(sample_doc.to_json()).actors == sample_doc.actors


def test_actors_data_folder_is_packaged():
    assert Path(DATA).is_dir() and (Path(DATA) / "states.tsv").is_file()


def test_actors_possessives_allies_and_capitals():
    doc = run(
        "Damascus rejected the report. Assad's forces shelled the town while Iranian-backed militias "
        "held the road, and Haftar's forces moved south in Libya."
    )
    ids = by_id(doc)
    assert mentions(doc, "SY:government") == ["Damascus"]  # a capital as subject is its government
    assert "Assad's forces" in mentions(doc, "SY:military")
    assert "IR:militias" not in ids  # backed by Iran, not Iran's
    assert "Haftar's forces" in mentions(doc, "lna")


def test_actors_generic_agents_take_the_country_of_their_place():
    doc = run("Protesters gathered in Khartoum on Sunday. Police fired tear gas at the protesters.")
    ids = by_id(doc)
    assert ids["SD:protesters"].kind == "civilians"
    assert ids["SD:police"].sector == "COP"


def test_actors_honorifics_and_surnames_join_the_full_name():
    doc = run(
        "Opposition leader Samuel Okonkwo-Reyes criticised the budget on Monday. "
        "Mr Okonkwo-Reyes said the plan would fail, and Okonkwo-Reyes later repeated the claim."
    )
    person = [a for a in doc.actors if a.kind == "person"]
    assert len(person) == 1
    assert [doc.span_text(m) for m in person[0].mentions][:1] == ["Samuel Okonkwo-Reyes"]
    assert "Mr" not in {doc.span_text(m) for m in person[0].mentions}


def test_actors_apposition_gives_a_person_country_and_sector():
    doc = run("Hoshyar Zebari, Iraq's foreign minister, met the envoy in Amman.")
    zebari = by_id(doc)["x:hoshyar-zebari"]
    assert (zebari.country, zebari.sector) == ("IQ", "GOV")
    assert "envoy" not in {doc.span_text(m) for a in doc.actors for m in a.mentions}  # anyone's envoy


def test_actors_group_in_a_territory_outside_the_state_list():
    """Generic agents in a territory the places stage knows (Puerto Rico) must not crash the stage."""
    from sitroom.stages.actors.kb import load_kb

    entry = load_kb().group("PR", "police")
    assert entry.id == "PR:police"
    assert entry.country == "PR"
    assert entry.name == "police (Puerto Rico)"
