"""Regenerate ``kg/data/division_updates.tsv``: GB/T 2260 changes since the table the ``cpca`` package ships.

cpca's ``adcodes.csv`` (our base table, with coordinates) predates many changes: 海安县 became 海安市
(2018), 海门市 became 海门区 and 港闸区 merged into 崇川区 (2020), and hundreds of 县 became 区 or 市.
jionlp (Apache-2.0, https://github.com/dongrixinyu/JioNLP) keeps a current province/city/county table
and a dated change list; this script diffs the two and writes the changes, so that govkg does not
need jionlp (and its 85 MB tokenizer dependency) at run time.

Usage (needs network access to PyPI once, or a downloaded wheel)::

    pip download --no-deps jionlp -d /tmp/jionlp
    python data/divisions/update_divisions.py /tmp/jionlp/jionlp-*.whl

Rows written (tab-separated): ``code  name  status  predecessor``; ``status`` is ``new`` (a code cpca
lacks), ``renamed`` (same code, new name: the old name stays an alias) or ``abolished`` (a cpca code
that no longer exists: kept for older articles, but ranked after current divisions).
``predecessor`` is the code of the division a new one replaced, when the change list names exactly one
(its coordinates are reused).
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "kg" / "data" / "division_updates.tsv"
#: Units with statistical codes that are not administrative divisions (development zones and the like).
NOT_DIVISIONS = ("开发区", "新区", "管理区", "园区", "示范区", "新城", "工业区", "高新", "经济", "产业", "实验区",
                 "合作区", "保税", "港区", "度假区", "农场", "试验区", "集聚区", "直辖", "管委会", "风景名胜区",
                 "食品区")
SUFFIXES = ("省", "市", "区", "县", "旗", "盟", "州", "地区", "自治区")


def _jionlp_files(wheel: Path) -> tuple[str, str]:
    with zipfile.ZipFile(wheel) as z:
        inner = z.read("jionlp/dictionary/china_location.zip")
        changes = z.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(inner)) as z:
        table = z.read("china_location.txt").decode("utf-8")
    return table, changes


def _current(table: str) -> dict[str, str]:
    """code -> full name for provinces, prefecture cities and counties (the first three levels)."""
    out: dict[str, str] = {}
    for line in table.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 2 or len(parts) < 2 or not parts[1].isdigit() or len(parts[1]) != 6:
            continue
        if parts[1].startswith(("71", "81", "82")):  # Taiwan, Hong Kong, Macau: sub-units differ from GB/T 2260
            continue
        out[parts[1]] = parts[0]
    return out


def _cpca() -> dict[str, str]:
    from kg.regions import cpca_adcodes_path  # the same base table kg.regions reads

    rows = csv.DictReader(io.StringIO(cpca_adcodes_path().read_text(encoding="utf-8")))
    return {r["adcode"][:6]: r["name"] for r in rows if r["adcode"][:6].isdigit()}


def _is_division(name: str) -> bool:
    return name.endswith(SUFFIXES) and name not in ("市辖区", "县") and not any(w in name for w in NOT_DIVISIONS)


def _predecessors(changes: str, old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """new code -> old code, when a dated change maps exactly one old division onto it.

    A change line reads ``date  approver  (full  short)...  =>  full...``: the last full name on the left
    is the old division, the last name on the right the new one.
    """
    found: dict[str, set[str]] = {}
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>")
        names = left.split("\t")[2:]
        old_name, new_name = names[-2] if len(names) % 2 == 0 else names[-1], right.split("\t")[-1]
        for ncode, nname in new.items():
            if nname == new_name:
                found.setdefault(ncode, set()).update(
                    ocode for ocode, oname in old.items() if oname == old_name and ocode[:2] == ncode[:2])
    return {n: next(iter(o)) for n, o in found.items() if len(o) == 1}


def main(wheel: str) -> None:
    table, changes = _jionlp_files(Path(wheel))
    new, old = _current(table), _cpca()
    pred = _predecessors(changes, old, new)
    rows: list[tuple[str, str, str, str]] = []
    for code in sorted(set(new) | set(old)):
        if code in new and code not in old and _is_division(new[code]):
            rows.append((code, new[code], "new", pred.get(code, "")))
        elif code in new and code in old and new[code] != old[code] and _is_division(new[code]):
            rows.append((code, new[code], "renamed", ""))
        elif code in old and code not in new and _is_division(old[code]) and not code.startswith(("71", "81", "82")):
            rows.append((code, old[code], "abolished", ""))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# GB/T 2260 changes after cpca's table, from jionlp (Apache-2.0); "
                 "regenerate with data/divisions/update_divisions.py\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    counts = {s: sum(1 for r in rows if r[2] == s) for s in ("new", "renamed", "abolished")}
    print(f"wrote {OUT}: {counts}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
