"""SHACL validation of a govkg dataset (pySHACL).

Shapes and ontology are read from the package copies in ``kg/ontology/`` (shipped as package
data). The source of truth is ``ontology/`` at the repository root; ``python -m kg.ns --sync``
copies it and ``tests/test_validate.py`` fails when the copies drift.

Example::

    >>> ok, report = validate(build_dataset(facts, identities))     # doctest: +SKIP
    >>> ok
    True
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Union

from rdflib import Dataset, Graph

__all__ = ["validate", "shapes_graph", "ontology_graph", "ontology_path"]


def ontology_path(name: str) -> Path:
    """Path of a packaged ontology file (``kg.ttl`` or ``shapes.ttl``)."""
    res = Path(__file__).resolve().parent / "ontology" / name
    if not res.is_file():
        raise FileNotFoundError(f"E401 packaged ontology file kg/ontology/{name} is missing; "
                                "run `python -m kg.ns --sync` in a source checkout")
    return res


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (parsed once)."""
    return Graph().parse(data=ontology_path("shapes.ttl").read_bytes(), format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The govkg ontology (parsed once)."""
    return Graph().parse(data=ontology_path("kg.ttl").read_bytes(), format="turtle")


def validate(ds: Union[Dataset, Graph], *, with_ontology: bool = True) -> tuple[bool, str]:
    """Validate the union of all graphs in ``ds`` against ``shapes.ttl``.

    Returns ``(conforms, report_text)``. The ontology is mixed in (for ``rdfs:subClassOf``) unless
    ``with_ontology`` is False. ``ds`` is not modified.
    """
    from pyshacl import validate as shacl_validate

    data = Graph()
    if isinstance(ds, Dataset):
        for s, p, o, _g in ds.quads((None, None, None, None)):
            data.add((s, p, o))
    else:
        for t in ds:
            data.add(t)
    if with_ontology:
        for t in ontology_graph():
            data.add(t)
    conforms, _report_graph, text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=False, inplace=True,
        allow_warnings=False,
    )
    return bool(conforms), str(text)
