"""The hub page in a real browser (headless Chromium driven by Playwright):
the grid, the "View as" switch by mouse and keyboard, the remembered choice,
and every card visible with JavaScript off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Debian's chromium (see .ci/run)")
    pytest.skip("no chromium on this machine", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("browser") / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site, request):
    contexts = []

    def _open(docname="hub", width=1280, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.goto((site / f"{docname}.html").as_uri())
        return page

    yield _open
    failed = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for page in context.pages:
                page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png")
        context.close()


def _tops(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )


def test_grid_on_desktop_one_column_on_phone(open_page):
    wide = open_page(width=1280)
    tops = _tops(wide, "#first-things .hubs-card")
    assert tops[0] == tops[1]  # two cards side by side
    assert tops[2] > tops[0]
    narrow = open_page(width=400)
    tops = _tops(narrow, "#first-things .hubs-card")
    assert tops[0] < tops[1] < tops[2]


def test_view_switch_by_mouse_is_remembered(open_page):
    page = open_page()
    switch = page.locator(".hubs-viewas")
    assert switch.is_visible()
    page.click("button[data-hubs-view=list]")
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    assert page.get_attribute("button[data-hubs-view=list]", "aria-pressed") == "true"
    assert page.get_attribute("button[data-hubs-view=cards]", "aria-pressed") == "false"
    tops = _tops(page, "#first-things .hubs-card")
    assert tops[0] < tops[1]  # stacked as a list
    page.reload()
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    # the choice applies to other hubs too
    other = page.context.new_page()
    other.goto(page.url.replace("hub.html", "tiny.html"))
    assert "hubs-view-list" in other.get_attribute(".hubs-page", "class")
    page.click("button[data-hubs-view=cards]")
    page.reload()
    assert "hubs-view-cards" in page.get_attribute(".hubs-page", "class")


def test_view_switch_by_keyboard(open_page):
    page = open_page()
    page.focus("button[data-hubs-view=cards]")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-hubs-view')")
    assert focused == "list"
    page.keyboard.press("Enter")
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert "hubs-view-cards" in page.get_attribute(".hubs-page", "class")


def test_every_card_visible_without_javascript(open_page):
    page = open_page(javascript=False)
    cards = page.locator(".hubs-card")
    assert cards.count() == 6
    for index in range(cards.count()):
        assert cards.nth(index).is_visible()
    # a switch that cannot work is not shown
    assert not page.locator(".hubs-viewas").is_visible()
