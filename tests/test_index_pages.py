"""A long all-notes list is split into pages: the hubs on the all-notes
page, then a page per first letter (several for a letter of more entries
than ``hubs_index_page_size``); every page links to every other; an edit
rewrites only the page that lists the note, and only when what it shows
changed."""

from __future__ import annotations

import json
import posixpath

import pytest
from conftest import located_warnings, text_of, write_project

HUB = "# {title}\n\n```{{hub}}\n```\n\n:::{{section}} All\n:glob: /notes/*\n:::\n"

FILES = {
    "conf.py": "hubs_index_page_size = 3\n",
    "notes-index.md": None,
    "maps/one.md": HUB.format(title="Map one"),
    "maps/two.md": HUB.format(title="Map two"),
    **{
        f"notes/{name}.md": f"# {title}\n\nAbout {title.lower()}.\n"
        for name, title in [
            ("a1", "Apples"),
            ("a2", "Apricots"),
            ("a3", "Avocados"),
            ("a4", "Almonds"),
            ("b1", "Beans"),
            ("b2", "Barley"),
            ("c1", "Cherries"),
        ]
    },
}

#: page -> the entries it lists, with hubs_index_page_size = 3
PAGES = {
    "notes-index": ["Map one", "Map two"],
    "notes-index/a": ["Almonds", "Apples", "Apricots"],
    "notes-index/a-2": ["Avocados"],
    "notes-index/b": ["Barley", "Beans"],
    "notes-index/c": ["Cherries"],
    "notes-index/h": ["Home"],
}


@pytest.fixture
def project(build, tmp_path):
    counter = iter(range(100))

    def _project(files=None, builder="html", **conf):
        root = write_project(tmp_path / f"p{next(counter)}", {**FILES, **(files or {})})
        return build(None, builder, src=root, **conf)

    return _project


def entries(page) -> list[str]:
    return [text_of(dt.select_one("a")) for dt in page.select(".hubs-index dt")]


def jump(page) -> list[tuple[str, str | None]]:
    bar = page.select_one(".hubs-index-pages")
    return [(text_of(item), item.get("href")) for item in bar.select("a, strong")]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_list_is_split_by_letter(project, builder):
    built = project(builder=builder)
    assert located_warnings(built) == []
    suffix = ".html" if builder == "html" else "/index.html"
    for page, listed in PAGES.items():
        soup = built.page(page + suffix)
        assert entries(soup) == listed, page
        # every page counts every note, and names itself
        assert text_of(soup.select_one(".hubs-stats")) == "8 notes · 2 hubs"
        labels = [text for text, _ in jump(soup)]
        assert labels == ["Hubs", "A 1", "A 2", "B", "C", "H"]
        for text, href in jump(soup):
            if href is None:  # this page
                continue
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(page + suffix), href)
            )
            if href.endswith("/"):
                target += "/index.html"
            assert (built.outdir / target).is_file(), (page, text, href)
    title = built.page("notes-index/b" + suffix).title.get_text()
    assert title.startswith("All notes: B")


def test_a_short_list_or_size_0_is_one_page(project):
    one = project(hubs_index_page_size=0)
    assert len(entries(one.html("notes-index"))) == 10
    assert not (one.outdir / "notes-index").exists()
    assert one.html("notes-index").select_one(".hubs-index-pages") is None


def test_the_projects_own_page_holds_the_hubs(project):
    built = project({"notes-index.md": "# Our notes\n\nEverything.\n"})
    page = built.html("notes-index")
    assert text_of(page.select_one("h1")).startswith("Our notes")
    assert entries(page) == ["Map one", "Map two"]
    assert entries(built.html("notes-index/b")) == ["Barley", "Beans"]


def _mtimes(built) -> dict[str, int]:
    return {page: (built.outdir / f"{page}.html").stat().st_mtime_ns for page in PAGES}


def test_an_edit_rewrites_only_the_page_that_lists_the_note(project, build):
    built = project()
    before = _mtimes(built)
    again = build(None, src=built.srcdir)  # nothing changed
    assert _mtimes(again) == before
    (built.srcdir / "notes/b1.md").write_text("# Beans\n\nAbout broad beans.\n")
    edited = build(None, src=built.srcdir)
    after = _mtimes(edited)
    assert [page for page in PAGES if after[page] != before[page]] == ["notes-index/b"]
    assert "About broad beans." in text_of(edited.html("notes-index/b"))
    # and the filter's script of every entry with it (the other pages'
    # entries kept from the last script): as a clean build writes it
    script = edited.outdir / "_static/hubs-entries.js"
    assert "About broad beans." in script.read_text(encoding="utf-8")
    clean = build(built.srcdir)  # a copy, built clean
    assert script.read_text(encoding="utf-8") == (
        clean.outdir / "_static/hubs-entries.js"
    ).read_text(encoding="utf-8")


def test_a_new_title_moves_the_note_between_pages(project, build):
    built = project()
    before = _mtimes(built)
    (built.srcdir / "notes/b1.md").write_text("# Cabbage\n\nAbout cabbage.\n")
    edited = build(None, src=built.srcdir)
    after = _mtimes(edited)
    changed = [page for page in PAGES if after[page] != before[page]]
    assert changed == ["notes-index/b", "notes-index/c"]
    assert entries(edited.html("notes-index/c")) == ["Cabbage", "Cherries"]


def test_a_new_configuration_rewrites_every_page(project, build):
    built = project()
    before = _mtimes(built)
    conf = built.srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'html_title = "Notes"\n')
    again = build(None, src=built.srcdir)
    after = _mtimes(again)
    assert [page for page in PAGES if after[page] == before[page]] == []
    assert again.html("notes-index/b").title.get_text().endswith("Notes")


def test_a_deleted_file_is_written_again(project, build):
    built = project()
    (built.outdir / "notes-index/c.html").unlink()
    # by the next build that writes anything (as Sphinx's own index page)
    (built.srcdir / "notes/a1.md").touch()
    again = build(None, src=built.srcdir)
    assert entries(again.html("notes-index/c")) == ["Cherries"]


def test_a_negative_size_is_a_warning(project):
    built = project({"conf.py": "hubs_index_page_size = -1\n"})
    warnings = [w for w in located_warnings(built) if "hubs_index_page_size" in w[1]]
    assert warnings == [
        (
            "conf.py:4",
            "hubs_index_page_size must not be negative; using the default 400",
            "config",
        )
    ]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_entry_is_in_the_filters_script(project, builder):
    built = project(builder=builder)
    script = (built.outdir / "_static/hubs-entries.js").read_text(encoding="utf-8")
    assert script.startswith("window.hubsEntries=")
    entries = json.loads(script.removeprefix("window.hubsEntries=").rstrip(";\n"))
    assert [entry[0] for entry in entries] == [
        title for listed in PAGES.values() for title in listed
    ]
    suffix = ".html" if builder == "html" else "/index.html"
    for title, url, _, _ in entries:  # from the site's root
        path = url + ("index.html" if not url or url.endswith("/") else "")
        assert (built.outdir / path).is_file(), (title, url)
    # each page's box names the script, from where the page is
    for page in PAGES:
        box = built.page(page + suffix).select_one("#hubs-index-query")
        where = posixpath.dirname(page + suffix)
        target = posixpath.normpath(posixpath.join(where, box["data-hubs-entries"]))
        assert target == "_static/hubs-entries.js", page


def test_the_filter_finds_entries_on_other_pages(project, browser):
    """In a browser: typed on the page of B, a word finds Cherries, listed
    on the page of C, with a link that leads there; clearing the box shows
    the page's own entries again."""
    built = project()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((built.outdir / "notes-index/b.html").as_uri())
        page.fill("#hubs-index-query", "cherr")
        page.wait_for_selector(".hubs-index-results dt")
        found = page.eval_on_selector_all(
            ".hubs-index-results dt a", "links => links.map(a => a.textContent)"
        )
        status = page.inner_text(".hubs-index-shown")
        hidden = page.eval_on_selector_all(
            ".hubs-index-group:not(.hubs-index-results)",
            "groups => groups.every(group => group.hidden)",
        )
        page.fill("#hubs-index-query", "")
        cleared = page.eval_on_selector_all(
            ".hubs-index dt", "terms => terms.filter(t => !t.hidden).length"
        )
        page.fill("#hubs-index-query", "cherr")
        page.click(".hubs-index-results dt a")
        title = page.title()
    finally:
        context.close()
    assert found == ["Cherries"]
    assert status == "Shown: 1"
    assert hidden
    assert cleared == 2
    assert title.startswith("Cherries")
