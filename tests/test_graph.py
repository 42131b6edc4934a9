"""The graph module: what a graph shows, where its nodes stand, the SVG."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from sphinxext_hubs.graph import (
    HUB_RADIUS,
    LABEL_CHARS,
    RING,
    SPACING,
    GraphNode,
    label,
    layout,
    neighbourhood,
    svg,
)

SVG = "{http://www.w3.org/2000/svg}"

#: A small garden: a hub showing three notes, one of which has a related
#: note and links to another.
EDGES = {
    ("map", "alpha", "membership"),
    ("map", "beta", "membership"),
    ("map", "gamma", "membership"),
    ("alpha", "delta", "related"),
    ("alpha", "gamma", "links"),
    ("delta", "epsilon", "links"),
}


def adjacent(page: str) -> list[tuple[str, str]]:
    found = [(b, kind) for a, b, kind in EDGES if a == page]
    return found + [(a, kind) for a, b, kind in EDGES if b == page]


def describe(page: str) -> GraphNode:
    return GraphNode(page, page.capitalize(), is_hub=page == "map")


def graph(centre: str, depth: int, limit: int = 50):
    return neighbourhood(
        [centre], depth, adjacent, describe, limit=limit, current=centre
    )


def test_pages_within_depth_hubs_first_then_by_title():
    one = graph("alpha", 1)
    assert [node.target for node in one.nodes] == ["alpha", "map", "delta", "gamma"]
    assert [node.depth for node in one.nodes] == [0, 1, 1, 1]
    assert one.current == 0
    two = graph("alpha", 2)
    assert [node.target for node in two.nodes] == [
        *("alpha", "map", "delta", "gamma", "beta", "epsilon")
    ]
    # beta through the hub, epsilon through delta
    assert [two.nodes[node.parent].target for node in two.nodes[4:]] == ["map", "delta"]


def test_every_edge_between_drawn_pages_once():
    view = graph("alpha", 1)
    names = [node.target for node in view.nodes]
    drawn = {(names[a], names[b], kind) for a, b, kind in view.edges}
    assert drawn == {
        ("alpha", "map", "membership"),
        ("alpha", "delta", "related"),
        ("alpha", "gamma", "links"),
        ("map", "gamma", "membership"),
    }


def test_a_limit_counts_what_it_leaves_out():
    view = graph("map", 2, limit=3)
    assert len(view.nodes) == 3
    # of the five pages within two hops: the pages reached and left out
    # (their own neighbours are not looked for)
    assert view.left_out == 2


def test_rings_by_depth_and_room_between_neighbours():
    star = {("hub", f"n{number:02}", "membership") for number in range(60)}
    view = neighbourhood(
        ["hub"],
        1,
        lambda page: (
            [(b, k) for a, b, k in star if a == page]
            + [(a, k) for a, b, k in star if b == page]
        ),
        lambda page: GraphNode(page, page, is_hub=page == "hub"),
        limit=100,
    )
    positions = layout(view)
    assert positions[0] == (0.0, 0.0)
    radii = {round(math.hypot(x, y), 6) for x, y in positions[1:]}
    assert len(radii) == 1 and radii.pop() >= RING
    gaps = [
        math.dist(positions[i], positions[j])
        for i in range(1, len(positions))
        for j in range(i + 1, len(positions))
    ]
    assert min(gaps) >= SPACING * 0.99
    deeper = layout(graph("alpha", 2))
    assert math.hypot(*deeper[4]) >= 2 * RING - 1e-9


def test_the_drawing_is_the_same_for_the_same_graph():
    def draw() -> str:
        return svg(
            graph("alpha", 2),
            lambda page: f"{page}.html",
            lambda node: node.title,
            title="Graph",
            width=640,
        )

    assert draw() == draw()


def test_every_node_is_a_named_link_and_the_page_is_marked():
    view = neighbourhood(
        ["a"],
        1,
        lambda page: [("b", "links")] if page == "a" else [("a", "links")],
        lambda page: GraphNode(page, f'<{page}> & "{"x" * 40}"'),
        limit=10,
        current="a",
    )
    drawing = svg(
        view,
        lambda page: f"{page}.html?x=1&y=2",
        lambda node: f"{node.title} (note)",
        title="Graph of <a>",
        width=200,
    )
    root = ET.fromstring(drawing)  # well-formed: every text escaped
    assert root.get("aria-label") == "Graph of <a>"
    assert float(root.get("width")) <= 200
    links = root.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == ["a.html?x=1&y=2", "b.html?x=1&y=2"]
    assert [link.get("aria-label") for link in links] == [
        f'<{page}> & "{"x" * 40}" (note)' for page in "ab"
    ]
    assert [link.get("aria-current") for link in links] == ["page", None]
    texts = [link.find(f"{SVG}text").text for link in links]
    assert all(len(text) == LABEL_CHARS and text.endswith("\u2026") for text in texts)
    assert label("Short") == "Short"


def test_the_view_box_holds_every_node_and_label():
    view = graph("map", 2)
    drawing = ET.fromstring(
        svg(view, lambda page: page, lambda node: node.title, title="", width=900)
    )
    left, top, width, height = map(float, drawing.get("viewBox").split())
    for x, y in layout(view):
        assert left <= x - HUB_RADIUS and x + HUB_RADIUS <= left + width
        assert top <= y <= top + height
