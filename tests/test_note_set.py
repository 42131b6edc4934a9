"""Which documents are notes by default: titled pages that are part of the
site -- not untitled pages, not fragments included into other pages, not
API pages -- and each of those back in when ``hubs_skip`` lets it."""

from __future__ import annotations

import pytest
from conftest import located_warnings, text_of, write_project

CONF = """
import os, sys
sys.path.insert(0, os.path.abspath("."))
extensions.append("sphinx.ext.autodoc")
exclude_patterns.append("*.py")
"""

MODULE = '''"""A small module."""


def greet(name):
    """Say hello to *name*."""


class Thing:
    """A thing."""

    def use(self):
        """Use it."""
'''

FILES = {
    "conf.py": CONF,
    "acme.py": MODULE,
    "hub.md": "# Hub\n\n```{hub}\n```\n\n:::{section} Everything\n:glob: **\n:::\n",
    # notes
    "notes/guide.md": "# Guide\n\nHow to use it.\n\n```{include} parts/steps.md\n```\n",
    "notes/tutorial.rst": "Tutorial\n========\n\nFirst steps with acme.\n\n"
    ".. include:: parts/rst-part.rst\n\nThen call it:\n\n"
    ".. py:function:: acme.greet(name)\n   :no-index:\n\n   Hello.\n\n"
    "It greets.\n",
    # not notes: untitled, included, API
    "notes/untitled.md": "---\norphan: true\n---\nJust some text, no title.\n",
    "notes/parts/steps.md": "---\norphan: true\n---\n## Steps\n\nOne, two.\n",
    "notes/parts/rst-part.rst": ":orphan:\n\nPart\n----\n\nA part.\n",
    "api/acme.rst": "acme\n====\n\n.. automodule:: acme\n   :members:\n",
    "api/acme.Thing.rst": "acme.Thing\n==========\n\n.. autoclass:: acme.Thing\n"
    "   :members:\n   :no-index:\n",
    "api/index.rst": "API\n===\n\n.. toctree::\n\n   acme\n   acme.Thing\n",
}

NOTES = {"hub", "notes/guide", "notes/tutorial"}
UNTITLED = {"notes/untitled"}
INCLUDED = {"notes/parts/steps", "notes/parts/rst-part"}
API = {"api/acme", "api/acme.Thing"}


@pytest.fixture
def project(build, tmp_path):
    counter = iter(range(100))

    def _project(files=None, **conf):
        root = write_project(tmp_path / f"p{next(counter)}", {**FILES, **(files or {})})
        return build(None, src=root, **conf)

    return _project


def listed(built) -> set[str]:
    """The documents the all-notes page lists."""
    return {
        link["href"].removesuffix(".html")
        for link in built.html("notes-index").select(".hubs-index dt a")
    }


def collected(built) -> set[str]:
    """The documents the hub's glob section shows."""
    return {
        link["href"].removesuffix(".html")
        for link in built.html("hub").select(".hubs-card-title a")
    }


def test_by_default_only_titled_pages_of_the_site(project):
    built = project()
    assert located_warnings(built) == []
    notes = NOTES | {"api/index", "index"}
    assert listed(built) == notes
    assert collected(built) == notes - {"hub"}
    # a page described with one py:function among its prose is still a note
    assert "notes/tutorial" in listed(built)


@pytest.mark.parametrize(
    ("skip", "back"),
    [
        ([], UNTITLED | INCLUDED | API),
        (["untitled", "included"], API),
        (["untitled", "api"], INCLUDED),
        (["included", "api"], UNTITLED),
    ],
)
def test_each_kind_comes_back_when_not_skipped(project, skip, back):
    built = project(hubs_skip=skip)
    assert listed(built) == NOTES | {"api/index", "index"} | back
    if back >= UNTITLED:  # an untitled page is named by its docname
        entry = built.html("notes-index").select_one('dt a[href="notes/untitled.html"]')
        assert text_of(entry) == "notes/untitled"


def test_an_unknown_kind_is_a_warning(project):
    built = project({"conf.py": CONF + "hubs_skip = ['api', 'fragments']\n"})
    assert located_warnings(built) == [
        (
            "conf.py:9",
            "hubs_skip has 'fragments', which is none of 'untitled', 'included', "
            "'api'; it is left out",
            "config",
        )
    ]
    assert listed(built) == NOTES | {"api/index", "index"} | UNTITLED | INCLUDED


def test_a_page_no_longer_included_becomes_a_note(project, build):
    built = project()
    assert "notes/parts/steps" not in listed(built)
    (built.srcdir / "notes/guide.md").write_text("# Guide\n\nHow to use it.\n")
    again = build(None, src=built.srcdir)
    assert "notes/parts/steps" in listed(again)
    assert "notes/parts/steps" in collected(again)


def test_a_note_set_glob_still_needs_the_page_to_be_a_note(project):
    built = project(hubs_notes=["api/**", "notes/**"])
    assert listed(built) == {"hub", "notes/guide", "notes/tutorial", "api/index"}
    again = project(hubs_notes=["api/**"], hubs_skip=["untitled", "included"])
    assert listed(again) == {"hub", "api/index"} | API
