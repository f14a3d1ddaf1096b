"""Who did it and to whom: the source and target actors of an event trigger, read from the parse.

Subjects through coordination, control, relative clauses, gerund adjuncts ("by shipping in ..., the
regime"), predicative adjectives ("it is willing to withdraw") and documents ("a declaration
demanding"); passive agents; objects; pronouns in reported clauses and possessives. Targets beyond
the object (prepositions, purpose clauses, grievances, conditions) are in ``targets``. Actors are
those of the actors stage (see ``arguments``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitroom.document import Actor
from sitroom.stages.events import arguments as A
from sitroom.stages.events import targets as T
from sitroom.stages.events.lexicon import is_cooperative, triggers

if TYPE_CHECKING:
    from sitroom.stages.events.extract import Mention

Token = Any


lemma = A.lemma
unique = A.unique

# Words that can be a verb's auxiliary. Anything else the parser marks "aux" means it misread the
# clause ("UK helps raped Rwandan women": "helps" as the auxiliary of "raped"), and then the subject
# it found is not the doer of the event.
_AUXILIARIES = frozenset(
    "be is are was were been being am 's 're 'm have has had having 've 'd do does did will would "
    "shall should can could may might must ought 'll wo ca to get gets got getting going gon na "
    "need dare used".split()
)


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject, is_passive_subject) of a verb, through coordination, control and relative clauses."""
    if any(c.dep_ == "aux" and c.lower_ not in _AUXILIARIES for c in verb.children):
        return None, False
    for c in reversed(list(verb.children)):  # the nearest subject first
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                if c.lower_ != "who" and _in_agent_of_noun(verb.head):
                    # "a deal brokered by X and Y, which called for ...": the deal or its brokers?
                    # The parse cannot tell, so no one is named (precision before recall).
                    return None, False
                return verb.head, False
            if c.tag_ == "VBG" and c.dep_ == "nsubj":
                # "The Red Cross operating in Iraq said": the parser took the participle for the subject.
                noun = next((g for g in c.children if g.dep_ == "nsubj"), None)
                noun = noun or next((g for g in verb.children if g.dep_ == "nsubj" and g.i < c.i), None)
                if noun is not None:
                    return noun, False
            return c, False
        if c.dep_ == "nsubjpass":
            return c, True
    for c in verb.children:  # the parser sometimes hangs the subject on the auxiliary ("X is opposed")
        if c.dep_ in ("aux", "auxpass"):
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass"):
                    return g, c.dep_ == "auxpass" or g.dep_ == "nsubjpass"
    if depth > 4 or verb.head.i == verb.i:
        return None, False
    if verb.dep_ == "conj":
        return subject(verb.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        # "Syria says it is willing to withdraw", "X is ready to negotiate": the subject of "be".
        subj, passive = subject(verb.head.head, depth + 1)
        return (subj, False) if not passive else (None, False)
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
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and lemma(verb.head) in _DOCUMENTS:
        # "issued a declaration demanding that ...", "a statement by X calling for ...": a document
        # speaks for whoever issued it.
        doc_noun = verb.head
        by = [g for c in doc_noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
        if by:
            return by[0], False
        if doc_noun.dep_ == "dobj" and doc_noun.head.pos_ in ("VERB", "AUX"):
            subj, passive = subject(doc_noun.head, depth + 1)
            return (subj, False) if not passive else (None, False)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
        # "By shipping in 400 fighters, the regime is looking to ...", "after shelling the town, rebels
        # ...": a gerund adjunct shares the subject of the clause it modifies.
        host = verb.head.head
        if host.pos_ in ("VERB", "AUX") and host.i != verb.i:
            subj, passive = subject(host, depth + 1)
            return (subj, False) if not passive else (None, False)
    if verb.dep_ == "relcl":
        return verb.head, False
    return None, False


# Documents that speak for their issuer ("a declaration demanding ...").
_DOCUMENTS = frozenset(
    "statement declaration letter communique communiqué resolution decree report message note memo "
    "appeal petition ultimatum".split()
)


def _in_agent_of_noun(tok: Token) -> bool:
    """Is ``tok`` the agent of a participle that modifies a noun ("a deal brokered by Turkey")?"""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    by = tok.head
    return bool(tok.dep_ == "pobj" and by.dep_ == "agent" and by.head.dep_ == "acl")


def resolve_pronoun(tok: Token | None) -> Token | None:
    """A subject pronoun in a reported clause stands for the reporter ("X announced they were ...")."""
    if tok is None or not A.is_pronoun(tok):
        return tok
    clause = tok.head
    while clause.dep_ in ("conj",) and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i:
        subj, passive = subject(clause.head)
        if subj is not None and not passive and not A.is_pronoun(subj):
            return subj
    return None


def verb_arguments(ctx: A.Context, v: Token, m: Mention) -> None:
    subj, passive = subject(v)
    subj = resolve_pronoun(subj)
    agent = next((g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    objs = [c for c in v.children if c.dep_ in ("dobj", "dative")]
    # "providing intelligence to Macedonia": the parser marks the recipient's preposition as a dative.
    objs = [
        g for o in objs for g in ([o] if o.pos_ != "ADP" else [x for x in o.children if x.dep_ == "pobj"])
    ]
    if v.dep_ == "acl" and v.tag_ == "VBN":
        passive, subj = True, v.head  # "the deal brokered by Russia", "fighters shipped into Idlib"
    if passive and agent is None and T.P_STATIVE.get(lemma(v)) in {c.lower_ for c in v.children}:
        passive = False  # "Israel is opposed to French mediation": a state, not a passive
    if passive:
        m.source = A.actors_of(ctx, agent)
        m.target = A.actors_of(ctx, subj)
    else:
        m.source = A.actors_of(ctx, subj)
        m.target = [a for o in objs for a in A.actors_of(ctx, o)]
    m.target += [a for a in T.prep_targets(ctx, v, m) if a not in m.target]
    if not m.target and not passive:
        m.target = [a for a in _affected(ctx, v, m, objs) if a not in m.source]
    if not m.target and not passive:
        m.target = [a for a in T.object_event_targets(ctx, objs) if a not in m.source]
    if not m.target and not passive and any(T.eventive(o) for o in objs):
        # "halted economic aid to Serbia", "suspended flights to X": the parse hangs "to" on the verb.
        m.target = [
            a
            for c in v.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
            for a in A.actors_of(ctx, g)
            if a not in m.source
        ]
    if not m.target:
        m.target = [a for a in T.purpose_targets(ctx, v) if a not in m.source]
    if not m.target:
        m.target = [a for a in T.grievance_targets(ctx, [v], m) if a not in m.source]
    if not m.target and m.type == "THREATEN":
        m.target = [a for a in _condition_party(ctx, v) if a not in m.source]
    _symmetric(m)


def _condition_party(ctx: A.Context, v: Token) -> list[Actor]:
    """ "threatened to stop the talks if the United States deploys", "unless Baghdad accepts": a threat
    is aimed at whoever its condition is put to (PLOVER's target of THREATEN)."""
    for h in [v, *(c for c in v.children if c.dep_ == "xcomp")]:
        for c in h.children:
            marks = {x.lower_ for x in c.children if x.dep_ == "mark"}
            if c.dep_ == "advcl" and marks & {"if", "unless"}:
                subj, passive = subject(c)
                if subj is not None and not passive and not A.is_pronoun(subj):
                    return A.actors_of(ctx, subj)
    return []


# Nouns that count out a batch of events: "a wave of strikes", "a series of bombings".
_BATCHES = frozenset(
    "wave series round barrage spate string volley salvo number campaign day week month hour".split()
)
# Nouns that only carry the event named by their modifier: "a mediation mission", "the peace process".
EVENT_HEADS = frozenset("mission effort efforts process campaign drive programme program bid".split())
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
            if subj is not None and not A.is_pronoun(subj):
                found += A.actors_of(ctx, subj)
    for o in objs:
        if lemma(o) in _PROPOSALS or lemma(o).rstrip("s") in _PROPOSALS:
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "against", "of"):
                    found += [a for g in c.children if g.dep_ == "pobj" for a in A.actors_of(ctx, g)]
                elif c.dep_ in ("poss", "amod", "compound") and not A.is_pronoun(c):
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
    if n.dep_ == "compound" and lemma(n.head) in EVENT_HEADS:
        n = n.head  # "a mediation mission between A and B": the mission's arguments are the mediation's
    between: list[Actor] = []  # the parties of "talks between A and B"
    for c in n.children:
        if c.dep_ in ("nsubj",):  # a verb the tagger took for a noun: "Ahrar al-Sham split from HTS"
            m.source += A.actors_of(ctx, resolve_pronoun(c))
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and _anti(c):
            m.target += A.actors_of(ctx, c)  # "an anti-ISIS operation" is against ISIS
        elif c.dep_ == "poss" and A.is_pronoun(c):
            m.source += A.actors_of(ctx, _possessor(n))
        elif c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
            m.source += A.actors_of(ctx, c)
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            for g in objs:
                if c.lower_ == "by":
                    m.source += A.actors_of(ctx, g)
                elif c.lower_ == "between" or (c.lower_ == "among"):
                    between += A.actors_of(ctx, g)
                elif c.lower_ in ("of", "against", "on", "with", "from", "upon", "to", "into"):
                    if c.lower_ == "from" and m.trigger.frame not in T.FROM_FRAMES:
                        continue
                    if c.lower_ == "with" and T.helper(g):
                        continue
                    by_author = T.grievance(m) and c.lower_ != "of"
                    m.target += T.aimed_at(ctx, g, by_author)
                    if c.lower_ == "of" and not A.actors_of(ctx, g) and T.eventive(g):
                        m.target += T.object_event_targets(ctx, [g])  # "suspension of links with X"
        elif c.dep_ == "acl":
            if c.tag_ == "VBN":  # "the deal brokered by Russia and Turkey"
                for a in c.children:
                    if a.dep_ == "agent":
                        m.source += [x for g in a.children if g.dep_ == "pobj" for x in A.actors_of(ctx, g)]
            elif T.infinitive(c):
                # "an operation to unroot ISIS": the purpose verb's object is the target.
                m.target += T.clause_targets(ctx, c)
        elif c.dep_ == "relcl" and T.infinitive(c):
            m.target += T.clause_targets(ctx, c)  # "a hunger strike to protest against X" (parsed relcl)
    gov = n.head
    if n.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lemma_.lower() in _BATCHES:
        n = gov.head  # "launched a wave of strikes": the batch stands in for the strikes
        gov = n.head
    if n.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ == "VERB":
        gov = gov.head  # "were preparing for an all-out assault"
    light = n.dep_ in ("dobj", "nsubjpass", "pobj") and A.is_light(gov)
    if light and not m.source:
        subj, passive = subject(gov)
        if n.dep_ == "nsubjpass":
            m.source = [
                x for c in gov.children if c.dep_ == "agent" for g in c.children for x in A.actors_of(ctx, g)
            ]
        elif not passive:
            m.source = A.actors_of(ctx, resolve_pronoun(subj))
    if between and not m.source:
        m.source, m.target = between[:1], m.target + between[1:]  # "clashes between A and B"
    else:
        m.target += between  # "X mediated talks between A and B": A and B are whom X acts on
    if light and not m.target and n.dep_ == "dobj":
        # "gave a warm welcome to X", "issued an ultimatum to X", "launched raids against X", "launched
        # an operation to unroot X": the light verb carries the noun's target.
        m.target = T.prep_targets(ctx, gov, m)
        m.target += [
            a
            for c in gov.children
            if (c.dep_ == "dative") or (c.dep_ == "prep" and c.lower_ == "to" and lemma(gov) not in _MOTION)
            for g in ([c] if c.dep_ == "dative" else [x for x in c.children if x.dep_ == "pobj"])
            for a in A.actors_of(ctx, g)
        ]
        m.target = m.target or T.purpose_targets(ctx, gov)
    if not m.target:
        m.target = T.grievance_targets(ctx, [n, gov] if light else [n], m)
    m.source = unique(m.source)
    m.target = [a for a in unique(m.target) if a not in m.source]
    _symmetric(m)


# Light verbs of motion, whose "to X" is a destination, not a recipient ("returned to Geneva for talks").
_MOTION = frozenset("arrive return travel go come fly".split())


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
    return None if passive or subj is None or A.is_pronoun(subj) else subj


def _symmetric(m: Mention) -> None:
    """For events between equals ("clashes between A and B"), split a shared side into source and target."""
    m.source = unique(m.source)
    m.target = [a for a in unique(m.target) if a not in m.source]
    if "sym" in m.trigger.flags and not m.target and len(m.source) > 1:
        m.source, m.target = m.source[:1], m.source[1:]
