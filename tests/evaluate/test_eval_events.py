"""`sitroom eval events` and `sitroom eval 5w1h` on --limit samples, and their scoring helpers."""

from __future__ import annotations

import re
from dataclasses import replace

from click.testing import CliRunner

from conftest import data_dir
from sitroom.cli import cli
from sitroom.document import Event, EventPlace, Place, Quantity, Span
from sitroom.evaluate.events import (
    _gold_actors,
    _gold_countries,
    _matches,
    _words,
    death_toll,
    governorate,
    main_governorate,
    plover_code,
)
from sitroom.evaluate.five_w1h import _correct, grade, main_event
from util import make_doc


def _figure(output: str, metric: str) -> float:
    m = re.search(rf"^\s+{re.escape(metric)}\s+([0-9.]+)\s", output, re.M)
    assert m, f"{metric} missing from:\n{output}"
    return float(m.group(1))


def test_eval_events_plover_code_follows_the_manual():
    assert plover_code(Event("CONSULT", Span(0, 1), status="planned")) == "AGREE"
    assert plover_code(Event("FIGHT", Span(0, 1), status="threatened")) == "THREATEN"
    assert plover_code(Event("FIGHT", Span(0, 1), status="planned")) == "THREATEN"
    assert plover_code(Event("FIGHT", Span(0, 1), status="occurred")) == "FIGHT"


def test_eval_events_governorate_by_name_or_nearest_capital():
    assert governorate("Deir ez-Zor", None, None) == "deir ezzor"
    assert governorate("Al-Hasakah", None, None) == "hasakeh"
    assert governorate("Douma", 33.5722, 36.4025) == "damascus"
    assert governorate("Saraqib", 35.8623, 36.8061) == "idlib"
    assert governorate("Paris", 48.85, 2.35) is None


def _q(value: float, unit: str) -> Quantity:
    return Quantity(value, value, value, unit, Span(0, 1))


def test_eval_events_death_toll_is_the_first_violent_events_killed_count():
    events = (
        Event("MOBILIZE", Span(0, 1), quantities=(_q(900, "killed"),)),
        Event("ASSAULT", Span(0, 1), status="hypothetical", quantities=(_q(500, "killed"),)),
        Event("FIGHT", Span(0, 1), quantities=(_q(40, "injured"),)),
        Event(
            "ASSAULT", Span(0, 1), quantities=(_q(20, "killed"), _q(12, "killed")), place=EventPlace("Aleppo")
        ),
        Event("FIGHT", Span(0, 1), quantities=(_q(400_000, "killed"),)),
    )
    doc = make_doc("Two attacks in Aleppo.")
    assert death_toll(replace(doc, events=events)) == 20
    assert death_toll(doc) is None


def test_eval_5w1h_matching_needs_half_the_words_or_the_same_date():
    phrases = [{"text": "in British stores", "coderPhraseCount": 3}]
    assert _correct("British stores", phrases, "where")
    assert not _correct("Switzerland", phrases, "where")
    when = [{"text": "November 8, 2016", "parsed": "2016-11-08 00:00:00"}]
    assert _correct("2016-11-08", when, "when")
    assert _correct("2016-11", when, "when")
    assert not _correct("2016-10-08", when, "when")


def test_eval_events_actor_match_reads_abbreviations_and_country_codes():
    assert _words("U.N.") == {"un"} and _words("the US") == {"us"}
    assert _matches(["UN"], ["U.N."]) and not _matches(["Ahrar al-Sham"], ["al Qaeda"])
    assert _gold_countries([{"actorText": "Juba", "code": "SDNCVL"}, {"code": "IGOUNO"}]) == {"SD"}
    assert _gold_actors([{"actorText": "---"}, {"actorText": "Israel"}, "x"]) == ["Israel"]


def test_eval_events_main_governorate_is_where_most_violence_is_placed():
    syria = Place("Syria", geonameid=163843, feature="country")
    idlib = EventPlace("Idlib", 169389, 35.93, 36.63)
    saraqib = EventPlace("Saraqib", 172059, 35.86, 36.80)
    events = (
        Event("FIGHT", Span(0, 1), place=EventPlace("Syria", 163843, 35.0, 38.0)),  # country: no vote
        Event("ASSAULT", Span(0, 1), place=EventPlace("Aleppo", 170063, 36.20, 37.13)),
        Event("FIGHT", Span(0, 1), place=idlib),
        Event("ASSAULT", Span(0, 1), place=saraqib),
        Event("AGREE", Span(0, 1), place=EventPlace("Moscow", 524901, 55.75, 37.62)),  # not violent
    )
    doc = replace(make_doc("x"), places=(syria,), events=events)
    assert main_governorate(doc) == "idlib"
    assert main_governorate(replace(doc, events=events[:1])) is None
    assert main_governorate(replace(doc, events=events[4:])) == "elsewhere: Moscow"


def test_eval_5w1h_main_event_is_the_one_told_first():
    body = Event("ASSAULT", Span(50, 60))
    headline = Event("FIGHT", Span(70, 80), also=(Span(0, 10),))
    planned = Event("FIGHT", Span(0, 5), status="planned")
    doc = replace(make_doc("x" * 90), events=(body, headline, planned))
    assert main_event(doc) is headline
    assert main_event(replace(doc, events=(planned,))) is None


def test_eval_5w1h_graded_like_the_assessors():
    phrases = [{"text": "attacks German consulate in Mazar-i-Sharif"}]
    assert grade("Taliban attacks German consulate", phrases, "what") == 2
    assert grade("the consulate", phrases, "what") == 1
    assert grade("Kabul", phrases, "what") == 0
    assert grade("2016-11", [{"text": "in November", "parsed": "2016-11-10"}], "when") == 2
    assert grade("2016-11-09", [{"text": "Thursday", "parsed": "2016-11-10"}], "when") == 1


def test_eval_events_on_a_sample_passes_its_floors():
    data_dir("plover-gsr")
    data_dir("fa-kes")
    result = CliRunner().invoke(cli, ["eval", "events", "--limit", "40"])
    assert result.exit_code == 0, result.output
    out = result.output
    # Measured on the first 40 records of each set (see README "Accuracy" for the full runs).
    assert _figure(out, "PLOVER type accuracy (coded)") >= FLOORS["type"]
    assert _figure(out, "source actor accuracy") >= FLOORS["source"]
    assert _figure(out, "target actor accuracy") >= FLOORS["target"]
    assert _figure(out, "target actor precision") >= FLOORS["target_precision"]
    assert "40 sentences" in out and "40 articles" in out and "(n=80," in out  # n counts what is scored
    assert _figure(out, "FA-KES place precision") >= FLOORS["place"]
    assert _figure(out, "FA-KES death toll precision (±10%)") >= FLOORS["toll"]
    assert "0.800" in out  # PETRARCH/GDELT audits beside ours


def test_eval_5w1h_on_a_sample_passes_its_floors():
    data_dir("giveme5w1h-gold")
    result = CliRunner().invoke(cli, ["eval", "5w1h", "--limit", "30"])
    # The command's floors are the full set's; this sample of 30 may fall a little below them (exit 1).
    assert result.exit_code in (0, 1), result.output
    out = result.output
    assert _figure(out, "what precision") >= FLOORS["what"]
    assert _figure(out, "who precision") >= FLOORS["who"]
    assert "0.820" in out  # Giveme5W1H's published precision beside ours


# Measured on the --limit samples above (events --limit 40: type 0.946, source 0.914, target 0.708,
# target precision 0.944, place 0.861, toll 0.811; 5w1h --limit 30: who 0.632, what 0.556); pinned a
# little below.
FLOORS = {
    "type": 0.88,
    "source": 0.85,
    "target": 0.65,
    "target_precision": 0.85,
    "place": 0.82,
    "toll": 0.76,
    "what": 0.50,
    "who": 0.58,
}
