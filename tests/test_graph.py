"""The graph module: what a graph shows, where its nodes stand, the SVG."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import build_project, located_warnings, text_of, write_project

from sphinxext_hubs.graph import (
    HUB_RADIUS,
    LABEL_CHARS,
    RING,
    SPACING,
    XLINK,
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


def adjacent(page: str, among=None) -> list[tuple[str, str]]:
    found = [(b, kind) for a, b, kind in EDGES if a == page]
    found += [(a, kind) for a, b, kind in EDGES if b == page]
    return [pair for pair in found if among is None or pair[0] in among]


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
        lambda page, among: (
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
            [node.title for node in graph("alpha", 2).nodes],
            title="Graph",
            width=640,
        )

    assert draw() == draw()


def test_every_node_is_a_named_link_and_the_page_is_marked():
    view = neighbourhood(
        ["a"],
        1,
        lambda page, among: [("b", "links")] if page == "a" else [("a", "links")],
        lambda page: GraphNode(page, f'<{page}> & "{"x" * 40}"'),
        limit=10,
        current="a",
    )
    drawing = svg(
        view,
        lambda page: f"{page}.html?x=1&y=2",
        [f"{node.title} (note)" for node in view.nodes],
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
    assert texts == [f"<{page}> &\u2026" for page in "ab"]
    assert label("Short") == "Short"
    # cut after a whole word, so that the label's words are the name's
    long = "How should we allocate compute budget at inference time?"
    assert label(long) == "How should we allocate compute\u2026"
    assert len(label(long)) <= LABEL_CHARS


def test_the_view_box_holds_every_node_and_label():
    view = graph("map", 2)
    drawing = ET.fromstring(
        svg(view, lambda page: page, [n.title for n in view.nodes], title="", width=900)
    )
    left, top, width, height = map(float, drawing.get("viewBox").split())
    for x, y in layout(view):
        assert left <= x - HUB_RADIUS and x + HUB_RADIUS <= left + width
        assert top <= y <= top + height


# -- the hubgraph directive, built ------------------------------------------

GARDEN = {
    "maps/soil.md": "# Soil\n\n```{hub}\n:kind: Map\n```\n\n"
    "```{section} Basics\n:default:\n```\n",
    "notes/loam.md": "---\nhubs: [maps/soil]\nrelated: [notes/clay]\n"
    "description: Loam.\nkind: Insight\n---\n# Loam & sand\n\n"
    "See {note}`/notes/humus`.\n",
    "notes/clay.md": "---\nhubs: [maps/soil]\ndescription: Clay.\n---\n"
    "# Clay\n\nText.\n",
    "notes/humus.md": "---\ndescription: Humus.\n---\n# Humus\n\nText.\n",
    "notes/worms.md": "---\nrelated: [notes/humus]\n---\n# Worms\n\nText.\n",
    "graphs.md": "# Graphs\n\n```{hubgraph} maps/soil\n:depth: 2\n```\n\n"
    "```{hubgraph} notes/loam\n:edges: related\n```\n\n"
    "```{hubgraph}\n```\n",
}


def _nodes(svg_element) -> dict[str, tuple[str, str | None]]:
    """aria-label -> (href, aria-current) of every node of a drawn graph."""
    return {
        a["aria-label"]: (a["href"], a.get("aria-current"))
        for a in svg_element.select("a.hubs-graph-node")
    }


@pytest.fixture(scope="module")
def garden(tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("graphs") / "src", GARDEN)
    return build_project(root, root / "_build")


def test_a_graph_draws_the_pages_around_its_centre(garden):
    assert garden.warnings == ""
    page = garden.html("graphs")
    around, related, whole = page.select(".hubs-graph")
    drawing = around.select_one("svg.hubs-graph-svg")
    assert drawing["aria-label"] == "Graph of Soil"
    # two hops from the hub: its notes, then what they link to or name
    assert _nodes(drawing) == {
        "Soil (Map)": ("maps/soil.html", None),
        "Clay (Note)": ("notes/clay.html", None),
        "Loam & sand (Insight)": ("notes/loam.html", None),
        "Humus (Note)": ("notes/humus.html", None),
    }
    for href, _ in _nodes(drawing).values():
        assert (garden.outdir / href).is_file()
    # edges: the hub's two memberships, loam's related note and its link
    assert len(drawing.select("line.hubs-graph-membership")) == 2
    assert len(drawing.select("line.hubs-graph-related")) == 1
    assert len(drawing.select("line.hubs-graph-links")) == 1
    # the same pages as a nested list a reader can open
    listing = around.select_one("details.hubs-graph-list")
    assert text_of(listing.select_one("summary")) == "As a list"
    top = listing.select_one("ul > li > p")
    assert text_of(top) == "Soil (Map)"
    assert [text_of(p) for p in listing.select("ul ul > li > p")][:2] == [
        "Clay (Note)",
        "Loam & sand (Insight); also: Clay",
    ]
    # one kind of edge only: the related note, not the hub or the link
    assert set(_nodes(related.select_one("svg"))) == {
        "Loam & sand (Insight)",
        "Clay (Note)",
    }
    # the whole garden: every page its hubs lead to
    assert set(_nodes(whole.select_one("svg"))) == {
        "Soil (Map)",
        "Clay (Note)",
        "Loam & sand (Insight)",
        "Humus (Note)",
        "Worms (Note)",
    }
    assert whole.select_one("svg")["aria-label"] == "Graph of the garden"


def test_the_page_a_graph_is_drawn_on_is_marked(build, tmp_path):
    root = write_project(
        tmp_path / "src",
        {
            **GARDEN,
            "notes/clay.md": GARDEN["notes/clay.md"]
            + "\n```{hubgraph} /maps/soil\n```\n",
        },
    )
    built = build(root, src=root)
    assert built.warnings == ""
    nodes = _nodes(built.html("notes/clay").select_one("svg"))
    assert nodes["Clay (Note)"] == ("#", "page")
    assert nodes["Soil (Map)"] == ("../maps/soil.html", None)
    current = built.html("notes/clay").select_one(".hubs-graph-list strong")
    assert text_of(current) == "Clay"


def test_a_graph_is_a_list_outside_html(build, tmp_path):
    root = write_project(tmp_path / "src", GARDEN)
    text = build(root, "text", src=root).text("graphs.txt")
    assert "Graph of Soil" in text
    assert "* Soil (Map)" in text
    assert "* Loam & sand (Insight)" in text
    assert "<svg" not in text


def test_a_graph_is_a_picture_in_epub(build, tmp_path):
    """In an e-book the drawing is SVG in the XHTML page (well-formed XML,
    in SVG's namespace), each node a link also as SVG 1.1's ``xlink:href``
    to a page of the book."""
    root = write_project(tmp_path / "src", GARDEN)
    built = build(root, "epub", src=root, copyright="2026", version="1")
    assert built.warnings == ""
    page = ET.parse(built.outdir / "graphs.xhtml").getroot()
    drawings = page.findall(f".//{SVG}svg")
    assert len(drawings) == 3
    links = drawings[0].findall(f".//{SVG}a")
    assert links[0].get("aria-label") == "Soil (Map)"
    for link in links:
        href = link.get("href")
        assert link.get(f"{{{XLINK}}}href") == href
        assert (built.outdir / href).is_file(), href
    # the HTML builders write SVG 2's href only
    html = build(root, src=root).html("graphs").select("a.hubs-graph-node")
    assert html and not any(a.get("xlink:href") for a in html)


def test_a_large_garden_is_drawn_by_its_hubs(build, tmp_path):
    root = write_project(
        tmp_path / "src",
        {**GARDEN, "graphs.md": "# Graphs\n\n```{hubgraph}\n:limit: 3\n```\n"},
    )
    page = build(root, src=root).html("graphs")
    assert set(_nodes(page.select_one("svg"))) == {"Soil (Map)"}
    assert text_of(page.select_one("p.hubs-graph-notice")) == (
        "Hubs only: the garden has more pages than this graph draws."
    )
    # the class of a note's node in a drawing is not also the notice's
    assert all(n.name == "a" for n in page.select(".hubs-graph-note"))


def test_mistakes_warn_where_they_are_written(build, tmp_path):
    root = write_project(
        tmp_path / "src",
        {
            **GARDEN,
            "graphs.md": "# Graphs\n\n```{hubgraph} maps/soil\n:depth: 9\n"
            ":edges: membership, roots\n:size: 3\n```\n\n"
            "```{hubgraph} notes/nowhere\n```\n",
        },
    )
    built = build(root, src=root)
    assert located_warnings(built) == [
        (
            "graphs.md:3",
            "hubgraph has no option :size: (its options: :depth:, "
            ":edges:, :limit:, :width:, :class:); it is ignored",
            "option",
        ),
        (
            "graphs.md:3",
            "hubgraph :depth: must be a whole number from 1 to 6, not '9'; using 1",
            "option",
        ),
        (
            "graphs.md:3",
            "hubgraph :edges: knows membership, related, links, not "
            "'roots'; it is left out",
            "option",
        ),
        (
            "graphs.md:9",
            "hubgraph centre 'notes/nowhere' is not a document of "
            "this project; the graph is not drawn",
            "missing",
        ),
    ]
    page = built.html("graphs")
    assert len(page.select(".hubs-graph")) == 1  # the missing centre's is not drawn
    assert not page.select("line.hubs-graph-related")  # :edges: membership only


def test_a_graph_follows_the_pages_it_draws(build, tmp_path):
    """An incremental build draws a graph again when a page in it changes
    title, and when a page joins it (a note names one of its pages as
    related)."""
    root = write_project(tmp_path / "src", GARDEN)
    build(root, src=root)
    (root / "notes/clay.md").write_text(
        GARDEN["notes/clay.md"].replace("# Clay", "# Red clay"), encoding="utf-8"
    )
    (root / "notes/worms.md").write_text(
        "---\nrelated: [notes/loam]\n---\n# Worms\n\nText.\n", encoding="utf-8"
    )
    rebuilt = build(root, src=root)
    around = rebuilt.html("graphs").select(".hubs-graph")[1]
    assert set(_nodes(around.select_one("svg"))) == {
        "Loam & sand (Insight)",
        "Red clay (Note)",
        "Worms (Note)",
    }


# -- local graphs --------------------------------------------------------------


def _local(page) -> list[str] | None:
    """The accessible names of the nodes of a page's local graph (None:
    it has none)."""
    drawing = page.select_one(".hubs-related .hubs-local-graph svg")
    return None if drawing is None else [a["aria-label"] for a in drawing.select("a")]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("local") / "src", GARDEN)
    return build_project(root, root / "_build")


def test_every_note_with_a_related_block_and_every_hub_has_a_local_graph(local):
    loam = local.html("notes/loam")
    assert _local(loam) == [
        "Loam & sand (Insight)",
        "Soil (Map)",
        "Clay (Note)",
        "Humus (Note)",
    ]
    current = loam.select_one(".hubs-local-graph a.hubs-graph-current")
    assert current["aria-label"] == "Loam & sand (Insight)"
    assert current["aria-current"] == "page"
    # last in the Related block, under its own heading
    block = loam.select_one("section.hubs-related")
    assert [text_of(h) for h in block.select("h3")][-1] == "Graph"
    assert "hubs-local-graph" in block.select(":scope > *")[-1]["class"]
    assert _local(local.html("maps/soil")) == [
        "Soil (Map)",
        "Clay (Note)",
        "Loam & sand (Insight)",
    ]
    # worms names a related note: it has a block, and the graph draws both
    assert _local(local.html("notes/worms")) == ["Worms (Note)", "Humus (Note)"]
    # a page the garden does not show (no hub, no related note) is as it was
    for name in ("notes/humus", "graphs"):
        assert local.html(name).select_one(".hubs-related") is None, name


def test_local_graphs_can_be_deeper_narrower_or_off(build, tmp_path):
    root = write_project(tmp_path / "src", GARDEN)
    deeper = build(root, hubs_local_graph_depth=2)
    assert _local(deeper.html("notes/clay")) == [
        "Clay (Note)",
        "Soil (Map)",
        "Loam & sand (Insight)",
        "Humus (Note)",
    ]
    related = build(root, hubs_local_graph_edges=["related"])
    assert _local(related.html("notes/clay")) == [
        "Clay (Note)",
        "Loam & sand (Insight)",
    ]
    off = build(root, hubs_local_graph_depth=0)
    assert _local(off.html("notes/clay")) is None
    assert off.html("notes/clay").select(".hubs-appears-in a")  # the block stays
    assert off.html("maps/soil").select_one(".hubs-related") is None


def test_bad_local_graph_settings_warn_and_use_the_defaults(build, tmp_path):
    root = write_project(
        tmp_path / "src",
        {
            **GARDEN,
            "conf.py": "hubs_local_graph_depth = 7\n"
            'hubs_local_graph_edges = ["related", "roots"]\n',
        },
    )
    built = build(root, src=root)
    assert [(where, message) for where, message, _ in located_warnings(built)] == [
        (
            "conf.py:4",
            "hubs_local_graph_depth must be between 0 and 3; using the default 1",
        ),
        (
            "conf.py:5",
            "hubs_local_graph_edges has 'roots', which is none of "
            "'membership', 'related', 'links'; it is left out",
        ),
    ]
    assert _local(built.html("notes/clay")) == ["Clay (Note)", "Loam & sand (Insight)"]


def test_a_graph_is_a_picture_in_latex(build, tmp_path):
    """LaTeX draws the same graph with TikZ: every page a link to its
    chapter, the current page ringed; the PDF test compiles it."""
    root = write_project(tmp_path / "src", GARDEN)
    built = build(root, "latex", src=root)
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\usepackage{tikz}" in tex
    start = tex.index("Graph of Soil")
    picture = tex[start : tex.index("\\end{tikzpicture}", start)]
    links = re.findall(
        r"\\hyperref\[\\detokenize\{([^}]*)::doc\}\]\{([^}]*)\}", picture
    )
    assert links == [
        ("maps/soil", "Soil"),
        ("notes/clay", "Clay"),
        ("notes/loam", "Loam \\& sand"),
        ("notes/humus", "Humus"),
    ]
    assert picture.count("\\draw[gray") == 4  # its four edges
    # a local graph: the page itself ringed, not filled
    clay = tex[tex.index("\\label{\\detokenize{notes/clay::doc}}") :]
    local = clay[clay.index("\\begin{tikzpicture}") : clay.index("\\end{tikzpicture}")]
    assert "line width=1.5pt,fill=white" in local


def test_the_search_does_not_find_a_page_by_its_graph(tmp_path):
    """A graph's pages are other pages: Sphinx's search finds each by its
    own page only, not by the graphs that show it."""
    import json

    root = write_project(tmp_path / "src", GARDEN)
    built = build_project(root, root / "_build", search=True)
    script = built.text("searchindex.js")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    clay = index["docnames"].index("notes/clay")
    loam = index["terms"]["loam"]
    pages = {loam} if isinstance(loam, int) else set(loam)
    assert index["docnames"].index("maps/soil") in pages  # its card
    # clay's page names loam only in its Related block's lists and graph
    assert clay not in pages, pages
