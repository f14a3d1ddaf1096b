"""Who did it and to whom: the source and target actors of an event trigger, read from the parse.

Subjects through coordination, control and relative clauses; passive agents; objects and the
prepositions that mark a target; PLOVER's conventions for the targets of verbal acts; pronouns in
reported clauses and possessives. Actors are those of the actors stage (see ``arguments``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitroom.document import Actor
from sitroom.stages.events import arguments as A
from sitroom.stages.events.lexicon import is_cooperative, triggers

if TYPE_CHECKING:
    from sitroom.stages.events.extract import Mention

Token = Any


def lemma(tok: Token) -> str:
    return str(tok.lemma_.lower())


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject, is_passive_subject) of a verb, through coordination, control and relative clauses."""
    for c in reversed(list(verb.children)):  # the nearest subject first
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                if c.lower_ != "who" and _in_agent_of_noun(verb.head):
                    # "a deal brokered by X and Y, which called for ...": the deal or its brokers?
                    # The parse cannot tell, so no one is named (precision before recall).
                    return None, False
                return verb.head, False
            return c, False
        if c.dep_ == "nsubjpass":
            return c, True
    if depth > 4 or verb.head.i == verb.i:
        return None, False
    if verb.dep_ == "conj":
        return subject(verb.head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subj, passive = subject(verb.head, depth + 1)
        if subj is not None and any(r.noun for r in triggers().get(lemma(subj), ())):
            return None, False  # "the entrance of fighters provides a pretext to attack": not the attacker
        return (subj, False) if not passive else (None, False)
    if verb.dep_ == "pcomp" and verb.head.head.dep_ in ("dobj", "attr"):
        # "Turkey was given the onus of removing ...": the holder of the task does it.
        holder = verb.head.head.head
        for c in holder.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c, False
    if verb.dep_ == "relcl":
        return verb.head, False
    return None, False


def _in_agent_of_noun(tok: Token) -> bool:
    """Is ``tok`` the agent of a participle that modifies a noun ("a deal brokered by Turkey")?"""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    by = tok.head
    return bool(tok.dep_ == "pobj" and by.dep_ == "agent" and by.head.dep_ == "acl")


def resolve_pronoun(tok: Token | None) -> Token | None:
    """A subject pronoun in a reported clause stands for the reporter ("X announced they were ...")."""
    if tok is None or tok.lower_ not in A.PRONOUNS:
        return tok
    clause = tok.head
    while clause.dep_ in ("conj",) and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i:
        subj, passive = subject(clause.head)
        if subj is not None and not passive and subj.lower_ not in A.PRONOUNS:
            return subj
    return None


def verb_arguments(ctx: A.Context, v: Token, m: Mention) -> None:
    subj, passive = subject(v)
    subj = resolve_pronoun(subj)
    agent = next((g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    objs = [c for c in v.children if c.dep_ in ("dobj", "dative")]
    if v.dep_ == "acl" and v.tag_ == "VBN":
        passive, subj = True, v.head  # "the deal brokered by Russia", "fighters shipped into Idlib"
    if passive:
        m.source = A.actors_of(ctx, agent)
        m.target = A.actors_of(ctx, subj)
    else:
        m.source = A.actors_of(ctx, subj)
        m.target = [a for o in objs for a in A.actors_of(ctx, o)]
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "on", "upon", "with", "at", "from"):
            if c.lower_ == "from" and m.trigger.frame not in ("split",):
                continue
            for g in c.children:
                if g.dep_ == "pobj":
                    m.target += [a for a in A.actors_of(ctx, g) if a not in m.target]
    if not m.target and not passive:
        m.target = [a for a in _affected(ctx, v, m, objs) if a not in m.source]
    _symmetric(m)


# Nouns that count out a batch of events: "a wave of strikes", "a series of bombings".
_BATCHES = frozenset("wave series round barrage spate string volley salvo number campaign".split())
# Nouns that carry someone else's words or plans: "rejected calls by X", "dismissed an appeal from X".
_PROPOSALS = frozenset(
    "call appeal demand request invitation proposal plan offer initiative change ultimatum crime "
    "action allegation accusation".split()
)


def _affected(ctx: A.Context, v: Token, m: Mention, objs: list[Token]) -> list[Actor]:
    """Whom a verbal or cooperative act is aimed at when it has no direct object actor (PLOVER target).

    Notes:
        Following the PLOVER codebook's target conventions: the recipient of help ("sent arms to
        Pakistan"), the one a demand is made of ("demanded that the US cancel"), the author of what is
        rejected or judged ("rejected calls by Belarus's rulers", "war crimes by extremists", "a
        Senegalese peace plan"), and the party of the intended act ("refused to deploy peacekeepers
        in Iraq").
    """
    found: list[Actor] = []
    cooperative = is_cooperative(m.type)
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "to" and cooperative and m.trigger.frame != "transfer":
            found += [a for g in c.children if g.dep_ == "pobj" for a in A.actors_of(ctx, g)]
        if c.dep_ == "ccomp" and m.type in ("DEMAND", "THREATEN", "DISAPPROVE"):
            subj, _ = subject(c)
            if subj is not None and subj.lower_ not in A.PRONOUNS:
                found += A.actors_of(ctx, subj)
    for o in objs:
        if lemma(o) in _PROPOSALS or lemma(o).rstrip("s") in _PROPOSALS:
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "against", "of"):
                    found += [a for g in c.children if g.dep_ == "pobj" for a in A.actors_of(ctx, g)]
                elif c.dep_ in ("poss", "amod", "compound") and c.lower_ not in A.PRONOUNS:
                    found += A.actors_of(ctx, c)
    if not found:
        for c in v.children:
            if c.dep_ == "xcomp":  # "refused to deploy peacekeepers in Iraq", "agreed to lift embargoes on X"
                for x in c.children:
                    if x.dep_ == "dobj" or (
                        x.dep_ == "prep" and x.lower_ in ("to", "in", "on", "with", "against")
                    ):
                        ys = [x] if x.dep_ == "dobj" else [g for g in x.children if g.dep_ == "pobj"]
                        found += [a for y in ys for a in A.actors_of(ctx, y)]
    return unique(found)


def noun_arguments(ctx: A.Context, n: Token, m: Mention) -> None:
    for c in n.children:
        if c.dep_ in ("nsubj",):  # a verb the tagger took for a noun: "Ahrar al-Sham split from HTS"
            m.source += A.actors_of(ctx, resolve_pronoun(c))
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and _anti(c):
            m.target += A.actors_of(ctx, c)  # "an anti-ISIS operation" is against ISIS
        elif c.dep_ == "poss" and c.lower_ in A.PRONOUNS:
            m.source += A.actors_of(ctx, _possessor(n))
        elif c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
            m.source += A.actors_of(ctx, c)
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            for g in objs:
                if c.lower_ == "by":
                    m.source += A.actors_of(ctx, g)
                elif c.lower_ == "between" or (c.lower_ == "among"):
                    both = A.actors_of(ctx, g)
                    m.source += both[:1]
                    m.target += both[1:]
                elif c.lower_ in ("of", "against", "on", "with", "from", "upon"):
                    if c.lower_ == "from" and m.trigger.frame != "split":
                        continue
                    m.target += A.actors_of(ctx, g)
        elif c.dep_ == "acl":
            if c.tag_ == "VBN":  # "the deal brokered by Russia and Turkey"
                for a in c.children:
                    if a.dep_ == "agent":
                        m.source += [x for g in a.children if g.dep_ == "pobj" for x in A.actors_of(ctx, g)]
            elif any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
                # "an operation to unroot ISIS": the purpose verb's object is the target.
                m.target += [x for g in c.children if g.dep_ == "dobj" for x in A.actors_of(ctx, g)]
    gov = n.head
    if n.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lemma_.lower() in _BATCHES:
        n = gov.head  # "launched a wave of strikes": the batch stands in for the strikes
        gov = n.head
    if n.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ == "VERB":
        gov = gov.head  # "were preparing for an all-out assault"
    if not m.source and n.dep_ in ("dobj", "nsubjpass", "pobj") and gov.lemma_.lower() in A.LIGHT_VERBS:
        subj, passive = subject(gov)
        if n.dep_ == "nsubjpass":
            m.source = [
                x for c in gov.children if c.dep_ == "agent" for g in c.children for x in A.actors_of(ctx, g)
            ]
        elif not passive:
            m.source = A.actors_of(ctx, resolve_pronoun(subj))
    m.source = unique(m.source)
    m.target = [a for a in unique(m.target) if a not in m.source]
    _symmetric(m)


def _anti(tok: Token) -> bool:
    """ "anti-ISIS" (one token or three): the modifier names whom the event is against."""
    doc = tok.doc
    before = " ".join(doc[j].lower_ for j in range(max(0, tok.i - 2), tok.i))
    return bool(tok.lower_.startswith("anti") or before.endswith("anti -") or before.endswith("anti"))


def _possessor(n: Token) -> Token | None:
    """Whom "its"/"their" stands for on an object noun: the subject of its verb ("Russia justified its
    incursion")."""
    verb = n.head.head if n.dep_ == "pobj" else n.head
    if n.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj, passive = subject(verb)
    return None if passive or subj is None or subj.lower_ in A.PRONOUNS else subj


def _symmetric(m: Mention) -> None:
    """For events between equals ("clashes between A and B"), split a shared side into source and target."""
    m.source = unique(m.source)
    m.target = [a for a in unique(m.target) if a not in m.source]
    if "sym" in m.trigger.flags and not m.target and len(m.source) > 1:
        m.source, m.target = m.source[:1], m.source[1:]


def unique(actors: list[Actor]) -> list[Actor]:
    return list({a.id: a for a in actors}.values())
