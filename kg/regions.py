"""Chinese administrative divisions (GB/T 2260) from the ``cpca`` package's data, brought up to date.

We read cpca's bundled ``adcodes.csv`` directly (3,500 provinces, prefecture cities and
counties with coordinates) rather than calling ``cpca.transform``, which imports pandas and
is built for address strings, not news text. cpca's table predates many changes (海安县 -> 海安市
in 2018, 海门市 -> 海门区 in 2020, hundreds of 县 -> 区 / 市), so ``kg/data/division_updates.tsv``
(generated from jionlp's current table by ``data/divisions/update_divisions.py``) adds the new
divisions and renames; abolished ones stay resolvable for older articles but rank after current ones.

Public API: :func:`lookup` (a name as printed, optionally with the level word of a title),
:func:`get` (by code), :func:`find_mentions` (region names in running text).
"""
from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional


#: Level words as they appear in titles (市委书记, 区长, 州委, 旗委 ...) -> accepted name suffixes.
LEVEL_SUFFIXES: dict[str, tuple[str, ...]] = {
    "省": ("省",),
    "市": ("市",),
    "区": ("区",),
    "县": ("县",),
    "州": ("自治州", "州"),
    "自治区": ("自治区",),
    "自治州": ("自治州",),
    "自治县": ("自治县",),
    "盟": ("盟",),
    "旗": ("旗",),
    "地区": ("地区",),
    "特别行政区": ("特别行政区",),
}

# Longest first, so that 自治区 is stripped before 区.
_NAME_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "区", "县", "盟", "旗")
_ETHNIC = ("壮族", "回族", "维吾尔", "蒙古族", "藏族", "朝鲜族", "土家族", "苗族", "彝族", "哈尼族",
           "布依族", "侗族", "傣族", "白族", "景颇族", "傈僳族", "黎族", "哈萨克", "柯尔克孜", "羌族")
_SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Region:
    """One administrative division."""

    code: str  # 6-digit GB/T 2260 code
    name: str  # full name: 江苏省, 南通市, 五通桥区
    level: str  # province | city | county
    parent_code: Optional[str]
    longitude: Optional[float] = None
    latitude: Optional[float] = None
    current: bool = True  # False: abolished (kept for older articles)

    @property
    def short(self) -> str:
        return short_name(self.name)

    @property
    def parent(self) -> Optional["Region"]:
        return get(self.parent_code) if self.parent_code else None

    @property
    def province(self) -> "Region":
        r = self
        while r.parent is not None:
            r = r.parent
        return r


def short_name(full: str) -> str:
    """江苏省 -> 江苏, 广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边; unchanged if too short."""
    for suf in _NAME_SUFFIXES:
        if full.endswith(suf) and len(full) > len(suf) + 1:
            stem = full[: -len(suf)]
            for eth in _ETHNIC:
                i = stem.find(eth)
                if i >= 2:
                    stem = stem[:i]
                    break
            return stem
    return full


def _level_and_parent(code: str) -> tuple[str, Optional[str]]:
    """The level a 6-digit code denotes and its parent's code (before municipalities are re-attached)."""
    if code.endswith("0000"):
        return "province", None
    if code.endswith("00"):
        return "city", code[:2] + "0000"
    return "county", code[:4] + "00"


def cpca_adcodes_path() -> Path:
    """cpca's bundled ``adcodes.csv`` (the base table, before ``division_updates.tsv``)."""
    # find_spec locates the package without running cpca/__init__.py (which loads pandas).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("E010 the 'cpca' package is not installed; run `make install`")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _table() -> dict[str, Region]:
    return _load()[0]


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Region], dict[str, str]]:
    """(code -> region, former name of a renamed division -> its code)."""
    raw = cpca_adcodes_path().read_text(encoding="utf-8")
    out: dict[str, Region] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        name, adcode = row["name"], row["adcode"]
        code = adcode[:6]
        if name in _SKIP_NAMES or not code.isdigit():
            continue
        level, parent = _level_and_parent(code)
        lon = float(row["longitude"]) if row.get("longitude") else None
        lat = float(row["latitude"]) if row.get("latitude") else None
        out[code] = Region(code, name, level, parent, lon, lat)
    aliases = _apply_updates(out)
    # Counties of municipalities hang under "市辖区" (xx0100), which we skip: attach to the province.
    for code, r in list(out.items()):
        if r.parent_code and r.parent_code not in out:
            up = r.parent_code[:2] + "0000"
            out[code] = Region(r.code, r.name, r.level, up if up in out else None, r.longitude, r.latitude,
                               r.current)
    return out, aliases


UPDATES_FILE = Path(__file__).with_name("data") / "division_updates.tsv"


def _apply_updates(table: dict[str, Region]) -> dict[str, str]:
    """Overlay the changes since cpca's table (see the module docstring); returns the former names of renamed
    divisions (海门市 -> code 320684, now 海门区)."""
    aliases: dict[str, str] = {}
    for line in UPDATES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, status, pred = (line.split("\t") + [""])[:4]
        old = table.get(code)
        if status == "abolished":
            if old is not None:
                table[code] = dataclasses.replace(old, current=False)
            continue
        if status == "renamed" and old is not None:
            aliases[old.name] = code
            table[code] = dataclasses.replace(old, name=name)
            continue
        level, parent = _level_and_parent(code)
        src = table.get(pred) if pred else None
        table[code] = Region(code, name, level, parent, src.longitude if src else None, src.latitude if src else None)
    return aliases


@lru_cache(maxsize=1)
def _by_name() -> tuple[dict[str, list[Region]], dict[str, list[Region]]]:
    full: dict[str, list[Region]] = {}
    short: dict[str, list[Region]] = {}
    table, aliases = _load()
    for r in sorted(table.values(), key=lambda r: r.code):
        full.setdefault(r.name, []).append(r)
        s = r.short
        if s != r.name:
            short.setdefault(s, []).append(r)
    for alias, code in aliases.items():
        r = table[code]
        full.setdefault(alias, []).append(r)
        if short_name(alias) != alias and r not in short.get(short_name(alias), []):
            short.setdefault(short_name(alias), []).append(r)
    return full, short


_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


def get(code: str) -> Optional[Region]:
    """Region by 6-digit code."""
    return _table().get(code)


def all_regions() -> Iterable[Region]:
    return _table().values()


def lookup(name: str, level_word: Optional[str] = None, near: Iterable[str] = ()) -> Optional[Region]:
    """Resolve a region name as printed.

    ``name`` may be full (南通市) or short (南通). ``level_word`` is the level word of a title
    that followed the name (上海 + 市委书记 -> '市'), which picks 上海市 over a 上海县.
    ``near`` are codes of regions named before, used to pick among same-name counties.
    """
    full, short = _by_name()
    cands: list[Region] = []
    if level_word:
        sufs = LEVEL_SUFFIXES.get(level_word, (level_word,))
        cands = [r for r in full.get(name, []) + short.get(name, []) if r.name.endswith(sufs)]
        if not cands:
            cands = [r for s in sufs for r in full.get(name + s, [])]
    else:
        cands = list(full.get(name, [])) or list(short.get(name, []))
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    near = tuple(near)

    def score(r: Region) -> tuple[int, int, int, str]:
        related = any(r.code.startswith(c[:2]) for c in near if c)
        return (0 if r.current else 1, 0 if related else 1, _LEVEL_RANK[r.level], r.code)

    return min(cands, key=score)


@lru_cache(maxsize=1)
def _mention_trie():
    """Full names of all divisions, plus short names of provinces and prefecture cities."""
    from .extract.dictionary import Dictionary

    full, short = _by_name()
    words = [name for name in full if len(name) >= 2]
    words += [s for s, regs in short.items() if len(s) >= 2 and any(r.level in ("province", "city") for r in regs)]
    return Dictionary(words)


def find_mentions(text: str) -> list[tuple[int, int, Region]]:
    """Longest-match region names in ``text``: (start, end, region)."""
    out = []
    seen_codes: list[str] = []
    for start, end, key in _mention_trie().parse_longest(text):
        region = lookup(key, near=seen_codes)
        if region is not None:
            out.append((start, end, region))
            seen_codes.append(region.code)
    return out
