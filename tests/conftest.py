from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
DATA = SHARED / "data"
SAMPLE = SAMPLES / "albawaba-2018-10-01-idlib-isis-transfer.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"sample article not found at {SAMPLE}")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_doc(sample_path):
    import sitroom

    return sitroom.analyze(sample_path)


def data_dir(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"evaluation data {path} is absent")
    return path
