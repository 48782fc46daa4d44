"""Read articles from pages (.txt/.md), JSON Lines files and directories.

* A page holds one or several articles; a line starting with ``#`` starts an article and gives
  its title. Without headings the whole file is one article titled by its first line.
* Broken line wraps in the middle of a sentence (``…放大效应为\\n\\n纽带…``) are repaired in
  ``Article.clean`` while ``Article.clean_to_text`` keeps offsets into the original text.
* Metadata sits beside a page in ``<stem>.meta.json`` (date, source, home_region, url) and can be
  overridden from the command line.
* Bad items never stop a batch: they are yielded as :class:`~kg.model.Rejected`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Optional, Union

from .model import Article, Rejected

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_SENTENCE_END = "。！？!?；;…”」』）)：:"
_KNOWN_FIELDS = {"id", "title", "text", "date", "url", "source", "home_region"}


@dataclass(frozen=True)
class Defaults:
    """Metadata applied to articles that do not carry their own."""

    published: Optional[date] = None
    source: Optional[str] = None
    home_region: Optional[str] = None
    encoding: Optional[str] = None


def parse_date(value: object) -> date:
    """Parse YYYY-MM-DD or YYYYMMDD; raise ValueError with a short reason."""
    if not isinstance(value, str):
        raise ValueError(f"date must be a string, got {type(value).__name__}")
    s = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", s)
    if not m:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD or YYYYMMDD")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


_BREAK = re.compile(r"[ \t\r\u3000]*\n[ \t\r\n\u3000]*")


def repair_wraps(text: str) -> tuple[str, tuple[int, ...]]:
    """Join paragraphs that were broken in the middle of a sentence.

    A line break (with any blank lines around it) is removed when the text before it does not end
    a sentence and the text after it continues with a CJK character or digit. Returns the repaired
    text and, for each of its characters, the offset of that character in ``text``.
    """
    pieces: list[str] = []
    mapping: list[int] = []
    pos = 0
    for m in _BREAK.finditer(text):
        prev = text[m.start() - 1] if m.start() > 0 else ""
        nxt = text[m.end()] if m.end() < len(text) else ""
        if prev and nxt and prev not in _SENTENCE_END and _is_cjk_or_digit(prev) and _is_cjk_or_digit(nxt):
            pieces.append(text[pos:m.start()])
            mapping.extend(range(pos, m.start()))
            pos = m.end()
    pieces.append(text[pos:])
    mapping.extend(range(pos, len(text)))
    return "".join(pieces), tuple(mapping)


def _is_cjk_or_digit(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isdigit() or ch in "“”《》、，"


def make_article(id: str, title: str, text: str, *, published: Optional[date] = None, source: Optional[str] = None,
                 url: Optional[str] = None, home_region: Optional[str] = None, origin: str = "", line: int = 0) -> Article:
    """Build an :class:`Article`, repairing broken wraps of ``text``."""
    clean, mapping = repair_wraps(text)
    return Article(id=id, title=title.strip(), text=text, clean=clean, clean_to_text=mapping, published=published,
                   source=source, url=url, home_region=home_region, origin=origin, line=line)


def read_text_file(path: Path, encoding: Optional[str] = None) -> str:
    """Read a text file, detecting UTF-8 (with or without BOM), UTF-16 and GB18030."""
    data = path.read_bytes()
    if encoding:
        return data.decode(encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes); not a text page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise ValueError(f"cannot decode as UTF-8 or GB18030 (byte {e.start}); pass --encoding") from e


def _sidecar(path: Path) -> dict:
    meta = path.with_name(path.stem + ".meta.json")
    if meta.exists():
        return json.loads(meta.read_text(encoding="utf-8"))
    return {}


def read_page(path: Path, defaults: Defaults = Defaults()) -> Iterator[Union[Article, Rejected]]:
    """Articles of a .txt/.md page."""
    try:
        text = read_text_file(path, defaults.encoding)
        meta = _sidecar(path)
        published = defaults.published or (parse_date(meta["date"]) if meta.get("date") else None)
    except (OSError, ValueError, json.JSONDecodeError) as e:
        yield Rejected(str(path), 0, None, str(e))
        return
    source = defaults.source or meta.get("source")
    home = defaults.home_region or meta.get("home_region")
    url = meta.get("url")
    # Split on heading lines; remember where each article's body starts.
    heads = [m for m in re.finditer(r"(?m)^[ \t]*#{1,6}[ \t]*(.*?)[ \t]*$", text)]
    pieces: list[tuple[str, int, int]] = []  # (title, body_start, body_end)
    if heads:
        for k, m in enumerate(heads):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
            pieces.append((m.group(1), m.end(), end))
    else:
        first = re.search(r"(?m)^[ \t\u3000]*(\S.*?)[ \t]*$", text)
        if first:
            pieces.append((first.group(1), first.end(), len(text)))
    if not pieces or not any(text[s:e].strip() for _, s, e in pieces) and not heads:
        yield Rejected(str(path), 1, path.stem, "empty page: no article text")
        return
    many = len(pieces) > 1
    for n, (title, start, end) in enumerate(pieces, 1):
        aid = f"{path.stem}#{n}" if many else path.stem
        body = text[start:end]
        line = text.count("\n", 0, start)
        if not body.strip():
            yield Rejected(str(path), line, aid, "article has a heading but no text")
            continue
        yield make_article(aid, title, body, published=published, source=source, url=url, home_region=home,
                           origin=str(path), line=line)


def read_jsonl(path: Path, defaults: Defaults = Defaults()) -> Iterator[Union[Article, Rejected]]:
    """Articles of a JSON Lines file, one per line (``text`` required)."""
    try:
        fh = open(path, encoding=defaults.encoding or "utf-8-sig", errors="strict")
    except OSError as e:
        yield Rejected(str(path), 0, None, str(e))
        return
    with fh:
        lineno = 0
        while True:
            try:
                raw = fh.readline()
            except UnicodeDecodeError as e:
                yield Rejected(str(path), lineno + 1, None, f"not UTF-8 ({e.reason}); stopped reading this file")
                return
            if not raw:
                break
            lineno += 1
            if not raw.strip():
                continue
            fallback_id = f"{path.stem}#{lineno}"
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                yield Rejected(str(path), lineno, fallback_id, f"malformed JSON: {e.msg} at column {e.colno}")
                continue
            item = _article_from_json(obj, path, lineno, fallback_id, defaults)
            yield item


def _article_from_json(obj: object, path: Path, lineno: int, fallback_id: str, defaults: Defaults) -> Union[Article, Rejected]:
    if not isinstance(obj, dict):
        return Rejected(str(path), lineno, fallback_id, f"expected a JSON object, got {type(obj).__name__}")
    aid = obj.get("id", fallback_id)
    if not isinstance(aid, (str, int)) or isinstance(aid, bool):
        return Rejected(str(path), lineno, fallback_id, "'id' must be a string or integer")
    aid = str(aid)
    text = obj.get("text")
    if text is None:
        return Rejected(str(path), lineno, aid, "missing 'text'")
    if not isinstance(text, str):
        return Rejected(str(path), lineno, aid, f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        return Rejected(str(path), lineno, aid, "'text' is empty")
    for key in ("title", "url", "source", "home_region"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return Rejected(str(path), lineno, aid, f"'{key}' must be a string")
    published = defaults.published
    if obj.get("date") is not None and published is None:
        try:
            published = parse_date(obj["date"])
        except ValueError as e:
            return Rejected(str(path), lineno, aid, str(e))
    title = obj.get("title") or text.strip().splitlines()[0][:60]
    return make_article(aid, title, text, published=published, source=defaults.source or obj.get("source"),
                        url=obj.get("url"), home_region=defaults.home_region or obj.get("home_region"),
                        origin=str(path), line=lineno)


def iter_inputs(paths: list[Path]) -> Iterator[Path]:
    """Expand directories into the readable files they hold (sorted, recursive)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES and not f.name.endswith(".meta.json"):
                    yield f
        else:
            yield p


def read_articles(paths: list[Path], defaults: Defaults = Defaults()) -> Iterator[Union[Article, Rejected]]:
    """Stream articles (and rejected items) from files and directories."""
    for f in iter_inputs(paths):
        if not f.exists():
            yield Rejected(str(f), 0, None, "no such file or directory")
        elif f.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(f, defaults)
        else:
            yield from read_page(f, defaults)
