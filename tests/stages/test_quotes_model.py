"""The learned cue model: its data file loads, and it tells attribution verbs from other verbs."""

from __future__ import annotations

from sitroom.settings import Settings
from sitroom.stages.nlp import load_model
from sitroom.stages.quotes import model
from sitroom.stages.quotes.model import features, is_candidate, learned_cue, load


def _token(text: str, word: str):
    sp = load_model(Settings().model)(text)
    return next(t for t in sp if t.text == word)


def test_quote_model_file_loads_with_provenance_and_a_usable_threshold():
    m = load()
    assert len(m.weights) > 100
    assert 0.0 < m.threshold < 1.0
    assert m.provenance["corpus"].startswith("PolNeAR")
    assert "train" in m.provenance["split"]
    assert m.provenance["features"] == len(m.weights)


def test_quote_model_scores_a_belief_with_a_clause_high():
    tok = _token("The minister believes the ceasefire will hold until the spring.", "believes")
    assert is_candidate(tok)
    assert "lem*frame=believe|ccomp" in features(tok)
    assert load().score(tok) >= load().threshold


def test_quote_model_scores_a_stance_verb_with_a_named_subject_above_a_plain_motion_verb():
    stance = _token("Senator Ruth Alvarez wants the army to withdraw from the valley.", "wants")
    motion = _token("The convoy moved the wounded to a field hospital near the river.", "moved")
    assert load().score(stance) > load().score(motion)


def test_quote_model_scores_a_non_attribution_use_low():
    tok = _token("Gunmen killed four soldiers near the border on Tuesday.", "killed")
    assert load().score(tok) < 0.2
    assert learned_cue(tok) is None
    unseen = _token("Engineers repaired the bridge over the river on Tuesday.", "repaired")
    assert load().score(unseen) < load().threshold
    assert learned_cue(unseen) is None  # a verb never seen as a cue is not learned from its frame


def test_quote_model_ignores_nouns_and_scores_them_zero():
    tok = _token("The report was long.", "report")
    assert not is_candidate(tok)
    assert load().score(tok) == 0.0
    assert model.MODEL_FILE.endswith(".json")


def test_quote_infinitive_frame_needs_an_agent_noun_not_a_thing():
    from sitroom.stages.quotes import find_quotes
    from util import make_doc

    def cues(text: str) -> list[str]:
        sp = load_model(Settings().model)(text)
        return [text[q.cue.start : q.cue.end] for q in find_quotes(make_doc(text), sp) if q.cue is not None]

    assert cues("The officials threatened to close the crossing on Monday.") == ["threatened"]
    assert cues("The transfer threatens to destabilize the fragile truce in the north.") == []
