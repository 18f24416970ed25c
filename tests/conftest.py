"""Shared test set-up: the repository on sys.path and the seed reports' location."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def sample(prefix: str) -> Path:
    """The bundled copy of a seed report, by its number (000 … 004)."""
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path
