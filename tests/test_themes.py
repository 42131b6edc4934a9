"""The demo hub in each supported theme, light and dark, in a real browser
(headless Chromium driven by Playwright): the grid, the view switch, no-JS,
and axe-core's accessibility checks (no serious or critical violation).

Set ``HUBS_SCREENSHOTS=<folder>`` to save a screenshot per theme and mode
(the docs' "Themes and output formats" page shows them); screenshots of
failing tests go to ``test-artifacts/``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Where axe-core is looked for: ``HUBS_AXE``, else where the set-up of
#: README.md and .ci/run installs it, else a ``node_modules`` of the checkout.
AXE_PLACES = [
    *([Path(os.environ["HUBS_AXE"])] if os.environ.get("HUBS_AXE") else []),
    ROOT / ".ci/node/node_modules/axe-core/axe.min.js",
    ROOT / "node_modules/axe-core/axe.min.js",
]
AXE_INSTALL = "npm install --prefix .ci/node axe-core@4.14.1"
ARTIFACTS = ROOT / "test-artifacts"
THEMES = {
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
}
MODES = ["light", "dark"]
#: What a theme's own light/dark switch stores, set to dark, by theme.
SWITCHES = {
    theme: "localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark')"
    for theme in ["furo", "pydata_sphinx_theme", "sphinx_book_theme"]
}
#: A card's colours, as the browser draws them.
COLOURS = "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
HUB = "garden/compute-budget"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Debian's chromium (see .ci/run)")
    pytest.skip(
        "no chromium on this machine (apt-get install chromium)",
        allow_module_level=True,
    )


def _need_theme(theme: str) -> None:
    if importlib.util.find_spec(THEMES[theme]) is None:
        if os.environ.get("HUBS_REQUIRE_THEMES"):
            raise RuntimeError(f"theme {theme} is not installed")
        pytest.skip(f"{theme} is not installed (pip install .[themes,rtd-theme])")


@pytest.fixture(scope="module")
def sites(docs_site, garden_site):
    """``sites(theme)``: the folder of the demo garden built in *theme* (the
    whole docs site when screenshots for the docs are taken)."""
    whole = bool(os.environ.get("HUBS_SCREENSHOTS"))

    def site(theme: str) -> Path:
        _need_theme(theme)
        built = (docs_site if whole else garden_site)("html", html_theme=theme)
        assert built.warnings == "", built.warnings
        return built.outdir

    return site


@pytest.fixture(scope="session")
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


def _failed(request) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


def _keep(page, name: str) -> None:
    """A screenshot of *page* in ``test-artifacts/`` (of a failed test)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png")


@pytest.fixture
def open_hub(browser, sites, request):
    """``open_hub(theme, mode="light", width=1280, javascript=True)``: the
    demo hub in a browser context of its own (its own
    saved view), closed after the test."""
    contexts = []

    def _open(theme, mode="light", width=1280, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=mode,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.goto((sites(theme) / f"{HUB}.html").as_uri())
        page.wait_for_load_state("load")
        return page

    yield _open
    for number, context in enumerate(contexts):
        if _failed(request):
            for page in context.pages:
                _keep(page, f"{request.node.name}-{number}")
        context.close()


def tops(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )


def _axe() -> Path | None:
    axe = next((path for path in AXE_PLACES if path.is_file()), None)
    if axe is None and os.environ.get("CI"):
        raise RuntimeError(_AXE_MISSING)
    return axe


_AXE_MISSING = (
    f"axe-core is not installed: run `{AXE_INSTALL}` in {ROOT} "
    "(or set HUBS_AXE to its axe.min.js)"
)


@pytest.fixture(scope="module")
def looked_at(browser, sites):
    """``looked_at(theme, mode)``: the page and what a reader's browser
    shows of the demo hub in *theme* and colour *mode*, looked at once for
    all the tests that read it -- the cards' rows at 1280 and 390 px, and
    axe-core's findings in both views.  (Under pytest-xdist a theme's
    tests run on one worker: tests/conftest.py, shared_build.)"""
    looked: dict[tuple[str, str], tuple[Any, dict]] = {}

    def look(theme: str, mode: str) -> tuple[Any, dict]:
        if (theme, mode) in looked:
            return looked[theme, mode]
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=mode
        )
        page = context.new_page()
        page.goto((sites(theme) / f"{HUB}.html").as_uri())
        page.wait_for_load_state("load")
        view: dict = {
            "desktop": tops(page, "#sub-maps .hubs-card"),
            "card colours": page.eval_on_selector(".hubs-card", COLOURS),
        }
        shots = os.environ.get("HUBS_SCREENSHOTS")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=Path(shots) / f"{theme}-{mode}.jpg", type="jpeg", quality=55
            )
        page.set_viewport_size({"width": 390, "height": 900})
        view["phone"] = tops(page, "#sub-maps .hubs-card")
        page.set_viewport_size({"width": 1280, "height": 900})
        view["axe"] = None
        axe = _axe()
        if axe is not None:
            page.add_script_tag(path=str(axe))
            view["axe"] = {}
            # every rule in light mode; in dark mode, where only the
            # colours differ, the colour rules
            colours = ["color-contrast", "link-in-text-block"]
            only = {"runOnly": {"type": "rule", "values": colours}}
            rules = only if mode == "dark" else {}
            for name in ("list", "cards"):
                page.click(f"button[data-hubs-view={name}]")
                view["axe"][name] = page.evaluate(
                    """async (rules) => await axe.run(
                        {include: [['.hubs-back'], ['.hubs-page']]},
                        {resultTypes: ['violations'], ...rules})""",
                    rules,
                )
        if theme in SWITCHES and mode == "light":
            # the reader's system says light, the theme's own switch dark
            page.evaluate(SWITCHES[theme])
            page.reload()
            view["switched to dark"] = page.eval_on_selector(".hubs-card", COLOURS)
        looked[theme, mode] = page, view
        return page, view

    yield look
    for page, _ in looked.values():
        page.context.close()


@pytest.fixture
def seen(looked_at, request):
    """``seen(theme, mode)``: what :func:`looked_at` saw; the page is kept
    as a screenshot if the test fails."""
    pages = []

    def see(theme: str, mode: str) -> dict:
        page, view = looked_at(theme, mode)
        pages.append(page)
        return view

    yield see
    if _failed(request):
        for number, page in enumerate(pages):
            _keep(page, f"{request.node.name}-{number}")


#: (Under pytest-xdist the tests of one theme run on one worker, which
#: builds its site once: tests/conftest.py, shared_build.)
params = pytest.mark.parametrize("theme", list(THEMES))
modes = pytest.mark.parametrize("mode", MODES)


@params
@modes
def test_grid_then_one_column(seen, theme, mode):
    view = seen(theme, mode)
    first = view["desktop"]
    assert first[0] == first[1], "two cards side by side on a desktop"
    assert first[2] > first[0]
    first = view["phone"]
    assert first[0] < first[1] < first[2], "one column on a phone"


@params
def test_view_switch_mouse_keyboard_and_memory(open_hub, theme):
    page = open_hub(theme)
    assert page.locator(".hubs-viewas").is_visible()
    page.click("button[data-hubs-view=list]")
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    assert page.get_attribute("button[data-hubs-view=list]", "aria-pressed") == "true"
    stacked = tops(page, "#sub-maps .hubs-card")
    assert stacked[0] < stacked[1]
    page.reload()
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    # the choice holds on every hub of the site
    other = page.context.new_page()
    other.goto(page.url.replace("compute-budget.html", "maps/overthinking.html"))
    assert "hubs-view-list" in other.get_attribute(".hubs-page", "class")
    page.focus("button[data-hubs-view=list]")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.hubsView") == "cards"
    page.keyboard.press("Enter")
    assert "hubs-view-cards" in page.get_attribute(".hubs-page", "class")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "hubs-view-list" in page.get_attribute(".hubs-page", "class")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert "hubs-view-cards" in page.get_attribute(".hubs-page", "class")
    page.reload()
    assert "hubs-view-cards" in page.get_attribute(".hubs-page", "class")


@pytest.mark.parametrize("theme", list(SWITCHES))
def test_theme_dark_switch_is_honoured(seen, theme):
    """The reader's system says light, the theme's own switch says dark."""
    view = seen(theme, "light")
    assert view["card colours"] != view["switched to dark"]


@params
def test_every_card_visible_without_javascript(open_hub, theme):
    page = open_hub(theme, javascript=False)
    cards = page.locator(".hubs-card")
    assert cards.count() == 23
    assert all(cards.nth(i).is_visible() for i in range(cards.count()))
    assert not page.locator(".hubs-viewas").is_visible()


@params
@modes
def test_axe_finds_no_serious_violation(seen, theme, mode):
    view = seen(theme, mode)
    if view["axe"] is None:
        pytest.skip(_AXE_MISSING)
    for name, result in view["axe"].items():
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (name, serious)
