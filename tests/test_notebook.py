"""notebooks/walkthrough.ipynb runs top to bottom (nbclient, local kernel, no network)."""
from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install -e '.[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install -e '.[test]')")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif "data" in o:
            out.append(str(o["data"].get("text/plain", "")) + str(o["data"].get("text/html", "")))
    return "".join(out)


def test_walkthrough_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_ROOT", str(ROOT))
    monkeypatch.setenv("GOVKG_VIEWS", str(tmp_path / "views"))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=240, kernel_name="python3", allow_errors=False,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code)
    assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    text = "\n".join(_text(c) for c in code)
    assert "3 articles" in text and "南通市委书记" in text  # build summary, posts-of-person
    assert "betweenness" in text and "community 1" in text
    assert "<iframe" in text and "wang-hui.html" in text
    assert (tmp_path / "views" / "governance.html").stat().st_size > 10_000
    assert (tmp_path / "views" / "wang-hui.html").exists()
    assert nb.metadata["kernelspec"]["name"] == "python3"
