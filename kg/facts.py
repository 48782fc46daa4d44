"""The facts JSON of ``shared/gold/SCHEMA.md``: a flat, human-checkable view of the extraction.

Beyond the schema's fields every fact carries ``evidence``: the sentence index and the
character span in the article text it was read from.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from .model import ROLES, ArticleFacts, Evidence


def _ev(e: Evidence) -> dict[str, Any]:
    return {"sentence": e.sentence, "span": [e.start, e.end], "method": e.method}


def _post(h) -> dict[str, Any]:
    out = {"person": h.person, "region": h.region, "title": h.title}
    if h.change:
        out["change"] = h.change
    out["evidence"] = _ev(h.evidence)
    return out


def article_to_json(f: ArticleFacts) -> dict[str, Any]:
    """One article's facts in the SCHEMA.md form (plus evidence)."""
    a = f.article
    names = {m.key: m.name for m in f.meetings}
    meetings = []
    for m in f.meetings:
        people: dict[str, dict[str, Any]] = {}
        for p in f.participations:
            if p.meeting != m.key:
                continue
            entry = people.setdefault(p.person, {"person": p.person, "roles": [], "evidence": _ev(p.evidence)})
            entry["roles"].append(p.role)
        for entry in people.values():
            entry["roles"].sort(key=ROLES.index)
        meetings.append({"name": m.name, "date": m.date.isoformat() if m.date else None,
                         "participants": list(people.values()), "evidence": _ev(m.evidence)})
    out: dict[str, Any] = {
        "id": a.id,
        "title": a.title,
        "date": a.published.isoformat() if a.published else None,
        "source": a.source,
        "url": a.url,
        "meetings": meetings,
        "posts": [_post(h) for h in f.holdings if h.change != "removed"],
        # posts a 免去 / 不再担任 sentence ends: history, not a current post
        "former_posts": [_post(h) for h in f.holdings if h.change == "removed"],
        "regions": list(dict.fromkeys(r.name for r in f.regions)),
        "mentioned_not_attending": list(f.mentioned_not_attending),
        "documents": [{"title": d.title, "issuer": d.issuer, "action": d.action,
                       "meeting": names.get(d.meeting) if d.meeting else None, "evidence": _ev(d.evidence)}
                      for d in f.documents],
        "reporters": [r.name for r in f.reporters],
    }
    if f.circles:
        c = f.circles[0]
        out["metropolitan_circle"] = {"name": c.name, "core": c.core, "members": list(c.members)}
    return out


def facts_document(facts: Iterable[ArticleFacts], **meta: Any) -> dict[str, Any]:
    """The whole facts file: ``{"articles": [...]}`` plus optional run metadata."""
    doc: dict[str, Any] = dict(meta)
    doc["articles"] = [article_to_json(f) for f in facts]
    return doc


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON next to ``path`` and rename it into place, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write text atomically (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def load_facts(path: Path) -> list[dict[str, Any]]:
    """Read a facts file (``{"articles": [...]}`` or JSON Lines) as a list of article dicts."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        return data["articles"] if isinstance(data, dict) else list(data)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def summarize(facts: Sequence[ArticleFacts]) -> dict[str, int]:
    """Counts for the run summary."""
    persons = {n for f in facts for n in f.person_names()}
    posts = {(h.region, h.title) for f in facts for h in f.holdings}
    return {
        "articles": len(facts),
        "persons": len(persons),
        "posts": len(posts),
        "meetings": sum(len(f.meetings) for f in facts),
        "documents": len({d.title for f in facts for d in f.documents}),
    }
