"""Shared fixtures: paths to the sample page and to ../shared (skipped cleanly when absent)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The CLI caches facts by default in ~/.cache/govkg/cache: tests use a private cache instead.
os.environ.setdefault("GOVKG_CACHE_DIR", tempfile.mkdtemp(prefix="govkg-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "000_e09f6986fa33b3c1.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_facts():
    """Facts extracted (rules only) from the sample page, with its recorded metadata."""
    from kg.pipeline import extract

    res = extract([SAMPLE], ner="none", progress=False)
    assert not res.problems
    return res.facts


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent (gold, corpus and datasets live there)")
    return SHARED
