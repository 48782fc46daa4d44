"""Score facts against gold (metric definitions of ``shared/gold/SCHEMA.md``).

Mirrors ``shared/tools/score_facts.py`` (micro-averaged P/R/F1 over per-article tuple sets,
articles aligned by id, else title) and adds per-article error lists for auditing a run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

METRICS = ("persons", "participants", "roles", "posts", "documents", "document_actions")
_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "省", "市", "区", "县", "州", "盟", "旗")


def _text(s: Optional[str]) -> str:
    return "".join((s or "").split()).replace("《", "").replace("》", "")


def _region(r: Optional[str]) -> str:
    r = _text(r)
    for suf in _REGION_SUFFIXES:
        if len(r) > len(suf) + 1 and r.endswith(suf):
            return r[: -len(suf)]
    return r


def _title(t: Optional[str]) -> str:
    t = _text(t)
    return t[2:] if t.startswith("中共") else t


def tuples(a: dict[str, Any]) -> dict[str, set]:
    """The tuple sets of one article, per metric."""
    parts = [p for m in a.get("meetings") or [] for p in (m.get("participants") or [])]
    persons = {p["person"] for p in parts} | {p["person"] for p in a.get("posts") or []}
    persons |= set(a.get("mentioned_not_attending") or []) | set(a.get("persons") or []) | set(a.get("reporters") or [])
    return {
        "persons": {_text(x) for x in persons},
        "participants": {_text(p["person"]) for p in parts},
        "roles": {(_text(p["person"]), r) for p in parts for r in (p.get("roles") or [])},
        "posts": {(_text(p["person"]), _region(p.get("region")), _title(p["title"])) for p in a.get("posts") or []},
        "documents": {_text(d["title"]) for d in a.get("documents") or []},
        "document_actions": {(_text(d["title"]), d.get("action")) for d in a.get("documents") or []},
    }


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / (len(sa | sb) or 1)


def align(gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[dict, dict]]:
    """Pair each gold article with its predicted article (by id, title, then title similarity >= 0.5)."""
    by_id = {p.get("id"): p for p in pred if p.get("id")}
    by_title = {_text(p.get("title")): p for p in pred if p.get("title")}
    out = []
    for g in gold:
        p = by_id.get(g["id"]) or by_title.get(_text(g.get("title")))
        if p is None and g.get("title") and pred:
            gt = _text(g["title"])
            best = max(pred, key=lambda q: _jaccard(gt, _text(q.get("title"))))
            if _jaccard(gt, _text(best.get("title"))) >= 0.5:
                p = best
        out.append((g, p or {}))
    return out


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (article id, metric, kind, tuple)

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {k: {"P": round(s.precision, 3), "R": round(s.recall, 3), "F1": round(s.f1, 3), "gold": s.gold,
                    "pred": s.pred} for k, s in self.scores.items()}


def score(gold: Sequence[dict], pred: Sequence[dict]) -> Report:
    """Micro-averaged scores and the spurious/missed tuples of every article."""
    rep = Report({m: Score() for m in METRICS})
    for g, p in align(gold, pred):
        tg, tp_ = tuples(g), tuples(p)
        for m in METRICS:
            s = rep.scores[m]
            s.tp += len(tg[m] & tp_[m])
            s.pred += len(tp_[m])
            s.gold += len(tg[m])
            for x in sorted(map(str, tp_[m] - tg[m])):
                rep.errors.append((g["id"], m, "spurious", x))
            for x in sorted(map(str, tg[m] - tp_[m])):
                rep.errors.append((g["id"], m, "missed", x))
    return rep


def format_report(rep: Report, show_errors: bool = True) -> str:
    """Plain-text table, then errors grouped by article."""
    lines = [f"{'metric':18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for k, s in rep.scores.items():
        lines.append(f"{k:18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:5d} {s.pred:5d}")
    if show_errors and rep.errors:
        lines.append("")
        current = None
        for aid, metric, kind, item in rep.errors:
            if aid != current:
                lines.append(f"== {aid}")
                current = aid
            lines.append(f"  {metric:17} {kind:9} {item}")
    return "\n".join(lines)
