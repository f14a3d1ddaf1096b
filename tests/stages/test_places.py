"""The places stage: name keys, the resolver on hand-made mentions, and texts from several conflicts."""

from __future__ import annotations

import pytest

from sitroom.settings import Settings
from sitroom.stages.places import find_places, places
from sitroom.stages.places.gazetteer import load_gazetteer
from sitroom.stages.places.names import fold, loose
from sitroom.stages.places.resolve import Mention, resolve
from util import make_doc


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "variants",
    [
        ("Deir ez-Zor", "Deir Ezzor", "Deir Ezzour", "Dayr az Zawr", "Deir Ez Zor Governorate"),
        ("Daraa", "Deraa", "Dar'a", "Dar‘ā"),
        ("Raqqa", "Ar-Raqqah", "Al-Raqqah"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Hodeidah", "Al Hudaydah"),
        ("Mosul", "Al Mawsil"),
    ],
)
def test_places_transliterations_share_a_loose_key(variants):
    assert len({loose(v) for v in variants}) == 1


def test_places_fold_drops_marks_articles_and_admin_words():
    assert fold("U.S.") == "us"
    assert fold("Ṣanʿāʾ") == "sana" and fold("Sana'a") == "sanaa"
    assert loose("Ṣanʿāʾ") == loose("Sana'a") == loose("Sanaa")
    assert fold("Idlib Governorate") == fold("Idlib province") == "idlib"
    assert fold("the Republic of Turkey") == "turkey"


def _resolve(gaz, *names: str, qualifier: str | None = None) -> dict[str, tuple[str, str | None, str]]:
    """Resolve names as if each were tagged once in one article: name -> (canonical, country, feature)."""
    mentions, at = [], 0
    for name in names:
        q = gaz.qualifier(qualifier) if qualifier and name == names[0] else None
        mentions.append(Mention(at, at + len(name), name, "entity", q))
        at += len(name) + 2
    return {r.mention.text: (r.entry.name, r.entry.country, r.entry.feature) for r in resolve(mentions, gaz)}


def test_places_countries_win_over_towns_of_the_same_name(gaz):
    got = _resolve(gaz, "Turkey", "Jordan", "Lebanon", "Mexico")
    assert got["Turkey"] == ("Turkey", "TR", "country")
    assert got["Jordan"] == ("Jordan", "JO", "country")
    assert got["Lebanon"][2] == "country"
    assert got["Mexico"] == ("Mexico", "MX", "country")


def test_places_georgia_follows_the_article(gaz):
    caucasus = _resolve(gaz, "Georgia", "Tbilisi", "Russia", "Abkhazia")
    assert caucasus["Georgia"][1:] == ("GE", "country")
    american = _resolve(gaz, "Georgia", "Atlanta", "Savannah", "Macon", "Alabama")
    assert american["Georgia"][1:] == ("US", "admin1")


def test_places_article_context_picks_the_syrian_reading(gaz):
    got = _resolve(gaz, "Deir Ezzour", "Raqqa", "Syria", "Palmyra", "Homs")
    assert got["Deir Ezzour"][:2] == ("Deir ez-Zor", "SY")
    assert got["Palmyra"][1] == "SY"  # not Palmyra, Pennsylvania
    assert got["Homs"][1] == "SY"


def test_places_admin_words_ask_for_the_province(gaz):
    got = _resolve(gaz, "Idlib province", "Aleppo", "Syria")
    assert got["Idlib province"][1:] == ("SY", "admin1")
    assert got["Aleppo"][1:] == ("SY", "city")  # the big town, not the province named like it


def test_places_counties_need_their_word_and_follow_the_state(gaz):
    got = _resolve(gaz, "Morris County", "New Jersey")
    assert got["Morris County"] == ("Morris County", "US", "admin2")
    morris = next(e for e in gaz.lookup("Morris County") if e.feature == "admin2" and e.admin1 == "US.NJ")
    assert morris.geonameid == 5101405 and abs(morris.lat - 40.86) < 0.3 and abs(morris.lon + 74.54) < 0.3
    assert _resolve(gaz, "Orange County", "California", "Anaheim")["Orange County"][1:] == ("US", "admin2")
    assert _resolve(gaz, "Johnson").get("Johnson", ("", "", ""))[2] != "admin2"  # not Johnson County
    english = _resolve(gaz, "Kent", "Hampshire", "London", "England")
    assert english["Kent"][1:] == ("GB", "admin2") and english["Hampshire"][1:] == ("GB", "admin2")


def test_places_a_state_and_its_towns_support_each_other(gaz):
    florida = _resolve(gaz, "Parkland", "Florida", "Broward County")
    assert florida["Parkland"][1] == "US"
    mentions = [Mention(0, 8, "Parkland", "entity"), Mention(10, 17, "Florida", "entity")]
    assert next(r.entry for r in resolve(mentions, gaz)).admin1 == "US.FL"


def test_places_towns_that_bear_the_name_come_before_old_names(gaz):
    got = _resolve(gaz, "Garden City", "Kansas", "Wichita")
    assert got["Garden City"][1] == "US"  # not Singapore, once called the Garden City


def test_places_postal_codes_only_in_their_country(gaz):
    assert _resolve(gaz, "WA", "Seattle", "Tacoma")["WA"] == ("Washington", "US", "admin1")
    assert _resolve(gaz, "WA", "Perth", "Fremantle", "Australia")["WA"][1] == "AU"
    assert "WA" not in _resolve(gaz, "WA")
    scanned = [Mention(0, 2, "WA", "scan"), Mention(4, 11, "Seattle", "entity")]
    assert [r.mention.text for r in resolve(scanned, gaz)] == ["Seattle"]


def test_places_english_names_are_not_matched_as_transliterations(gaz):
    assert "St Athan" not in _resolve(gaz, "St Athan", "Wales")  # not Stettin (Szczecin)
    assert _resolve(gaz, "Deir Ezzour", "Syria")["Deir Ezzour"][1] == "SY"


def test_places_state_abbreviation_qualifies_the_town(gaz):
    got = _resolve(gaz, "Parkland", "Broward", qualifier="Fla.")
    assert got["Parkland"][1] == "US"
    mention = Mention(0, 8, "Parkland", "entity", gaz.qualifier("Fla."))
    parkland = next(r.entry for r in resolve([mention], gaz))
    assert parkland.admin1 == "US.FL"


def test_places_acronyms_are_not_small_towns(gaz):
    assert _resolve(gaz, "EU", "Brussels")["EU"] == ("Europe", None, "continent")  # not Eu, France
    assert _resolve(gaz, "US")["US"][:2] == ("United States", "US")
    assert _resolve(gaz, "D.C.")["D.C."][:2] == ("Washington", "US")


def test_places_regions_have_coordinates_and_no_invented_ids(gaz):
    got = {e.name: e for e in gaz.lookup("Eastern Ghouta") + gaz.lookup("Donbass") + gaz.lookup("Gaza Strip")}
    assert set(got) == {"Eastern Ghouta", "Donbas", "Gaza Strip"}
    for e in got.values():
        assert e.feature == "region" and e.geonameid is None and e.lat and e.lon


def test_places_physical_features_and_airports_are_in_the_gazetteer(gaz):
    got = _resolve(gaz, "Euphrates", "Lake Victoria", "Oahu", "Appalachians", "Strait of Hormuz")
    assert got["Euphrates"][2] == "site"  # a river: reported as "other", at its mouth
    assert got["Lake Victoria"][2] == "area" and got["Oahu"] == ("Oahu", "US", "area")
    assert got["Appalachians"] == ("Appalachian Mountains", "US", "area")
    assert got["Strait of Hormuz"][2] == "region"
    # An airport outranks a village named like it (Heathrow, Florida), and its city supports it.
    assert _resolve(gaz, "Heathrow")["Heathrow"] == ("London Heathrow Airport", "GB", "airport")
    assert _resolve(gaz, "Heathrow", "London")["Heathrow"][2] == "airport"
    assert _resolve(gaz, "Heathrow", "Texas")["Heathrow"][2] == "airport"  # US focus alone: still
    assert _resolve(gaz, "Heathrow", "Orlando", "Florida")["Heathrow"][:3] == ("Heathrow", "US", "city")
    assert _resolve(gaz, "Dulles", "Virginia")["Dulles"][2] == "airport"
    # An alias that already names a division or a sizeable town keeps its older reading.
    assert _resolve(gaz, "Zambezi", "Namibia")["Zambezi"][2] == "admin1"
    assert _resolve(gaz, "Jhelum", "Pakistan")["Jhelum"][2] == "city"


def test_places_airport_names_drop_the_city_and_keep_people_whole():
    from sitroom.stages.places.features import airport_names

    assert list(airport_names("London Heathrow Airport", "London")) == [
        "London Heathrow Airport",
        "Heathrow Airport",
        "Heathrow",
    ]
    assert "Schiphol" in set(airport_names("Amsterdam Airport Schiphol", "Amsterdam"))
    kennedy = set(airport_names("John F Kennedy International Airport", "New York"))
    assert "John F Kennedy Airport" in kennedy and not any(" " not in n for n in kennedy)
    assert "International Airport" not in set(airport_names("Baghdad International Airport", "Baghdad"))


def test_places_features_only_from_a_tagged_name_or_with_their_generic_word(gaz):
    bare = Mention(0, 4, "Java", "scan")
    assert all(r.entry.feature not in ("area", "site") for r in resolve([bare], gaz))
    river = Mention(0, 14, "Amazon River", "scan")
    assert [r.entry.name for r in resolve([river], gaz)] == ["Amazon River"]


def test_places_historical_country_names(gaz):
    got = _resolve(gaz, "Soviet Union", "Nazi Germany", "Ceylon")
    assert got["Soviet Union"][1:] == ("RU", "country")
    assert got["Nazi Germany"][1:] == ("DE", "country")
    assert got["Ceylon"][1:] == ("LK", "country")


def test_places_the_west_is_no_town(gaz):
    got = _resolve(gaz, "West", "Russia", "Texas")
    assert "West" not in got  # not West, Texas
    assert _resolve(gaz, "North West", "South Africa")["North West"][1:] == ("ZA", "admin1")


def test_places_an_unsupported_small_town_gives_way_or_stays_unresolved(gaz):
    # Only the country points to the US: the far bigger English town is meant.
    assert _resolve(gaz, "Colchester", "United States", "Iowa")["Colchester"][1] == "GB"
    # With a town of its state named, the small one is meant.
    assert _resolve(gaz, "Colchester", "Burlington", "Vermont")["Colchester"][1] == "US"
    # Two towns of like size far apart and nothing to choose: left unresolved, and said so.
    abstained: list[Mention] = []
    got = resolve([Mention(0, 7, "Dundalk", "entity")], gaz, abstained)
    assert got == [] and [m.text for m in abstained] == ["Dundalk"]


def test_places_a_facility_is_placed_in_the_town_it_is_named_after_only_with_support(gaz):
    got = _resolve(gaz, "Colchester General Hospital", "Colchester", "Essex")
    assert got["Colchester General Hospital"][:2] == ("Colchester", "GB")
    assert "Madison Square Garden" not in _resolve(gaz, "Madison Square Garden", "Brooklyn", "New York")
    assert "City Hall" not in _resolve(gaz, "City Hall", "Hall", "Austria")


def test_places_lookup_is_fast(gaz):
    import time

    started = time.perf_counter()
    for _ in range(10_000):
        gaz.lookup("Deir Ezzour")
    assert (time.perf_counter() - started) / 10_000 < 50e-6


@pytest.fixture(scope="module")
def model():
    from sitroom.stages.nlp import load_model

    return load_model(Settings().model)


def _places(model, text: str) -> dict[str, tuple[str | None, str, list[str]]]:
    """Found places by folded canonical name ("Al Ḩudaydah" -> "al hudaydah")."""
    found = find_places(model(text), text)
    return {fold(p.name): (p.country, p.feature, [text[s.start : s.end] for s in p.mentions]) for p in found}


CONFLICT_TEXTS = [
    (
        "Saudi-led coalition jets struck the port city of Hodeidah on Tuesday, Houthi officials in Sanaa "
        "said. Yemeni government forces backed by the United Arab Emirates advanced from Mokha. The Houthis "
        "fired a missile at Riyadh, the Saudi capital.",
        {"Al Hudaydah": "YE", "Sanaa": "YE", "United Arab Emirates": "AE", "Riyadh": "SA"},
        ("Houthi", "Yemeni", "Saudi"),
    ),
    (
        "Shelling hit residential districts of Donetsk overnight, separatist officials said, as fighting "
        "in the Donbass intensified. Ukrainian forces said Russian-backed fighters attacked positions near "
        "Mariupol. Officials in Kiev blamed Moscow.",
        {"Donetsk": "UA", "Donbas": "UA", "Mariupol": "UA", "Kyiv": "UA", "Moscow": "RU"},
        ("Ukrainian", "Russian-backed"),
    ),
    (
        "Islamist militants attacked an army post near Gao in northern Mali, killing 12 soldiers, the "
        "French military said. Fighters later crossed into Burkina Faso and Niger, where the army is "
        "stretched thin across the Sahel.",
        {"Gao": "ML", "Mali": "ML", "Burkina Faso": "BF", "Niger": "NE", "Sahel": None},
        ("Islamist", "French"),
    ),
    (
        "Israeli air strikes hit Rafah in the southern Gaza Strip, Palestinian health officials said. "
        "Egypt kept its border crossing closed. Protests spread to Ramallah in the West Bank.",
        {"Rafah": "PS", "Gaza Strip": "PS", "Egypt": "EG", "Ramallah": "PS", "West Bank": "PS"},
        ("Israeli", "Palestinian"),
    ),
    (
        "Taliban fighters overran a district centre in Helmand province and pressed on towards Lashkar Gah, "
        "Afghan officials in Kabul said. US aircraft flew from Kandahar.",
        {"Helmand": "AF", "Lashkar Gah": "AF", "Kabul": "AF", "Kandahar": "AF", "United States": "US"},
        ("Afghan", "Taliban"),
    ),
]


@pytest.mark.parametrize(("text", "expected", "not_places"), CONFLICT_TEXTS)
def test_places_in_conflict_news(model, text, expected, not_places):
    got = _places(model, text)
    for name, country in expected.items():
        assert fold(name) in got, f"{name} missing from {sorted(got)}"
        assert got[fold(name)][0] == country, (name, got[fold(name)])
    mentioned = {m for _, _, ms in got.values() for m in ms}
    for word in not_places:
        assert word not in mentioned


def test_places_person_and_demonyms_are_not_places(model):
    text = (
        "Alex Decina, a researcher at the WANA Institute in Amman, said Iraqi and Kurdish fighters had "
        "left. Decina said Turkish troops would stay in Syria."
    )
    got = _places(model, text)
    assert set(got) == {"amman", "syria"}


def test_places_stage_on_a_hand_made_document_uses_the_parse(model):
    doc = make_doc("Fighting resumed in Idlib and Aleppo, Syria, on Monday.")
    out = places(doc, Settings())
    names = [p.name for p in out.places]
    assert names == ["Idlib", "Aleppo", "Syria"]
    assert out.stages[-1] == "places@2"
    for p in out.places:
        for s in p.mentions:
            assert doc.text[s.start : s.end] in ("Idlib", "Aleppo", "Syria")


def test_places_on_the_sample_article(sample_doc):
    got = {p.name: p for p in sample_doc.places}
    text = sample_doc.text
    deir = got["Deir ez-Zor"]
    assert sorted(text[s.start : s.end] for s in deir.mentions) == ["Deir Ezzor", "Deir Ezzour"]
    expected = {
        "Idlib": ("SY", "city"),
        "Amman": ("JO", "city"),
        "Dar‘ā": ("SY", "city"),
        "Eastern Ghouta": ("SY", "region"),
        "Syria": ("SY", "country"),
        "Turkey": ("TR", "country"),
        "Russia": ("RU", "country"),
        "Iran": ("IR", "country"),
        "United States": ("US", "country"),
    }
    for name, (country, feature) in expected.items():
        assert (got[name].country, got[name].feature) == (country, feature), name
        assert got[name].lat is not None and got[name].lon is not None
    assert got["Idlib"].geonameid == 169389 and len(got["Idlib"].mentions) >= 17
    assert got["Syria"].geonameid == 163843
    mentioned = {text[s.start : s.end] for p in sample_doc.places for s in p.mentions}
    assert not mentioned & {"Iraqi", "Turkish", "Kurdish", "Decina", "Van"}


def test_places_datelines_and_owners_of_organisations(model):
    text = (
        "WINNIPEG — Paramedics were called to a house on Tuesday, police said.\n"
        "Officials said Japan’s Ministry of Agriculture had sent a team."
    )
    got = _places(model, text)
    assert got["winnipeg"][:2] == ("CA", "city")
    assert got["japan"][:2] == ("JP", "country")
    assert got["japan"][2] == ["Japan"]  # the place only, not its ministry


def test_places_datelines_after_a_byline_and_mislabelled_sentence_openers(model):
    text = (
        "By Nate Raymond. BOSTON (Reuters) - The owner of a pharmacy was convicted on Tuesday.\n"
        "A transcript follows. JEWELL: Thank you all for coming."
    )
    got = _places(model, text)
    assert got["boston"][:2] == ("US", "city")
    assert not any(k.startswith("jewell") for k in got)  # a speaker's label, not a dateline


def test_places_a_person_named_like_a_small_town_is_no_place(model):
    text = (
        "State revenue fell again this year, officials in Charleston said.\n\n"
        "Johnson said the cut was deep. Helen Kunz went missing in 2016, police said."
    )
    got = _places(model, text)
    assert "johnson" not in got and "helen" not in got
