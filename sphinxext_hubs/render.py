"""Write phase: replace the placeholders with what readers see.

:class:`RenderHubs` is a post-transform that runs for each page as it is
written (and for the assembled tree of singlehtml and LaTeX), before Sphinx
resolves references, so every link it draws is resolved by Sphinx.  It reads
only the doctree (the page's own content) and the page's view
(:mod:`.view`): what it shows of other pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.io import StringOutput
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms import SphinxTransformer
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform
from sphinx.util.docutils import new_document
from sphinx.util.osutil import relative_uri
from sphinx.writers.html import HTMLWriter

from .cards import (
    Drawn,
    KeepClasses,
    div,
    html_card,
    html_grid,
    kind_label,
    note_link,
    paragraph,
    plain_cards,
)
from .config import Labels
from .data import HubsData, keep, load_kept
from .directives import Hub, Section
from .graph import Entry, GraphNode, GraphView, outline
from .nodes import (
    PLACEHOLDERS,
    enclosing,
    find,
    graph_svg,
    hub_graph,
    hub_grid,
    hub_header,
    hubs_div,
    index_filter,
    notecard,
    notes_index,
    related_block,
    section_cards,
    view_switch,
)
from .stale import ENTRIES
from .view import IndexPart, Link, initial, related_anchor

#: The width at most of a local graph, in CSS pixels.
LOCAL_WIDTH = 640

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class RenderHubs(SphinxPostTransform):
    # before ReferencesResolver (10), so our pending_xrefs are resolved
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        self.data = HubsData(self.env)
        self.labels = Labels(self.config)
        self.builder = self.data.builder
        found = find(self.document, PLACEHOLDERS)
        standalone = [card for card in found[notecard] if not enclosing(card, hub_grid)]
        grids = found[hub_grid]
        grids += self.add_default_sections(found[hub_header], grids)
        for header in found[hub_header]:
            self.render_header(header)
        for grid in grids:
            self.render_section(grid)
        for card in standalone:
            self.render_standalone(card)
        for block in found[related_block]:
            self.render_related(block)
        for listing in found[notes_index]:
            self.render_index(listing)
        for graph in found[hub_graph]:
            self.render_graph(graph)

    # -- helpers -----------------------------------------------------------

    def add_default_sections(
        self, headers: list[hub_header], grids: list[hub_grid]
    ) -> list[hub_grid]:
        """Append the ``hubs_default_section`` section where notes name a hub
        without a section and the hub marks none ``:default:``."""
        added = []
        last: dict[str, nodes.Element] = {}
        for grid in grids:
            # after the last section -- out of any ``only`` or container
            # holding it, so that it is shown whenever the hub is
            section = grid.parent
            while not isinstance(section.parent, nodes.section | nodes.document):
                section = section.parent
            last[grid["hub"]] = section
        for header in headers:
            docname = header["docname"]
            hub = self.data.view(docname).hub
            if hub is None or not hub.appended:
                continue
            title = self.labels.default_section(self.config)
            section = nodes.section(
                "",
                nodes.title(title, title),
                ids=[hub.default_anchor],
                classes=["hubs-section", "hubs-default-section"],
            )
            grid = hub_grid(
                hub=docname,
                index=len(hub.sections) - 1,
                record=Section(title, hub.default_anchor, 0, self.config.hubs_columns),
            )
            section += grid
            added.append(grid)
            after = last.get(docname, header)
            after.parent.insert(after.parent.index(after) + 1, section)
        return added

    def draw(
        self, fromdoc: str, cards: list[Drawn], columns: int, where: nodes.Node
    ) -> nodes.Element:
        """The cards of a section, their titles headings one level below the
        heading of the section they are in (*where* is in it)."""
        if not self.builder.html:
            return plain_cards(fromdoc, cards)
        grid = html_grid(fromdoc, cards, columns, self.labels, card_level(where))
        grid["classes"].append(f"hubs-lines-{self.config.hubs_card_lines}")
        return grid

    def draw_one(self, fromdoc: str, card: Drawn, where: nodes.Node) -> nodes.Element:
        """One card on its own (outside a grid), where *where* is."""
        if not self.builder.html:
            return plain_cards(fromdoc, [card])
        drawn = html_card(fromdoc, card, self.labels, card_level(where))
        drawn["classes"] += [
            "hubs-card-standalone",
            f"hubs-lines-{self.config.hubs_card_lines}",
            "sd-mb-3",
        ]
        return drawn

    # -- hub pages ---------------------------------------------------------

    def render_header(self, header: hub_header) -> None:
        docname = header["docname"]
        hub = self.data.view(docname).hub
        record: Hub = header["record"]
        kind, view = (hub.kind, hub.view) if hub else (record.kind, record.view)
        shown = [cards for cards in hub.sections if cards is not None] if hub else []
        labels = self.labels
        if kind == "Topic Hub":
            kind = labels("Topic Hub")
        stats = paragraph(classes=["hubs-stats"])
        stats += nodes.inline(kind, kind, classes=["hubs-kind"])
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.inline(
            "",
            labels.count(
                "{n} linked note", "{n} linked notes", hub.linked if hub else 0
            ),
            classes=["hubs-note-count"],
        )
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.inline(
            "",
            labels.count("{n} section", "{n} sections", len(shown)),
            classes=["hubs-sections-count"],
        )
        box = div(classes=["hubs-hub", f"hubs-view-{view}", *header["classes"]])
        if header.children:
            box += div(*header.children, classes=["hubs-description"])
        toolbar = div(stats, classes=["hubs-toolbar"])  # one row on wide screens
        if self.builder.interactive:
            toolbar += view_switch(
                label=labels("View as"),
                current=view,
                options=[("cards", labels("Cards")), ("list", labels("List"))],
            )
        box += toolbar
        page = header.parent
        if isinstance(page, nodes.section):
            page["classes"] += ["hubs-page", f"hubs-view-{view}"]
        header.replace_self(box)
        if self.builder.html and hub and hub.back:
            # the arrow is drawn by the CSS (hidden from screen readers)
            text = hub.back_title or labels("All notes")
            back = paragraph(
                note_link(docname, hub.back, text, classes=("hubs-back-link",)),
                classes=["hubs-back"] + ["hubs-back-hub"] * bool(hub.back_title),
            )
            if isinstance(page, nodes.section) and page.parent is not None:
                page.parent.insert(page.parent.index(page), back)
            else:
                box.insert(0, back)

    def render_section(self, grid: hub_grid) -> None:
        docname = grid["hub"]
        hub = self.data.view(docname).hub
        faces = hub.sections[grid["index"]] if hub else None
        written = section_cards(grid)
        # a card written inside a container of the section (a dropdown, a
        # tab, ``only``) is drawn where it is written; the rest in the grid
        in_grid = []
        drawn = set()
        for face in faces or ():
            node = written[face.written] if face.written is not None else None
            card = Drawn.of(face, node)
            if node is not None and node.parent is not grid:
                node.replace_self(self.draw_one(docname, card, node))
                drawn.add(id(node))
            else:
                in_grid.append(card)
        for node in written:  # not shown: a duplicate, or dropped
            if id(node) not in drawn:
                node.parent.remove(node)
        intro = [child for child in grid.children if not isinstance(child, notecard)]
        text = self.labels.count("{n} note", "{n} notes", len(faces or ()))
        output: list[nodes.Node] = [*intro]
        section = grid.parent
        if (
            self.builder.html
            and isinstance(section, nodes.section)
            and isinstance(section[0], nodes.title)
        ):
            # beside the heading (written after the page's table of
            # contents was taken from it: it is not in the contents)
            section[0] += nodes.Text(" ")
            section[0] += nodes.inline(text, text, classes=["hubs-section-count"])
        else:
            output.insert(
                0, paragraph(nodes.Text(text), classes=["hubs-section-count"])
            )
        if in_grid:
            output.append(self.draw(docname, in_grid, grid["record"].columns, grid))
        grid.replace_self(output)

    def render_standalone(self, node: notecard) -> None:
        fromdoc = node.get("docname") or self.env.docname
        cards = self.data.view(fromdoc).cards
        position = node.get("index", len(cards))
        if position >= len(cards):  # not recorded (a builder without a read)
            node.parent.remove(node)
            return
        node.replace_self(self.draw_one(fromdoc, Drawn.of(cards[position], node), node))

    # -- generated blocks --------------------------------------------------

    def render_related(self, block: related_block) -> None:
        docname = block["docname"]
        view = self.data.view(docname)
        related, local = view.related, view.local
        if related is None and local is None:
            block.parent.remove(block)
            return
        if related is not None:
            anchor = related.anchor
        else:  # a hub with a local graph only
            anchor = related_anchor(self.builder, docname, block["anchor"])
        labels = self.labels
        title = labels("Related")
        box: nodes.Element
        if self.builder.html:
            # a section of the page's own (written after its table of
            # contents was taken: not in the contents), one level below its
            # title, after its other sections
            box = nodes.section(
                "",
                nodes.title(title, title),
                ids=[anchor],
                classes=["hubs-related"],
            )
        else:
            box = div(classes=["hubs-related"])
            box += nodes.rubric(title, title, ids=[anchor])
        level = card_level(block) + 1  # below the heading "Related"
        lists = (
            (
                (labels("Appears in"), related.appears_in, "hubs-appears-in"),
                (labels("Related notes"), related.related, "hubs-related-notes"),
                (labels("Linked from"), related.linked_from, "hubs-linked-from"),
            )
            if related is not None
            else ()
        )
        for heading, links, cls in lists:
            if not links:
                continue
            rubric = nodes.rubric(heading, heading, classes=["hubs-related-heading"])
            if self.builder.html:
                rubric["heading-level"] = min(level, 6)
            box.append(rubric)
            items = nodes.bullet_list(classes=[cls])
            for link in links:
                kind = kind_label(labels, link) if self.builder.preview else ""
                entry = nodes.paragraph(
                    "", "", note_link(docname, link.target, link.title, kind=kind)
                )
                if link.description:
                    entry += nodes.Text(" \u2014 ")
                    entry += nodes.inline(
                        link.description,
                        link.description,
                        classes=["hubs-related-description"],
                    )
                items += nodes.list_item("", entry)
            box.append(items)
        if local is not None:
            heading = labels("Graph")
            rubric = nodes.rubric(heading, heading, classes=["hubs-related-heading"])
            if self.builder.html:
                rubric["heading-level"] = min(level, 6)
            box.append(rubric)
            name = labels("Graph of {title}", title=local.nodes[0].title)
            box.append(
                self.draw_graph(
                    docname,
                    local,
                    name,
                    LOCAL_WIDTH,
                    ["hubs-local-graph"],
                    titled=False,
                )
            )
        block.replace_self(box)

    # -- graphs ----------------------------------------------------------

    def render_graph(self, node: hub_graph) -> None:
        docname = node.get("docname") or self.env.docname
        graphs = self.data.view(docname).graphs
        position = node.get("index", len(graphs))
        view = graphs[position] if position < len(graphs) else None
        if view is None or not view.nodes:
            node.parent.remove(node)
            return
        spec = node["record"]
        if spec.root:
            title = self.labels("Graph of {title}", title=view.nodes[0].title)
        else:
            title = self.labels("Graph of the garden")
        node.replace_self(
            self.draw_graph(docname, view, title, spec.width, node["classes"])
        )

    def draw_graph(
        self,
        docname: str,
        view: GraphView,
        title: str,
        width: int,
        classes: list[str],
        *,
        titled: bool = True,
    ) -> nodes.Element:
        """A graph: in HTML its SVG, then its pages as a list a reader can
        open; in LaTeX its title (unless a heading gives it: not *titled*)
        and its drawing; elsewhere its title and the list."""
        labels = self.labels
        box = hubs_div(classes=["hubs-graph", *classes])
        kinds = tuple(self.node_kind(node) for node in view.nodes)
        drawing = graph_svg(
            view=view,
            names=tuple(
                f"{node.title} ({kind})"
                for node, kind in zip(view.nodes, kinds, strict=True)
            ),
            kinds=kinds,
            title=title,
            width=width,
        )
        if self.builder.html:
            # the drawing, and the list a reader can open: written by the
            # translator, as light as the page's other markup (and not in
            # Sphinx's search index: its titles are other pages', found by
            # their own)
            drawing["summary"] = labels("As a list")
            drawing["also"] = labels("also: {pages}")
            drawing["previews"] = self.builder.preview
            box += drawing
        else:  # LaTeX: the drawing; text, man, texinfo: the list
            if titled:
                box += paragraph(nodes.Text(title), classes=["hubs-graph-title"])
            latex = self.builder.format == "latex"
            box += drawing if latex else self.graph_list(docname, view)
        for shown, text in (
            (
                view.hubs_only,
                labels("Hubs only: the garden has more pages than this graph draws."),
            ),
            (
                bool(view.left_out),
                labels(
                    "Some pages are left out: this graph draws at most {n}.",
                    n=str(len(view.nodes)),
                ),
            ),
        ):
            if shown:
                box += paragraph(nodes.Text(text), classes=["hubs-graph-notice"])
        return box

    def node_kind(self, node: GraphNode) -> str:
        link = Link(node.target, node.title, is_hub=node.is_hub, kind=node.kind)
        return kind_label(self.labels, link)

    def graph_list(self, docname: str, view: GraphView) -> nodes.bullet_list:
        """The graph as a nested list (:func:`~.graph.outline`): each page
        under the page through which it was reached, with its kind and the
        other pages it has an edge with."""

        def entry(item: Entry) -> nodes.list_item:
            node = view.nodes[item.number]
            line = nodes.paragraph()
            if item.number == view.current:
                line += nodes.strong(node.title, node.title)
            else:
                line += note_link(docname, node.target, node.title)
            line += nodes.Text(f" ({self.node_kind(node)})")
            if item.also:
                pages = ", ".join(view.nodes[other].title for other in item.also)
                line += nodes.Text("; " + self.labels("also: {pages}", pages=pages))
            listed = nodes.list_item("", line)
            if item.below:
                listed += nodes.bullet_list("", *(entry(below) for below in item.below))
            return listed

        return nodes.bullet_list("", *(entry(item) for item in outline(view)))

    def render_index(self, block: notes_index) -> None:
        """The all-notes page: the counts; in HTML a filter box and a bar
        of links to the groups; then the hubs, and the notes by first
        letter, each row a link, a kind badge and the description."""
        docname = block["docname"]
        index = self.data.view(docname).index
        if index is None:
            block.parent.remove(block)
            return
        labels = self.labels
        stats = paragraph(classes=["hubs-stats"])
        stats += nodes.Text(labels.count("{n} note", "{n} notes", index.notes))
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.Text(labels.count("{n} hub", "{n} hubs", index.hubs))
        groups: dict[str, list[Link]] = {}
        for row in index.rows:
            key = labels("Hubs") if row.is_hub else initial(row.title)
            groups.setdefault(key, []).append(row)
        if labels("Hubs") in groups:  # the hubs first
            groups = {labels("Hubs"): groups.pop(labels("Hubs")), **groups}
        anchors = {
            key: f"hubs-index-{nodes.make_id(key) or number}"
            for number, key in enumerate(groups)
        }
        box = div(classes=["hubs-index"])
        if self.builder.interactive:
            box += index_filter(
                label=labels("Filter"),
                shown=labels("Shown: {n}"),
                # a list split into pages: every entry, in a script of its own
                entries=relative_uri(
                    self.app.builder.get_target_uri(docname), f"_static/{ENTRIES}"
                )
                if index.parts
                else "",
            )
        if self.builder.html:
            jump = paragraph(classes=["hubs-index-jump"])
            for key, anchor in anchors.items():
                jump += nodes.reference(key, key, refid=anchor, internal=True)
                jump += nodes.Text(" ")
            if index.parts:  # a list split into pages: a link to each
                jump = paragraph(classes=["hubs-index-jump", "hubs-index-pages"])
                for part in index.parts:
                    text = part_label(part, labels)
                    if part.page == docname:
                        jump += nodes.strong(text, text, classes=["hubs-index-here"])
                    else:
                        jump += note_link(docname, part.page, text)
                    jump += nodes.Text(" ")
            box += jump
        level = card_level(block)
        for key, rows in groups.items():
            heading = nodes.rubric(
                key, key, ids=[anchors[key]], classes=["hubs-index-heading"]
            )
            if self.builder.html:
                heading["heading-level"] = min(level, 6)
            listing = nodes.definition_list(classes=["hubs-index-group"])
            for row in rows:
                term = nodes.term("", "", note_link(docname, row.target, row.title))
                if row.is_hub:
                    term["classes"].append("hubs-index-hub")
                if row.twin:  # told apart from the rows of the same title
                    text = labels("in {hub}", hub=row.context) if row.context else ""
                    term += nodes.Text(" ")
                    term += nodes.inline(
                        text or row.target,
                        "",
                        nodes.Text(text)
                        if text
                        else nodes.literal(row.target, row.target),
                        classes=["hubs-index-context"],
                    )
                kind = row.kind or (labels("Hub") if row.is_hub else "")
                if kind and self.builder.html:
                    term += nodes.Text(" ")
                    term += nodes.inline(
                        kind,
                        kind,
                        classes=["hubs-badge", f"hubs-badge-{nodes.make_id(kind)}"],
                    )
                definition = nodes.definition()
                if row.description:
                    definition += nodes.paragraph(row.description, row.description)
                listing += nodes.definition_list_item("", term, definition)
            box += [heading, listing]
        block.replace_self([stats, box])


def part_label(part: IndexPart, labels: Labels) -> str:
    """How a page of a split all-notes list is named: "Hubs", its letter,
    or its letter and number ("S 2")."""
    if not part.group:
        return labels("Hubs")
    return f"{part.group} {part.number}" if part.number else part.group


def card_level(node: nodes.Node) -> int:
    """The heading level one below that of the section *node* is in (the
    page's title is level 1)."""
    level = 1
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            level += 1
        parent = parent.parent
    return level


@contextmanager
def _current_docname(env: BuildEnvironment, docname: str) -> Iterator[None]:
    """*docname* as the document being worked on, as Sphinx sets it while
    it resolves a document's references (without Sphinx's
    ``doctree-resolved`` event: the page is no document of the project)."""
    if hasattr(env, "current_document"):  # Sphinx 8.2+
        current = env.current_document
        env.current_document = copy(current)
        env.current_document.docname = docname
        try:
            yield
        finally:
            env.current_document = current
    else:  # Sphinx 8.1: the same, in its ``temp_data``
        temp: dict[str, Any] = getattr(env, "temp_data")  # noqa: B009 (a dict)
        before = dict(temp)
        temp["docname"] = docname
        try:
            yield
        finally:
            temp.clear()
            temp.update(before)


def provide_index(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """The pages the extension writes itself (``html-collect-pages``), as
    Sphinx writes its general index: the all-notes page when the project
    has no document of that name, and the further pages of a split
    all-notes list -- each only when what it shows changed since it was
    last written (:func:`~.stale.provided_to_write`), or its file is
    missing.  Each is its title and its list, drawn and resolved as on a
    document, in the theme's ``page.html``."""
    data = HubsData(app.env)
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return []
    labels = Labels(app.config)
    changed = data.data.get("provided_changed", ())
    lists = data.data.get("entries") or ()
    script = Path(builder.outdir, "_static", ENTRIES)
    if lists and (ENTRIES in changed or not script.is_file()):
        _write_entries(app, builder, lists, labels, script)
    pages = []
    for name in data.provided:
        if name not in changed and Path(builder.get_outfilename(name)).is_file():
            continue
        index = data.view(name).index
        part = next((p for p in index.parts if p.page == name), None) if index else None
        title = labels("All notes")
        if part is not None and part.group:
            title = labels("All notes: {part}", part=part_label(part, labels))
        context = {"title": title, "body": _body(app, builder, name, title)}
        pages.append((name, {**context, "sourcename": ""}, "page.html"))
    return pages


def _write_entries(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    lists: tuple[str, ...],
    labels: Labels,
    path: Path,
) -> None:
    """Every entry of a split all-notes list -- title, address from the
    site's root, kind, description -- as the script the filter box loads:
    ``window.hubsEntries = [...]``.  The entries of a page of the list whose
    view did not change are kept from the last script (:data:`KEPT`), so
    an edit costs one page's entries."""
    data = HubsData(app.env)
    frame = (data.data.get("provided_frame"), data.data.get("catalogues"))
    key = repr((builder.name, *frame))
    old: dict[str, tuple[bytes, str]] = load_kept(app.doctreedir, KEPT, key) or {}
    parts: dict[str, tuple[bytes, str]] = {}
    for name in lists:
        digest = data.digests.get(name, b"")
        if name in old and old[name][0] == digest and digest:
            parts[name] = old[name]
            continue
        rows = getattr(data.view(name).index, "rows", ())
        text = ",".join(
            json.dumps(
                [
                    row.title,
                    builder.get_target_uri(row.target),
                    row.kind or (labels("Hub") if row.is_hub else ""),
                    row.description,
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for row in rows
        )
        parts[name] = (digest, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ",".join(text for _, text in parts.values() if text)
    path.write_text(f"window.hubsEntries=[{text}];\n", encoding="utf-8")
    keep(app.doctreedir, KEPT, key, parts)


#: Where the entries of the last script are kept (:func:`~.data.keep`).
KEPT = "hubs-entries.pickle"


def _body(app: Sphinx, builder: StandaloneHTMLBuilder, name: str, title: str) -> str:
    """The HTML body of the page *name*: *title* and its all-notes list."""
    document = new_document("<hubs>", builder.docsettings)
    section = nodes.section("", ids=[nodes.make_id(title) or "all-notes"])
    section += nodes.title(title, title)
    section += notes_index(docname=name)
    document += section
    transformer = SphinxTransformer(document)
    transformer.set_environment(app.env)
    transformer.add_transforms([RenderHubs, KeepClasses, ReferencesResolver])
    with _current_docname(app.env, name):
        transformer.apply_transforms()
    # written as Sphinx writes a document's body (write_doc)
    # (a build that writes no document has set none of them)
    kept = {key: getattr(builder, key, None) for key in _WRITING}
    builder.current_docname, builder.secnumbers, builder.fignumbers = name, {}, {}
    try:
        writer = HTMLWriter(builder)
        writer.write(document, StringOutput(encoding="unicode"))
        writer.assemble_parts()
        return str(writer.parts["fragment"])
    finally:
        for key, value in kept.items():
            setattr(builder, key, value)


#: What the HTML builder sets for the document it writes.
_WRITING = ("current_docname", "secnumbers", "fignumbers")


def register(app: Sphinx) -> None:
    app.add_post_transform(RenderHubs)
    app.add_post_transform(KeepClasses)
    app.connect("html-collect-pages", provide_index)
