"""Interrupting a build (SIGINT / SIGTERM) keeps the previous outputs intact; the next run resumes."""
from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHARED

XWLB = SHARED / "corpus" / "xwlb" / "meeting_items.jsonl"


def _default_sigint() -> None:
    # A job started in the background by a non-interactive shell (`cmd &`, as CI runners may do)
    # inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler: give the
    # build the disposition of a terminal user's process.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kg(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_keeps_outputs_and_resumes(tmp_path: Path, sig):
    if not XWLB.exists():
        pytest.skip(f"{XWLB} is absent")
    corpus = tmp_path / "c.jsonl"
    with open(XWLB, encoding="utf-8") as fh:
        corpus.write_text("".join(itertools.islice(fh, 120)), encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {**os.environ, "GOVKG_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0"}
    args = ["build", str(corpus), "-o", str(out), "--ner", "none", "--no-progress"]
    first = _kg(*args, env=env)
    assert first.wait(timeout=600) == 0, first.stderr.read()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}

    # new input, fresh cache: a long build, interrupted while it extracts (the signal goes once the
    # run has created its cache, not after a fixed sleep).
    with open(XWLB, encoding="utf-8") as fh:
        corpus.write_text("".join(itertools.islice(fh, 120, 1320)), encoding="utf-8")
    second = _kg(*args, env={**env, "GOVKG_CACHE_DIR": str(tmp_path / "cache2")})
    deadline = time.monotonic() + 120
    while not list((tmp_path / "cache2").glob("*.sqlite")) and second.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert second.poll() is None, "the build ended before it could be interrupted"
    second.send_signal(sig)
    rc = second.wait(timeout=120)
    assert rc != 0
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == before  # nothing half-written, nothing replaced
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or p.name.startswith((".graph", ".facts"))]
    json.loads(after["facts.json"])
    assert list((tmp_path / "cache2").glob("*.sqlite"))  # the finished part of the interrupted run was kept

    third = _kg(*args, env={**env, "GOVKG_CACHE_DIR": str(tmp_path / "cache2")})
    assert third.wait(timeout=600) == 0, third.stderr.read()
    assert "1200 articles" in third.stdout.read()
    assert (out / "facts.json").read_bytes() != before["facts.json"]
