"""The example projects of the documentation (docs/snippets/) build without
warnings, and show what the pages that include them say they show.

Each folder under docs/snippets/ with a ``conf.py`` is a complete Sphinx
project. The tutorial and the how-to guides show its files with
``literalinclude``, so what readers copy is what is built here.
"""

from __future__ import annotations

import gc
import io
import os
import posixpath
import re
import shutil
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DOCS, build_project, copy_project, heading, text_of
from sphinx.util.inventory import InventoryFile

SNIPPETS = DOCS / "snippets"
REPOSITORY = DOCS.parent


def projects() -> list[str]:
    """Every snippet project: a folder of docs/snippets/ with a conf.py."""
    return sorted(
        path.parent.relative_to(SNIPPETS).as_posix()
        for path in SNIPPETS.rglob("conf.py")
    )


def inventory(path: Path) -> dict[tuple[str, str], str]:
    """``(type, name) -> display name`` of the objects in an objects.inv."""
    data = path.read_bytes()
    if hasattr(InventoryFile, "loads"):  # Sphinx 8.2+
        found = InventoryFile.loads(data, uri="")
        found = getattr(found, "data", found)
    else:
        found = InventoryFile.load(io.BytesIO(data), "", posixpath.join)
    return {
        (kind, name): getattr(item, "display_name", None) or item[3]
        for kind, items in found.items()
        for name, item in items.items()
    }


def hubs_objects(path: Path) -> dict[tuple[str, str], str]:
    return {
        key: title
        for key, title in inventory(path).items()
        if key[0].startswith("hubs:")
    }


def sections(page) -> list[tuple[str, str, str, list[str]]]:
    """(anchor, heading, count, card titles) of each section of a hub page."""
    return [
        (
            section["id"],
            heading(section.find("h2")),
            text_of(section.select_one(".hubs-section-count")),
            [
                text_of(card.select_one(".hubs-card-title"))
                for card in section.select(".hubs-card")
            ],
        )
        for section in page.select("section.hubs-section")
    ]


def cards(page) -> list[tuple[str, str, str]]:
    """(title, link, description) of each hub card on a page."""
    return [
        (
            text_of(card.select_one(".hubs-card-title")),
            card.select_one(".hubs-card-title a")["href"],
            text_of(card.select_one(".hubs-card-description")),
        )
        for card in page.select(".hubs-card")
    ]


#: A line that marks where a page's ``literalinclude`` starts or ends: a
#: comment in MyST (``%``), reStructuredText (``..``) or Python (``#``).
MARKER = re.compile(r"^(?:%|\.\.|#) ((?:start|end)-[\w-]+)$", re.MULTILINE)


def markers(project: Path) -> set[str]:
    return {
        marker
        for path in project.rglob("*")
        if path.suffix in {".md", ".rst", ".py"}
        for marker in MARKER.findall(path.read_text(encoding="utf-8"))
    }


def warning_lines(built) -> list[str]:
    """The build's warnings, one a line, without terminal colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", built.warnings).splitlines()


def stats(page) -> str:
    return text_of(page.select_one(".hubs-stats"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def touch_later(path: Path) -> None:
    """Give *path* an mtime clearly after the last build read it."""
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture(scope="module")
def snippet(tmp_path_factory):
    """``snippet(project, builder="html", **conf)``: the snippet project
    (a folder under docs/snippets/), built once in this module for each
    builder and settings, for the tests that read it without changing it
    (the builders of one project and settings share its environment, as
    ``make html text`` does).  A test that edits a project builds its own
    copy."""
    built: dict[str, Any] = {}
    copies: dict[str, Path] = {}

    def _snippet(project: str, builder: str = "html", **conf: Any):
        key = repr((project, builder, sorted(conf.items())))
        if key not in built:
            read = repr((project, sorted(conf.items())))
            if read not in copies:
                copies[read] = copy_project(
                    SNIPPETS / project, tmp_path_factory.mktemp("snippet") / "src"
                )
            src = copies[read]
            built[key] = build_project(src, src / "_build", builder, **conf)
        return built[key]

    return _snippet


@pytest.fixture(scope="module")
def caching_inventory(snippet) -> Path:
    """objects.inv of the tutorial's project, as if it were published."""
    return snippet("first-hub").outdir / "objects.inv"


def linking(inventory: Path) -> dict[str, Any]:
    """The settings of a project that links to the tutorial's project."""
    return {
        "intersphinx_mapping": {
            "caching": ("https://example.org/caching/", str(inventory))
        }
    }


# -- every project ---------------------------------------------------------


def test_the_projects_are_found():
    assert projects() == [
        "backlinks",
        "colours",
        "config",
        "directives/backticks",
        "directives/containers",
        "directives/myst",
        "directives/rst",
        "existing-docs-myst",
        "existing-docs-rst",
        "first-hub",
        "front-matter/myst",
        "front-matter/rst",
        "graphs",
        "intersphinx",
        "labels",
        "languages",
        "large-garden",
        "migrate/after",
        "migrate/before",
        "read-the-docs/docs",
        "roles",
        "three-ways",
    ]


#: Projects that link to the tutorial's project through intersphinx.
LINKING = ("intersphinx", "roles")


@pytest.mark.parametrize("project", projects())
def test_every_project_builds_without_warnings(snippet, project, request):
    conf = {}
    if project in LINKING:
        conf = linking(request.getfixturevalue("caching_inventory"))
    built = snippet(project, **conf)
    assert built.warnings == ""
    assert (built.outdir / "index.html").is_file()
    # the start-…/end-… lines that pages include between are comments
    found = markers(SNIPPETS / project)
    for path in built.outdir.rglob("*.html"):
        text = text_of(built.page(path.relative_to(built.outdir).as_posix()))
        assert not [marker for marker in found if marker in text], path


def test_the_main_docs_do_not_read_the_snippets():
    namespace: dict = {}
    exec((DOCS / "conf.py").read_text(encoding="utf-8"), namespace)
    assert "snippets" in namespace["exclude_patterns"]


#: Pages whose examples are all files of snippet projects.
INCLUDING = [
    "explanation/performance.md",
    "getting-started.md",
    "guides/customise.md",
    "guides/existing-docs.md",
    "guides/graphs.md",
    "guides/intersphinx.md",
    "guides/migrate-cards.md",
    "guides/read-the-docs.md",
    "guides/themes-and-formats.md",
    "guides/three-ways.md",
    "reference/config.md",
    "reference/directives.md",
    "reference/front-matter.md",
    "reference/markup.md",
    "reference/roles.md",
]

#: An opening code fence of a language that a reader would copy into a
#: project (commands, output and the HTML output sample are not files).
PASTED = re.compile(
    r"^ *(`{3,}|~{3,}) *(markdown|md|myst|rst|python|py|yaml|toml|css|ini|json) *$",
    re.MULTILINE,
)
#: ``literalinclude`` or ``include`` of a file, with its options.
INCLUDE = re.compile(
    r"^( *)`{3,}\{(literalinclude|include)\} (\S+)\n((?:\1:[\w-]+:.*\n)*)",
    re.MULTILINE,
)


@pytest.mark.parametrize("page", INCLUDING)
def test_the_pages_show_files_of_snippet_projects(page):
    source = (DOCS / page).read_text(encoding="utf-8")
    assert PASTED.findall(source) == []
    for _, _, path, options in INCLUDE.findall(source):
        included = (DOCS / page).parent / path
        assert included.is_file(), (page, path)
        assert SNIPPETS in included.resolve().parents, (page, path)
        text = included.read_text(encoding="utf-8")
        for name, value in re.findall(r":([\w-]+): *(.*)", options):
            if name in {"start-after", "end-before", "start-at", "end-at"}:
                marker = value.strip().strip('"')
                assert text.count(marker) >= 1, (page, path, marker)
                if name in {"start-after", "end-before"}:
                    # markers are unique lines, so nothing else is cut off
                    assert text.count(marker) == 1, (page, path, marker)


# -- the tutorial: getting-started.md --------------------------------------


def test_first_hub_is_what_the_tutorial_describes(snippet):
    built = snippet("first-hub")
    assert built.warnings == ""
    hub = built.html("caching")

    back = hub.select_one(".hubs-back")
    assert text_of(back) == "All notes"
    assert back.a["href"] == "notes-index.html"
    assert heading(hub.select_one("h1")) == "How should we cache?"
    assert text_of(hub.select_one(".hubs-description")) == (
        "A map of what we learned about caching: when values go stale, how long "
        "they may live, and what happens when many clients miss at once."
    )
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Topic Hub · 3 linked notes · 1 section"
    )
    buttons = hub.select(".hubs-viewas button")
    assert [text_of(button) for button in buttons] == ["Cards", "List"]

    titles = ["Invalidate on write", "Choosing a TTL", "Cache stampedes"]
    assert sections(hub) == [("core-insights", "Core insights", "3 notes", titles)]
    assert "#core-insights" in [a["href"] for a in hub.select(".sphinxsidebar a")]
    # each card: the note's title, link and front-matter description
    notes = ["invalidation", "ttl", "stampede"]
    assert cards(hub) == [
        (
            title,
            f"notes/{name}.html",
            front_matter(SNIPPETS / "first-hub" / "notes" / f"{name}.md")[
                "description"
            ],
        )
        for title, name in zip(titles, notes, strict=True)
    ]
    # "Explore related" where the note's Related block lists more than this
    # hub: not on "Cache stampedes", which lists no related notes
    for card, name in zip(hub.select(".hubs-card"), notes, strict=True):
        explore = card.select_one("a.hubs-explore")
        if name == "stampede":
            assert explore is None
        else:
            assert explore["href"] == f"notes/{name}.html#hubs-related"
        assert text_of(card.select_one("a.hubs-read")) == "Read →"
    badges = [text_of(badge) for badge in hub.select(".hubs-card .hubs-badge")]
    assert badges == ["Insight", "Open Question", "Insight"]

    # "Explore related" on "Choosing a TTL"
    related = built.html("notes/ttl").select_one("section.hubs-related")
    assert related["id"] == "hubs-related"
    assert [text_of(a) for a in related.select(".hubs-appears-in a")] == [
        "How should we cache?"
    ]
    assert [text_of(a) for a in related.select(".hubs-related-notes a")] == [
        "Invalidate on write",
        "Cache stampedes",
    ]

    # "← All notes"
    index = built.html("notes-index")
    assert text_of(index.select_one(".hubs-stats")) == "3 notes · 1 hub"
    assert [text_of(term.a) for term in index.select(".hubs-index dt")] == [
        "How should we cache?",
        "Cache stampedes",
        "Choosing a TTL",
        "Invalidate on write",
    ]
    assert [text_of(h) for h in index.select(".hubs-index-heading")] == [
        "Hubs",
        "C",
        "I",
    ]

    # the start page's {hub} link
    link = built.html("index").select_one("div.body a.reference")
    assert (text_of(link), link["href"]) == ("How should we cache?", "caching.html")


def test_changing_a_note_updates_its_hub(build):
    """Step 8 of the tutorial: a new description, then the same build command."""
    first = build(SNIPPETS / "first-hub")
    note = first.srcdir / "notes" / "stampede.md"
    shutil.copyfile(SNIPPETS / "first-hub-edit" / "notes" / "stampede.md", note)
    touch_later(note)
    second = build(SNIPPETS / "first-hub", src=first.srcdir)
    assert second.warnings == ""
    # "Sphinx reads only the note you changed"
    assert "0 added, 1 changed, 0 removed" in second.app.status.getvalue()
    new = front_matter(note)["description"]
    assert new.startswith("When a popular entry expires")
    assert cards(second.html("caching"))[2] == (
        "Cache stampedes",
        "notes/stampede.html",
        new,
    )
    listing = text_of(second.html("notes-index").select_one(".hubs-index"))
    assert new in listing
    assert "request coalescing helps" not in listing


def test_the_edited_note_differs_in_its_description_only():
    before = (SNIPPETS / "first-hub" / "notes" / "stampede.md").read_text()
    after = (SNIPPETS / "first-hub-edit" / "notes" / "stampede.md").read_text()
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert len(changed) == 1
    assert changed[0][1] == after.splitlines()[1]  # line 2, as highlighted
    assert changed[0][1].startswith("description: ")


# -- guides/existing-docs.md -----------------------------------------------


def _toc(page) -> list[str]:
    """The entries of the first table of contents in the page's body,
    nested ones indented."""

    def entries(listing, depth: int) -> list[str]:
        found = []
        for item in listing.find_all("li", recursive=False):
            found.append("  " * depth + text_of(item.a))
            nested = item.find("ul")
            if nested is not None:
                found += entries(nested, depth + 1)
        return found

    return entries(page.select_one("div.body .toctree-wrapper ul"), 0)


@pytest.mark.parametrize("project", ["existing-docs-rst", "existing-docs-myst"])
def test_existing_docs_get_a_hub_and_standalone_cards(snippet, project):
    built = snippet(project)
    assert built.warnings == ""
    hub = built.html("guides/index")
    # no all-notes page of the project's: the extension's, with the guides
    assert hub.select_one(".hubs-back a")["href"] == "../notes-index.html"
    listing = built.html("notes-index")
    assert [text_of(dt.a) for dt in listing.select(".hubs-index dt")] == [
        "How-to guides",
        "Back up on a schedule",
        "Make your first backup",
        "Restore a single file",
        "Restore everything",
    ]
    # the hidden toctree lists nothing on the hub, a sidebar of the whole
    # site still does
    assert hub.select("div.body .toctree-wrapper li") == []
    sidebar = snippet(project, html_sidebars={"**": ["globaltoc.html"]})
    navigation = sidebar.html("guides/index").select_one(".sphinxsidebar")
    assert "Restore a 1.x archive" in text_of(navigation)
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Guide map · 4 linked notes · 2 sections"
    )
    assert sections(hub) == [
        (
            "back-up",
            "Back up",
            "2 notes",
            ["Make your first backup", "Back up on a schedule"],
        ),
        (
            "restore",
            "Restore",
            "2 notes",
            ["Restore a single file", "Restore everything"],
        ),
    ]
    # tagged "restore" too, but excluded by hubs_exclude
    assert "Restore a 1.x archive" not in text_of(hub)
    assert (built.outdir / "guides/legacy/restore-v1.html").is_file()

    start = built.html("index")
    assert [
        card["class"].count("hubs-card-standalone")
        for card in start.select(".hubs-card")
    ] == [1, 1]
    assert cards(start) == [
        (
            "Installation",
            "install.html",
            "Install Acme Backup with pip, then check that the acme command runs.",
        ),
        (
            "Every task, step by step",
            "guides/index.html",
            "Task by task: make a backup, run it on a schedule, and get your "
            "files back.",
        ),
    ]
    assert "hubs-card-hub" in start.select(".hubs-card")[1]["class"]
    # with :includehidden:, every guide, then the hub's sections
    assert _toc(start) == [
        "Installation",
        "How-to guides",
        "  Make your first backup",
        "  Restore everything",
        "  Restore a single file",
        "  Back up on a schedule",
        "  Restore a 1.x archive",
        "  Back up",
        "  Restore",
    ]

    # the Markdown guide ends with a standalone card
    schedule = built.html("guides/schedule")
    assert cards(schedule) == [
        (
            "Make your first backup",
            "first-backup.html",
            "Choose what to back up and where, then run your first backup.",
        )
    ]

    # the notes are the guides, minus the legacy ones
    assert hubs_objects(built.outdir / "objects.inv") == {
        ("hubs:hub", "guides/index"): "How-to guides",
        ("hubs:note", "guides/first-backup"): "Make your first backup",
        ("hubs:note", "guides/restore-all"): "Restore everything",
        ("hubs:note", "guides/restore-file"): "Restore a single file",
        ("hubs:note", "guides/schedule"): "Back up on a schedule",
    }


# -- guides/migrate-cards.md -----------------------------------------------


def _design_cards(page) -> list[tuple[str, str, str]]:
    return [
        (
            text_of(card.select_one(".sd-card-title")),
            card.select_one("a")["href"],
            text_of(card.select_one(".sd-card-text")),
        )
        for card in page.select(".sd-card")
    ]


def _listed(page, kind: str) -> list[str]:
    """The titles a note's Related block lists under *kind*."""
    return [text_of(a) for a in page.select(f".hubs-related .hubs-{kind} li a")]


def test_the_backlinks_guide(snippet):
    """What docs/guides/backlinks.md says each note shows."""
    built = snippet("backlinks")
    ttl = built.html("notes/ttl")
    assert _listed(ttl, "appears-in") == ["How should we cache?"]
    assert _listed(ttl, "related-notes") == ["Invalidation"]
    assert _listed(ttl, "linked-from") == ["Cache stampedes"]
    description = ttl.select_one(".hubs-linked-from .hubs-related-description")
    assert text_of(description) == (
        "Many clients miss at once and all hit the database; request coalescing helps."
    )
    assert _listed(built.html("notes/stampede"), "linked-from") == ["Warming the cache"]
    invalidation = built.html("notes/invalidation")
    assert _listed(invalidation, "appears-in") == ["How should we cache?"]
    assert _listed(invalidation, "linked-from") == []
    assert built.html("notes/warming").select_one(".hubs-related") is None
    off = snippet("backlinks", hubs_backlinks=False)
    assert _listed(off.html("notes/ttl"), "linked-from") == []
    assert _listed(off.html("notes/ttl"), "related-notes") == ["Invalidation"]


def test_migrated_cards_show_the_same_titles_texts_and_links(snippet):
    before = snippet("migrate/before")
    after = snippet("migrate/after")
    assert before.warnings == after.warnings == ""
    old = _design_cards(before.html("index"))
    assert len(old) == 3
    hub = after.html("index")
    assert cards(hub) == old
    assert hub.select_one(".hubs-back") is None
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Tutorials · 3 linked notes · 1 section"
    )
    assert text_of(hub.select_one(".hubs-description")) == (
        "Three tutorials, from a first chart to a finished figure."
    )
    assert [s[:3] for s in sections(hub)] == [("tutorials", "Tutorials", "3 notes")]
    # the tutorials get a Related block; it lists only this hub, so the
    # cards have no "Explore related" (it would lead back here)
    related = after.html("tutorials/export").select_one(".hubs-related")
    assert [text_of(a) for a in related.select(".hubs-appears-in a")] == [
        "Plotting guide"
    ]
    assert hub.select("a.hubs-explore") == []
    assert len(hub.select("a.hubs-read")) == 3


def test_migrated_cards_without_related_blocks(snippet):
    after = snippet("migrate/after", hubs_related_block=False)
    assert after.warnings == ""
    hub = after.html("index")
    assert hub.select("a.hubs-explore") == []
    assert len(hub.select("a.hubs-read")) == 3
    assert after.html("tutorials/export").select_one(".hubs-related") is None


# -- guides/intersphinx.md -------------------------------------------------


def test_the_published_inventory_lists_the_notes_and_the_hub(caching_inventory):
    assert hubs_objects(caching_inventory) == {
        ("hubs:hub", "caching"): "How should we cache?",
        ("hubs:note", "notes/invalidation"): "Invalidate on write",
        ("hubs:note", "notes/stampede"): "Cache stampedes",
        ("hubs:note", "notes/ttl"): "Choosing a TTL",
    }


def test_links_into_another_project(snippet, caching_inventory):
    built = snippet("intersphinx", **linking(caching_inventory))
    assert built.warnings == ""
    links = built.html("index").select("div.body a.reference")
    base = "https://example.org/caching/"
    assert [(text_of(a), a["href"]) for a in links] == [
        ("How should we cache?", base + "caching.html"),
        ("Invalidate on write", base + "notes/invalidation.html"),
        ("still an open question", base + "notes/ttl.html"),
        ("Cache stampedes", base + "notes/stampede.html"),
    ]


def test_intersphinx_conf_names_the_published_project():
    namespace: dict = {}
    exec((SNIPPETS / "intersphinx" / "conf.py").read_text(), namespace)
    assert namespace["intersphinx_mapping"] == {
        "caching": ("https://example.org/caching/", None)
    }


# -- guides/customise.md ---------------------------------------------------


def test_labels_columns_and_css(snippet):
    built = snippet("labels")
    assert built.warnings == ""
    hub = built.html("handbook")
    back = hub.select_one(".hubs-back")
    assert text_of(back) == "Handbook index"
    assert back.a["href"] == "handbook-index.html"
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Handbook map · 5 linked pages · 2 sections"
    )
    assert [s[:3] for s in sections(hub)] == [
        ("first-week", "First week", "3 pages"),
        ("time-and-money", "Time and money", "2 pages"),
    ]
    reads = hub.select("a.hubs-read")
    assert {text_of(a) for a in reads} == {"Open →"}
    assert reads[0]["aria-label"] == "Open: Onboarding checklist"
    first, second = hub.select(".hubs-grid")
    assert "hubs-columns-3" in first["class"]
    assert "sd-row-cols-lg-3" in first.select_one(".sd-row")["class"]
    assert "hubs-columns-1" in second["class"]
    assert "sd-row-cols-lg-1" in second.select_one(".sd-row")["class"]
    assert text_of(built.html("handbook-index").select_one(".hubs-stats")) == (
        "5 pages · 1 hub"
    )

    # the stylesheet is copied and comes after the extension's own
    css = (built.outdir / "_static" / "hubs-custom.css").read_text()
    assert "--hubs-card-border: #7c3aed;" in css
    sheets = [link["href"].split("?")[0] for link in hub.select("link[rel=stylesheet]")]
    assert sheets.index("_static/hubs.css") < sheets.index("_static/hubs-custom.css")


def test_every_custom_property_in_the_example_exists():
    """The example sets only properties that the extension's CSS reads."""
    import sphinxext_hubs

    ours = (sphinxext_hubs.assets.STATIC_DIR / "hubs.css").read_text()
    example = (SNIPPETS / "labels" / "_static" / "hubs-custom.css").read_text()
    used = set(re.findall(r"(--hubs-[\w-]+)\s*:", example))
    assert used
    assert used <= set(re.findall(r"var\((--hubs-[\w-]+)\)", ours))


# -- guides/read-the-docs.md -----------------------------------------------


def test_read_the_docs_example_points_at_real_files(snippet):
    root = SNIPPETS / "read-the-docs"
    config = yaml.safe_load((root / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert config["sphinx"]["fail_on_warning"] is True
    assert (root / config["sphinx"]["configuration"]).is_file()
    (install,) = config["python"]["install"]
    requirements = (root / install["requirements"]).read_text().split()
    assert "sphinxext-hubs" in requirements
    built = snippet("read-the-docs/docs")
    assert built.warnings == ""
    assert text_of(built.html("index").select_one(".hubs-stats")) == (
        "Topic Hub · 1 linked note · 1 section"
    )


def test_the_docs_show_the_repository_readthedocs_yaml():
    """docs/snippets/repository/.readthedocs.yaml is a copy of the
    repository's own file (the docs are also built from copies of docs/
    alone, where ../.readthedocs.yaml does not exist)."""
    own = REPOSITORY / ".readthedocs.yaml"
    if not own.is_file():
        pytest.skip("not a checkout of the repository")
    shown = SNIPPETS / "repository" / ".readthedocs.yaml"
    assert shown.read_bytes() == own.read_bytes(), (
        "copy .readthedocs.yaml to docs/snippets/repository/"
    )
    config = yaml.safe_load(own.read_text())
    assert config["version"] == 2
    assert config["build"] == {"os": "ubuntu-24.04", "tools": {"python": "3.12"}}
    assert config["sphinx"] == {
        "configuration": "docs/conf.py",
        "fail_on_warning": True,
    }
    assert (REPOSITORY / config["sphinx"]["configuration"]).is_file()
    assert config["formats"] == ["pdf", "epub"]
    assert config["python"]["install"] == [
        {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    ]
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())
    assert "docs" in pyproject["project"]["optional-dependencies"]


# -- reference/markup.md ---------------------------------------------------


def test_the_markup_sample_is_the_tutorial_hub(snippet):
    """The simplified HTML on the page is the structure of caching.html."""
    built = snippet("first-hub")
    assert built.warnings == ""
    hub = built.html("caching")
    back = hub.select_one("p.hubs-back")
    assert text_of(back) == "All notes"
    assert back.a["href"] == "notes-index.html"
    page = hub.select_one("section.hubs-page")
    assert page["id"] == "how-should-we-cache"
    assert "hubs-view-cards" in page["class"]
    # the back link comes just before the page's title section
    assert back.find_next_sibling() is page
    assert heading(page.select_one("h1")) == "How should we cache?"

    header = page.select_one("div.hubs-hub")
    assert "hubs-view-cards" in header["class"]
    description = header.select_one("div.hubs-description > p")
    assert text_of(description).startswith("A map of what we learned")
    toolbar = header.select_one("div.hubs-toolbar")
    assert text_of(toolbar.select_one("p.hubs-stats > span.hubs-kind")) == "Topic Hub"
    assert stats(header) == "Topic Hub · 3 linked notes · 1 section"
    switch = toolbar.select_one("div.hubs-viewas")
    assert switch.find_next_sibling().name == "script"
    assert (switch["role"], switch["aria-label"]) == ("group", "View as")
    assert [
        (text_of(button), button["data-hubs-view"], button["aria-pressed"])
        for button in switch.select("button.hubs-viewas-option")
    ] == [("Cards", "cards", "true"), ("List", "list", "false")]

    section = page.select_one("section.hubs-section#core-insights")
    assert heading(section.select_one("h2")) == "Core insights"
    assert text_of(section.select_one("h2 > span.hubs-section-count")) == "3 notes"
    grid = section.select_one("div.hubs-grid.hubs-lines-3.sd-container-fluid")
    row = grid.select_one("ul.hubs-card-list.sd-row.sd-row-cols-md-2")
    card = row.select_one("li.sd-col > div.hubs-card.sd-card")
    title = card.select_one(
        "div.sd-card-body > h3.hubs-card-title.sd-card-title > a.hubs-card-link"
    )
    assert (text_of(title), title["href"]) == (
        "Invalidate on write",
        "notes/invalidation.html",
    )
    badge = card.select_one("div.sd-card-body > p.hubs-card-meta > span.hubs-badge")
    assert (text_of(badge), badge["class"]) == (
        "Insight",
        ["hubs-badge", "hubs-badge-insight"],
    )
    description = card.select_one("div.sd-card-body > p.hubs-card-description")
    assert "sd-card-text" in description["class"]
    assert text_of(description).startswith("Why invalidating on write")
    links = card.select_one("div.hubs-card-footer.sd-card-footer > p.hubs-card-links")
    assert [(text_of(a), a["href"], a["aria-label"]) for a in links.select("a")] == [
        (
            "Explore related",
            "notes/invalidation.html#hubs-related",
            "Explore related: Invalidate on write",
        ),
        ("Read →", "notes/invalidation.html", "Read: Invalidate on write"),
    ]
    assert [a["class"][0] for a in links.select("a")] == ["hubs-explore", "hubs-read"]


def test_the_colours_stylesheet(snippet):
    built = snippet("colours")
    assert built.warnings == ""
    css = (built.outdir / "_static" / "hubs-colours.css").read_text()
    assert "--hubs-accent: #7c3aed;" in css
    hub = built.html("index")
    sheets = [link["href"].split("?")[0] for link in hub.select("link[rel=stylesheet]")]
    assert sheets.index("_static/hubs.css") < sheets.index("_static/hubs-colours.css")

    import sphinxext_hubs

    ours = (sphinxext_hubs.assets.STATIC_DIR / "hubs.css").read_text()
    read = set(re.findall(r"var\((--hubs-[\w-]+)\)", ours))
    # the example sets every property the extension's CSS reads, and no other
    assert set(re.findall(r"(--hubs-[\w-]+)\s*:", css)) == read


# -- guides/three-ways.md --------------------------------------------------

THREE_WAYS = SNIPPETS / "three-ways"
HUB = "How should we allocate compute budget at inference time?"
OVERTHINKING = "When does thinking too much actually hurt reasoning?"
RL_MAP = "How does reinforcement learning reshape what models can reason about?"
DIFFICULTY = "Can we allocate inference compute based on prompt difficulty?"
MODEL_SIZE = "Can inference compute replace scaling up model size?"
CATCH_UP = "Can non-reasoning models catch up with more compute?"
THRESHOLD = "How can we predict the optimal thinking token threshold?"
PRM = "Can self-supervised process rewards replace human annotation?"
REFINEMENT = "Do iterative refinement methods suffer from overthinking?"
FAILURES = "Why do reasoning models fail differently at training versus inference?"

OPEN_QUESTIONS = ("open-questions", "Open Questions", "2 notes", [THRESHOLD, PRM])


def garden_note(name: str) -> dict:
    return front_matter(THREE_WAYS / "garden" / f"{name}.md")


def project_copy(tmp_path: Path, name: str) -> Path:
    """A copy of a snippet project, to build with one change."""
    changed = "changed-" + name.replace("/", "-")
    return copy_project(SNIPPETS / name, tmp_path / changed)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_three_ways_on_the_main_hub(snippet):
    built = snippet("three-ways")
    assert built.warnings == ""
    hub = built.html("garden/compute-budget")
    assert stats(hub) == "Topic Hub · 9 linked notes · 4 sections"
    assert sections(hub) == [
        ("sub-maps", "Sub-Maps", "2 notes", [OVERTHINKING, RL_MAP]),
        (
            "core-insights",
            "Core Insights",
            "3 notes",
            [DIFFICULTY, MODEL_SIZE, CATCH_UP],
        ),
        OPEN_QUESTIONS,
        # newest date first; the note that names the section is shown once
        ("synthesis", "Synthesis", "2 notes", [FAILURES, REFINEMENT]),
    ]
    # the section id is the part after # in the heading's link
    for anchor in ("sub-maps", "open-questions"):
        link = hub.select_one(f"section#{anchor} > h2 a.headerlink")
        assert link["href"] == f"#{anchor}"
    # the intro comes under the heading (its count beside it), before the cards
    assert text_of(hub.select_one("section#open-questions > h2 > .hubs-section-count"))
    intro = hub.select_one("section#open-questions > h2").find_next_sibling()
    assert text_of(intro).startswith("Questions the garden cannot answer yet.")
    assert "hubs-grid" in intro.find_next_sibling()["class"]

    # Open Questions: the notes that name it; they are all tagged open-question
    members = {
        name
        for name in ("thinking-token-threshold", "self-supervised-prm")
        if any(
            "compute-budget#open-questions" in entry
            for entry in garden_note(f"notes/{name}").get("hubs", [])
        )
    }
    assert members == {"thinking-token-threshold", "self-supervised-prm"}
    tagged = {
        path.stem
        for path in (THREE_WAYS / "garden" / "notes").glob("*.md")
        if "open-question" in front_matter(path)["tags"]
    }
    assert tagged == members
    assert garden_note("notes/self-supervised-prm")["hubs"] == [
        "/garden/compute-budget#open-questions"
    ]
    # the guide shows lines 1-7 of the note: its front matter
    note = THREE_WAYS / "garden" / "notes" / "thinking-token-threshold.md"
    lines = note.read_text(encoding="utf-8").splitlines()
    assert lines[0] == lines[6] == "---"


def test_the_reading_list_combines_the_three_ways(snippet):
    built = snippet("three-ways")
    assert built.warnings == ""
    hub = built.html("garden/reading-list")
    assert stats(hub) == "Reading list · 6 linked notes · 4 sections"
    assert sections(hub) == [
        # pinned card, then the tagged notes by date (no date: last); the
        # sub-map is tagged too but already pinned, and the note that also
        # names the section is shown once
        (
            "overthinking",
            "Overthinking",
            "3 notes",
            ["Start here: the overthinking map", REFINEMENT, THRESHOLD],
        ),
        # tagged rl-training and under notes/: not the sub-map with that tag
        (
            "reinforcement-learning-notes",
            "Reinforcement learning notes",
            "1 note",
            [FAILURES],
        ),
        ("latest-synthesis", "Latest synthesis", "1 note", [FAILURES]),
        # the :default: section: its card, then the note naming the hub
        ("core-insights", "Core Insights", "2 notes", [DIFFICULTY, CATCH_UP]),
    ]
    assert "overthinking" in garden_note("maps/overthinking")["tags"]
    assert "rl-training" in garden_note("maps/rl-reasoning")["tags"]
    assert "date" in garden_note("notes/iterative-refinement-overthinking")
    assert "date" not in garden_note("notes/thinking-token-threshold")
    assert garden_note("notes/non-reasoning-catch-up")["hubs"] == ["../reading-list"]

    # a hub without a :default: section gets a "Notes" section at its end
    submap = built.html("garden/maps/overthinking")
    assert sections(submap) == [
        ("key-notes", "Key notes", "1 note", [THRESHOLD]),
        ("see-also", "See also", "1 note", [HUB]),
        ("notes", "Notes", "1 note", [REFINEMENT]),
    ]
    assert "hubs-default-section" in submap.select_one("section#notes")["class"]
    assert "#notes" in [a["href"] for a in submap.select(".sphinxsidebar a")]
    assert stats(submap) == "Sub-Map · 3 linked notes · 3 sections"


@pytest.mark.parametrize(
    "entry", ["../compute-budget", "garden/compute-budget", "/garden/compute-budget"]
)
def test_three_ways_to_name_the_same_hub(build, tmp_path, entry):
    src = project_copy(tmp_path, "three-ways")
    edit(
        src / "garden" / "notes" / "thinking-token-threshold.md",
        "hubs: [../compute-budget#open-questions]",
        f"hubs: [{entry}#open-questions]",
    )
    built = build(src, src=src)
    assert built.warnings == ""
    assert OPEN_QUESTIONS in sections(built.html("garden/compute-budget"))


def test_renaming_a_section_sends_its_members_to_the_default_section(build, tmp_path):
    src = project_copy(tmp_path, "three-ways")
    edit(
        src / "garden" / "compute-budget.md",
        ":::{section} Open Questions",
        ":::{section} Unanswered questions",
    )
    built = build(src, src=src)
    warnings = warning_lines(built)
    for name in ("thinking-token-threshold", "self-supervised-prm"):
        (line,) = [line for line in warnings if f"notes/{name}" in line]
        assert "has no section 'open-questions'" in line
        assert line.endswith("[hubs.section]")
    # and the renamed section, which nobody names now, is empty
    (empty,) = [line for line in warnings if "[hubs.empty]" in line]
    assert "section 'Unanswered questions' has no cards" in empty
    assert len(warnings) == 3
    last = sections(built.html("garden/compute-budget"))[-1]
    assert last == ("notes", "Notes", "2 notes", [PRM, THRESHOLD])


def test_hubs_are_collected_outside_the_note_set(build, tmp_path):
    """Filters and memberships collect hubs, even outside ``hubs_notes``."""
    src = project_copy(tmp_path, "three-ways")
    edit(src / "garden" / "reading-list.md", ":glob: notes/*", ":glob: maps/*")
    built = build(src, src=src, hubs_notes=["garden/notes/**"])
    assert built.warnings == ""
    rl_notes = sections(built.html("garden/reading-list"))[1]
    assert rl_notes == (
        "reinforcement-learning-notes",
        "Reinforcement learning notes",
        "1 note",
        [RL_MAP],
    )


# -- guides/graphs.md ------------------------------------------------------


def _graph(page, number: int = 0) -> list[str]:
    """The accessible names of the pages in a page's *number*-th graph."""
    drawing = page.select("svg.hubs-graph-svg")[number]
    return [a["aria-label"] for a in drawing.select("a")]


def test_the_graphs_guide(snippet):
    built = snippet("graphs")
    assert built.warnings == ""
    soil, life = "What makes good soil? (Map)", "What lives in soil? (Map)"
    # two hops, over hubs and related notes: the other hub through humus
    assert _graph(built.html("notes/loam")) == [
        "Loam (Note)",
        soil,
        "Clay (Note)",
        "Humus (Note)",
        life,
        "Earthworms (Note)",
    ]
    assert not built.html("notes/loam").select("line.hubs-graph-links")
    garden = built.html("map")
    assert _graph(garden, 0) == [
        life,
        soil,
        "Earthworms (Note)",
        "Humus (Note)",
        "Clay (Note)",
        "Loam (Note)",
    ]
    assert _graph(garden, 1)[0] == "Loam (Note)"
    assert len(_graph(garden, 1)) == 6
    text = snippet("graphs", "text").text("map.txt")
    assert "Graph of the garden" in text
    assert "* What lives in soil? (Map)" in text


# -- reference/directives.md -----------------------------------------------

DIRECTIVES = SNIPPETS / "directives"
INVALIDATION = "Invalidate on write"
TTL = "Choosing a TTL"
STAMPEDE = "Cache stampedes"
TTL_DESCRIPTION = (
    "How long a cached value may live when nobody tells the cache it changed."
)


#: (title, description) of the example's hubs, as their ``hub`` directives
#: give them.
DIRECTIVE_HUBS = {
    "caching": ("How should we cache?", "A map of what we learned about caching."),
    "failures": ("When do caches fail?", "Where caches break down, and how to tell."),
    "operations": (
        "How do we run the cache?",
        "What we know about running the cache in production.",
    ),
}


def directive_example_listing() -> list[tuple[str, str]]:
    """The all-notes page of the directive examples, from the MyST sources:
    (title, description) of each hub, by title, then of each note (front
    matter), by title."""
    root = DIRECTIVES / "myst"
    entries = list(DIRECTIVE_HUBS.values())
    for folder in ("notes", "runbooks"):
        for path in (root / folder).rglob("*.md"):
            title = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
            entries.append((title.group(1), front_matter(path)["description"]))
    hubs = sorted(DIRECTIVE_HUBS.values(), key=lambda entry: entry[0].casefold())
    notes = sorted(entries[len(hubs) :], key=lambda entry: entry[0].casefold())
    return hubs + notes


@pytest.mark.parametrize("flavour", ["myst", "rst"])
def test_the_directive_examples(snippet, flavour):
    """The MyST and the reStructuredText examples build the same pages."""
    built = snippet(f"directives/{flavour}")
    assert built.warnings == ""

    for docname, (title, description) in DIRECTIVE_HUBS.items():
        page = built.html(docname)
        assert heading(page.select_one("h1")) == title
        assert text_of(page.select_one(".hubs-description")) == description

    caching = built.html("caching")
    assert stats(caching) == "Topic Hub · 3 linked notes · 2 sections"
    assert "hubs-view-cards" in caching.select_one("section.hubs-page")["class"]
    assert sections(caching) == [
        ("core-insights", "Core insights", "2 notes", [INVALIDATION, TTL]),
        ("reliability", "Reliability", "1 note", [STAMPEDE]),
    ]

    failures = built.html("failures")
    assert stats(failures) == "Sub-Map · 2 linked notes · 1 section"
    assert "hubs-view-list" in failures.select_one("section.hubs-page")["class"]
    assert "hubs-view-list" in failures.select_one(".hubs-hub")["class"]
    pressed = failures.select_one(".hubs-viewas button[aria-pressed=true]")
    assert text_of(pressed) == "List"

    operations = built.html("operations")
    assert stats(operations) == "Topic Hub · 5 linked notes · 3 sections"
    assert "hubs-view-cards" in operations.select_one("section.hubs-page")["class"]
    assert sections(operations) == [
        ("open-questions", "Open questions", "1 note", [TTL]),
        (
            "recent-incidents",
            "Recent incidents",
            "3 notes",
            [
                "A thundering herd after a deploy",
                "Stale prices in April",
                "Warm up the cache",
            ],
        ),
        ("everything-else", "Everything else", "1 note", [INVALIDATION]),
    ]
    grids = operations.select(".hubs-grid")
    assert [grid["class"][1] for grid in grids] == [
        "hubs-columns-3",
        "hubs-columns-2",
        "hubs-columns-2",
    ]
    intros = [
        text_of(operations.select_one(f"section#{anchor} > h2 + p"))
        for anchor in ("open-questions", "recent-incidents")
    ]
    assert intros == [
        "Things we do not know yet.",
        "The three newest incident notes and runbooks.",
    ]

    reading = built.html("guides/reading")
    assert cards(reading) == [
        ("How long may a value live?", "../notes/ttl.html", TTL_DESCRIPTION),
        (
            "An external caching guide",
            "https://example.org/caching-guide",
            "Read this before you pick a TTL.",
        ),
    ]
    note, external = reading.select(".hubs-card")
    assert "hubs-card-standalone" in note["class"]
    assert {"hubs-card-standalone", "hubs-card-external"} <= set(external["class"])
    assert [text_of(a) for a in external.select(".hubs-card-links a")] == ["Read →"]
    assert external.select_one("a.hubs-read")["href"] == (
        "https://example.org/caching-guide"
    )

    # guides/map: the hub two hops out (its cards, then the hubs that show
    # them), and the whole garden by membership, from the top hubs
    around, garden = built.html("guides/map").select("svg.hubs-graph-svg")
    assert around["aria-label"] == "Graph of How should we cache?"
    assert [a["aria-label"] for a in around.select("a")] == [
        "How should we cache? (Topic Hub)",
        f"{STAMPEDE} (Note)",
        f"{TTL} (Note)",
        f"{INVALIDATION} (Note)",
        "When do caches fail? (Sub-Map)",
        "How do we run the cache? (Topic Hub)",
    ]
    assert garden["aria-label"] == "Graph of the garden"
    assert garden["width"] == "480"
    assert [a["aria-label"] for a in garden.select("a")][:3] == [
        "How do we run the cache? (Topic Hub)",
        "How should we cache? (Topic Hub)",
        "When do caches fail? (Sub-Map)",
    ]
    assert len(garden.select("a")) == 9  # every note a hub shows
    assert not garden.select("line.hubs-graph-related, line.hubs-graph-links")

    index = built.html("notes-index")
    assert stats(index) == "9 notes · 3 hubs"
    listing = index.select_one(".hubs-index")
    assert [
        (text_of(term.a), text_of(term.find_next_sibling("dd")))
        for term in listing.find_all("dt")
    ] == directive_example_listing()


def test_what_the_directive_reference_says_about_its_example():
    # what the page says about the example: five notes match, a draft does not
    root = DIRECTIVES / "myst"
    tagged = sorted(
        path.relative_to(root).with_suffix("").as_posix()
        for folder in ("notes", "runbooks")
        for path in (root / folder).rglob("*.md")
        if {"incident", "postmortem"} & set(front_matter(path)["tags"])
    )
    assert tagged == [
        "notes/incidents/cold-start",
        "notes/incidents/stale-prices",
        "notes/incidents/thundering-herd",
        "runbooks/drafts/failover",
        "runbooks/flush",
        "runbooks/warm-up",
    ]
    assert front_matter(root / "notes" / "invalidation.md")["hubs"] == ["operations"]


def test_sections_nested_by_backtick_fences(snippet):
    root = DIRECTIVES / "backticks"
    namespace: dict = {}
    exec((root / "conf.py").read_text(encoding="utf-8"), namespace)
    assert "myst_enable_extensions" not in namespace  # no colon_fence
    built = snippet("directives/backticks")
    assert built.warnings == ""
    assert sections(built.html("caching")) == [
        ("core-insights", "Core insights", "1 note", [INVALIDATION])
    ]


def test_cards_in_containers_count_in_their_section(snippet):
    built = snippet("directives/containers")
    assert built.warnings == ""
    page = built.html("caching")
    # the dropdown and the tabs are drawn as written, their cards counted;
    # the section's grid follows its other content
    assert sections(page) == [
        (
            "core-insights",
            "Core insights",
            "4 notes",
            [
                "Choosing a TTL",
                "Cache stampedes",
                "Warming up a cache",
                "Invalidate on write",
            ],
        )
    ]
    section = page.select_one("section#core-insights")
    assert len(section.select(".hubs-grid .hubs-card")) == 1
    assert len(section.select("details .hubs-card")) == 1
    assert len(section.select(".sd-tab-set .hubs-card")) == 2
    # the section in ``only latex`` is neither shown nor counted in HTML
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 4 linked notes · 1 section"
    )
    text = snippet("directives/containers", "text").text("caching.txt")
    assert "For the printed handbook" not in text
    latex = snippet("directives/containers", "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text()
    assert "For the printed handbook" in tex
    assert "2 sections" in tex


# -- reference/front-matter.md ---------------------------------------------

HOT_KEYS = "How do we find hot keys early?"


@pytest.mark.parametrize("flavour", ["myst", "rst"])
def test_the_front_matter_examples(snippet, flavour):
    built = snippet(f"front-matter/{flavour}")
    assert built.warnings == ""
    caching = built.html("caching")
    assert sections(caching) == [
        ("core-insights", "Core insights", "2 notes", [INVALIDATION, STAMPEDE]),
        # members, newest date first
        ("open-questions", "Open questions", "2 notes", [HOT_KEYS, TTL]),
    ]
    assert cards(caching)[3] == ("Choosing a TTL", "notes/ttl.html", TTL_DESCRIPTION)

    # "../reliability" names a hub without a :default: section
    reliability = built.html("reliability")
    assert sections(reliability) == [
        ("failure-modes", "Failure modes", "1 note", [STAMPEDE]),
        ("notes", "Notes", "1 note", [HOT_KEYS]),
    ]
    assert "hubs-default-section" in reliability.select_one("section#notes")["class"]
    assert "#notes" in [a["href"] for a in reliability.select(".sphinxsidebar a")]
    assert stats(reliability) == "Topic Hub · 2 linked notes · 2 sections"

    related = built.html("notes/ttl").select_one(".hubs-related")
    assert [text_of(a) for a in related.select(".hubs-appears-in a")] == [
        "How should we cache?"
    ]
    assert [text_of(a) for a in related.select(".hubs-related-notes a")] == [
        INVALIDATION,
        STAMPEDE,
    ]
    listing = text_of(built.html("notes-index").select_one(".hubs-index"))
    assert TTL_DESCRIPTION in listing


def test_a_plain_string_in_yaml_counts_but_warns(build, tmp_path):
    src = project_copy(tmp_path, "front-matter/myst")
    edit(
        src / "notes" / "ttl.md",
        "hubs: [caching#open-questions]",
        "hubs: caching#open-questions",
    )
    built = build(src, src=src)
    (warning,) = warning_lines(built)
    assert "notes/ttl.md:6:" in warning
    assert "should be a list: write hubs: [caching#open-questions]" in warning
    assert warning.endswith("[hubs.metadata]")
    assert sections(built.html("caching"))[1][3] == [HOT_KEYS, TTL]


# -- reference/roles.md ----------------------------------------------------

ROLES = SNIPPETS / "roles"
CACHING_BASE = "https://example.org/caching/"


def paragraph_links(page) -> list[tuple[str, str, str]]:
    """(text, href, tooltip) of the links in the paragraphs of a page."""
    return [
        (text_of(a), a["href"], a.get("title", ""))
        for a in page.select("div.body p a.reference")
    ]


def test_the_roles_link_with_titles_and_descriptions(snippet, caching_inventory):
    built = snippet("roles", **linking(caching_inventory))
    assert built.warnings == ""
    garden = ROLES / "garden"
    local = [
        (
            HUB,
            "garden/compute-budget.html",
            "Navigation hub exploring how to optimally spend compute at "
            "inference time rather than just training.",
        ),
        (
            OVERTHINKING,
            "garden/maps/overthinking.html",
            "Research shows that extending inference-time reasoning beyond a "
            "task-dependent threshold degrades accuracy rather than improving it.",
        ),
        (
            THRESHOLD,
            "garden/notes/thinking-token-threshold.html",
            front_matter(garden / "notes" / "thinking-token-threshold.md")[
                "description"
            ],
        ),
        (
            "the question about self-supervised rewards",
            "garden/notes/self-supervised-prm.html",
            front_matter(garden / "notes" / "self-supervised-prm.md")["description"],
        ),
    ]
    other = [
        ("Invalidate on write", CACHING_BASE + "notes/invalidation.html"),
        ("How should we cache?", CACHING_BASE + "caching.html"),
        ("Choosing a TTL", CACHING_BASE + "notes/ttl.html"),
    ]
    for page in ("index", "restructuredtext"):
        links = paragraph_links(built.html(page))
        assert links[:4] == local, page
        assert [link[:2] for link in links[4:]] == other, page


def test_the_roles_page_shows_the_paragraph_of_the_example():
    """reference/roles.md renders the example's paragraph, linking to the demo
    garden, which has the same document names as the example project."""

    def paragraph(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        return text.split("% start-local\n")[1].split("% end-local\n")[0]

    page = paragraph(DOCS / "reference" / "roles.md")
    assert page == paragraph(ROLES / "index.md")
    targets = re.findall(r"[`<]/(garden/[\w/-]+)>?`", page)
    assert len(targets) == 4
    for target in targets:
        assert (DOCS / f"{target}.md").is_file(), target
        assert (ROLES / f"{target}.md").is_file(), target


def test_links_that_lead_nowhere(build, tmp_path, caching_inventory):
    src = project_copy(tmp_path, "roles")
    with (src / "index.md").open("a", encoding="utf-8") as index:
        index.write(
            "\nNowhere: {note}`/garden/nothing`, {note}`caching:notes/nothing`,"
            " {hub}`caching:notes/ttl`. A note as a hub:"
            " {hub}`/garden/notes/self-supervised-prm`.\n"
        )
    built = build(src, src=src, **linking(caching_inventory))
    warnings = warning_lines(built)
    assert len(warnings) == 4
    assert all(line.endswith("[hubs.missing]") for line in warnings)
    for target in (
        "'garden/nothing'",
        "'caching:notes/nothing'",
        "'caching:notes/ttl'",
        "'garden/notes/self-supervised-prm' is a page but not a hub",
    ):
        assert any(target in line for line in warnings), target
    last = built.html("index").select("div.body p")[-1]
    # not found: the text without a link; a note named as a hub: still a link
    assert [text_of(a) for a in last.select("a")] == [PRM]


# -- reference/config.md ---------------------------------------------------


def test_the_config_values_and_labels(snippet):
    root = SNIPPETS / "config"
    built = snippet("config")
    assert built.warnings == ""
    hub = built.html("maps/caching")
    assert stats(hub) == "Map · 3 linked notes · 2 sections"
    assert sections(hub) == [
        ("start-here", "Start here", "1 card", ["About these notes"]),
        ("caching", "Caching", "2 cards", [TTL, INVALIDATION]),
    ]
    assert {grid["class"][1] for grid in hub.select(".hubs-grid")} == {"hubs-columns-3"}
    assert {text_of(a) for a in hub.select("a.hubs-read")} == {"Continue →"}
    # tagged caching too, but not a note: the draft, and the about page
    assert front_matter(root / "notes" / "drafts" / "write-behind.md")["tags"] == [
        "caching"
    ]
    assert front_matter(root / "about.md")["tags"] == ["caching"]
    assert (built.outdir / "notes" / "drafts" / "write-behind.html").is_file()
    assert hubs_objects(built.outdir / "objects.inv") == {
        ("hubs:hub", "maps/caching"): "How should we cache?",
        ("hubs:note", "notes/invalidation"): INVALIDATION,
        ("hubs:note", "notes/ttl"): TTL,
    }
    index = built.html("notes-index")
    assert stats(index) == "2 cards · 1 hub"
    assert [text_of(term.a) for term in index.select(".hubs-index dt")] == [
        "How should we cache?",
        TTL,
        INVALIDATION,
    ]


# -- guides/themes-and-formats.md ------------------------------------------


def test_german_labels_with_one_of_them_replaced(snippet):
    built = snippet("languages")
    assert built.warnings == ""
    hub = built.html("caching")
    assert stats(hub) == "Themen-Hub · 2 verknüpfte Notizen · 1 Abschnitt"
    assert text_of(hub.select_one(".hubs-back")) == "Alle Notizen"
    assert [text_of(b) for b in hub.select(".hubs-viewas button")] == [
        "Karten",
        "Liste",
    ]
    assert sections(hub) == [
        (
            "erkenntnisse",
            "Erkenntnisse",
            "2 Notizen",
            ["Beim Schreiben invalidieren", "Eine TTL wählen"],
        )
    ]
    assert {text_of(a) for a in hub.select("a.hubs-read")} == {"Weiter"}
    assert {text_of(a) for a in hub.select("a.hubs-explore")} == {"Verwandtes erkunden"}
    # the accessible name is another label, and stays translated
    assert hub.select_one("a.hubs-read")["aria-label"] == (
        "Lesen: Beim Schreiben invalidieren"
    )


# -- explanation/performance.md --------------------------------------------


def test_a_large_garden_lets_the_garbage_collector_run_less_often(build, tmp_path):
    before = gc.get_threshold()
    # Python's own thresholds (tests/conftest.py sets others), which the
    # snippet's conf.py changes
    gc.set_threshold(700, 10, 10)
    try:
        # a build of its own (not one kept from another test): conf.py runs
        src = copy_project(SNIPPETS / "large-garden", tmp_path / "src")
        built = build(None, src=src)
        assert gc.get_threshold() == (50_000, 20, 100)  # conf.py ran it
    finally:
        gc.set_threshold(*before)
    assert built.warnings == ""
    hub = built.html("map")
    titles = ["Site 3", "Site 2", "Site 1"]
    assert sections(hub) == [("recent", "Recent", "3 notes", titles)]
