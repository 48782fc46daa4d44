"""Interactive, self-contained HTML views of extracted facts.

Two views are built straight from :class:`~kg.model.ArticleFacts` (not from RDF, so the views
do not depend on the RDF layer):

* :func:`governance_view` -- people, posts, regions (city -> province, metropolitan circles),
  meetings and documents, each kind in its own colour *and* shape, with a legend, a
  search/filter panel, hover tooltips and a details panel that show the post, the date the
  fact was attested (the article's publication date) and the source sentence.
* :func:`coattendance_view` -- persons only; an edge joins two people who attended the same
  meeting, its width the number of shared meetings; nodes sized by betweenness (or degree)
  centrality and coloured by Louvain community, beside a table of the top brokers
  (metrics from :func:`kg.stats.coattendance_metrics`, the same numbers ``kg stats`` prints).
* :func:`focus_view` -- an ego view in the governance style: a person with their posts, meetings
  and co-attendees; a region with its sub-regions, officials and meetings; a meeting with its
  participants and documents. The centre is drawn larger and selected when the page opens.

:mod:`kg.view_graph` reads any graph govkg wrote back into :class:`~kg.model.ArticleFacts`, so
all of these can be drawn from ``graph.trig`` / ``.ttl`` / ``.nq`` or a store (``kg view``).

The pages are rendered by vis-network 9.1.2, the copy bundled with pyvis, inlined into the
page together with our own small CSS and JS. We do not use pyvis's ``template.html``: it links
bootstrap from a CDN and interpolates the heading unescaped. The result opens from
``file://`` with no network access (a Content-Security-Policy forbids any fetch).

Every piece of text taken from the input is treated as hostile: it reaches the page either as
JSON inside ``<script>`` (with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped) and is shown
with ``innerText``/``textContent``, or HTML-escaped in the panels. Control characters and
lone surrogates become U+FFFD.

Layouts are precomputed (Fruchterman-Reingold with a fixed seed, per connected component,
components packed on shelves), so the output is byte-identical for the same input and large
graphs need no in-browser physics. Physics is used only to polish graphs of at most
``physics_threshold`` nodes and is switched off once stabilised.

Example::

    >>> from kg.view import governance_view, coattendance_view     # doctest: +SKIP
    >>> stats = governance_view(facts, identities, Path("out/governance.html"))  # doctest: +SKIP
    >>> stats.nodes["person"], stats.edges["participation"]        # doctest: +SKIP
    (19, 22)
"""
from __future__ import annotations

import html
import json
import logging
import math
import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import networkx as nx

from .model import ROLES, ArticleFacts, Evidence, PersonIdentity
from .stats import coattendance_metrics

__all__ = [
    "ViewStats",
    "governance_view",
    "coattendance_view",
    "focus_view",
    "FOCUS_KINDS",
    "coattendance_graph",
    "layout",
    "clean_text",
    "script_json",
    "KIND_STYLE",
    "EDGE_STYLE",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- styles

#: Node kinds of the governance view: colour, vis-network shape, legend label, base size.
KIND_STYLE: dict[str, dict[str, Any]] = {
    "person": {"color": "#4e79a7", "shape": "dot", "label": "人物 Person", "size": 12},
    "post": {"color": "#f28e2b", "shape": "square", "label": "职务 Post", "size": 9},
    "region": {"color": "#59a14f", "shape": "triangle", "label": "地区 Region", "size": 14},
    "circle": {"color": "#17becf", "shape": "hexagon", "label": "都市圈 Metropolitan circle", "size": 22},
    "meeting": {"color": "#e15759", "shape": "diamond", "label": "会议 Meeting", "size": 15},
    "document": {"color": "#9467bd", "shape": "star", "label": "文件 Document", "size": 13},
}
KINDS: tuple[str, ...] = tuple(KIND_STYLE)

#: Edge kinds of the governance view.
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "holds": {"color": "#f28e2b", "label": "holds 任职", "dashes": False},
    "post_in": {"color": "#a0a0a0", "label": "post in 属于", "dashes": False},
    "contained_in": {"color": "#59a14f", "label": "contained in 隶属", "dashes": True},
    "member_of": {"color": "#17becf", "label": "member of circle 都市圈成员", "dashes": True},
    "participation": {"color": "#e15759", "label": "took part (role) 参会", "dashes": False},
    "agenda": {"color": "#9467bd", "label": "acted on (action) 议题", "dashes": False},
}

#: Community colours for the co-attendance view (Tableau 10 + 2); later communities are grey.
COMMUNITY_COLORS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b",
)
OTHER_COMMUNITY_COLOR = "#bab0ac"

_MAX_ITEMS = 6  # attestations listed per tooltip section
_SECTION_LIMIT = {"Members": 40, "Participants": 40, "Documents": 20, "Holders": 20}  # one-line items
_ROLE_SLOT = "\x00roles\x00"  # cannot occur in cleaned input text
_MAX_SENTENCE = 300  # characters of a source sentence shown in a tooltip
_SECTION_ORDER = ("职务 Posts", "会议 Meetings", "Holders", "Participants", "Documents", "Members",
                  "Actions", "Reported", "Mentioned", "Source")


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class ViewStats:
    """What a view contains: node and edge counts per kind as drawn (after the cap)."""

    path: Path
    nodes: Mapping[str, int]
    edges: Mapping[str, int]
    total_nodes: int  # before the cap
    total_edges: int  # before the cap
    truncated: bool = False
    physics: bool = False  # whether the page polishes the layout with physics
    communities: int = 0  # co-attendance view: number of Louvain communities drawn
    brokers: tuple[tuple[str, float], ...] = field(default=())  # (label, betweenness), best first

    @property
    def node_count(self) -> int:
        return sum(self.nodes.values())

    @property
    def edge_count(self) -> int:
        return sum(self.edges.values())


# --------------------------------------------------------------------------- text safety

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: object) -> str:
    """Text safe to show: CR/LF normalised; other control characters and lone surrogates -> U+FFFD."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("\ufffd", s)


def script_json(obj: object) -> str:
    """JSON for embedding inside ``<script>``: cannot close the element or open a comment.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` etc. mean the same.
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _h(value: object) -> str:
    """HTML-escape (quotes included) text for element content or attribute values."""
    return html.escape(clean_text(value), quote=True)


def _clip(s: str, n: int = _MAX_SENTENCE) -> str:
    s = " ".join(s.split()) if "\n" in s else s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------- assets


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css) from pyvis's bundled copy of vis-network 9.1.2."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("E040 the 'pyvis' package is not installed; run `make install`")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise RuntimeError(f"E041 pyvis's bundled vis-network is missing under {lib}: {e}") from e
    # Inlined verbatim, so they must not be able to end their element early.
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):
        raise RuntimeError("E042 vis-network assets contain an element terminator; cannot inline")
    return js, css


# --------------------------------------------------------------------------- small helpers


def _iso(d: Optional[date]) -> str:
    return d.isoformat() if d else "date unknown"


def _sentence_text(f: ArticleFacts, ev: Evidence) -> str:
    for s in f.sentences:
        if s.index == ev.sentence:
            return s.text
    text = f.article.text
    if 0 <= ev.start < ev.end <= len(text):
        return text[ev.start : ev.end]
    return ""


def _quote(f: ArticleFacts, ev: Evidence) -> str:
    s = _clip(clean_text(_sentence_text(f, ev)))
    return f"  “{s}”" if s else "  (no source sentence)"


def _attested(f: ArticleFacts) -> str:
    a = f.article
    return f"attested {_iso(a.published)} in “{_clip(clean_text(a.title), 40)}” [{clean_text(a.id)}]"


@dataclass
class _Person:
    key: str
    name: str
    context: str


def _person(
    identities: Optional[Mapping[tuple[str, str], PersonIdentity]], article_id: str, name: str
) -> _Person:
    ident = identities.get((article_id, name)) if identities else None
    if ident is not None:
        return _Person(ident.key, ident.name or name, ident.context or "")
    return _Person(name, name, "")


def _meeting_id(f: ArticleFacts, key: str) -> Optional[tuple[str, str, Optional[date]]]:
    """(node id, name, date) of a meeting by its article-local key; merged across articles
    by (name, date) when the date is known."""
    for m in f.meetings:
        if m.key == key:
            if m.date is not None:
                return f"meeting:{m.name}|{m.date.isoformat()}", m.name, m.date
            return f"meeting:{f.article.id}#{m.key}|{m.name}", m.name, m.date
    return None


class _Items:
    """Tooltip lines grouped in sections, deduplicated and sorted for determinism."""

    def __init__(self) -> None:
        self.sections: dict[str, dict[tuple, str]] = defaultdict(dict)
        self.roles: dict[tuple[str, tuple], set[str]] = {}

    def add(self, section: str, sort_key: tuple, text: str, role: Optional[str] = None) -> None:
        """Add a line once per sort key; with ``role``, lines of the same key merge their roles
        into the ``_ROLE_SLOT`` of the text (李强 attended + spoke in one sentence -> one line)."""
        self.sections[section].setdefault(sort_key, text)
        if role is not None:
            self.roles.setdefault((section, sort_key), set()).add(role)

    def _text(self, section: str, key: tuple) -> str:
        text = self.sections[section][key]
        roles = self.roles.get((section, key))
        return text.replace(_ROLE_SLOT, _join_roles(roles)) if roles else text

    def render(self, head: Iterable[str], order: Sequence[str] = ()) -> str:
        lines = [h for h in head if h]
        names = list(order) + sorted(s for s in self.sections if s not in order)
        for name in names:
            items = self.sections.get(name)
            if not items:
                continue
            lines.append(f"{name} ({len(items)}):")
            ordered = [self._text(name, k) for k in sorted(items)]
            cap = _SECTION_LIMIT.get(name, _MAX_ITEMS)
            lines.extend(ordered[:cap])
            if len(ordered) > cap:
                lines.append(f"  … and {len(ordered) - cap} more")
        return "\n".join(lines)


def _sort_key(f: ArticleFacts, ev: Evidence) -> tuple:
    pub = f.article.published.isoformat() if f.article.published else "9999"
    return (pub, f.article.id, ev.sentence, ev.start)


def _sentence_key(f: ArticleFacts, ev: Evidence) -> tuple:
    pub = f.article.published.isoformat() if f.article.published else "9999"
    return (pub, f.article.id, ev.sentence)


def _sorted_roles(roles: Iterable[str]) -> list[str]:
    """Roles in the display order of :data:`kg.model.ROLES`; unknown ones last."""
    return sorted(roles, key=lambda r: (ROLES.index(r) if r in ROLES else len(ROLES), r))


def _join_roles(roles: Iterable[str]) -> str:
    return ", ".join(_sorted_roles(roles))


# --------------------------------------------------------------------------- region resolution


class _Regions:
    """Region name -> node id, adding province/city parents with containedIn edges."""

    def __init__(self, g: "_Builder") -> None:
        self.g = g
        self.cache: dict[str, str] = {}

    def node(self, name: str, code: Optional[str] = None) -> str:
        name = clean_text(name).strip()
        ck = f"{name}|{code or ''}"
        if ck in self.cache:
            return self.cache[ck]
        region = None
        if name != "中央":
            try:
                from . import regions as _regions

                region = (_regions.get(code) if code else None) or _regions.lookup(name)
            except Exception as e:  # the region table is optional for drawing
                log.debug("region lookup failed for %r: %s", name, e)
                region = None
        if region is None:
            nid = f"region:{name}"
            self.g.node(nid, "region", name, head=[name, "national organs" if name == "中央" else "region (not in GB/T 2260 table)"])
        else:
            nid = self._add_region(region)
        self.cache[ck] = nid
        return nid

    def _add_region(self, region: Any) -> str:
        nid = f"region:{region.code}"
        level = {"province": "province 省级", "city": "city 地级", "county": "county 县级"}.get(region.level, region.level)
        self.g.node(nid, "region", region.name, head=[region.name, f"GB/T 2260 {region.code} · {level}"])
        parent = region.parent
        if parent is not None:
            pid = self._add_region(parent)
            self.g.edge(nid, pid, "contained_in", head=[f"{region.name} ⊂ {parent.name}", "containedInPlace (GB/T 2260)"])
        return nid


# --------------------------------------------------------------------------- graph builder


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, nid: str, kind: str, label: str, head: Sequence[str] = (), **extra: Any) -> dict[str, Any]:
        n = self.nodes.get(nid)
        if n is None:
            n = {"id": nid, "kind": kind, "label": clean_text(label), "head": [clean_text(h) for h in head], "items": _Items()}
            n.update(extra)
            self.nodes[nid] = n
        return n

    def edge(self, src: str, dst: str, kind: str, head: Sequence[str] = ()) -> dict[str, Any]:
        k = (src, dst, kind)
        e = self.edges.get(k)
        if e is None:
            e = {"from": src, "to": dst, "kind": kind, "head": [clean_text(h) for h in head], "items": _Items(), "labels": set()}
            self.edges[k] = e
        return e

    def nx_graph(self) -> nx.Graph:
        g = nx.Graph()
        for nid in sorted(self.nodes):
            g.add_node(nid)
        for (src, dst, _k) in sorted(self.edges):
            if g.has_edge(src, dst):
                g[src][dst]["weight"] += 1.0
            else:
                g.add_edge(src, dst, weight=1.0)
        return g


def _label_people(people: dict[str, _Person]) -> dict[str, str]:
    """Node label per person key; same-name persons with different keys are told apart."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key, p in people.items():
        by_name[p.name].append(key)
    out: dict[str, str] = {}
    for name, keys in by_name.items():
        keys.sort()
        if len(keys) == 1:
            out[keys[0]] = name
            continue
        contexts = [people[k].context for k in keys]
        for i, key in enumerate(keys, 1):
            ctx = people[key].context
            unique = bool(ctx) and contexts.count(ctx) == 1
            out[key] = f"{name}（{clean_text(ctx)}）" if unique else f"{name} #{i}"
    return out


def _post_label(region: Optional[str], title: str) -> str:
    if not region or region == "中央":
        return title
    try:
        from .regions import short_name

        stem = short_name(region)
    except Exception:
        stem = region
    # 上海 + 市委书记 -> 上海市委书记; keep the full name when the title has no level word.
    return stem + title if title[:1] in "省市区县州盟旗" or title.startswith("自治") else region + title


def _build_governance(
    facts: Sequence[ArticleFacts], identities: Optional[Mapping[tuple[str, str], PersonIdentity]]
) -> _Builder:
    g = _Builder()
    regions = _Regions(g)
    people: dict[str, _Person] = {}
    for f in facts:  # labels first, so that every tooltip uses the final (disambiguated) label
        for name in [h.person for h in f.holdings] + [p.person for p in f.participations]:
            p = _person(identities, f.article.id, name)
            people.setdefault(p.key, p)
    labels = _label_people(people)

    def person_node(f: ArticleFacts, name: str) -> str:
        p = _person(identities, f.article.id, name)
        p = people.setdefault(p.key, p)
        nid = f"person:{p.key}"
        lab = labels.get(p.key, p.name)
        head = [lab] + ([f"context: {clean_text(p.context)}"] if p.context else [])
        g.node(nid, "person", lab, head=head)
        return nid

    for f in facts:
        aid = f.article.id
        attested = _attested(f)

        # Posts.
        for h in f.holdings:
            pid = person_node(f, h.person)
            region = clean_text(h.region) if h.region else None
            title = clean_text(h.title)
            post_id = f"post:{region or ''}|{title}"
            label = _post_label(region, title)
            g.node(post_id, "post", label, head=[label, f"region: {region or '—'} · title: {title}"])
            change = f" ({h.change})" if h.change else ""
            sk = _sort_key(f, h.evidence)
            q = _quote(f, h.evidence)
            g.nodes[pid]["items"].add("职务 Posts", (label,) + sk, f"• {label}{change} — {attested}\n{q}")
            g.nodes[post_id]["items"].add("Holders", (g.nodes[pid]["label"],) + sk, f"• {g.nodes[pid]['label']}{change} — {attested}\n{q}")
            e = g.edge(pid, post_id, "holds", head=[f"{g.nodes[pid]['label']} holds {label}"])
            e["items"].add("Attested", sk, f"• {attested}{change}\n{q}")
            if region:
                rid = regions.node(region)
                g.edge(post_id, rid, "post_in", head=[f"{label} — post in {g.nodes[rid]['label']}"])

        # Regions named in the text.
        for r in f.regions:
            rid = regions.node(r.name, r.code)
            g.nodes[rid]["items"].add("Mentioned", _sort_key(f, r.evidence), f"• {attested}\n{_quote(f, r.evidence)}")

        # Metropolitan circles.
        for c in f.circles:
            cname = clean_text(c.name)
            cid = f"circle:{cname}"
            core = clean_text(c.core) if c.core else ""
            g.node(cid, "circle", cname, head=[cname, f"core: {core or '—'}"])
            sk = _sort_key(f, c.evidence)
            q = _quote(f, c.evidence)
            g.nodes[cid]["items"].add("Source", sk, f"• {attested}\n{q}")
            members = ([(c.core, "core")] if c.core else []) + [(m, "member") for m in c.members]
            for mname, role in members:
                rid = regions.node(mname)
                e = g.edge(rid, cid, "member_of", head=[f"{g.nodes[rid]['label']} — {role} of {cname}"])
                e["labels"].add(role)
                e["items"].add("Attested", sk, f"• {attested}\n{q}")
                g.nodes[cid]["items"].add("Members", (0 if role == "core" else 1, g.nodes[rid]["label"]), f"• {g.nodes[rid]['label']} ({role})")

        # Meetings.
        local: dict[str, str] = {}
        for m in f.meetings:
            ident = _meeting_id(f, m.key)
            assert ident is not None
            mid, mname, mdate = ident
            local[m.key] = mid
            name = clean_text(mname)
            head = [name, f"date: {_iso(mdate)}"]
            if m.organizer:
                head.append(f"organizer: {clean_text(m.organizer)}")
            g.node(mid, "meeting", name, head=head)
            if m.organizer:
                g.nodes[mid].setdefault("organizers", set()).add(clean_text(m.organizer))
            g.nodes[mid]["items"].add("Reported", _sort_key(f, m.evidence), f"• {attested}\n{_quote(f, m.evidence)}")

        # Participations: one edge per (person, meeting), labelled with the roles in ROLES order.
        for p in f.participations:
            mid = local.get(p.meeting)
            if mid is None:
                log.warning("article %s: participation of %s names unknown meeting %r", aid, p.person, p.meeting)
                continue
            pid = person_node(f, p.person)
            mname = g.nodes[mid]["label"]
            role = clean_text(p.role)
            sk = _sort_key(f, p.evidence)
            q = _quote(f, p.evidence)
            e = g.edge(pid, mid, "participation", head=[f"{g.nodes[pid]['label']} at {mname}"])
            e["labels"].add(role)
            e["items"].add("Evidence", _sentence_key(f, p.evidence), f"• {_ROLE_SLOT} — {attested}\n{q}", role=role)
            g.nodes[pid]["items"].add("会议 Meetings", (mname,) + _sentence_key(f, p.evidence),
                                      f"• {_ROLE_SLOT} at {mname} — {attested}\n{q}", role=role)
            g.nodes[mid]["items"].add("Participants", (g.nodes[pid]["label"],), f"• {g.nodes[pid]['label']} ({_ROLE_SLOT})", role=role)

        # Documents acted on at meetings.
        for d in f.documents:
            title = clean_text(d.title)
            did = f"document:{title}"
            head = [f"《{title}》"]
            if d.issuer:
                head.append(f"issuer: {clean_text(d.issuer)}")
            g.node(did, "document", title, head=head)
            action = clean_text(d.action)
            sk = _sort_key(f, d.evidence)
            q = _quote(f, d.evidence)
            mid = local.get(d.meeting) if d.meeting else None
            where = f" at {g.nodes[mid]['label']}" if mid else ""
            g.nodes[did]["items"].add("Actions", (action,) + sk, f"• {action}{where} — {attested}\n{q}")
            if mid:
                e = g.edge(mid, did, "agenda", head=[f"{g.nodes[mid]['label']} → 《{title}》"])
                e["labels"].add(action)
                e["items"].add("Evidence", (action,) + sk, f"• {action} — {attested}\n{q}")
                g.nodes[mid]["items"].add("Documents", (title, action), f"• 《{title}》 ({action})")

    return g


# --------------------------------------------------------------------------- layout


def _dense_fr(g: nx.Graph, seed: int, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold on a dense matrix, as networkx's ``_fruchterman_reingold`` does,
    in numpy alone (networkx switches to a scipy-only sparse solver from 500 nodes) and in
    float32, which keeps 1,500 nodes to about a second."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    a = np.zeros((n, n), dtype=np.float32)
    for u, v, w in g.edges(data="weight", default=1.0):
        a[index[u], index[v]] = a[index[v], index[u]] = w
    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2).astype(np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.sqrt(dx * dx + dy * dy)
        np.clip(dist, 0.01, None, out=dist)
        force = k * k / (dist * dist) - a * dist / k
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.sqrt((disp * disp).sum(axis=1))
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    pos = pos.astype(np.float64)
    pos -= pos.mean(axis=0)
    lim = float(np.abs(pos).max()) or 1.0
    pos /= lim
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _component_layout(g: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if n == 2:
        a, b = list(g)
        return {a: (-1.0, 0.0), b: (1.0, 0.0)}
    if n < 500:
        pos = nx.spring_layout(g, seed=seed, iterations=80, method="force")
        return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}
    return _dense_fr(g, seed)


def layout(g: nx.Graph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Deterministic pixel positions: each connected component laid out on its own
    (spring layout, fixed seed), scaled by its size, and packed on shelves, largest first."""
    if len(g) == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict[str, tuple[float, float]], float]] = []
    for comp in comps:
        # Nodes in sorted order: the positions must not depend on the insertion order of the
        # graph (set iteration order changes with the process's hash seed).
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(g.subgraph(comp).edges(data=True))
        unit = _component_layout(sub, seed)
        radius = 0.0 if len(comp) == 1 else 55.0 * math.sqrt(len(comp)) + 40.0
        placed.append(({v: (x * radius, y * radius) for v, (x, y) in unit.items()}, radius))
    gap = 60.0
    total = sum((2 * r + gap) ** 2 for _, r in placed)
    row_width = max(2 * placed[0][1] + gap, math.sqrt(total) * 1.2)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, r in placed:
        d = 2 * r + gap
        if x > 0 and x + d > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + d / 2, y + d / 2
        for v, (px, py) in pos.items():
            out[v] = (round(cx + px, 1), round(cy + py, 1))
        x += d
        row_h = max(row_h, d)
    return out


def _cap(g: nx.Graph, max_nodes: int, rank: Mapping[str, float]) -> set[str]:
    """The nodes kept when the graph exceeds ``max_nodes``: highest rank, ties by id."""
    if len(g) <= max_nodes:
        return set(g)
    ordered = sorted(g, key=lambda v: (-rank.get(v, 0.0), v))
    return set(ordered[: max(max_nodes, 0)])


# --------------------------------------------------------------------------- page


_CSS = """
html,body{margin:0;padding:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222;background:#fafafa}
header{padding:8px 16px;border-bottom:1px solid #ddd;background:#fff}
header h1{font-size:18px;margin:0 0 2px 0}
header p{margin:0;font-size:13px;color:#555}
.kg-cap{margin:8px 16px;padding:8px 12px;border:1px solid #e0a800;background:#fff3cd;color:#5c4400;font-size:14px;border-radius:4px}
main{display:flex;gap:12px;padding:12px 16px;align-items:flex-start}
#mynetwork{flex:1 1 auto;min-width:0;height:78vh;min-height:480px;background:#fff;border:1px solid #ccc;border-radius:4px;position:relative}
aside{flex:0 0 340px;max-height:80vh;overflow:auto;font-size:13px}
aside section{background:#fff;border:1px solid #ddd;border-radius:4px;padding:8px 10px;margin-bottom:10px}
aside h2{font-size:14px;margin:0 0 6px 0}
.kg-legend-row{display:flex;align-items:center;gap:6px;margin:3px 0}
.kg-legend-row svg{flex:0 0 auto}
.kg-legend-row .n{color:#777;margin-left:auto}
.kg-edge-row{display:flex;align-items:center;gap:6px;margin:2px 0;color:#444}
#kg-search-input{width:100%;box-sizing:border-box;padding:4px 6px;font-size:13px}
#kg-search-status{color:#555;margin-top:4px;min-height:1em}
#kg-details-title{font-weight:600;margin-bottom:4px;word-break:break-all}
#kg-details-body{white-space:pre-wrap;word-break:break-word;font-family:inherit;font-size:12px;margin:0;max-height:40vh;overflow:auto}
table.kg-brokers{border-collapse:collapse;width:100%}
table.kg-brokers th,table.kg-brokers td{border-bottom:1px solid #eee;padding:2px 4px;text-align:left}
table.kg-brokers td.num{text-align:right;font-variant-numeric:tabular-nums}
table.kg-brokers tbody tr{cursor:pointer}
table.kg-brokers tbody tr:hover{background:#eef4fb}
.kg-swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
div.vis-tooltip{white-space:pre-wrap !important;max-width:460px;font-size:12px !important;font-family:inherit !important;line-height:1.35}
"""

_JS = r"""
(function () {
  "use strict";
  var KG = window.KG_DATA;
  var nodes = new vis.DataSet(KG.nodes);
  var edges = new vis.DataSet(KG.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, KG.options);
  window.network = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgReady = false;
  function markReady() {
    if (!window.kgReady) {
      window.kgReady = true;
      document.body.setAttribute("data-kg-ready", "1");
    }
  }
  if (KG.options.physics && KG.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit({animation: false});
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  var titleEl = document.getElementById("kg-details-title");
  var bodyEl = document.getElementById("kg-details-body");
  function showDetails(item) {
    if (!item) { return; }
    titleEl.textContent = item.label || item.kindLabel || "";
    bodyEl.textContent = item.title || "";
  }
  window.kgShowDetails = function (id) { showDetails(nodes.get(id)); };
  if (KG.focus && KG.focus.length) {  // focused views: select the centre and show its sources
    network.selectNodes(KG.focus);
    showDetails(nodes.get(KG.focus[0]));
  }
  network.on("selectNode", function (p) { if (p.nodes.length) { showDetails(nodes.get(p.nodes[0])); } });
  network.on("selectEdge", function (p) {
    if (!p.nodes.length && p.edges.length) { showDetails(edges.get(p.edges[0])); }
  });

  // Search: select and zoom to nodes whose label contains the query.
  var input = document.getElementById("kg-search-input");
  var status = document.getElementById("kg-search-status");
  function search() {
    var q = input.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); status.textContent = ""; return; }
    var ids = nodes.getIds({filter: function (n) {
      return !n.hidden && String(n.label || "").toLowerCase().indexOf(q) >= 0;
    }});
    network.selectNodes(ids);
    status.textContent = ids.length + (ids.length === 1 ? " match" : " matches");
    if (ids.length) {
      network.fit({nodes: ids, animation: false});
      showDetails(nodes.get(ids[0]));
    }
  }
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(); } });
  document.getElementById("kg-search-button").addEventListener("click", search);
  document.getElementById("kg-search-clear").addEventListener("click", function () {
    input.value = ""; search(); network.fit({animation: false});
  });

  // Kind filters (governance view).
  var boxes = document.querySelectorAll("input[data-kind]");
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("change", function () {
      var kind = box.getAttribute("data-kind");
      var upd = nodes.get({filter: function (n) { return n.kind === kind; }}).map(function (n) {
        return {id: n.id, hidden: !box.checked};
      });
      nodes.update(upd);
    });
  });

  // Minimum shared meetings (co-attendance view).
  var minw = document.getElementById("kg-min-weight");
  if (minw) {
    minw.addEventListener("input", function () {
      var v = parseInt(minw.value, 10) || 1;
      document.getElementById("kg-min-weight-value").textContent = String(v);
      edges.update(edges.get().map(function (e) { return {id: e.id, hidden: (e.weight || 1) < v}; }));
    });
  }

  // Broker table rows (co-attendance view): focus the person.
  var rows = document.querySelectorAll("tr[data-idx]");
  Array.prototype.forEach.call(rows, function (row) {
    row.addEventListener("click", function () {
      var id = (KG.brokers || [])[parseInt(row.getAttribute("data-idx"), 10)];
      if (id === undefined) { return; }
      network.selectNodes([id]);
      network.focus(id, {scale: 1.5, animation: false});
      showDetails(nodes.get(id));
    });
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govkg kg.view (vis-network 9.1.2 from pyvis)">
<link rel="icon" href="data:,">
<title>@@TITLE@@</title>
<style>@@VIS_CSS@@</style>
<style>@@CSS@@</style>
<script>@@VIS_JS@@</script>
</head>
<body>
<header><h1>@@TITLE@@</h1><p id="kg-summary">@@SUMMARY@@</p></header>
@@CAP@@<main>
<div id="mynetwork"></div>
<aside>
@@LEGEND@@
<section id="kg-search"><h2>Search 搜索</h2>
<input id="kg-search-input" type="search" placeholder="name, post, meeting…" autocomplete="off">
<div><button id="kg-search-button" type="button">Find</button> <button id="kg-search-clear" type="button">Clear</button></div>
<div id="kg-search-status" role="status"></div>
@@FILTERS@@</section>
<section id="kg-details"><h2>Details 详情</h2>
<div id="kg-details-title"></div>
<pre id="kg-details-body">Hover over a node or edge for its sources; click to pin them here.</pre>
</section>
@@EXTRA@@</aside>
</main>
<script>window.KG_DATA = @@DATA@@;</script>
<script>@@JS@@</script>
</body>
</html>
"""


def _shape_svg(shape: str, color: str) -> str:
    """A small inline SVG of a vis-network shape for the legend (colour is ours, not input)."""
    c = html.escape(color, quote=True)
    body = {
        "dot": f'<circle cx="8" cy="8" r="6" fill="{c}"/>',
        "square": f'<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
        "triangle": f'<polygon points="8,1 15,14 1,14" fill="{c}"/>',
        "hexagon": f'<polygon points="4,2 12,2 15,8 12,14 4,14 1,8" fill="{c}"/>',
        "diamond": f'<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
        "star": f'<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" fill="{c}"/>',
    }.get(shape, f'<circle cx="8" cy="8" r="6" fill="{c}"/>')
    return f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}</svg>'


def _line_svg(color: str, dashes: bool) -> str:
    dash = ' stroke-dasharray="4,3"' if dashes else ""
    return (f'<svg width="26" height="10" viewBox="0 0 26 10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" '
            f'stroke="{html.escape(color, quote=True)}" stroke-width="2"{dash}/></svg>')


def _options(n_nodes: int, physics_threshold: int) -> dict[str, Any]:
    physics = n_nodes <= physics_threshold and n_nodes > 1
    opts: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 300,
                        "multiselect": True, "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False if n_nodes > 300 else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "font": {"size": 10, "align": "middle", "face": "sans-serif", "color": "#444"},
                  "selectionWidth": 2},
        "physics": {"enabled": physics},
    }
    if physics:
        opts["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.2, "springLength": 110,
                          "springConstant": 0.03, "damping": 0.4, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        }
    return opts


def _render(
    *,
    title: str,
    summary: str,
    cap_note: str,
    legend: str,
    filters: str,
    extra: str,
    data: Mapping[str, Any],
) -> str:
    vis_js, vis_css = _vis_assets()
    cap = f'<div id="kg-cap" class="kg-cap" role="status">{_h(cap_note)}</div>\n' if cap_note else ""
    parts = {
        "@@TITLE@@": _h(title),
        "@@SUMMARY@@": _h(summary),
        "@@CAP@@": cap,
        "@@LEGEND@@": legend,
        "@@FILTERS@@": filters,
        "@@EXTRA@@": extra,
        "@@CSS@@": _CSS,
        "@@JS@@": _JS,
        "@@DATA@@": script_json(data),
    }
    parts["@@VIS_CSS@@"] = vis_css
    parts["@@VIS_JS@@"] = vis_js
    # One pass: text that was substituted in (a name like "@@JS@@") is never substituted again.
    return re.sub(r"@@[A-Z_]+@@", lambda m: parts[m.group(0)], _PAGE)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _cap_note(shown_n: int, total_n: int, shown_e: int, total_e: int, what: str) -> str:
    return (f"Graph capped: showing {shown_n:,} of {total_n:,} nodes ({what}); "
            f"{total_n - shown_n:,} nodes and {total_e - shown_e:,} edges are not drawn. "
            f"Filter the input or raise max_nodes (kg view --max-nodes) to see more.")


# --------------------------------------------------------------------------- governance view


def governance_view(
    facts: Sequence[ArticleFacts],
    identities: Mapping[tuple[str, str], PersonIdentity] | None,
    out: Path,
    *,
    max_nodes: int = 1500,
    title: str = "Governance graph 治理关系图",
    seed: int = 42,
    physics_threshold: int = 300,
) -> ViewStats:
    """Write an interactive page of people, posts, regions, circles, meetings and documents.

    Parameters
    ----------
    facts : sequence of ArticleFacts
        Extraction results; persons merge across articles by identity key (or by name when
        ``identities`` lacks them), meetings by (name, date), documents by title, posts by
        (region, title), regions by GB/T 2260 code.
    identities : mapping (article id, surface name) -> PersonIdentity, optional
    out : Path
        The HTML file to write (atomically; parent directories are created).
    max_nodes : int
        Above this many nodes only the best-connected ``max_nodes`` are drawn, and the page
        says so in a visible note.
    physics_threshold : int
        Graphs with at most this many drawn nodes are polished with vis physics (then frozen);
        larger ones use the precomputed layout as is.

    Returns
    -------
    ViewStats
        Node and edge counts per kind as drawn.
    """
    g = _build_governance(facts, identities)
    return _write_governance(g, Path(out), n_articles=len(facts), max_nodes=max_nodes, title=title, seed=seed,
                             physics_threshold=physics_threshold)


def _write_governance(
    g: _Builder,
    out: Path,
    *,
    n_articles: int,
    max_nodes: int,
    title: str,
    seed: int,
    physics_threshold: int,
    focus: Sequence[str] = (),
    boost: Optional[Mapping[str, float]] = None,
    lead: str = "",
) -> ViewStats:
    """Lay out and write a governance-style page of the builder's nodes and edges.

    ``focus`` nodes (a focused view's centre) are drawn larger with a heavy border and selected
    when the page opens; ``boost`` raises nodes' rank under the ``max_nodes`` cap.
    """
    full = g.nx_graph()
    total_nodes, total_edges = len(g.nodes), len(g.edges)
    # Regions and circles are few and hold the map together: keep them first, then by degree.
    rank = {v: d + (1e9 if g.nodes[v]["kind"] in ("region", "circle") else 0.0) for v, d in full.degree()}
    for v, b in (boost or {}).items():
        if v in rank:
            rank[v] += b
    keep = _cap(full, max_nodes, rank)
    truncated = len(keep) < total_nodes
    shown = full.subgraph(sorted(keep)).copy()
    pos = layout(shown, seed=seed)
    degree = dict(shown.degree())
    focus_set = {v for v in focus if v in keep}

    node_counts = {k: 0 for k in KINDS}
    vis_nodes = []
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    for nid in sorted(keep, key=lambda v: (kind_rank[g.nodes[v]["kind"]], g.nodes[v]["label"], v)):
        n = g.nodes[nid]
        kind = n["kind"]
        head = n["head"] or [n["label"]]
        st = KIND_STYLE[kind]
        node_counts[kind] += 1
        size = st["size"] + (2.0 * math.sqrt(degree.get(nid, 0)) if kind in ("person", "meeting") else 0.0)
        x, y = pos[nid]
        item: dict[str, Any] = {
            "id": nid,
            "label": n["label"],
            "kind": kind,
            "kindLabel": st["label"],
            "title": n["items"].render([f"{st['label']} · {head[0]}"] + head[1:], order=_SECTION_ORDER),
            "shape": st["shape"],
            "color": {"background": st["color"], "border": st["color"],
                      "highlight": {"background": st["color"], "border": "#222"},
                      "hover": {"background": st["color"], "border": "#222"}},
            "size": round(size, 1),
            "x": x,
            "y": y,
        }
        if kind in ("meeting", "document", "post"):
            item["widthConstraint"] = {"maximum": 170}
        if nid in focus_set:
            item["size"] = round(size + 10.0, 1)
            item["borderWidth"] = 4
            item["color"]["border"] = "#222"
            item["font"] = {"size": 16, "color": "#000"}
        vis_nodes.append(item)

    edge_counts = {k: 0 for k in EDGE_STYLE}
    vis_edges = []
    for i, key in enumerate(k for k in sorted(g.edges) if k[0] in keep and k[1] in keep):
        e = g.edges[key]
        st = EDGE_STYLE[e["kind"]]
        edge_counts[e["kind"]] += 1
        labels = _sorted_roles(e["labels"])
        item = {
            "id": f"e{i}",
            "from": e["from"],
            "to": e["to"],
            "kind": e["kind"],
            "kindLabel": st["label"],
            "arrows": "to",
            "color": {"color": st["color"], "highlight": "#222", "hover": "#222", "opacity": 0.85},
            "dashes": st["dashes"],
            "width": 1.5 if e["kind"] in ("participation", "agenda", "holds") else 1,
            "title": e["items"].render([st["label"]] + e["head"]),
        }
        if e["kind"] in ("participation", "agenda") or (e["kind"] == "member_of" and "core" in labels):
            item["label"] = ", ".join(labels)
        vis_edges.append(item)

    n_shown = len(vis_nodes)
    physics = n_shown <= physics_threshold and n_shown > 1
    summary = lead + " · ".join(f"{KIND_STYLE[k]['label']}: {node_counts[k]}" for k in KINDS) + \
        f" · edges: {len(vis_edges)} · {n_articles} article(s)"
    cap_note = _cap_note(n_shown, total_nodes, len(vis_edges), total_edges, "all regions, then the most connected") if truncated else ""

    legend_rows = "".join(
        f'<label class="kg-legend-row"><input type="checkbox" data-kind="{k}" checked>'
        f'{_shape_svg(KIND_STYLE[k]["shape"], KIND_STYLE[k]["color"])}<span>{_h(KIND_STYLE[k]["label"])}</span>'
        f'<span class="n">{node_counts[k]}</span></label>'
        for k in KINDS
    )
    edge_rows = "".join(
        f'<div class="kg-edge-row">{_line_svg(EDGE_STYLE[k]["color"], EDGE_STYLE[k]["dashes"])}'
        f'<span>{_h(EDGE_STYLE[k]["label"])}</span><span class="n">{edge_counts[k]}</span></div>'
        for k in EDGE_STYLE
    )
    legend = (f'<section id="kg-legend"><h2>Legend 图例</h2>{legend_rows}'
              f'<div style="margin-top:6px">{edge_rows}</div>'
              f'<p style="color:#666;margin:6px 0 0 0">Untick a kind to hide it. Hover for sources; dates are when '
              f'an article attested the fact (its publication date).</p></section>')

    data = {
        "view": "governance" if not focus else "focus",
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": _options(n_shown, physics_threshold),
    }
    if focus_set:
        data["focus"] = sorted(focus_set)
    page = _render(title=title, summary=summary, cap_note=cap_note, legend=legend, filters="", extra="", data=data)
    _write_atomic(out, page)
    return ViewStats(
        path=out,
        nodes=node_counts,
        edges=edge_counts,
        total_nodes=total_nodes,
        total_edges=total_edges,
        truncated=truncated,
        physics=physics,
    )


# --------------------------------------------------------------------------- focused views

#: Kinds of node a focused view can centre on.
FOCUS_KINDS = ("person", "region", "meeting")
_HASH_KEY = re.compile(r"[0-9a-f]{16}")


def _adjacency(g: _Builder) -> dict[str, list[tuple[str, str, str]]]:
    adj: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key in g.edges:
        adj[key[0]].append(key)
        adj[key[1]].append(key)
    return adj


def _step(adj: Mapping[str, list[tuple[str, str, str]]], nodes: Iterable[str], kind: str, direction: str) -> set[str]:
    """Nodes one ``kind`` edge away: ``out`` follows src -> dst, ``in`` dst -> src."""
    found: set[str] = set()
    for v in nodes:
        for src, dst, k in adj.get(v, ()):
            if k != kind:
                continue
            if direction == "out" and src == v:
                found.add(dst)
            elif direction == "in" and dst == v:
                found.add(src)
    return found


def _closure(adj: Mapping[str, list[tuple[str, str, str]]], nodes: Iterable[str], kind: str, direction: str) -> set[str]:
    seen = set(nodes)
    frontier = set(seen)
    while frontier:
        frontier = _step(adj, frontier, kind, direction) - seen
        seen |= frontier
    return seen


def _region_of_text(text: str) -> Any:
    try:
        from . import regions as _regions

        found = _regions.find_mentions(text)
    except Exception as e:  # the region table is optional for drawing
        log.debug("region lookup failed for %r: %s", text, e)
        return None
    return found[0][2] if found else None


def _within(region: Any, code: str) -> bool:
    while region is not None:
        if region.code == code:
            return True
        region = region.parent
    return False


def _find_centres(g: _Builder, facts: Sequence[ArticleFacts], kind: str, name: str) -> list[str]:
    q = clean_text(name).strip()
    cands = [v for v, n in g.nodes.items() if n["kind"] == kind]
    label = {v: g.nodes[v]["label"] for v in cands}
    if kind == "person":
        found = [v for v in cands if q in (label[v], v, v.split(":", 1)[1])]
        if not found:  # same-name persons are labelled 王伟（江苏省） / 王伟 #2
            found = [v for v in cands if label[v].startswith((q + "（", q + " #"))]
    elif kind == "region":
        found = [v for v in cands if q in (label[v], v, v.split(":", 1)[1])]
        if not found and q:
            try:
                from . import regions as _regions

                r = _regions.get(q) if q.isdigit() else _regions.lookup(q)
            except Exception:  # pragma: no cover - the region table is optional
                r = None
            if r is not None:
                found = [v for v in cands if v == f"region:{r.code}"]
    else:
        key = q.rstrip("/").rsplit("/", 1)[-1]  # a meeting IRI -> its hash
        ids = set()
        if _HASH_KEY.fullmatch(key):
            for f in facts:
                for m in f.meetings:
                    if m.key == key:
                        ident = _meeting_id(f, m.key)
                        if ident is not None:
                            ids.add(ident[0])
        found = [v for v in cands if v in ids or q in (label[v], v, v.split(":", 1)[1])]
    return sorted(set(found))


def _no_match(g: _Builder, kind: str, name: str) -> ValueError:
    import difflib

    labels = sorted({n["label"] for n in g.nodes.values() if n["kind"] == kind})
    q = clean_text(name).strip()
    near = [x for x in labels if q and (q in x or x in q)][:5]
    near += [x for x in difflib.get_close_matches(q, labels, n=5, cutoff=0.5) if x not in near]
    hint = f"; did you mean: {', '.join(near[:5])}?" if near else f" ({len(labels)} {kind} node(s) in the graph)"
    return ValueError(f"E044 no {kind} matches {name!r}{hint}")


def _ego(g: _Builder, kind: str, centres: Sequence[str]) -> tuple[set[str], dict[str, float]]:
    """Nodes of a focused view and their rank boosts under the cap (centre first)."""
    adj = _adjacency(g)
    keep = set(centres)
    boost = {c: 1e12 for c in centres}
    first: set[str] = set()
    if kind == "person":
        posts = _step(adj, centres, "holds", "out")
        places = _closure(adj, _step(adj, posts, "post_in", "out"), "contained_in", "out")
        meetings = _step(adj, centres, "participation", "out")
        others = _step(adj, meetings, "participation", "in")
        keep |= posts | places | meetings | others
        first = posts | meetings
    elif kind == "region":
        subtree = _closure(adj, centres, "contained_in", "in")
        above = _closure(adj, centres, "contained_in", "out")
        circles = _step(adj, centres, "member_of", "out")
        posts = _step(adj, subtree, "post_in", "in")
        officials = _step(adj, posts, "holds", "in")
        codes = [c.split(":", 1)[1] for c in centres]
        meetings = set()
        for v, n in g.nodes.items():
            if n["kind"] != "meeting":
                continue
            texts = sorted(n.get("organizers", ())) + [n["label"]]
            for text in texts:
                region = _region_of_text(text)
                if region is not None:
                    if any(_within(region, code) for code in codes):
                        meetings.add(v)
                    break
        keep |= subtree | above | circles | posts | officials | meetings
        first = posts | officials
    else:
        participants = _step(adj, centres, "participation", "in")
        documents = _step(adj, centres, "agenda", "out")
        keep |= participants | documents
        first = participants | documents
    for v in first:
        boost.setdefault(v, 1e10)
    return keep, boost


def focus_view(
    facts: Sequence[ArticleFacts],
    identities: Mapping[tuple[str, str], PersonIdentity] | None,
    out: Path,
    kind: str,
    name: str,
    *,
    max_nodes: int = 1500,
    title: Optional[str] = None,
    seed: int = 42,
    physics_threshold: int = 300,
) -> ViewStats:
    """Write a focused (ego) view of one person, region or meeting, in the governance style.

    * ``person``: the person (by name, disambiguated label or identity key) with their posts and
      the posts' regions, the meetings they took part in and everyone else at those meetings;
    * ``region``: the region (by name, short name or GB/T 2260 code) with its sub-regions and
      parents, the circles it belongs to, the posts in it or below it and their holders, and the
      meetings held there (organiser, else meeting name, located in the region);
    * ``meeting``: the meeting (by IRI, IRI hash, name or ``name|date``) with its participants
      (roles on the edges) and the documents it acted on.

    Every name that matches is a centre (two persons named 王伟 give one page with both).
    Tooltips keep the node's whole record, not just the part inside the view.

    Raises
    ------
    ValueError
        ``E044`` when nothing matches ``name`` (with close labels as suggestions), ``E045``
        for an unknown ``kind``.
    """
    if kind not in FOCUS_KINDS:
        raise ValueError(f"E045 focus kind must be one of {', '.join(FOCUS_KINDS)}, not {kind!r}")
    g = _build_governance(facts, identities)
    centres = _find_centres(g, facts, kind, name)
    if not centres:
        raise _no_match(g, kind, name)
    keep, boost = _ego(g, kind, centres)
    sub = _Builder()
    sub.nodes = {v: g.nodes[v] for v in sorted(keep)}
    sub.edges = {k: e for k, e in g.edges.items() if k[0] in keep and k[1] in keep}
    labels = "、".join(g.nodes[c]["label"] for c in centres[:5]) + (" …" if len(centres) > 5 else "")
    if title is None:
        title = f"{KIND_STYLE[kind]['label']} · {labels} — focused view 聚焦"
    lead = f"Focus: {KIND_STYLE[kind]['label']} {labels} · "
    return _write_governance(sub, Path(out), n_articles=len(facts), max_nodes=max_nodes, title=title, seed=seed,
                             physics_threshold=physics_threshold, focus=centres, boost=boost, lead=lead)


# --------------------------------------------------------------------------- co-attendance view


def coattendance_graph(
    facts: Sequence[ArticleFacts], identities: Mapping[tuple[str, str], PersonIdentity] | None
) -> tuple[nx.Graph, nx.Graph, dict[str, dict[str, Any]]]:
    """(bipartite person-meeting graph, weighted person projection, person info).

    Person nodes are ``person:<identity key>``; meeting nodes ``meeting:<name>|<date>``.
    The projection's ``weight`` is the number of shared meetings
    (:func:`networkx.bipartite.weighted_projected_graph`).
    """
    from networkx.algorithms import bipartite

    b = nx.Graph()
    info: dict[str, dict[str, Any]] = {}
    meetings: dict[str, dict[str, Any]] = {}
    people: dict[str, _Person] = {}
    for f in facts:
        attested = _attested(f)
        for h in f.holdings:
            p = _person(identities, f.article.id, h.person)
            pid = f"person:{p.key}"
            people.setdefault(p.key, p)
            d = info.setdefault(pid, {"items": _Items(), "key": p.key})
            region = clean_text(h.region) if h.region else None
            label = _post_label(region, clean_text(h.title))
            d["items"].add("职务 Posts", (label,) + _sort_key(f, h.evidence), f"• {label} — {attested}\n{_quote(f, h.evidence)}")
        for pt in f.participations:
            ident = _meeting_id(f, pt.meeting)
            if ident is None:
                log.warning("article %s: participation of %s names unknown meeting %r", f.article.id, pt.person, pt.meeting)
                continue
            mid, mname, mdate = ident
            p = _person(identities, f.article.id, pt.person)
            pid = f"person:{p.key}"
            people.setdefault(p.key, p)
            d = info.setdefault(pid, {"items": _Items(), "key": p.key})
            meetings.setdefault(mid, {"name": clean_text(mname), "date": mdate})
            b.add_node(pid, bipartite=0)
            b.add_node(mid, bipartite=1)
            b.add_edge(pid, mid)
            role = clean_text(pt.role)
            d["items"].add("会议 Meetings", (_iso(mdate), clean_text(mname)) + _sentence_key(f, pt.evidence),
                           f"• {_ROLE_SLOT} at {clean_text(mname)} ({_iso(mdate)}) — {attested}\n{_quote(f, pt.evidence)}",
                           role=role)
    persons = sorted(n for n, d in b.nodes(data="bipartite") if d == 0)
    # Deterministic node order in the bipartite graph before projecting.
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(b.nodes(data=True)))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in b.edges()))
    co = nx.Graph()
    co.add_nodes_from(persons)
    if persons:
        proj = bipartite.weighted_projected_graph(ordered, persons)
        co.add_edges_from(sorted((min(u, v), max(u, v), {"weight": float(w)}) for u, v, w in proj.edges(data="weight")))
    labels = _label_people(people)
    for pid in list(info):
        key = info[pid]["key"]
        info[pid]["label"] = labels.get(key, key)
        info[pid]["context"] = people[key].context if key in people else ""
    for mid, m in meetings.items():
        info[mid] = m
    return ordered, co, info


def coattendance_view(
    facts: Sequence[ArticleFacts],
    identities: Mapping[tuple[str, str], PersonIdentity] | None,
    out: Path,
    *,
    max_nodes: int = 1500,
    size_by: str = "betweenness",
    top_brokers: int = 15,
    title: str = "Co-attendance network 同会关系图",
    seed: int = 42,
    physics_threshold: int = 300,
) -> ViewStats:
    """Write a persons-only page: an edge per pair of people who attended a common meeting.

    Edge width grows with the number of shared meetings; nodes are sized by betweenness
    (``size_by="betweenness"``) or degree (``"degree"``) centrality and coloured by Louvain
    community (``networkx.community.louvain_communities``, fixed ``seed``); a table beside
    the graph lists the ``top_brokers`` persons by betweenness. Centralities are computed on
    the whole graph before any cap (sampled with ``k=500`` pivots above 1,000 persons).
    """
    if size_by not in ("betweenness", "degree"):
        raise ValueError(f"E043 size_by must be 'betweenness' or 'degree', not {size_by!r}")
    out = Path(out)
    bip, co, info = coattendance_graph(facts, identities)
    n = len(co)
    btw, deg, comm_list, community = coattendance_metrics(co, seed)  # shared with `kg stats`

    total_nodes, total_edges = n, co.number_of_edges()
    wdeg = dict(co.degree(weight="weight"))
    keep = _cap(co, max_nodes, {v: wdeg.get(v, 0.0) + 1000.0 * btw.get(v, 0.0) for v in co})
    truncated = len(keep) < total_nodes
    shown = co.subgraph(sorted(keep)).copy()
    pos = layout(shown, seed=seed)

    metric = btw if size_by == "betweenness" else deg
    mmax = max(metric.values(), default=0.0) or 1.0

    def color_of(v: str) -> str:
        c = community.get(v, 0)
        return COMMUNITY_COLORS[c] if c < len(COMMUNITY_COLORS) else OTHER_COMMUNITY_COLOR

    vis_nodes = []
    for v in sorted(keep, key=lambda v: (info[v]["label"], v)):
        d = info[v]
        head = [f"人物 Person · {d['label']}"]
        if d.get("context"):
            head.append(f"context: {clean_text(d['context'])}")
        head.append(f"community {community.get(v, 0) + 1} · betweenness {btw.get(v, 0.0):.3f} · "
                    f"degree {co.degree(v)} · meetings {bip.degree(v)}")
        c = color_of(v)
        vis_nodes.append({
            "id": v,
            "label": d["label"],
            "kind": "person",
            "community": community.get(v, 0) + 1,
            "betweenness": btw.get(v, 0.0),
            "title": d["items"].render(head, order=("职务 Posts", "会议 Meetings")),
            "shape": "dot",
            "size": round(8.0 + 32.0 * math.sqrt(metric.get(v, 0.0) / mmax), 1),
            "color": {"background": c, "border": c, "highlight": {"background": c, "border": "#222"},
                      "hover": {"background": c, "border": "#222"}},
            "x": pos[v][0],
            "y": pos[v][1],
        })

    vis_edges = []
    wmax = 1
    for i, (u, v, w) in enumerate(sorted(shown.edges(data="weight"), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))):
        u, v = min(u, v), max(u, v)
        shared = sorted(set(bip[u]) & set(bip[v]), key=lambda m: (_iso(info[m]["date"]), info[m]["name"], m))
        lines = [f"{info[u]['label']} — {info[v]['label']}", f"{int(w)} shared meeting(s):"]
        lines += [f"• {info[m]['name']} ({_iso(info[m]['date'])})" for m in shared[:_MAX_ITEMS]]
        if len(shared) > _MAX_ITEMS:
            lines.append(f"  … and {len(shared) - _MAX_ITEMS} more")
        wmax = max(wmax, int(w))
        vis_edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "weight": int(w),
            "width": round(min(1.0 + 2.0 * (w - 1.0), 14.0), 1),
            "title": "\n".join(lines),
            "color": {"color": "#8a8a8a", "highlight": "#222", "hover": "#222", "opacity": 0.55},
        })

    n_shown = len(vis_nodes)
    physics = n_shown <= physics_threshold and n_shown > 1
    options = _options(n_shown, physics_threshold)
    options["edges"]["smooth"] = False

    # Legend: communities (largest first), with a few names each.
    shown_comms = [(i, [v for v in c if v in keep]) for i, c in enumerate(comm_list)]
    shown_comms = [(i, c) for i, c in shown_comms if c]
    rows = []
    for i, members in shown_comms[: len(COMMUNITY_COLORS)]:
        names = "、".join(info[v]["label"] for v in sorted(members, key=lambda v: (-btw.get(v, 0.0), info[v]["label"]))[:4])
        more = "…" if len(members) > 4 else ""
        rows.append(f'<div class="kg-legend-row"><span class="kg-swatch" style="background:{COMMUNITY_COLORS[i]}"></span>'
                    f'<span>Community {i + 1}: {_h(names)}{more}</span><span class="n">{len(members)}</span></div>')
    if len(shown_comms) > len(COMMUNITY_COLORS):
        rest = sum(len(c) for _, c in shown_comms[len(COMMUNITY_COLORS):])
        rows.append(f'<div class="kg-legend-row"><span class="kg-swatch" style="background:{OTHER_COMMUNITY_COLOR}"></span>'
                    f'<span>{len(shown_comms) - len(COMMUNITY_COLORS)} smaller communities</span><span class="n">{rest}</span></div>')
    legend = (f'<section id="kg-legend"><h2>Communities 社群 (Louvain)</h2>{"".join(rows) or "<p>No persons.</p>"}'
              f'<p style="color:#666;margin:6px 0 0 0">Node size: {_h(size_by)} centrality. Edge width: number of '
              f'meetings both attended.</p></section>')
    filters = (f'<div style="margin-top:8px"><label for="kg-min-weight">Min. shared meetings: '
               f'<span id="kg-min-weight-value">1</span></label>'
               f'<input id="kg-min-weight" type="range" min="1" max="{max(wmax, 1)}" value="1" step="1" style="width:100%"></div>')

    ranked = sorted(keep, key=lambda v: (-btw.get(v, 0.0), -co.degree(v), info[v]["label"], v))[:max(top_brokers, 0)]
    body = "".join(
        f'<tr data-idx="{i}"><td class="num">{i + 1}</td><td><span class="kg-swatch" style="background:{color_of(v)}"></span>'
        f'{_h(info[v]["label"])}</td><td class="num">{btw.get(v, 0.0):.3f}</td><td class="num">{co.degree(v)}</td>'
        f'<td class="num">{community.get(v, 0) + 1}</td></tr>'
        for i, v in enumerate(ranked)
    )
    extra = (f'<section id="kg-brokers-panel"><h2>Top brokers 关键中介 (betweenness)</h2>'
             f'<table class="kg-brokers" id="kg-brokers"><thead><tr><th>#</th><th>Person</th><th>Betw.</th>'
             f'<th>Deg.</th><th>Comm.</th></tr></thead><tbody>{body}</tbody></table></section>\n')

    summary = (f"persons: {n_shown} · ties: {len(vis_edges)} · communities: {len(shown_comms)} · "
               f"meetings: {sum(1 for _, d in bip.nodes(data='bipartite') if d == 1)} · {len(facts)} article(s)")
    cap_note = _cap_note(n_shown, total_nodes, len(vis_edges), total_edges, "highest betweenness and weighted degree") if truncated else ""
    data = {"view": "coattendance", "nodes": vis_nodes, "edges": vis_edges, "options": options,
            "brokers": list(ranked)}
    page = _render(title=title, summary=summary, cap_note=cap_note, legend=legend, filters=filters, extra=extra, data=data)
    _write_atomic(out, page)
    return ViewStats(
        path=out,
        nodes={"person": n_shown},
        edges={"coattendance": len(vis_edges)},
        total_nodes=total_nodes,
        total_edges=total_edges,
        truncated=truncated,
        physics=physics,
        communities=len(shown_comms),
        brokers=tuple((info[v]["label"], btw.get(v, 0.0)) for v in ranked),
    )
