"""Extracted facts -> an RDF dataset with one named graph per article.

Modelling (see ``ontology/README.md``):

* post holding: W3C ORG wired as Popolo does (``org:Membership`` with ``org:member``,
  ``org:organization``, ``org:role``, ``opengov:post``; ``org:Post`` ``org:postIn`` the organ) plus
  the flat ``org:holds``;
* meetings: ``schema:Event`` + ``sem:Event``, one ``sem:Role`` node per (meeting, person, role)
  plus the flat ``schema:attendee``; agenda items link meeting, document and action;
* places: GB/T 2260 code as identifier and IRI, ``schema:containedInPlace`` up to the country;
* provenance: every fact ``prov:wasDerivedFrom`` its NIF sentence, and a qualified
  ``prov:Derivation`` points at the exact NIF span with the extraction method.

IRIs are ``https://w3id.org/govkg/id/<kind>/<16 hex>``: a SHA-1 of a natural key, never raw text
(place IRIs use the 6-digit code). Shared nodes (persons, places, organs, posts, documents) are
repeated in every article graph that uses them, so dropping one article graph removes exactly the
statements that article supports.

Example::

    >>> ds = build_dataset(facts, identities)                       # doctest: +SKIP
    >>> dataset_to_files(ds, "out/")                                # doctest: +SKIP
    [PosixPath('out/graph.ttl'), PosixPath('out/graph.trig')]
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator, Iterable, Mapping, Optional, Sequence, Union

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from . import regions
from .model import (
    Article,
    ArticleFacts,
    DocumentAction,
    Evidence,
    Holding,
    Meeting,
    MetropolitanCircle,
    PersonIdentity,
)
from .ns import (
    ACTION,
    DCTERMS,
    GRAPH,
    ID,
    KGO,
    NIF,
    OPENGOV,
    ORG,
    PREFIXES,
    PROV,
    RANK,
    RDF,
    RDFS,
    ROLE,
    SCHEMA,
    SEM,
    SKOS,
    TIME,
    XSD,
    bind_prefixes,
)

__all__ = [
    "RULES_VERSION", "BUILD_GRAPH", "COATTENDANCE_GRAPH", "COUNTRY_CODE",
    "build_dataset", "add_article", "remove_article", "new_dataset",
    "dataset_to_files", "load_dataset", "serialize_turtle", "serialize_trig", "serialize_nquads",
    "mint", "article_graph_iri", "article_iri", "person_iri", "default_person_key", "place_iri",
    "meeting_iri", "organ_for_title", "post_label", "title_rank", "package_version",
]

log = logging.getLogger(__name__)

#: Default rule-set version recorded on the build agent when the caller gives none.
RULES_VERSION = "0"
BUILD_GRAPH = GRAPH["build"]
COATTENDANCE_GRAPH = GRAPH["coattendance"]
#: Code of the country node that provinces are contained in (the common 100000 convention).
COUNTRY_CODE = "100000"
NATIONAL = "中央"

_ROLE_ZH = {"chaired": "主持", "spoke": "讲话", "reported": "通报汇报", "attended": "出席",
            "attended_nonvoting": "列席"}
_ACTION_ZH = {"adopted": "审议通过", "studied": "学习审议", "conveyed": "传达", "issued": "印发",
              "deployed": "部署"}
_CHANGE_VALUES = ("appointed", "elected", "removed")
_ZHO = URIRef("http://lexvo.org/id/iso639-3/zho")

PersonKeyMap = Mapping[tuple[str, str], PersonIdentity]


# ---------------------------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------------------------

def _digest(*parts: object) -> str:
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def mint(kind: str, *parts: object) -> URIRef:
    """Deterministic opaque IRI ``<ID><kind>/<sha1(parts)[:16]>``; ``parts`` never appear in it."""
    if not re.fullmatch(r"[a-z]+", kind):
        raise ValueError(f"E201 IRI kind must be lowercase ASCII letters, got {kind!r}")
    return URIRef(f"{ID}{kind}/{_digest(*parts)}")


def article_graph_iri(article_id: str) -> URIRef:
    """Named graph holding one article's facts."""
    return URIRef(f"{GRAPH}article/{_digest(article_id)}")


def article_iri(article_id: str) -> URIRef:
    """The schema:NewsArticle node of an article."""
    return mint("article", article_id)


def default_person_key(name: str) -> str:
    """Identity key for a person the linker did not resolve: SHA-1 of the surface name."""
    return hashlib.sha1(_norm(name).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def person_iri(key: str) -> URIRef:
    """Person IRI from a :class:`PersonIdentity` key (hashed, so any key is safe)."""
    return mint("person", key)


def place_iri(code: str) -> URIRef:
    """Place IRI from a 6-digit GB/T 2260 code."""
    if not re.fullmatch(r"\d{6}", code):
        raise ValueError(f"E202 GB/T 2260 code must be 6 digits, got {code!r}")
    return URIRef(f"{ID}place/{code}")


def _norm(text: str) -> str:
    """Normalised key text: NFKC, no whitespace, no 《》 brackets."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s《》〈〉]+", "", t)


def meeting_iri(meeting: Meeting, article: Article) -> URIRef:
    """Meeting IRI from organiser (or the article's home region) + date + name hash."""
    if meeting.organizer:
        scope = "org:" + str(_organ_from_body(meeting.organizer, article.home_region)[0])
    elif article.home_region:
        region = _region(article.home_region)
        scope = "region:" + (region.code if region else _norm(article.home_region))
    else:
        scope = ""
    day = meeting.date.isoformat() if meeting.date else ""
    return mint("meeting", scope, day, _digest(_norm(meeting.name)))


# ---------------------------------------------------------------------------------------------
# Regions, organs, posts
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _region(name: str) -> Optional[regions.Region]:
    if not name or name == NATIONAL:
        return None
    return regions.lookup(name)


_LEVEL_WORDS = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "区", "县", "州", "盟", "旗")
_POSITION_WORDS = tuple(sorted((
    "书记", "副书记", "总书记", "常委", "委员", "主任", "副主任", "常务副主任", "部长", "副部长",
    "常务副部长", "主席", "副主席", "局长", "副局长", "厅长", "副厅长", "院长", "副院长", "校长",
    "副校长", "秘书长", "副秘书长", "检察长", "副检察长", "委员长", "副委员长", "董事长", "总经理",
    "社长", "副社长", "会长", "副会长", "行长", "副行长", "组长", "副组长", "总理", "副总理",
    "党组书记", "党组副书记", "主任委员", "副主任委员", "司令员", "政委", "署长", "总监",
), key=len, reverse=True))
_NATIONAL_SPECIAL = {"国家主席": "中华人民共和国", "国家副主席": "中华人民共和国",
                     "总书记": "中共中央", "国务委员": "国务院", "总理": "国务院", "副总理": "国务院"}
_NATIONAL_PREFIXES = ("中共中央", "中央", "国务院", "全国人大", "全国政协", "国家", "最高人民")


def _strip_position(title: str) -> str:
    for word in _POSITION_WORDS:
        if title.endswith(word):
            return title[: -len(word)]
    return ""


def _level_word(title: str) -> str:
    for lw in _LEVEL_WORDS:
        if title.startswith(lw):
            return lw
    return ""


_GOV_HEAD = re.compile(r"(常务)?副?(省|市|区|县|州|盟|旗)长|自治区(副)?主席")


def organ_for_title(region_name: Optional[str], title: str) -> tuple[str, Optional[str]]:
    """Organ label a post belongs to, and its parent organ when it is a body of a committee.

    Deterministic and deliberately simple: ``(南通市, 市委书记) -> 中共南通市委员会``,
    ``(南通市, 市长) -> 南通市人民政府``, ``(南通市, 市人大常委会常务副主任) -> 南通市人大常委会``,
    ``(南通市, 市政协主席) -> 政协南通市委员会``, ``(南通市, 市委宣传部部长) ->
    (中共南通市委宣传部, 中共南通市委员会)``; national titles keep the body as printed
    (``(中央, 国务院总理) -> 国务院``); posts outside government drop the position word.
    """
    t = _norm(title)
    if region_name is None:
        return (_strip_position(t) or t, None)
    if region_name == NATIONAL:
        if t in _NATIONAL_SPECIAL:
            return (_NATIONAL_SPECIAL[t], None)
        if t.startswith("中共中央总书记"):
            return ("中共中央", None)
        body = _strip_position(t)
        if body:
            return (body, None)
        return (NATIONAL, None)
    n = _norm(region_name)
    if t.startswith("中共"):
        t = t[2:]
    if t.startswith(n):  # 南通市委书记 printed with the place
        t = t[len(n):] if len(t) > len(n) else t
        lw = ""
    else:
        lw = _level_word(t)
    rest = t[len(lw):]
    party = f"中共{n}委员会"
    if rest.startswith(("纪委", "纪律检查委员会")):
        return (f"中共{n}纪律检查委员会", None)
    if rest.startswith("委") and not rest.startswith("委员长"):
        body = rest[1:]
        if body in ("", "书记", "副书记", "常委", "委员") or body.startswith(("常委", "书记", "副书记")):
            return (party, None)
        sub = _strip_position(body) or body
        return (f"中共{n}委{sub}", party)
    if rest.startswith("人大"):
        return (f"{n}人大常委会", None)
    if rest.startswith("政协"):
        return (f"政协{n}委员会", None)
    if rest.startswith(("政府", "人民政府")):
        gov = f"{n}人民政府"
        body = rest[4:] if rest.startswith("人民政府") else rest[2:]
        sub = _strip_position(body)
        return (f"{gov}{sub}", gov) if sub else (gov, None)
    if _GOV_HEAD.fullmatch(t) or (lw and rest == "长"):
        return (f"{n}人民政府", None)
    body = _strip_position(rest)
    return (f"{n}{body}", None) if body else (n, None)


@lru_cache(maxsize=8192)
def _organ_from_body(body: str, home_region: Optional[str]) -> tuple[str, Optional[regions.Region], bool]:
    """Normalise an organiser/issuer name: (organ label, its region, is national)."""
    b = _norm(body)
    if b.startswith(_NATIONAL_PREFIXES) and not b.startswith("国家级"):
        return (b, None, True)
    stem = b[2:] if b.startswith("中共") else b
    region = None
    mentions = regions.find_mentions(stem)
    if mentions and mentions[0][0] == 0:
        start, end, region = mentions[0]
        rest = stem[end:]
        if region.name != stem[:end]:  # short form printed (南通市委 -> 南通 + 市委)
            lw = _level_word(rest)
            rest = rest[len(lw):]
        if rest in ("委", "委员会"):
            return (f"中共{region.name}委员会", region, False)
        if rest.startswith("委"):
            return (f"中共{region.name}{rest}", region, False)
        return (f"{region.name}{rest}", region, False)
    if home_region and _level_word(stem):
        region = _region(home_region)
        if region is not None:
            lw = _level_word(stem)
            rest = stem[len(lw):]
            if rest in ("委", "委员会"):
                return (f"中共{region.name}委员会", region, False)
            if rest.startswith("委"):
                return (f"中共{region.name}{rest}", region, False)
            return (f"{region.name}{rest}", region, False)
    return (b, None, False)


def post_label(region_name: Optional[str], title: str) -> str:
    """Human label of a post: 南通市 + 市委书记 -> 南通市委书记; national titles as printed."""
    t = title.strip()
    if not region_name or region_name == NATIONAL:
        return t
    n = region_name.strip()
    if t.startswith(n):
        return t
    lw = _level_word(t)
    if lw and n.endswith(lw):
        return n + t[len(lw):]
    return n + t


_PRINCIPAL = re.compile(r"委书记|长|人大常委会主任|政协主席|主席")
_DEPUTY = re.compile(
    r"委副书记|委常委|(常务)?副(省|市|区|县|州|盟|旗)长|人大常委会(常务)?副主任|政协副主席|(自治区)?副主席"
)
_RANK_LEVEL = {"province": "provincial", "city": "prefectural", "county": "county"}


def title_rank(region: Optional[regions.Region], title: str) -> Optional[str]:
    """Cadre rank of a regional post (``provincial_principal`` ...), or None when unsure.

    Level from the region (province-level units including 上海市: provincial; prefecture cities:
    prefectural; counties: county); principal for the head titles (书记, 市长, 人大常委会主任,
    政协主席), deputy for 副书记, 常委 and 副X长. National posts get no rank (too varied).
    """
    if region is None:
        return None
    t = _norm(title)
    if t.startswith("中共"):
        t = t[2:]
    lw = _level_word(t)
    rest = t[len(lw):]
    level = _RANK_LEVEL.get(region.level)
    if level is None:
        return None
    if _DEPUTY.fullmatch(rest) or _DEPUTY.fullmatch(t):
        return f"{level}_deputy"
    if _PRINCIPAL.fullmatch(rest) and (lw or rest != "长"):
        return f"{level}_principal"
    return None


# ---------------------------------------------------------------------------------------------
# Pinyin (optional: pypinyin)
# ---------------------------------------------------------------------------------------------

_COMPOUND_SURNAMES = ("诸葛", "欧阳", "司马", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                      "司徒", "夏侯", "轩辕", "长孙", "宇文", "端木", "独孤", "南宫", "西门", "钟离", "万俟")
_SURNAME_READING = {"曾": "zēng", "单": "shàn", "解": "xiè", "仇": "qiú", "朴": "piáo", "查": "zhā",
                    "区": "ōu", "乐": "yuè", "盖": "gě", "缪": "miào", "翟": "zhái", "覃": "qín",
                    "召": "shào", "瞿": "qú", "种": "chóng", "华": "huà", "任": "rén", "牟": "móu",
                    "葛": "gě", "沈": "shěn", "尉迟": "yùchí", "万俟": "mòqí", "长孙": "zhǎngsūn"}


@lru_cache(maxsize=65536)
def _pinyin(name: str) -> Optional[str]:
    """``李强 -> Lǐ Qiáng`` (surname first); None without pypinyin or for non-Han names."""
    if not (2 <= len(name) <= 4) or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # optional dependency
        return None
    sur = name[:2] if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    given = name[len(sur):]
    sur_py = _SURNAME_READING.get(sur) or "".join(lazy_pinyin(sur, style=Style.TONE))
    given_py = "".join(lazy_pinyin(given, style=Style.TONE))
    return f"{sur_py.capitalize()} {given_py.capitalize()}".strip()


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def package_version() -> str:
    """Installed govkg version, or ``0+unknown`` when running from an uninstalled tree."""
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def new_dataset() -> Dataset:
    """Empty dataset whose default graph is the union of the named graphs, prefixes bound."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    return ds


#: rdflib's ``Literal`` constructor, memoised: building a corpus makes hundreds of thousands of
#: literals, most of them repeats (offsets, dates, names, codes), and ``Literal.__new__`` is costly.
#: Literals are immutable, so sharing one object is safe; ``typed`` keeps ``1`` and ``True`` apart.
_cached_literal = lru_cache(maxsize=1 << 16, typed=True)(Literal)


def _lit(value: Any, **kw: Any) -> Literal:
    """A Literal; short values come from the memo, long texts (sentences, articles) are never kept."""
    if isinstance(value, str) and len(value) > 64:
        return Literal(value, **kw)
    return _cached_literal(value, **kw)


def _zh(text: str) -> Literal:
    return _lit(text, lang="zh")


class _ArticleGraph:
    """Writes one article's facts into its named graph."""

    def __init__(self, g: Graph, facts: ArticleFacts, identities: PersonKeyMap) -> None:
        self.g = g
        self.f = facts
        self.a = facts.article
        self.identities = identities
        self.text = facts.article.text
        self.ctx = mint("context", self.a.id)
        self.art = article_iri(self.a.id)
        self._persons: dict[str, URIRef] = {}
        self._places: dict[str, URIRef] = {}
        self._sent_by_index: dict[int, URIRef] = {}
        self._sent_spans: list[tuple[int, int, URIRef]] = []
        self._meetings: dict[str, tuple[URIRef, Meeting]] = {}

    def add(self, s: Node, p: Node, o: Optional[Node]) -> None:
        if o is not None:
            self.g.add((s, p, o))

    # -- nodes shared between articles ----------------------------------------------------
    def person(self, name: str) -> URIRef:
        if name in self._persons:
            return self._persons[name]
        ident = self.identities.get((self.a.id, name))
        key = ident.key if ident else default_person_key(name)
        label = ident.name if ident else name
        iri = person_iri(key)
        g = self.g
        g.add((iri, RDF.type, SCHEMA.Person))
        g.add((iri, RDF.type, SEM.Actor))
        g.add((iri, SCHEMA.name, _zh(label)))
        g.add((iri, RDFS.label, _zh(label)))
        py = _pinyin(label)
        if py:
            g.add((iri, SKOS.altLabel, _lit(py, lang="zh-Latn-pinyin")))
        g.add((iri, KGO.identityKey, _lit(key)))
        if ident and ident.context:
            g.add((iri, KGO.identityContext, _lit(ident.context)))
        self._persons[name] = iri
        return iri

    def country(self) -> URIRef:
        iri = place_iri(COUNTRY_CODE)
        if COUNTRY_CODE not in self._places:
            g = self.g
            for t in (SCHEMA.Place, SCHEMA.AdministrativeArea, SCHEMA.Country):
                g.add((iri, RDF.type, t))
            g.add((iri, RDFS.label, _zh("中华人民共和国")))
            g.add((iri, SCHEMA.name, _zh("中华人民共和国")))
            g.add((iri, SKOS.altLabel, _zh("中国")))
            g.add((iri, SCHEMA.identifier, _lit(COUNTRY_CODE)))
            g.add((iri, KGO.adminLevel, _lit("country")))
            self._places[COUNTRY_CODE] = iri
        return iri

    def place(self, region: regions.Region) -> URIRef:
        if region.code in self._places:
            return self._places[region.code]
        iri = place_iri(region.code)
        self._places[region.code] = iri
        g = self.g
        g.add((iri, RDF.type, SCHEMA.Place))
        g.add((iri, RDF.type, SCHEMA.AdministrativeArea))
        g.add((iri, RDFS.label, _zh(region.name)))
        g.add((iri, SCHEMA.name, _zh(region.name)))
        if region.short != region.name:
            g.add((iri, SKOS.altLabel, _zh(region.short)))
        g.add((iri, SCHEMA.identifier, _lit(region.code)))
        g.add((iri, KGO.adminLevel, _lit(region.level)))
        if region.longitude is not None and region.latitude is not None:
            g.add((iri, SCHEMA.longitude, _lit(repr(float(region.longitude)), datatype=XSD.decimal)))
            g.add((iri, SCHEMA.latitude, _lit(repr(float(region.latitude)), datatype=XSD.decimal)))
        parent = region.parent
        g.add((iri, SCHEMA.containedInPlace, self.place(parent) if parent else self.country()))
        return iri

    def unresolved_place(self, name: str) -> URIRef:
        """A region name the GB/T table does not know: hashed IRI, no code."""
        key = "?" + _norm(name)
        if key not in self._places:
            iri = mint("place", key)
            self.g.add((iri, RDF.type, SCHEMA.Place))
            self.g.add((iri, RDFS.label, _zh(name)))
            self.g.add((iri, SCHEMA.name, _zh(name)))
            self._places[key] = iri
        return self._places[key]

    def place_for_name(self, name: Optional[str]) -> Optional[URIRef]:
        if not name:
            return None
        if name == NATIONAL:
            return self.country()
        region = _region(name)
        return self.place(region) if region else self.unresolved_place(name)

    def organ(self, label: str, place: Optional[URIRef], parent: Optional[URIRef] = None) -> URIRef:
        iri = mint("organ", str(place) if place else "-", _norm(label))
        g = self.g
        g.add((iri, RDF.type, ORG.FormalOrganization))
        g.add((iri, RDF.type, SCHEMA.Organization))
        g.add((iri, RDFS.label, _zh(label)))
        g.add((iri, SKOS.prefLabel, _zh(label)))
        self.add(iri, SCHEMA.areaServed, place)
        self.add(iri, ORG.subOrganizationOf, parent)
        return iri

    def organ_for_body(self, body: str) -> URIRef:
        label, region, national = _organ_from_body(body, self.a.home_region)
        place = self.country() if national else (self.place(region) if region else None)
        return self.organ(label, place)

    def post(self, region_name: Optional[str], title: str) -> tuple[URIRef, URIRef, URIRef]:
        """(post, organisation, title role) for a holding."""
        place = self.place_for_name(region_name)
        organ_label, parent_label = organ_for_title(region_name, title)
        parent = self.organ(parent_label, place) if parent_label else None
        organ = self.organ(organ_label, place, parent)
        t = _norm(title)
        role = mint("title", t)
        g = self.g
        g.add((role, RDF.type, ORG.Role))
        g.add((role, RDF.type, SKOS.Concept))
        g.add((role, RDFS.label, _zh(title.strip())))
        g.add((role, SKOS.prefLabel, _zh(title.strip())))
        post = mint("post", str(organ), t)
        label = post_label(region_name, title)
        g.add((post, RDF.type, ORG.Post))
        g.add((post, RDFS.label, _zh(label)))
        g.add((post, SKOS.prefLabel, _zh(label)))
        g.add((post, ORG.postIn, organ))
        g.add((post, ORG.role, role))
        rank = title_rank(_region(region_name) if region_name else None, title)
        if rank:
            g.add((post, KGO.rank, RANK[rank]))
        return post, organ, role

    def document(self, d: DocumentAction) -> URIRef:
        scope = _norm(d.issuer) if d.issuer else _norm(self.a.home_region or "")
        iri = mint("document", _norm(d.title), scope)
        g = self.g
        g.add((iri, RDF.type, SCHEMA.Legislation))
        g.add((iri, RDFS.label, _zh(d.title)))
        g.add((iri, SCHEMA.name, _zh(d.title)))
        if d.issuer:
            g.add((iri, SCHEMA.legislationPassedBy, self.organ_for_body(d.issuer)))
        return iri

    # -- text and provenance --------------------------------------------------------------
    def _clamp(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        s, e = max(0, min(start, n)), max(0, min(end, n))
        if s > e:
            log.warning("W201 article %r: span %d..%d reversed; swapped", self.a.id, start, end)
            s, e = e, s
        return s, e

    def article_and_text(self) -> None:
        a, g = self.a, self.g
        g.add((self.art, RDF.type, SCHEMA.NewsArticle))
        g.add((self.art, RDF.type, PROV.Entity))
        g.add((self.art, DCTERMS.identifier, _lit(a.id)))
        if a.title:
            g.add((self.art, DCTERMS.title, _zh(a.title)))
            g.add((self.art, RDFS.label, _zh(a.title)))
        if a.published:
            g.add((self.art, DCTERMS.date, _lit(a.published.isoformat(), datatype=XSD.date)))
        if a.source:
            g.add((self.art, DCTERMS.source, _zh(a.source)))
        if a.url:
            g.add((self.art, SCHEMA.url, _lit(a.url, datatype=XSD.anyURI)))
        g.add((self.art, DCTERMS.language, _lit("zh")))
        home = self.place_for_name(a.home_region)
        self.add(self.art, SCHEMA.spatialCoverage, home)
        ctx = self.ctx
        for t in (NIF.Context, NIF.String, NIF.OffsetBasedString):
            g.add((ctx, RDF.type, t))
        g.add((ctx, NIF.isString, _lit(self.text)))
        g.add((ctx, NIF.beginIndex, _lit(0, datatype=XSD.nonNegativeInteger)))
        g.add((ctx, NIF.endIndex, _lit(len(self.text), datatype=XSD.nonNegativeInteger)))
        g.add((ctx, NIF.predLang, _ZHO))
        g.add((ctx, DCTERMS.isPartOf, self.art))
        prev: Optional[URIRef] = None
        for s in sorted(self.f.sentences, key=lambda s: (s.index, s.start)):
            start, end = self._clamp(s.start, s.end)
            iri = mint("sentence", self.a.id, start, end)
            for t in (NIF.Sentence, NIF.String, NIF.OffsetBasedString):
                g.add((iri, RDF.type, t))
            g.add((iri, NIF.beginIndex, _lit(start, datatype=XSD.nonNegativeInteger)))
            g.add((iri, NIF.endIndex, _lit(end, datatype=XSD.nonNegativeInteger)))
            anchor = self.text[start:end]
            g.add((iri, NIF.anchorOf, _lit(anchor)))
            if s.text and s.text != anchor:
                g.add((iri, KGO.repairedText, _lit(s.text)))
            g.add((iri, NIF.referenceContext, ctx))
            if prev is not None and prev != iri:
                g.add((prev, NIF.nextSentence, iri))
            prev = iri
            self._sent_by_index.setdefault(s.index, iri)
            self._sent_spans.append((start, end, iri))

    def sentence_for(self, ev: Evidence) -> URIRef:
        iri = self._sent_by_index.get(ev.sentence)
        if iri is not None:
            return iri
        for start, end, s_iri in self._sent_spans:
            if start <= ev.start < end or (start == ev.start == end):
                return s_iri
        log.warning("W202 article %r: evidence sentence %d unknown; deriving from the context",
                    self.a.id, ev.sentence)
        return self.ctx

    def derive(self, fact: URIRef, ev: Evidence) -> None:
        """``fact prov:wasDerivedFrom sentence`` + a qualified derivation from the exact span."""
        g = self.g
        sent = self.sentence_for(ev)
        g.add((fact, PROV.wasDerivedFrom, sent))
        start, end = self._clamp(ev.start, ev.end)
        span = mint("span", self.a.id, start, end)
        g.add((span, RDF.type, NIF.String))
        g.add((span, RDF.type, NIF.OffsetBasedString))
        g.add((span, NIF.beginIndex, _lit(start, datatype=XSD.nonNegativeInteger)))
        g.add((span, NIF.endIndex, _lit(end, datatype=XSD.nonNegativeInteger)))
        g.add((span, NIF.anchorOf, _lit(self.text[start:end])))
        g.add((span, NIF.referenceContext, self.ctx))
        if sent != self.ctx:
            g.add((span, NIF.sentence, sent))
        method = ev.method or "rules"
        d = mint("derivation", fact, span, method)
        g.add((fact, PROV.qualifiedDerivation, d))
        g.add((d, RDF.type, PROV.Derivation))
        g.add((d, PROV.entity, span))
        g.add((d, KGO.extractionMethod, _lit(method)))

    # -- facts ----------------------------------------------------------------------------
    def _instant(self, day: date) -> URIRef:
        iri = URIRef(f"{ID}instant/{day.isoformat()}")
        self.g.add((iri, RDF.type, TIME.Instant))
        self.g.add((iri, TIME.inXSDDate, _lit(day.isoformat(), datatype=XSD.date)))
        return iri

    def holding(self, h: Holding) -> None:
        g, published = self.g, self.a.published
        person = self.person(h.person)
        post, organ, role = self.post(h.region, h.title)
        m = mint("membership", person, post)
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, RDF.type, PROV.Entity))
        g.add((m, ORG.member, person))
        g.add((m, ORG.organization, organ))
        g.add((m, ORG.role, role))
        g.add((m, OPENGOV.post, post))
        name = self._label_of(person)
        g.add((m, RDFS.label, _zh(f"{name} {post_label(h.region, h.title)}")))
        g.add((person, ORG.holds, post))
        if published:
            g.add((m, KGO.attestedOn, _lit(published.isoformat(), datatype=XSD.date)))
        if h.change:
            if h.change not in _CHANGE_VALUES:
                log.warning("W203 article %r: unknown change %r ignored", self.a.id, h.change)
            else:
                g.add((m, KGO.change, _lit(h.change)))
                if published:
                    day = _lit(published.isoformat(), datatype=XSD.date)
                    removed = h.change == "removed"
                    g.add((m, SCHEMA.validThrough if removed else SCHEMA.validFrom, day))
                    iv = mint("interval", m, h.change, published.isoformat())
                    g.add((iv, RDF.type, TIME.Interval))
                    g.add((iv, TIME.hasEnd if removed else TIME.hasBeginning, self._instant(published)))
                    g.add((m, ORG.memberDuring, iv))
        self.derive(m, h.evidence)

    def _label_of(self, node: URIRef) -> str:
        for o in self.g.objects(node, RDFS.label):
            return str(o)
        return ""

    def meeting(self, m: Meeting) -> None:
        g = self.g
        iri = meeting_iri(m, self.a)
        self._meetings[m.key] = (iri, m)
        for t in (SCHEMA.Event, SEM.Event, PROV.Entity):
            g.add((iri, RDF.type, t))
        g.add((iri, RDFS.label, _zh(m.name)))
        g.add((iri, SCHEMA.name, _zh(m.name)))
        if m.date:
            g.add((iri, SCHEMA.startDate, _lit(m.date.isoformat(), datatype=XSD.date)))
        if m.organizer:
            organ = self.organ_for_body(m.organizer)
            g.add((iri, SCHEMA.organizer, organ))
            self.add(iri, SCHEMA.location, g.value(organ, SCHEMA.areaServed))
        g.add((iri, SCHEMA.subjectOf, self.art))
        self.derive(iri, m.evidence)

    def participation(self, p) -> None:
        if p.meeting not in self._meetings:
            log.warning("W204 article %r: participation of %r refers to unknown meeting %r; skipped",
                        self.a.id, p.person, p.meeting)
            return
        if p.role not in _ROLE_ZH:
            log.warning("W205 article %r: unknown role %r; skipped", self.a.id, p.role)
            return
        g = self.g
        meeting, m = self._meetings[p.meeting]
        person = self.person(p.person)
        node = mint("participation", meeting, person, p.role)
        g.add((node, RDF.type, SEM.Role))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.value, person))
        g.add((node, SEM.roleType, ROLE[p.role]))
        g.add((node, RDFS.label, _zh(f"{self._label_of(person)}（{_ROLE_ZH[p.role]}）")))
        g.add((meeting, SEM.hasActor, node))
        g.add((meeting, SCHEMA.attendee, person))
        self.derive(node, p.evidence)

    def document_action(self, d: DocumentAction) -> None:
        if d.action not in _ACTION_ZH:
            log.warning("W206 article %r: unknown document action %r; skipped", self.a.id, d.action)
            return
        g = self.g
        doc = self.document(d)
        meeting = self._meetings.get(d.meeting) if d.meeting else None
        if d.meeting and meeting is None:
            log.warning("W204 article %r: document %r refers to unknown meeting %r",
                        self.a.id, d.title, d.meeting)
        if meeting is not None:
            item = mint("agenda", meeting[0], doc, d.action)
        else:
            item = mint("agenda", self.art, doc, d.action)
        for t in (KGO.AgendaItem, SCHEMA.Event, PROV.Entity):
            g.add((item, RDF.type, t))
        g.add((item, RDFS.label, _zh(f"{_ACTION_ZH[d.action]}《{d.title}》")))
        g.add((item, SCHEMA.about, doc))
        g.add((item, KGO.action, ACTION[d.action]))
        if meeting is not None:
            g.add((item, SCHEMA.superEvent, meeting[0]))
            organizer = g.value(meeting[0], SCHEMA.organizer)
            if d.action == "adopted" and not d.issuer and organizer is not None:
                g.add((doc, SCHEMA.legislationPassedBy, organizer))
        self.derive(item, d.evidence)

    def circle(self, c: MetropolitanCircle) -> None:
        g = self.g
        iri = mint("circle", _norm(c.name))
        g.add((iri, RDF.type, KGO.MetropolitanCircle))
        g.add((iri, RDF.type, SCHEMA.Place))
        g.add((iri, RDFS.label, _zh(c.name)))
        g.add((iri, SCHEMA.name, _zh(c.name)))
        members: list[tuple[str, bool]] = []
        if c.core:
            members.append((c.core, True))
        members += [(m, False) for m in c.members if m != c.core]
        for name, is_core in members:
            place = self.place_for_name(name)
            if place is None:
                continue
            if is_core:
                g.add((iri, KGO.core, place))
            cm = mint("circlemember", iri, place)
            g.add((cm, RDF.type, KGO.CircleMembership))
            g.add((cm, RDF.type, PROV.Entity))
            g.add((cm, RDFS.label, _zh(f"{c.name} · {name}")))
            g.add((cm, KGO.circle, iri))
            g.add((cm, KGO.memberPlace, place))
            g.add((cm, KGO.isCore, _lit(is_core)))
            g.add((cm, DCTERMS.source, self.art))
            if self.a.published:
                g.add((cm, KGO.attestedOn, _lit(self.a.published.isoformat(), datatype=XSD.date)))
            self.derive(cm, c.evidence)

    def build(self) -> None:
        f = self.f
        self.article_and_text()
        for pm in f.persons:
            self.g.add((self.art, SCHEMA.mentions, self.person(pm.name)))
        for name in f.mentioned_not_attending:
            self.g.add((self.art, SCHEMA.mentions, self.person(name)))
        for r in f.reporters:
            self.g.add((self.art, SCHEMA.author, self.person(r.name)))
        for rm in f.regions:
            region = (regions.get(rm.code) if rm.code else None) or _region(rm.name)
            place = self.place(region) if region else self.unresolved_place(rm.name)
            self.g.add((self.art, SCHEMA.mentions, place))
        for h in f.holdings:
            self.holding(h)
        for m in f.meetings:
            self.meeting(m)
        for p in f.participations:
            self.participation(p)
        for d in f.documents:
            self.document_action(d)
        for c in f.circles:
            self.circle(c)


def _activity(model_id: str, rules_version: str, generated_at: Optional[datetime]) -> tuple[URIRef, URIRef]:
    version = package_version()
    agent = mint("agent", version, model_id, rules_version)
    activity = mint("activity", version, model_id, rules_version,
                    generated_at.isoformat() if generated_at else "")
    return activity, agent


def _record_build(ds: Dataset, graph_iri: URIRef, model_id: str, rules_version: str,
                  generated_at: Optional[datetime]) -> None:
    b = ds.graph(BUILD_GRAPH)
    activity, agent = _activity(model_id, rules_version, generated_at)
    b.add((activity, RDF.type, PROV.Activity))
    b.add((activity, RDFS.label, _lit("govkg build", lang="en")))
    b.add((activity, PROV.wasAssociatedWith, agent))
    b.add((agent, RDF.type, PROV.SoftwareAgent))
    b.add((agent, RDFS.label, _lit(f"govkg {package_version()}", lang="en")))
    b.add((agent, SCHEMA.softwareVersion, _lit(package_version())))
    b.add((agent, KGO.modelId, _lit(model_id)))
    b.add((agent, KGO.rulesVersion, _lit(rules_version)))
    b.add((graph_iri, RDF.type, PROV.Entity))
    b.add((graph_iri, PROV.wasGeneratedBy, activity))
    if generated_at is not None:
        stamp = _lit(generated_at.isoformat(), datatype=XSD.dateTime)
        b.add((activity, PROV.endedAtTime, stamp))
        b.add((graph_iri, PROV.generatedAtTime, stamp))


def add_article(
    ds: Dataset,
    facts: ArticleFacts,
    identities: PersonKeyMap,
    *,
    model_id: str = "rules",
    rules_version: str = RULES_VERSION,
    generated_at: Optional[datetime] = None,
) -> URIRef:
    """Write (or replace) one article's named graph and record it in the build graph.

    Returns the graph IRI. Re-adding an article replaces exactly its graph.
    """
    gid = article_graph_iri(facts.article.id)
    if len(ds.graph(gid)):
        log.info("replacing graph of article %r", facts.article.id)
        ds.remove_graph(gid)
    g = ds.graph(gid)
    _ArticleGraph(g, facts, identities).build()
    _record_build(ds, gid, model_id, rules_version, generated_at)
    return gid


def remove_article(ds: Dataset, article_id: str) -> int:
    """Drop an article's named graph and its build record; returns the number of triples removed.

    A co-attendance graph present in ``ds`` is recomputed so it does not keep stale ties.
    """
    gid = article_graph_iri(article_id)
    n = len(ds.graph(gid))
    ds.remove_graph(gid)
    build = ds.graph(BUILD_GRAPH)
    for t in list(build.triples((gid, None, None))):
        build.remove(t)
    if not any(True for _ in build.subjects(PROV.wasGeneratedBy, None)):
        ds.remove_graph(BUILD_GRAPH)
    if n and len(ds.graph(COATTENDANCE_GRAPH)):
        from .derive import add_coattendance

        add_coattendance(ds)
    return n


class TripleBag:
    """A graph as a plain set of triples: what the builder needs of an rdflib Graph, without its store.

    rdflib's memory store costs tens of microseconds per triple; a corpus build adds millions.
    """

    def __init__(self, identifier: Node) -> None:
        self.identifier = identifier
        self.triples: set[tuple[Node, Node, Node]] = set()
        self._by_sp: Optional[dict[tuple[Node, Node], list[Node]]] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> "TripleBag":
        if triple not in self.triples:
            self.triples.add(triple)
            if self._by_sp is not None:
                self._by_sp.setdefault((triple[0], triple[1]), []).append(triple[2])
        return self

    def update(self, triples: Iterable[tuple[Node, Node, Node]]) -> "TripleBag":
        """Add many triples at once; the (subject, predicate) index is rebuilt when next needed."""
        self.triples.update(triples)
        self._by_sp = None
        return self

    def _index(self) -> dict[tuple[Node, Node], list[Node]]:
        if self._by_sp is None:
            index: dict[tuple[Node, Node], list[Node]] = {}
            for s, p, o in self.triples:
                index.setdefault((s, p), []).append(o)
            self._by_sp = index
        return self._by_sp

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._index().get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Optional[Node]:
        """One object of (subject, predicate), as ``rdflib.Graph.value``."""
        found = self._index().get((subject, predicate))
        return found[0] if found else None

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


class QuadSet:
    """Named graphs as :class:`TripleBag` s: the fast build path for large outputs.

    Serializers, :func:`kg.query.to_oxigraph` and :func:`kg.derive.add_coattendance` accept it like
    a Dataset; :meth:`to_dataset` gives an rdflib Dataset when one is needed.
    """

    def __init__(self) -> None:
        self.graphs: dict[Node, TripleBag] = {}

    def graph(self, identifier: Node) -> TripleBag:
        bag = self.graphs.get(identifier)
        if bag is None:
            bag = self.graphs[identifier] = TripleBag(identifier)
        return bag

    def remove_graph(self, identifier: Node) -> None:
        self.graphs.pop(identifier, None)

    def quads(self, pattern: object = None) -> Iterator[tuple[Node, Node, Node, Node]]:
        for gid, bag in self.graphs.items():
            for s, p, o in bag.triples:
                yield s, p, o, gid

    def __len__(self) -> int:
        return sum(len(b) for b in self.graphs.values())

    def to_dataset(self) -> Dataset:
        ds = new_dataset()
        for gid, bag in self.graphs.items():
            g = ds.graph(gid)
            g.addN((s, p, o, g) for s, p, o in bag.triples)
        return ds


def build_quads(
    facts: Sequence[ArticleFacts],
    identities: PersonKeyMap,
    *,
    model_id: str = "rules",
    rules_version: str = RULES_VERSION,
    generated_at: Optional[datetime] = None,
) -> QuadSet:
    """Like :func:`build_dataset`, into a :class:`QuadSet` (about 10x faster on a corpus)."""
    qs = QuadSet()
    for f in facts:
        gid = article_graph_iri(f.article.id)
        if gid in qs.graphs:
            log.warning("W207 article id %r given twice; the later facts replace the earlier", f.article.id)
            qs.remove_graph(gid)
        _ArticleGraph(qs.graph(gid), f, identities).build()
        _record_build(qs, gid, model_id, rules_version, generated_at)
    return qs


def build_dataset(
    facts: Sequence[ArticleFacts],
    identities: PersonKeyMap,
    *,
    model_id: str = "rules",
    rules_version: str = RULES_VERSION,
    generated_at: Optional[datetime] = None,
) -> Dataset:
    """Build the dataset: one named graph per article plus the build graph.

    ``identities`` maps ``(article_id, person name)`` to the linked :class:`PersonIdentity`;
    unmapped persons get :func:`default_person_key`. ``generated_at`` adds
    ``prov:generatedAtTime``; without it two builds of the same facts are byte-identical.
    """
    ds = new_dataset()
    seen: set[str] = set()
    for f in facts:
        if f.article.id in seen:
            log.warning("W207 article id %r given twice; the later facts replace the earlier", f.article.id)
        seen.add(f.article.id)
        add_article(ds, f, identities, model_id=model_id, rules_version=rules_version,
                    generated_at=generated_at)
    return ds


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STR_UNSAFE = re.compile(r'["\\\x00-\x1f\x7f]')
_RDF_TYPE = URIRef(str(RDF.type))
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(text: str) -> str:
    """Turtle/N-Triples string escaping; every control character becomes an escape."""
    return _STR_UNSAFE.sub(lambda m: _ECHAR.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


class _Writer:
    """Small deterministic Turtle/TriG/N-Quads writer (rdflib's is ~30x slower on large graphs).

    Subjects, predicates (``a`` first) and objects are sorted by their written form; literals are
    single-line (newlines and control characters escaped), so the output is byte-stable and any
    RDF 1.1 parser reads it back exactly.
    """

    def __init__(self, prefixes: Mapping[str, str], compact: bool = True) -> None:
        self.ns = sorted(((iri, p) for p, iri in prefixes.items()), key=lambda x: -len(x[0]))
        self._by_base = {iri: p for iri, p in self.ns}
        # A prefixed name's local part has no '/' or '#', so when every namespace ends in one of
        # them the only candidate is the IRI cut after its last '/' or '#': one dict lookup.
        self._cut = all(iri.endswith(("/", "#")) for iri, _p in self.ns)
        self.compact = compact
        self.used: set[str] = set()
        self._cache: dict[Node, str] = {}

    def iri(self, node: URIRef) -> str:
        text = str(node)
        if self.compact:
            if self._cut:
                cut = max(text.rfind("/"), text.rfind("#")) + 1
                prefix = self._by_base.get(text[:cut]) if cut else None
                if prefix is not None and _PN_LOCAL.match(text[cut:]):
                    self.used.add(prefix)
                    return f"{prefix}:{text[cut:]}"
            else:
                for base, prefix in self.ns:
                    if text.startswith(base) and _PN_LOCAL.match(text[len(base):]):
                        self.used.add(prefix)
                        return f"{prefix}:{text[len(base):]}"
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", text) + ">"

    def term(self, node: Node) -> str:
        out = self._cache.get(node)
        if out is not None:
            return out
        if isinstance(node, URIRef):
            out = self.iri(node)
        elif isinstance(node, Literal):
            out = '"' + _escape(str(node)) + '"'
            if node.language:
                out += "@" + node.language
            elif node.datatype is not None and node.datatype != XSD.string:
                out += "^^" + self.iri(node.datatype)
        else:  # blank node
            out = "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(node))
        self._cache[node] = out
        return out

    def triples(self, triples: Iterable[tuple[Node, Node, Node]]) -> str:
        by_subject: dict[Node, dict[Node, set[str]]] = {}
        for s, p, o in triples:
            by_subject.setdefault(s, {}).setdefault(p, set()).add(self.term(o))
        blocks = []
        rdf_type = _RDF_TYPE
        for subject_text, s in sorted((self.term(s), s) for s in by_subject):
            preds = by_subject[s]
            parts = []
            for verb, p in sorted(("a" if p == rdf_type else self.term(p), p) for p in preds):
                parts.append(verb + " " + " ,\n        ".join(sorted(preds[p])))
            blocks.append(subject_text + "\n    " + " ;\n    ".join(parts) + " .\n")
        return "\n".join(blocks)

    def header(self) -> str:
        prefixes = {p: iri for iri, p in self.ns}
        return "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(self.used))


def _all_triples(ds: Union[Dataset, Graph, "QuadSet"]) -> Iterable[tuple[Node, Node, Node]]:
    if isinstance(ds, QuadSet):
        return set().union(*(b.triples for b in ds.graphs.values())) if ds.graphs else set()
    if isinstance(ds, Dataset):
        return {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}
    return iter(ds)


def serialize_turtle(ds: Union[Dataset, Graph]) -> bytes:
    """All graphs merged into one, as Turtle with stable ordering (UTF-8)."""
    w = _Writer(PREFIXES)
    body = w.triples(_all_triples(ds))
    return (w.header() + "\n" + body).encode("utf-8")


def _graph_groups(ds: Dataset) -> list[tuple[Node, list[tuple[Node, Node, Node]]]]:
    """Triples of each non-empty graph, default graph first then by IRI.

    One pass over ``ds.quads()``: iterating graph by graph is quadratic in rdflib's memory store
    when many graphs share triples.
    """
    if isinstance(ds, QuadSet):
        return sorted(((gid, list(bag.triples)) for gid, bag in ds.graphs.items() if len(bag)),
                      key=lambda kv: (kv[0] != DATASET_DEFAULT_GRAPH_ID, str(kv[0])))
    groups: dict[Node, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        groups.setdefault(gid if gid is not None else DATASET_DEFAULT_GRAPH_ID, []).append((s, p, o))
    return sorted(groups.items(), key=lambda kv: (kv[0] != DATASET_DEFAULT_GRAPH_ID, str(kv[0])))


def serialize_trig(ds: Dataset) -> bytes:
    """TriG: one block per named graph, graphs sorted by IRI (byte-stable, UTF-8)."""
    w = _Writer(PREFIXES)
    blocks = []
    for gid, triples in _graph_groups(ds):
        body = w.triples(triples).rstrip("\n")
        indented = "\n".join(("    " + ln) if ln else ln for ln in body.split("\n"))
        head = "{" if gid == DATASET_DEFAULT_GRAPH_ID else w.term(gid) + " {"
        blocks.append(f"{head}\n{indented}\n}}\n")
    return (w.header() + "\n" + "\n".join(blocks)).encode("utf-8")


def serialize_nquads(ds: Union[Dataset, Graph]) -> bytes:
    """N-Quads (N-Triples for a plain graph), lines sorted: canonical without blank nodes."""
    w = _Writer({}, compact=False)
    lines = set()
    if isinstance(ds, (Dataset, QuadSet)):
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = g.identifier if isinstance(g, Graph) else g
            tail = "" if gid is None or gid == DATASET_DEFAULT_GRAPH_ID else " " + w.term(gid)
            lines.add(f"{w.term(s)} {w.term(p)} {w.term(o)}{tail} .")
    else:
        lines = {f"{w.term(s)} {w.term(p)} {w.term(o)} ." for s, p, o in ds}
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


_WRITERS = {"ttl": serialize_turtle, "trig": serialize_trig, "nq": serialize_nquads}


def dataset_to_files(
    ds: Dataset, out_dir: Union[str, os.PathLike], formats: Iterable[str] = ("ttl", "trig")
) -> list[Path]:
    """Write ``graph.ttl`` (all graphs merged) and ``graph.trig`` (named graphs) atomically.

    Each file is written to a temporary file in ``out_dir`` and moved into place with
    ``os.replace``. ``formats`` may also include ``nq``. Returns the paths in ``formats`` order.
    """
    out = Path(out_dir)
    formats = tuple(formats)
    for fmt in formats:
        if fmt not in _WRITERS:
            raise ValueError(f"E203 unknown RDF output format {fmt!r}; use one of {sorted(_WRITERS)}")
    written: list[Path] = []
    for fmt in formats:
        path = out / f"graph.{fmt}"
        _atomic_write(path, _WRITERS[fmt](ds))
        written.append(path)
    return written


_READ_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt"}


def load_dataset(path: Union[str, os.PathLike]) -> Dataset:
    """Read a dataset from ``.trig``/``.nq`` (named graphs kept) or ``.ttl``/``.nt`` (default graph).

    A directory is read as its ``graph.trig`` (else ``graph.ttl``).
    """
    p = Path(path)
    if p.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl"):
            if (p / name).exists():
                p = p / name
                break
        else:
            raise FileNotFoundError(f"E204 no graph.trig, graph.nq or graph.ttl in {p}")
    fmt = _READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"E205 cannot read {p.name}: expected one of {', '.join(_READ_FORMATS)}")
    if not p.exists():
        raise FileNotFoundError(f"E204 no such file: {p}")
    ds = new_dataset()
    if fmt in ("trig", "nquads"):
        ds.parse(p, format=fmt)
    else:
        ds.default_graph.parse(p, format=fmt)
    bind_prefixes(ds)
    return ds
