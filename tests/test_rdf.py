"""RDF layer: IRIs, named graphs, provenance, serialisation round trips, namespaces."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest_rdf import (
    HOSTILE_NAME,
    HOSTILE_TEXT,
    appointment_facts,
    hostile_facts,
    sample_facts,
    sample_identities,
)
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from kg import rdf
from kg.model import DOCUMENT_ACTIONS, ROLES
from kg.ns import (
    ACTION,
    DCTERMS,
    KGO,
    LOCAL_NAMESPACES,
    NIF,
    OPENGOV,
    ORG,
    PROV,
    RANK,
    RDF,
    RDFS,
    ROLE,
    SCHEMA,
    SEM,
    SKOS,
    local_terms,
    render_local_namespaces,
)
from kg.rdf import (
    BUILD_GRAPH,
    article_graph_iri,
    build_dataset,
    dataset_to_files,
    default_person_key,
    load_dataset,
    organ_for_title,
    person_iri,
    place_iri,
    post_label,
    remove_article,
    serialize_trig,
    serialize_turtle,
)

ROOT = Path(__file__).resolve().parent.parent
LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, DCTERMS.title)


@pytest.fixture(scope="module")
def facts():
    return sample_facts() + [appointment_facts(), hostile_facts()]


@pytest.fixture(scope="module")
def identities(facts):
    return sample_identities(facts)


@pytest.fixture(scope="module")
def ds(facts, identities) -> Dataset:
    return build_dataset(facts, identities)


def quads(ds: Dataset) -> set:
    return {(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in ds.quads()}


def graph_of(ds: Dataset, article_id: str) -> Graph:
    return ds.graph(article_graph_iri(article_id))


# ---------------------------------------------------------------------------------------------
# namespaces and ontology
# ---------------------------------------------------------------------------------------------

def test_defined_namespaces_mirror_kg_ttl():
    declared = local_terms(ROOT / "ontology" / "kg.ttl")
    for prefix, dns in LOCAL_NAMESPACES.items():
        in_python = set(dns.__annotations__)
        assert in_python == set(declared[prefix]), prefix


def test_generated_namespace_source_is_current():
    src = (ROOT / "kg" / "ns.py").read_text(encoding="utf-8")
    block = src.split("# --- BEGIN GENERATED (python -m kg.ns)")[1].split("\n", 1)[1].split("# --- END GENERATED")[0]
    generated = render_local_namespaces(ROOT / "ontology" / "kg.ttl")

    def norm(s: str) -> list[str]:
        return [ln.rstrip() for ln in s.strip().splitlines() if ln.strip() and not ln.startswith("# -")]

    assert norm(block) == norm(generated)


def test_misspelt_local_term_raises():
    with pytest.raises(AttributeError):
        KGO.wieght  # noqa: B018
    with pytest.raises(AttributeError):
        ROLE["presided"]
    with pytest.raises(AttributeError):
        SCHEMA.attendees  # noqa: B018  (our schema.org subset fails too)


def test_concept_schemes_cover_model_vocabularies():
    g = Graph().parse(ROOT / "ontology" / "kg.ttl")
    for role in ROLES:
        assert (ROLE[role], SKOS.inScheme, KGO.ParticipationRoles) in g
        assert (ROLE[role], RDF.type, SEM.RoleType) in g
    for action in DOCUMENT_ACTIONS:
        assert (ACTION[action], SKOS.inScheme, KGO.DocumentActions) in g
    assert (RANK.prefectural_principal, SKOS.inScheme, KGO.TitleRanks) in g


def test_local_terms_have_zh_en_labels_and_comments():
    g = Graph().parse(ROOT / "ontology" / "kg.ttl")
    for name in local_terms(ROOT / "ontology" / "kg.ttl")["kgo"]:
        term = KGO[name]
        langs = {o.language for o in g.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert any(True for _ in g.objects(term, RDFS.comment)), name


def test_every_local_term_used_is_declared(ds):
    declared = local_terms(ROOT / "ontology" / "kg.ttl")
    bases = {str(dns._NS): prefix for prefix, dns in LOCAL_NAMESPACES.items()}
    used = set()
    for s, p, o, _g in ds.quads():
        for node in (s, p, o):
            if isinstance(node, URIRef):
                for base, prefix in bases.items():
                    if str(node).startswith(base) and "/" not in str(node)[len(base):]:
                        used.add((prefix, str(node)[len(base):]))
    assert used, "expected some local terms in the data"
    missing = {(p, n) for p, n in used if n not in declared[p]}
    assert not missing


# ---------------------------------------------------------------------------------------------
# IRIs and labels
# ---------------------------------------------------------------------------------------------

def test_every_iri_is_ascii_and_opaque(ds, facts):
    texts = set()
    for f in facts:
        texts.update(n for n in f.article.text.split() if len(n) > 1)
        texts.update(p.name for p in f.persons)
    for s, p, o, g in ds.quads():
        for node in (s, p, o, g.identifier if isinstance(g, Graph) else g):
            if isinstance(node, URIRef):
                iri = str(node)
                assert iri.isascii(), iri
                assert not any(c in iri for c in ' <>"{}|\\^`'), iri
                assert HOSTILE_NAME not in iri
    ids = [str(n) for q in ds.quads() for n in q[:3] if isinstance(n, URIRef) and "/govkg/id/" in str(n)]
    assert ids and all(iri.split("/govkg/id/")[1].count("/") == 1 for iri in ids)


def test_every_label_has_a_language_tag(ds):
    labels = [o for p in LABEL_PREDICATES for o in ds.objects(None, p)]
    assert len(labels) > 100
    assert all(isinstance(o, Literal) and o.language for o in labels)
    assert any(o.language == "zh" for o in labels)


def test_deterministic_iris(facts, identities):
    wang = person_iri("wanghui-320600")
    for aid in ("a1", "a2", "a3"):
        g = build_dataset(facts, identities).graph(article_graph_iri(aid))
        assert (wang, RDF.type, SCHEMA.Person) in g
    assert place_iri("320600") == URIRef("https://w3id.org/govkg/id/place/320600")
    assert person_iri(default_person_key("龚正")) == person_iri(default_person_key("龚正"))
    with pytest.raises(ValueError):
        place_iri("南通")


# ---------------------------------------------------------------------------------------------
# modelling
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("region,title,organ,parent,label", [
    ("南通市", "市委书记", "中共南通市委员会", None, "南通市委书记"),
    ("南通市", "市长", "南通市人民政府", None, "南通市长"),
    ("南通市", "市人大常委会常务副主任", "南通市人大常委会", None, "南通市人大常委会常务副主任"),
    ("南通市", "市政协主席", "政协南通市委员会", None, "南通市政协主席"),
    ("南通市", "市委宣传部部长", "中共南通市委宣传部", "中共南通市委员会", "南通市委宣传部部长"),
    ("南通市", "市委全面深化改革委员会主任", "中共南通市委全面深化改革委员会", "中共南通市委员会",
     "南通市委全面深化改革委员会主任"),
    ("上海市", "常务副市长", "上海市人民政府", None, "上海市常务副市长"),
    ("江苏省", "省委常委", "中共江苏省委员会", None, "江苏省委常委"),
    ("中央", "国务院总理", "国务院", None, "国务院总理"),
    ("中央", "全国人大常委会副委员长", "全国人大常委会", None, "全国人大常委会副委员长"),
    (None, "南京大学校长", "南京大学", None, "南京大学校长"),
])
def test_organ_and_post_label(region, title, organ, parent, label):
    assert organ_for_title(region, title) == (organ, parent)
    assert post_label(region, title) == label


def test_membership_popolo_wiring(ds):
    g = graph_of(ds, "a3")
    wang = person_iri("wanghui-320600")
    posts = {str(g.value(p, SKOS.prefLabel)): p for p in g.objects(wang, ORG.holds)}
    assert set(posts) == {"南通市委书记", "南通市委全面深化改革委员会主任"}
    post = posts["南通市委书记"]
    memberships = [m for m in g.subjects(ORG.member, wang) if (m, OPENGOV.post, post) in g]
    assert len(memberships) == 1
    m = memberships[0]
    organ = g.value(post, ORG.postIn)
    assert g.value(m, ORG.organization) == organ
    assert str(g.value(organ, SKOS.prefLabel)) == "中共南通市委员会"
    assert g.value(organ, SCHEMA.areaServed) == place_iri("320600")
    assert g.value(post, KGO.rank) == RANK.prefectural_principal
    assert str(g.value(g.value(post, ORG.role), SKOS.prefLabel)) == "市委书记"
    assert g.value(m, KGO.attestedOn).toPython().isoformat() == "2022-09-28"
    assert g.value(m, SCHEMA.validFrom) is None  # no appointment evidence: no valid time
    sub = posts["南通市委全面深化改革委员会主任"]
    assert g.value(g.value(sub, ORG.postIn), ORG.subOrganizationOf) == organ


def test_valid_time_only_from_change_evidence(ds):
    g = graph_of(ds, "a4")
    rows = {str(g.value(g.value(m, ORG.member), SCHEMA.name)): m for m in g.subjects(RDF.type, ORG.Membership)}
    appointed, removed = rows["周明远"], rows["林晓东"]
    assert str(g.value(appointed, KGO.change)) == "appointed"
    assert g.value(appointed, SCHEMA.validFrom).toPython().isoformat() == "2022-10-20"
    assert g.value(removed, SCHEMA.validThrough).toPython().isoformat() == "2022-10-20"
    assert g.value(removed, SCHEMA.validFrom) is None


def test_meeting_roles_and_flat_attendee(ds):
    g = graph_of(ds, "a1")
    li = person_iri(default_person_key("李强"))
    meeting = next(g.subjects(RDF.type, SEM.Event))
    assert str(g.value(meeting, SCHEMA.startDate)) == "2022-09-27"
    roles = {g.value(r, SEM.roleType) for r in g.objects(meeting, SEM.hasActor) if g.value(r, RDF.value) == li}
    assert roles == {ROLE.attended, ROLE.spoke}
    assert (meeting, SCHEMA.attendee, li) in g
    attendees = set(g.objects(meeting, SCHEMA.attendee))
    assert len(attendees) == 16  # gold: 16 participants


def test_places_codes_and_containment(ds):
    g = graph_of(ds, "a1")
    nt, js, cn = place_iri("320600"), place_iri("320000"), place_iri("100000")
    assert str(g.value(nt, SCHEMA.identifier)) == "320600"
    assert g.value(nt, SCHEMA.containedInPlace) == js
    assert g.value(js, SCHEMA.containedInPlace) == cn
    assert g.value(nt, RDFS.label) == Literal("南通市", lang="zh")
    members = {str(g.value(g.value(cm, KGO.memberPlace), SCHEMA.identifier))
               for cm in g.subjects(RDF.type, KGO.CircleMembership)}
    assert members == {"310000", "320500", "320200", "320400", "320600", "330400", "330200", "330900", "330500"}


def test_documents_and_agenda_items(ds):
    g = graph_of(ds, "a3")
    items = list(g.subjects(RDF.type, KGO.AgendaItem))
    assert len(items) == 3
    for item in items:
        assert g.value(item, KGO.action) == ACTION.adopted
        doc = g.value(item, SCHEMA.about)
        passed_by = g.value(doc, SCHEMA.legislationPassedBy)
        assert str(g.value(passed_by, SKOS.prefLabel)) == "中共南通市委全面深化改革委员会"
    g2 = graph_of(ds, "a2")
    doc = next(g2.subjects(RDF.type, SCHEMA.Legislation))
    assert str(g2.value(g2.value(doc, SCHEMA.legislationPassedBy), SKOS.prefLabel)) == "中央全面依法治国委员会"


def test_every_fact_derives_from_its_sentence_and_span(ds, facts):
    by_id = {f.article.id: f for f in facts}
    fact_types = (ORG.Membership, SEM.Role, KGO.AgendaItem, SEM.Event, KGO.CircleMembership)
    checked = 0
    for f in facts:
        g = graph_of(ds, f.article.id)
        text = by_id[f.article.id].article.text
        for t in fact_types:
            for node in g.subjects(RDF.type, t):
                sentences = list(g.objects(node, PROV.wasDerivedFrom))
                assert sentences, node
                for s in sentences:
                    assert (s, RDF.type, NIF.Sentence) in g
                    b, e = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
                    assert str(g.value(s, NIF.anchorOf)) == text[b:e]
                for d in g.objects(node, PROV.qualifiedDerivation):
                    span = g.value(d, PROV.entity)
                    b, e = int(g.value(span, NIF.beginIndex)), int(g.value(span, NIF.endIndex))
                    assert str(g.value(span, NIF.anchorOf)) == text[b:e]
                    sent = g.value(span, NIF.sentence)
                    assert int(g.value(sent, NIF.beginIndex)) <= b <= e <= int(g.value(sent, NIF.endIndex))
                    assert g.value(d, KGO.extractionMethod) is not None
                checked += 1
    assert checked > 50
    methods = {str(o) for o in ds.objects(None, KGO.extractionMethod)}
    assert {"rules", "hanlp:test-ner"} <= methods


def test_article_metadata_and_context(ds, facts):
    a = facts[0].article
    g = graph_of(ds, "a1")
    art = rdf.article_iri("a1")
    assert g.value(art, DCTERMS.title) == Literal(a.title, lang="zh")
    assert str(g.value(art, DCTERMS.date)) == "2022-09-28"
    assert g.value(art, DCTERMS.source) == Literal("南通晚报", lang="zh")
    assert str(g.value(art, SCHEMA.url)) == a.url
    ctx = next(g.subjects(DCTERMS.isPartOf, art))
    assert str(g.value(ctx, NIF.isString)) == a.text
    assert int(g.value(ctx, NIF.endIndex)) == len(a.text)
    sentences = list(g.subjects(NIF.referenceContext, ctx))
    assert len([s for s in sentences if (s, RDF.type, NIF.Sentence) in g]) == len(facts[0].sentences)


# ---------------------------------------------------------------------------------------------
# build graph, determinism, named-graph updates
# ---------------------------------------------------------------------------------------------

def test_build_graph_records_agent_and_versions(ds):
    b = ds.graph(BUILD_GRAPH)
    agent = next(b.subjects(RDF.type, PROV.SoftwareAgent))
    assert str(b.value(agent, KGO.modelId)) == "rules"
    assert str(b.value(agent, KGO.rulesVersion)) == rdf.RULES_VERSION
    assert str(b.value(agent, SCHEMA.softwareVersion)) == rdf.package_version()
    activity = next(b.subjects(RDF.type, PROV.Activity))
    assert b.value(activity, PROV.wasAssociatedWith) == agent
    assert not list(ds.objects(None, PROV.generatedAtTime))


def test_generated_at_is_recorded_only_when_given(facts, identities):
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    ds2 = build_dataset(facts[:1], identities, model_id="hanlp:tiny", rules_version="7", generated_at=when)
    stamps = list(ds2.graph(BUILD_GRAPH).objects(article_graph_iri("a1"), PROV.generatedAtTime))
    assert [s.toPython() for s in stamps] == [when]
    assert not list(ds2.graph(article_graph_iri("a1")).objects(None, PROV.generatedAtTime))


def test_isomorphic_and_byte_stable_across_builds(facts, identities, ds):
    again = build_dataset(list(reversed(facts)), identities)
    for g in ds.graphs():
        assert to_isomorphic(g) == to_isomorphic(again.graph(g.identifier))
    assert quads(ds) == quads(again)
    assert serialize_turtle(ds) == serialize_turtle(again)
    assert serialize_trig(ds) == serialize_trig(again)


def test_byte_stable_across_processes(tmp_path):
    """Different hash seeds must not change the output (set/dict order never leaks)."""
    code = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]);"
        "from conftest_rdf import *; from kg.rdf import *;"
        "f = sample_facts() + [appointment_facts(), hostile_facts()];"
        "ds = build_dataset(f, sample_identities(f));"
        "print(hashlib.sha256(serialize_trig(ds) + serialize_turtle(ds)).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], check=True,
                             capture_output=True, text=True, env={"PYTHONHASHSEED": seed, "PATH": ""},
                             cwd=ROOT)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_remove_article_removes_exactly_its_facts(facts, identities):
    full = build_dataset(facts, identities)
    removed = remove_article(full, "a3")
    assert removed > 0
    without = build_dataset([f for f in facts if f.article.id != "a3"], identities)
    assert quads(full) == quads(without)
    assert remove_article(full, "a3") == 0


def test_readding_an_article_replaces_its_graph(facts, identities):
    ds2 = build_dataset(facts, identities)
    before = quads(ds2)
    rdf.add_article(ds2, facts[1], identities)
    assert quads(ds2) == before


# ---------------------------------------------------------------------------------------------
# serialisation round trips
# ---------------------------------------------------------------------------------------------

def test_files_round_trip(ds, tmp_path):
    paths = dataset_to_files(ds, tmp_path, formats=("ttl", "trig", "nq"))
    assert [p.name for p in paths] == ["graph.ttl", "graph.trig", "graph.nq"]
    written = {p.suffix[1:]: p for p in paths}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    trig = load_dataset(written["trig"])
    assert quads(trig) == quads(ds)
    for g in ds.graphs():
        if len(g):
            assert to_isomorphic(g) == to_isomorphic(trig.graph(g.identifier))
    nq = load_dataset(written["nq"])
    assert quads(nq) == quads(ds)
    merged = Graph().parse(written["ttl"], format="turtle")
    assert set(merged) == {(s, p, o) for s, p, o, _g in ds.quads()}
    from_dir = load_dataset(tmp_path)
    assert quads(from_dir) == quads(ds)
    ttl_ds = load_dataset(written["ttl"])
    assert len(list(ttl_ds.query("SELECT ?m WHERE { ?m a <http://www.w3.org/ns/org#Membership> }"))) > 10


def test_hostile_text_round_trips_exactly(ds, facts):
    hostile = facts[-1]
    blobs = {"ttl": serialize_turtle(ds), "trig": serialize_trig(ds)}
    for fmt, data in blobs.items():
        if fmt == "ttl":
            back = Graph().parse(data=data, format="turtle")
        else:
            back = Dataset(default_union=True)
            back.parse(data=data, format="trig")
        strings = {str(o) for o in back.objects(None, NIF.isString)}
        assert HOSTILE_TEXT in strings, fmt
        anchors = {str(o) for o in back.objects(None, NIF.anchorOf)}
        for s in hostile.sentences:
            assert hostile.article.text[s.start:s.end] in anchors, (fmt, s)
        names = {str(o) for o in back.objects(None, SCHEMA.name)}
        assert {HOSTILE_NAME, '会议<script>"""\\\x07', '文件"""<>\\'} <= names, fmt
        ids = {str(o) for o in back.objects(None, DCTERMS.identifier)}
        assert 'h"1<>\\' in ids
        methods = {str(o) for o in back.objects(None, KGO.extractionMethod)}
        assert 'hanlp:"x"\\' in methods
        titles = {str(o) for o in back.objects(None, DCTERMS.title)}
        assert 'title <b>"""\\\x1b' in titles


def test_load_dataset_errors(tmp_path):
    bad = tmp_path / "graph.xml"
    bad.write_text("<rdf/>")
    with pytest.raises(ValueError, match="E205"):
        load_dataset(bad)
    with pytest.raises(FileNotFoundError):
        load_dataset(tmp_path / "missing.trig")
    with pytest.raises(FileNotFoundError, match="E204"):
        load_dataset(tmp_path)
    with pytest.raises(ValueError, match="E203"):
        dataset_to_files(Dataset(), tmp_path, formats=("xml",))


def test_fast_quadset_path_gives_the_same_graph_as_the_dataset_path():
    """build_quads + oxigraph co-attendance (the corpus path) == build_dataset + rdflib CONSTRUCT."""
    from kg import derive, rdf
    from kg.link import link_persons
    from kg.pipeline import extract
    from conftest import SAMPLE

    facts = extract([SAMPLE], ner="none", progress=False).facts
    ids = link_persons(facts)
    slow = rdf.build_dataset(facts, ids)
    derive.add_coattendance(slow)
    fast = rdf.build_quads(facts, ids)
    derive.add_coattendance(fast, engine="oxigraph")
    assert rdf.serialize_trig(fast) == rdf.serialize_trig(slow)
    assert rdf.serialize_nquads(fast.to_dataset()) == rdf.serialize_nquads(slow)
