"""Agreements: deals, ceasefires, truces and accords: parties, brokers, what each side must do by when.

The agreement nouns are the rows of ``data/events/triggers.tsv`` flagged ``agreement``; obligation cues
("was given the onus of", "must", "is required to", "calls for") are in ``data/events/obligations.tsv``.
Every mention of one agreement in an article ("a last-minute deal brokered by Turkey and Russia",
"the demilitarization deal", "the ceasefire") becomes one Agreement.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from sitroom.document import Actor, Agreement, Document, EventDate, Obligation, Span
from sitroom.pipeline import stage
from sitroom.settings import Settings
from sitroom.stages.events import arguments as A
from sitroom.stages.events.lexicon import triggers
from sitroom.stages.events.status import event_status

Token = Any

# Modifiers that judge an agreement rather than name it ("a last-minute deal", "the fragile truce").
_EVALUATIVE = frozenset(
    "last-minute new latest fragile temporary tentative shaky historic landmark so-called proposed possible "
    "current previous recent final initial preliminary partial full comprehensive major broader".split()
)
_BROKER_VERBS = frozenset("broker mediate facilitate sponsor guarantee negotiate".split())
# Of these, only a third party mediates, facilitates, sponsors or guarantees; "brokered by Russia and
# Turkey" or "negotiated by X and Y" may name the two sides that made the deal (see _roles).
_MAKER_VERBS = frozenset("broker negotiate".split())
_PARTY_VERBS = frozenset("sign reach strike conclude seal agree accept ink".split())
# Party of an obligation that binds every party ("both sides must withdraw"), expanded per party.
_EVERY_PARTY = "*"
# How far back (in sentences) an obligation may point to an agreement not named in its own sentence.
_OBLIGATION_REACH = 2


@dataclass
class _Mention:
    token: Any
    evidence: Span
    sentence: int
    words: list[str]  # naming words (compounds), lower case
    name: str
    definite: bool
    parties: list[Actor] = field(default_factory=list)
    brokers: list[Actor] = field(default_factory=list)
    makers: list[Actor] = field(default_factory=list)  # "brokered/negotiated by": parties or brokers
    date: EventDate | None = None


@dataclass
class _Cluster:
    mentions: list[_Mention]
    obligations: list[Obligation] = field(default_factory=list)
    obligation_parties: list[str] = field(default_factory=list)


@functools.cache
def _cues() -> dict[str, dict[str, str]]:
    """Role -> cue lemma -> how the obligation's party is found (see obligations.tsv)."""
    out: dict[str, dict[str, str]] = {}
    path = resources.files("sitroom.data").joinpath("events/obligations.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cue, role, party = line.split("\t")
            out.setdefault(role, {})[cue] = party
    return out


@functools.cache
def _agreement_nouns() -> frozenset[str]:
    return frozenset(k for k, rs in triggers().items() if any("agreement" in r.flags for r in rs))


@stage(requires=("text", "sentences", "actors", "dates"), provides=("agreements",), version=1)
def agreements(doc: Document, settings: Settings) -> Document:
    return replace(doc, agreements=tuple(find_agreements(doc, settings)))


def find_agreements(doc: Document, settings: Settings) -> list[Agreement]:
    """The agreements an article reports, each with everything its mentions say about it.

    Notes:
        Parties come from "between A and B", actor modifiers ("the Turkey-Russia deal"), the subject of
        "signed/reached/agreed", and every party an obligation names; brokers from "brokered/mediated
        by". Definite mentions with no name of their own ("the deal") refer back to the agreement
        last named, as in the centering account of definite anaphora (Grosz, Joshi & Weinstein 1995).
    """
    from sitroom.stages.nlp import parsed

    sp = parsed(doc, settings)
    ctx = A.Context.of(doc)
    mentions: list[_Mention] = []
    pending: list[tuple[int, bool, Obligation, str | None]] = []  # (sentence, named there, ...)
    for k, sent in enumerate(sp.sents):
        named = False
        for tok in sent:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in _agreement_nouns():
                continue
            if tok.dep_ == "compound":
                continue  # "ceasefire talks" are talks, not an agreement
            evidence = _evidence(doc.text, sent, tok.idx)
            mentions.append(_mention(replace(ctx, window=evidence), tok, evidence, k))
            named = True
        window = replace(ctx, window=Span(sent.start_char, sent.end_char))
        pending += [(k, named, ob, party) for ob, party in _obligations(window, sent, named_here=named)]
    headings = list(doc.headings)
    in_heading = {id(m): any(h.start <= m.token.idx < h.end for h in headings) for m in mentions}
    clusters: list[_Cluster] = []
    of_mention: dict[int, _Cluster] = {}
    # Body first, so that a headline's "the Ceasefire" joins the agreement the body names.
    for m in sorted(mentions, key=lambda m: (in_heading[id(m)], m.token.idx)):
        home = _find_home(clusters, m, of_mention, in_heading[id(m)])
        if home is None and in_heading[id(m)]:
            continue  # a headline's title-case parse alone is too weak to found an agreement
        if home is None:
            home = _Cluster([m])
            clusters.append(home)
        else:
            home.mentions.append(m)
        of_mention[id(m)] = home
    for k, _named, ob, party in pending:
        before = [m for m in mentions if k - _OBLIGATION_REACH <= m.sentence <= k and not in_heading[id(m)]]
        if not before:
            continue
        target = of_mention[id(max(before, key=lambda m: (m.sentence, m.token.idx)))]
        target.obligations.append(ob)
        if party is not None and party != _EVERY_PARTY:
            target.obligation_parties.append(party)
    # Precision first: an agreement only proposed, failed or hoped for ("failed to agree on a truce",
    # "the proposed deal") is not reported as one.
    return [_to_agreement(c) for c in clusters if any(_factual(m.token) for m in c.mentions)]


def _factual(tok: Token) -> bool:
    """Whether a mention speaks of an agreement that exists (reached, signed, in force)."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if verb.lemma_.lower() in _PARTY_VERBS | _BROKER_VERBS and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
        # "agreed to a ceasefire", "signed the accord": the verb's own modality decides.
        return event_status(verb, is_noun=False) in ("occurred", "ongoing")
    return event_status(tok, is_noun=True) in ("occurred", "ongoing")


def _evidence(text: str, sent: Any, pos: int) -> Span:
    start = max(sent.start_char, text.rfind("\n", 0, pos) + 1)
    nl = text.find("\n", pos)
    end = min(sent.end_char, nl if nl != -1 else len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _mention(ctx: A.Context, tok: Token, evidence: Span, k: int) -> _Mention:
    naming = [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod")
        and c.i < tok.i
        and c.lower_ not in _EVALUATIVE
        and "".join(t.text_with_ws for t in c.subtree).strip().lower() not in _EVALUATIVE
    ]
    naming_words = [c for c in naming if not A.actors_of(ctx, c) or A.place_of(ctx, c)]
    words = [c.lower_ for c in naming_words]
    name = " ".join([c.text for c in sorted(naming_words, key=lambda t: t.i)] + [tok.text])
    for c in tok.children:  # "the deal for Idlib", "a truce in Yemen"
        if c.dep_ == "prep" and c.lower_ in ("for", "in", "on", "over"):
            for g in c.children:
                if g.dep_ == "pobj" and A.place_of(ctx, g) is not None:
                    name += f" {c.lower_} {g.text}"
                    words.append(g.lower_)
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in tok.children
    )
    m = _Mention(tok, evidence, k, words, name.strip(), definite)
    for c in naming:
        m.parties += [a for a in A.actors_of(ctx, c) if a.kind != "civilians"]
    for c in tok.children:
        if c.dep_ == "poss":
            m.parties += A.actors_of(ctx, c)
        elif c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
            m.parties += [a for g in c.children if g.dep_ == "pobj" for a in A.actors_of(ctx, g)]
        elif c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _BROKER_VERBS | _PARTY_VERBS:
            # "a deal brokered by Russia and Turkey", "the accord signed by Kigali and Kinshasa"
            _by_verb(m, c, _agents(ctx, c))
    gov = tok.head
    if tok.dep_ in ("dobj", "pobj", "nsubjpass") and gov.i != tok.i:
        verb = gov.head if tok.dep_ == "pobj" else gov
        if tok.dep_ == "nsubjpass":  # "the deal was brokered by Russia and Turkey"
            doers = _agents(ctx, verb)
        else:
            doers = [a for c in verb.children if c.dep_ == "nsubj" for a in A.actors_of(ctx, c)]
        _by_verb(m, verb, doers)
        if verb.lemma_.lower() in _PARTY_VERBS:
            # "signed a ceasefire on Monday, mediated by Saudi Arabia": the parser hangs the mediator's
            # participle on the verb or on a date of its clause, not on the agreement.
            for d in verb.subtree:
                if d.dep_ in ("acl", "advcl") and d.lemma_.lower() in _BROKER_VERBS and _within(d, verb):
                    m.brokers += [a for a in _agents(ctx, d) if a not in m.parties]
    m.parties = [a for a in _unique(m.parties) if a.id not in {b.id for b in m.brokers}] or _unique(m.parties)
    m.brokers = _unique(m.brokers)
    m.makers = _unique(m.makers)
    m.date = _date(ctx, tok)
    return m


def _within(d: Token, verb: Token) -> bool:
    """``d`` hangs from ``verb`` through its own phrases (no other clause or agreement noun between)."""
    node = d.head
    for _ in range(4):
        if node.i == verb.i:
            return True
        if node.pos_ == "VERB" or node.lemma_.lower() in _agreement_nouns():
            return False
        node = node.head
    return False


def _agents(ctx: A.Context, verb: Token) -> list[Actor]:
    """The actors of a passive verb's "by" phrase."""
    return [a for x in verb.children if x.dep_ == "agent" for g in x.children for a in A.actors_of(ctx, g)]


def _by_verb(m: _Mention, verb: Token, doers: list[Actor]) -> None:
    """File who did ``verb`` to the agreement: signing makes a party, mediating a broker, and brokering
    or negotiating either (decided for the whole agreement in :func:`_roles`)."""
    lemma = verb.lemma_.lower()
    if lemma in _PARTY_VERBS:
        m.parties += doers
    elif lemma in _MAKER_VERBS:
        m.makers += doers
    elif lemma in _BROKER_VERBS:
        m.brokers += doers


def _roles(c: _Cluster) -> tuple[list[str], list[str]]:
    """(parties, brokers) of an agreement from all its mentions.

    "A deal brokered by Russia and Turkey", with no one else named as a side, is a bilateral deal the
    two made: they are its parties. "A truce between Israel and Hamas brokered by Egypt and Qatar", or
    "brokered by Qatar" alone, names third parties: brokers. Whoever mediates, facilitates, sponsors or
    guarantees is a broker. A party bound by an obligation ("Turkey was given the onus of ...") is a
    party unless the text made it a broker.
    """
    explicit = [a.id for a in _unique([a for m in c.mentions for a in m.parties])]
    makers = [a.id for a in _unique([a for m in c.mentions for a in m.makers])]
    mediators = [a.id for a in _unique([a for m in c.mentions for a in m.brokers])]
    others = [p for p in explicit if p not in makers and p not in mediators]
    if len(makers) >= 2 and not others:
        parties = list(dict.fromkeys([*makers, *explicit]))
        brokers = [b for b in mediators if b not in parties]
    else:
        parties = [p for p in explicit if p not in makers and p not in mediators] or explicit
        brokers = [b for b in dict.fromkeys([*makers, *mediators]) if b not in parties]
    parties += [p for p in dict.fromkeys(c.obligation_parties) if p not in parties and p not in brokers]
    return parties, brokers


def _unique(actors: list[Actor]) -> list[Actor]:
    return list({a.id: a for a in actors}.values())


def _date(ctx: A.Context, tok: Token) -> EventDate | None:
    sent = tok.sent
    anchors = {tok.i, tok.head.i} | {c.i for c in tok.children if c.dep_ in ("acl", "relcl")}
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in _PARTY_VERBS | _BROKER_VERBS:
        anchors.add(tok.head.head.i)  # "agreed on Monday to a truce": the verb's date is the deal's
    for _, _, ref in ctx.dates.overlapping(sent.start_char, sent.end_char):
        root = A.date_root(sent, ref)  # type: ignore[arg-type]
        if root is None:
            continue
        anchor = root.head
        while anchor.pos_ not in ("VERB", "AUX", "NOUN") and anchor.head.i != anchor.i:
            anchor = anchor.head
        if anchor.i in anchors:
            prep = A.governing_prep(root)
            if prep == "by":
                continue  # a deadline, not the agreement's date
            return A.to_event_date(ref, prep)  # type: ignore[arg-type]
    return None


def _find_home(
    clusters: list[_Cluster], m: _Mention, of_mention: dict[int, _Cluster], heading: bool
) -> _Cluster | None:
    for c in reversed(clusters):
        words = {w for x in c.mentions for w in x.words}
        if m.words and words and (set(m.words) <= words or words <= set(m.words)):
            return c
    ids = {a.id for a in (*m.parties, *m.brokers, *m.makers)}
    if ids:
        lemma = m.token.lemma_.lower()
        for c in reversed(clusters):
            theirs = {a.id for x in c.mentions for a in (*x.parties, *x.brokers, *x.makers)}
            if ids & theirs and (not m.words or lemma == c.mentions[0].token.lemma_.lower()):
                return c
        if m.words or not m.definite:
            return None
        # "Hamas accepted the truce": a new party of the agreement last spoken of, resolved below.
    if m.words and m.definite:
        # "a last-minute deal ... the demilitarization deal": a name for the unnamed deal just spoken of.
        unnamed = [c for c in clusters if not any(x.words for x in c.mentions)]
        before = [c for c in unnamed if c.mentions[0].token.idx < m.token.idx]
        return before[-1] if before else None
    if m.words or not (m.definite or m.token.pos_ == "PROPN") or not clusters:
        return None
    if heading:
        return max(clusters, key=lambda c: len(c.mentions))
    # "the deal": the agreement last spoken of before it.
    earlier = [
        (x.token.idx, of_mention[id(x)]) for c in clusters for x in c.mentions if x.token.idx < m.token.idx
    ]
    return max(earlier, key=lambda t: t[0])[1] if earlier else None


def _obligations(ctx: A.Context, sent: Any, named_here: bool) -> list[tuple[Obligation, str | None]]:
    """What a party must do, and by when, in one sentence."""
    cues = _cues()
    out: list[tuple[Obligation, str | None]] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in cues.get("noun", {}) and tok.dep_ in ("dobj", "attr", "nsubjpass"):
            # "X was given the onus of removing ...": the action is the noun's "of" clause.
            ofs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            action = next((g for g in ofs if g.dep_ in ("pcomp", "pobj")), None)
            holder = tok.head
            party = _party(ctx, holder, passive_subject=True)
            if action is not None:
                out.append(_obligation(ctx, action, party))
        elif lemma in cues.get("verb", {}) and tok.pos_ in ("VERB", "ADJ"):
            # "X is required to V", "the deal requires X to V", "the deal called for a zone to be created".
            if cues["verb"][lemma] == "subject-here" and not named_here:
                continue  # "agreed to exchange prisoners" binds only in a sentence that names the deal
            comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
            if comp is None:
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("for", "to", "with"):
                        comp = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    elif c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ == "for" for m in c.children
                    ):
                        comp = c  # "calls for all foreign fighters to leave Libya"
            if comp is None:
                continue
            holder = None
            if cues["verb"][lemma] == "object":
                holder = next((c for c in tok.children if c.dep_ == "dobj"), None)
                holder = holder or next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            holder = holder or next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            # "the Houthis and the government agreed to exchange prisoners": an obligation of each.
            for party in _holders(ctx, holder):
                out.append(_obligation(ctx, comp, party))
        elif named_here and lemma in cues.get("modal", {}) and tok.dep_ == "aux" and tok.head.pos_ == "VERB":
            verb = tok.head
            party = _party(ctx, verb, passive_subject=True)
            if party is not None:
                out.append(_obligation(ctx, verb, party))
    return out


def _party(ctx: A.Context, verb: Token, passive_subject: bool) -> str | None:
    subj = verb if verb.dep_ not in ("ROOT",) and verb.pos_ in ("NOUN", "PROPN", "PRON") else None
    if subj is None:
        deps = ("nsubj", "nsubjpass") if passive_subject else ("nsubj",)
        subj = next((c for c in verb.children if c.dep_ in deps), None)
    return _holder(ctx, subj)


def _holders(ctx: A.Context, np: Token | None) -> list[str | None]:
    """Every party a noun phrase names ("Israel and Hamas"), or its one holder (see _holder)."""
    actors = [a.id for a in A.actors_of(ctx, np) if a.kind != "civilians"]
    return list(actors) if len(actors) > 1 else [_holder(ctx, np)]


def _holder(ctx: A.Context, np: Token | None) -> str | None:
    """The party a noun phrase names: an actor, or every party of the agreement ("both sides")."""
    actors = A.actors_of(ctx, np)
    if actors:
        return actors[0].id
    if np is not None:
        words = " ".join(t.lower_ for t in sorted(A.np_tokens(np), key=lambda t: t.i))
        if words in _cues().get("everyone", {}):
            return _EVERY_PARTY
    return None


def _obligation(ctx: A.Context, action: Token, party: str | None) -> tuple[Obligation, str | None]:
    """The action's words without its deadline ("by October 15"), and the deadline's value."""
    deadline: str | None = None
    drop: set[int] = set()
    for t in action.subtree:
        if t.dep_ == "prep" and t.lower_ in ("by", "before", "until") and ctx.inside(t):
            for g in t.children:
                for _, _, ref in ctx.dates.overlapping(g.idx, g.idx + len(g.text)):
                    value = getattr(ref, "end_value", None) or getattr(ref, "value", None)
                    if value:
                        deadline = str(value)[:10]
                        drop |= {x.i for x in t.subtree}
    # "Israel must allow ...", "is required to hold elections": the verb and what follows it,
    # without its subject, auxiliaries and the infinitive's "to".
    noun = action.pos_ in ("NOUN", "PROPN")
    kids = list(action.children)
    for k, c in enumerate(kids):
        # Before a verb: subject, auxiliaries, "Under the deal,". Before a noun ("called for a buffer
        # zone to be created"): only the article; "buffer" names what is to be done.
        if c.i < action.i and (not noun or c.dep_ == "det"):
            drop |= {x.i for x in c.subtree}
        # "..., and Russia must release all prisoners": a clause with its own subject is its own
        # obligation (the modal cue finds it), with the "and" and comma before it.
        if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            drop |= {x.i for x in c.subtree}
            drop |= {x.i for x in kids[:k] if x.dep_ in ("cc", "punct") and x.i > action.i}
    words = [t for t in action.subtree if t.i not in drop and not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    # Kept words in order, each with the space that followed it: dropped phrases leave no trace.
    text = "".join(t.text_with_ws for t in words).strip()
    return Obligation(party, text.strip(" ,.;"), deadline), party


def _to_agreement(c: _Cluster) -> Agreement:
    best = max(c.mentions, key=lambda m: (len(m.words), _has_sides(m), -m.evidence.start))
    parties, brokers = _roles(c)
    date = next((m.date for m in c.mentions if m.date is not None), None)
    first = min(c.mentions, key=lambda m: m.evidence.start if _has_sides(m) else 10**9)
    return Agreement(
        name=best.name,
        evidence=first.evidence if _has_sides(first) else c.mentions[0].evidence,
        parties=tuple(parties),
        brokers=tuple(brokers),
        date=date,
        obligations=tuple(dict.fromkeys(_per_party(c.obligations, parties))),
    )


def _has_sides(m: _Mention) -> bool:
    return bool(m.parties or m.brokers or m.makers)


def _per_party(obligations: list[Obligation], parties: list[str]) -> list[Obligation]:
    """ "Both sides must withdraw" is an obligation of each party (of none known, when none is)."""
    out: list[Obligation] = []
    for o in obligations:
        if o.party != _EVERY_PARTY:
            out.append(o)
        else:
            out += [replace(o, party=p) for p in parties] or [replace(o, party=None)]
    return out
