"""Event mentions: triggers from the lexicon, and their actors, place, date, numbers, status and source.

Each trigger in the parse becomes a :class:`Mention`; :mod:`sitroom.stages.events.merge` then folds the
mentions of one event (headline, lead, later paragraphs) into one :class:`~sitroom.document.Event`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from sitroom.document import Actor, EventDate, EventPlace, Quantity, Span
from sitroom.stages.events import arguments as A
from sitroom.stages.events import movement as M
from sitroom.stages.events import participants as P
from sitroom.stages.events import reference as R
from sitroom.stages.events import setting as S
from sitroom.stages.events.lexicon import Trigger, is_cooperative, plover_types, status_cues, triggers
from sitroom.stages.events.quantities import find_quantities
from sitroom.stages.events.status import SPEECH, event_status, mandative, speech_source

Token = Any

_ARMED_KINDS = frozenset({"military", "armed_group"})
_STATE_KINDS = frozenset({"state", "government", "military"})
_ARMED_MODS = frozenset(
    "military army ground air aerial offensive security counter-terrorism counterterrorism joint armed "
    "combat naval anti-terror".split()
)


@dataclass
class Mention:
    """One telling of an event: a trigger and what the parse attaches to it."""

    trigger: Trigger
    token: Any  # the spaCy token of the trigger
    evidence: Span
    type: str
    mode: str | None
    status: str
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    place: EventPlace | None = None
    origin: EventPlace | None = None
    date: EventDate | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attributed_to: str | None = None
    definite: bool = False
    folded: bool = False  # a casualty verb folded into another mention

    @property
    def start(self) -> int:
        return int(self.token.idx)


def find_mentions(ctx: A.Context, parsed: Any, headings: list[Span]) -> list[Mention]:
    """Every event mention in the parsed document, in text order."""
    mentions: list[Mention] = []
    by_token: dict[int, Mention] = {}
    text = ctx.doc.text
    for sent in parsed.sents:
        sent_mentions = []
        for tok in sent:
            in_heading = any(h.start <= tok.idx < h.end for h in headings)
            reading = _reading(tok, in_heading)
            obliged = None
            if reading is None:
                obliged = _must_complement(tok)
                reading = triggers()["demand"][0] if obliged is not None else None
            if reading is None:
                continue
            m = _mention(ctx, tok, reading, _evidence(text, sent, tok.idx))
            if m is not None and in_heading and _headline_passive(tok, m):
                m.target, m.source = [*m.source, *(a for a in m.target if a not in m.source)], []
            if m is not None and obliged is not None:
                m.target = [
                    a for a in A.actors_of(replace(ctx, window=m.evidence), obliged) if a not in m.source
                ]
            if m is not None:
                sent_mentions.append(m)
                by_token[tok.i] = m
        _attach_quantities(ctx, sent, sent_mentions)
        _fold_casualties(sent_mentions, by_token)
        _fold_descriptions(sent_mentions, by_token)
        _resolve_intents(sent_mentions, by_token)
        mentions.extend(m for m in sent_mentions if not m.folded)
    S.narrative_dates(text, mentions)
    S.paragraph_places(ctx, mentions)
    return mentions


# Acts done to someone: a headline's bare past participle of one has its victim for a subject.
_DONE_TO = frozenset({"ASSAULT", "COERCE", "FIGHT"})


def _headline_passive(tok: Token, m: Mention) -> bool:
    """Headlines drop "was": "Candidate attacked with acid", "Minister shot dead in Kabul" name the
    victim first, and the tagger reads the participle as an active past. A headline reports an active
    act in the present ("Rebels attack army base"), so a past form with a subject, no object and no
    auxiliary is the passive, and its subject is the target, not the doer."""
    if m.type not in _DONE_TO or "sym" in m.trigger.flags or tok.tag_ not in ("VBD", "VBN"):
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and not deps & {"dobj", "aux", "auxpass", "ccomp", "xcomp", "agent"}


_STATING = frozenset("say declare state insist conclude tell announce stress add write".split())


def _must_complement(tok: Token) -> Token | None:
    """ "X said Y must do Z", "X insisted that Y withdraw" is X demanding it of Y (PLOVER DEMAND): Y,
    when the clause says so."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _STATING:
        return None
    speaker, _ = P.subject(tok)
    for c in tok.children:
        must = any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)
        if c.dep_ == "ccomp" and (must or mandative(c)):
            subj, _ = P.subject(c)
            if subj is not None and not A.is_pronoun(subj) and (speaker is None or subj.i != speaker.i):
                return subj
    return None


def _evidence(text: str, sent: Any, pos: int) -> Span:
    """The sentence of the trigger, cut at line breaks (the parser runs a headline into the next line)."""
    start = max(sent.start_char, text.rfind("\n", 0, pos) + 1)
    nl = text.find("\n", pos)
    end = min(sent.end_char, nl if nl != -1 else len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _candidates(tok: Token) -> Iterator[str]:
    """Lemma keys to look a token up by; the small model's lemmatiser misses some ("spared" -> "spar")."""
    low = tok.lower_
    yield tok.lemma_.lower()
    yield low
    if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
        if low.endswith("ed"):
            yield low[:-1]  # spared -> spare
            yield low[:-2]  # bused -> bus
            if len(low) > 4 and low[-3] == low[-4]:
                yield low[:-3]  # shipped -> ship
        if low.endswith("ing"):
            yield low[:-3]
            yield low[:-3] + "e"
        if low.endswith("s"):
            yield low[:-1]
    if low.endswith("s") and tok.pos_ in ("NOUN", "PROPN"):
        yield low[:-1]


def _reading(tok: Token, in_heading: bool) -> Trigger | None:
    table = triggers()
    is_verb = tok.pos_ == "VERB"
    # Headlines are title case, and the tagger takes their nouns for names.
    is_noun = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and in_heading)
    is_noun = is_noun or (tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))
    if is_noun and tok.dep_ == "compound" and not in_heading and tok.head.lemma_.lower() not in P.EVENT_HEADS:
        return None  # "aid workers", "ceasefire talks": a modifier, not the event
    if in_heading and tok.pos_ == "PROPN" and tok.text[:1].isupper():
        is_verb = is_verb or tok.lower_.endswith("ed")
    if not (is_verb or is_noun):
        return None
    for key in dict.fromkeys(_candidates(tok)):
        for reading in table.get(key, ()):
            fits = (reading.verb and is_verb) or (reading.noun and is_noun)
            if fits and _condition_holds(tok, reading):
                return reading
    return None


def _condition_holds(tok: Token, r: Trigger) -> bool:
    kids = list(tok.children)
    if r.obj and not any(_names(o, r.obj) for o in _objects(tok, kids)):
        return False
    if r.noobj and any(_names(o, r.noobj) for o in _direct_objects(tok, kids)):
        return False  # "released a video", "photos released by the Treasury": no one is set free
    if r.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in r.prep for c in kids):
        return False
    if r.prt and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in r.prt for c in kids):
        return False
    if r.mod and not any(
        c.dep_ in ("amod", "compound", "advmod", "nmod", "npadvmod") and P.lemma(c) in r.mod for c in kids
    ):
        return False
    if r.source and not any(_names(g, r.source) for g in _left(tok, kids)):
        return False  # "withdrew from the deal", not "withdrew from Kherson under the deal"
    if r.intrans and any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in kids):
        return False  # "demonstrated its range", "demonstrated to Seoul that ...": showing, no protest
    return not (r.comp and not any(c.dep_ in ("xcomp", "ccomp") for c in kids))


def _left(tok: Token, kids: list[Token]) -> list[Token]:
    """What a trigger moves away from: "withdrew from the deal", "pulled out of the agreement"."""
    heads = [tok, *(c for c in kids if c.dep_ == "prt" or c.lower_ == "out")]
    return [
        g
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("from", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _names(o: Token, lemmas: frozenset[str]) -> bool:
    return P.lemma(o) in lemmas or o.lower_ in lemmas or P.lemma(o).rstrip("s") in lemmas


def _objects(tok: Token, kids: list[Token]) -> list[Token]:
    """What a trigger acts on, its direct object (or passive subject) first, then looser readings."""
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objs += [g for c in kids if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objs += [g for c in kids if c.dep_ == "xcomp" for g in c.children if g.dep_ == "dobj"]
    # "photos released by X": a participle acts on the noun it describes; "plans to attack"
    # (an infinitive) does not act on the plans.
    if (tok.dep_ == "acl" and tok.tag_ != "VB") or (tok.dep_ == "relcl" and not objs):
        objs.append(tok.head)
    # "photographs and other intelligence", "a state of emergency": coordinated and "of" heads too.
    objs += [c for o in list(objs) for c in A.conjuncts(o)[1:]]
    # "suspended aid deliveries", "halted arms shipments": the modifier names what flows.
    objs += [c for o in list(objs) for c in o.children if c.dep_ == "compound"]
    objs += [
        g for o in list(objs) for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    return objs


def _direct_objects(tok: Token, kids: list[Token]) -> list[Token]:
    """The thing acted on proper: the object or passive subject, or the noun a participle describes
    ("photos released by ...", "the video it released"), or what a noun's "of" names ("invasions of
    privacy")."""
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if not objs and tok.dep_ in ("acl", "relcl"):
        objs.append(tok.head)
    if tok.pos_ in ("NOUN", "PROPN"):  # "invasions of privacy", "the release of a video"
        objs += [
            g for c in kids if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
    return objs


def _mention(ctx: A.Context, tok: Token, r: Trigger, evidence: Span) -> Mention | None:
    ctx = replace(ctx, window=evidence)
    is_noun = tok.pos_ in ("NOUN", "PROPN")
    if R.generic_noun(tok) if is_noun else R.generic_subject(tok):
        return None  # "such attacks must stop", "such attacks have killed hundreds": no event happened
    status = event_status(tok, is_noun)
    m = Mention(r, tok, evidence, r.type, r.mode, status)
    if is_noun:
        P.noun_arguments(ctx, tok, m)
        m.definite = any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in tok.children
        )
    else:
        P.verb_arguments(ctx, tok, m)
    if "armed" in r.flags and not _armed(tok, m):
        return None
    if "casualty" in r.flags and R.cumulative(tok):
        return None  # "more than 290,000 killed since the conflict began": the war's toll, not an event
    if is_noun and tok.dep_ == "nsubj" and _tallied(tok.head):
        return None  # "since April, the fighting has killed 15,000": the war, told by its toll
    if "selfcomp" in r.flags and not _own_act(tok):
        return None
    if "selfcomp" in r.flags and _advice(tok, m):
        m.type, m.mode = "DEMAND", None
    if is_noun and m.status not in ("occurred", "ongoing") and _ended(tok):
        return None  # "working to end terror attacks": what is planned is the end, not the attacks
    if not is_noun and plover_types()[m.type].cls != "material-conflict" and _event_subject(tok):
        return None  # "a deal which called for ...", "the transfer threatens to ...": no actor speaks
    if _doer_hedged(tok):
        m.source = []
    _conventional(m)
    S.place(ctx, tok, m, is_noun)
    M.locate(ctx, tok, m, S.clause_heads(tok, ctx.window))
    S.date(ctx, tok, m)
    if not _attribution(ctx, tok, m):
        return None
    return m


# Verbs that end what their object names.
_TERMINATIVE = frozenset("end stop halt cease".split())


def _ended(tok: Token) -> bool:
    """``tok`` is the object of a verb that ends it ("to end terror attacks", "must halt the shelling"):
    a plan, demand or hope to end an event says nothing of its own status, and the clause's modality
    ("planned") would print the event as something its enders intend."""
    return tok.dep_ == "dobj" and P.lemma(tok.head) in _TERMINATIVE


def _doer_hedged(tok: Token) -> bool:
    """ "Israel allegedly struck the base", "strikes purportedly carried out by Russian jets": the act
    is reported but its author is not established, and a wrong doer is worse than none."""
    hedges = status_cues().get("hedge", {})
    clauses = [tok, *(c for c in tok.children if c.dep_ in ("acl", "relcl"))]
    if tok.dep_ in ("dobj", "nsubjpass", "xcomp"):
        clauses.append(tok.head)  # "allegedly carried out the strike"
    return any(c.dep_ == "advmod" and c.lower_ in hedges for v in clauses for c in v.children)


def _conventional(m: Mention) -> None:
    """A state's forces use conventional force (CAMEO 19, FIGHT), not unconventional violence (18)."""
    if "mil" in m.trigger.flags and m.type == "ASSAULT" and any(a.kind in _STATE_KINDS for a in m.source):
        m.type = "FIGHT"
        m.mode = {"explosives": "aerial"}.get(m.mode or "", m.mode if m.mode in ("firearms",) else None)


def _tallied(verb: Token) -> bool:
    """``verb`` is a casualty verb counting a whole war's dead ("the fighting has since killed ...")."""
    return any(
        "casualty" in r.flags and r.verb
        for k in dict.fromkeys(_candidates(verb))
        for r in triggers().get(k, ())
    ) and R.cumulative(verb)


def _own_act(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "xcomp":
            return True
        if c.dep_ == "ccomp":
            subj, _ = P.subject(c)
            if any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll", "shall") for a in c.children):
                return subj is not None and A.is_pronoun(subj)
    return False


def _advice(tok: Token, m: Mention) -> bool:
    """ "Officials warned residents to stay indoors": telling civilians what to do for their own safety
    is a call on them (DEMAND), no threat against them; the to-clause is the object's act, not the
    speaker's. "Iran warned Israel not to strike" keeps its threat: its object is a party to the fight."""
    kids = {c.dep_ for c in tok.children}
    return {"dobj", "xcomp"} <= kids and all(a.kind == "civilians" for a in m.target)


def _event_subject(v: Token) -> bool:
    subj, passive = P.subject(v)
    if subj is None or passive:
        return False
    return any(r.noun for r in triggers().get(P.lemma(subj), ()))


def _armed(tok: Token, m: Mention) -> bool:
    if any(a.kind in _ARMED_KINDS for a in m.source):
        return True
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and (P.lemma(c) in _ARMED_MODS or P.lemma(c).startswith("anti")):
            return True
        if c.dep_ == "prep" and c.lower_ == "against":
            return True
    return False


def _attribution(ctx: A.Context, tok: Token, m: Mention) -> bool:
    """Set who reports the event; False when the text itself calls the report false (drop it)."""
    doc = ctx.doc
    pos = tok.idx
    if any(h.start <= pos < h.end for h in doc.headings):
        return True  # a headline is the outlet's own voice
    claims = [c for c in doc.claims if c.span.start <= pos < c.span.end]
    if m.status == "occurred" and any(c.certainty == "contested" for c in claims):
        # "X falsely claimed operations against Y ...": only a disputed report says it happened,
        # and what the dispute is about is not parsed; an uncertain fact is not coded.
        return False
    if m.status == "occurred" and any(c.certainty == "denied" for c in claims):
        m.status = "negated"
    quoted = [q for q in doc.quotes if q.content.start <= pos < q.content.end]
    if m.status == "occurred" and any(q.status != "said" for q in quoted):
        # "X did not say / will say / would say that troops attacked": speech that was not made
        # asserts nothing, and the author does not assert it either.
        return False
    for q in quoted:
        if q.status == "said" and q.speaker is not None and q.speaker.actor:
            m.attributed_to = q.speaker.actor
            return True
    for c in claims:
        if c.source is not None and c.source.actor:
            m.attributed_to = c.source.actor
            return True
    reporter = speech_source(tok)
    if reporter is not None and ctx.inside(reporter):
        actors = A.actors_of(ctx, reporter)
        if actors:
            m.attributed_to = actors[0].id
    return True


def _attach_quantities(ctx: A.Context, sent: Any, mentions: list[Mention]) -> None:
    """Give each number in the sentence to the event nearest it in the parse."""
    if not mentions:
        return
    for q in find_quantities(sent.text, sent.start_char):
        qtok = next((t for t in sent if t.idx >= q.span.start), None)
        if qtok is None:
            continue
        best, best_d = None, 99
        for m in mentions:
            d = _tree_distance(qtok, m.token)
            if d < best_d:
                best, best_d = m, d
        if best is None or best_d > 6:
            continue
        unit = q.unit
        if unit == "members" and any(
            isinstance(a, Actor) and a.kind in _ARMED_KINDS
            for _, _, a in ctx.actors.overlapping(q.span.start, q.span.end)
        ):
            unit = "fighters"  # "400 ISIS members": members of an armed group are its fighters
        if unit in _VICTIMS:
            unit = _casualty_unit(sent, q.span, best) or unit
        best.quantities.append(Quantity(q.value, q.low, q.high, unit, q.span))


# Counted people a casualty verb can take as its victims, and what the verb makes of them.
_VICTIMS = frozenset("people civilians children women fighters troops police members protesters".split())
_OUTCOME = {"kill": "killed", "killing": "killed", "injure": "injured", "wound": "injured"}


def _casualty_unit(sent: Any, span: Span, m: Mention) -> str | None:
    """ "At least 11 civilians including three children were killed": the text's cue sits next to the
    nearer count, but the parse makes both the victims of "killed" (the subject of the passive or the
    object of the active verb), so both count the killed."""
    outcome = _OUTCOME.get(m.trigger.lemma)
    if outcome is None:
        return None
    toks = [t for t in sent if span.start <= t.idx < span.end]
    root = next((t for t in toks if not (span.start <= t.head.idx < span.end) or t.head.i == t.i), None)
    if root is None or root.head.i != m.token.i or root.dep_ not in ("nsubjpass", "dobj"):
        return None
    return outcome


def _tree_distance(a: Token, b: Token) -> int:
    path_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(path_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return index[t.i] + k
    return 99


_SEQUENCE = frozenset("after before since following until amid prior".split())


def _fold_casualties(mentions: list[Mention], by_token: dict[int, Mention]) -> None:
    """A casualty verb next to an attack ("a blast killed six", "killing 20") is its outcome, not an event."""
    for m in mentions:
        if "casualty" not in m.trigger.flags:
            continue
        host = None
        tok = m.token
        # "killed ... after the assassination of a leader": an event before or after the killing is
        # another event, not the one it is the toll of.
        sequel = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _SEQUENCE]
        near = [
            tok.head,
            *(c for c in tok.children if c not in sequel),
            *(g for c in tok.children if c.dep_ == "prep" and c not in sequel for g in c.children),
        ]
        for t in near:
            other = by_token.get(t.i)
            if other is None or other is m or other.evidence != m.evidence:
                continue  # not another event of the same line
            if other.folded or "casualty" in other.trigger.flags:
                continue  # "kills 32 ... killed 32": two killings do not fold into each other and vanish
            if plover_types()[other.type].cls == "material-conflict":
                host = other
                break
        if host is None and tok.head.lemma_.lower() in SPEECH:
            # "jihadists attacked a post, the army said, killing 15": the parse hangs the killing on
            # "said"; the one violent event of the line is its host.
            line = [
                x
                for x in mentions
                if x is not m
                and x.evidence == m.evidence
                and plover_types()[x.type].cls == "material-conflict"
                and "casualty" not in x.trigger.flags
            ]
            host = line[0] if len(line) == 1 else None
        if host is None:
            continue
        m.folded = True
        if not host.source:  # "aircraft killed 46 civilians in an attack": the killers attacked
            host.source = m.source
            _conventional(host)
        host.target = P.unique(host.target + [a for a in m.target if a not in host.source])
        host.quantities += m.quantities
        host.place = host.place or m.place
        host.date = host.date or m.date


def _fold_descriptions(mentions: list[Mention], by_token: dict[int, Mention]) -> None:
    """ "Reorganizing its divisions into three armies deployed across Idlib": an agentless participle that
    describes what another event of the same type acts on is that event told in passing, not a second."""
    for m in mentions:
        tok = m.token
        if m.folded or m.source or tok.dep_ != "acl" or tok.tag_ != "VBN":
            continue
        node = tok.head
        for _ in range(4):
            if node.dep_ not in ("pobj", "prep", "dobj", "conj") or node.head.i == node.i:
                break
            node = node.head
            host = by_token.get(node.i)
            if host is not None and host is not m and host.type == m.type and host.evidence == m.evidence:
                m.folded = True
                host.place = host.place or m.place
                host.quantities += [q for q in m.quantities if q not in host.quantities]
                break


def _resolve_intents(mentions: list[Mention], by_token: dict[int, Mention]) -> None:
    """ "Vowed to purge it" is a threat, "offered to withdraw" an agreement: the promised act decides."""
    for m in mentions:
        if "intent" not in m.trigger.flags:
            continue
        for c in m.token.children:
            inner = by_token.get(c.i) if c.dep_ in ("xcomp", "ccomp") else None
            if inner is not None:
                m.type = "AGREE" if is_cooperative(inner.type) else "THREATEN"
                m.mode = None
                if not m.target:  # "threatened to shell Iraqi towns": whom the promised act is aimed at
                    m.target = [a for a in inner.target if a not in m.source]
                break
