"""Accuracy of each stage on the public evaluation data in ``../shared/data``.

Each module here measures one stage and exposes ``evaluate(data: Path, settings, limit) -> EvalResult``.
``sitroom eval STAGE`` prints the result beside the peers' published numbers and exits non-zero when a
metric falls below its pinned floor.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sitroom.errors import EvalError
from sitroom.settings import Settings

# stage name -> module in this package; the order is the order of `sitroom eval all`.
EVALUATIONS: dict[str, str] = {
    "clean": "sitroom.evaluate.clean",
    "actors": "sitroom.evaluate.actors",
    "quotes": "sitroom.evaluate.quotes",
    "dates": "sitroom.evaluate.dates",
    "places": "sitroom.evaluate.places",
    "merge": "sitroom.evaluate.merge",
    "events": "sitroom.evaluate.events",
    "5w1h": "sitroom.evaluate.five_w1h",
}

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True)
class Metric:
    name: str  # e.g. "body F1"
    value: float
    floor: float | None = None  # below this the eval fails
    peers: tuple[tuple[str, float], ...] = ()  # (system and where published, value) on the same measure
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.floor is None or self.value >= self.floor


@dataclass(frozen=True)
class EvalResult:
    stage: str
    dataset: str
    n: int  # items scored (articles, sentences, toponyms ...)
    metrics: tuple[Metric, ...]
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(m.passed for m in self.metrics)

    def format(self) -> str:
        lines = [f"{self.stage} on {self.dataset} (n={self.n}, {self.seconds:.1f}s)"]
        lines.append(f"  {'metric':<34} {'sitroom':>8} {'floor':>7}  peers (published)")
        for m in self.metrics:
            floor = f"{m.floor:.3f}" if m.floor is not None else "-"
            peers = "; ".join(f"{name} {value:.3f}" for name, value in m.peers) or "-"
            flag = "" if m.passed else "  BELOW FLOOR"
            lines.append(f"  {m.name:<34} {m.value:>8.3f} {floor:>7}  {peers}{flag}")
            if m.note:
                lines.append(f"      {m.note}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


class _EvalModule(Protocol):
    def evaluate(self, data: Path, settings: Settings, limit: int | None) -> EvalResult: ...


def run_eval(stage: str, data: Path | None, settings: Settings, limit: int | None = None) -> EvalResult:
    """Run the evaluation of ``stage`` on the data folder (default ``../shared/data``)."""
    if stage not in EVALUATIONS:
        raise EvalError(f"no evaluation for {stage!r}; choose from {', '.join(EVALUATIONS)}")
    root = data or DEFAULT_DATA
    if not root.is_dir():
        raise EvalError(f"evaluation data folder {root} does not exist (pass --data DIR)")
    module: _EvalModule = importlib.import_module(EVALUATIONS[stage])
    return module.evaluate(root, settings, limit)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
