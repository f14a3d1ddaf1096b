"""Near-duplicate articles (wire copies, syndication, updates): MinHash of word 5-shingles, then LSH.

Notes:
    Broder (1997), "On the resemblance and containment of documents": resemblance is the Jaccard
    index of w-shingle sets, estimated by min-wise hashing; Leskovec, Rajaraman & Ullman, *Mining of
    Massive Datasets* ch. 3 for the banding (LSH) that finds candidate pairs without comparing all
    pairs. Candidates are then checked on the exact shingle sets, so a hash collision never links two
    articles.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# 5-word shingles: long enough that two independent reports of the same event share few of them,
# short enough that an edited copy (a changed sentence, a new lead) keeps most (Broder 1997 uses w=10
# on web pages; news copies are shorter and w=4..5 is usual for them).
SHINGLE = 5
# 126 hashes in 42 bands of 3 rows: a pair with Jaccard 0.5 becomes a candidate with p=0.996,
# one with Jaccard 0.1 with p=0.04 (1-(1-J^3)^42), so the exact check stays cheap.
HASHES = 126
BANDS = 42
# A copy: resemblance >= 0.5, or one text >= 80% contained in the other (an excerpt or an update
# that adds paragraphs). Independent reports of one event, even from the same wire, stay well below.
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES = 10  # shorter texts are too small to call copies of anything

_WORD = re.compile(r"\w+")
_MASK = np.uint64((1 << 64) - 1)
_rng = np.random.default_rng(20181001)
_A = _rng.integers(1, 2**62, size=HASHES, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**62, size=HASHES, dtype=np.uint64)


@dataclass(frozen=True)
class Duplicate:
    article_id: str
    duplicate_of: str  # the first article (by publication, then id) of its copy group
    similarity: float  # Jaccard of shingles with the article it was linked through


def shingles(text: str) -> npt.NDArray[np.uint64]:
    """Sorted unique 64-bit hashes of the lower-cased word 5-grams of ``text``."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):  # polynomial rolling combination, wrapping at 2**64
            acc = acc * np.uint64(1_000_003) + h[j : j + n]
    return np.unique(acc)


def minhash(sh: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The MinHash signature (HASHES values) of a shingle set."""
    if sh.size == 0:
        return np.full(HASHES, _MASK, dtype=np.uint64)
    with np.errstate(over="ignore"):
        # multiply-shift hashing (Dietzfelbinger et al. 1997): odd a, wrap at 2**64
        sig: npt.NDArray[np.uint64] = ((sh[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(16)).min(axis=1)
    return sig


def resemblance(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter), inter / min(a.size, b.size)


def find_duplicates(ids: Sequence[str], texts: Sequence[str], order: Sequence[str]) -> list[Duplicate]:
    """Copies among the articles; ``order`` (e.g. publication time) picks the original of each group.

    Args:
        ids: article ids.
        texts: their cleaned texts.
        order: a sortable key per article; the smallest (then the id) is the group's original.

    Returns:
        One Duplicate per article that is a copy; originals and unique articles get none.
    """
    sets = [shingles(t) for t in texts]
    rows = HASHES // BANDS
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, sh in enumerate(sets):
        if sh.size < MIN_SHINGLES:
            continue
        sig = minhash(sh)
        for band in range(BANDS):
            buckets[(band, sig[band * rows : (band + 1) * rows].tobytes())].append(i)
    parent = list(range(len(ids)))
    best: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair in seen:
                    continue
                seen.add(pair)
                jac, cont = resemblance(sets[pair[0]], sets[pair[1]])
                if jac >= MIN_JACCARD or cont >= MIN_CONTAINMENT:
                    best[pair] = jac
                    _union(parent, *pair)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        groups[_find(parent, i)].append(i)
    link: dict[int, float] = {}
    for (i, j), jac in best.items():
        link[i] = max(link.get(i, 0.0), jac)
        link[j] = max(link.get(j, 0.0), jac)
    out: list[Duplicate] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (order[i] or "\uffff", ids[i]))
        first = members[0]
        out.extend(Duplicate(ids[i], ids[first], round(link.get(i, 0.0), 4)) for i in members[1:])
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)
