"""Plain data passed between pipeline stages (stdlib only).

Every stage takes and returns these frozen dataclasses, so stages can be tested, cached and
replaced independently::

    ingest -> Article -> segment -> Sentence[] -> extract -> ArticleFacts -> link -> rdf/view/export

Offsets: ``Article.text`` is the article as it stands in the input (heading excluded);
``Article.clean`` is the same text with broken line wraps repaired. Extraction runs on
``clean``; every ``Span`` it emits is already mapped back to offsets into ``Article.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

#: Participation roles (SKOS concepts in ontology/kg.ttl), in display order.
ROLES = ("chaired", "spoke", "reported", "attended", "attended_nonvoting")
#: Actions a meeting takes on a policy document.
DOCUMENT_ACTIONS = ("adopted", "studied", "conveyed", "issued", "deployed")


@dataclass(frozen=True)
class Article:
    """One news article as read from the input."""

    id: str
    title: str
    text: str  # original text of the article body (offsets refer to this)
    clean: str  # body with broken line wraps repaired; same length or shorter
    clean_to_text: tuple[int, ...]  # clean_to_text[i] = offset in `text` of clean[i]
    published: Optional[date] = None
    source: Optional[str] = None
    url: Optional[str] = None
    home_region: Optional[str] = None
    origin: str = ""  # file path the article came from
    line: int = 0  # 1-based line in `origin` where the article starts

    def to_text_offset(self, clean_offset: int) -> int:
        """Map an offset into ``clean`` to the offset into ``text``."""
        if clean_offset >= len(self.clean_to_text):
            return len(self.text)
        return self.clean_to_text[clean_offset]


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; start/end are offsets into ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str  # repaired sentence text (as extraction saw it)


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: a sentence and a character span in ``Article.text``."""

    sentence: int  # Sentence.index
    start: int
    end: int
    method: str = "rules"  # rules | dict | hanlp:<model id>


@dataclass(frozen=True)
class PersonMention:
    name: str
    evidence: Evidence


@dataclass(frozen=True)
class RegionMention:
    name: str  # full administrative name, e.g. 上海市
    code: Optional[str]  # GB/T 2260 code (6 digits) when known
    evidence: Evidence


@dataclass(frozen=True)
class Holding:
    """A person holding a post: (person, region, title)."""

    person: str
    region: Optional[str]  # full administrative name, '中央' for national organs, None outside government
    title: str  # level word kept, place dropped: 市委书记, 省委常委, 常务副省长
    evidence: Evidence
    change: Optional[str] = None  # appointed | removed | elected, when the sentence says so


@dataclass(frozen=True)
class Meeting:
    key: str  # article-local key: m1, m2 ...
    name: str
    date: Optional[date]
    evidence: Evidence
    organizer: Optional[str] = None  # body that held the meeting, when known


@dataclass(frozen=True)
class Participation:
    person: str
    role: str  # one of ROLES
    meeting: str  # Meeting.key
    evidence: Evidence


@dataclass(frozen=True)
class DocumentAction:
    title: str  # without 《》
    action: str  # one of DOCUMENT_ACTIONS
    meeting: Optional[str]  # Meeting.key
    issuer: Optional[str]
    evidence: Evidence


@dataclass(frozen=True)
class MetropolitanCircle:
    name: str
    core: Optional[str]
    members: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    persons: tuple[PersonMention, ...] = ()
    regions: tuple[RegionMention, ...] = ()
    holdings: tuple[Holding, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    participations: tuple[Participation, ...] = ()
    documents: tuple[DocumentAction, ...] = ()
    mentioned_not_attending: tuple[str, ...] = ()
    reporters: tuple[PersonMention, ...] = ()
    circles: tuple[MetropolitanCircle, ...] = ()
    warnings: tuple[str, ...] = ()

    def person_names(self) -> list[str]:
        """All distinct person names, in order of first mention."""
        seen: dict[str, None] = {}
        for p in self.persons:
            seen.setdefault(p.name, None)
        for r in self.reporters:
            seen.setdefault(r.name, None)
        return list(seen)

    @property
    def is_empty(self) -> bool:
        return not (self.persons or self.meetings or self.holdings or self.documents)


@dataclass(frozen=True)
class PersonIdentity:
    """Result of cross-article linking: one node in the graph."""

    key: str  # opaque, deterministic (hash of name + disambiguating context)
    name: str
    context: str  # the disambiguating context used (e.g. province), '' when none
    merged_from: tuple[str, ...] = field(default=())  # article ids whose mentions were merged in


@dataclass(frozen=True)
class Rejected:
    """An input item that could not be read; reported, never fatal to a batch."""

    origin: str
    line: int
    article_id: Optional[str]
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line else self.origin
        ident = f" [{self.article_id}]" if self.article_id else ""
        return f"{where}{ident}: {self.reason}"
