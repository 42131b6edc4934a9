"""Write phase: replace the placeholders with what readers see.

:class:`RenderHubs` is a post-transform that runs for each page as it is
written (and for the assembled tree of singlehtml and LaTeX), before Sphinx
resolves references, so every link it draws is resolved by Sphinx.  It reads
only the doctree and the per-build answer of :mod:`.resolve`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .cards import (
    CardView,
    KeepClasses,
    div,
    html_card,
    html_grid,
    note_link,
    paragraph,
    plain_cards,
)
from .config import Labels
from .data import Card, HubsData
from .domain import related_anchor
from .nodes import (
    PLACEHOLDERS,
    enclosing,
    find,
    hub_grid,
    hub_header,
    notecard,
    notes_index,
    related_block,
    section_cards,
    view_switch,
)
from .resolve import linked_notes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def disambiguate(views: list[CardView]) -> None:
    """Give cards that share a title but lead to different pages accessible
    names that tell them apart: the title, then the start of the description."""
    targets: dict[str, set[str]] = {}
    for view in views:
        targets.setdefault(view.title, set()).add(view.target)
    for view in views:
        if len(targets[view.title]) > 1 and view.description:
            words = view.description.split()
            hint = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            view.name = f"{view.title} ({hint})"


class RenderHubs(SphinxPostTransform):
    # before ReferencesResolver (10), so our pending_xrefs are resolved
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        self.data = HubsData(self.env)
        self.labels = Labels(self.config, self.env.srcdir)
        builder = getattr(self.env, "_builder_cls", None)  # Sphinx 9+
        if builder is None:
            builder = type(self.app.builder)
        self.builder_name: str = builder.name
        self.html = builder.format == "html"
        self.interactive = self.html and builder.name != "epub"
        found = find(self.document, PLACEHOLDERS)
        standalone = [card for card in found[notecard] if not enclosing(card, hub_grid)]
        grids = found[hub_grid]
        grids += self.add_default_sections(found[hub_header], grids)
        for header in found[hub_header]:
            self.render_header(header)
        views = [self.section_views(grid) for grid in grids]
        disambiguate([view for section in views for view, _ in section])
        for grid, section in zip(grids, views, strict=True):
            self.render_section(grid, section)
        for card in standalone:
            self.render_standalone(card)
        for block in found[related_block]:
            self.render_related(block)
        for listing in found[notes_index]:
            self.render_index(listing)

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
            hub = self.data.hubs.get(docname)
            shown = self.data.shown.get(docname, [])
            if hub is None or len(shown) <= len(hub.sections):
                continue
            title = self.labels.default_section(self.config)
            section = nodes.section(
                "",
                nodes.title(title, title),
                ids=[hub.default_anchor],
                classes=["hubs-section", "hubs-default-section"],
            )
            grid = hub_grid(
                hub=docname, index=len(hub.sections), columns=self.config.hubs_columns
            )
            section += grid
            added.append(grid)
            after = last.get(docname, header)
            after.parent.insert(after.parent.index(after) + 1, section)
        return added

    def view(self, card: Card, node: notecard | None) -> CardView:
        note = self.data.notes.get(card.target)
        title = description = ""
        body: list[nodes.Node] = []
        classes: list[str] = []
        if node is not None:
            title, description = node["title"], node["description"]
            body = [child.deepcopy() for child in node.children]
            classes = list(node["classes"])
        if note is not None:
            title = title or note.title
            description = description or note.description
        return CardView(
            target=card.target,
            title=title or card.target,
            description=description,
            external=card.external,
            missing=card.missing,
            is_hub=bool(note and note.is_hub),
            has_related=self.has_related(card.target),
            body=body,
            classes=classes,
        )

    def has_related(self, docname: str) -> bool:
        """Whether *docname* gets a Related block (see :meth:`render_related`)."""
        return bool(self.config.hubs_related_block) and self.data.has_related(docname)

    def draw(self, fromdoc: str, cards: list[CardView], columns: int) -> nodes.Element:
        if self.html:
            return html_grid(fromdoc, cards, columns, self.labels)
        return plain_cards(fromdoc, cards)

    # -- hub pages ---------------------------------------------------------

    def render_header(self, header: hub_header) -> None:
        docname = header["docname"]
        hub = self.data.hubs.get(docname)
        sections = [
            cards for cards in self.data.shown.get(docname, []) if cards is not None
        ]
        n_notes = len(linked_notes(sections))
        labels = self.labels
        kind = header["kind"]
        if kind == "Topic Hub":
            kind = labels("Topic Hub")
        stats = paragraph(classes=["hubs-stats"])
        stats += nodes.inline(kind, kind, classes=["hubs-kind"])
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.inline(
            "",
            labels.count("{n} linked note", "{n} linked notes", n_notes),
            classes=["hubs-note-count"],
        )
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.inline(
            "",
            labels.count("{n} section", "{n} sections", len(sections)),
            classes=["hubs-sections-count"],
        )
        view = hub.view if hub else header["view"]
        box = div(classes=["hubs-hub", f"hubs-view-{view}", *header["classes"]])
        if header.children:
            box += div(*header.children, classes=["hubs-description"])
        box += stats
        if self.interactive:
            box += view_switch(
                label=labels("View as"),
                current=view,
                options=[("cards", labels("Cards")), ("list", labels("List"))],
            )
        page = header.parent
        if isinstance(page, nodes.section):
            page["classes"] += ["hubs-page", f"hubs-view-{view}"]
        header.replace_self(box)
        index = self.config.hubs_index_docname
        if self.html and index and self.data.exists(index):
            back = paragraph(classes=["hubs-back"])
            back += nodes.Text("\u2190 ")
            back += note_link(docname, index, labels("All notes"))
            if isinstance(page, nodes.section) and page.parent is not None:
                page.parent.insert(page.parent.index(page), back)
            else:
                box.insert(0, back)

    def section_views(self, grid: hub_grid) -> list[tuple[CardView, notecard | None]]:
        """The cards a section shows, each with the ``notecard`` that wrote it
        (None for collected cards)."""
        sections = self.data.shown.get(grid["hub"], [])
        cards = sections[grid["index"]] if grid["index"] < len(sections) else None
        explicit = section_cards(grid)
        views = []
        for card in cards or ():
            node = explicit[card.explicit] if card.explicit is not None else None
            views.append((self.view(card, node), node))
        return views

    def render_section(
        self, grid: hub_grid, views: list[tuple[CardView, notecard | None]]
    ) -> None:
        docname = grid["hub"]
        # a card written inside a container of the section (a dropdown, a
        # tab, ``only``) is drawn where it is written; the rest in the grid
        in_grid = []
        drawn = set()
        for view, node in views:
            if node is not None and node.parent is not grid:
                node.replace_self(self.draw_one(docname, view))
                drawn.add(id(node))
            else:
                in_grid.append(view)
        for node in section_cards(grid):  # not shown: a duplicate, or dropped
            if id(node) not in drawn:
                node.parent.remove(node)
        intro = [child for child in grid.children if not isinstance(child, notecard)]
        count = paragraph(
            nodes.Text(self.labels.count("{n} note", "{n} notes", len(views))),
            classes=["hubs-section-count"],
        )
        output: list[nodes.Node] = [count, *intro]
        if in_grid:
            output.append(self.draw(docname, in_grid, grid["columns"]))
        grid.replace_self(output)

    def draw_one(self, fromdoc: str, card: CardView) -> nodes.Element:
        """One card on its own (outside a grid)."""
        if not self.html:
            return plain_cards(fromdoc, [card])
        drawn = html_card(fromdoc, card, self.labels)
        drawn["classes"] += ["hubs-card-standalone", "sd-mb-3"]
        return drawn

    def render_standalone(self, node: notecard) -> None:
        fromdoc = node.get("docname") or self.env.docname
        target = node["target"]
        exists = node["external"] or self.data.exists(target)
        card = self.view(
            Card(target, external=node["external"], missing=not exists), node
        )
        node.replace_self(self.draw_one(fromdoc, card))

    # -- generated blocks --------------------------------------------------

    def render_related(self, block: related_block) -> None:
        docname = block["docname"]
        note = self.data.notes.get(docname)
        hubs = self.data.appears_in.get(docname, [])
        related = [
            name for name in (note.related if note else ()) if self.data.exists(name)
        ]
        if not hubs and not related:
            block.parent.remove(block)
            return
        labels = self.labels
        anchor = related_anchor(self.builder_name, docname, block["anchor"])
        box = div(classes=["hubs-related"])
        box += nodes.rubric(labels("Related"), labels("Related"), ids=[anchor])
        for heading, names, cls in (
            (labels("Appears in"), hubs, "hubs-appears-in"),
            (labels("Related notes"), related, "hubs-related-notes"),
        ):
            if not names:
                continue
            box += paragraph(nodes.Text(heading), classes=["hubs-related-heading"])
            items = nodes.bullet_list(classes=[cls])
            for name in names:
                items += nodes.list_item(
                    "",
                    nodes.paragraph(
                        "", "", note_link(docname, name, self.data.title(name))
                    ),
                )
            box += items
        block.replace_self(box)

    def render_index(self, block: notes_index) -> None:
        docname = block["docname"]
        notes = self.data.notes
        names = sorted(
            (
                name
                for name, note in notes.items()
                if (note.is_note or note.is_hub) and name != docname
            ),
            key=lambda name: (notes[name].title.casefold(), name),
        )
        n_hubs = sum(1 for name in names if notes[name].is_hub)
        labels = self.labels
        stats = paragraph(classes=["hubs-stats"])
        stats += nodes.Text(labels.count("{n} note", "{n} notes", len(names) - n_hubs))
        stats += nodes.Text(" \u00b7 ")
        stats += nodes.Text(labels.count("{n} hub", "{n} hubs", n_hubs))
        listing = nodes.definition_list(classes=["hubs-index"])
        for name in names:
            note = notes[name]
            term = nodes.term("", "", note_link(docname, name, note.title))
            if note.is_hub:
                term["classes"].append("hubs-index-hub")
            definition = nodes.definition()
            if note.description:
                definition += nodes.paragraph(note.description, note.description)
            listing += nodes.definition_list_item("", term, definition)
        block.replace_self([stats, listing])


def register(app: Sphinx) -> None:
    app.add_post_transform(RenderHubs)
    app.add_post_transform(KeepClasses)
