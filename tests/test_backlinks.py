"""Backlinks: a note's Related block lists, under "Linked from", the notes
and hubs whose text links to it -- by every link form of MyST and
reStructuredText, and by a standalone card -- each once, with its title and
description; never the note itself, a hub already listed under "Appears in"
or a note already listed under "Related notes".  Adding or removing a link
rewrites the linked note on the next incremental build."""

from __future__ import annotations

import pytest
from conftest import build_project, text_of, write_project

TARGET = """---
hubs: [hub]
description: The note the others link to.
related: [notes/listed]
---
(target-label)=
# Target note

It links to itself: {doc}`target`.
"""

#: Pages that link the target, by link form: name -> (suffix, body).
LINKS = {
    "note-role": ("md", "See {note}`target`."),
    "note-text": ("md", "See {note}`the target <target>`."),
    "doc-role": ("md", "See {doc}`target`."),
    "doc-absolute": ("md", "See {doc}`/notes/target`."),
    "ref-role": ("md", "See {ref}`target-label`."),
    "md-path": ("md", "See [the target](target.md)."),
    "md-path-empty": ("md", "See [](target.md)."),
    "md-absolute": ("md", "See [the target](/notes/target)."),
    "md-anchor": ("md", "See [the target](target.md#target-note)."),
    "md-label": ("md", "See [](#target-label)."),
    "md-project": ("md", "See <project:target.md>."),
    "card": ("md", "A card:\n\n```{notecard} target\n```"),
    "twice": ("md", "See {doc}`target` and [again](target.md)."),
    "rst-doc": ("rst", "See :doc:`target`."),
    "rst-ref": ("rst", "See :ref:`target-label`."),
    "rst-note": ("rst", "See :note:`target`."),
}


def _page(name: str, suffix: str, body: str) -> str:
    title = f"From {name}"
    if suffix == "rst":
        return f"{title}\n{'=' * len(title)}\n\nAbout {name}.\n\n{body}\n"
    return f"---\ndescription: About {name}.\n---\n# {title}\n\n{body}\n"


HUB = """# Hub

:::{hub}
It shows {note}`notes/target` too.
:::

:::{section} Notes
:default:
:::
"""

#: Headings have anchors (``#target-note``), as MyST makes them.
CONF = "myst_heading_anchors = 2\n"

FILES: dict[str, str | None] = {
    "conf.py": CONF,
    "index.md": "# Home\n\n```{toctree}\n:glob:\n\n*\nnotes/*\n```\n",
    "hub.md": HUB,
    "notes/target.md": TARGET,
    # listed as a related note: not repeated under "Linked from"
    "notes/listed.md": "# Listed\n\nSee {doc}`target`.\n",
    # links elsewhere only
    "notes/unrelated.md": "# Unrelated\n\nSee {doc}`listed`.\n",
    **{
        f"notes/{name}.{suffix}": _page(name, suffix, body)
        for name, (suffix, body) in LINKS.items()
    },
}


def _built(root):
    write_project(root, FILES)
    return build_project(root, root / "_build")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _built(tmp_path_factory.mktemp("backlinks"))


def linked_from(page) -> dict[str, str]:
    """The "Linked from" list of a page: link text -> description."""
    listing = page.select_one(".hubs-related .hubs-linked-from")
    if listing is None:
        return {}
    found = {}
    for item in listing.select("li"):
        link = item.select_one("a")
        description = item.select_one(".hubs-related-description")
        found[text_of(link)] = text_of(description) if description else ""
    return found


def test_the_build_is_clean(built):
    assert built.warnings == ""


def test_every_link_form_is_a_backlink_once(built):
    page = built.html("notes/target")
    listed = linked_from(page)
    expected = {f"From {name}": f"About {name}." for name in LINKS}
    assert listed == expected
    # each once, in title order
    items = page.select(".hubs-linked-from li a")
    titles = [text_of(a) for a in items]
    assert titles == sorted(expected, key=str.casefold)
    heading = page.select_one(".hubs-linked-from").find_previous_sibling()
    assert text_of(heading) == "Linked from"


def test_not_itself_nor_what_the_block_lists_already(built):
    page = built.html("notes/target")
    block = page.select_one(".hubs-related")
    appears = [text_of(a) for a in block.select(".hubs-appears-in a")]
    related = [text_of(a) for a in block.select(".hubs-related-notes a")]
    assert appears == ["Hub"]
    assert related == ["Listed"]
    listed = linked_from(page)
    for shown in ("Target note", "Hub", "Listed", "Unrelated"):
        assert shown not in listed


def test_links_lead_to_the_linking_pages(built):
    page = built.html("notes/target")
    hrefs = {text_of(a): a["href"] for a in page.select(".hubs-linked-from a")}
    assert hrefs["From rst-doc"] == "rst-doc.html"
    assert hrefs["From card"] == "card.html"


def test_off(tmp_path):
    write_project(tmp_path, {**FILES, "conf.py": CONF + "hubs_backlinks = False\n"})
    built = build_project(tmp_path, tmp_path / "_build")
    assert built.warnings == ""
    assert linked_from(built.html("notes/target")) == {}
    assert built.html("notes/target").select_one(".hubs-related") is not None


def test_a_link_added_or_removed_rewrites_the_linked_note(tmp_path):
    src = tmp_path / "src"
    first = _built(src)
    assert "Unrelated" not in linked_from(first.html("notes/target"))
    (src / "notes/unrelated.md").write_text(
        "# Unrelated\n\nSee {doc}`listed` and [the target](target.md).\n"
    )
    (src / "notes/twice.md").write_text(_page("twice", "md", "No link now."))
    again = build_project(src, src / "_build")  # incremental: the same env
    assert again.warnings == ""
    assert "0 added, 2 changed, 0 removed" in again.app.status.getvalue()
    listed = linked_from(again.html("notes/target"))
    assert "Unrelated" in listed
    assert "From twice" not in listed
    # the same as a clean build of the same sources
    clean = build_project(src, tmp_path / "clean")
    assert linked_from(clean.html("notes/target")) == listed
