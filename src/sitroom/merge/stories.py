"""Stories: articles that report the same real-world news event, grouped by average-linkage clustering.

Copies are one concern (``duplicates``); a story is another: ten outlets writing their own articles
about one missile launch. Articles are TF-IDF vectors of their title, text and named entities; two
articles may join only when published within ``WINDOW_DAYS`` of each other, and clusters merge while
their average pairwise cosine stays above ``MIN_SIMILARITY``.

Notes:
    Average linkage (UPGMA) rather than single linkage: single linkage chains one off-topic pair into
    a giant cluster, which counts as many false "same story" pairs (precision before recall).
    TF-IDF with sublinear tf (Salton & Buckley 1988; Manning et al., *IR* ch. 6).
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

# Chosen on the even-numbered giveme5w1h clusters (evaluate/merge.py) from a grid of 0.06..0.35 as
# the lowest value that kept pairwise precision >= 0.99 there; the odd half gave the same picture
# (P 1.00, R 0.80), so the value is not fitted to one half. Below 0.10 precision falls off fast.
MIN_SIMILARITY = 0.12
# A news story is told within weeks; later follow-ups (a trial, an anniversary) are new stories.
# 10 days lost a fifth of the recall on the same half (news-please dates are often the crawl's),
# 30 lost nothing in precision. Articles without a date are compared with everything.
WINDOW_DAYS = 30
TITLE_WEIGHT = 3  # the title names the event; count its words three times
ENTITY_WEIGHT = 2  # a named entity (as one feature) counts twice
MAX_DF = 0.5  # words in more than half the corpus carry no story signal
# Two articles of one story share some of their heaviest terms (names, places, the event's words).
TOP_TERMS = 30
MAX_POSTING = 400
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class StoryInput:
    id: str
    title: str
    text: str
    published: str | None = None  # ISO date or datetime
    entities: tuple[str, ...] = field(default=())


def find_stories(articles: Sequence[StoryInput]) -> dict[str, str]:
    """Map every article id to its story id (the id of the story's earliest article)."""
    vectors = _tfidf(articles)
    days = [_day(a.published) for a in articles]
    sims = _similarities(vectors, days)
    clusters = _average_linkage(len(articles), sims)
    out: dict[str, str] = {}
    for members in clusters:
        members.sort(key=lambda i: (articles[i].published or "\uffff", articles[i].id))
        for i in members:
            out[articles[i].id] = articles[members[0]].id
    return out


def _stopwords() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is in the nlp extra
        return frozenset()
    return frozenset(STOP_WORDS)


def _features(a: StoryInput, stop: frozenset[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for w in _WORD.findall(a.title.lower()):
        if w not in stop:
            counts[w] += TITLE_WEIGHT
    for w in _WORD.findall(a.text.lower()):
        if w not in stop:
            counts[w] += 1
    for e in a.entities:
        counts["@" + e.lower()] += ENTITY_WEIGHT
    return counts


def _tfidf(articles: Sequence[StoryInput]) -> list[dict[str, float]]:
    stop = _stopwords()
    counts = [_features(a, stop) for a in articles]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    max_df = int(MAX_DF * n) if n >= 20 else n  # document frequency means little in a handful
    vectors = []
    for c in counts:
        # smoothed idf (+1, as scikit-learn): a word in every article of a small corpus still counts
        v = {
            t: (1 + math.log(k)) * (1 + math.log((1 + n) / (1 + df[t])))
            for t, k in c.items()
            if df[t] <= max_df
        }
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _similarities(vectors: list[dict[str, float]], days: list[int | None]) -> dict[tuple[int, int], float]:
    """Cosine of the candidate pairs within the time window.

    Candidates share one of their ``TOP_TERMS`` heaviest terms (an inverted index, no n^2 loop); a
    term heading more than ``MAX_POSTING`` articles is too common to propose pairs on its own.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for t, _ in heapq.nlargest(TOP_TERMS, v.items(), key=lambda kv: kv[1]):
            postings[t].append(i)
    pairs: set[tuple[int, int]] = set()
    for plist in postings.values():
        if 2 <= len(plist) <= MAX_POSTING:
            pairs.update(itertools.combinations(plist, 2))
    out = {}
    for i, j in pairs:
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs(di - dj) > WINDOW_DAYS:
            continue
        small, large = (
            (vectors[i], vectors[j]) if len(vectors[i]) < len(vectors[j]) else (vectors[j], vectors[i])
        )
        s = sum(x * large.get(t, 0.0) for t, x in small.items())
        if s > 0.05:  # far below any threshold: keeps the linkage graph sparse
            out[(i, j)] = s
    return out


def _average_linkage(n: int, sims: dict[tuple[int, int], float]) -> list[list[int]]:
    """UPGMA on a sparse graph: missing pairs count as similarity 0, so they pull averages down."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of pair sims
    for (i, j), s in sims.items():
        total[i][j] = total[j][i] = s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= MIN_SIMILARITY]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = total[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:  # stale entry: the pair's average changed since it was pushed
            continue
        members[a].extend(members.pop(b))
        for c, s in total.pop(b).items():
            total[c].pop(b, None)
            if c == a:
                continue
            total[a][c] = total[a].get(c, 0.0) + s
            total[c][a] = total[a][c]
        for c, s in total[a].items():
            avg = s / (len(members[a]) * len(members[c]))
            if avg >= MIN_SIMILARITY:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return list(members.values())
