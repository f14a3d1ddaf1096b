"""Who a quotation's source is: full name, role and affiliation, with pronouns and surnames resolved.

The speaker's mention is read from the parse: the subject phrase with its apposition
("Alex Decina, a researcher at the Amman-based WANA Institute") or its title words
("Russia's President Vladimir Putin"). A pronoun ("he added") takes the last person named
outside any quotation; a surname ("Decina noted") the full name it ends; both inherit the
role and affiliation given at first mention. An unresolvable pronoun gives no speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sitroom.document import Actor, Span, Speaker
from sitroom.stages.nlp import text_of
from sitroom.stages.quotes.frames import _same_paragraph
from sitroom.stages.quotes.lexicon import people

_PERSONAL = frozenset({"he", "she", "him", "her", "his"})
_UNRESOLVED = frozenset({"they", "them", "it", "we", "i", "you", "us", "one", "its", "their", "our", "my"})
_DASHES = frozenset({"—", "–", "--"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NOT_PEOPLE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_NOT_NOMINAL = frozenset({"VERB", "AUX", "ADP", "ADV", "SCONJ", "CCONJ", "PART", "PUNCT", "SPACE"})
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."})
_AFFILIATION_PREPS = frozenset({"at", "of", "for", "with", "from"})
# How far back (characters) a pronoun looks for the person it stands for: about four paragraphs.
_PRONOUN_REACH = 1500


@dataclass
class Resolver:
    """Reads speaker mentions of one article in text order, remembering who has been named."""

    sp: Any
    actors: Sequence[Actor] = ()
    quoted: Sequence[tuple[int, int]] = ()  # quotation contents: names inside them are not antecedents
    known: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # name -> role, affiliation
    _persons: list[tuple[int, int, str]] = field(default_factory=list)
    _speakers: set[int] = field(default_factory=set)  # where named speakers stand: subjects of a cue

    def __post_init__(self) -> None:
        full: list[str] = []
        for ent in self.sp.ents:
            if ent.label_ != "PERSON" or self._in_quote(ent.start_char, ent.end_char) or _credit(ent):
                continue
            name = _clean_name(ent)
            if not name:
                continue
            name = _expand(name, full)
            if len(name.split()) > 1 and name not in full:
                full.append(name)
            self._persons.append((ent.start_char, ent.end_char, name))

    def speaker(self, head: int, content: tuple[int, int]) -> Speaker | None:
        """The Speaker whose mention is headed by token ``head``, or None when it cannot be named."""
        tok = self.sp[head]
        if tok.pos_ in _NOT_NOMINAL and not tok.ent_type_:
            return None  # a misparse gave a clause or a stray word as the subject ("speaking at …")
        span = _mention_span(tok, content)
        low = tok.lower_
        if low in _RELATIVE and tok.head.dep_ == "relcl" and low in ("who", "whom"):
            # "who" stands for the person just named; "which" often for a thing further back
            # ("a deal brokered by Turkey and Russia, which called for …"), so it names no one.
            noun = tok.head.head
            found = self.speaker(noun.i, content)
            return (
                None
                if found is None
                else Speaker(found.name, span, found.actor, found.role, found.affiliation)
            )
        if low in _UNRESOLVED or low in _RELATIVE:
            return None
        if low in _PERSONAL:
            hit = self._last_person(tok.idx)
            if hit is None or self._rival(tok, hit[1][1]):
                return None
            name, where = hit
            role, aff = self.known.get(name, (None, None))
            return Speaker(name, span, self._actor(where), role, aff)
        parts = [tok, *_conjuncts(tok)]
        if len(parts) > 1 and all(self._is_person(p) for p in parts):
            # "Both Van Ostaeyen and Decina speculated": several named people share the cue.
            names = [self._full(self._name(p)[0], p.idx) for p in parts]
            return Speaker(" and ".join(names), span, self._actor((tok.idx, tok.idx + len(tok.text))))
        name, person = self._name(tok)
        role, aff = _role_and_affiliation(tok)
        if person or (tok.pos_ == "PROPN" and len(name.split()) <= 2):
            name = self._full(name, tok.idx)
            person = person or name in self.known
        if not person and tok.pos_ == "PROPN" and role and tok.ent_type_ not in _NOT_PEOPLE:
            person = True  # "Governor Ercan Topaca told": a title before a name the tagger missed
        if person:
            old_role, old_aff = self.known.get(name, (None, None))
            role, aff = role or old_role, aff or old_aff
            self.known[name] = (role, aff)
            self._remember(tok, name)
        elif aff is None and _entity(tok) is None:
            role = None  # "experts", "the international community": a common noun is not a role by itself
        return Speaker(name, span, self._actor((tok.idx, tok.idx + len(tok.text))), role, aff)

    def _remember(self, tok: Any, name: str) -> None:
        """A named speaker is a person later pronouns and surnames may stand for, tagged or not."""
        if any(s <= tok.idx < e for s, e, _ in self._persons):
            return
        self._persons.append((tok.idx, tok.idx + len(tok.text), name))
        self._persons.sort()
        self._speakers.add(tok.idx)

    def _is_person(self, tok: Any) -> bool:
        ent = _entity(tok)
        if ent is not None and ent.label_ == "PERSON":
            return True
        return bool(tok.pos_ == "PROPN" and self._full(tok.text, tok.idx) != tok.text)

    def _name(self, tok: Any) -> tuple[str, bool]:
        ent = _entity(tok)
        if ent is not None and ent.label_ == "PERSON":
            return _clean_name(ent), True
        for c in tok.children:  # "Carter's press secretary, Peter Cook": the apposition is the name
            e = _entity(c) if c.dep_ == "appos" else None
            if e is not None and e.label_ == "PERSON":
                return _clean_name(e), True
        if tok.pos_ == "NOUN":  # "Another hardliner group, Huras al-Din,": the apposition names it
            named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                tok = named
        person = self._is_person(tok)
        words = _core(tok, conj=not person)
        while words and (words[0].dep_ == "preconj" or words[0].lower_ in ("both", "either", "neither")):
            words = words[1:]
        if person:
            return _join([t for t in words if t.pos_ == "PROPN"]) or tok.text, True
        if len(words) > 1 and words[0].lower_ == "the" and words[1].pos_ == "PROPN":
            words = words[1:]
        if not words:
            return tok.text, False
        text = text_of(tok.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
        return text.strip(" ,;:—–-"), False

    def _full(self, name: str, before: int) -> str:
        earlier = [n for s, _, n in self._persons if s < before]
        return _expand(name, list(reversed(earlier)))

    def _last_person(self, before: int) -> tuple[str, tuple[int, int]] | None:
        """The person a pronoun stands for: the last one named as a subject, else the only one named."""
        near = [(s, e, n) for s, e, n in self._persons if e <= before and before - e <= _PRONOUN_REACH]
        for s, e, name in reversed(near):
            if self._is_subject(s):
                return name, (s, e)
        if len({name for _, _, name in near}) == 1:
            s, e, name = near[-1]  # one person named, never as a subject: "According to X, …", "he said"
            return name, (s, e)
        return None

    def _rival(self, pronoun: Any, named_end: int) -> bool:
        """Whether a person named by a common noun stands between the pronoun and the last name.

        "The attacker is killed by police; he pledges allegiance to …": "he" is the attacker, not the
        minister named paragraphs before. Such a pronoun is left unresolved rather than guessed.
        """
        for t in self.sp[: pronoun.i]:
            if t.idx < named_end or self._in_quote(t.idx, t.idx + len(t.text)):
                continue
            if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NN" and not t.ent_type_ and _human(t):
                return True
        return False

    def _is_subject(self, start: int) -> bool:
        if start in self._speakers:
            return True
        tok = self.sp.char_span(start, start + 1, alignment_mode="expand")
        if tok is None:
            return False
        head = tok.root
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        appos_of_subject = head.dep_ == "appos" and head.head.dep_ == "nsubj"
        return bool(head.dep_ in ("nsubj", "nsubjpass") or appos_of_subject)

    def _in_quote(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self.quoted)

    def _actor(self, span: tuple[int, int]) -> str | None:
        a, b = span
        for actor in self.actors:
            if any(m.start < b and a < m.end for m in actor.mentions):
                return actor.id
        return None


def actor_for(actors: Sequence[Actor], span: Span | None) -> str | None:
    """Id of the actor with a mention overlapping ``span``."""
    if span is None:
        return None
    for actor in actors:
        if any(m.start < span.end and span.start < m.end for m in actor.mentions):
            return actor.id
    return None


def _expand(name: str, candidates: Sequence[str]) -> str:
    """ "Decina" -> "Alex Decina": the first candidate full name that ends with the given words."""
    words = name.split()
    if not words:
        return name
    for full in candidates:
        fw = full.split()
        if len(fw) > len(words) and fw[-len(words) :] == words:
            return full
    return name


def _entity(tok: Any) -> Any:
    """The named-entity span around ``tok`` (read from the IOB tags: ``doc.ents`` rebuilds every call)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=tok.ent_type_)


def _clean_name(ent: Any) -> str:
    words = [t for t in ent if t.lower_ not in _HONORIFICS and t.text not in ("'s", "’s", "'", "’")]
    return _join(words).strip(" ,")


def _core(tok: Any, conj: bool = True) -> list[Any]:
    """The noun phrase of ``tok`` without appositions, relative clauses, parentheticals (or conjuncts)."""
    # "case": the possessive "'s" of a possessor source ("Moscow's claim that …").
    deps = {"appos", "relcl", "acl", "advcl", "case"} | (set() if conj else {"conj", "cc", "preconj"})
    cut = {c.i for c in tok.children if c.dep_ in deps or _when(c)}
    drop: set[int] = set()
    for c in tok.children:
        if c.i in cut:
            drop.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in drop]
    # Keep the contiguous run around the head, inside its line: a caption or credit line the
    # parser ran into the name ("Paula Bronstein / 4/16 2007 Students") is no part of it.
    run = [tok]
    for t in reversed([t for t in toks if t.i < tok.i]):
        if t.i != run[0].i - 1 or "\n" in t.whitespace_ or "\n" in t.text:
            break
        run.insert(0, t)
    for t in [t for t in toks if t.i > tok.i]:
        if t.i != run[-1].i + 1 or "\n" in run[-1].whitespace_ or "\n" in t.text:
            break
        run.append(t)
    return run


def _role_and_affiliation(tok: Any) -> tuple[str | None, str | None]:
    """Role and affiliation from an apposition or from title words before a name."""
    appos = next((c for c in tok.children if c.dep_ == "appos"), None)
    appos_ent = None if appos is None else _entity(appos)
    if appos_ent is not None and appos_ent.label_ == "PERSON":
        return _role_words(tok), _affiliation(tok)  # "Carter's press secretary, Peter Cook"
    if appos is not None and appos.pos_ in ("NOUN", "PROPN"):
        return _role_words(appos), _affiliation(appos)
    ent = _entity(tok)
    if ent is None or ent.label_ != "PERSON":
        if tok.pos_ == "NOUN":
            return _role_words(tok), _affiliation(tok)
        return None, None
    # Title words run up to the name: "Interior Minister Ahmad Khalil", "Republican candidate Jane Roe".
    doc = tok.doc
    in_phrase = {t.i for t in tok.subtree}
    titles: list[Any] = []
    org: list[Any] = []  # "Texas Sen. Ted Cruz", "Hamas leader Ismail Haniyeh": a place or body first
    k = ent.start - 1
    while k >= 0 and k in in_phrase:
        t = doc[k]
        if t.dep_ in ("poss", "case", "det", "punct") or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
        # A place is always the affiliation; an organisation only before a lowercase title
        # ("Hamas political leader"): "Interior Minister" is one title.
        body = t.ent_type_ == "GPE" or (t.ent_type_ == "ORG" and bool(titles) and titles[0].is_lower)
        if body and (org or not titles or titles[0].ent_type_ == ""):
            org.insert(0, t)
        elif not org and t.lower_ not in _HONORIFICS:
            titles.insert(0, t)
        else:
            break
        k -= 1
    if titles and titles[-1].pos_ == "PROPN" and not _known_title(titles[-1]):
        # "Chrissy Teigen" with only "Teigen" tagged: a capitalised word before the name is a title
        # only when the knowledge base lists it ("Minister", "Sen.", "President").
        titles, org = [], []
    role = _join(titles) or None
    return role, _affiliation(tok) or (_join(org) if org and titles else None)


def _known_title(word: Any) -> bool:
    from sitroom.stages.actors.kb import load_kb

    titles = load_kb().titles
    return word.lower_ in titles or word.lower_.rstrip(".") in titles or word.lower_ + "." in titles


def _role_words(noun: Any) -> str | None:
    """The role phrase of a noun: its modifiers and conjoined nouns, without articles or prepositions."""
    skip = {"det", "poss", "case", "punct", "prep", "relcl", "acl", "appos", "advmod"}
    drop: set[int] = set()
    for c in noun.children:
        if c.dep_ in skip:
            drop.update(t.i for t in c.subtree)
    words = [t for t in noun.subtree if t.i not in drop]
    words = [t for t in words if not (t.dep_ == "cc" and t.i == words[-1].i)]
    return _join(words) or None


def _affiliation(noun: Any) -> str | None:
    # "Russia's President Vladimir Putin": the possessor may hang on the title word, not the name.
    poss = next((c for c in noun.subtree if c.dep_ == "poss" and c.pos_ == "PROPN" and c.i < noun.i), None)
    if poss is not None:
        return _join([t for t in poss.subtree if t.text not in ("'s", "’s", "'", "’")])
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPS:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        ent = _entity(pobj)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC"):
            return _join([t for t in ent if t.lower_ != "the"])
        if pobj.pos_ == "PROPN":
            return _join([t for t in pobj.subtree if t.dep_ not in ("det", "punct")])
    return None


def _human(noun: Any) -> bool:
    """A common noun for one person that is no title ("attacker", "gunman", "witness")."""
    return noun.lemma_.lower() in people()


def _credit(ent: Any) -> bool:
    """A name that closes its line without a verb of its own there: a photo or author credit
    ("… (Kabul, March 22, 2015) Paula Bronstein"), which no later "he" or "she" stands for.

    The parser often runs such a line into the next paragraph and makes the name the subject of
    its verb ("Paula Bronstein / The Nato spokesperson said …"); a subject across a line break is
    no subject.
    """
    text = text_of(ent.doc)
    end = text.find("\n", ent.end_char)
    rest = text[ent.end_char : len(text) if end < 0 else end]
    if any(c.isalnum() for c in rest):
        return False
    root = ent.root
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.i == root.i:
        return True
    return not _same_paragraph(root, verb)


def _mention_span(tok: Any, content: tuple[int, int]) -> Span:
    """The speaker's phrase with its apposition, without relative or participial clauses ("who …",
    "speaking at a rally"), inside its paragraph, cut back to the head if it runs into the content."""
    if tok.lower_ in _RELATIVE:
        toks = [tok]
    else:
        drop: set[int] = set()
        for c in tok.children:
            if c.dep_ in ("relcl", "acl", "advcl", "case") or _when(c):
                drop.update(t.i for t in c.subtree)
        kept = [t for t in tok.subtree if t.i not in drop]
        toks = [tok]
        for t in reversed([t for t in kept if t.i < tok.i]):
            if t.i != toks[0].i - 1 or "\n" in t.whitespace_ or "\n" in t.text:
                break
            if t.text in _DASHES:
                break  # "RENO, Nev. (AP) — Donald Trump said": the dateline is no part of the name
            toks.insert(0, t)
        for t in [t for t in kept if t.i > tok.i]:
            if t.i != toks[-1].i + 1 or "\n" in toks[-1].whitespace_ or "\n" in t.text:
                break
            toks.append(t)
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if a < content[1] and content[0] < b:
        a, b = tok.idx, tok.idx + len(tok.text)
    text = text_of(tok.doc)
    while b > a and text[b - 1] in " ,;:—–-\n\t\xa0":
        b -= 1
    while a < b and text[a] in " ,;:—–-\n\t\xa0":
        a += 1
    return Span(a, b)


def _when(child: Any) -> bool:
    """A time phrase hung on the speaker by the parser ("The military source on Tuesday said")."""
    return bool(child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree))


def _conjuncts(tok: Any) -> list[Any]:
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend([c, *_conjuncts(c)])
    return out


def _join(tokens: Sequence[Any]) -> str:
    """Token texts with their own spacing, and a space where tokens were left out between them."""
    out = []
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        out.append(t.text_with_ws if nxt is None or nxt.i == t.i + 1 else t.text + " ")
    return "".join(out).strip()
