"""What each HTML page loads: only the pages that show something of ours.

A project that adds the extension and one hub gets no new stylesheet or
script on the pages no hub touches.  The pages that show a hub, cards, a
Related block or the all-notes list load ``hubs.css`` -- and, where the
project does not load sphinx-design itself, sphinx-design's stylesheet,
whose grid and card classes the cards use; the pages with a view switch,
the all-notes filter or a graph (whose drawing it scrolls to the page it is
on, on a narrow screen) load ``hubs.js`` (not epub, which runs no scripts).
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .data import HubsData

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"

#: The name sphinx-design gives its stylesheet in ``_static``.
DESIGN_CSS = "sphinx-design.min.css"


def _design_stylesheet() -> Path | None:
    """sphinx-design's compiled stylesheet, where its package keeps it
    (``static/`` from 0.8, ``compiled/style.min.css`` before)."""
    import sphinx_design

    package = Path(sphinx_design.__file__).parent
    for path in (package / "static" / DESIGN_CSS, package / "compiled/style.min.css"):
        if path.is_file():
            return path
    return None  # pragma: no cover - every supported version has one


def add_static_files(app: Sphinx) -> None:
    """The files the pages may load, copied to ``_static`` (at
    ``builder-inited``); which page loads them is :func:`page_assets`'s."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    design = _design_stylesheet()
    if "sphinx_design" in app.extensions or design is None:
        return
    # a folder of its own beside the doctrees (never in the output, where
    # an epub would pack it), holding the stylesheet under its usual name
    folder = Path(app.doctreedir) / "hubs-static"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / DESIGN_CSS
    if not copy.is_file() or not filecmp.cmp(design, copy, shallow=False):
        shutil.copyfile(design, copy)
    app.config.html_static_path.append(str(folder))


def page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """At ``html-page-context``: the stylesheet (and script) on a page that
    shows something of ours, for this page only."""
    data = HubsData(app.env)
    view = data.view(pagename)
    # singlehtml writes every document on one page
    every = app.builder.name == "singlehtml" and bool(data.digests)
    index = view.index is not None
    # links with a preview: card titles, Related blocks, {note}/{hub} links
    previewed = data.builder.preview and bool(
        every or view.hub or view.cards or view.related or view.links
    )
    drawn = view.hub or view.cards or view.related or view.graphs
    if not (every or index or drawn or previewed):
        return
    if "sphinx_design" not in app.extensions:
        app.add_css_file(DESIGN_CSS)
    app.add_css_file("hubs.css")
    scripts = app.builder.name != "epub"
    graphs = view.graphs or view.local is not None
    if scripts and (every or index or view.hub is not None or graphs):
        app.add_js_file("hubs.js")
    if previewed:
        app.add_js_file("hubs-preview.js")


def register(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_files)
    app.connect("html-page-context", page_assets)
