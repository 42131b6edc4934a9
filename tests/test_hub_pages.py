"""Hub pages as readers see them (MyST and reStructuredText)."""

from __future__ import annotations

import pytest
from conftest import ROOTS, build_copy, heading, text_of, write_project

import sphinxext_hubs


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    """One build of the basic project, read by the tests that do not change
    it."""
    return build_copy(ROOTS / "test-basic", tmp_path_factory.mktemp("basic"))


def test_setup_declares_parallel_safety_and_env_version(make_app, tmp_path):
    (tmp_path / "conf.py").write_text("")
    (tmp_path / "index.rst").write_text("Title\n=====\n")
    app = make_app("html", srcdir=tmp_path)
    metadata = sphinxext_hubs.setup(app)
    assert metadata["version"] == sphinxext_hubs.__version__
    assert metadata["env_version"] == sphinxext_hubs.ENV_VERSION
    assert metadata["parallel_read_safe"] is True
    assert metadata["parallel_write_safe"] is True
    # sphinx-design is loaded by the project, not by us (assets.py)
    assert "sphinx_design" not in app.extensions


def test_hub_header(basic):
    built = basic
    page = built.html("hub")
    back = page.select_one(".hubs-back")
    # (the arrow is the link's own, drawn by the CSS: test_themes.py)
    assert text_of(back) == "All notes"
    assert back.a["href"] == "notes-index.html"
    assert "hubs-back-link" in back.a["class"]
    # the back link comes before the hub title, as on the seed page
    assert back.find_next("h1").get_text().startswith("Garden hub")
    header = page.select_one(".hubs-hub")
    description = header.select_one(".hubs-description")
    assert text_of(description) == "A hub about gardens and what grows in them."
    assert description.em.get_text() == "gardens"
    # external links and a note shown twice are not counted twice
    assert text_of(header.select_one(".hubs-stats")) == (
        "Topic Hub · 4 linked notes · 2 sections"
    )
    switch = header.select_one(".hubs-viewas")
    assert switch["role"] == "group"
    assert text_of(switch.select_one(".hubs-viewas-label")) == "View as"
    buttons = switch.select("button.hubs-viewas-option")
    assert [(b["data-hubs-view"], b["aria-pressed"]) for b in buttons] == [
        ("cards", "true"),
        ("list", "false"),
    ]
    assert "hubs-view-cards" in page.select_one("section.hubs-page")["class"]
    assert not built.warnings


def test_a_sub_map_links_back_to_its_map(basic):
    """The sub hub is on one hub, the garden hub, which it shows too (a card
    back to its map): the garden hub, which links to more pages, is the
    one above; the garden hub links to the all-notes page."""
    back = basic.html("sub/subhub").select_one(".hubs-back")
    assert text_of(back) == "Garden hub"
    assert back.a["href"] == "../hub.html"
    assert "hubs-back-hub" in back["class"]
    assert basic.html("hub").select_one(".hubs-back").a["href"] == "notes-index.html"


def test_singular_forms_and_list_view(basic):
    page = basic.html("tiny")
    assert text_of(page.select_one(".hubs-stats")) == (
        "Reading list · 1 linked note · 1 section"
    )
    assert text_of(page.select_one(".hubs-section-count")) == "1 note"
    assert text_of(page.select_one(".hubs-description")) == "One note only."
    assert "hubs-view-list" in page.select_one(".hubs-hub")["class"]
    pressed = page.select_one('.hubs-viewas-option[aria-pressed="true"]')
    assert pressed["data-hubs-view"] == "list"


def test_sections_are_headings_in_the_toc(basic):
    page = basic.html("hub")
    sections = page.select("section.hubs-section")
    assert [s["id"] for s in sections] == ["first-things", "elsewhere"]
    # one level below the hub title
    assert [heading(s.find("h2")) for s in sections] == [
        "First things",
        "Elsewhere",
    ]
    toc = page.select_one("div.sphinxsidebar")
    toc_links = [a["href"] for a in toc.select("a")]
    assert "#first-things" in toc_links
    assert "#elsewhere" in toc_links
    # each section's count beside its heading (not in the contents)
    counts = [text_of(s.select_one("h2 > .hubs-section-count")) for s in sections]
    assert counts == ["3 notes", "3 notes"]
    assert not [a for a in toc.select("a") if "notes" in text_of(a)]
    # heading, then intro, then the grid
    first = sections[0]
    intro = first.find("h2").find_next_sibling("p")
    assert text_of(intro) == "Intro text for the first section."
    assert intro.find_next_sibling(class_="hubs-grid") is not None
    row_classes = sections[1].select_one(".hubs-grid .sd-row")["class"]
    assert "sd-row-cols-lg-3" in row_classes
    assert "sd-row-cols-1" in row_classes
    assert "sd-row-cols-lg-2" in first.select_one(".hubs-grid .sd-row")["class"]


def test_cards_are_a_list_of_headed_items(basic):
    """Each section's cards are a list; each card's title is a heading one
    level below the section's, kept out of the page's contents; the card
    shows its kind (a hub's card, its count too), and its whole
    description, clamped by the CSS."""
    page = basic.html("hub")
    toc = [text_of(a) for a in page.select("div.sphinxsidebar a")]
    for section in page.select("section.hubs-section"):
        assert section.find("h2") is not None
        lists = section.select(".hubs-grid > ul.hubs-card-list")
        assert len(lists) == 1
        items = lists[0].find_all("li", recursive=False)
        assert [len(item.select(".hubs-card")) for item in items] == [1] * len(items)
        for item in items:
            title = item.select_one(".hubs-card-title")
            assert title.name == "h3"
            assert text_of(title) not in toc
            assert item.select_one(".hubs-card-meta .hubs-badge") is not None
        assert "hubs-lines-3" in section.select_one(".hubs-grid")["class"]
    sub = page.select_one(".hubs-card-hub")
    assert text_of(sub.select_one(".hubs-badge")) == "Sub-Map"
    assert text_of(sub.select_one(".hubs-card-count")) == "2 notes"
    external = page.select_one(".hubs-card-external")
    assert text_of(external.select_one(".hubs-badge-link")) == "Link"
    # on an ordinary page, a card's title is a heading below the page's
    standalone = basic.html("standalone").select_one(".hubs-card-standalone")
    assert standalone.select_one(".hubs-card-title").name == "h2"
    # the description is whole in the page (the CSS shows three lines)
    beta = page.select(".hubs-card")[1]
    assert text_of(beta.select_one(".hubs-card-description")) == BETA_EXCERPT


@pytest.mark.parametrize(("lines", "shown"), [(5, 5), (0, 0), (11, 3)])
def test_description_lines_are_configurable(build, lines, shown):
    built = build("basic", hubs_card_lines=lines)
    grids = built.html("hub").select(".hubs-grid")
    assert all(f"hubs-lines-{shown}" in grid["class"] for grid in grids)
    if lines == 11:  # out of range: warned about, the default used
        assert "hubs_card_lines must be between 0 and 10" in built.warnings


BETA_EXCERPT = (
    "Beta has no description in its front matter, so its cards show this first "
    "paragraph instead, cut on a word boundary once it grows longer than the "
    "excerpt limit of two hundred and eighty characters, which this sentence "
    "does on purpose by going on about soil, compost, mulch…"
)


def _cards(section):
    result = []
    for card in section.select(".hubs-card"):
        title = card.select_one(".hubs-card-title a")
        description = card.select_one(".hubs-card-description")
        result.append(
            (
                text_of(title),
                title["href"],
                text_of(description) if description else "",
            )
        )
    return result


def test_cards_show_title_description_and_links(basic):
    page = basic.html("hub")
    first, second = page.select("section.hubs-section")
    assert _cards(first) == [
        (
            "Alpha note",
            "notes/alpha.html",
            "Alpha is the first note, with a short description.",
        ),
        # no description: notes/beta.md's first paragraph, cut after its
        # last word that ends within 280 characters
        ("Beta, shorter", "notes/beta.html", BETA_EXCERPT),
        ("Gamma note", "notes/gamma.html", "An override description for gamma."),
    ]
    assert _cards(second) == [
        ("Example site", "https://example.org/page", "A page outside the project."),
        (
            "Alpha note",
            "notes/alpha.html",
            "Alpha is the first note, with a short description.",
        ),
        # a hub's card shows the hub's description
        ("Sub hub", "sub/subhub.html", "A smaller map inside the garden."),
    ]
    alpha = first.select_one(".hubs-card")
    explore = alpha.select_one("a.hubs-explore")
    read = alpha.select_one("a.hubs-read")
    assert text_of(explore) == "Explore related"
    assert explore["href"] == "notes/alpha.html#hubs-related"
    assert text_of(read) == "Read →"
    assert read["href"] == "notes/alpha.html"
    assert "hubs-card-hub" in second.select(".hubs-card")[2]["class"]
    external = second.select_one(".hubs-card-external")
    assert external.select_one("a.hubs-explore") is None
    assert external.select_one("a.hubs-read")["href"] == "https://example.org/page"


def test_links_have_distinct_accessible_names(basic):
    page = basic.html("hub")
    names = [a.get("aria-label") or text_of(a) for a in page.select(".hubs-card a")]
    assert "Read: Alpha note" in names
    assert "Explore related: Beta, shorter" in names
    assert "Read: Example site" in names
    links = [
        (a.get("aria-label") or text_of(a), a["href"])
        for a in page.select("section.hubs-section")[0].select(".hubs-card a")
    ]
    # one section: every name is different, and says where it goes
    assert len({name for name, _ in links}) == len(links)


def test_description_excerpt_fallback(basic):
    built = basic
    page = built.html("hub")
    beta = page.select("section.hubs-section")[0].select(".hubs-card")[1]
    shown = text_of(beta.select_one(".hubs-card-description"))
    source = (built.srcdir / "notes/beta.md").read_text().split("\n\n")[1]
    source = " ".join(source.split())
    assert shown.endswith("…")
    assert len(shown) <= 281
    assert source.startswith(shown[:-1])
    # cut on a word boundary
    assert source[len(shown) - 1] in " ,"


def test_excerpt_length_is_configurable(build):
    page = build("basic", hubs_excerpt_chars=40).html("hub")
    beta = page.select("section.hubs-section")[0].select(".hubs-card")[1]
    assert text_of(beta.select_one(".hubs-card-description")) == (
        "Beta has no description in its front…"
    )


def test_related_block(basic):
    built = basic
    alpha = built.html("notes/alpha")
    # a titled region of the page, after its sections, one level below
    # its title, with its own headings one level below that
    block = alpha.select_one("section.hubs-related")
    assert block["id"] == "hubs-related"
    assert heading(block.find("h2")) == "Related"
    assert [text_of(h) for h in block.select("h3.hubs-related-heading")] == [
        "Appears in",
        "Related notes",
        "Linked from",
        "Graph",
    ]
    assert block.find_parent("section") is alpha.select_one("h1").parent
    appears = [(text_of(a), a["href"]) for a in block.select(".hubs-appears-in a")]
    assert appears == [("Garden hub", "../hub.html")]
    related = [(text_of(a), a["href"]) for a in block.select(".hubs-related-notes a")]
    assert related == [("Beta note", "beta.html"), ("Delta note", "delta.html")]
    # each with its description
    assert [text_of(li) for li in block.select(".hubs-related-notes li")] == [
        "Beta note — " + BETA_EXCERPT,
        "Delta note — Delta is in no hub but has related notes.",
    ]
    # the page that shows it on a standalone card links to it
    assert [text_of(a) for a in block.select(".hubs-linked-from a")] == [
        "A normal page"
    ]
    # a note in no hub but with related: notes (root-relative path) has a block
    delta = built.html("notes/delta").select_one(".hubs-related")
    assert [text_of(a) for a in delta.select(".hubs-related-notes a")] == ["Alpha note"]
    assert delta.select_one(".hubs-appears-in") is None
    # nothing to list: no block
    assert built.html("standalone").select_one(".hubs-related") is None
    # a hub shown on another hub lists it -- unless it shows that hub as a
    # card itself (the block never repeats the page's cards): then its block
    # holds its local graph only
    for name in ("hub", "sub/subhub"):
        block = built.html(name).select_one(".hubs-related")
        assert block.select(".hubs-related-heading") == block.select("h3"), name
        assert [text_of(h) for h in block.select("h3")] == ["Graph"], name
        assert block.select_one("svg.hubs-graph-svg") is not None, name


def test_related_block_can_be_turned_off(build):
    built = build("basic", hubs_related_block=False)
    assert built.html("notes/alpha").select_one(".hubs-related") is None
    hub = built.html("hub")
    assert hub.select("a.hubs-explore") == []
    assert len(hub.select("a.hubs-read")) == 6


def test_all_notes_page(basic):
    """The hubs first, then the notes by first letter, each group under a
    heading that the bar at the top links to; each entry its title (a
    link), its kind and its description."""
    page = basic.html("notes-index")
    listing = page.select_one(".hubs-index")
    groups = {
        text_of(heading): [
            (text_of(dt.a), text_of(dt.find_next_sibling("dd")))
            for dt in heading.find_next_sibling("dl").find_all("dt")
        ]
        for heading in listing.select("h2.hubs-index-heading")
    }
    assert list(groups) == ["Hubs", "A", "B", "D", "G", "T"]
    jump = listing.select_one(".hubs-index-jump")
    assert [(text_of(a), a["href"]) for a in jump.select("a")] == [
        (key, f"#hubs-index-{key.lower()}") for key in groups
    ]
    for key, entries in groups.items():
        assert page.select_one(f"#hubs-index-{key.lower()}") is not None
        titles = [title for title, _ in entries]
        assert titles == sorted(titles, key=str.casefold)
        if key != "Hubs":
            assert all(title.startswith(key) for title in titles), titles
    assert [title for title, _ in groups["Hubs"]] == [
        "Garden hub",
        "Sub hub",
        "Tiny hub",
    ]
    entries = [entry for rows in groups.values() for entry in rows]
    assert "All notes" not in [title for title, _ in entries]
    assert ("Alpha note", "Alpha is the first note, with a short description.") in (
        entries
    )
    assert ("Sub hub", "A smaller map inside the garden.") in entries
    assert text_of(page.select_one(".hubs-stats")) == "6 notes · 3 hubs"
    assert all(
        "hubs-index-hub" in dt["class"] for dt in listing.select("dl")[0].select("dt")
    )
    badges = {
        text_of(dt.a): text_of(dt.select_one(".hubs-badge"))
        for dt in listing.select("dt")
        if dt.select_one(".hubs-badge")
    }
    assert badges["Alpha note"] == "Insight"
    assert badges["Sub hub"] == "Sub-Map"
    # the filter box, for scripts to work with
    box = listing.select_one(".hubs-index-filter input[type=search]")
    assert box["id"] == "hubs-index-query"
    assert text_of(listing.select_one("label[for=hubs-index-query]")) == "Filter"


def test_duplicate_titles_are_told_apart_on_the_all_notes_page(build, tmp_path):
    files = {
        "hub.md": "# Hub\n\n```{hub}\n```\n\n:::{section} S\n"
        "```{notecard} notes/a\n```\n:::\n",
        "other.md": "# Other\n\n```{hub}\n```\n\n:::{section} S\n"
        "```{notecard} notes/b\n```\n:::\n",
        "notes/a.md": "# Same title\n\nOne.\n",
        "notes/b.md": "# Same title\n\nTwo.\n",
        "notes/c.md": "# Same title\n\nThree.\n",
        "notes/d.md": "# Unique\n\nFour.\n",
    }
    built = build(None, src=write_project(tmp_path / "p", files))
    listing = built.html("notes-index").select_one(".hubs-index")
    # by a hub that shows one and not the others, else by document name
    same = [
        text_of(dt.select_one(".hubs-index-context"))
        for dt in listing.select("dt")
        if text_of(dt.a) == "Same title"
    ]
    assert same == ["in Hub", "in Other", "notes/c"]
    unique = [dt for dt in listing.select("dt") if text_of(dt.a) == "Unique"]
    assert unique[0].select_one(".hubs-index-context") is None


def test_standalone_card(basic):
    page = basic.html("standalone")
    alpha, index = page.select(".hubs-card.hubs-card-standalone")
    assert text_of(alpha.select_one(".hubs-card-title")) == "Alpha note"
    assert alpha.select_one("a.hubs-read")["href"] == "notes/alpha.html"
    assert alpha.select_one("a.hubs-explore")["href"] == "notes/alpha.html#hubs-related"
    # a page without a Related block gets no "Explore related" link
    assert text_of(index.select_one(".hubs-card-title")) == "Test garden"
    assert index.select_one("a.hubs-explore") is None
    assert index.select_one("a.hubs-read")["href"] == "index.html"


def test_front_matter_lists_are_decoded(basic):
    from sphinxext_hubs.data import HubsData

    built = basic
    notes = HubsData(built.app.env).notes
    assert notes["notes/alpha"].tags == ("seeds", "soil")
    assert notes["notes/alpha"].kind == "Insight"
    assert notes["notes/alpha"].related == ("notes/beta", "notes/delta")


def test_labels_can_be_overridden(build):
    built = build(
        "basic",
        hubs_labels={
            "Read →": "Continue",
            "{n} notes": "{n} cards",
            "All notes": "Index",
            "View as": "Show as",
        },
    )
    page = built.html("hub")
    assert text_of(page.select_one(".hubs-back")) == "Index"
    assert text_of(page.select_one("a.hubs-read")) == "Continue"
    assert text_of(page.select_one(".hubs-section-count")) == "3 cards"
    assert text_of(page.select_one(".hubs-viewas-label")) == "Show as"
    assert not built.warnings


def test_rst_hub(build):
    built = build("rst")
    page = built.html("hub")
    assert text_of(page.select_one(".hubs-stats")) == (
        "Field Guide · 2 linked notes · 2 sections"
    )
    assert page.select_one(".hubs-description em").get_text() == "reStructuredText"
    plants, animals = page.select("section.hubs-section")
    assert plants["id"] == "plants"
    assert _cards(plants) == [
        ("Fern", "notes/fern.html", "Ferns like shade."),
        ("Moss, briefly", "notes/moss.html", "Moss grows on stones."),
    ]
    assert text_of(plants.select_one(".hubs-section-count")) == "2 notes"
    assert text_of(animals.select_one(".hubs-section-count")) == "1 note"
    fern = built.html("notes/fern").select_one(".hubs-related")
    assert [text_of(a) for a in fern.select(".hubs-related-notes a")] == ["Moss"]
    from sphinxext_hubs.data import HubsData

    assert HubsData(built.app.env).notes["notes/fern"].tags == ("shade", "green")
    assert not built.warnings


def test_note_set_decides_the_all_notes_page(build):
    built = build("basic", hubs_notes=["notes/**"], hubs_exclude=["notes/delta"])
    listing = built.html("notes-index").select_one(".hubs-index")
    titles = [text_of(dt.a) for dt in listing.find_all("dt")]
    # every hub, then the notes under notes/ except delta
    assert titles == [
        "Garden hub",
        "Sub hub",
        "Tiny hub",
        "Alpha note",
        "Beta note",
        "Gamma note",
    ]
