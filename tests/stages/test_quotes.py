"""The quotes stage: quotation marks, cues, speakers with role and affiliation, pronouns and surnames."""

from __future__ import annotations

import pytest

from sitroom.document import Actor, Span
from sitroom.settings import Settings
from sitroom.stages.nlp import load_model
from sitroom.stages.quotes import find_quotes
from sitroom.stages.quotes.marks import find_marked
from util import make_doc


def _quotes(text: str, actors: tuple[Actor, ...] = ()):
    doc = make_doc(text, actors=actors)
    sp = load_model(Settings().model)(text)
    return doc, list(find_quotes(doc, sp))


def _view(doc, q):
    return {
        "kind": q.kind,
        "content": doc.span_text(q.content),
        "cue": None if q.cue is None else doc.span_text(q.cue),
        "speaker": None if q.speaker is None else q.speaker.name,
        "role": None if q.speaker is None else q.speaker.role,
        "affiliation": None if q.speaker is None else q.speaker.affiliation,
    }


# ---- marks: no model ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: “We stay.” Then he left.", ["We stay."]),
        ('She said "we stay" and "we fight" today.', ["we stay", "we fight"]),
        ("‘We have lost everything,’ said Fatima Ali.", ["We have lost everything,"]),
        ("“He told me ‘leave now’ and left,” said Omar.", ["He told me ‘leave now’ and left,"]),
        ("Hay‘at Tahrir al-Sham is in Idlib. Jones’ car is red.", []),
        ("“First part.\n\n“Second part.”\n\nNarration.", ["First part.\n\n“Second part."]),
        ("“Never closed at all\n\nNarration follows.", ["Never closed at all"]),
        # News archives and treebank text double apostrophes and backticks for quotation marks.
        ("''We stay,'' he said. ''We fight.''", ["We stay,", "We fight."]),
        ("``No deal,'' said the envoy. The rebels' 'line' held.", ["No deal,"]),
    ],
)
def test_quotes_marks_pair_up(text, expected):
    assert [text[m.inner_start : m.inner_end] for m in find_marked(text)] == expected


# ---- attribution with the real parser -----------------------------------------------------

CASES = [
    # AP: quotation first, inverted cue, title before the name.
    (
        "“We will not back down,” said Interior Minister Ahmad Khalil, speaking in Baghdad.",
        {
            "kind": "direct",
            "content": "We will not back down",
            "cue": "said",
            "speaker": "Ahmad Khalil",
            "role": "Interior Minister",
        },
    ),
    # Reuters: speaker with apposition, affiliation from "at".
    (
        "“The front is quiet tonight,” said Alex Decina, a researcher at the Amman-based WANA Institute.",
        {
            "kind": "direct",
            "cue": "said",
            "speaker": "Alex Decina",
            "role": "researcher",
            "affiliation": "WANA Institute",
        },
    ),
    # BBC: single marks as the outer ones.
    (
        "‘We have lost everything,’ said Fatima Ali, a mother of four.",
        {"kind": "direct", "content": "We have lost everything", "speaker": "Fatima Ali", "role": "mother"},
    ),
    # Straight marks, unnamed source, cue "told".
    (
        '"The ceasefire is holding," a UN spokesman told AFP on Monday.',
        {"kind": "direct", "content": "The ceasefire is holding", "cue": "told", "speaker": "a UN spokesman"},
    ),
    # Cue before the quotation, with a colon.
    (
        "The army commander said: “Our troops hold the bridge and will not withdraw.”",
        {"kind": "direct", "cue": "said", "speaker": "The army commander"},
    ),
    # Indirect speech with "that".
    (
        "Police said that at least 12 people were killed in the blast.",
        {
            "kind": "indirect",
            "content": "that at least 12 people were killed in the blast",
            "cue": "said",
            "speaker": "Police",
        },
    ),
    # "according to" at the end of the clause.
    (
        "At least 30 civilians died in the shelling, according to the Syrian Observatory for Human Rights.",
        {
            "kind": "indirect",
            "content": "At least 30 civilians died in the shelling",
            "cue": "according to",
            "speaker": "Syrian Observatory for Human Rights",
        },
    ),
    # Mixed: a quoted fragment inside reported speech.
    (
        "The minister said the talks were “a waste of time” and would not resume.",
        {"kind": "mixed", "cue": "said", "speaker": "The minister"},
    ),
    # A place or an organisation before the title is the affiliation; a capitalised office is one title.
    (
        "Hamas political leader Ismail Haniyeh said that the truce would hold.",
        {"kind": "indirect", "speaker": "Ismail Haniyeh", "role": "political leader", "affiliation": "Hamas"},
    ),
    (
        "Pentagon spokesman John Kirby said the strikes hit weapons depots.",
        {"speaker": "John Kirby", "role": "spokesman", "affiliation": "Pentagon"},
    ),
    # A parenthetical cue inside the clause it reports.
    (
        "The ceasefire, he says, is holding in the north.",
        {"kind": "indirect", "content": "The ceasefire", "cue": "says"},
    ),
    # A headline: name, colon, statement.
    (
        "Erdogan: Turkey will not allow a terror corridor on its border\n\nAnkara, Monday.",
        {
            "content": "Turkey will not allow a terror corridor on its border",
            "cue": ":",
            "speaker": "Erdogan",
        },
    ),
    # A speech act with a noun content, and the adverb that belongs to the cue.
    (
        "The United Nations also condemned the attack on the convoy.",
        {"content": "the attack on the convoy", "cue": "also condemned", "speaker": "United Nations"},
    ),
    # Cues with a preposition: "called for".
    (
        "The opposition called for an immediate ceasefire in Idlib.",
        {"content": "an immediate ceasefire in Idlib", "cue": "called for", "speaker": "The opposition"},
    ),
    # A possessive affiliation before the title.
    (
        "Russia’s President Vladimir Putin has repeatedly called Idlib a nest of terrorists.",
        {
            "kind": "indirect",
            "content": "Idlib a nest of terrorists",
            "speaker": "Vladimir Putin",
            "role": "President",
            "affiliation": "Russia",
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes_attribution_styles(text, expected):
    doc, quotes = _quotes(text)
    assert quotes, f"no quote found in {text!r}"
    got = _view(doc, quotes[0])
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “caliphate” collapsed in 2019.",  # scare quotes
        "The transfer threatens to destabilize the demilitarization deal.",  # no speaker
        "The attacks claimed the lives of three people in Aleppo.",  # a toll, not a claim
    ],
)
def test_quotes_not_a_quote(text):
    _, quotes = _quotes(text)
    assert quotes == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army did not say whether troops had entered the town.", "negated"),
        ("Officials would say that the attack was justified.", "hypothetical"),
        ("If the minister says the talks failed, the truce ends.", "hypothetical"),
        ("The governor will announce that the curfew is lifted.", "future"),
        ("The governor announced that the curfew is lifted.", "said"),
    ],
)
def test_quotes_speech_that_did_not_happen_is_marked(text, status):
    """Negated, future and conditional speech is attributed, but marked: it states nothing."""
    _, quotes = _quotes(text)
    assert [q.status for q in quotes] == [status]


def test_quotes_agentless_passive_has_no_speaker():
    doc, quotes = _quotes("It was reported that the border crossing at Bab al-Hawa was closed.")
    assert [(doc.span_text(q.cue), q.speaker) for q in quotes] == [("was reported", None)]


def test_quotes_participle_after_preposition_takes_the_clause_subject():
    doc, quotes = _quotes("The minister ended the briefing by saying that the army would stay in Kidal.")
    assert [(q.speaker.name if q.speaker else None, doc.span_text(q.content)) for q in quotes] == [
        ("The minister", "that the army would stay in Kidal")
    ]


def test_quotes_attribution_inside_another_content_is_not_separate():
    """What Y believes, told by X, is X's report: no quote of Y's."""
    doc, quotes = _quotes("The spokesman said the rebels believe the ceasefire has collapsed.")
    assert [doc.span_text(q.cue) for q in quotes] == ["said"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The commander hoped that the talks in Geneva would succeed.", "hoped"),  # lemma "hop" in the model
        ("The rebels agreed that the truce should hold.", "agreed"),
        ("Russia refused to recognise the result of the election in Kyiv.", "refused"),
    ],
)
def test_quotes_cues_learned_from_train(text, cue):
    doc, quotes = _quotes(text)
    assert [doc.span_text(q.cue) for q in quotes] == [cue]


def test_quotes_doubled_apostrophe_marks_are_direct_quotes_of_one_speaker():
    text = "''We will not leave,'' said Omar Saleh, a farmer in the valley. ''This is our land.''"
    doc, quotes = _quotes(text)
    views = [_view(doc, q) for q in quotes]
    assert [v["content"] for v in views] == ["We will not leave", "This is our land."]
    assert [v["speaker"] for v in views] == ["Omar Saleh", "Omar Saleh"]
    assert views[0]["cue"] == "said" and views[1]["cue"] is None


def test_quotes_pronoun_and_surname_resolve_to_full_name():
    text = (
        "“The siege is over,” said Colonel Ahmed Hassan, a spokesman for the army.\n\n"
        "“We hold the bridge,” he added.\n\n"
        "“Nobody will cross it,” Hassan noted."
    )
    doc, quotes = _quotes(text)
    assert [q.speaker.name for q in quotes] == ["Ahmed Hassan"] * 3
    assert doc.span_text(quotes[1].speaker.span) == "he"
    assert doc.span_text(quotes[2].speaker.span) == "Hassan"
    assert {q.speaker.role for q in quotes} == {"spokesman"}


def test_quotes_titled_speaker_is_a_person_for_later_pronouns_and_surnames():
    text = (
        "Forces loyal to leader Bashar al-Assad shelled the town. Governor Ercan Topaca told reporters "
        "that four people were injured. He added that two more died. Topaca stated that the border was open."
    )
    _, quotes = _quotes(text)
    assert [(q.speaker.name, q.speaker.role) for q in quotes] == [("Ercan Topaca", "Governor")] * 3


def test_quotes_uncued_paragraph_continues_previous_speaker():
    text = (
        "“The regime wants chaos in the north,” argued Pieter Van Ostaeyen, an independent researcher.\n\n"
        "“It knows that moving fighters there will lead to more infighting between the rebels.”\n\n"
        "The town was quiet on Sunday."
    )
    _, quotes = _quotes(text)
    assert len(quotes) == 2
    assert quotes[1].cue is None
    assert quotes[1].speaker.name == "Pieter Van Ostaeyen"
    assert quotes[1].speaker.span is None  # no mention of its own


def test_quotes_paragraph_spanning_quote_is_one_quote():
    text = "John Smith, the mayor, said: “The water is gone.\n\n“The power is gone too.”\n\nRain fell."
    doc, quotes = _quotes(text)
    assert len(quotes) == 1
    assert doc.span_text(quotes[0].content) == "The water is gone.\n\n“The power is gone too."
    assert quotes[0].speaker.name == "John Smith"


def test_quotes_speaker_mention_stays_in_its_paragraph_without_relative_clause():
    text = "9:50 p.m.\n\nTexas Sen. Ted Cruz, who won the state, said that he would stay in the race."
    doc, quotes = _quotes(text)
    assert doc.span_text(quotes[0].speaker.span) == "Texas Sen. Ted Cruz"
    assert (quotes[0].speaker.role, quotes[0].speaker.affiliation) == ("Sen.", "Texas")


def test_quotes_time_phrase_is_no_part_of_the_speaker():
    doc, quotes = _quotes("The Syrian military source on Tuesday denied that the army had used gas.")
    assert quotes[0].speaker.name == "The Syrian military source"
    assert doc.span_text(quotes[0].speaker.span) == "The Syrian military source"


def test_quotes_apposition_names_a_common_noun_subject():
    _, quotes = _quotes("Another hardliner group, Huras al-Din, has rejected the terms of the deal.")
    assert quotes[0].speaker.name == "Huras al-Din"


def test_quotes_which_names_no_speaker():
    # "which" may stand for the deal or for Russia: no guess.
    _, quotes = _quotes("They were stopped by a deal brokered by Turkey and Russia, which called for a truce")
    assert [q.speaker for q in quotes] == [None]


def test_quotes_unattributed_quote_keeps_speaker_null():
    text = "The wall was covered in slogans.\n\n“Nobody is coming to save this town from the fire.”"
    _, quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker is None and quotes[0].cue is None


def test_quotes_unresolvable_pronoun_gives_no_speaker():
    _, quotes = _quotes("“The road is closed,” they said.")
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_quotes_speaker_links_to_overlapping_actor():
    text = "Police said that at least 12 people were killed in the blast."
    actor = Actor("police", "Police", "government", mentions=(Span(0, 6),))
    _, quotes = _quotes(text, actors=(actor,))
    assert quotes[0].speaker.actor == "police"


# ---- the sample article -------------------------------------------------------------------


def test_quotes_sample_six_direct_quotes(sample_doc):
    direct = [q for q in sample_doc.quotes if q.kind == "direct"]
    assert len(direct) == 6
    names = [q.speaker.name for q in direct]
    assert names == ["Alex Decina"] * 3 + ["Pieter Van Ostaeyen"] * 3
    decina, ostaeyen = direct[0].speaker, direct[3].speaker
    assert (decina.role, decina.affiliation) == ("researcher", "WANA Institute")
    assert ostaeyen.role == "independent jihadi researcher and historian"
    for q in direct[:3]:
        assert (q.speaker.role, q.speaker.affiliation) == ("researcher", "WANA Institute")
    for q in direct[3:]:
        assert q.speaker.role == ostaeyen.role
    assert [q.cue is None for q in direct] == [False, False, False, False, True, False]
    cues = [sample_doc.span_text(q.cue) for q in direct if q.cue is not None]
    assert cues == ["said", "added", "noted", "argued", "said"]
    assert sample_doc.span_text(direct[4].content).startswith("The regime clearly knows")


def test_quotes_sample_indirect(sample_doc):
    by_cue = {sample_doc.span_text(q.cue): q for q in sample_doc.quotes if q.cue is not None}
    observatory = by_cue["according to"]
    assert observatory.speaker.name == "Syrian Observatory for Human Rights"
    assert "bused out of the conflict zone" in sample_doc.span_text(observatory.content)
    assert by_cue["speculated"].speaker.name == "Pieter Van Ostaeyen and Alex Decina"


def test_quotes_spans_inside_text(sample_doc):
    n = len(sample_doc.text)
    for q in sample_doc.quotes:
        assert 0 <= q.content.start < q.content.end <= n
        assert sample_doc.span_text(q.content).strip() == sample_doc.span_text(q.content)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Zelensky is calling for the allies to send more air defence to Kharkiv.",
            "is calling for",
            "the allies to send more air defence to Kharkiv",
        ),
        (
            "The Red Cross has asked the militia to open a corridor out of Goma.",
            "has asked",
            "the militia to open a corridor out of Goma",
        ),
        ("The mayor asked residents if they had seen the drones.", "asked", "if they had seen the drones"),
    ],
)
def test_quotes_requests_and_indirect_questions(text, cue, content):
    doc, quotes = _quotes(text)
    assert [(doc.span_text(q.cue), doc.span_text(q.content)) for q in quotes] == [(cue, content)]


def test_quotes_dateline_is_no_part_of_the_speaker():
    doc, quotes = _quotes("KYIV (Reuters) — Ukraine's defence minister Rustem Umerov said the line held.")
    assert [doc.span_text(q.speaker.span) for q in quotes] == ["Ukraine's defence minister Rustem Umerov"]


def test_quotes_cue_noun_with_its_clause_and_possessor():
    doc, quotes = _quotes("Hamas's claim that the hospital was hit by an Israeli strike was not verified.")
    got = [(doc.span_text(q.cue), q.speaker.name, doc.span_text(q.content)) for q in quotes]
    assert got == [("claim", "Hamas", "that the hospital was hit by an Israeli strike")]


def test_quotes_cue_noun_without_a_source_is_no_quote():
    _, quotes = _quotes("The claim that the convoy was attacked near Kidal is false.")
    assert quotes == []


def test_quotes_photo_credits_are_neither_speakers_nor_antecedents():
    text = (
        "A boy walks past a destroyed school. (Mosul, June 2, 2017) Lena Morris\n"
        "Women queue for water at a camp near the city. (Mosul, June 3, 2017) Lena Morris\n"
        "The UN spokesperson said the camp had run out of tents.\n"
        "He said more aid would arrive on Friday."
    )
    doc, quotes = _quotes(text)
    said = [
        (doc.span_text(q.content), None if q.speaker is None else doc.span_text(q.speaker.span))
        for q in quotes
    ]
    assert said == [
        ("the camp had run out of tents", "The UN spokesperson"),  # not the credit the parser hung it on
        ("more aid would arrive on Friday", None),  # "he": no person named but the credits
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mr. Lippert, speaking at a conference in Geneva, said that the talks had stalled.", "Mr. Lippert"),
        ("Speaking to reporters on Monday, President Moon Jae-in said the border would stay open.", "Moon"),
    ],
)
def test_quotes_a_named_subject_speaks_before_a_clause_or_a_stray_word(text, speaker):
    doc, quotes = _quotes(text)
    (q,) = quotes
    assert q.speaker is not None and speaker in doc.span_text(q.speaker.span)


def test_quotes_indirect_content_stays_in_its_paragraph():
    text = (
        "Four killed in Kandahar market blast\n\n"
        "At least four people were killed when a bomb exploded in a crowded market, police said."
    )
    doc, quotes = _quotes(text)
    (q,) = quotes
    assert doc.span_text(q.content).startswith("At least four people were killed")
    assert "Kandahar market blast" not in doc.span_text(q.content)  # the headline was not said


@pytest.mark.parametrize(
    ("headline", "speaker", "content"),
    [
        ("Ten killed in Kabul market blast, say police", "police", "Ten killed in Kabul market blast"),
        ("Troops leave border town, says UN", "UN", "Troops leave border town"),
        (
            "Driver blacked out before the crash, claim passengers",
            "passengers",
            "Driver blacked out before the crash",
        ),
    ],
)
def test_quotes_headline_with_the_speaker_after_its_verb(headline, speaker, content):
    doc, quotes = _quotes(headline + "\n\nThe body of the article follows here with more detail.")
    (q,) = [q for q in quotes if q.cue is not None and q.cue.start < len(headline)]
    assert doc.span_text(q.speaker.span) == speaker
    assert doc.span_text(q.content) == content


def test_quotes_a_first_name_the_tagger_left_out_is_no_title():
    from spacy.tokens import Span as SpacySpan

    text = "Chrissy Teigen tweeted that the plane had turned around over the Pacific."
    sp = load_model(Settings().model)(text)
    sp.ents = [SpacySpan(sp, 1, 2, label="PERSON")]  # the tagger caught only the surname
    (q,) = find_quotes(make_doc(text), sp)
    assert q.speaker is not None and q.speaker.role is None  # not "Chrissy"
    _, quotes = _quotes("Interior Minister Ahmad Khalil said the border would reopen on Monday.")
    assert quotes[0].speaker.role == "Interior Minister"  # a listed title keeps the words before it


def test_quotes_he_is_unresolved_when_an_unnamed_person_stands_between():
    text = (
        "Foreign Minister Ana Lima said her country stood ready to help.\n\n"
        "The attacker was killed in a shootout with police. He said before the attack that he "
        "had sworn allegiance to the group.\n\n"
        "Ana Lima later added that aid was on its way."
    )
    doc, quotes = _quotes(text)
    speakers = {doc.span_text(q.content): q.speaker for q in quotes}
    assert speakers["her country stood ready to help"].name == "Ana Lima"
    assert speakers["that aid was on its way"].name == "Ana Lima"
    he = [s for c, s in speakers.items() if "sworn allegiance" in c]
    assert he == [None]  # "he" is the attacker, not the minister named before
