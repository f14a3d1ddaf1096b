"""The text cleaner on small hand-written articles in the layouts outlets use; no model is loaded."""

from __future__ import annotations

import pytest

from sitroom.document import Document, Source
from sitroom.errors import IngestError
from sitroom.settings import Settings
from sitroom.stages import boilerplate as bp
from sitroom.stages.clean import clean, clean_lines

SETTINGS = Settings()
LEAD = (
    "Rebel fighters withdrew from three villages south of the city on Monday after two days of clashes "
    "with government troops, a local council official said."
)
SECOND = (
    "The official said at least nine fighters were killed and that families had begun to leave the area "
    "on foot, carrying what they could."
)
THIRD = "Neither side commented on the reports, and the numbers could not be independently verified."


def _clean(*lines: str, title: str | None = None):
    return clean_lines("\n\n".join(lines), SETTINGS, title=title)


def _reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def _assert_kept(cleaned, *paragraphs: str) -> None:
    for p in paragraphs:
        assert p in cleaned.text, f"body paragraph dropped: {p[:60]}"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published March 3rd, 2019 - 08:15 GMT", "2019-03-03T08:15:00+00:00"),
        ("Updated: 2019-03-03 08:15", "2019-03-03T08:15:00"),
        ("Posted on 3 March 2019", "2019-03-03"),
        ("Sunday, March 3, 2019", "2019-03-03"),
        ("March 3, 2019 | Updated March 4, 2019", "2019-03-03"),
    ],
)
def test_clean_dateline_lines(line, published):
    cleaned = _clean("Villages change hands in the south", line, LEAD, SECOND)
    assert cleaned.published == published
    assert _reasons(cleaned)[line] == "dateline"
    _assert_kept(cleaned, LEAD, SECOND)


@pytest.mark.parametrize(
    ("line", "prefix", "published", "rest"),
    [
        (
            "Sun 03 Mar 2019 at 0815 Fighters withdrew from three villages.",
            "Sun 03 Mar 2019 at 0815",
            "2019-03-03T08:15:00",
            "Fighters withdrew",
        ),
        (
            "Posted on March 3 2019 by Staff Writers Fighters withdrew from three villages.",
            "Posted on March 3 2019",
            "2019-03-03",
            "by Staff Writers",
        ),
    ],
)
def test_clean_dateline_glued_to_the_lead_only_takes_the_date(line, prefix, published, rest):
    cleaned = _clean("Villages change hands in the south", line, SECOND)
    assert cleaned.published == published
    assert _reasons(cleaned)[prefix] == "dateline"
    assert rest in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "Monday 4 March 2019 135 civilians were killed in the shelling, the council said.",
        "March 3, 2019 was the day the last convoy left the city.",
    ],
)
def test_clean_a_lead_that_starts_with_a_date_is_body(line):
    # "135" is a count, not the time 1:35; a date followed by lowercase prose is part of the sentence.
    cleaned = _clean("Villages change hands in the south", line, SECOND)
    assert line in cleaned.text
    assert cleaned.published is None


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("ALEPPO, Syria (Reuters) - " + LEAD, "ALEPPO, Syria (Reuters) -"),
        ("KABUL — " + LEAD, "KABUL —"),
        ("GAZIANTEP, Turkey (AP) -- " + LEAD, "GAZIANTEP, Turkey (AP) --"),
        ("Tal Abyad (AFP) – " + LEAD, "Tal Abyad (AFP) –"),
    ],
)
def test_clean_wire_dateline(line, dateline):
    cleaned = _clean("Villages change hands in the south", line, SECOND)
    assert _reasons(cleaned)[dateline] == "dateline"
    _assert_kept(cleaned, LEAD, SECOND)


@pytest.mark.parametrize("line", ["Rebel Fighters - " + LEAD, "Officials (in private) - " + LEAD])
def test_clean_mixed_case_start_without_an_agency_is_not_a_dateline(line):
    cleaned = _clean("Villages change hands in the south", line, SECOND)
    assert line in cleaned.text


def test_clean_ap_file_photo_caption_is_not_a_dateline():
    caption = "FILE - In this June 2, 2018 file photo, fighters stand on a hill above the village."
    cleaned = _clean("Villages change hands in the south", caption, LEAD, SECOND)
    assert _reasons(cleaned)[caption] == "caption"
    assert not any(r.reason == "dateline" for r in cleaned.removed)


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        (
            "Fighters on the road out of the village (AFP/FILE)",
            "Fighters on the road out of the village",
            "AFP/FILE",
        ),
        ("(Opposition media office)", None, None),
        ("(Militant propaganda)", "", "Militant propaganda"),
        ("Enlarge this image toggle caption Jane Roe/AP Jane Roe/AP", "", "Jane Roe/AP"),
        ("Image caption Families leave on foot", "Families leave on foot", None),
        (
            "Image copyright Jane Roe Image caption Families leave on foot",
            "Families leave on foot",
            "Jane Roe",
        ),
        ("Jane Roe/Getty Images", "", "Jane Roe/Getty Images"),
        (
            "Families leave the village on Monday. (Jane Roe/The Daily Example)",
            "Families leave the village on Monday.",
            "Jane Roe/The Daily Example",
        ),
        ("Families in the village (Reuters)", "Families in the village", "Reuters"),
    ],
)
def test_clean_captions(line, text, credit):
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    if text is None:  # not a credit: a remark in parentheses stays in the body
        assert line in cleaned.text
        return
    assert _reasons(cleaned)[line] == "caption"
    assert (text, credit) in [(c.text, c.credit) for c in cleaned.captions]
    _assert_kept(cleaned, LEAD, SECOND)


@pytest.mark.parametrize(
    "line",
    [
        "TRUCE TALKS STALL Negotiators left the capital without a deal; both blamed the other. [Reuters]",
        "- The governor leads the challenger by six points in the latest survey. [Example/Poll]",
        "He was stopped at the checkpoint and then shot. (WARNING: Video contains graphic images.)",
    ],
)
def test_clean_paragraph_naming_its_source_is_body_not_caption(line):
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    assert line in cleaned.text
    assert not cleaned.captions


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Roe", ("Jane Roe",)),
        ("By Jane Roe and John Doe, Reuters", ("Jane Roe", "John Doe")),
        ("BY AMINA EL-SAYED", ("AMINA EL-SAYED",)),
    ],
)
def test_clean_bylines(line, authors):
    cleaned = _clean("Villages change hands in the south", line, LEAD, SECOND)
    assert cleaned.authors == authors
    assert _reasons(cleaned)[line] == "byline"


def test_clean_sentence_starting_with_by_is_body():
    line = "By Monday evening, the last families had left the village, the council said."
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    assert line in cleaned.text
    assert cleaned.authors == ()


def test_clean_related_list_at_the_end_is_cut():
    cleaned = _clean(
        "Villages change hands in the south",
        LEAD,
        SECOND,
        THIRD,
        "Read more:",
        "Aid convoy reaches besieged town after weeks of talks",
        "Why the ceasefire keeps failing",
    )
    reasons = _reasons(cleaned)
    assert reasons["Why the ceasefire keeps failing"] == "related-links"
    assert "Aid convoy" not in cleaned.text
    _assert_kept(cleaned, LEAD, SECOND, THIRD)


def test_clean_read_more_inside_the_article_removes_only_the_marker():
    tail = "Families who reached the next town described the crossing as slow and frightening for children."
    cleaned = _clean("Villages change hands in the south", LEAD, SECOND, "Read more", THIRD, tail)
    assert _reasons(cleaned) == {"Read more": "related-links"}
    _assert_kept(cleaned, LEAD, SECOND, THIRD, tail)


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("© 2019 Example News Agency", "Example News Agency"),
        ("Copyright 2019 The Example Press. All rights reserved.", "The Example Press"),
        ("Copyright © 2019 EXN. All rights reserved. Visit our website terms of use for more.", "EXN"),
        ("© 2000 - 2020 Example Daily (", "Example Daily"),
    ],
)
def test_clean_copyright_footer(line, publisher):
    cleaned = _clean("Villages change hands in the south", LEAD, SECOND, line)
    assert cleaned.publisher == publisher
    assert _reasons(cleaned)[line] == "copyright"


@pytest.mark.parametrize(
    "line", ["Advertisement", "Photo", "Video", "Share this article", "(Subscribe to our daily podcast.)"]
)
def test_clean_page_furniture(line):
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    assert _reasons(cleaned)[line] == "boilerplate"


@pytest.mark.parametrize(
    "line", ["Subscribers to the local radio station heard the news first.", "Print shops were closed."]
)
def test_clean_furniture_words_starting_a_sentence_are_body(line):
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    assert line in cleaned.text


def test_clean_headline_and_deck_joined_by_semicolon_are_one_title():
    cleaned = _clean("Talks stall again;", "Both sides blame each other for the delay", LEAD, SECOND)
    assert cleaned.title == "Talks stall again; Both sides blame each other for the delay"
    assert cleaned.text.startswith("Talks stall again;\n\nBoth sides")


def test_clean_title_ending_in_a_colon_does_not_swallow_a_lead():
    cleaned = _clean("Border crossings:", "Two crossings reopened on Monday, officials said.", LEAD, SECOND)
    assert cleaned.title == "Border crossings:"
    assert "Two crossings reopened" in cleaned.text


def test_clean_title_repeated_at_the_head_of_the_lead_is_removed():
    title = "Fighters leave three villages in the south"
    cleaned = _clean(f"Mon 04 Mar 2019 {title}. {LEAD}", SECOND, title=title)
    assert _reasons(cleaned)[f"{title}."] == "title"
    assert cleaned.published == "2019-03-04"
    assert cleaned.text.count(title) == 1
    _assert_kept(cleaned, LEAD, SECOND)


@pytest.mark.parametrize(
    ("line", "heading"),
    [("What Happens Next", True), ("78,000", False), ("The council said the road was open.", False)],
)
def test_clean_section_headings(line, heading):
    cleaned = _clean("Villages change hands in the south", LEAD, line, SECOND)
    labels = {cleaned.text[h.start : h.end]: h.label for h in cleaned.headings}
    assert (labels.get(line) == "section") is heading
    assert line in cleaned.text


def test_clean_segments_point_back_into_raw():
    raw = "Villages change hands in the south\n\nBy Jane Roe\n\nALEPPO (AFP) - " + LEAD + "\n\n" + SECOND
    doc = clean(Document(source=Source(path="<test>"), raw=raw), SETTINGS)
    for seg in doc.segments:
        assert (
            doc.text[seg.text_start : seg.text_start + seg.length]
            == raw[seg.raw_start : seg.raw_start + seg.length]
        )
    assert doc.meta.authors == ("Jane Roe",)


def test_clean_refuses_a_text_too_short_to_be_an_article():
    with pytest.raises(IngestError, match="not an article"):
        clean(Document(source=Source(path="short.txt"), raw="A title\n\nToo short."), SETTINGS)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 12 2016", "2016-07-12"),
        ("Fri 07 Apr 2017 at 0914", "2017-04-07T09:14:00"),
        ("Dec. 5, 2017 at 3:40 p.m. ET", "2017-12-05T15:40:00-05:00"),
        ("not a date", None),
    ],
)
def test_boilerplate_parse_datetime(text, iso):
    assert bp.parse_datetime(text) == iso
