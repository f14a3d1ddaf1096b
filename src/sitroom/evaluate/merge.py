"""Accuracy of merging across articles, on the giveme5w1h news-cluster corpus (383 articles, 69 events).

Every article carries a ``newsCluster`` label naming the real-world event it reports. The articles go
through the real path, ``sitroom ingest`` into a temporary store and ``Store.merge()``, and we score:

- stories: pairwise precision, recall and F1 of "these two articles report the same event" against the
  label (the standard pairwise measure of clustering, e.g. Manning et al. *IR* 16.3);
- copies: the share of article pairs linked as near-duplicates that do report the same event (a copy
  of another event's article would be a bad link; the corpus has few true copies);
- incidents: the share of cross-article event pairs merged into one incident whose articles report the
  same event. It is only as meaningful as the events the extraction stages find, and is reported
  without a floor while those stages are being built.

No published clustering figure exists for this corpus (its SOURCE.txt gives Giveme5W1H's p=0.73 for
5W1H extraction, another task), so the peers column is empty; the pairwise baseline of putting every
article in one cluster is printed as a note for scale.
"""

from __future__ import annotations

import itertools
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult, Metric, prf
from sitroom.settings import Settings

CORPUS = Path("news-corpora") / "giveme5w1h-news-cluster" / "data"
# A little below what this code measured on all 383 articles (README "Accuracy": P 0.969, R 0.736,
# F1 0.836, copies 1.000): a regression
# fails, run-to-run noise does not. With --limit the sample has few same-event pairs; no floors then.
FLOORS = {
    "story pairs precision": 0.95,
    "story pairs recall": 0.70,
    "story pairs F1": 0.80,
    "copy precision": 0.95,
}


def evaluate(data: Path, settings: Settings, limit: int | None) -> EvalResult:
    from sitroom.store import Store
    from sitroom.store.ingest import ingest

    root = data / CORPUS if (data / CORPUS).is_dir() else data
    files = sorted(root.glob("*.json"))
    if not files:
        raise EvalError(f"no giveme5w1h news-cluster articles in {root}")
    if limit:
        files = files[:limit]
    labels = {str(f): _label(f) for f in files}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "eval.db")) as store:
        result = ingest([str(f) for f in files], store, settings)
        store.merge()
        article_label = {
            article_id: labels[name]
            for name, article_id in store.db.execute(
                "SELECT input, article_id FROM inputs WHERE article_id IS NOT NULL"
            ).fetchall()
            if name in labels
        }
        stories = dict(store.db.execute("SELECT article_id, story_id FROM stories").fetchall())
        copies = store.db.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall()
        incident_articles: dict[str, set[str]] = defaultdict(set)
        for incident_id, article_id in store.db.execute(
            "SELECT incident_id, article_id FROM incident_reports"
        ).fetchall():
            incident_articles[incident_id].add(article_id)
    ids = sorted(article_label)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same, linked = article_label[a] == article_label[b], stories[a] == stories[b]
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
    p, r, f = prf(tp, fp, fn)
    small = limit is not None
    metrics = [
        Metric("story pairs precision", p, None if small else FLOORS["story pairs precision"]),
        Metric("story pairs recall", r, None if small else FLOORS["story pairs recall"]),
        Metric("story pairs F1", f, None if small else FLOORS["story pairs F1"]),
    ]
    good_copies = sum(article_label.get(a) == article_label.get(b) for a, b in copies)
    if copies:
        metrics.append(
            Metric(
                "copy precision",
                good_copies / len(copies),
                None if small else FLOORS["copy precision"],
                note=f"{len(copies)} article(s) linked as copies",
            )
        )
    pairs = same_pairs = 0
    for articles in incident_articles.values():
        for a, b in itertools.combinations(sorted(articles), 2):
            pairs += 1
            same_pairs += article_label.get(a) == article_label.get(b)
    if pairs:
        metrics.append(
            Metric("incident pairs precision", same_pairs / pairs, note=f"{pairs} cross-article event pairs")
        )
    n_pairs = len(ids) * (len(ids) - 1) // 2
    true_pairs = tp + fn
    notes = (
        f"{len(ids)} articles stored ({len(result.failures)} failed), {len(set(article_label.values()))} "
        f"labelled events, {true_pairs} same-event pairs of {n_pairs}",
        f"baseline, all articles in one cluster: precision {true_pairs / max(n_pairs, 1):.3f}, recall 1.000",
        "no published clustering figure exists for this corpus; see the module docstring",
        *(
            ()
            if pairs
            else ("no event was merged across articles (the extraction stages found none to merge)",)
        ),
        *(f"failed: {x.input}: {x.reason}" for x in result.failures[:3]),
    )
    return EvalResult(
        "merge",
        "giveme5w1h-news-cluster",
        len(ids),
        tuple(metrics),
        time.monotonic() - started,
        notes,
    )


def _label(path: Path) -> str:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        cluster = record["newsCluster"]
        return str(cluster["EventId"] if isinstance(cluster, dict) else cluster)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvalError(f"{path}: no newsCluster label ({exc})") from exc
