"""kg.view pages opened in headless Chromium (Debian chromium + chromedriver, Selenium).

Checks that each page draws, holds the expected vis DataSet, logs no console error, makes no
network request, and that hovering / clicking a person shows its source sentence. Hostile
names must show as text and never run.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.browser

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "headless browser tests need Debian chromium and chromedriver "
        "(apt-get install -y chromium chromium-driver)",
        allow_module_level=True,
    )
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from kg.view import coattendance_view, governance_view  # noqa: E402
from test_view import (  # noqa: E402  (tests/ is on sys.path under pytest's default import mode)
    CO_EDGES,
    CO_NODES,
    HOSTILE,
    _big_facts,
    hostile_facts,
    hand_facts,
)

SENTENCE_LI_QIANG = "上海市委书记李强出席会议并指出"

_PIXELS_JS = """
var c = document.querySelector('#mynetwork canvas');
var ctx = c.getContext('2d');
var d = ctx.getImageData(0, 0, c.width, c.height).data;
var n = 0;
for (var i = 0; i < d.length; i += 16) {
  if (d[i + 3] > 0 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) { n++; }
}
return n;
"""

_POSITION_JS = """
var id = arguments[0];
network.focus(id, {scale: 1.6, animation: false});
network.redraw();
var p = network.getPositions([id])[id];
var d = network.canvasToDOM(p);
var r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
return [d.x, d.y, r.width, r.height];
"""

_TOOLTIP_JS = """
var t = document.querySelector('div.vis-tooltip');
if (!t || getComputedStyle(t).visibility !== 'visible') { return null; }
return t.innerText;
"""


@pytest.fixture(scope="module")
def driver():
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # never let Selenium Manager go looking for drivers
        drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    d = tmp_path_factory.mktemp("views")
    return {
        "gov": governance_view(hand_facts(), None, d / "governance.html"),
        "co": coattendance_view(hand_facts(), None, d / "coattendance.html"),
        "big": governance_view(_big_facts(170), None, d / "big.html"),  # capped at 1500, no physics
        "hostile_gov": governance_view(hostile_facts(), None, d / "hostile_gov.html", title=HOSTILE),
        "hostile_co": coattendance_view(hostile_facts(), None, d / "hostile_co.html", title=HOSTILE),
    }


def _open(drv, path: Path) -> list[dict]:
    """Load a page, wait until vis has drawn it, return the console log of the load."""
    drv.get_log("browser")  # drop earlier entries
    drv.get_log("performance")
    drv.get(path.resolve().as_uri())
    WebDriverWait(drv, 30).until(lambda d: d.execute_script("return window.kgReady === true"))
    return drv.get_log("browser")


def _requests(drv) -> list[str]:
    """URLs of every request the page made since the last call (Network.requestWillBeSent)."""
    urls = []
    for entry in drv.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") != "Network.requestWillBeSent":
            continue
        params = msg["params"]
        if str(params.get("documentURL", "")).startswith("chrome:"):
            continue  # the browser's own new-tab page of a fresh profile, not ours
        urls.append(params["request"]["url"])
    return urls


def _severe(logs: list[dict]) -> list[dict]:
    return [entry for entry in logs if entry.get("level") == "SEVERE"]


def _hover(drv, node_id: str) -> str:
    x, y, w, h = drv.execute_script(_POSITION_JS, node_id)
    assert 0 <= x <= w and 0 <= y <= h, (x, y, w, h)
    canvas = drv.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(drv).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).perform()
    WebDriverWait(drv, 5).until(lambda d: d.execute_script(_TOOLTIP_JS))
    return drv.execute_script(_TOOLTIP_JS)


def _click_details(drv) -> str:
    ActionChains(drv).click().perform()
    WebDriverWait(drv, 5).until(
        lambda d: d.find_element(By.ID, "kg-details-body").text.strip() and d.execute_script(
            "return network.getSelectedNodes().length") == 1)
    return drv.find_element(By.ID, "kg-details-body").text


@pytest.mark.parametrize("name,nodes", [("gov", 59), ("co", CO_NODES), ("big", 1500)])
def test_view_draws_offline_without_errors(driver, pages, name, nodes):
    stats = pages[name]
    logs = _open(driver, stats.path)
    assert driver.execute_script("return network.body.data.nodes.length") == nodes == stats.node_count
    assert driver.execute_script("return network.body.data.edges.length") == stats.edge_count
    assert driver.execute_script(_PIXELS_JS) > 500, "the canvas is blank"
    assert not _severe(logs + driver.get_log("browser"))
    resources = driver.execute_script("""
        return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
          .map(function (e) { return e.name; });""")
    assert resources and all(r.startswith(("file:", "data:")) for r in resources), resources
    requests = _requests(driver)  # what the DevTools protocol saw, blocked requests included
    assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests
    external = driver.execute_script("""
        return Array.prototype.slice.call(document.querySelectorAll('[src],[href]'))
          .map(function (e) { return e.getAttribute('src') || e.getAttribute('href'); })
          .filter(function (u) { return !/^(data:|#)/.test(u); });""")
    assert external == []
    physics = driver.execute_script("return network.physics.options.enabled")
    assert physics is False  # frozen after stabilisation, or never on
    if name == "big":
        cap = driver.find_element(By.ID, "kg-cap")
        assert cap.is_displayed() and "showing 1,500 of" in cap.text
        assert stats.truncated and not stats.physics


@pytest.mark.parametrize("name", ["gov", "co"])
def test_person_hover_and_click_show_source_sentence(driver, pages, name):
    _open(driver, pages[name].path)
    tip = _hover(driver, "person:李强")
    assert "李强" in tip and SENTENCE_LI_QIANG in tip
    if name == "gov":
        assert "上海市委书记" in tip and "attested 2022-09-28" in tip
    details = _click_details(driver)
    assert driver.execute_script("return network.getSelectedNodes()") == ["person:李强"]
    assert SENTENCE_LI_QIANG in details
    assert driver.find_element(By.ID, "kg-details-title").text == "李强"
    assert not _severe(driver.get_log("browser"))


def test_search_and_kind_filter(driver, pages):
    _open(driver, pages["gov"].path)
    box = driver.find_element(By.ID, "kg-search-input")
    box.send_keys("王晖", Keys.ENTER)
    assert driver.find_element(By.ID, "kg-search-status").text == "1 match"
    assert driver.execute_script("return network.getSelectedNodes()") == ["person:王晖"]
    assert "南通市委书记" in driver.find_element(By.ID, "kg-details-body").text
    driver.find_element(By.CSS_SELECTOR, 'input[data-kind="person"]').click()
    hidden = driver.execute_script(
        "return kgNodes.get({filter: function (n) { return n.hidden === true; }}).length")
    assert hidden == pages["gov"].nodes["person"]
    assert not _severe(driver.get_log("browser"))


def test_broker_table_focuses_person(driver, pages):
    _open(driver, pages["co"].path)
    rows = driver.find_elements(By.CSS_SELECTOR, "#kg-brokers tbody tr")
    assert len(rows) == 15
    rows[0].click()
    first = driver.execute_script("return KG_DATA.brokers[0]")
    assert driver.execute_script("return network.getSelectedNodes()") == [first]
    assert first in ("person:王晖", "person:吴新明")
    assert "南通市" in driver.find_element(By.ID, "kg-details-body").text


@pytest.mark.parametrize("name", ["hostile_gov", "hostile_co"])
def test_hostile_text_shows_as_text_and_never_runs(driver, pages, name):
    logs = _open(driver, pages[name].path)
    assert not _severe(logs)
    assert driver.title == HOSTILE
    assert driver.find_element(By.CSS_SELECTOR, "header h1").text == HOSTILE
    node_id = f"person:{HOSTILE}"
    tip = _hover(driver, node_id)
    assert HOSTILE in tip and '"""引号"""' in tip
    details = _click_details(driver)
    assert HOSTILE in details and "反斜杠\\ 双反斜杠\\\\" in details
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # Only our three inline scripts exist; nothing injected any element.
    assert driver.execute_script("return document.scripts.length") == 3
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert not _severe(driver.get_log("browser"))
