"""The facts JSON of ``shared/gold/SCHEMA.md``: a flat, human-checkable view of the extraction.

Beyond the schema's fields every fact carries ``evidence``: the sentence index and the
character span in the article text it was read from.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import KgError
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


class OutputError(KgError, OSError):
    """An output file could not be written (``Error: E005 cannot write …``); also an :class:`OSError`."""


_SURROGATE = re.compile("[\ud800-\udfff]")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def json_text(data: Any) -> str:
    """The JSON text written for ``data``: UTF-8-safe, one-space indent, newline at the end.

    Control characters are escaped by :mod:`json`; a lone surrogate (which UTF-8 cannot encode) is
    written as its ``\\udXXX`` escape, so the file is valid UTF-8 and reads back to the same string.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    if _SURROGATE.search(text):  # only ever inside a JSON string, where the escape is valid
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text + "\n"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it and rename it into place.

    Readers see the old file or the new one, never half of one; on any failure the temp file is
    removed and :class:`OutputError` (an ``OSError`` and a ``KgError``) says which path failed. The
    new file gets the usual permissions (0666 minus the umask), not mkstemp's 0600.
    """
    path = Path(path)
    tmp = None
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # the parent, or one of its parents, is a file
            raise OutputError("E005", f"cannot write {path}: {path.parent} is not a directory") from None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
        tmp = None
    except OutputError:
        raise
    except OSError as e:
        raise OutputError("E005", f"cannot write {path}: {e.strerror or e}") from e
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON next to ``path`` and rename it into place, so readers never see half a file.

    The whole text is serialised before anything touches the disk (see :func:`json_text`).
    """
    write_bytes_atomic(path, json_text(data).encode("utf-8"))


def write_text_atomic(path: Path, text: str) -> None:
    """Write text atomically (temp file + rename); lone surrogates become U+FFFD."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    write_bytes_atomic(path, text.encode("utf-8"))


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
