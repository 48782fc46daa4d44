"""Longest-match dictionaries: HanLP's trie semantics, scanned in C when pyahocorasick is present.

``hanlp_trie.Trie.parse_longest`` is the reference (leftmost, longest, non-overlapping matches) but it
is pure Python, and dictionary scans are most of the extraction time. ``pyahocorasick`` (already
installed with ``cpca``) gives the same matches with ``Automaton.iter_long``; a test checks that the
two agree.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Union

from hanlp_trie import Trie

try:  # optional accelerator
    import ahocorasick
except ImportError:  # pragma: no cover - exercised only without pyahocorasick
    ahocorasick = None


class Dictionary:
    """A word -> value dictionary with ``parse_longest(text) -> [(start, end, value)]``."""

    def __init__(self, entries: Union[Mapping[str, Any], Iterable[str]], accelerate: bool = True) -> None:
        items = dict(entries.items()) if isinstance(entries, Mapping) else {w: w for w in entries}
        items = {k: v for k, v in items.items() if k}
        self._items = items
        self._trie: Any = None  # built on first use: the accelerated scan does not need it
        self._auto = None
        if accelerate and ahocorasick is not None and items:
            auto = ahocorasick.Automaton()
            for word, value in items.items():
                auto.add_word(word, (len(word), value))
            auto.make_automaton()
            self._auto = auto

    @property
    def trie(self) -> Trie:
        """The reference ``hanlp_trie.Trie`` (pure Python; built lazily)."""
        if self._trie is None:
            self._trie = Trie(self._items)
        return self._trie

    def parse_longest(self, text: str) -> list[tuple[int, int, Any]]:
        """Leftmost-longest non-overlapping matches, as ``hanlp_trie.Trie.parse_longest``."""
        if self._auto is None:
            return self.trie.parse_longest(text)
        return [(end + 1 - n, end + 1, value) for end, (n, value) in self._auto.iter_long(text)]

    def __contains__(self, word: str) -> bool:
        return word in self.trie
