"""Shared fixtures: build a copy of a test project and read what users see."""

from __future__ import annotations

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


def text_of(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """Keep each phase's report on the item (browser tests save screenshots
    of failed tests)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
