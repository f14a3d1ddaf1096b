"""Stage declarations are checked at start-up; a batch survives a failing document."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.document import Document
from sitroom.errors import ConfigError
from sitroom.pipeline import Failure, check, default_pipeline, run_many, stage
from sitroom.settings import Settings
from util import make_doc


@stage(requires=("text",), provides=("quotes",), version=1)
def _needs_text(doc: Document, settings: Settings) -> Document:
    if "boom" in doc.text:
        raise ValueError("cannot read this one")
    return replace(doc, quotes=())


@stage(requires=("claims",), provides=("events",), version=1)
def _needs_claims(doc: Document, settings: Settings) -> Document:
    return doc


@stage(requires=("text",), provides=("no_such_field",), version=1)
def _bad_field(doc: Document, settings: Settings) -> Document:
    return doc


def test_pipeline_default_is_consistent():
    check(default_pipeline())


def test_pipeline_check_refuses_missing_requirement():
    with pytest.raises(ConfigError, match="requires \\['claims'\\]"):
        check([_needs_claims])


def test_pipeline_check_refuses_unknown_field():
    with pytest.raises(ConfigError, match="no_such_field"):
        check([_bad_field])


def test_pipeline_run_many_keeps_going_after_a_failure():
    docs = [make_doc("first fine text"), make_doc("this one goes boom"), make_doc("third fine text")]
    out = list(run_many(docs, Settings(batch_size=2), pipeline=[_needs_text], given=("raw", "text")))
    assert [type(o) for o in out] == [Document, Failure, Document]
    failure = out[1]
    assert isinstance(failure, Failure)
    assert "cannot read this one" in failure.reason
    assert "_needs_text" in failure.reason
    assert out[0].stages == ("_needs_text@1",)
