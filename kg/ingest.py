"""Read articles from pages (.txt/.md), JSON Lines files and directories.

* A page holds one or several articles; a line starting with ``#`` starts an article and gives
  its title. Without headings the whole file is one article titled by its first line (a first line
  that is the only line, ends a sentence or is very long is text, not a title: it stays in the body
  and the title is its first 60 characters). Text before the first heading is article ``stem#0``.
* Broken line wraps in the middle of a sentence (``…放大效应为\\n\\n纽带…``) are repaired in
  ``Article.clean`` while ``Article.clean_to_text`` keeps offsets into the original text.
* Metadata sits beside a page in ``<stem>.meta.json`` (date, source, home_region, url) and can be
  overridden from the command line.
* Encodings: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one (sniffed) and
  GB18030 (hence GBK and GB2312) are detected; ``Defaults.encoding`` forces one. A UTF-8 file with a
  damaged byte is rejected (pages) or loses only the damaged line (JSONL), never silently read as
  GB18030 mojibake.
* Text hygiene, offsets unchanged: lone UTF-16 surrogates (JSON can carry ``"\\ud800"``, UTF-8 cannot
  encode it) become U+FFFD in every string of an article, with a warning on the ``kg.ingest`` logger;
  invisible format and control characters (U+200B, bidi marks and embeddings, BOM, soft hyphen, NUL …)
  stay in ``text`` but are left out of ``clean``, so a name split by U+200B is still found and its
  evidence still points into ``text``. Full-width digits need no folding: the rules' ``\\d`` and
  ``int()`` read ``２７日`` as 27日.
* Limits: an article longer than ``Defaults.max_chars`` (default 2,000,000 characters; extraction
  takes ~12 s per million characters of news, more for longer articles) is rejected with ``article too
  large``; ``None`` or 0 lifts every limit. With a limit, a JSONL line longer than 12 bytes a character
  (the most JSON escapes take) and a page file over max(256 MiB, 4 bytes a character) are refused
  without being read into memory. Devices and other non-regular files (except pipes) are refused.
* Bad items never stop a batch: they are yielded as :class:`~kg.model.Rejected`, one line each
  (``FILE:LINE [ID]: reason``; control characters in any part are escaped). Article ids must be
  unique across one :func:`read_articles` run; a repeated id is rejected.
"""
from __future__ import annotations

import codecs
import contextlib
import io
import json
import logging
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Union

from .model import Article, Rejected

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_SENTENCE_END = "。！？!?；;…”」』）)：:"
_KNOWN_FIELDS = {"id", "title", "text", "date", "url", "source", "home_region"}
DEFAULT_MAX_CHARS = 2_000_000
_TITLE_CHARS = 60  # a title derived from the text
_MAX_TITLE_LINE = 200  # a first line longer than this is text, not a title
_SNIFF_BYTES = 1 << 20
_MAX_PAGE_BYTES = 256 << 20

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Defaults:
    """Metadata applied to articles that do not carry their own, and reading options."""

    published: Optional[date] = None
    source: Optional[str] = None
    home_region: Optional[str] = None
    encoding: Optional[str] = None
    max_chars: Optional[int] = DEFAULT_MAX_CHARS  # None or 0: no limit


def parse_date(value: object) -> date:
    """Parse YYYY-MM-DD or YYYYMMDD; raise ValueError with a short reason."""
    if not isinstance(value, str):
        raise ValueError(f"date must be a string, got {type(value).__name__}")
    s = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", s)
    if not m:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD or YYYYMMDD")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as e:
        raise ValueError(f"date {value!r} is not a calendar date ({e})") from None


# -- text hygiene ---------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
# Unicode Cf (format) characters and the Cc controls that are not whitespace. Kept in Article.text,
# left out of Article.clean. tests/test_properties.py checks this list against unicodedata.
_INVISIBLE_CHARS = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # C0/C1 controls except \t \n \v \f \r \x1c-\x1f \x85
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_CONTROL = re.compile(f"[{_INVISIBLE_CHARS}\\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(f"[{_INVISIBLE_CHARS}\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\u2028\u2029\ud800-\udfff]")


def fix_surrogates(s: str) -> tuple[str, int]:
    """Replace lone surrogates by U+FFFD (a split pair is joined); return the text and how many were lone."""
    if _SURROGATE.search(s) is None:
        return s, 0
    fixed = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    lone = fixed.count("\ufffd") - s.count("\ufffd")
    return fixed, lone


def one_line(s: str) -> str:
    """``s`` with line breaks, controls, invisible characters and surrogates escaped (for messages)."""
    if _UNPRINTABLE.search(s) is None:
        return s
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), s)


def _reject(origin: object, line: int, article_id: Optional[str], reason: str) -> Rejected:
    return Rejected(one_line(str(origin)), line, one_line(article_id) if article_id else None, one_line(reason))


# The look-behind makes a match start only where a run of blanks starts (linear on long runs).
_BREAK = re.compile(r"(?<![ \t\r\u3000])[ \t\r\u3000]*\n[ \t\r\n\u3000]*")


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


def clean_text(text: str) -> tuple[str, tuple[int, ...]]:
    """The text extraction works on: invisible characters left out, broken wraps repaired.

    Returns it and, for each of its characters, the offset of the same character in ``text``
    (strictly increasing).
    """
    if _INVISIBLE.search(text) is None:
        return repair_wraps(text)
    pieces: list[str] = []
    kept: list[int] = []
    pos = 0
    for m in _INVISIBLE.finditer(text):
        pieces.append(text[pos:m.start()])
        kept.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    kept.extend(range(pos, len(text)))
    visible, mapping = repair_wraps("".join(pieces))
    return visible, tuple(kept[i] for i in mapping)


def make_article(id: str, title: str, text: str, *, published: Optional[date] = None, source: Optional[str] = None,
                 url: Optional[str] = None, home_region: Optional[str] = None, origin: str = "", line: int = 0) -> Article:
    """Build an :class:`Article`: lone surrogates replaced, invisible characters and broken wraps out of ``clean``."""
    lone = 0
    fields = {"id": id, "title": title, "text": text, "source": source, "url": url, "home_region": home_region}
    for k, v in fields.items():
        if isinstance(v, str):
            fields[k], n = fix_surrogates(v)
            lone += n
    if lone:
        where = f"{origin}:{line}" if line else (origin or "<input>")
        log.warning("Warning: %s [%s]: %d lone surrogate(s) replaced by U+FFFD", one_line(where),
                    one_line(fields["id"]), lone)
    text = fields["text"]
    clean, mapping = clean_text(text)
    return Article(id=fields["id"], title=fields["title"].strip(), text=text, clean=clean, clean_to_text=mapping,
                   published=published, source=fields["source"], url=fields["url"], home_region=fields["home_region"],
                   origin=origin, line=line)


def _too_large(n: int, limit: Optional[int]) -> Optional[str]:
    if limit and n > limit:
        return f"article too large ({n:,} chars > limit {limit:,}); split it or raise --max-chars"
    return None


# -- encodings ------------------------------------------------------------------------------------

def _check_codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _plausible(text: str) -> bool:
    """Does decoded text look like text (for BOM-less UTF-16)? Mostly CJK, ASCII and punctuation, no controls."""
    sample = text[:4000]
    if not sample or any(ch < " " and ch not in "\t\n\r\x0c" for ch in sample):
        return False
    ok = sum(1 for ch in sample if ch < "\x7f" or "\u2000" <= ch <= "\u206f" or "\u3000" <= ch <= "\u303f"
             or "\u4e00" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return ok >= 0.9 * len(sample)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    return None


def _utf8_damaged(data: bytes, err: UnicodeDecodeError) -> bool:
    """True when the bytes before a UTF-8 error are clearly UTF-8 (8+ multibyte characters)."""
    before = data[:err.start].decode("utf-8", "ignore")
    return sum(1 for ch in before if ch > "\x7f") >= 8


def read_text_file(path: Path, encoding: Optional[str] = None, max_bytes: Optional[int] = None,
                   stream: Optional[BinaryIO] = None) -> str:
    """Read a text file (or ``stream``, already open), detecting UTF-8 (with or without BOM), UTF-16/32 and
    GB18030; ValueError says why not.

    A file over ``max_bytes`` is refused without being read whole.
    """
    with (contextlib.nullcontext(stream) if stream is not None else open(path, "rb")) as fh:
        data = fh.read(max_bytes + 1) if max_bytes else fh.read()
    if max_bytes and len(data) > max_bytes:
        raise ValueError(f"file too large (over {max_bytes:,} bytes); split it or raise --max-chars")
    if encoding:
        codec = _check_codec(encoding)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise ValueError(f"cannot decode as {encoding} at byte {e.start} (line {_line_of(data, e.start)}): "
                             f"{e.reason}") from None
        return text[1:] if text.startswith("\ufeff") else text
    if data.startswith(b"\xef\xbb\xbf"):
        codec, data = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        codec = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec = None
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as e:
            raise ValueError(f"starts with a {codec} byte-order mark but byte {e.start} is not {codec}: {e.reason}") from None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise ValueError("binary file (NUL bytes); not a text page")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if _utf8_damaged(data, e):
            raise ValueError(f"invalid UTF-8 at byte {e.start} (line {_line_of(data, e.start)}): {e.reason}; "
                             "repair the file or pass --encoding") from None
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as e2:
            raise ValueError(f"cannot decode as UTF-8 or GB18030 (byte {e2.start}, line {_line_of(data, e2.start)}); "
                             "pass --encoding") from None


# -- pages ----------------------------------------------------------------------------------------

def _sidecar(path: Path) -> dict:
    """``<stem>.meta.json`` beside a page, checked; ValueError says what is wrong with it."""
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ValueError(f"{meta.name}: not UTF-8 (byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"{meta.name}: malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{meta.name}: expected a JSON object, got {type(data).__name__}")
    for key in ("source", "home_region", "url"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ValueError(f"{meta.name}: '{key}' must be a string, got {type(data[key]).__name__}")
    if data.get("date") is not None:
        try:
            data["date"] = parse_date(data["date"])
        except ValueError as e:
            raise ValueError(f"{meta.name}: {e}") from None
    return data


_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}([^\n]*)")


def _first_line(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """(start, end) of the first line in text[start:end] that is not blank, stripped; linear, no regex."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        stripped = line.lstrip(" \t\u3000\r")
        if stripped.strip():
            s = stop - len(stripped)
            return s, s + len(stripped.rstrip(" \t\r"))
        pos = stop + 1
    return None


def _headless(text: str, start: int, end: int) -> Optional[tuple[str, int, int, int]]:
    """(title, body start, body end, line) of text without headings, or None when it is blank."""
    first = _first_line(text, start, end)
    if first is None:
        return None
    s, e = first
    line = text[s:e]
    lineno = text.count("\n", 0, s) + 1
    if not text[e:end].strip() or len(line) > _MAX_TITLE_LINE or line[-1] in "。！？!?；;":
        return line[:_TITLE_CHARS], start, end, lineno
    return line, e, end, lineno


def _page_cap(defaults: Defaults) -> Optional[int]:
    """Bytes past which a page file is refused unread: 256 MiB, or 4 bytes a character of the article limit."""
    return max(_MAX_PAGE_BYTES, 4 * defaults.max_chars) if defaults.max_chars else None


def read_page(path: Path, defaults: Defaults = Defaults(),
              stream: Optional[BinaryIO] = None) -> Iterator[Union[Article, Rejected]]:
    """Articles of a .txt/.md page (read from ``stream`` when given: standard input or a pipe)."""
    try:
        text = read_text_file(path, defaults.encoding, _page_cap(defaults), stream)
        meta = _sidecar(path) if stream is None else {}
    except (OSError, ValueError) as e:
        yield _reject(path, 0, None, str(e))
        return
    published = meta.get("date") or defaults.published  # the page's own metadata wins over run-wide defaults
    source = meta.get("source") or defaults.source
    home = meta.get("home_region") or defaults.home_region
    url = meta.get("url")
    # Split on heading lines; remember where each article's body starts.
    heads = list(_HEADING.finditer(text))
    pieces: list[tuple[str, str, int, int, int]] = []  # (id suffix, title, body_start, body_end, line)
    pre = _headless(text, 0, heads[0].start() if heads else len(text))
    if pre is not None:
        pieces.append(("#0" if heads else "", *pre))
    line, counted = 1, 0
    for k, m in enumerate(heads, 1):
        end = heads[k].start() if k < len(heads) else len(text)
        line += text.count("\n", counted, m.start())
        counted = m.start()
        title = m.group(1).strip(" \t\r\u3000")[:_MAX_TITLE_LINE]
        pieces.append((f"#{k}", title, m.end(), end, line))
    if not pieces:
        yield _reject(path, 1, path.stem, "empty page: no article text")
        return
    many = len(heads) > 1
    for suffix, title, start, end, line in pieces:
        aid = path.stem + suffix if many or suffix == "#0" else path.stem
        body = text[start:end]
        if not body.strip():
            yield _reject(path, line, aid, "article has a heading but no text")
            continue
        too_large = _too_large(len(body), defaults.max_chars)
        if too_large:
            yield _reject(path, line, aid, too_large)
            continue
        yield make_article(aid, title, body, published=published, source=source, url=url, home_region=home,
                           origin=str(path), line=line)


# -- JSON Lines -----------------------------------------------------------------------------------

class _Rewound:
    """A read-once stream (a pipe) with the bytes already read from it put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def seekable(self) -> bool:
        return False

    def read(self, n: int = -1) -> bytes:
        data = self._head.read(n)
        if n is None or n < 0:
            return data + self._rest.read()
        return data if len(data) == n else data + self._rest.read(n - len(data))

    def readline(self, n: int = -1) -> bytes:
        line = self._head.readline(n)
        if line.endswith(b"\n") or (n is not None and 0 <= n <= len(line)):
            return line
        return line + self._rest.readline(-1 if n is None or n < 0 else n - len(line))


def _ascii_lines(codec: str) -> bool:
    """Can the file be split into lines at b'\\n' before decoding?"""
    try:
        return "a\n".encode(codec) == b"a\n" and "\n".encode(codec) == b"\n"
    except (UnicodeError, LookupError):
        return False


def _sniff_jsonl(head: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM to skip) for the start of a JSONL file; ValueError for binary data."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32", 0
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", 0
    if b"\x00" in head[:4096]:
        for codec in ("utf-16-le", "utf-16-be"):
            cut = len(head) - len(head) % 2
            text = head[:cut].decode(codec, "ignore")
            if _plausible(text):
                return codec, 0
        lines = [x for x in head.split(b"\n")[:1000] if x.strip()]
        if sum(1 for x in lines if x.lstrip().startswith(b"{")) < 0.5 * len(lines):
            raise ValueError("binary file (NUL bytes); not JSON Lines")
        # JSON Lines with a few damaged lines: read on, the damaged lines are rejected one by one
    utf8 = gb = 0  # votes of the non-ASCII lines in the head
    pieces = head.split(b"\n")
    for k, raw in enumerate(pieces):
        if raw.isascii():
            continue
        last = k == len(pieces) - 1 and len(head) == _SNIFF_BYTES  # may stop in the middle of a character
        if _decodes(raw, "utf-8", final=not last):
            utf8 += 1
        elif _decodes(raw, "gb18030", final=not last):
            gb += 1
    return ("gb18030" if gb > utf8 else "utf-8"), 0


def _decodes(raw: bytes, codec: str, final: bool = True) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(raw, final=final)
        return True
    except UnicodeDecodeError:
        return False


def read_jsonl(path: Path, defaults: Defaults = Defaults(),
               stream: Optional[BinaryIO] = None) -> Iterator[Union[Article, Rejected]]:
    """Articles of a JSON Lines file, one per line (``text`` required); unknown fields are ignored.

    ``stream``: read from this open binary stream (standard input, a pipe) instead of opening ``path``.
    """
    try:
        fh = contextlib.nullcontext(stream) if stream is not None else open(path, "rb")
    except OSError as e:
        yield _reject(path, 0, None, str(e))
        return
    with fh as fh:
        try:
            if defaults.encoding:
                codec, skip = _check_codec(defaults.encoding), 0
            else:
                head = fh.read(_SNIFF_BYTES)
                codec, skip = _sniff_jsonl(head)
                if fh.seekable():
                    fh.seek(0)
                else:  # a pipe cannot rewind: read the sniffed head again from memory
                    fh = _Rewound(head, fh)
        except (OSError, ValueError) as e:
            yield _reject(path, 0, None, str(e))
            return
        if _ascii_lines(codec):
            lines = _byte_lines(fh, codec, skip, _line_cap(defaults))
        else:
            lines = _text_lines(fh, codec, _line_cap(defaults))
        for lineno, raw in lines:
            if isinstance(raw, Rejected):
                yield _reject(path, lineno, f"{path.stem}#{lineno}", raw.reason)
                continue
            if lineno == 1 and raw.startswith("\ufeff"):
                raw = raw[1:]
            if not raw.strip():
                continue
            fallback_id = f"{path.stem}#{lineno}"
            try:
                obj = json.loads(raw.rstrip("\r\n"))
            except json.JSONDecodeError as e:
                yield _reject(path, lineno, fallback_id, f"malformed JSON: {e.msg} (column {e.colno})")
                continue
            except RecursionError:
                yield _reject(path, lineno, fallback_id, "malformed JSON: nested too deeply")
                continue
            except ValueError as e:  # e.g. an integer of more than 4300 digits
                yield _reject(path, lineno, fallback_id, f"unreadable JSON: {e}")
                continue
            yield _article_from_json(obj, path, lineno, fallback_id, defaults)


def _line_cap(defaults: Defaults) -> Optional[int]:
    """Bytes (or characters) past which one line cannot hold an article within ``max_chars`` (JSON escapes
    take up to 12 bytes a character); longer lines are skipped unread, so a huge line never fills memory."""
    return 12 * defaults.max_chars + (1 << 16) if defaults.max_chars else None


def _too_long(size: int, cap: int, unit: str = "bytes") -> Rejected:
    return Rejected("", 0, None, f"line too long ({size:,} {unit} > {cap:,}: beyond the article size limit); "
                                 "split it or raise --max-chars")


def _byte_lines(fh, codec: str, skip: int, cap: Optional[int] = None) -> Iterator[tuple[int, Union[str, Rejected]]]:
    """Lines split at b'\\n' and decoded one by one: a damaged line is reported, the rest still read."""
    lineno = 0
    while True:
        raw = fh.readline(cap + 1) if cap else fh.readline()
        if not raw:
            return
        lineno += 1
        if cap and len(raw) > cap and not raw.endswith(b"\n"):
            size = len(raw)
            while True:  # skip the rest of the line
                more = fh.readline(_SNIFF_BYTES)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, _too_long(size, cap)
            continue
        if lineno == 1 and skip:
            raw = raw[skip:]
        try:
            yield lineno, raw.decode(codec)
        except UnicodeDecodeError as e:
            yield lineno, Rejected("", 0, None, f"not valid {codec} at byte {e.start} of the line ({e.reason}); "
                                                "line skipped (pass --encoding?)")


def _text_lines(fh, codec: str, cap: Optional[int] = None) -> Iterator[tuple[int, Union[str, Rejected]]]:
    """Lines of a UTF-16/32 file, decoded incrementally; a lone surrogate passes (make_article replaces it)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="surrogatepass")
    carry = ""
    skipped = 0  # characters of an over-long line dropped so far
    lineno = 0
    while True:
        chunk = fh.read(_SNIFF_BYTES)
        try:
            carry += decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as e:
            yield lineno + 1, Rejected("", 0, None, f"not {codec} ({e.reason}); stopped reading this file")
            return
        *lines, carry = carry.split("\n")
        for line in lines:
            lineno += 1
            if skipped or (cap and len(line) > cap):
                yield lineno, _too_long(skipped + len(line), cap or 0, "characters")
                skipped = 0
            else:
                yield lineno, line
        if cap and len(carry) > cap:
            skipped += len(carry)
            carry = ""
        if not chunk:
            break
    if skipped:
        yield lineno + 1, _too_long(skipped + len(carry), cap or 0, "characters")
    elif carry:
        yield lineno + 1, carry


def _article_from_json(obj: object, path: Path, lineno: int, fallback_id: str, defaults: Defaults) -> Union[Article, Rejected]:
    if not isinstance(obj, dict):
        return _reject(path, lineno, fallback_id, f"expected a JSON object, got {_json_type(obj)}")
    aid = obj.get("id")
    if aid is None:
        aid = fallback_id
    elif not isinstance(aid, (str, int)) or isinstance(aid, bool):
        return _reject(path, lineno, fallback_id, f"'id' must be a string or integer, got {_json_type(aid)}")
    aid = str(aid)
    if not aid.strip():
        return _reject(path, lineno, fallback_id, "'id' is empty")
    if _CONTROL.search(aid):
        return _reject(path, lineno, fallback_id, f"'id' '{one_line(aid)}' contains line breaks or control characters")
    text = obj.get("text")
    if text is None:
        return _reject(path, lineno, aid, "missing 'text'")
    if not isinstance(text, str):
        return _reject(path, lineno, aid, f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        return _reject(path, lineno, aid, "'text' is empty")
    for key in ("title", "url", "source", "home_region"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return _reject(path, lineno, aid, f"'{key}' must be a string, got {_json_type(obj[key])}")
    # An item's own metadata wins; the run-wide defaults (--date, --source, --home-region) fill gaps.
    published = defaults.published
    if obj.get("date") is not None:
        try:
            published = parse_date(obj["date"])
        except ValueError as e:
            return _reject(path, lineno, aid, str(e))
    too_large = _too_large(len(text), defaults.max_chars)
    if too_large:
        return _reject(path, lineno, aid, too_large)
    title = obj.get("title") or text.strip().splitlines()[0][:_TITLE_CHARS]
    return make_article(aid, title, text, published=published, source=obj.get("source") or defaults.source,
                        url=obj.get("url"), home_region=obj.get("home_region") or defaults.home_region,
                        origin=str(path), line=lineno)


def _json_type(v: object) -> str:
    """A value's type for messages: the Python name (int, list, dict …), null for None."""
    return "null" if v is None else type(v).__name__


# -- files and directories ------------------------------------------------------------------------

def iter_inputs(paths: list[Path]) -> Iterator[Path]:
    """Expand directories into the readable files they hold (sorted, recursive)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES and not f.name.endswith(".meta.json"):
                    yield f
        else:
            yield p


#: The path that means standard input, and the name its articles' ids and messages use.
STDIN, STDIN_NAME = "-", "stdin"


def _read_file(path: Path, defaults: Defaults) -> Iterator[Union[Article, Rejected]]:
    """A page or a JSON Lines file by its suffix; a pipe without one (``/dev/stdin``) by its content."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl(path, defaults)
    if path.suffix.lower() in TEXT_SUFFIXES or path.is_file():
        return read_page(path, defaults)
    return _read_opened(path, lambda: open(path, "rb"), defaults)


def _read_stream(name: Path, stream: BinaryIO, defaults: Defaults) -> Iterator[Union[Article, Rejected]]:
    """Articles from an already-open stream (standard input), JSON Lines or a page by its content."""
    return _read_opened(name, lambda: contextlib.nullcontext(stream), defaults)


def _read_opened(name: Path, opener, defaults: Defaults) -> Iterator[Union[Article, Rejected]]:
    try:
        with opener() as fh:
            head = fh.read(_SNIFF_BYTES)
            rewound = _Rewound(head, fh)
            if _looks_like_jsonl(head):
                yield from read_jsonl(name, defaults, rewound)
            else:
                yield from read_page(name, defaults, rewound)
    except OSError as e:
        yield _reject(name, 0, None, str(e))


def _looks_like_jsonl(head: bytes) -> bool:
    """Does the stream start with a JSON object (after a byte-order mark and blanks; UTF-16 has NUL bytes)?"""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return head.lstrip(b" \t\r\n\x00").startswith(b"{")


def read_articles(paths: list[Path], defaults: Defaults = Defaults()) -> Iterator[Union[Article, Rejected]]:
    """Stream articles (and rejected items) from files and directories."""
    seen: dict[str, str] = {}  # article id -> where it was first read
    for p in paths:
        files = list(iter_inputs([p]))
        if p.is_dir() and not files:
            yield _reject(p, 0, None, "no .txt, .md, .jsonl or .ndjson files in this directory")
        for f in files:
            if str(f) == STDIN:
                items = _read_stream(Path(STDIN_NAME), sys.stdin.buffer, defaults)
            elif not f.exists():
                yield _reject(f, 0, None, "no such file or directory")
                continue
            elif not (f.is_file() or f.is_fifo()):
                yield _reject(f, 0, None, "not a regular file")
                continue
            else:
                items = _read_file(f, defaults)
            for item in items:
                if isinstance(item, Article):
                    if item.id in seen:
                        yield _reject(item.origin, item.line, item.id,
                                      f"duplicate id (first read at {seen[item.id]}); ids must be unique")
                        continue
                    seen[item.id] = f"{item.origin}:{item.line}" if item.line else item.origin
                yield item
