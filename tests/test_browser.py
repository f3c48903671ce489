"""The web app in a real browser: Debian's headless Chromium driven by Playwright, axe-core.

A real Flask server runs in a thread on 127.0.0.1 over the on-disk fixture index.
Screenshots of the main pages go to artifacts/screenshots/ (git-ignored) for a human look.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXPECTED_404 = ("/r/nope/1",)
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's /usr/bin/chromium is not installed"),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(index_dir: Path) -> Iterator[str]:
    """A threaded Flask server on a free port of 127.0.0.1; yields its base URL."""
    from recsearch.web import create_app

    app = create_app({"INDEX": str(index_dir)})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(timeout=10)
    srv.server_close()
    app.extensions["recsearch.engine"].close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=server, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_console(msg: Any) -> None:
        # A page asked for on purpose as a 404 reports its own status; nothing else may fail.
        if msg.type == "error" and not msg.location.get("url", "").endswith(EXPECTED_404):
            errors.append(f"{msg.text} ({msg.location.get('url')})")

    pg.on("console", on_console)
    yield pg
    context.close()
    assert errors == [], errors  # no script error, no CSP violation reported


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def params(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def hit_citations(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("li.hit a.hit-cite").all_inner_texts()]


def test_search_select_and_remove_facets(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Search recommendations").fill("quilombola")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/?q=quilombola")
    assert "CERD/C/BRA/CO/18-20, para. 6" in hit_citations(page)
    shot(page, "search")

    countries = page.locator("section[aria-labelledby=facet-country]")
    countries.get_by_role("link", name="Brazil").click()
    page.wait_for_url("**country=Brazil**")
    assert params(page) == {"q": ["quilombola"], "country": ["Brazil"]}
    assert page.locator(".chips a.chip", has_text="Country: Brazil").count() == 1
    themes = page.locator("section[aria-labelledby=facet-themes]")
    themes.get_by_role("link", name="Land").click()
    page.wait_for_url("**themes=Land**")
    assert hit_citations(page) == ["CERD/C/BRA/CO/18-20, para. 8"]
    shot(page, "search-filtered")

    page.locator(".chips a.chip", has_text="Country: Brazil").click()
    page.wait_for_load_state()
    assert params(page) == {"q": ["quilombola"], "themes": ["Land"]}
    assert page.locator(".chips a.chip", has_text="Country").count() == 0


def test_open_record_and_copy_citation(page: Any) -> None:
    page.goto("/?q=quilombola")
    page.get_by_role("link", name="CERD/C/BRA/CO/18-20, para. 6").click()
    page.wait_for_url("**/r/cerd-c-bra-co-18-20/6")
    assert page.locator("h1").inner_text().startswith("CERD/C/BRA/CO/18-20, para. 6")
    shot(page, "record")

    page.get_by_role("button", name="Copy Plain citation").click()
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == "CERD/C/BRA/CO/18-20, para. 6"
    page.get_by_role("button", name="Copy OSCOLA citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Committee on the Elimination of Racial Discrimination, 'Concluding")
    assert copied.endswith("UN Doc CERD/C/BRA/CO/18-20, para 6")


def test_download_export_rows(page: Any) -> None:
    page.goto("/?country=Brazil&country=Slovenia&per_page=2")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 8  # every hit, not the page of 2
    assert {r["country"] for r in rows} == {"Brazil", "Slovenia"}
    assert all(r["permalink"].startswith("http://127.0.0.1:") for r in rows)


def test_browse_gnr_8_lands_on_action_plan(page: Any) -> None:
    page.goto("/browse")
    page.get_by_role("link", name="Guidance Note recommendations (GNR 1–19)").click()
    shot(page, "browse-gnr")
    page.get_by_role("link", name="GNR 8", exact=True).click()
    page.wait_for_url("**/browse/gnr/8")
    cites = hit_citations(page)
    assert len(cites) == 2 and all(c.startswith("Action Plan") for c in cites)
    assert all("(GNR" in t and " 8" in t for t in page.locator("li.hit .snippet").all_inner_texts())
    shot(page, "browse-gnr-8")


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(),
                href: e.getAttribute('href') || '', outline: s.outlineStyle,
                outlineWidth: s.outlineWidth}; }"""
    )


def _tab_to(page: Any, match: Any, limit: int = 80) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        el = _focused(page)
        if match(el):
            return el
    raise AssertionError("never reached by Tab")


def test_keyboard_only(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["text"] == "Skip to main content"
    assert first["outline"] != "none" and first["outlineWidth"] != "0px"  # visible focus
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"

    _tab_to(page, lambda e: e["id"] == "q")
    page.keyboard.type("roma")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=roma")
    facet = _tab_to(page, lambda e: e["text"].startswith("Education"))
    assert facet["outline"] != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**themes=Education**")
    assert hit_citations(page) == ["CERD/C/SVN/CO/8-11, para. 13"]

    # "more…" of a facet opens from the keyboard.
    page.goto("/")
    _tab_to(page, lambda e: e["tag"] == "SUMMARY")
    page.keyboard.press("Enter")
    assert page.locator("details.facet-more[open]").count() == 1

    # The cite box: Tab to a copy button, Space copies.
    page.goto("/r/cerd-c-bra-co-18-20/6")
    _tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"].startswith("Copy"))
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == "CERD/C/BRA/CO/18-20, para. 6"


def test_pages_work_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/r/cerd-c-bra-co-18-20/6")
    assert pg.locator("button.copy").first.is_hidden()  # copy needs JS; text stays selectable
    assert pg.locator("#cite-plain").input_value() == "CERD/C/BRA/CO/18-20, para. 6"
    pg.goto("/?q=roma")
    pg.get_by_label("Sort by").select_option("oldest")
    pg.get_by_role("button", name="Apply").click()
    pg.wait_for_url("**sort=oldest**")
    assert hit_citations(pg)[0] == "CERD/C/SVN/CO/8-11, para. 12"
    context.close()


NARROW_PAGES = [
    ("search", "/?q=quilombola"),
    ("record", "/r/cerd-c-bra-co-18-20/8"),
    ("document", "/d/cerd-c-bra-co-18-20"),
]


@pytest.mark.parametrize(("name", "url"), NARROW_PAGES, ids=[n for n, _ in NARROW_PAGES])
def test_narrow_screen_has_no_sideways_scroll(
    browser: Any, server: str, name: str, url: str
) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(url)
    shot(pg, f"narrow-{name}")
    wide = pg.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wide == [], wide
    context.close()


AXE_PAGES = [
    ("home", "/"),
    ("search-results", "/?q=roma&themes=Roma"),
    ("search-empty", "/?q=zzzzqqq&country=Brazil"),
    ("record", "/r/cerd-c-bra-co-18-20/8"),
    ("document", "/d/cerd-c-bra-co-18-20"),
    ("browse", "/browse"),
    ("browse-articles", "/browse/articles"),
    ("browse-gnr", "/browse/gnr"),
    ("browse-gnr-8", "/browse/gnr/8"),
    ("browse-gr-one", "/browse/gr/CERD GR 31"),
    ("help", "/help"),
    ("not-found", "/r/nope/1"),
]


@pytest.mark.parametrize(("name", "url"), AXE_PAGES, ids=[n for n, _ in AXE_PAGES])
def test_axe_no_serious_violations(page: Any, name: str, url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url)
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad
    shot(page, f"axe-{name}")
