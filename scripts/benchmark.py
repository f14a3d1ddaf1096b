#!/usr/bin/env python3
"""Throughput and peak memory of the full ``analyze`` pipeline against bare spaCy on the same texts.

    .venv/bin/python scripts/benchmark.py [--data ../shared/data] [--sample 300 | --all]

Reads ``news-corpora`` (news-please JSON records and BBC plain-text articles, half of the sample from
each), runs each variant in its own subprocess so that peak memory (ru_maxrss) is that variant's
alone, and prints articles per second, articles per CPU-second (per core) and peak RSS, with the
ratio of the pipeline to bare spaCy. Model loading and a one-article warm-up are left out of the
timings: they are paid once per process, not per article. The pipeline is whatever
``sitroom.pipeline.default_pipeline()`` is, so the figures follow the stages as they are added.

Variants:
    pipeline  ``sitroom.analyze_many`` over the input files (ingest, clean and every stage)
    spacy     ``load_model(model).pipe`` over the cleaned texts of the same articles
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data root holding news-corpora/")
    parser.add_argument("--sample", type=int, default=300, help="articles to run (half from each subset)")
    parser.add_argument("--all", action="store_true", help="run every article of both subsets")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--variant", choices=("pipeline", "spacy"), help=argparse.SUPPRESS)
    parser.add_argument("--paths", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:  # child process: run one variant and print its figures as JSON
        paths = args.paths.read_text(encoding="utf-8").splitlines()
        print(json.dumps(_run_variant(args.variant, paths)))
        return

    paths = _sample(args.data / "news-corpora", None if args.all else args.sample)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(paths))
        list_file = Path(fh.name)
    try:
        results = {variant: _child(variant, list_file) for variant in ("spacy", "pipeline")}
    finally:
        list_file.unlink()
    _print_table(results, len(paths))
    if args.json:
        print(json.dumps(results, indent=2))


def _sample(corpora: Path, n: int | None) -> list[str]:
    """A fixed, evenly spread sample: the same articles on every run."""
    if not corpora.is_dir():
        sys.exit(f"error: {corpora} does not exist (pass --data DIR)")
    subsets = [
        sorted(str(p) for p in (corpora / "giveme5w1h-news-cluster").rglob("*.json")),
        sorted(str(p) for p in (corpora / "bbc-news").rglob("*.txt") if p.name != "README.TXT"),
    ]
    if n is None:
        return [p for subset in subsets for p in subset]
    picked: list[str] = []
    for i, subset in enumerate(subsets):
        want = n // len(subsets) + (1 if i < n % len(subsets) else 0)
        step = max(1, len(subset) // max(1, want))
        picked.extend(subset[::step][:want])
    return picked


def _child(variant: str, list_file: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--variant", variant, "--paths", str(list_file)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"error: the {variant} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _run_variant(variant: str, paths: list[str]) -> dict[str, Any]:
    from sitroom.analyze import analyze_many
    from sitroom.document import Document
    from sitroom.settings import Settings
    from sitroom.stages.nlp import load_model

    settings = Settings.load()
    load_model(settings.model)
    if variant == "pipeline":
        list(analyze_many(paths[:1], settings))  # warm-up: lazy resources of later stages
        start_wall, start_cpu = time.perf_counter(), _cpu()
        results = list(analyze_many(paths, settings))
        wall, cpu = time.perf_counter() - start_wall, _cpu() - start_cpu
        docs = [r for r in results if isinstance(r, Document)]
        words = sum(len(d.text.split()) for d in docs)
        return _figures(len(docs), len(results) - len(docs), words, wall, cpu)

    texts = _cleaned_texts(paths, settings)
    model = load_model(settings.model)
    list(model.pipe(texts[:1]))
    start_wall, start_cpu = time.perf_counter(), _cpu()
    for _ in model.pipe(texts, batch_size=settings.batch_size):
        pass
    wall, cpu = time.perf_counter() - start_wall, _cpu() - start_cpu
    return _figures(len(texts), 0, sum(len(t.split()) for t in texts), wall, cpu)


def _cleaned_texts(paths: list[str], settings: Any) -> list[str]:
    """The texts the pipeline's nlp stage sees: ingest and clean, nothing after."""
    from sitroom.errors import SitroomError
    from sitroom.stages.clean import clean
    from sitroom.stages.ingest import read_input

    texts = []
    for path in paths:
        try:
            texts.extend(clean(doc, settings).text for doc in read_input(path, settings))
        except SitroomError:
            continue  # refused inputs are refused by the pipeline too
    return texts


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _figures(articles: int, failed: int, words: int, wall: float, cpu: float) -> dict[str, Any]:
    return {
        "articles": articles,
        "failed": failed,
        "words": words,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_second": round(articles / wall, 2) if wall else None,
        "articles_per_cpu_second": round(articles / cpu, 2) if cpu else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _print_table(results: dict[str, dict[str, Any]], n_inputs: int) -> None:
    print(f"news-corpora sample: {n_inputs} inputs; {os.cpu_count()} cores on this machine")
    print(
        f"{'variant':<10} {'articles':>8} {'failed':>6} {'seconds':>8} {'art/s':>7} {'art/s/core':>10}"
        f" {'peak MB':>8}"
    )
    for name, r in results.items():
        print(
            f"{name:<10} {r['articles']:>8} {r['failed']:>6} {r['seconds']:>8.1f}"
            f" {r['articles_per_second']:>7.1f} {r['articles_per_cpu_second']:>10.1f}"
            f" {r['peak_rss_mb']:>8.0f}"
        )
    pipe, bare = results["pipeline"], results["spacy"]
    ratio = pipe["articles_per_cpu_second"] / bare["articles_per_cpu_second"]
    print(f"pipeline / spaCy throughput (per core): {ratio:.2f}  (the target is >= 0.70)")


if __name__ == "__main__":
    main()
