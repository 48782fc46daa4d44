"""Saved SPARQL queries, safe parameters, engines and formatters."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from conftest_rdf import (
    appointment_facts,
    hostile_facts,
    sample_facts,
    sample_identities,
)
from rdflib import Dataset, Literal
from rdflib.plugins.sparql import prepareQuery

from kg.derive import add_coattendance
from kg.query import (
    QueryError,
    bind_params,
    format_results,
    load_oxigraph,
    named_queries,
    query_params,
    run_named,
    run_query,
    to_oxigraph,
)
from kg.rdf import build_dataset

DAY = date(2022, 9, 27)
PARAMS = {
    "meetings-chaired-by": {"name": "王晖"},
    "top-coattendees-of": {"name": "王晖"},
    "region-officials": {"region": "江苏省"},
    "evidence-of-person": {"name": "李强"},
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    facts = sample_facts() + [appointment_facts(), hostile_facts()]
    d = build_dataset(facts, sample_identities(facts))
    add_coattendance(d)
    return d


@pytest.fixture(scope="module")
def store(ds):
    return to_oxigraph(ds)


def rows_of(ds, query, **params):
    cols, rows = run_named(ds, query, params or PARAMS.get(query))
    return [dict(zip(cols, r, strict=True)) for r in rows]


# ---------------------------------------------------------------------------------------------
# the saved queries themselves
# ---------------------------------------------------------------------------------------------

def test_at_least_ten_documented_queries():
    queries = named_queries()
    expected = {"posts-of-person", "who-chaired", "coattendance-pairs", "documents-adopted", "circle-members",
                "holders-of-post-in-region", "meetings-chaired-by", "top-coattendees-of",
                "persons-in-two-regions", "newest-appointments", "region-officials"}
    assert expected <= set(queries)
    for name, (description, text) in queries.items():
        assert description and not description.startswith("param"), name
        assert text.lstrip().startswith("#"), name
        assert "PREFIX schema:" in text and "PREFIX kgo:" in text, name
        prepareQuery(text)  # parses
        for p in query_params(text):
            assert f"?{p.name}" in text, (name, p.name)


def test_posts_of_person(ds):
    rows = rows_of(ds, "posts-of-person", name="龚正")
    assert {(r["post"], r["title"], r["organization"], r["region"]) for r in rows} == {
        ("上海市委副书记", "市委副书记", "中共上海市委员会", "上海市"),
        ("上海市长", "市长", "上海市人民政府", "上海市"),
    }
    assert all(r["name"] == "龚正" and r["first_seen"] == date(2022, 9, 28) for r in rows)
    everybody = run_named(ds, "posts-of-person")[1]
    assert len(everybody) > 20


def test_who_chaired(ds):
    rows = rows_of(ds, "who-chaired")
    assert {(r["meeting"], r["chair"]) for r in rows} == {
        ("上海大都市圈空间协同规划实施推进会", "吴清"),
        ("南通市委常委会会议", "王晖"),
        ("南通市委全面深化改革委员会第二十六次会议", "王晖"),
    }
    one = rows_of(ds, "who-chaired", meeting="南通市委常委会会议")
    assert [(r["meeting"], r["chair"], r["date"]) for r in one] == [("南通市委常委会会议", "王晖", DAY)]


def test_coattendance_pairs(ds):
    rows = rows_of(ds, "coattendance-pairs")
    pairs = {frozenset((r["person_a"], r["person_b"])): r for r in rows}
    assert pairs[frozenset(("李强", "龚正"))]["meetings"] == 1
    top = pairs[frozenset(("王晖", "吴新明"))]
    assert (top["meetings"], top["first"], top["last"]) == (2, DAY, DAY)
    assert frozenset(("王晖", "吴新明")) == frozenset((rows[0]["person_a"], rows[0]["person_b"]))


def test_documents_adopted(ds):
    rows = rows_of(ds, "documents-adopted")
    assert {r["document"] for r in rows} == {
        "关于推进医疗保障基金监管制度体系改革的实施方案", "关于促进中医药传承创新发展的实施方案",
        "关于深化市场监管综合行政执法改革的实施方案"}
    assert {r["meeting"] for r in rows} == {"南通市委全面深化改革委员会第二十六次会议"}
    assert {r["passed_by"] for r in rows} == {"中共南通市委全面深化改革委员会"}


def test_circle_members(ds):
    rows = rows_of(ds, "circle-members", circle="上海大都市圈")
    assert rows[0]["member"] == "上海市" and rows[0]["core"] is True
    assert {r["member"] for r in rows} == {"上海市", "苏州市", "无锡市", "常州市", "南通市", "嘉兴市", "宁波市",
                                           "舟山市", "湖州市"}
    assert all(r["code"].isdigit() and r["first_attested"] == date(2022, 9, 28) for r in rows)
    assert rows_of(ds, "circle-members", circle="杭州都市圈") == []


def test_holders_of_post_in_region(ds):
    rows = rows_of(ds, "holders-of-post-in-region", title="市委书记", region="南通市")
    assert [(r["person"], r["post"]) for r in rows] == [("王晖", "南通市委书记")]
    secretaries = rows_of(ds, "holders-of-post-in-region", title="市委书记")
    assert {r["person"] for r in secretaries} == {"李强", "王晖", "曹路宝", "彭佳学"}


def test_meetings_chaired_by(ds):
    rows = rows_of(ds, "meetings-chaired-by")
    assert {(r["meeting"], r["organizer"]) for r in rows} == {
        ("南通市委常委会会议", "中共南通市委员会"),
        ("南通市委全面深化改革委员会第二十六次会议", "中共南通市委全面深化改革委员会"),
    }


def test_top_coattendees_of(ds):
    rows = rows_of(ds, "top-coattendees-of")
    assert (rows[0]["coattendee"], rows[0]["meetings"]) == ("吴新明", 2)
    assert "王晖" not in {r["coattendee"] for r in rows}


def test_persons_in_two_regions(ds):
    rows = rows_of(ds, "persons-in-two-regions")
    by_person: dict[str, set] = {}
    for r in rows:
        by_person.setdefault(r["person"], set()).add(r["region"])
    assert by_person["曹路宝"] == {"江苏省", "苏州市"}
    assert by_person["彭佳学"] == {"浙江省", "宁波市"}
    assert not {"费高云", "王晖", "李强"} & set(by_person)  # one region each


def test_newest_appointments(ds):
    rows = rows_of(ds, "newest-appointments")
    assert [(r["change"], r["person"], r["post"], r["date"]) for r in rows] == [
        ("appointed", "周明远", "南通市副市长", date(2022, 10, 20)),
        ("removed", "林晓东", "南通市副市长", date(2022, 10, 20)),
    ]


def test_region_officials_include_sub_regions(ds):
    rows = rows_of(ds, "region-officials")
    people = {r["person"] for r in rows}
    assert {"费高云", "曹路宝", "王晖", "吴新明", "周明远"} <= people
    assert not {"李强", "徐文光", "彭佳学"} & people
    assert {r["region"] for r in rows} == {"江苏省"}


def test_meeting_participants_and_evidence(ds):
    rows = rows_of(ds, "meeting-participants", meeting="上海大都市圈空间协同规划实施推进会")
    assert {r["role"] for r in rows if r["person"] == "李强"} == {"attended", "spoke"}
    ev = rows_of(ds, "evidence-of-person")
    assert {r["fact"] for r in ev} == {"membership", "participation"}
    assert all(r["evidence"] == "李强" and "李强" in r["sentence"] and r["article"] == "a1" for r in ev)


def test_engines_agree_on_every_saved_query(ds, store):
    for name in named_queries():
        assert run_named(ds, name, PARAMS.get(name)) == run_named(store, name, PARAMS.get(name)), name


def test_oxigraph_reads_written_files(ds, tmp_path):
    from kg.rdf import dataset_to_files

    dataset_to_files(ds, tmp_path)
    store = load_oxigraph(tmp_path)
    for name in ("coattendance-pairs", "posts-of-person", "region-officials"):
        assert run_named(store, name, PARAMS.get(name)) == run_named(ds, name, PARAMS.get(name)), name
    with pytest.raises(QueryError, match="E205"):
        load_oxigraph(tmp_path / "graph.json")


# ---------------------------------------------------------------------------------------------
# parameters are bound, never spliced
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    '李强"@zh } ?s ?p ?o . { ?s ?p "',
    "李强> . ?x ?y ?z #",
    "\\u0022 } UNION { ?a ?b ?c }",
    '"""',
])
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_hostile_parameter_values_only_fail_to_match(ds, store, value, engine):
    cols, rows = run_named(store if engine == "oxigraph" else ds, "posts-of-person", {"name": value})
    assert rows == []
    assert "name" in cols


def test_hostile_names_are_found_by_exact_value(ds):
    from conftest_rdf import HOSTILE_NAME

    rows = rows_of(ds, "posts-of-person", name=HOSTILE_NAME)
    assert {r["name"] for r in rows} == {HOSTILE_NAME}


def test_parameter_errors(ds):
    with pytest.raises(QueryError, match="E303"):
        run_named(ds, "posts-of-person", {"person": "李强"})
    with pytest.raises(QueryError, match="E305"):
        run_named(ds, "top-coattendees-of")
    with pytest.raises(QueryError, match="E300"):
        run_named(ds, "no-such-query")
    text = "# t\n# param: since date optional\nSELECT ?x WHERE { ?x ?p ?since }"
    with pytest.raises(QueryError, match="E304"):
        bind_params(text, {"since": "yesterday"})
    assert bind_params(text, {"since": "2022-09-27"})["since"] == Literal("2022-09-27", datatype=Literal(DAY).datatype)
    with pytest.raises(QueryError, match="E302"):
        query_params("# param: x color optional\nSELECT ?x {}")


def test_ad_hoc_queries(ds):
    with pytest.raises(QueryError, match="E301"):
        run_query(ds, "SELEC ?x WHERE { ?x ?p ?o }")
    assert run_query(ds, "ASK { ?m a <http://www.w3.org/ns/org#Membership> }") == (["ask"], [(True,)])
    cols, rows = run_query(ds, "CONSTRUCT { ?p a <urn:x:P> } WHERE { ?p a <https://schema.org/Person> } LIMIT 2")
    assert cols == ["subject", "predicate", "object"] and len(rows) == 2
    cols, rows = run_query(ds, "PREFIX kgo: <https://w3id.org/govkg/ontology#> "
                               "SELECT (MAX(?w) AS ?top) WHERE { ?t kgo:weight ?w }")
    assert rows == [(2,)]


# ---------------------------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------------------------

def test_formats(ds):
    cols, rows = run_named(ds, "coattendance-pairs")
    table = format_results(cols, rows[:3], "table")
    lines = table.splitlines()
    assert lines[0].split() == cols and lines[-1] == "(3 rows)"
    assert "2022-09-27" in table
    parsed = list(csv.reader(io.StringIO(format_results(cols, rows, "csv"))))
    assert parsed[0] == cols and len(parsed) == len(rows) + 1
    data = json.loads(format_results(cols, rows, "json"))
    assert data[0]["meetings"] == 2 and data[0]["first"] == "2022-09-27"
    with pytest.raises(QueryError, match="E309"):
        format_results(cols, rows, "xml")


def test_table_aligns_wide_characters():
    from kg.query import _width

    table = format_results(["name", "n"], [("王晖", 1), ("abc", 2), ("x\ny", True)], "table")
    lines = table.splitlines()
    assert _width(lines[2][: lines[2].index("1")]) == _width(lines[3][: lines[3].index("2")]) == 6
    assert "x\\ny" in table and "true" in table
