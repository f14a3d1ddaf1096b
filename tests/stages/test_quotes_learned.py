"""The learned attribution pass: candidate spans, the model file, and what it may and may not add."""

from __future__ import annotations

from sitroom.settings import Settings
from sitroom.stages.nlp import load_model
from sitroom.stages.quotes import find_quotes, learned, spans
from sitroom.stages.quotes.marks import find_marked
from util import make_doc


def _parse(text: str):
    return load_model(Settings().model)(text)


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    sp = _parse(text)
    doc = make_doc(text)
    out = []
    for q in find_quotes(doc, sp):
        cue = None if q.cue is None else doc.span_text(q.cue)
        speaker = None if q.speaker is None or q.speaker.span is None else doc.span_text(q.speaker.span)
        out.append((cue or "", speaker, doc.span_text(q.content)))
    return out


def _text(sp, v: spans.TokSpan) -> str:
    return str(sp[v[0] : v[1]].text)


def test_learned_spans_offer_the_clause_and_the_subject_of_a_reporting_verb():
    text = "The governor of the province said that the road to the port was open again."
    sp = _parse(text)
    said = next(t for t in sp if t.text == "said")
    contents = {_text(sp, v) for v in spans.content_candidates(said, find_marked(text))}
    assert "that the road to the port was open again" in contents
    assert "the road to the port was open again" in contents  # without its "that"
    sources = {_text(sp, v): kind for v, (_, kind) in spans.source_candidates(said).items()}
    assert "The governor of the province" in sources
    assert "The governor" in sources  # cut before its prepositional phrase
    assert all(not v[0] <= said.i < v[1] for v in spans.source_candidates(said))


def test_learned_spans_offer_the_quotation_beside_the_cue():
    text = "“We will not leave our homes,” the village elder told reporters on Sunday."
    sp = _parse(text)
    told = next(t for t in sp if t.text == "told")
    kinds = {_text(sp, v): kind for v, (_, kind) in spans.content_candidates(told, find_marked(text)).items()}
    assert kinds.get("We will not leave our homes,") == "marks"


def test_learned_path_reads_up_then_down_the_parse():
    sp = _parse("The spokesman said the convoy had arrived.")
    said, spokesman = sp[2], sp[1]
    assert spans.path(said, spokesman) == "|nsubj"
    assert spans.path(spokesman, said) == "nsubj|"
    assert spans.path(sp[6], spokesman) == "ccomp|nsubj"  # arrived -> said -> spokesman


def test_learned_model_file_loads_with_provenance_and_thresholds():
    m = learned.load()
    assert set(m.models) == {"cue", "extent", "whole", "source", "content"}
    assert all(len(lin.weights) > 100 for lin in m.models.values())
    assert 0.0 < m.cue_threshold < 1.0 and 0.0 < m.source_threshold < 1.0
    assert m.provenance["corpus"].startswith("PolNeAR")
    assert m.provenance["split"].startswith("train")
    assert "rules alone" in m.provenance["heldout_end_to_end"]


def test_learned_cue_model_tells_a_stance_from_an_act():
    sp = _parse("The opposition leader strongly criticized the new curfew, while soldiers closed the road.")
    cue = learned.load().models["cue"]
    criticized = next(t for t in sp if t.text == "criticized")
    closed = next(t for t in sp if t.text == "closed")
    assert cue.probability(spans.cue_features(criticized)) > cue.probability(spans.cue_features(closed))
    assert cue.probability(spans.cue_features(closed)) < learned.load().cue_threshold


def test_learned_pass_adds_a_stance_with_its_holder_and_content():
    (q,) = _quotes("Farmers in the valley have protested weekly against the new water quotas.")
    assert q == ("have protested weekly against", "Farmers in the valley", "the new water quotas")
    sp = _parse("The spokeswoman for the army did not respond to a request for comment.")
    (silent,) = find_quotes(make_doc(sp.text), sp)
    assert silent.status == "negated"  # a refusal to speak is kept, and never becomes a claim
    assert silent.cue is not None and sp.text[silent.cue.start : silent.cue.end] == "did not respond to"


def test_learned_pass_keeps_only_words_annotators_often_mark_as_cues():
    model = learned.load()
    assert "tell|VERB" in model.cue_lemmas and "protest|VERB" in model.cue_lemmas
    assert "go|VERB" not in model.cue_lemmas and "watch|VERB" not in model.cue_lemmas
    assert _quotes("The striker watched the final from the bench.") == []


def test_learned_pass_gives_no_quote_to_acts_raising_verbs_or_things():
    for text in (
        "Rebels launched a new offensive in the north on Tuesday.",
        "Government forces, backed by Russian airpower, launched an offensive on the town.",
        "The militia appears to have withdrawn from the town overnight.",
        "The shelling forced thousands of families to flee the district.",
        "Who will support the families of the missing soldiers?",
    ):
        assert _quotes(text) == [], text


def test_relative_clause_content_keeps_its_finite_verb():
    # In a relative clause the content's subject is the noun the clause hangs on.
    assert _quotes("The convoy was attacked in a move analysts say is intended to derail the talks.") == [
        ("say", "analysts", "is intended to derail the talks")
    ]


def test_a_time_or_place_phrase_is_never_what_was_said():
    # "said during the campaign": "during" gives when; the clause is not found, so no quote at all.
    said = _quotes(
        "It was a step the senator said during the 2016 campaign, and again in May, she would take."
    )
    assert all("campaign" not in content for _, _, content in said)
    from sitroom.stages.quotes.model import topic_preps

    sp = _parse("The minister spoke about the ceasefire on Monday in Geneva.")
    assert topic_preps(next(t for t in sp if t.text == "spoke")) == ("about",)
