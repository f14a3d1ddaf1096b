"""Whether an event happened (occurred, ongoing, planned, threatened, hypothetical, negated) and who says so.

Read from the parse around the trigger: its own auxiliaries, negation and modifiers, then the clauses
that govern it ("were preparing for", "vowed to", "if"), nearest first. Precision first: a cue that
fits makes the event something other than a thing that happened.
"""

from __future__ import annotations

from typing import Any

from sitroom.stages.events.lexicon import status_cues, triggers

Token = Any

_DEFINITE = frozenset("the this that these those its their his her our".split())
_PROGRESSIVE_PRESENT = frozenset("is are am 's 're".split())
# Dependencies through which a governing word's meaning reaches the trigger (complements), as opposed
# to relative clauses and adverbials, which are assertions of their own.
_COMPLEMENT = frozenset("xcomp ccomp pcomp pobj prep conj dobj attr oprd acomp advcl acl csubj nsubj".split())
# Subordinators of a clause that happens within the main clause's modality ("will fight until ...").
_SHARED_MARKS = frozenset("until till before after once when".split())
# Verbs that begin, continue or carry out the event a noun names.
ASPECTUAL = frozenset(
    "launch carry conduct stage mount wage begin start restart resume continue renew undertake "
    "intensify escalate step".split()
)
# Verbs that make someone do something: what they lead to shares their status, it is no purpose.
_CAUSATIVE = frozenset("lead cause force prompt compel drive push spur trigger".split())
# Verbs of saying and reporting: their subject is who reports an event told in their complement.
SPEECH = frozenset(
    "say tell report claim announce state confirm add note argue allege insist reveal quote write "
    "accuse estimate acknowledge admit explain assert testify suggest".split()
)


def event_status(trigger: Token, is_noun: bool) -> str:
    """The status of the event named by ``trigger``.

    Notes:
        Cue classes after FactBank (Sauri & Pustejovsky 2009): modals, conditionals, intention and
        commitment predicates, negation. A definite noun ("the deal", "Assad's transfer") presupposes
        its event, so only its own modifiers and its direct governor count; an indefinite one
        ("an all-out assault") takes the modality of the clause around it.
    """
    cues = status_cues()
    if is_noun:
        for c in trigger.children:
            if c.dep_ == "det" and c.lower_ in cues["det"]:
                return cues["det"][c.lower_]
            hyphenated = c.i > 0 and c.doc[c.i - 1].text == "-"  # "long-threatened invasion"
            if c.dep_ in ("amod", "compound") and c.lower_ in cues["mod"] and not hyphenated:
                return cues["mod"][c.lower_]
        definite = any(
            (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in trigger.children
        )
        node = trigger
        subject = trigger.dep_ in ("nsubj", "nsubjpass")
        # Up to the clause the noun belongs to ("preparing for an assault": assault -> for -> preparing).
        while node.dep_ in (
            "pobj",
            "prep",
            "dobj",
            "nsubj",
            "nsubjpass",
            "attr",
            "conj",
            "appos",
            "compound",
        ):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX", "ADJ") or (node.pos_ == "NOUN" and node.lemma_ in cues["gov"]):
                break
        if node.i == trigger.i:
            return "occurred"
        if definite and not subject and _demanded(trigger, node):
            return "hypothetical"  # "demanded the withdrawal of US troops": asked for, not done
        if definite and not (node.lemma_.lower() in ASPECTUAL and not subject):
            # A definite noun presupposes its event ("undermine the deal", "Assad's transfer threatens
            # to ...", "under the deal, X must ..."): only the modality of a verb that acts on it as
            # its object ("will extend the curfew") reaches it. An aspectual or support verb
            # ("restarting the assault", "launch the offensive") carries the event's own status, so
            # it is read like the event's verb.
            if trigger.dep_ == "dobj":
                return _own_cues(node, cues) or "occurred"
            return "occurred"
        if definite:
            return _climb(node, cues, start_is_gov=False) or "occurred"
        if subject:
            # "An offensive is expected to begin", "an attack is likely to happen": a raising verb or
            # adjective with a to-clause says how sure the subject's event is.
            for g in (node, *(c for c in node.children if c.dep_ == "acomp")):
                if _gov_key(g, cues["gov"]) and any(c.dep_ == "xcomp" for c in g.children):
                    return _gov_status(g, cues)
        # A subject is not what its verb plans or fears; only the verb's own modality reaches it. A
        # passive subject is: "an offensive is planned", "an attack was prevented".
        passive = trigger.dep_ == "nsubjpass"
        return _climb(node, cues, start_is_gov=not subject or passive) or "occurred"
    return _climb(trigger, cues, start_is_gov=False) or "occurred"


def _demanded(trigger: Token, verb: Token) -> bool:
    """ "Iran demanded the withdrawal of US troops", "called for the release of the sailors", "insisted
    on the handover": a definite noun presupposes its event, except as what a demand asks for, which
    has not happened yet. ``verb`` is the verb the noun belongs to; it must name a demand itself (a
    DEMAND trigger that needs no to-clause) and take the noun as its object or by a preposition."""
    if verb.pos_ != "VERB" or not any(
        r.type == "DEMAND" and not r.comp and (not r.prep or _by_prep(trigger, verb, r.prep))
        for r in triggers().get(verb.lemma_.lower(), ())
    ):
        return False
    return (trigger.head.i == verb.i and trigger.dep_ == "dobj") or _by_prep(trigger, verb, frozenset())


def _by_prep(trigger: Token, verb: Token, preps: frozenset[str]) -> bool:
    """``trigger`` is the object of a preposition of ``verb`` (one of ``preps``, if any given)."""
    prep = trigger.head
    return (
        trigger.dep_ == "pobj"
        and prep.head.i == verb.i
        and prep.dep_ == "prep"
        and (not preps or prep.lower_ in preps)
    )


def _own_cues(tok: Token, cues: dict[str, dict[str, str]], with_neg: bool = True) -> str | None:
    """Status from the auxiliaries, negation, subordinator and adverbs of the clause headed by ``tok``."""
    found = None
    for c in tok.children:
        low = c.lower_
        if with_neg and (c.dep_ == "neg" or (c.dep_ == "advmod" and low in cues["adv"])):
            return "negated"
        if c.dep_ == "aux" and c.text == "May" and c.i != c.sent.start:
            continue  # "since 21 May have killed": the month, tagged as a modal
        if c.dep_ == "aux" and low in cues["aux"] and found is None:
            found = cues["aux"][low]
            if low == "would" and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SPEECH:
                found = "planned"  # "they said they would blockade Paris": the future of a past report
            if found == "planned" and _predicted(tok, cues):
                found = "hypothetical"
        if c.dep_ == "mark" and low in cues["mark"]:
            found = cues["mark"][low]
    if found is None and with_neg and tok.tag_ == "VBG":
        auxes = [c.lower_ for c in tok.children if c.dep_ == "aux"]
        if any(a in _PROGRESSIVE_PRESENT for a in auxes) or "been" in auxes:
            found = "ongoing"
    if found is None and mandative(tok):
        found = "hypothetical"  # "insisted that Israel withdraw its troops": asked for, not done
    if found is None and with_neg and _habitual(tok, cues.get("habitual", {})):
        found = "ongoing"
    return found


def mandative(tok: Token) -> bool:
    """A that-clause in the bare form with "that", its own subject and no auxiliary: the mandative subjunctive
    ("demanded that he resign", "insisted that Israel withdraw"), which states what someone wants done.
    The tagger gives the bare form (VB) only where it differs from the present, so "that they withdraw"
    is not caught, and nothing that is a plain present is."""
    return (
        tok.tag_ == "VB"
        and tok.dep_ == "ccomp"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


def _habitual(tok: Token, habitual: dict[str, str]) -> bool:
    """ "Airstrikes kill civilians every week", "militants regularly attack convoys": the simple present
    with a frequency word tells a pattern that goes on (ongoing), not one event that occurred."""
    if tok.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in habitual:
            return True
        if c.dep_ == "npadvmod" and any(d.dep_ == "det" and d.lower_ in habitual for d in c.children):
            return True
    return False


def _predicted(tok: Token, cues: dict[str, dict[str, str]]) -> bool:
    """ "Deporting them will lead to more infighting", "the move will spark clashes": a future that no
    one intends is a forecast (hypothetical), not a plan. Outcome verbs (status_cues.tsv, role
    ``outcome``) and clauses whose subject is itself an act (a gerund) forecast."""
    if tok.lemma_.lower() in cues.get("outcome", {}):
        return True
    return any(c.dep_ == "csubj" for c in tok.children)


def _gov_key(tok: Token, gov: dict[str, str]) -> str | None:
    """The governor cue ``tok`` is, if any; the small model's lemmatiser misses some ("hopes" -> "hop")."""
    low = tok.lower_
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if prt is not None:
        # A particle makes another verb: "set up" is no "set to", "called in support" no "call for";
        # only a particle verb listed as such ("call off") is a cue.
        key = f"{tok.lemma_.lower()} {prt}"
        return key if key in gov else None
    for key in (
        tok.lemma_.lower(),
        low,
        low[:-1] if low.endswith("s") else "",
        low[:-2] if low.endswith("es") else "",
    ):
        if key and key in gov:
            return key
    return None


def _gov_status(gov: Token, cues: dict[str, dict[str, str]]) -> str:
    status = cues["gov"][_gov_key(gov, cues["gov"]) or ""]
    denied = any(c.lower_ in ("no", "not", "n't", "never") and c.dep_ in ("det", "neg") for c in gov.children)
    if status == "negated":
        # "little stopping Assad from sending more": a negated preventer leaves the event possible.
        if any(c.lower_ in ("little", "nothing", "no", "not", "n't") for c in gov.children):
            return "hypothetical"
        if any(c.lower_ in ("little", "nothing", "no") for c in gov.head.children) and gov.head.i != gov.i:
            return "hypothetical"
    elif denied:
        return "negated"  # "has no plans to attack", "did not intend to strike"
    return status


def _climb(tok: Token, cues: dict[str, dict[str, str]], start_is_gov: bool) -> str | None:
    """The nearest status cue on the way from the trigger's clause up to the sentence root.

    ``start_is_gov``: ``tok`` is the word that governs a noun trigger ("preparing" for "an assault"),
    so its own meaning counts as a cue.
    """
    gov = cues["gov"]
    if start_is_gov and _gov_key(tok, gov):
        return _gov_status(tok, cues)
    own = _own_cues(tok, cues)
    if own is not None:
        return own
    node = tok
    for _ in range(12):
        dep = node.dep_
        if node.head.i == node.i or dep not in _COMPLEMENT:
            return None
        if dep == "ccomp" and any(c.tag_ in ("WP", "WRB", "WDT") for c in node.children):
            return None  # "unable to determine who carried out the attack": a wh-clause presupposes it
        if dep in ("advcl", "acl"):
            marks = [c.lower_ for c in node.children if c.dep_ == "mark" and c.lower_ in cues["mark"]]
            if marks:
                return cues["mark"][marks[0]]
            to_clause = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if to_clause and node.head.lemma_.lower() in _CAUSATIVE:
                pass  # "clashes escalated, leading Damascus to bomb ...": the result shares the status
            elif to_clause:
                if _gov_key(node.head, gov):
                    return _gov_status(node.head, cues)
                return "planned"  # a purpose clause: "launched an operation to unroot ISIS"
            if dep == "acl":
                return None  # "the deal brokered by Russia": a participle asserts its own event
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ not in _SHARED_MARKS for c in node.children):
            return None  # "while Ukraine refuses ...", "because ...": an assertion of its own
        # "By shipping in 400 fighters, the regime is looking to ...": a means is done, whatever the
        # main verb aims at; only the main clause's own modals reach it.
        means = dep == "prep" and node.lower_ == "by"
        node = node.head
        if dep == "advcl" or means:
            # "continue its offensive until Hamas is destroyed": an adverbial clause shares the modality
            # of its main clause, but is not what the main verb means (no governor sense).
            own = _own_cues(node, cues, with_neg=not means)  # a means is done, not "ongoing"
            if own is not None:
                return own
            continue
        if dep in ("conj", "nsubj", "csubj"):
            # Coordinated verbs share modals and subordinators, not negation or the governor's sense;
            # a gerund subject ("deporting them will lead to ...") takes the modality of its verb.
            own = _own_cues(node, cues, with_neg=dep != "conj")
            if own is not None:
                return own
            continue
        if _gov_key(node, gov):
            return _gov_status(node, cues)
        own = _own_cues(node, cues)
        if own is not None:
            return own
    return None


def speech_source(trigger: Token) -> Token | None:
    """The subject of a verb of saying that reports the event ("X said", "according to X"), if any."""
    node = trigger
    for _ in range(12):
        for c in node.children:
            if c.lower_ == "according" and c.dep_ == "prep":
                for to in c.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
            if c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in SPEECH and c.i > trigger.i:
                subj = _subject(c)
                if subj is not None:
                    return subj
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH:
            subj = _subject(node.head)
            if subj is not None:
                return subj
        if node.dep_ in ("relcl",):
            break
        node = node.head
    return None


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None
