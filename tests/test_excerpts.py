"""A card's description and title read as the page reads.

Every kind of link, in MyST and in reStructuredText, with and without text
of its own, shows on a card what the page shows; footnote marks, images,
badges and icons are not text; a paragraph of badges or a lead-in that
introduces a list or code block is not the excerpt; a title with markup
or an icon is its plain text.  Each case is a note of its own on one hub,
and its card is compared with the note's own page as built."""

from __future__ import annotations

import re

import pytest
from conftest import text_of, write_inventory, write_project

CONF = """
extensions.append("sphinx.ext.intersphinx")
intersphinx_mapping = {"python": ("https://docs.python.org/3", "python.inv")}
myst_enable_extensions = ["colon_fence", "substitution"]
myst_substitutions = {"project": "Acme"}
myst_footnote_transition = False
hubs_index_docname = ""
"""

TARGET = "(shown-label)=\n# Target page\n\nThe page links point to.\n"

#: MyST link forms: (name, paragraph); each paragraph is a note's first.
MYST_LINKS = {
    "doc": "See {doc}`target` now.",
    "doc-text": "See {doc}`the page <target>` now.",
    "doc-absolute": "See {doc}`/notes/target` now.",
    "ref": "See {ref}`shown-label` now.",
    "ref-text": "See {ref}`that label <shown-label>` now.",
    "md-path": "See [](target.md) now.",
    "md-path-text": "See [the page](target.md) now.",
    "md-absolute": "See [](/notes/target) now.",
    "md-absolute-text": "See [the page](/notes/target) now.",
    "md-label": "See [](#shown-label) now.",
    "md-label-text": "See [that label](#shown-label) now.",
    "md-url": "See [the site](https://example.org) now.",
    "md-autolink": "See <https://example.org> now.",
    "note": "See {note}`target` now.",
    "note-text": "See {note}`the note <target>` now.",
    "remote-doc": "See {doc}`python:tutorial/index` now.",
    "remote-ref": "See {ref}`python:tut-intro` now.",
    "substitution": "See {{ project }} now.",
    "emphasis": "See *this* and `code` now.",
}

#: The same in reStructuredText.
RST_LINKS = {
    "rst-doc": "See :doc:`target` now.",
    "rst-doc-text": "See :doc:`the page <target>` now.",
    "rst-ref": "See :ref:`shown-label` now.",
    "rst-ref-text": "See :ref:`that label <shown-label>` now.",
    "rst-url": "See `the site <https://example.org>`_ now.",
    "rst-note": "See :note:`target` now.",
    "rst-remote-doc": "See :doc:`python:tutorial/index` now.",
    "rst-remote-ref": "See :ref:`python:tut-intro` now.",
}

#: What another project's inventory says of the pages linked above.
INVENTORY = (
    b"tut-intro std:label -1 tutorial/introduction.html#$ "
    b"An Informal Introduction to Python\n"
    b"tutorial/index std:doc -1 tutorial/index.html The Python Tutorial\n"
)


def _md(title: str, body: str) -> str:
    return f"# {title}\n\n{body}\n"


def _rst(title: str, body: str) -> str:
    return f"{title}\n{'=' * len(title)}\n\n{body}\n"


#: What is not text, and paragraphs that are not the excerpt: (name,
#: source, description the card shows).
SKIPPED = {
    "footnote.md": (
        _md("Footnote", "A claim[^1] and another[^2].\n\n[^1]: One.\n[^2]: Two."),
        "A claim and another.",
    ),
    "badges.md": (
        _md(
            "Badges",
            "[![Github-CI](https://img.shields.io/ci.svg)](https://ci.example.org)"
            " [![Coverage Status](https://img.shields.io/c.svg)]"
            "(https://c.example.org)\n\nA library of components.",
        ),
        "A library of components.",
    ),
    "html-image.md": (
        _md("Raw image", '<img src="x.svg" alt="Badge"> Components with icons.'),
        "Components with icons.",
    ),
    "icon.md": (
        _md("Icon", "{octicon}`star` Stars everywhere."),
        "Stars everywhere.",
    ),
    "lead-list.md": (
        _md("Lead list", "It has three parts:\n\n- one\n- two\n\nParts are joined."),
        "Parts are joined.",
    ),
    "lead-code.md": (
        _md("Lead code", "To install it, run:\n\n```\npip install acme\n```\n\nDone."),
        "Done.",
    ),
    "lead-caption.md": (
        _md(
            "Lead caption",
            "Write this:\n\n```{code-block} python\n:caption: conf.py\n\nx = 1\n```"
            "\n\nThen build.",
        ),
        "Then build.",
    ),
    "colon-kept.md": (
        _md("Colon kept", "One thing matters: the order.\n\nMore."),
        "One thing matters: the order.",
    ),
    "rst-badges.rst": (
        ".. |ci| image:: https://img.shields.io/ci.svg\n"
        "   :alt: Github-CI\n   :target: https://ci.example.org\n\n|ci|\n\n"
        + _rst("Rst badges", "|ci| Backups [#f]_ made simple.\n\n.. [#f] Daily."),
        "Backups made simple.",
    ),
    "rst-lead.rst": (
        _rst("Rst lead", "Run::\n\n   acme backup\n\nThe backup runs."),
        "The backup runs.",
    ),
}

#: Titles with markup: (source, the title as a card and the page show it).
TITLES = {
    "title-icon.md": (
        "# Badges, Buttons & Icons {octicon}`star`\n\nIcons.\n",
        "Badges, Buttons & Icons",
    ),
    "title-markup.md": ("# The *quick* `fox`\n\nText.\n", "The quick fox"),
    "title-rst.rst": (
        _rst("Stars |star| and :sup:`up`", "Text.\n\n.. |star| unicode:: U+2605"),
        "Stars \u2605 and up",
    ),
}

HUB = """# Hub

:::{hub}
:::

:::{section} All
:glob: notes/*
:::
"""


def _project(root):
    """The project: a hub of every case, each a note of its own."""
    files: dict[str, str | None] = {"conf.py": CONF, "hub.md": HUB}
    files["notes-index.md"] = None  # none: hubs_index_docname is ""
    files["index.md"] = "# Home\n\n```{toctree}\n:glob:\n\nhub\nnotes/*\n```\n"
    files["notes/target.md"] = TARGET
    for name, paragraph in MYST_LINKS.items():
        files[f"notes/{name}.md"] = _md(f"Link {name}", paragraph)
    for name, paragraph in RST_LINKS.items():
        files[f"notes/{name}.rst"] = _rst(f"Link {name}", paragraph)
    for name, (source, _) in {**SKIPPED, **TITLES}.items():
        files[f"notes/{name}"] = source
    write_project(root, files)
    write_inventory(root / "python.inv", INVENTORY)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_project

    root = _project(tmp_path_factory.mktemp("excerpts"))
    return build_project(root, root / "_build")


def _cards(built) -> dict[str, tuple[str, str]]:
    """docname -> (card title, card description) on the hub."""
    found = {}
    for card in built.html("hub").select(".hubs-card"):
        link = card.select_one(".hubs-card-title a")
        docname = re.sub(r"\.html$", "", link["href"])
        description = card.select_one(".hubs-card-description")
        found[docname] = (
            link.get_text(),
            text_of(description) if description is not None else "",
        )
    return found


@pytest.fixture(scope="module")
def cards(built) -> dict[str, tuple[str, str]]:
    return _cards(built)


def _read(built, docname: str) -> str:
    """The note's first paragraph as its page shows it, without footnote
    marks."""
    page = built.html(docname)
    paragraph = page.select_one("section p")
    for mark in paragraph.select(".footnote-reference"):
        mark.decompose()
    return text_of(paragraph)


def test_the_build_is_clean(built):
    assert built.warnings == ""


@pytest.mark.parametrize("name", [*MYST_LINKS, *RST_LINKS])
def test_every_link_shows_what_the_page_shows(built, cards, name):
    title, description = cards[f"notes/{name}"]
    assert title == f"Link {name}"
    assert description == _read(built, f"notes/{name}")
    assert "target" not in description.replace("Target page", "")
    assert "shown-label" not in description
    assert "python:" not in description


def test_links_without_text_name_the_title(cards):
    for name in ("doc", "doc-absolute", "md-path", "md-absolute", "note", "rst-doc"):
        assert cards[f"notes/{name}"][1] == "See Target page now.", name
    for name in ("ref", "md-label", "rst-ref"):
        assert cards[f"notes/{name}"][1] == "See Target page now.", name
    # in another project: the title its inventory gives
    for name in ("remote-doc", "rst-remote-doc"):
        assert cards[f"notes/{name}"][1] == "See The Python Tutorial now.", name
    for name in ("remote-ref", "rst-remote-ref"):
        assert cards[f"notes/{name}"][1] == (
            "See An Informal Introduction to Python now."
        ), name


@pytest.mark.parametrize("name", SKIPPED)
def test_what_is_not_text_is_not_the_excerpt(cards, name):
    docname = "notes/" + name.rsplit(".", 1)[0]
    assert cards[docname][1] == SKIPPED[name][1]


@pytest.mark.parametrize("name", TITLES)
def test_a_title_is_its_plain_text(built, cards, name):
    docname = "notes/" + name.rsplit(".", 1)[0]
    title = TITLES[name][1]
    assert cards[docname][0] == title
    # as the page's own heading reads (without its permalink)
    heading = built.html(docname).select_one("h1")
    for extra in heading.select(".headerlink"):
        extra.decompose()
    assert text_of(heading) == title


def test_a_renamed_label_renames_the_excerpt(build, tmp_path):
    src = _project(tmp_path / "src")
    build(None, src=src)
    (src / "notes/target.md").write_text(
        "(shown-label)=\n# Moved page\n\nThe page links point to.\n"
    )
    again = build(None, src=src)
    # incremental (the copy keeps its environment): one page read again
    assert "0 added, 1 changed, 0 removed" in again.app.status.getvalue()
    cards = _cards(again)
    assert cards["notes/ref"][1] == "See Moved page now."
    assert cards["notes/md-label"][1] == "See Moved page now."
    assert cards["notes/doc"][1] == "See Moved page now."
