"""The sample article end to end: metadata and cleaning."""

from __future__ import annotations


def test_sample_meta(sample_doc):
    m = sample_doc.meta
    assert m.title == "Assad's Secret Transfer of ISIS Fighters to Idlib May Sabotage the Ceasefire"
    assert m.published == "2018-10-01T11:32:00+00:00"
    assert m.authors == ("Ty Joplin",)
    assert m.publisher == "Al Bawaba"
    assert m.language == "en"


def test_sample_removals_are_listed(sample_doc):
    reasons = {r.text: r.reason for r in sample_doc.removed}
    assert reasons["Published October 1st, 2018 - 11:32 GMT"] == "dateline"
    assert reasons["By Ty Joplin"] == "byline"
    assert reasons["© 2000 - 2020 Al Bawaba ("] == "copyright"
    assert reasons["You may also like"] == "related-links"
    for text in reasons:
        assert text not in sample_doc.text


def test_sample_captions(sample_doc):
    credits = [c.credit for c in sample_doc.captions]
    assert credits.count("AFP/FILE") == 2
    assert "ISIS propaganda" in credits
    assert "Turkish forces near the Turkey-Syria border" in [c.text for c in sample_doc.captions]
    assert "(AFP/FILE)" not in sample_doc.text


def test_sample_headings(sample_doc):
    headings = {sample_doc.span_text(h): h.label for h in sample_doc.headings}
    assert headings["What Happens Next"] == "section"
    assert headings["Why Assad Transferred 400 ISIS Members into Idlib"] == "section"
    assert sample_doc.text.startswith("Assad's Secret Transfer")


def test_sample_sentences_and_entities(sample_doc):
    assert len(sample_doc.sentences) > 30
    labels = {e.label for e in sample_doc.entities}
    assert {"GPE", "ORG"} <= labels
    texts = {sample_doc.span_text(e) for e in sample_doc.entities}
    assert "Idlib" in texts
