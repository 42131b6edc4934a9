"""The example projects of the documentation (docs/snippets/) build without
warnings, and show what the pages that include them say they show.

Each folder under docs/snippets/ with a ``conf.py`` is a complete Sphinx
project. The tutorial and the how-to guides show its files with
``literalinclude``, so what readers copy is what is built here.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import time
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import DOCS, text_of
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
            text_of(section.find("h2")).rstrip("¶ "),
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


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def finish(built) -> None:
    """Reset docutils' global registries after a build, so that the next
    build in the same test starts clean (and warns about nothing)."""
    built.app.cleanup()


def touch_later(path: Path) -> None:
    """Give *path* an mtime clearly after the last build read it."""
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def caching_inventory(build) -> Path:
    """objects.inv of the tutorial's project, as if it were published."""
    built = build(SNIPPETS / "first-hub")
    finish(built)
    return built.outdir / "objects.inv"


# -- every project ---------------------------------------------------------


def test_the_projects_are_found():
    assert projects() == [
        "existing-docs-rst",
        "first-hub",
        "intersphinx",
        "labels",
        "migrate/after",
        "migrate/before",
        "read-the-docs/docs",
    ]


@pytest.mark.parametrize("project", projects())
def test_every_project_builds_without_warnings(build, project, request):
    conf = {}
    if project == "intersphinx":
        inv = request.getfixturevalue("caching_inventory")
        conf["intersphinx_mapping"] = {
            "caching": ("https://example.org/caching/", str(inv))
        }
    built = build(SNIPPETS / project, **conf)
    assert built.warnings == ""
    assert (built.outdir / "index.html").is_file()


def test_the_main_docs_do_not_read_the_snippets():
    namespace: dict = {}
    exec((DOCS / "conf.py").read_text(encoding="utf-8"), namespace)
    assert "snippets" in namespace["exclude_patterns"]


# -- the tutorial: getting-started.md --------------------------------------


def test_first_hub_is_what_the_tutorial_describes(build):
    built = build(SNIPPETS / "first-hub")
    assert built.warnings == ""
    hub = built.html("caching")

    back = hub.select_one(".hubs-back")
    assert text_of(back) == "← All notes"
    assert back.a["href"] == "notes-index.html"
    assert text_of(hub.select_one("h1")).rstrip("¶ ") == "How should we cache?"
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
    for card, name in zip(hub.select(".hubs-card"), notes, strict=True):
        assert card.select_one("a.hubs-explore")["href"] == f"notes/{name}.html#related"
        assert text_of(card.select_one("a.hubs-read")) == "Read →"

    # "Explore related" on "Choosing a TTL"
    related = built.html("notes/ttl").select_one(".hubs-related")
    assert related.select_one("#related") is not None
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
    assert [text_of(term) for term in index.select("dl.hubs-index dt")] == [
        "Cache stampedes",
        "Choosing a TTL",
        "How should we cache?",
        "Invalidate on write",
    ]

    # the start page's {hub} link
    link = built.html("index").select_one("div.body a.reference")
    assert (text_of(link), link["href"]) == ("How should we cache?", "caching.html")


def test_changing_a_note_updates_its_hub(build):
    """Step 8 of the tutorial: a new description, then the same build command."""
    first = build(SNIPPETS / "first-hub")
    finish(first)
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
    listing = text_of(second.html("notes-index").select_one("dl.hubs-index"))
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


def test_existing_docs_get_a_hub_and_standalone_cards(build):
    built = build(SNIPPETS / "existing-docs-rst")
    assert built.warnings == ""
    hub = built.html("guides/index")
    assert hub.select_one(".hubs-back") is None  # hubs_index_docname = ""
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


def test_migrated_cards_show_the_same_titles_texts_and_links(build):
    before = build(SNIPPETS / "migrate" / "before")
    finish(before)
    after = build(SNIPPETS / "migrate" / "after")
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
    # the tutorials get a Related block, and the cards "Explore related"
    related = after.html("tutorials/export").select_one(".hubs-related")
    assert [text_of(a) for a in related.select(".hubs-appears-in a")] == [
        "Plotting guide"
    ]
    assert len(hub.select("a.hubs-explore")) == 3


def test_migrated_cards_without_related_blocks(build):
    after = build(SNIPPETS / "migrate" / "after", hubs_related_block=False)
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


def test_links_into_another_project(build, caching_inventory):
    built = build(
        SNIPPETS / "intersphinx",
        intersphinx_mapping={
            "caching": ("https://example.org/caching/", str(caching_inventory))
        },
    )
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


def test_labels_columns_and_css(build):
    built = build(SNIPPETS / "labels")
    assert built.warnings == ""
    hub = built.html("handbook")
    back = hub.select_one(".hubs-back")
    assert text_of(back) == "← Handbook index"
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
    import re

    import sphinxext_hubs

    ours = (sphinxext_hubs.STATIC_DIR / "hubs.css").read_text()
    example = (SNIPPETS / "labels" / "_static" / "hubs-custom.css").read_text()
    used = set(re.findall(r"(--hubs-[\w-]+)\s*:", example))
    assert used
    assert used <= set(re.findall(r"var\((--hubs-[\w-]+)\)", ours))


# -- guides/read-the-docs.md -----------------------------------------------


def test_read_the_docs_example_points_at_real_files(build):
    root = SNIPPETS / "read-the-docs"
    config = yaml.safe_load((root / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert config["sphinx"]["fail_on_warning"] is True
    assert (root / config["sphinx"]["configuration"]).is_file()
    (install,) = config["python"]["install"]
    requirements = (root / install["requirements"]).read_text().split()
    assert "sphinxext-hubs" in requirements
    built = build(root / "docs")
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
