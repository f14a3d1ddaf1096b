"""Quantities: numbers in digits and words, ranges, approximations and what they count (no model)."""

from __future__ import annotations

import pytest

from sitroom.stages.events.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit", "span"),
    [
        ("hundreds of ISIS fighters were spared", None, 200, 999, "fighters", "hundreds of ISIS fighters"),
        ("400 ISIS members were saved", 400, 400, 400, "members", "400 ISIS members"),
        ("up to 32,000 ISIS fighters remain", 32000, None, 32000, "fighters", "up to 32,000 ISIS fighters"),
        (
            "home to about three million civilians",
            3_000_000,
            None,
            None,
            "civilians",
            "about three million civilians",
        ),
        ("killing at least 70 people", 70, 70, None, "killed", "at least 70 people"),
        ("the death toll from the blast reached 112", 112, 112, 112, "killed", "112"),
        ("dozens of civilians were wounded", None, 24, 99, "injured", "dozens of civilians"),
        ("between 10 and 20 soldiers were killed", None, 10, 20, "killed", "between 10 and 20 soldiers"),
        ("twenty-five people died in the shelling", 25, 25, 25, "killed", "twenty-five people"),
        ("nearly 70 protesters were arrested", 70, None, 70, "arrested", "nearly 70 protesters"),
        ("tens of thousands of refugees", None, 20_000, 99_999, "displaced", "tens of thousands of refugees"),
        ("police detained 15-20 demonstrators", None, 15, 20, "arrested", "15-20 demonstrators"),
        ("two hundred and fifty fighters", 250, 250, 250, "fighters", "two hundred and fifty fighters"),
        ("several hundred fighters were relocated", None, 300, 999, "fighters", "several hundred fighters"),
        ("a few thousand refugees", None, 2000, 5999, "displaced", "a few thousand refugees"),
        ("several dozen protesters gathered", None, 36, 119, "protesters", "several dozen protesters"),
        (
            "more than a quarter of a million people have been killed",
            250_000,
            250_000,
            None,
            "killed",
            "more than a quarter of a million people",
        ),
        ("half a million people fled", 500_000, 500_000, 500_000, "displaced", "half a million people"),
    ],
)
def test_quantities_read_value_bounds_and_unit(text, value, low, high, unit, span):
    (q,) = find_quantities(text)
    assert (q.value, q.low, q.high, q.unit) == (value, low, high, unit)
    assert text[q.span.start : q.span.end] == span


def test_quantities_outcomes_per_number():
    text = "A bomb blast killed six people and injured 32 in the Salah al-Din district"
    got = [(q.value, q.unit) for q in find_quantities(text)]
    assert got == [(6, "killed"), (32, "injured")]


@pytest.mark.parametrize(
    "text",
    [
        "In February 2018, the groups split.",
        "by October 15 the fighters must leave",
        "three new armies were formed",
        "50 percent of civilians",
        "a town 20 km from the border",
    ],
)
def test_quantities_without_a_counted_unit_are_not_quantities(text):
    assert find_quantities(text) == []


def test_quantities_offset_points_into_the_document():
    (q,) = find_quantities("six people were killed", offset=100)
    assert (q.span.start, q.span.end) == (100, 110)


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("three soldiers and two civilians were killed", ["killed", "killed"]),
        ("the strike killed 12 soldiers and 3 civilians", ["killed", "killed"]),
        ("3 dead and 10 wounded", ["killed", "injured"]),  # each count keeps its own outcome
        ("killed 20 people and injured 45", ["killed", "injured"]),
    ],
)
def test_quantities_coordinated_counts_share_one_outcome(text, units):
    assert [q.unit for q in find_quantities(text)] == units


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # A dateline's year is no count, and the count after it keeps its own outcome.
        ("Fri Jul 1 2016 40 Terrorists Killed in Latest Raid", [(40, "killed")]),
        ("Published September 24 2016 Ninety-two civilians were killed", [(92, "killed")]),
        ("In 2016, 300 people were killed in Aleppo", [(300, "killed")]),
        ("03-07-2015 Five Civilians Killed in Rocket Attack", [(5, "killed")]),
        ("520 airstrikes since 21 May have killed 229 civilians", [(520, "airstrikes"), (229, "killed")]),
        # A four-digit count of a noun is a count.
        ("the floods killed 1950 people", [(1950, "killed")]),
    ],
)
def test_quantities_years_are_not_counts(text, counts):
    assert [(q.value, q.unit) for q in find_quantities(text)] == counts


def test_quantities_count_girls_boys_and_men_as_people():
    from sitroom.stages.events.quantities import find_quantities

    found = find_quantities("An estimated 25,000 girls were abused, and gunmen killed 12 men.")
    assert [(q.value, q.unit) for q in found] == [(25000.0, "people"), (12.0, "killed")]
