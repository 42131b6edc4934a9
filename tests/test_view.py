"""Pages are drawn from their view alone: what a page shows of other pages.

While Sphinx writes pages, nothing of the extension may read another page's
record -- drawing and staleness must come from the same view, or an
incremental build could show what the staleness check did not cover.  The
test builds the demo-like project once normally and once with the records
locked from the end of reading on, and compares every output.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import text_of

from sphinxext_hubs.data import HubsData

BUILDERS = ["html", "singlehtml", "latex", "text"]


class Locked(RuntimeError):
    pass


#: Added to the project's conf.py: lock the records once all pages are read
#: (Sphinx's ``env-check-consistency`` comes after the environment is saved
#: and before any page is written), unlock them when the build ends.
LOCKING = """
from sphinxext_hubs.data import HubsData

def _lock(app, env):
    HubsData.locked_for_test = "engaged"

def _unlock(app, exception):
    HubsData.locked_for_test = "released"

def setup(app):
    app.connect("env-check-consistency", _lock)
    # the pages are written: released before any other build-finished
    # listener (the garden's JSON file reads every record then)
    app.connect("build-finished", _unlock, priority=1)
"""


@pytest.fixture
def lockable(monkeypatch):
    """``HubsData.notes`` / ``.hubs`` raise while the records are locked."""
    monkeypatch.setattr(HubsData, "locked_for_test", "", raising=False)
    for name in ("notes", "hubs"):
        original = getattr(HubsData, name)

        def guarded(self, original=original, name=name):
            if HubsData.locked_for_test == "engaged":
                raise Locked(f"HubsData.{name} read while pages are written")
            return original.fget(self)

        monkeypatch.setattr(HubsData, name, property(guarded))


def _outputs(built, builder):
    suffix = {"latex": ".tex", "text": ".txt"}.get(builder, ".html")
    return {
        path.relative_to(built.outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(built.outdir.rglob(f"*{suffix}"))
    }


@pytest.mark.parametrize("builder", BUILDERS)
def test_pages_are_drawn_from_their_view_alone(build, lockable, builder):
    free = build("basic", builder)
    src = free.srcdir.parent / f"locked-{builder}"
    shutil.copytree(free.srcdir, src, ignore=shutil.ignore_patterns("_build"))
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(LOCKING)
    # a read of another page's record while writing raises out of the build
    locked = build("basic", builder, src=src)
    assert HubsData.locked_for_test == "released"  # locked, then released
    assert _outputs(locked, builder) == _outputs(free, builder)


def test_links_with_an_accessible_name_are_sphinx_references(build):
    """The "Read →" and "Explore related" links carry an ``aria-label`` and
    are otherwise written as Sphinx writes any reference."""
    page = build("basic").html("hub")
    read = page.select("a.hubs-read")
    explore = page.select("a.hubs-explore")
    assert read and explore
    for link in read + explore:
        classes = link["class"]
        kind = "external" if link["href"].startswith("https://") else "internal"
        assert {"reference", kind} <= set(classes), classes
        assert set(link.attrs) <= {"class", "href", "aria-label", "title"}
    titles = [
        text_of(card.select_one(".hubs-card-title"))
        for card in page.select(".hubs-card:not(.hubs-card-missing)")
    ]
    assert [link["aria-label"] for link in read] == [f"Read: {t}" for t in titles]
    external = page.select_one(".hubs-card-external a.hubs-read")
    assert external["href"] == "https://example.org/page"
    for link in explore:
        assert link["href"].endswith("#hubs-related"), link["href"]
        assert link["aria-label"].startswith("Explore related: ")
