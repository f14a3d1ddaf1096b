"""What the two quote-model training scripts share: the logistic regression and the provenance.

Used by ``train_quote_cues.py`` and ``train_quote_spans.py`` (run as scripts, so this folder is on
``sys.path``). scikit-learn is a dev dependency: training time only.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def fit_logistic(
    features: list[list[str]], labels: list[int], c: float, min_weight: float
) -> tuple[dict[str, float], float]:
    """Weights (``|w| >= min_weight``, rounded) and bias of an L2 logistic regression, seed 0."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in features]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit sparse indices only
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear", random_state=0)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 3) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= min_weight
    }
    return weights, round(float(clf.intercept_[0]), 4)


def provenance(script: str, model: str, fit_articles: int, articles: int, held_for: str) -> dict[str, Any]:
    """Where a model file comes from: corpus, split, script, commit, date and spaCy model."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "corpus": "PolNeAR v1.0 (Newell et al., LREC 2018)",
        "split": f"train, articles 0-{fit_articles - 1} in name order (fit); "
        f"{fit_articles}-{articles - 1} ({held_for}, end to end)",
        "script": f"scripts/{script}",
        "commit": commit,
        "date": dt.date.today().isoformat(),
        "spacy_model": model,
    }
