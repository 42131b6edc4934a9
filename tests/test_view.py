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
    app.connect("build-finished", _unlock)
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
