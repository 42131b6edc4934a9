"""Shared fixtures: build a copy of a test project and read what users see."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


class Built:
    """A finished build: its app, warnings and parsed pages."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self.srcdir = Path(app.srcdir)

    @property
    def warnings(self) -> str:
        return str(self.app.warning.getvalue())

    def page(self, path: str) -> BeautifulSoup:
        html = (self.outdir / path).read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")

    def html(self, docname: str) -> BeautifulSoup:
        return self.page(docname + ".html")

    def text(self, path: str) -> str:
        return (self.outdir / path).read_text(encoding="utf-8")


@pytest.fixture
def build(make_app: Callable[..., Any], tmp_path: Path) -> Callable[..., Built]:
    """``build("basic", "html", **confoverrides)`` on a fresh copy of a root."""
    counter = iter(range(1000))

    def _build(
        root: str | Path,
        builder: str = "html",
        *,
        src: Path | None = None,
        app_options: dict[str, Any] | None = None,
        **conf: Any,
    ) -> Built:
        if src is None:
            origin = root if isinstance(root, Path) else ROOTS / f"test-{root}"
            src = tmp_path / f"src{next(counter)}"
            shutil.copytree(origin, src, ignore=shutil.ignore_patterns("_build"))
        app = make_app(
            builder,
            srcdir=src,
            confoverrides=conf,
            freshenv=False,
            **(app_options or {}),
        )
        try:
            app.build()
        finally:
            # unregister its nodes and roles, so a later build in the same
            # test starts as clean as a new sphinx-build would
            app.cleanup()
        return Built(app)

    return _build


#: conf.py of the small projects tests write (see :func:`write_project`).
CONF = (
    'extensions = ["myst_parser", "sphinx_design", "sphinxext_hubs"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    'exclude_patterns = ["_build", "parts"]\n'
)


def write_project(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write *files* (path -> text or bytes; None: no such file) under
    *root*, with a ``conf.py`` (:data:`CONF`, plus what ``files["conf.py"]``
    adds), a start page whose toctree lists every page, and an all-notes
    page unless given."""
    files = dict(files)
    conf = CONF + str(files.pop("conf.py", ""))
    files.setdefault("notes-index.md", "# All notes\n")
    files.setdefault(
        "index.md", "# Home\n\n```{toctree}\n:glob:\n\n*\nnotes/*\nmaps/*\n```\n"
    )
    for name, content in {"conf.py": conf, **files}.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def located_warnings(built: Built) -> list[tuple[str, str, str]]:
    """``(file relative to the project:line, message, subtype)`` of every
    ``hubs.*`` warning (with ``?`` where Sphinx printed no location)."""
    found = []
    for line in re.sub(r"\x1b\[[0-9;]*m", "", built.warnings).splitlines():
        match = re.match(r"(?:(.*?):(\d*): )?WARNING: (.*) \[hubs\.(\w+)\]$", line)
        if match:
            path, number, message, subtype = match.groups()
            where = "?"
            if path is not None:
                relative = os.path.relpath(path, built.srcdir)
                where = f"{relative}:{number}"
            found.append((where, message, subtype))
    return found


def check_counts(page: Any) -> None:
    """Counts equal what is shown: every section's count is the number of
    cards drawn in it; the stats line counts the sections drawn and the
    distinct pages their linked cards lead to."""
    sections = page.select("section.hubs-section")
    linked: set[str] = set()
    for section in sections:
        cards = [
            card
            for card in section.select(".hubs-card")
            if card.find_parent("section", class_="hubs-section") is section
        ]
        count = text_of(section.select_one(".hubs-section-count"))
        assert count == f"{len(cards)} note" + ("s" if len(cards) != 1 else ""), (
            section.get("id"),
            count,
            len(cards),
        )
        for card in cards:
            link = card.select_one(".hubs-card-title a")
            if link is not None and "hubs-card-external" not in card["class"]:
                linked.add(link["href"])
    stats = page.select_one(".hubs-stats")
    if stats is not None:
        notes = text_of(stats.select_one(".hubs-note-count"))
        sections_text = text_of(stats.select_one(".hubs-sections-count"))
        assert notes.split()[0] == str(len(linked)), (notes, sorted(linked))
        assert sections_text.split()[0] == str(len(sections)), sections_text


def text_of(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """Keep each phase's report on the item (browser tests save screenshots
    of failed tests)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
