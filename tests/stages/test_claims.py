"""The claims stage: attributed statements and the author's hedged ones, with source and certainty."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.settings import Settings
from sitroom.stages.claims import find_claims
from sitroom.stages.nlp import load_model
from sitroom.stages.quotes import find_quotes
from util import make_doc


def _claims(text: str):
    doc = make_doc(text)
    sp = load_model(Settings().model)(text)
    doc = replace(doc, quotes=tuple(find_quotes(doc, sp)))
    return doc, find_claims(doc, sp)


@pytest.mark.parametrize(
    ("text", "source", "certainty", "content"),
    [
        # The writer disputes the source.
        (
            "The U.S. falsely claimed that 32,000 fighters remain in the region.",
            "U.S.",
            "contested",
            "that 32,000 fighters remain in the region",
        ),
        (
            "The U.S. claimed, in contradiction of its own previous reports, that 32,000 fighters remain.",
            "U.S.",
            "contested",
            "that 32,000 fighters remain",
        ),
        # The source rejects the statement.
        (
            "The ministry denied that its forces shelled the hospital.",
            "The ministry",
            "denied",
            "that its forces shelled the hospital",
        ),
        # A tentative cue.
        ("Reports suggest the group is suffering from internal divisions.", "Reports", "hedged", None),
        # A factive cue: the writer takes the content as true.
        ("The army confirmed that the town was retaken on Sunday.", "The army", "asserted", None),
        # A plain report.
        ("Rebels said they shot down a helicopter near Hama.", "Rebels", "reported", None),
        # "reportedly" inside a report is the report itself, not doubt.
        (
            "Dozens of fighters were reportedly bused out, according to the Syrian Observatory.",
            "Syrian Observatory",
            "reported",
            None,
        ),
        # The speaker's own hedge.
        ("“The regime is likely hoping for a war,” said Alex Decina.", "Alex Decina", "hedged", None),
    ],
)
def test_claims_attributed(text, source, certainty, content):
    doc, claims = _claims(text)
    attributed = [c for c in claims if c.source is not None]
    assert len(attributed) == 1
    c = attributed[0]
    assert (c.source.name, c.certainty) == (source, certainty)
    if content is not None:
        assert doc.span_text(c.span) == content


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "The militia reportedly withdrew from the town on Friday.",
            "The militia reportedly withdrew from the town on Friday.",
        ),
        ("The fighters likely understand that this is their last stand.", None),
        ("There appears to be little stopping the army from advancing.", None),
        (
            "Huras al-Din broke with HTS and have reportedly rejected the deal.",
            "Huras al-Din broke with HTS and have reportedly rejected the deal.",
        ),
    ],
)
def test_claims_author_hedged(text, claim):
    doc, claims = _claims(text)
    assert len(claims) == 1
    assert claims[0].source is None and claims[0].certainty == "hedged"
    assert doc.span_text(claims[0].span) == (claim or text)


@pytest.mark.parametrize(
    "text",
    [
        "The militia withdrew from the town on Friday.",  # plain narration: the article itself
        "The commander vowed to retake the city.",  # a threat or plan, not a statement of fact
        "Zelensky is calling for the allies to send more air defence.",  # a demand
        "The Red Cross asked the militia to open a corridor.",  # a request
        "Will the ceasefire hold through May?",  # a question
        "Fighting resumed in May after the talks.",  # the month, not the modal
        "Suspected\n\nThe town was quiet on Sunday.",  # a one-word headline states nothing
        "“Nobody is coming to save this town,” read a sign in the square.",  # no person behind it
    ],
)
def test_claims_none(text):
    _, claims = _claims(text)
    assert [(c.source, c.certainty) for c in claims if c.source is None or c.certainty != "reported"] == []
    assert len(claims) <= (1 if "read a sign" in text else 0)


def test_claims_sample(sample_doc):
    doc = sample_doc
    found = {(c.source.name if c.source else None, c.certainty): doc.span_text(c.span) for c in doc.claims}
    observatory = found[("Syrian Observatory for Human Rights", "reported")]
    assert "bused out of the conflict zone" in observatory
    assert found[("U.S.", "contested")] == "that up to 32,000 ISIS fighters remain active in the region"
    assert found[("Vladimir Putin", "reported")] == "Idlib a nestbed of terrorism"
    assert found[("reports", "hedged")] == "the group is suffering from internal divisions"
    author = [doc.span_text(c.span) for c in doc.claims if c.source is None]
    assert all(c.certainty == "hedged" for c in doc.claims if c.source is None)
    assert any(t.startswith("Its leadership is reportedly still deliberating") for t in author)
    assert "Iranian, Turkish and Syrian propaganda" in {c.source.name for c in doc.claims if c.source}


def test_claims_spans_inside_text(sample_doc):
    for c in sample_doc.claims:
        assert 0 <= c.span.start < c.span.end <= len(sample_doc.text)


@pytest.mark.issue(4)
def test_claims_verbless_sentence_ends_at_its_root():
    # The clause search climbs to the root; a root without a verb once made it climb for ever.
    doc, claims = _claims("Possibly a record turnout in the north.")
    assert [(c.certainty, doc.span_text(c.span)) for c in claims] == [
        ("hedged", "Possibly a record turnout in the north.")
    ]


# Hand-written sentences from several conflicts: the class, not one article.
@pytest.mark.parametrize(
    ("text", "source", "certainty", "content"),
    [
        (
            "The Houthis falsely claimed that the tanker had been sunk in the Red Sea.",
            "Houthis",
            "contested",
            "that the tanker had been sunk in the Red Sea",
        ),
        (
            "The Taliban, falsely claiming that the school housed militants, closed it.",
            "Taliban",
            "contested",
            "that the school housed militants",
        ),
        (
            "Wagner, in contradiction of its own earlier statements, said its men had never been in Bakhmut.",
            "Wagner",
            "contested",
            "its men had never been in Bakhmut",
        ),
        (
            "Ethiopia's government denied that its troops had entered Tigray's capital.",
            "Ethiopia's government",
            "denied",
            "that its troops had entered Tigray's capital",
        ),
        (
            "The RSF dismissed reports that its fighters had looted El Fasher.",
            "RSF",
            "denied",
            "that its fighters had looted El Fasher",
        ),
        (
            "Kyiv rejected the claim that its troops had shelled Donetsk.",
            "Kyiv",
            "denied",
            "that its troops had shelled Donetsk",
        ),
        (
            "Israel accused Hamas of hiding weapons under the hospital.",
            "Israel",
            "reported",
            "Hamas of hiding weapons under the hospital",
        ),
        (
            "The militia issued a statement saying that 40 fighters had been killed.",
            "The militia",
            "reported",
            "that 40 fighters had been killed",
        ),
    ],
)
def test_claims_contested_denied_accused(text, source, certainty, content):
    doc, claims = _claims(text)
    got = [(c.source.name, c.certainty, doc.span_text(c.span)) for c in claims if c.source is not None]
    assert got == [(source, certainty, content)]


def test_claims_disputed_claim_inside_a_report_keeps_its_dispute():
    """'Moscow falsely claimed Z, Kyiv said': Z stays contested, not Kyiv's plain report alone."""
    doc, claims = _claims("Moscow has falsely claimed that Ukraine shelled its own hospital, Kyiv said.")
    inner = [c for c in claims if doc.span_text(c.span) == "that Ukraine shelled its own hospital"]
    assert [(c.source.name, c.certainty) for c in inner] == [("Moscow", "contested")]


@pytest.mark.parametrize(
    "text",
    [
        "The army did not say that the bridge at Kherson had been destroyed.",  # negated speech
        "The spokesman will announce that the siege of Mariupol is over.",  # future speech
    ],
)
def test_claims_speech_that_did_not_happen_gives_no_claim(text):
    _, claims = _claims(text)
    assert [c for c in claims if c.source is not None] == []


def test_claims_noun_cue_is_framed_by_its_own_phrase():
    """'X's claim that Y was rejected': Y is X's claim (reported), not X's denial."""
    _, claims = _claims("Moscow's claim that Kyiv's army shelled the dam was rejected by observers.")
    got = [(c.source.name, c.certainty) for c in claims if c.source is not None]
    assert got == [("Moscow", "reported")]
