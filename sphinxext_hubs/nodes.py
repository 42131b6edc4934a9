"""The extension's doctree nodes and their visitors.

Placeholders (``hub_header``, ``hub_grid``, ``notecard``, ``related_block``,
``notes_index``) are written by directives or at read time and replaced with
plain docutils nodes by :mod:`.render` before references are resolved, so
every builder sees only generic nodes.  Their visitors below only matter for
builders that skip post-transforms (they then drop the placeholder).

Nodes that survive into output: ``view_switch`` (the "View as" buttons) and
``index_filter`` (HTML only); ``hubs_reference`` (a link with an
``aria-label``) and ``hubs_div`` (a plain ``<div>``), which other builders
write as the reference and container they subclass; ``graph_svg`` (a
graph's drawing, in HTML and LaTeX).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .graph import html_list, svg, tikz

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class hub_header(nodes.General, nodes.Element):
    """The ``hub`` directive: its :class:`~.directives.Hub` record in
    ``["record"]``; children are its description body."""


class hub_grid(nodes.General, nodes.Element):
    """Where a ``section`` draws its count, intro and cards: its
    :class:`~.directives.Section` record in ``["record"]``; ``["hub"]`` and
    ``["index"]`` name the hub and the section's place in it."""


class notecard(nodes.General, nodes.Element):
    """A ``notecard`` directive: its :class:`~.directives.CardSpec` record in
    ``["record"]``; children are its description body."""


class related_block(nodes.General, nodes.Element):
    """Where a note's Related block goes (appended at read time)."""


class notes_index(nodes.General, nodes.Element):
    """Where the all-notes list goes."""


class hub_graph(nodes.General, nodes.Element):
    """A ``hubgraph`` directive: its :class:`~.directives.GraphSpec` record
    in ``["record"]``, its place among the page's graphs in ``["index"]``."""


class graph_svg(nodes.General, nodes.Element):
    """A graph's drawing (HTML and LaTeX): its :class:`~.graph.GraphView`
    in ``["view"]``, the accessible names and the kinds of its nodes in
    ``["names"]`` and ``["kinds"]``, its own name in ``["title"]`` and its
    width at most in ``["width"]``; in HTML also the labels of its list
    (``["summary"]``, ``["also"]``) and whether its links carry previews
    (``["previews"]``).  Drawn by the translator, which knows the page it
    writes and so each node's link: an SVG and the graph's list in HTML, a
    TikZ picture in LaTeX."""


def visit_graph_svg(self: HTML5Translator, node: graph_svg) -> None:
    builder = self.builder
    here = builder.current_docname
    # the drawing's own box: on a narrow screen it keeps its size (its
    # labels stay readable) and scrolls sideways (hubs.css)
    self.body.append('<div class="hubs-graph-drawing">')
    self.body.append(
        svg(
            node["view"],
            # the page itself: its top
            lambda target: builder.get_relative_uri(here, target) or "#",
            node["names"],
            title=node["title"],
            width=node["width"],
            labels=len(node["view"].nodes) <= QUIET_ABOVE,
            xlink=builder.name == "epub",
        )
    )
    self.body.append("</div>")
    self.body.append(
        html_list(
            node["view"],
            lambda target: builder.get_relative_uri(here, target),
            node["kinds"],
            summary=node["summary"],
            also=lambda pages: node["also"].replace("{pages}", pages),
            previews=node["previews"],
        )
    )
    raise nodes.SkipNode


def visit_graph_latex(self: LaTeXTranslator, node: graph_svg) -> None:
    self.body.append(
        tikz(
            node["view"],
            lambda target: self.hyperlink(f"{target}::doc"),
            self.encode,
            # CSS pixels as points, at most the width of a page's text
            width=min(float(node["width"]), 400.0),
        )
    )
    raise nodes.SkipNode


#: Graphs of more nodes show the labels beyond one hop on hover and focus.
QUIET_ABOVE = 40


class view_switch(nodes.General, nodes.Element):
    """The "View as" buttons (HTML only)."""


class index_filter(nodes.General, nodes.Element):
    """The filter box of the all-notes page (HTML with scripts only)."""


class hubs_reference(nodes.reference):
    """A reference that carries an accessible name (``aria_label``), or
    what its preview shows (``preview``: the target's title -- "" when it
    is the link's text -- and kind)."""


class hubs_div(nodes.container):
    """A container written in HTML as a ``<div>`` with its own classes
    only: not ``docutils container``, which themes built on Bootstrap give
    a fixed width.  Other builders write it as the container it is."""


def visit_hubs_div(self: HTML5Translator, node: hubs_div) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_hubs_div(self: HTML5Translator, node: hubs_div) -> None:
    self.body.append("</div>\n")


PLACEHOLDERS = (
    hub_header,
    hub_grid,
    notecard,
    related_block,
    notes_index,
    hub_graph,
)


def find(doctree: nodes.Node, kinds: tuple[type, ...]) -> dict[type, list[Any]]:
    """Every node of the given types, by type, in one walk over the page."""
    found: dict[type, list[Any]] = {kind: [] for kind in kinds}
    for node in doctree.findall(lambda node: type(node) in found):
        found[type(node)].append(node)
    return found


def enclosing(node: nodes.Node, kinds: type | tuple[type, ...]) -> Any:
    """The nearest ancestor of *node* of one of *kinds* (or None)."""
    parent = node.parent
    while parent is not None and not isinstance(parent, kinds):
        parent = parent.parent
    return parent


def section_cards(grid: hub_grid) -> list[notecard]:
    """The ``notecard`` directives of a section, in written order: those
    right in its body (drawn in its grid) and those inside containers in
    its body -- a dropdown, a tab, an admonition, ``only`` -- drawn where
    they are written.  Both are cards of the section and count in it."""
    return [
        card for card in grid.findall(notecard) if enclosing(card, hub_grid) is grid
    ]


def only_condition(node: nodes.Node) -> str:
    """The ``only`` expressions around *node*, as one expression ("" if
    none), so the cards and sections a builder drops are not counted."""
    expressions = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            expressions.append(f"({parent['expr']})")
        parent = parent.parent
    return " and ".join(reversed(expressions))


#: The reader's saved view (see static/hubs.js), set on ``<html>`` as
#: ``data-hubs-view`` and on the switch just written.
RESTORE_VIEW = (
    "(function(){try{var v=localStorage.getItem('sphinxext-hubs:view');"
    "if(v!=='cards'&&v!=='list')return;"
    "document.documentElement.setAttribute('data-hubs-view',v);"
    "var s=document.currentScript.previousElementSibling.querySelectorAll('button');"
    "for(var i=0;i<s.length;i++)"
    "s[i].setAttribute('aria-pressed',String(s[i].getAttribute('data-hubs-view')===v));"
    "}catch(e){}})();"
)


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def visit_view_switch(self: HTML5Translator, node: view_switch) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="hubs-viewas",
            role="group",
            **{"aria-label": node["label"]},
        )
    )
    self.body.append(
        self.starttag(nodes.Element(), "span", "", CLASS="hubs-viewas-label")
        + self.encode(node["label"])
        + "</span>"
    )
    for view, text in node["options"]:
        self.body.append(
            self.starttag(
                nodes.Element(),
                "button",
                "",
                type="button",
                CLASS="hubs-viewas-option",
                **{
                    "data-hubs-view": view,
                    "aria-pressed": "true" if view == node["current"] else "false",
                },
            )
            + self.encode(text)
            + "</button>"
        )
    self.body.append("</div>\n")
    # Written right after the switch, run as the page is parsed: the saved
    # view is on the page before it is first drawn (hubs.js, which themes
    # may load at the end of the page, does the rest).
    self.body.append(f"<script>{RESTORE_VIEW}</script>\n")
    raise nodes.SkipNode


def visit_index_filter(self: HTML5Translator, node: index_filter) -> None:
    """A search box that hubs.js filters the list with; ``data-hubs-shown``
    words the count it announces; on a list split into pages,
    ``data-hubs-entries`` is the script of every entry, loaded when the
    reader first types."""
    label: dict[str, Any] = {"for": "hubs-index-query"}
    box: dict[str, Any] = {
        "type": "search",
        "autocomplete": "off",
        "data-hubs-shown": node["shown"],
    }
    if node.get("entries"):
        box["data-hubs-entries"] = node["entries"]
    status: dict[str, Any] = {"role": "status", "aria-live": "polite"}
    self.body.append(
        self.starttag(node, "div", CLASS="hubs-index-filter", role="search")
        + self.starttag(nodes.Element(), "label", "", **label)
        + self.encode(node["label"])
        + "</label> "
        + self.starttag(nodes.Element(ids=["hubs-index-query"]), "input", "", **box)
        + self.starttag(nodes.Element(), "span", "", CLASS="hubs-index-shown", **status)
        + "</span></div>\n"
    )
    raise nodes.SkipNode


def visit_hubs_reference(self: HTML5Translator, node: hubs_reference) -> None:
    """An ``<a>`` with an ``aria-label`` or the data of its preview
    (``data-hubs-title``, ``data-hubs-kind``), written as Sphinx writes a
    reference (the same classes, ``href`` and ``title``); the translator's
    public ``starttag`` escapes every attribute."""
    internal = node.get("internal") or "refuri" not in node
    attributes: dict[str, Any] = {
        "class": "reference " + ("internal" if internal else "external"),
        "href": (node["refuri"] or "#") if "refuri" in node else "#" + node["refid"],
    }
    if node.get("aria_label"):
        attributes["aria-label"] = node["aria_label"]
    if node.get("preview"):
        title, kind = node["preview"]
        if title:
            attributes["data-hubs-title"] = title
        attributes["data-hubs-kind"] = kind
    if "reftitle" in node:
        attributes["title"] = node["reftitle"]
    self.body.append(self.starttag(node, "a", "", **attributes))


def depart_hubs_reference(self: HTML5Translator, node: hubs_reference) -> None:
    self.body.append("</a>")


def register(app: Sphinx) -> None:
    skip = (_skip, None)
    for node in PLACEHOLDERS:
        app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    # HTML-only controls, written by the HTML visitors, skipped elsewhere
    controls: tuple[tuple[type[nodes.Element], Any], ...] = (
        (view_switch, visit_view_switch),
        (index_filter, visit_index_filter),
    )
    for control, visit in controls:
        app.add_node(
            control, html=(visit, None), latex=skip, text=skip, man=skip, texinfo=skip
        )
    # a graph's drawing: SVG and TikZ, its list elsewhere
    app.add_node(
        graph_svg,
        html=(visit_graph_svg, None),
        latex=(visit_graph_latex, None),
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_latex_package("tikz")
    app.add_node(hubs_reference, html=(visit_hubs_reference, depart_hubs_reference))
    app.add_node(hubs_div, html=(visit_hubs_div, depart_hubs_div))
