"""Link previews: what the pages carry for them (HTML), and how they behave
in a browser -- on hover and keyboard focus, beside the link and never over
it, announced as the link's description, closed by Escape, still with
reduced motion, absent without JavaScript; off by configuration and where
the project previews links with another extension."""

from __future__ import annotations

import gzip

import pytest
from conftest import DOCS, build_project, copy_project

SCRIPT = "hubs-preview.js"
#: The {note}`TTL <ttl>` link of notes/stampede (not the theme's own links
#: to the same page).
NOTE_LINK = 'a.reference[href="ttl.html"][data-hubs-title]'


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(
        DOCS / "snippets/backlinks", tmp_path_factory.mktemp("previews") / "src"
    )


@pytest.fixture(scope="module")
def themed(project):
    """``themed(theme)``: the project built in *theme*, once for the module
    (its tests run on one worker: tests/conftest.py, shared_build)."""
    sites = {}

    def site(theme: str):
        if theme not in sites:
            sites[theme] = build_project(
                project, project.parent / theme, html_theme=theme
            )
        return sites[theme]

    return site


@pytest.fixture(scope="module")
def built(themed):
    return themed("alabaster")  # Sphinx's default


def _scripts(page) -> list[str]:
    return [
        s["src"].rsplit("/", 1)[-1].split("?")[0] for s in page.select("script[src]")
    ]


def test_links_carry_what_their_preview_shows(built):
    assert built.warnings == ""
    stampede = built.html("notes/stampede")
    link = stampede.select_one(NOTE_LINK)
    # {note}`TTL <ttl>`: its text is not the title, so the title comes along
    assert link["data-hubs-title"] == "Choosing a TTL"
    assert link["data-hubs-kind"] == "Note"
    assert link["title"].startswith("How long a cached value may live")
    related = built.html("notes/ttl").select(".hubs-related a.reference")
    assert {a.get_text(strip=True): a["data-hubs-kind"] for a in related} == {
        "How should we cache?": "Topic Hub",
        "Invalidation": "Note",
        "Cache stampedes": "Note",
    }
    assert not [a for a in related if a.has_attr("data-hubs-title")]


def test_the_script_is_on_the_pages_with_previews_only(built):
    for docname in ("caching", "notes/ttl", "notes/stampede", "index"):
        assert SCRIPT in _scripts(built.html(docname)), docname
    # no card, no Related block, no {note} link
    assert SCRIPT not in _scripts(built.html("notes/warming"))


def test_the_script_is_small(built):
    script = (built.outdir / "_static" / SCRIPT).read_bytes()
    assert len(gzip.compress(script)) <= 4096


@pytest.mark.parametrize(
    ("conf", "why"),
    [
        ({"hubs_previews": False}, "off"),
        (
            {"extensions": ["myst_parser", "sphinxext_hubs", "sphinx_tippy"]},
            "sphinx-tippy previews links itself",
        ),
    ],
)
def test_off(project, tmp_path, conf, why):
    built = build_project(project, tmp_path / "out", **conf)
    for docname in ("caching", "notes/ttl", "notes/stampede"):
        page = built.html(docname)
        assert SCRIPT not in _scripts(page), why
        assert not page.select("[data-hubs-kind]"), why


def test_no_script_in_an_epub(project, tmp_path):
    built = build_project(project, tmp_path / "epub", "epub")
    page = built.page("notes/ttl.xhtml")
    assert SCRIPT not in _scripts(page)
    assert not page.select("[data-hubs-kind]")


# -- in a browser --------------------------------------------------------------

BOX = "#hubs-preview"
OVERLAP = """([a, b]) => {
  const r = document.querySelector(a).getBoundingClientRect();
  const s = document.querySelector(b).getBoundingClientRect();
  return !(s.bottom <= r.top || s.top >= r.bottom
           || s.right <= r.left || s.left >= r.right);
}"""


def _open(browser, built, docname, **context):
    context = browser.new_context(**context)
    page = context.new_page()
    page.goto((built.outdir / f"{docname}.html").as_uri())
    page.wait_for_load_state("load")
    return context, page


def test_keyboard_focus_opens_it_escape_closes_it(built, browser):
    context, page = _open(browser, built, "notes/stampede")
    try:
        link = NOTE_LINK
        for _ in range(40):  # Tab to the link, as a keyboard user does
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", link):
                break
        box = page.locator(BOX)
        box.wait_for(state="visible")
        shown = box.inner_text()
        role = box.get_attribute("role")
        described = page.get_attribute(link, "aria-describedby")
        covers = page.evaluate(OVERLAP, [link, BOX])
        native = page.get_attribute(link, "title")
        page.keyboard.press("Escape")
        box.wait_for(state="hidden")
        after = page.get_attribute(link, "aria-describedby")
    finally:
        context.close()
    assert "Choosing a TTL" in shown
    assert "NOTE" in shown.upper()
    assert "How long a cached value may live" in shown
    assert role == "tooltip"
    assert described == "hubs-preview"
    assert not covers
    assert native is None  # no second, native tooltip while ours shows
    assert after is None


def test_hovering_a_card_title(built, browser):
    context, page = _open(browser, built, "caching")
    try:
        title = ".hubs-card-link[href='notes/ttl.html']"
        page.hover(title)
        box = page.locator(BOX)
        box.wait_for(state="visible")
        shown = box.inner_text()
        # beside the whole card, which the title's link covers
        covers = page.evaluate(OVERLAP, [".hubs-card:has(" + title + ")", BOX])
        page.mouse.move(0, 0)
        box.wait_for(state="hidden")
    finally:
        context.close()
    assert shown.startswith("Choosing a TTL")
    assert "How long a cached value may live" in shown
    assert not covers


def test_a_link_at_the_bottom_of_the_window_gets_it_above(built, browser):
    context, page = _open(
        browser, built, "notes/ttl", viewport={"width": 390, "height": 500}
    )
    try:
        link = ".hubs-linked-from a"
        page.evaluate(
            """(selector) => {
              const link = document.querySelector(selector);
              const top = link.getBoundingClientRect().top + window.scrollY;
              window.scrollTo(0, top - window.innerHeight + 40);
            }""",
            link,
        )
        page.hover(link)
        page.locator(BOX).wait_for(state="visible")
        above = page.evaluate(
            """([a, b]) => document.querySelector(b).getBoundingClientRect().bottom
                 <= document.querySelector(a).getBoundingClientRect().top""",
            [link, BOX],
        )
        inside = page.evaluate(
            "(b) => { const r = document.querySelector(b).getBoundingClientRect();"
            " return r.left >= 0 && r.right <= document.documentElement.clientWidth; }",
            BOX,
        )
        covers = page.evaluate(OVERLAP, [link, BOX])
    finally:
        context.close()
    assert above
    assert inside
    assert not covers


def test_reduced_motion(built, browser):
    context, page = _open(browser, built, "caching", reduced_motion="reduce")
    try:
        page.focus(".hubs-card-link")
        page.locator(BOX).wait_for(state="visible")
        animation = page.eval_on_selector(
            BOX, "box => getComputedStyle(box).animationName"
        )
    finally:
        context.close()
    assert animation == "none"


def test_nothing_without_javascript(built, browser):
    context, page = _open(browser, built, "notes/stampede", java_script_enabled=False)
    try:
        page.hover(NOTE_LINK)
        page.focus(NOTE_LINK)
        # no script runs on this page: nothing can add a box later
        boxes = page.locator(BOX).count()
        native = page.get_attribute(NOTE_LINK, "title")
    finally:
        context.close()
    assert boxes == 0
    # the browser's own tooltip still tells the description
    assert native.startswith("How long a cached value may live")


@pytest.mark.parametrize(
    ("theme", "scheme"),
    [("alabaster", "light"), ("furo", "light"), ("furo", "dark")],
)
def test_axe_finds_no_contrast_problem_in_the_box(themed, browser, theme, scheme):
    """Open, the box reads at 4.5:1 in the theme's light and dark mode."""
    from test_themes import _AXE_MISSING, _axe

    axe = _axe()
    if axe is None:
        pytest.skip(_AXE_MISSING)
    context, page = _open(browser, themed(theme), "notes/stampede", color_scheme=scheme)
    try:
        page.focus(NOTE_LINK)
        page.locator(BOX).wait_for(state="visible")
        page.add_script_tag(url=axe.as_uri())
        result = page.evaluate(
            """async () => await axe.run({include: [['#hubs-preview']]},
                 {runOnly: {type: 'rule', values: ['color-contrast']}})"""
        )
        passed = len(result["passes"][0]["nodes"]) if result["passes"] else 0
    finally:
        context.close()
    assert result["violations"] == []
    assert passed >= 2  # the title and the description were checked
