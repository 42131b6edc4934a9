"""Graphs of the garden: what a graph shows, where each node stands, and
the SVG that draws it.

- :func:`neighbourhood` picks what a graph shows: the pages within *depth*
  hops of its centre over the kinds of edge asked for (a hub and the pages
  it shows, a note and its related notes, a page and the pages it links
  to), in a fixed order, as a frozen :class:`GraphView`.  The view is part
  of the page's view (:mod:`.view`), so a graph is drawn again exactly when
  what it shows changed.
- :func:`layout` places the nodes: the centre in the middle, each further
  hop on a ring further out, every page in a wedge of its parent's (the
  page through which it was reached), as wide as the pages it leads to.
  It is linear in nodes and edges, needs no library and gives the same
  drawing for the same graph, in any process.
- :func:`svg` draws it: every node a link with an accessible name, the
  page it is drawn on marked, colours left to the stylesheet (which follows
  the theme's light and dark modes); :func:`tikz` draws the same for
  LaTeX.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

#: The kinds of edge, as the ``:edges:`` option and ``hubs_graph_edges``
#: name them: a hub showing a page, a note naming a related note, a page
#: linking to another.
EDGE_KINDS = ("membership", "related", "links")

#: The namespace of SVG 1.1's link attribute.
XLINK = "http://www.w3.org/1999/xlink"

#: Distance between rings, and the least arc between two nodes on a ring.
RING = 90.0
SPACING = 26.0
#: Node radii: hubs are larger than notes.
HUB_RADIUS = 8.0
NOTE_RADIUS = 5.0
#: Labels: at most this many characters (the whole title is the node's
#: accessible name), and the width a character is reckoned to take.
LABEL_CHARS = 34
CHAR_WIDTH = 6.4
FONT_SIZE = 11


@dataclass(frozen=True)
class GraphNode:
    """A page as a graph draws it."""

    target: str
    title: str
    is_hub: bool = False
    kind: str = ""
    #: Hops from the centre (the whole garden's top hubs are at 1).
    depth: int = 0
    #: Index of the node through which it was reached (-1: none).
    parent: int = -1


@dataclass(frozen=True)
class GraphView:
    """What one graph shows: its nodes, in the order they were reached
    (a parent before its children), and its edges between them."""

    nodes: tuple[GraphNode, ...]
    #: ``(source, target, kind)``, by node index, sorted.
    edges: tuple[tuple[int, int, str], ...] = ()
    #: The node of the page the graph is drawn on (-1: not in it).
    current: int = -1
    #: The pages reached and left out to stay within the graph's limit
    #: (the pages beyond them are not looked for).
    left_out: int = 0
    #: Only hubs are drawn (a whole garden too large to draw every note).
    hubs_only: bool = False


#: ``adjacent(page, among)``: the ``(page, kind)`` pairs of *page*'s edges,
#: of the pages in *among* only when it is given.
Adjacent = Callable[[str, "frozenset[str] | None"], Iterable[tuple[str, str]]]
Describe = Callable[[str], GraphNode]


def neighbourhood(
    centres: list[str],
    depth: int,
    adjacent: Adjacent,
    describe: Describe,
    *,
    limit: int,
    current: str = "",
    start: int = 0,
) -> GraphView:
    """The pages within *depth* hops of *centres*, reached breadth first.

    *adjacent* (page, among) gives the ``(page, kind)`` pairs of its edges,
    in both directions (to pages of *among* only, when it is not None:
    what the edges between the pages drawn need); *describe* (page) its
    node.  Each page's neighbours
    are taken hubs first, then by title.  *start* is the depth of the
    centres (1 for the top hubs of a whole garden, whose centre is not a
    page).  At most *limit* nodes: the rest are counted in ``left_out``."""
    nodes: list[GraphNode] = []
    index: dict[str, int] = {}
    seen: set[str] = set()
    left_out = 0

    def add(page: str, hops: int, parent: int) -> None:
        nonlocal left_out
        if page in seen:
            return
        seen.add(page)
        if len(nodes) >= limit:
            left_out += 1
            return
        node = describe(page)
        index[page] = len(nodes)
        nodes.append(
            GraphNode(node.target, node.title, node.is_hub, node.kind, hops, parent)
        )

    for page in centres:
        add(page, start, -1)
    frontier = list(range(len(nodes)))
    for hops in range(start + 1, start + depth + 1):
        following: list[int] = []
        for number in frontier:
            page = nodes[number].target
            neighbours = sorted(
                {other for other, _ in adjacent(page, None) if other not in seen},
                key=lambda other: _order(describe(other)),
            )
            before = len(nodes)
            for other in neighbours:
                add(other, hops, number)
            following.extend(range(before, len(nodes)))
        frontier = following
    edges: set[tuple[int, int, str]] = set()
    drawn = frozenset(index)
    for number, node in enumerate(nodes):
        for other, kind in adjacent(node.target, drawn):
            if other in index and other != node.target:
                a, b = sorted((number, index[other]))
                edges.add((a, b, kind))
    return GraphView(
        nodes=tuple(nodes),
        edges=tuple(sorted(edges)),
        current=index.get(current, -1),
        left_out=left_out,
    )


def _order(node: GraphNode) -> tuple[bool, str, str]:
    return (not node.is_hub, node.title.casefold(), node.target)


@dataclass(frozen=True)
class Entry:
    """A page in a graph's list: its node, the earlier pages it has an edge
    with outside the tree (each such edge once, on the later page), and the
    pages reached through it."""

    number: int
    also: tuple[int, ...]
    below: tuple[Entry, ...]


def outline(view: GraphView) -> tuple[Entry, ...]:
    """The graph as a nested list: each page under the page through which
    it was reached."""
    count = len(view.nodes)
    children: list[list[int]] = [[] for _ in range(count)]
    roots: list[int] = []
    for number, node in enumerate(view.nodes):
        (children[node.parent] if node.parent >= 0 else roots).append(number)
    also: list[list[int]] = [[] for _ in range(count)]
    for a, b, _ in view.edges:
        if view.nodes[b].parent != a and view.nodes[a].parent != b:
            also[b].append(a)
    entries: dict[int, Entry] = {}
    for number in reversed(range(count)):  # children come after parents
        entries[number] = Entry(
            number,
            tuple(sorted(set(also[number]))),
            tuple(entries[child] for child in children[number]),
        )
    return tuple(entries[root] for root in roots)


def html_list(
    view: GraphView,
    uri: Callable[[str], str],
    kinds: Sequence[str],
    *,
    summary: str,
    also: Callable[[str], str],
    previews: bool,
) -> str:
    """The graph's list in HTML, in a ``details`` element opened by
    *summary*: each page a link (the current one in bold) and its kind
    (*kinds*, by node), then *also* (titles) of its other edges; with
    *previews*, each link carries the kind its preview shows."""
    details = ET.Element("details", {"class": "hubs-graph-list"})
    ET.SubElement(details, "summary").text = summary

    def listed(parent: ET.Element, entries: tuple[Entry, ...]) -> None:
        items = ET.SubElement(parent, "ul")
        for entry in entries:
            node = view.nodes[entry.number]
            item = ET.SubElement(items, "li")
            line = ET.SubElement(item, "p")
            if entry.number == view.current:
                name = ET.SubElement(line, "strong")
            else:
                attributes = {"class": "reference internal", "href": uri(node.target)}
                if previews:
                    attributes["data-hubs-kind"] = kinds[entry.number]
                name = ET.SubElement(line, "a", attributes)
            name.text = node.title
            name.tail = f" ({kinds[entry.number]})"
            if entry.also:
                pages = ", ".join(view.nodes[other].title for other in entry.also)
                name.tail += "; " + also(pages)
            if entry.below:
                listed(item, entry.below)

    listed(details, outline(view))
    return ET.tostring(details, encoding="unicode", method="html")


# -- where each node stands ---------------------------------------------------


def layout(view: GraphView) -> list[tuple[float, float]]:
    """The position of every node: a radial tree of the paths through
    which the nodes were reached.  A node's children share its wedge in
    proportion to the leaves below each; the nodes at depth *d* stand on
    ring *d*, far enough out that neighbours on it keep :data:`SPACING`
    apart."""
    count = len(view.nodes)
    if not count:
        return []
    children: list[list[int]] = [[] for _ in range(count)]
    roots = []
    for number, node in enumerate(view.nodes):
        if node.parent >= 0:
            children[node.parent].append(number)
        else:
            roots.append(number)
    leaves = [1] * count
    for number in reversed(range(count)):  # children come after parents
        if children[number]:
            leaves[number] = sum(leaves[child] for child in children[number])
    # rings from the centre: a single first page stands in it; several
    # (the top hubs of a whole garden) around a centre that is not drawn
    first = min(view.nodes[root].depth for root in roots)
    offset = first if len(roots) == 1 else first - 1
    depths = [node.depth - offset for node in view.nodes]
    radius: dict[int, float] = {0: 0.0}
    on_ring: dict[int, int] = {}
    for depth in depths:
        on_ring[depth] = on_ring.get(depth, 0) + 1
    for depth in range(1, max(depths) + 1):
        needed = on_ring.get(depth, 0) * SPACING / (2 * math.pi)
        radius[depth] = max(radius[depth - 1] + RING, needed)
    wedge: dict[int, tuple[float, float]] = {}
    total = sum(leaves[root] for root in roots)
    start = -math.pi / 2  # from the top, clockwise
    if len(roots) == 1:
        wedge[roots[0]] = (start, start + 2 * math.pi)
    else:  # pages around a centre that is not drawn
        for root in roots:
            share = 2 * math.pi * leaves[root] / total
            wedge[root] = (start, start + share)
            start += share
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * count
    for number in range(count):
        low, high = wedge[number]
        angle = (low + high) / 2
        ring = radius[depths[number]]
        positions[number] = (ring * math.cos(angle), ring * math.sin(angle))
        below = children[number]
        span = high - low
        for child in below:
            share = span * leaves[child] / leaves[number]
            wedge[child] = (low, low + share)
            low += share
    return positions


# -- the drawing ---------------------------------------------------------------


def _radius(node: GraphNode) -> float:
    return HUB_RADIUS if node.is_hub else NOTE_RADIUS


@dataclass(frozen=True)
class _Spot:
    """Where a node and its label stand."""

    x: float
    y: float
    #: The attributes of its label's ``<text>``.
    text: dict[str, str]
    #: The points the drawing must hold: the node's and its label's ends.
    extent: tuple[tuple[float, float], ...]


def _placed(node: GraphNode, x: float, y: float) -> _Spot:
    """A node's label: under the centre; elsewhere along the line from the
    centre through the node, outward (turned to read left to right), so
    that neighbours on a ring never write over each other."""
    text = label(node.title)
    length = len(text) * CHAR_WIDTH
    gap = _radius(node) + 4
    if abs(x) < 1e-6 and abs(y) < 1e-6:
        return _Spot(
            x,
            y,
            {
                "x": _n(x),
                "y": _n(y + gap + FONT_SIZE),
                "text-anchor": "middle",
                "aria-hidden": "true",
            },
            (
                (x - length / 2, y + gap + FONT_SIZE),
                (x + length / 2, y + gap + FONT_SIZE),
            ),
        )
    angle = math.atan2(y, x)
    cos, sin = math.cos(angle), math.sin(angle)
    end = (x + (gap + length) * cos, y + (gap + length) * sin)
    right = cos >= -1e-9
    turn = math.degrees(angle) if right else math.degrees(angle) + 180
    # the text's own frame: along the ray, from the node outward
    along = gap if right else -gap
    return _Spot(
        x,
        y,
        {
            "x": _n(x + along),
            "y": _n(y + FONT_SIZE / 3),
            "text-anchor": "start" if right else "end",
            "transform": f"rotate({_n(turn)} {_n(x)} {_n(y)})",
            "aria-hidden": "true",
        },
        ((x, y), end),
    )


def _n(value: float) -> str:
    """A coordinate as the SVG writes it: one decimal, never ``-0.0``."""
    return f"{round(value, 1) + 0.0:.1f}"


def label(title: str) -> str:
    """A node's label: its title, cut after the last whole word that fits
    in :data:`LABEL_CHARS` characters (the label's words are then words of
    the node's accessible name, as WCAG's "label in name" asks)."""
    if len(title) <= LABEL_CHARS:
        return title
    cut = title[: LABEL_CHARS - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def svg(
    view: GraphView,
    uri: Callable[[str], str],
    names: Sequence[str],
    *,
    title: str,
    width: int,
    labels: bool = True,
    xlink: bool = False,
) -> str:
    """The graph as an SVG element: *uri* (page) gives each node's link,
    *names* their accessible names, *title* the graph's; at most *width*
    CSS pixels wide (a narrower column shrinks it).  Without *labels*, only
    the centre and the nodes one hop away show their titles (the others
    on hover and focus).  With *xlink*, each link is also written as
    ``xlink:href``, as SVG 1.1 has it (for e-book readers that know no
    other)."""
    positions = layout(view)
    placed = [
        _placed(node, x, y) for node, (x, y) in zip(view.nodes, positions, strict=True)
    ]
    xs = [x for spot in placed for x, _ in ((spot.x, spot.y), *spot.extent)]
    ys = [y for spot in placed for _, y in ((spot.x, spot.y), *spot.extent)]
    margin = HUB_RADIUS + FONT_SIZE
    left, right = min(xs) - margin, max(xs) + margin
    top, bottom = min(ys) - margin, max(ys) + margin
    box_width, box_height = right - left, bottom - top
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "hubs-graph-svg",
            "viewBox": " ".join(_n(v) for v in (left, top, box_width, box_height)),
            # both, so that the drawing's box is known from the first frame
            "width": f"{min(width, box_width):.0f}",
            "height": f"{min(width, box_width) * box_height / box_width:.0f}",
            "role": "group",
            "aria-label": title,
            **({"xmlns:xlink": XLINK} if xlink else {}),
        },
    )
    edges = ET.SubElement(
        root, "g", {"class": "hubs-graph-edges", "aria-hidden": "true"}
    )
    for a, b, kind in view.edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        # the edges through which the pages were reached stand out
        tree = view.nodes[b].parent == a or view.nodes[a].parent == b
        ET.SubElement(
            edges,
            "line",
            {
                "class": f"hubs-graph-edge hubs-graph-{kind}"
                + (" hubs-graph-tree" if tree else ""),
                "x1": _n(x1),
                "y1": _n(y1),
                "x2": _n(x2),
                "y2": _n(y2),
            },
        )
    group = ET.SubElement(root, "g", {"class": "hubs-graph-nodes"})
    for number, (node, spot) in enumerate(zip(view.nodes, placed, strict=True)):
        classes = [
            "hubs-graph-node",
            "hubs-graph-hub" if node.is_hub else "hubs-graph-note",
        ]
        href = uri(node.target)
        attributes = {"href": href, "aria-label": names[number]}
        if xlink:
            attributes["xlink:href"] = href
        if number == view.current:
            classes.append("hubs-graph-current")
            attributes["aria-current"] = "page"
        if not labels and node.depth > 1:
            classes.append("hubs-graph-quiet")
        link = ET.SubElement(group, "a", {"class": " ".join(classes), **attributes})
        ET.SubElement(
            link,
            "circle",
            {"cx": _n(spot.x), "cy": _n(spot.y), "r": f"{_radius(node):g}"},
        )
        text = ET.SubElement(link, "text", spot.text)
        text.text = label(node.title)
    return ET.tostring(root, encoding="unicode")


def tikz(
    view: GraphView,
    link: Callable[[str], str],
    escape: Callable[[str], str],
    *,
    width: float,
) -> str:
    """The graph as a TikZ picture for LaTeX, laid out as :func:`svg` lays
    it out and at most *width* points wide: *link* (page) gives the opening
    of a link to the page (closed by ``}}``), *escape* makes a label LaTeX
    text."""
    positions = layout(view)
    placed = [_placed(n, x, y) for n, (x, y) in zip(view.nodes, positions, strict=True)]
    xs = [x for spot in placed for x, _ in ((spot.x, spot.y), *spot.extent)]
    scale = min(1.0, width / max(1.0, max(xs) - min(xs) + 2 * HUB_RADIUS))
    out = [
        "\\begin{center}",
        f"\\begin{{tikzpicture}}[x={scale:.4f}pt,y=-{scale:.4f}pt,"
        "every node/.style={font=\\scriptsize,inner sep=1pt}]",
    ]
    styles = {"membership": "", "related": ",dashed", "links": ",dotted"}
    for a, b, kind in view.edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        tree = view.nodes[b].parent == a or view.nodes[a].parent == b
        shade = "gray!70" if tree else "gray!30"
        out.append(
            f"\\draw[{shade}{styles[kind]}] ({_n(x1)},{_n(y1)}) -- ({_n(x2)},{_n(y2)});"
        )
    for number, (node, spot) in enumerate(zip(view.nodes, placed, strict=True)):
        colour = "blue!70!black" if node.is_hub else "black!60"
        radius = _radius(node) * scale
        if number == view.current:
            out.append(
                f"\\draw[blue!70!black,line width=1.5pt,fill=white] "
                f"({_n(spot.x)},{_n(spot.y)}) circle[radius={radius:.2f}pt];"
            )
        else:
            out.append(
                f"\\fill[{colour}] ({_n(spot.x)},{_n(spot.y)}) "
                f"circle[radius={radius:.2f}pt];"
            )
        # the label's anchor: on the ray from the centre, past the node
        gap = _radius(node) + 4
        if "transform" not in spot.text:  # the centre: below it
            anchor, degrees, x, y = "north", 0.0, spot.x, spot.y + gap
        else:
            angle = math.atan2(spot.y, spot.x)
            x, y = spot.x + gap * math.cos(angle), spot.y + gap * math.sin(angle)
            right = spot.text["text-anchor"] == "start"
            anchor = "west" if right else "east"
            degrees = -math.degrees(angle) + (0 if right else 180)
        text = escape(label(node.title))
        # the node's text: the link, opened by *link* (two braces), then
        # closed, then the node's own brace
        content = "{" + link(node.target) + text + "}}}"
        out.append(
            f"\\node[anchor={anchor},rotate={_n(degrees)}] at ({_n(x)},{_n(y)}) "
            f"{content};"
        )
    out += ["\\end{tikzpicture}", "\\end{center}", ""]
    return "\n".join(out)
