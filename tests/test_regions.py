"""Administrative divisions: cpca's table brought up to date with kg/data/division_updates.tsv."""
from __future__ import annotations

from datetime import date

from kg import regions
from kg.facts import article_to_json
from kg.ingest import make_article
from kg.pipeline import make_extractor


def test_divisions_created_after_cpcas_table_resolve():
    haian = regions.lookup("海安", "市")  # 海安县 became 海安市 in 2018
    assert (haian.code, haian.name, haian.parent.name, haian.current) == ("320685", "海安市", "南通市", True)
    assert regions.lookup("莱芜").name == "莱芜区"  # 莱芜市 was merged into 济南市 in 2019
    assert regions.lookup("莱芜区").parent.name == "济南市"


def test_renamed_division_keeps_its_old_name_as_alias():
    haimen = regions.lookup("海门区")  # 海门市 -> 海门区 in 2020, same code
    assert (haimen.code, haimen.current) == ("320684", True)
    assert regions.lookup("海门市") == haimen == regions.lookup("海门")


def test_abolished_division_still_resolves_but_ranks_after_current_ones():
    gangzha = regions.lookup("港闸区")  # merged into 崇川区 in 2020
    assert gangzha is not None and not gangzha.current
    assert regions.lookup("海安") == regions.get("320685")  # not the abolished 海安县
    assert [r.name for _, _, r in regions.find_mentions("海门区、港闸区和海安市")] == ["海门区", "港闸区", "海安市"]


def test_updates_hold_administrative_divisions_only():
    names = [r.name for r in regions.all_regions()]
    assert not [n for n in names if "开发区" in n or "管理区" in n or "直辖" in n]


def test_county_level_city_titles_in_a_city_paper():
    text = ("11月27日下午，全市推进会召开。市委书记王晖主持会议。海安市委副书记、市长于春林，"
            "海门区委书记吴旭东汇报了有关工作。")
    art = make_article("t", "推进会", text, published=date(2023, 11, 28), home_region="南通市")
    posts = {(p["person"], p["region"], p["title"])
             for p in article_to_json(make_extractor("none").extract(art))["posts"]}
    assert {("于春林", "海安市", "市委副书记"), ("于春林", "海安市", "市长"),
            ("吴旭东", "海门区", "区委书记"), ("王晖", "南通市", "市委书记")} <= posts
