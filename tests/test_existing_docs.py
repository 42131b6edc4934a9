"""Nothing changes until a hub shows it.

Three documentation sets shaped like the ones users add hubs to -- a large
reStructuredText project without an all-notes page; a MyST project with
API pages from autodoc, fragments it includes, a "Related" heading of its
own, and the extensions such projects use (intersphinx, sphinx-copybutton,
sphinx-tippy, sphinxext-opengraph, sphinx-design); a small MyST component
library with badges and icons in its titles -- are built as they are, and
again with the extension and one page turned into a hub, both with ``-W``.
Page by page: the hub changes; a page the hub shows gains its Related block
and the stylesheet that draws it, nothing else; every other page is the
same, byte for byte; the all-notes page is added when the project has none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    ROOTS,
    build_project,
    copy_project,
    parse_html,
    text_of,
    write_inventory,
)

#: The edits that add hubs to each project: conf.py lines, and pages
#: rewritten (the page turned into a hub).
HUBS = {
    "rst": {
        "conf.py": 'extensions = ["sphinxext_hubs"]\n',
        "guides/index.rst": """.. _guides:

How-to guides
=============

.. hub::
   :kind: Guide map

   Step-by-step guides for everyday tasks.

.. toctree::
   :maxdepth: 1

   first-backup
   schedule
   restore-file
   restore-all
   legacy/restore-v1

.. section:: Back up
   :glob: first-backup schedule

.. section:: Restore
   :glob: restore-*
""",
    },
    "myst": {
        "conf.py": 'extensions.append("sphinxext_hubs")\n',
        "guide/index.md": """# User guide

:::{hub}
How to plan a build with Blueprint.
:::

```{toctree}
:maxdepth: 1

intro
plans
approvals
```

:::{section} Guides
:glob: /guide/*
:::

:::{section} Examples
:glob: /examples/garage /examples/house
:::
""",
    },
    "components": {
        "conf.py": 'extensions.append("sphinxext_hubs")\nhubs_index_docname = ""\n',
        "index.md": """# Components

[![Github-CI](https://img.shields.io/badge/ci-passing-green.svg)](https://ci.example.org)
[![Coverage Status](https://img.shields.io/badge/coverage-90-green.svg)](https://cov.example.org)

:::{hub}
Components for documentation pages.
:::

```{toctree}
:maxdepth: 1

components/badges
components/cards
components/grids
```

:::{section} Components
:glob: components/*
:::
""",
    },
}

#: The hub of each project, what its cards show (title: description), and
#: the all-notes page the extension adds ("" for none).
EXPECTED = {
    "rst": (
        "guides/index",
        {
            "Back up": [
                (
                    "Make your first backup",
                    "Run Install first, then back up one "
                    "folder with acme backup. See Restore one file to get files back.",
                ),
                ("Schedule backups", "Backups run every night once scheduled."),
            ],
            "Restore": [
                ("Restore everything", "All files come back in their place."),
                (
                    "Restore one file",
                    "Get one file back from the latest backup, as in How-to guides.",
                ),
            ],
        },
        "notes-index",
    ),
    "myst": (
        "guide/index",
        {
            "Guides": [
                ("Approvals", "Who signs a plan off, and when."),
                (
                    "Introduction",
                    "Blueprint turns a list of steps into a plan; see Plans.",
                ),
                ("Plans", "Plans keep their steps in order."),
            ],
            "Examples": [
                ("A garage", "A plan for a garage, in two views."),
                ("A house", "A plan for a house, step by step."),
            ],
        },
        "notes-index",
    ),
    "components": (
        "index",
        {
            "Components": [
                ("Badges, Buttons & Icons", "Badges mark a state: new."),
                ("Cards", "Cards hold a title, a body and a footer."),
                ("Grids", "Grids place items in columns that wrap on small screens."),
            ],
        },
        "",
    ),
}


def _build(name: str, workdir: Path, with_hubs: bool):
    src = copy_project(ROOTS / f"test-existing-{name}", workdir / "src")
    if name == "myst":
        write_inventory(
            src / "python.inv", b"list py:class 1 library/stdtypes.html#$ -\n"
        )
    if with_hubs:
        for path, text in HUBS[name].items():
            if path == "conf.py":
                text = (src / "conf.py").read_text() + text
            (src / path).write_text(text)
    return build_project(src, workdir / "build", app_options={"warningiserror": True})


@pytest.fixture(scope="module", params=list(HUBS))
def both(request, tmp_path_factory):
    """The project built as it is, and with hubs."""
    name = request.param
    before = _build(name, tmp_path_factory.mktemp(f"{name}-before"), False)
    after = _build(name, tmp_path_factory.mktemp(f"{name}-after"), True)
    return name, before, after


def _pages(built) -> dict[str, str]:
    return {
        str(path.relative_to(built.outdir)): path.read_text(encoding="utf-8")
        for path in built.outdir.rglob("*.html")
        if "_static" not in path.parts
    }


def _normalised(html: str) -> str:
    # sphinx-tippy names each page's data file with a new random id
    return re.sub(r"tippy/([\w/.-]+?)\.[0-9a-f-]{36}\.js", r"tippy/\1.js", html)


def _same(old: str, new: str) -> bool:
    """The same page, but for the blank lines a removed element leaves."""
    return re.sub(r"\n\s*\n", "\n", old) == re.sub(r"\n\s*\n", "\n", new)


def _without_ours(html: str, hub: str, design: bool) -> str:
    """The page without the Related block and the files that draw it (and
    its graph, and preview its links), and
    without the entries tables of contents have for the hub's sections:
    headings of the hub's page, which a table of contents deep enough lists
    as it lists any page's headings.  (sphinx-design's stylesheet is ours
    unless the project loads sphinx-design itself: *design*.)"""
    soup = parse_html(html)
    for node in soup.select("section.hubs-related"):
        node.decompose()
    ours = (
        'link[href*="hubs.css"], script[src*="hubs.js"], script[src*="hubs-preview.js"]'
    ) + ("" if design else ', link[href*="sphinx-design"]')
    for node in soup.select(ours):
        node.decompose()
    # the summary sphinxext-opengraph takes from the page's text, which
    # now has those entries (and, on a short page, the Related block)
    for node in soup.select(
        'meta[name="description"], meta[property="og:description"]'
    ):
        node.decompose()
    page = Path(hub).name + ".html#"
    for link in soup.select(".toctree-wrapper li > a, .sphinxsidebar li > a"):
        if re.search(rf"(^|/){re.escape(page)}", link.get("href", "")):
            link.parent.decompose()
    return str(soup)


def test_both_build_with_w(both):
    _, before, after = both
    assert before.warnings == ""
    assert after.warnings == ""


def test_the_hub_shows_its_notes_as_they_read(both):
    name, _, after = both
    hub, sections, _ = EXPECTED[name]
    page = after.html(hub)
    shown = {}
    for section in page.select("section.hubs-section"):
        title = text_of(section.find(re.compile("^h[1-6]$")).contents[0])
        shown[title] = [
            (
                text_of(card.select_one(".hubs-card-title")),
                text_of(card.select_one(".hubs-card-description")),
            )
            for card in section.select(".hubs-card")
        ]
    assert shown == sections


def test_only_what_a_hub_shows_changes(both):
    name, before, after = both
    hub, _, index = EXPECTED[name]
    old, new = _pages(before), _pages(after)
    added = set(new) - set(old)
    assert added == ({f"{index}.html"} if index else set())
    shown = {
        link["href"].split("#")[0]
        for link in after.html(hub).select(".hubs-card-title a")
    }
    shown = {str(Path(hub).parent / href) if "/" in hub else href for href in shown}
    changed = []
    for page, html in sorted(old.items()):
        if page == f"{hub}.html":
            continue
        if page in {str(Path(p)) for p in shown}:
            # the Related block ("Appears in" the hub) and its stylesheet
            mine = parse_html(new[page])
            related = mine.select_one("section.hubs-related")
            assert related is not None, page
            assert text_of(related.select_one(".hubs-appears-in")).startswith(
                text_of(after.html(hub).select_one("h1")).removesuffix(" ¶")
            )
        design = "sphinx-design.min.css" in html
        mine = _without_ours(_normalised(new[page]), hub, design)
        theirs = _without_ours(_normalised(html), hub, design)
        if not _same(theirs, mine):
            changed.append(page)
    assert changed == []


def test_pages_no_hub_shows_load_nothing_of_ours(both):
    name, _, after = both
    hub, _, index = EXPECTED[name]
    hub_page = after.html(hub)
    assert hub_page.select_one('link[href*="hubs.css"]') is not None
    assert hub_page.select_one('script[src*="hubs.js"]') is not None
    assert (after.outdir / "_static/hubs.css").is_file()
    # sphinx-design's stylesheet draws the cards, loaded by us where the
    # project does not load sphinx-design itself
    assert hub_page.select_one('link[href*="sphinx-design.min.css"]') is not None
    assert (after.outdir / "_static/sphinx-design.min.css").is_file()
    if index:
        listing = after.html(index)
        assert listing.select_one('script[src*="hubs.js"]') is not None
        rows = {text_of(dt.select_one("a")) for dt in listing.select(".hubs-index dt")}
        # no API page, no fragment, no untitled page
        assert not any(row.startswith(("blueprint", "_fragments")) for row in rows)


@pytest.mark.parametrize("both", ["myst"], indirect=True)
def test_a_preview_extension_sees_only_real_pages(both):
    _, _, after = both
    # sphinx-tippy writes the tips of each page it reads: every document,
    # not the all-notes page the extension writes
    tips = after.outdir / "_static" / "tippy"
    assert list(tips.glob("guide/intro.*.js"))
    assert list(tips.glob("guide/index.*.js"))
    assert not list(tips.glob("notes-index*"))
    assert after.html("notes-index").select_one('script[src*="tippy/"]') is None


@pytest.mark.parametrize("both", ["myst"], indirect=True)
def test_a_related_heading_of_the_page_stays_its_own(both):
    _, before, after = both
    page = after.html("guide/intro")
    own = page.select_one("section#related")
    assert own is not None and "hubs-related" not in own.get("class", [])
    ours = page.select_one("section.hubs-related")
    assert ours["id"] == "hubs-related"
    assert before.html("guide/intro").select_one("section#related") is not None
