"""Cross-article identity: which person mentions are the same person.

Same-name officials exist, so a name alone never decides. Mentions of one name are clustered by
the provinces (or 中央) of the posts they hold in their article; clusters that share a province are
one person. A mention with no post joins the name's cluster only when there is exactly one, and
each merge is recorded (``PersonIdentity.merged_from``) so that it can be reviewed and undone.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

from . import regions as R
from .model import ArticleFacts, PersonIdentity


def _contexts(f: ArticleFacts) -> dict[str, set[str]]:
    """Per person in an article: province codes (or '中央') of the posts they hold there."""
    out: dict[str, set[str]] = {n: set() for n in f.person_names()}
    for h in f.holdings:
        ctx = out.setdefault(h.person, set())
        if h.region == "中央":
            ctx.add("中央")
        elif h.region:
            r = R.lookup(h.region)
            if r is not None:
                ctx.add(r.province.code)
    return out


def person_key(name: str, context: str) -> str:
    """Deterministic opaque key of a person node."""
    return hashlib.sha1(f"person|{name}|{context}".encode("utf-8")).hexdigest()[:16]


def link_persons(facts: Sequence[ArticleFacts]) -> dict[tuple[str, str], PersonIdentity]:
    """Map (article id, person name) to the person identity it resolves to."""
    by_name: dict[str, list[tuple[str, set[str]]]] = {}
    for f in facts:
        for name, ctx in _contexts(f).items():
            by_name.setdefault(name, []).append((f.article.id, ctx))
    result: dict[tuple[str, str], PersonIdentity] = {}
    for name in sorted(by_name):
        mentions = by_name[name]
        clusters: list[tuple[set[str], list[str]]] = []  # (contexts, article ids)
        bare: list[str] = []
        for aid, ctx in mentions:
            if not ctx:
                bare.append(aid)
                continue
            hit = [c for c in clusters if c[0] & ctx]
            if not hit:
                clusters.append((set(ctx), [aid]))
                continue
            base = hit[0]
            base[0].update(ctx)
            base[1].append(aid)
            for other in hit[1:]:  # this mention bridges clusters: merge them
                base[0].update(other[0])
                base[1].extend(other[1])
                clusters.remove(other)
        if len(clusters) == 1:
            clusters[0][1].extend(bare)
            bare = []
        for ctx, aids in clusters:
            context = min(ctx)
            ident = PersonIdentity(person_key(name, context), name, context, tuple(sorted(set(aids))))
            for aid in aids:
                result[(aid, name)] = ident
        if bare:
            ident = PersonIdentity(person_key(name, ""), name, "", tuple(sorted(set(bare))))
            for aid in bare:
                result[(aid, name)] = ident
    return result
