"""Document and its annotations: the only types shared by the stages.

A Document is frozen; a stage returns ``dataclasses.replace(doc, field=...)``.
Annotations hold character offsets into ``Document.text`` (end exclusive), never
copied strings: span text appears only in :meth:`Document.to_json`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "sitroom.report/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of ``Document.text``; ``label`` says what it is (an entity type, a heading kind)."""

    start: int
    end: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """Maps ``length`` characters at ``text_start`` in ``text`` back to ``raw_start`` in ``raw``."""

    text_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Source:
    path: str | None = None
    url: str | None = None
    format: str = "text"  # text | html | json


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None  # ISO 8601; a date alone when no time is given
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Caption:
    """An image caption or photo credit taken out of the body."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input left out of ``text``; ``raw_start`` is its offset in ``raw`` when known."""

    text: str
    reason: str  # copyright | related-links | caption | byline | dateline | title | boilerplate
    raw_start: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    # state|government|military|armed_group|political_party|igo|ngo|media|research|person|civilians|other
    kind: str
    country: str | None = None
    sector: str | None = None  # PLOVER/CAMEO-style sector code: GOV, MIL, REB, CVL, ...
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str = "other"  # country|admin1|admin2|city|region|other
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class DateRef:
    span: Span
    value: str | None = None
    end_value: str | None = None
    precision: str = "unknown"  # day|month|year|time|unknown
    kind: str = "date"  # date|time|duration|set
    mod: str | None = None  # TimeML modifier, lower case: start|mid|end|approx|before|after|on_or_before ...


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    span: Span | None = None
    actor: str | None = None
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    kind: str  # direct|indirect|mixed
    content: Span
    speaker: Speaker | None = None
    cue: Span | None = None
    # said | negated ("did not say") | future ("will announce") | hypothetical ("would argue", "if
    # he says"): only "said" reports a statement that was made.
    status: str = "said"


@dataclass(frozen=True, slots=True)
class ClaimSource:
    name: str
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    span: Span
    certainty: str  # asserted|reported|hedged|contested|denied
    source: ClaimSource | None = None  # None: the author


@dataclass(frozen=True, slots=True)
class EventDate:
    start: str | None
    end: str | None = None
    precision: str = "unknown"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class EventPlace:
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float | None
    low: float | None
    high: float | None
    unit: str
    span: Span


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # PLOVER event type
    evidence: Span
    status: str = "occurred"  # occurred|ongoing|planned|threatened|hypothetical|negated
    mode: str | None = None
    cameo: str | None = None
    acled: str | None = None
    source: tuple[str, ...] = ()  # actor ids
    target: tuple[str, ...] = ()
    date: EventDate | None = None
    place: EventPlace | None = None
    quantities: tuple[Quantity, ...] = ()
    attributed_to: str | None = None
    also: tuple[Span, ...] = ()  # further evidence of the same event told again
    origin: EventPlace | None = None  # where a movement (transfer, evacuation, flight) started


@dataclass(frozen=True, slots=True)
class Obligation:
    party: str | None
    action: str
    deadline: str | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    name: str
    evidence: Span
    parties: tuple[str, ...] = ()
    brokers: tuple[str, ...] = ()
    date: EventDate | None = None
    obligations: tuple[Obligation, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One article as it flows through the pipeline."""

    source: Source
    raw: str  # what ingest received; nothing changes it
    id: str = ""  # sha256 of the cleaned text, set by clean
    meta: Meta = field(default_factory=Meta)
    text: str = ""  # output of clean; every Span points into it
    segments: tuple[Segment, ...] = ()
    captions: tuple[Caption, ...] = ()
    removed: tuple[Removal, ...] = ()
    headings: tuple[Span, ...] = ()  # label: "title" or "section"
    sentences: tuple[Span, ...] = ()
    entities: tuple[Span, ...] = ()  # label: spaCy entity type
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    stages: tuple[str, ...] = ()  # "clean@1", ...: the stage versions that touched this doc

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def to_json(self, *, raw: bool = False) -> dict[str, Any]:
        """The report of ``../shared/spec/report.md`` as plain JSON-ready data."""
        from sitroom.report import to_json

        return to_json(self, raw=raw)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        from sitroom.report import from_json

        return from_json(data)


def text_id(text: str) -> str:
    """Stable article id: the same cleaned text always gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
