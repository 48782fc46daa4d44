"""Sentence splitting that keeps offsets (HanLP's splitter drops them).

Sentences end at 。！？ (and ; for long lists) unless inside quotes or 《》; a closing quote
right after the stop belongs to the sentence. Offsets are into ``Article.text``.
"""
from __future__ import annotations

from .model import Article, Sentence

_STOPS = "。！？!?"
_CLOSERS = "”’」』）)"
_OPEN_PAIRS = {"《": "》", "“": "”", "「": "」"}


def split_clean(clean: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in the repaired text."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth: list[str] = []
    i, n = 0, len(clean)
    while i < n:
        ch = clean[i]
        if ch in _OPEN_PAIRS:
            depth.append(_OPEN_PAIRS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        if ch == "\n" or (ch in _STOPS and len(depth) <= 1 and not (depth and depth[-1] == "》")):
            end = i + 1
            while end < n and clean[end] in _CLOSERS:
                end += 1
            if ch in _STOPS:
                depth.clear()
            _push(spans, clean, start, end)
            start = end
            i = end
            continue
        i += 1
    _push(spans, clean, start, n)
    return spans


def _push(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    e = end
    while e > start and text[e - 1].isspace():
        e -= 1
    if e > start:
        spans.append((start, e))


def segment(article: Article) -> tuple[list[Sentence], list[tuple[int, int]]]:
    """Split an article into sentences.

    Returns the sentences (offsets into ``article.text``) and the matching spans in
    ``article.clean`` that the extractor works on.
    """
    clean_spans = split_clean(article.clean)
    sentences = []
    for k, (s, e) in enumerate(clean_spans):
        ts = article.to_text_offset(s)
        te = article.to_text_offset(e - 1) + 1
        sentences.append(Sentence(article.id, k, ts, te, article.clean[s:e]))
    return sentences, clean_spans
