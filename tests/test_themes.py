"""The demo hub in each supported theme, light and dark, in a real browser
(headless Chromium driven by Playwright), measured as a reader meets it:
nothing moves as it loads, outlines stand out at 3:1, the list is compact,
narrow screens do not scroll sideways, a card is one link with two of its
own, the local graph works with the keyboard and on a phone, the view
switch works by mouse and keyboard and is remembered, every
card shows without JavaScript, and axe-core finds no serious or critical
violation in the hub, its back link and its Related block (with its local
graph).

Set ``HUBS_SCREENSHOTS=<folder>`` to save screenshots of the whole docs
site's demo hub: per theme and mode (``<theme>-<mode>.jpg``, and its local
graph, ``<theme>-<mode>-graph.jpg``), and per theme the list view and a
phone's screen (``<theme>-list.jpg``, ``<theme>-phone.jpg``); the docs show
them.  Screenshots of failing tests go
to ``test-artifacts/``.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).parent.parent
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


def _failed(request) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


def _keep(page, name: str) -> None:
    """A screenshot of *page* in ``test-artifacts/`` (of a failed test)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png")


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


#: Run in every page before its own scripts: what moves as it loads.
#: ``layout-shift`` entries (the browser's measure of cumulative layout
#: shift), each with whether it is ours: its sources all parts of the hub,
#: not all moved by one step (which is the hub pushed down as a whole by
#: something of the theme's above it), once the page is parsed (before, a
#: frame drawn of a half-read page shifts as the rest arrives, as any page
#: does; the frames below watch that time); and, on every
#: frame, the hub's width and where its parts stand relative to the top of
#: its header -- which a theme's own changes above it (a header, a banner,
#: the page's title) leave alone.
WATCH = """
window.__hubs = {shifts: [], frames: [], stop: false};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const inside = entry.sources.every((source) => {
      let node = source.node;
      if (node && node.nodeType !== 1) node = node.parentElement;
      return !!(node && node.closest('.hubs-page, .hubs-back'));
    });
    const steps = new Set(entry.sources.map((source) =>
      Math.round(source.currentRect.x - source.previousRect.x) + ',' +
      Math.round(source.currentRect.y - source.previousRect.y)));
    window.__hubs.shifts.push({
      value: entry.value, time: entry.startTime,
      ours: inside && steps.size > 1});
  }
}).observe({type: 'layout-shift', buffered: true});
window.__hubs.watch = function frame(time) {
  const hub = document.querySelector('.hubs-page');
  if (hub && hub.querySelector('.hubs-hub')) {
    // from the top of the hub's header, below the page's title (whose
    // lines are the theme's)
    const box = hub.querySelector('.hubs-hub').getBoundingClientRect();
    const parts = hub.querySelectorAll(
      '.hubs-toolbar, .hubs-viewas, .hubs-section, .hubs-card');
    window.__hubs.frames.push([
      time === undefined ? performance.now() : time, Math.round(box.width),
      ...Array.from(parts,
        (part) => Math.round(part.getBoundingClientRect().top - box.top))]);
  }
  if (!window.__hubs.stop) requestAnimationFrame(frame);
};
window.__hubs.watch();
// watched until two frames after the load (what _settle waits for): the
// pages kept open for the other tests' reading cost nothing afterwards
addEventListener('load', () => requestAnimationFrame(() =>
  requestAnimationFrame(() => { window.__hubs.stop = true; })));
"""

#: What moved of ours while the page loaded: the layout shift of entries
#: whose sources are all ours, and the frames in which a part of the hub
#: stood elsewhere than at the end.  Frames in which the theme gave the hub
#: another width (its scripts filling a sidebar), and shifts in the frames
#: around such a change, are left out: text wraps anew in another width,
#: whatever the hub does.  So are frames of a hub not yet read to its end
#: (fewer parts than at the end): a part still being read -- a card with
#: half its text -- is drawn as far as it goes, as any page's is.  For the
#: first parts that moved: their number and the frame's time.
MOVED = """() => {
  window.__hubs.stop = true;
  const frames = window.__hubs.frames;  // [time, the hub's width, tops...]
  const last = frames[frames.length - 1] || [];
  const same = frames.filter((f) => f[1] === last[1]
    && f.length === last.length);
  const resized = (time) => {
    // the frame in which the shift was seen (its time is that of the
    // frame's start, before its layout), and the frames on either side
    const seen = frames.findLastIndex((f) => f[0] <= time);
    return frames.slice(Math.max(seen - 1, 0), seen + 2)
      .some((f) => f[1] !== last[1]);
  };
  return {
    shift: window.__hubs.shifts.filter((s) => s.ours && s.time >=
        performance.getEntriesByType('navigation')[0].domInteractive
        && !resized(s.time))
      .reduce((sum, s) => sum + s.value, 0),
    frames: same.length,
    moved: same.filter((f) => f.some((top, i) => i > 1 && top !== last[i]))
      .length,
    where: same.flatMap((f) => f.map((top, i) => i > 1 && top !== last[i]
      ? [i - 2, Math.round(f[0])] : []).filter((x) => x.length)).slice(0, 5),
  };
}"""

#: Contrast ratios (WCAG) against the page of the outlines of a card and
#: of a view button, as drawn: colours read back from a canvas, so every
#: CSS colour syntax is understood, and blended over the page's background.
OUTLINES = """() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  function rgba(colour) {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }
  function over(top, bottom) {
    return [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
  }
  function background(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below),
                                   [255, 255, 255]);
  }
  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(element) {
    const page = background(element.parentElement);
    const line = over(rgba(getComputedStyle(element).borderTopColor), page);
    const [a, b] = [luminance(line), luminance(page)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return {
    card: contrast(document.querySelector('.hubs-card')),
    switch: contrast(document.querySelector(
      '.hubs-viewas-option[aria-pressed=false]')),
  };
}"""

#: The height the sections of the hub take, from the first one's top to
#: the last one's bottom.
SECTIONS_HEIGHT = """() => {
  const sections = document.querySelectorAll('.hubs-page .hubs-section');
  return sections[sections.length - 1].getBoundingClientRect().bottom
    - sections[0].getBoundingClientRect().top;
}"""


#: Where the switch keeps the reader's choice.
VIEW_KEY = "sphinxext-hubs:view"


def saved_view(view: str) -> str:
    """The script that keeps *view* as the reader's choice, as the switch
    does (``sphinxext_hubs/static/hubs.js``)."""
    return f"localStorage.setItem('{VIEW_KEY}', '{view}');"


def _come_back(page, kept: str) -> None:
    """Reload the page as a reader coming back to it whose browser kept
    what the script *kept* writes to its storage: written in the new page
    before any of the page's own scripts run.  (Written by the old page
    just before the reload -- by a click on the switch, or by a script --
    it was now and then not there after it, in CI: the list came back as
    cards, the theme's dark switch unset.  A reader's reload comes seconds
    after a click, not milliseconds.)"""
    session = page.context.new_cdp_session(page)
    session.send("Page.enable")
    script = session.send("Page.addScriptToEvaluateOnNewDocument", {"source": kept})
    page.reload()
    session.send("Page.removeScriptToEvaluateOnNewDocument", script)
    session.detach()


#: Where the header's parts stand: the stats line and the switch (their
#: vertical middles), the back link against the hub's left edge, and
#: against Furo's row of icons where there is one.
HEADER = """() => {
  const box = (selector) => {
    const element = document.querySelector(selector);
    return element ? element.getBoundingClientRect() : null;
  };
  const middle = (rect) => Math.round(rect.top + rect.height / 2);
  const stats = box('.hubs-stats'), viewas = box('.hubs-viewas');
  const back = box('.hubs-back a'), title = box('.hubs-hub');
  const icons = box('.content-icon-container');
  return {
    row: [middle(stats), middle(viewas)],
    back: [Math.round(back.left), Math.round(title.left)],
    icons: icons && icons.height ? [middle(back), icons.top, icons.bottom] : null,
  };
}"""

#: The hub's structure as the browser exposes it: per section, the level of
#: its heading, whether its cards are the items of one list, the levels of
#: the cards' titles; and the Related block's place and heading.
SEMANTICS = """() => {
  const level = (h) => h ? Number(h.tagName.slice(1)) : null;
  const sections = Array.from(document.querySelectorAll('.hubs-page .hubs-section'));
  return {
    sections: sections.map((section) => {
      const list = section.querySelector(':scope > .hubs-grid > ul');
      const cards = section.querySelectorAll('.hubs-card');
      return {
        heading: level(section.querySelector(':scope > h1, :scope > h2, :scope > h3')),
        listed: !!list && list.children.length === cards.length &&
          Array.from(list.children).every((item) => item.tagName === 'LI' &&
            item.querySelectorAll('.hubs-card').length === 1),
        titles: Array.from(new Set(Array.from(cards,
          (card) => level(card.querySelector('.hubs-card-title'))))),
      };
    }),
  };
}"""


def _settle(page) -> None:
    """Wait for the page's load, and for two frames drawn after it."""
    page.wait_for_load_state("load")
    page.evaluate(
        "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


#: axe-core's rules that look at colours: all that differs between the
#: views' and the modes' looks of the same markup.
COLOUR_RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
}


def _axe_run(page, rules: dict) -> dict:
    return page.evaluate(
        """async (rules) => await axe.run(
            {include: [['.hubs-back'], ['.hubs-page'], ['.hubs-related']]},
            {resultTypes: ['violations'], ...rules})""",
        rules,
    )


@pytest.fixture(scope="module")
def looked_at(browser, sites):
    """``looked_at(theme, mode)``: the page and what a reader's browser
    shows of the demo hub in *theme* and colour *mode*, looked at once for
    all the tests that read it: what moves as it loads, with the hub's own
    view and with the list saved; the outlines' contrast; axe-core's
    findings in both views; and, in light mode only (the modes differ in
    colours alone), the layout at 1280, 390 and 320 px, the list's height,
    the theme's own dark switch and reading a card.  (Under pytest-xdist
    a theme's tests run on one worker: tests/conftest.py, shared_build.)"""
    looked: dict[tuple[str, str], tuple[Any, dict]] = {}

    def look(theme: str, mode: str) -> tuple[Any, dict]:
        if (theme, mode) in looked:
            return looked[theme, mode]
        light = mode == "light"
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=mode
        )
        context.add_init_script(WATCH)
        # the theme's web fonts, which move text as they arrive, are not
        # what is measured
        context.route(re.compile(r".*\.(woff2?|ttf|otf)(\?.*)?$"), lambda r: r.abort())
        page = context.new_page()
        page.goto((sites(theme) / f"{HUB}.html").as_uri())
        _settle(page)
        view: dict = {
            "moved": {"cards": page.evaluate(MOVED)},
            "card colours": page.eval_on_selector(".hubs-card", COLOURS),
            "outlines": page.evaluate(OUTLINES),
            "axe": None,
        }
        _screenshot(page, f"{theme}-{mode}")
        _screenshot(page, f"{theme}-{mode}-graph", ".hubs-related .hubs-graph")
        view["height"] = {"cards": page.evaluate(SECTIONS_HEIGHT)}
        view["semantics"] = page.evaluate(SEMANTICS)
        if light:
            desktop_graph = _the_graph(page)
            view["header"] = page.evaluate(HEADER)
            view["desktop"] = tops(page, "#sub-maps .hubs-card")
            page.set_viewport_size({"width": 390, "height": 844})
            # the top of the page (the graph's screenshot scrolled to it),
            # once the theme's sidebars have slid away
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_function(
                "document.getAnimations().every(a => a.playState !== 'running')"
            )
            _screenshot(page, f"{theme}-phone")
            view["phone"] = tops(page, "#sub-maps .hubs-card")
            view["first card"] = page.evaluate(
                "document.querySelector('.hubs-card').getBoundingClientRect().top"
                " + window.scrollY"
            )
            page.set_viewport_size({"width": 320, "height": 700})
            view["overflow at 320"] = page.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            page.set_viewport_size({"width": 1280, "height": 900})
        axe = _axe()
        if axe is not None:
            page.add_script_tag(url=axe.as_uri())
            # every rule once, in the light cards view; the colour rules in
            # the dark mode's two views
            view["axe"] = {"cards": _axe_run(page, {} if light else COLOUR_RULES)}
            if not light:
                page.click("button[data-hubs-view=list]")
                view["axe"]["list"] = _axe_run(page, COLOUR_RULES)
        # the list, saved by the reader on an earlier visit (in dark mode:
        # chosen with the switch, which this reload also checks)
        if light:
            _come_back(page, saved_view("list"))
        else:
            clicked = _click_views(page)
            _come_back(page, saved_view(clicked["kept"]))
        _settle(page)
        view["moved"]["list"] = page.evaluate(MOVED)
        view["height"]["list"] = page.evaluate(SECTIONS_HEIGHT)
        if light:
            _screenshot(page, f"{theme}-list")
            if theme in SWITCHES:
                # the reader's system says light, the theme's own switch dark
                _come_back(page, saved_view("cards") + SWITCHES[theme])
                view["switched to dark"] = page.eval_on_selector(".hubs-card", COLOURS)
            else:
                page.click("button[data-hubs-view=cards]")
            view["reading"] = _read_a_card(page)
            view["graph"] = {
                1280: desktop_graph,
                **_use_the_graph(page, sites(theme) / f"{HUB}.html"),
            }
        else:
            view["switching"] = _switch_views(page, clicked)
            view["filtering"] = _filter_all_notes(page)
            view["without javascript"] = _without_javascript(page)
        looked[theme, mode] = page, view
        return page, view

    yield look
    for page, _ in looked.values():
        page.context.close()


def _screenshot(page, name: str, element: str = "") -> None:
    """With ``HUBS_SCREENSHOTS`` set, the screen as the reader sees it (or
    the *element* it shows), for the docs (``nox -s screenshots``)."""
    shots = os.environ.get("HUBS_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        target = page.locator(element).first if element else page
        target.screenshot(path=Path(shots) / f"{name}.jpg", type="jpeg", quality=55)


def _current(page) -> str:
    classes = page.get_attribute(".hubs-page", "class").split()
    return "list" if "hubs-view-list" in classes else "cards"


def _click_views(page) -> dict:
    """The view switch used with the mouse: Cards, then List; the view
    after it, and what the browser keeps of it."""
    page.click("button[data-hubs-view=cards]")
    steps: dict = {"visible": page.locator(".hubs-viewas").is_visible()}
    page.click("button[data-hubs-view=list]")
    steps["clicked"] = (
        _current(page),
        page.get_attribute("button[data-hubs-view=list]", "aria-pressed"),
        tops(page, "#sub-maps .hubs-card")[:2],
    )
    steps["kept"] = page.evaluate(f"localStorage.getItem('{VIEW_KEY}')")
    return steps


def _switch_views(page, clicked: dict) -> dict:
    """What the switch remembers, after :func:`_click_views` and a reload,
    and on another hub of the site; there, the switch used with the
    keyboard: the view after each step."""
    steps = {**clicked, "reloaded": _current(page)}
    page.goto(page.url.replace("compute-budget.html", "maps/overthinking.html"))
    steps["another hub"] = _current(page)
    keys = []
    page.focus("button[data-hubs-view=list]")
    page.keyboard.press("Shift+Tab")
    keys.append(page.evaluate("document.activeElement.dataset.hubsView"))
    for key in ("Enter", "Tab Space", "Shift+Tab Space"):
        for press in key.split():
            page.keyboard.press(press)
        keys.append(_current(page))
    steps["keys"] = keys
    return steps


def _without_javascript(page) -> dict:
    """The all-notes page (where :func:`_filter_all_notes` left the page)
    and the hub again with scripts off: every entry and every card shown,
    no filter box, no view switch."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.reload()
    seen = {
        "entries": page.locator(".hubs-index dt").count(),
        "entries shown": _shown(page),
        "filter": page.locator(".hubs-index-filter").is_visible(),
    }
    page.goto(page.url.replace("all-notes.html", "compute-budget.html"))
    cards = page.locator(".hubs-card")
    seen["cards"] = cards.count()
    seen["visible"] = sum(cards.nth(i).is_visible() for i in range(cards.count()))
    seen["switch"] = page.locator(".hubs-viewas").is_visible()
    session.send("Emulation.setScriptExecutionDisabled", {"value": False})
    return seen


def _shown(page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.hubs-index dt'))"
        ".filter(dt => dt.offsetParent !== null).length"
    )


def _filter_all_notes(page) -> dict:
    """The all-notes page's filter, used with the keyboard: the entries
    shown, the groups left, what it announces, as words are typed."""
    page.goto(page.url.split("garden/")[0] + "garden/all-notes.html")
    page.wait_for_load_state("load")
    seen: dict = {"all": _shown(page)}
    page.focus(".hubs-index-jump a")
    page.keyboard.press("Shift+Tab")
    seen["focused"] = page.evaluate("document.activeElement.id")
    page.keyboard.type("thought work")
    seen["matches"] = page.evaluate(
        "Array.from(document.querySelectorAll('.hubs-index dt'))"
        ".filter(dt => dt.offsetParent !== null).map(dt => dt.querySelector('a')"
        ".textContent)"
    )
    seen["groups"] = page.evaluate(
        "Array.from(document.querySelectorAll('.hubs-index-heading'))"
        ".filter(h => h.offsetParent !== null).map(h => h.textContent)"
    )
    seen["status"] = page.inner_text(".hubs-index-shown")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    seen["cleared"] = _shown(page)
    return seen


def _read_a_card(page) -> dict:
    """What a reader meets using a card: the back link's arrow; hover; the
    keyboard path through a card; a click anywhere on a card; where
    "Explore related" lands."""
    seen: dict = {
        "arrow": page.evaluate(
            "getComputedStyle(document.querySelector('.hubs-back a'), '::before')"
            ".content"
        )
    }
    card = page.locator(".hubs-card:has(.hubs-explore)").first
    border = "el => getComputedStyle(el).borderTopColor"
    page.mouse.move(0, 0)
    resting = card.evaluate(border)
    card.hover()
    seen["hover"] = (resting, card.evaluate(border))
    card.locator(".hubs-card-link").focus()
    path = []
    for _ in range(2):
        page.keyboard.press("Tab")
        path.append(page.evaluate("document.activeElement.className"))
    seen["tab path"] = path
    # a click on the description, away from any link, follows the title's
    read = card.locator(".hubs-read").get_attribute("href")
    explore = card.locator(".hubs-explore").get_attribute("href")
    box = card.locator(".hubs-card-description").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    seen["clicked"] = (page.url, read)
    # on the note's page: where its own "Explore related" link leads
    page.goto(page.url.split("#")[0] + "#" + explore.split("#")[1])
    seen["landed"] = page.evaluate(
        """() => {
          const target = document.querySelector(':target');
          if (!target) return null;
          const style = getComputedStyle(target);
          const box = target.getBoundingClientRect();
          return {classes: target.className, outline: style.outlineStyle,
                  top: box.top, height: innerHeight};
        }"""
    )
    return seen


#: The hub's local graph, as a reader's browser shows it.
GRAPH = ".hubs-related .hubs-graph"
#: Every node of it (or, given ``"focused"``, the focused one, or null):
#: its name, whether it is in view inside the drawing's box and the window
#: and how far from the box's middle, its label's size in CSS pixels, and
#: the opacity of its link and the width of its circle's outline as drawn
#: now.
GRAPH_NODES = """(box, which = 'all') => {
  const own = box.querySelector('.hubs-graph-drawing').getBoundingClientRect();
  const nodes = [...box.querySelectorAll('a.hubs-graph-node')];
  const described = (node) => {
    const dot = node.querySelector('circle').getBoundingClientRect();
    const label = node.querySelector('text');
    const ctm = label.getScreenCTM();  // rotated: a = cos, b = sin (scaled)
    const scale = Math.hypot(ctm.a, ctm.b);
    return {
      name: node.getAttribute('aria-label'),
      focused: node === document.activeElement,
      inView: dot.left >= own.left && dot.right <= own.right
              && dot.left >= 0 && dot.right <= innerWidth,
      px: parseFloat(getComputedStyle(label).fontSize) * scale,
      opacity: getComputedStyle(node).opacity,
      ring: getComputedStyle(node.querySelector('circle')).strokeWidth,
      current: node.getAttribute('aria-current'),
      fromMiddle: (dot.left + dot.right - own.left - own.right) / 2,
    };
  };
  if (which === 'focused') {
    const focused = nodes.find((node) => node === document.activeElement);
    return focused ? described(focused) : null;
  }
  return nodes.map(described);
}"""


def _the_graph(page) -> dict:
    """The hub's local graph as drawn now: its nodes (:data:`GRAPH_NODES`)
    and how wide its drawing is against its box and the page."""
    drawing = page.locator(GRAPH).first
    sizes = drawing.evaluate(
        """box => { const d = box.querySelector('.hubs-graph-drawing');
                    return [d.scrollWidth, d.clientWidth,
                            document.documentElement.scrollWidth
                            - document.documentElement.clientWidth]; }"""
    )
    return {"nodes": drawing.evaluate(GRAPH_NODES), "sizes": sizes}


def _use_the_graph(page, hub: Path) -> dict:
    """The hub's local graph on a phone (the page loaded at its width):
    each node's label size and look, how the drawing scrolls in its box and
    whether the page it is on starts in view; then Tab through every node
    (the ring of the focused one, and whether the box scrolls it into
    view), and Enter on the last follows its link."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(hub.as_uri())
    _settle(page)
    seen: dict = {390: _the_graph(page)}
    # the keyboard, on the phone: from the first node to the last
    nodes = page.locator(f"{GRAPH} a.hubs-graph-node")
    nodes.first.focus()
    walked = []
    for number in range(nodes.count()):
        if number:
            page.keyboard.press("Tab")
        walked.append(page.locator(GRAPH).first.evaluate(GRAPH_NODES, "focused"))
    seen["walked"] = walked
    href = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    seen["followed"] = (page.url, hub.parent.joinpath(href).resolve().as_uri())
    page.set_viewport_size({"width": 1280, "height": 900})
    return seen


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
def test_grid_then_one_column(seen, theme):
    view = seen(theme, "light")
    first = view["desktop"]
    assert first[0] == first[1], "two cards side by side on a desktop"
    assert first[2] > first[0]
    first = view["phone"]
    assert first[0] < first[1] < first[2], "one column on a phone"


@params
@modes
def test_nothing_moves_as_the_page_loads(seen, theme, mode):
    """With the hub's own view and with the list saved by the reader: no
    layout shift of ours, and no part of the hub ever drawn elsewhere than
    where it ends up (the switch, the sections and the cards stand where
    they will be from the first frame)."""
    for name, moved in seen(theme, mode)["moved"].items():
        assert moved["frames"] > 0, name
        assert moved["shift"] == 0, (name, moved)
        assert moved["moved"] == 0, (name, moved)


#: Changes made to the hub two frames after the page is parsed: the
#: theme's scripts narrowing it (not ours), and its cards moved by two
#: different steps (ours).
LATE_CHANGES = {
    "narrowed": "document.querySelector('.hubs-page').style.maxWidth = '600px';",
    "moved": "const cards = document.querySelectorAll('.hubs-card');"
    " cards[0].style.marginTop = '40px'; cards[3].style.marginTop = '90px';",
}


#: Watch the hub again for two frames, make a change, and watch two more.
WATCHED_CHANGE = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  window.__hubs.stop = false;
  window.__hubs.watch();
  await frame(); await frame();
  %s
  await frame(); await frame();
}"""


def test_what_moves_is_told_from_what_the_theme_resizes(browser, sites):
    """The measure of :func:`test_nothing_moves_as_the_page_loads` finds
    cards of the hub moved once it is drawn, and leaves out the shift of a
    theme's script giving the hub another width.  (The change is made from
    a watched frame, not at a point of the page's loading: how many frames
    are drawn before the load is not the same from run to run.)"""
    found = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    try:
        for name, change in LATE_CHANGES.items():
            page = context.new_page()
            page.goto((sites("alabaster") / f"{HUB}.html").as_uri())
            _settle(page)
            page.evaluate(WATCHED_CHANGE % change)
            found[name] = page.evaluate(MOVED)
    finally:
        context.close()
    assert found["narrowed"]["shift"] == 0, found
    assert found["moved"]["shift"] > 0, found
    assert found["moved"]["moved"] > 0, found


@params
@modes
def test_outlines_stand_out_from_the_page(seen, theme, mode):
    """WCAG 1.4.11: the outline of a card and of a view button is at least
    3:1 against the page."""
    outlines = seen(theme, mode)["outlines"]
    assert outlines["card"] >= 3, outlines
    assert outlines["switch"] >= 3, outlines


@params
@modes
def test_the_list_is_compact(seen, theme, mode):
    """At 1280 px the list takes at most half the height of the cards."""
    height = seen(theme, mode)["height"]
    assert height["list"] <= height["cards"] / 2, height


@params
def test_the_header_lines_up(seen, theme):
    """At 1280 px the stats line and the view switch share a row; the back
    link starts where the hub's text does, and in Furo stands on the row of
    the theme's icons."""
    header = seen(theme, "light")["header"]
    stats, switch = header["row"]
    assert abs(stats - switch) <= 4, header
    back, title = header["back"]
    assert abs(back - title) <= 4, header
    if theme == "furo":
        middle, top, bottom = header["icons"]
        assert top <= middle <= bottom, header


@params
@modes
def test_cards_are_lists_of_headed_items(seen, theme, mode):
    """In the browser, as assistive technology meets them: each section's
    cards are the items of one list, each card's title a heading one level
    below its section's."""
    sections = seen(theme, mode)["semantics"]["sections"]
    assert len(sections) == 4
    for section in sections:
        assert section["listed"], section
        assert section["titles"] == [section["heading"] + 1], section


@params
def test_narrow_screens(seen, theme):
    """No sideways scrolling at 320 px; at 390 x 844 the first card starts
    on the first screen."""
    view = seen(theme, "light")
    assert view["overflow at 320"] <= 0
    assert view["first card"] < 844


@params
def test_a_card_is_one_link_with_two_of_its_own(seen, theme):
    """The whole card follows its title's link; "Explore related" and "Read
    →" stay links of their own, next on the keyboard; the card reacts to the
    pointer; the back link's arrow is drawn (hidden from screen readers);
    "Explore related" lands on the Related block, marked."""
    reading = seen(theme, "light")["reading"]
    assert reading["arrow"].startswith('"\u2190'), reading["arrow"]
    assert reading["arrow"].endswith('/ ""'), reading["arrow"]
    resting, hovered = reading["hover"]
    assert resting != hovered
    assert [classes.split()[0] for classes in reading["tab path"]] == [
        "hubs-explore",
        "hubs-read",
    ]
    url, read = reading["clicked"]
    assert url.endswith("/garden/" + read), (url, read)
    landed = reading["landed"]
    assert landed is not None
    assert "hubs-related" in landed["classes"].split()
    assert landed["outline"] == "solid"


@params
def test_a_graph_with_the_keyboard_and_on_a_phone(seen, theme):
    """Every node of the hub's local graph is reached with Tab, in order,
    ringed when focused and scrolled into view on a phone; Enter follows
    it.  Its labels are at least 10 px on a desktop and a phone (where the
    drawing scrolls sideways in its own box, never the page, and starts
    with the hub in view); notes are drawn as fully as hubs."""
    graph = seen(theme, "light")["graph"]
    desktop, phone = graph[1280], graph[390]
    names = [node["name"] for node in desktop["nodes"]]
    assert len(names) > 5, names
    for nodes in (desktop["nodes"], phone["nodes"]):
        assert min(node["px"] for node in nodes) >= 10, nodes
        assert {node["opacity"] for node in nodes} == {"1"}
        assert [node["name"] for node in nodes] == names
    scroll_width, client_width, page_overflow = phone["sizes"]
    assert scroll_width > client_width, "the drawing scrolls in its box"
    assert page_overflow <= 0, "the page does not scroll sideways"
    current = next(node for node in phone["nodes"] if node["current"] == "page")
    assert abs(current["fromMiddle"]) <= 4, current
    assert desktop["sizes"][0] <= desktop["sizes"][1], "all of it on a desktop"
    walked = graph["walked"]
    assert [node and node["name"] for node in walked] == names
    for node in walked:
        assert node["inView"], node
        assert float(node["ring"].removesuffix("px")) >= 3, node
    assert graph["followed"][0] == graph["followed"][1]


@params
def test_view_switch_mouse_keyboard_and_memory(seen, theme):
    steps = seen(theme, "dark")["switching"]
    assert steps["visible"]
    view, pressed, stacked = steps["clicked"]
    assert (view, pressed) == ("list", "true")
    assert stacked[0] < stacked[1]
    assert steps["kept"] == "list"
    # the choice holds after a reload, and on every hub of the site
    assert steps["reloaded"] == steps["another hub"] == "list"
    # Shift+Tab from List reaches Cards; Enter and Space press the buttons
    assert steps["keys"] == ["cards", "cards", "list", "cards"]


@pytest.mark.parametrize("theme", list(SWITCHES))
def test_theme_dark_switch_is_honoured(seen, theme):
    """The reader's system says light, the theme's own switch says dark."""
    view = seen(theme, "light")
    assert view["card colours"] != view["switched to dark"]


@params
def test_every_card_visible_without_javascript(seen, theme):
    shown = seen(theme, "dark")["without javascript"]
    assert shown["entries"] > 20
    assert shown == {
        "cards": 23,
        "visible": 23,
        "switch": False,
        "entries": shown["entries"],
        "entries shown": shown["entries"],
        "filter": False,
    }


@params
def test_the_all_notes_filter(seen, theme):
    """Typed words keep the entries that hold them all, and the groups that
    keep an entry; the count is announced; clearing shows every entry."""
    filtering = seen(theme, "dark")["filtering"]
    assert filtering["focused"] == "hubs-index-query"
    assert filtering["matches"] == [
        "What makes chain-of-thought reasoning actually work?",
        "What makes chain-of-thought reasoning actually work?",
    ]
    assert filtering["groups"] == ["Hubs"]
    assert filtering["status"] == "Shown: 2"
    assert filtering["cleared"] == filtering["all"] > 20


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
