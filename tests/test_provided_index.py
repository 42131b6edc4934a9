"""A first hub needs no extra page: without an all-notes document the
extension writes the page itself, as Sphinx writes its general index --
in every builder that writes pages, linked by every "← All notes", in no
toctree, in every theme -- and a project's own page still takes over."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import located_warnings, text_of, write_project

FILES = {
    "conf.py": 'version = "1"\ncopyright = "Acme"\n',  # for epub, with -W
    "notes-index.md": None,  # no all-notes page of the project's own
    "hub.md": "# Hub\n\n```{hub}\n```\n\n:::{section} All\n:glob: notes/*\n:::\n",
    "maps/sub.md": "# Sub map\n\n```{hub}\n```\n\n:::{section} Some\n"
    "```{notecard} /notes/a\n```\n:::\n",
    "notes/a.md": "---\ndescription: About A.\nkind: Insight\n---\n# Ay\n\nBody.\n",
    "notes/b.md": "# Bee\n\nBody of b.\n",
}

#: Where each builder writes the page, and where it writes a hub's.
PAGES = {
    "html": ("notes-index.html", "hub.html"),
    "dirhtml": ("notes-index/index.html", "hub/index.html"),
    "epub": ("notes-index.xhtml", "hub.xhtml"),
}


@pytest.fixture
def project(build, tmp_path):
    counter = iter(range(100))

    def _project(files=None, builder="html", **conf):
        root = write_project(tmp_path / f"p{next(counter)}", {**FILES, **(files or {})})
        return build(
            None, builder, src=root, app_options={"warningiserror": True}, **conf
        )

    return _project


def followed(page: str, href: str) -> str:
    """The file a link on *page* leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    target = target.split("#")[0]
    return target + "/index.html" if href.split("#")[0].endswith("/") else target


def entries(page) -> list[str]:
    return [text_of(dt.select_one("a")) for dt in page.select(".hubs-index dt")]


@pytest.mark.parametrize("builder", PAGES)
def test_the_page_is_provided_and_every_back_link_reaches_it(project, builder):
    built = project(builder=builder)
    assert built.warnings == ""
    index, hub = PAGES[builder]
    page = built.page(index)
    assert text_of(page.select_one("h1")).removesuffix(" ¶") == "All notes"
    assert entries(page) == ["Hub", "Sub map", "Ay", "Bee", "Home"]
    assert text_of(page.select_one(".hubs-stats")) == "3 notes · 2 hubs"
    # the rows link to the pages, from where the page is
    for link in page.select(".hubs-index dt a"):
        assert (built.outdir / followed(index, link["href"])).is_file(), link
    # the hub's back link leads to it (the sub-map's to the hub above it)
    back = built.page(hub).select_one(".hubs-back a")
    assert text_of(back) == "All notes"
    assert followed(hub, back["href"]) == index


def test_it_is_in_no_toctree_and_has_the_theme_page(project):
    built = project()
    start = built.html("index")
    assert "notes-index" not in str(start.select_one(".toctree-wrapper"))
    page = built.html("notes-index")
    # the theme's page around it: its stylesheet and the search box
    assert page.select_one('link[href*="hubs.css"]') is not None
    assert page.title.get_text().startswith("All notes")


def test_singlehtml_and_print_formats_have_no_back_link(project):
    single = project(builder="singlehtml")
    assert single.warnings == ""
    assert single.html("index").select(".hubs-back") == []
    assert not (single.outdir / "notes-index.html").exists()
    text = project(builder="text")
    assert "All notes" not in text.text("hub.txt")


def test_a_new_note_is_listed_after_an_incremental_build(project, build):
    built = project()
    (built.srcdir / "notes/c.md").write_text("# Sea\n\nBody of c.\n")
    again = build(None, src=built.srcdir)
    assert entries(again.html("notes-index")) == [
        "Hub",
        "Sub map",
        "Ay",
        "Bee",
        "Home",
        "Sea",
    ]


def test_the_projects_own_page_takes_over(project):
    built = project({"notes-index.md": "# Every note\n\nOur notes.\n"})
    page = built.html("notes-index")
    assert text_of(page.select_one("h1")).removesuffix(" ¶") == "Every note"
    assert entries(page) == ["Hub", "Sub map", "Ay", "Bee", "Home"]


def test_an_empty_name_turns_it_off(project):
    built = project(hubs_index_docname="")
    assert not (built.outdir / "notes-index.html").exists()
    assert built.html("hub").select(".hubs-back") == []


def test_a_project_without_hubs_gets_no_page(project):
    files = {"hub.md": None, "maps/sub.md": None}
    built = project(files)
    assert not (built.outdir / "notes-index.html").exists()
    assert located_warnings(built) == []


def test_another_name_is_provided_under_that_name(project):
    built = project(hubs_index_docname="guides/all")
    assert entries(built.html("guides/all")) == ["Hub", "Sub map", "Ay", "Bee", "Home"]
    assert built.html("hub").select_one(".hubs-back a")["href"] == "guides/all.html"


@pytest.mark.parametrize(
    "theme",
    ["furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme"],
)
def test_every_theme_writes_it(project, theme):
    from test_themes import _need_theme

    _need_theme(theme)
    built = project(html_theme=theme, templates_path=[])
    page = built.html("notes-index")
    assert entries(page) == ["Hub", "Sub map", "Ay", "Bee", "Home"]
    assert re.match(r"All notes\b", page.title.get_text().strip())
    assert Path(built.outdir / "notes-index.html").stat().st_size > 0
