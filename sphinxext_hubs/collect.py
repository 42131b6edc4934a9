"""Read phase: check a page's hub structure and record it.

:class:`HubStructure` runs while the page is parsed (before Sphinx's own
collectors see it): it drops a second ``hub`` and any ``section`` outside a
hub, with a warning each, so neither reaches the table of contents.
:func:`record` runs at ``doctree-read``, after Sphinx has stored the page's
title and metadata, and writes the page's :class:`~.data.Note` (and the
:class:`~.directives.Hub` its directives built, with its sections and cards
in the order they stand) into the domain data.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher

from . import frontmatter
from .data import HubsData, Note
from .directives import CardSpec, Hub, Section
from .frontmatter import one_line
from .nodes import (
    enclosing,
    find,
    hub_graph,
    hub_grid,
    hub_header,
    notecard,
    notes_index,
    only_condition,
    related_block,
    section_cards,
)
from .warning_types import HubsWarning, warn

LIST_KEYS = frozenset({"tags", "hubs", "related"})

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _inside(node: nodes.Node, kind: type) -> bool:
    return enclosing(node, kind) is not None


def _is_hub_section(node: nodes.Node) -> bool:
    """Whether *node* is the section node of a ``section`` directive."""
    return isinstance(node, nodes.section) and any(
        isinstance(child, hub_grid) for child in node.children
    )


#: What each directive cannot be inside, and how the warning names it.
_PLACES = (
    (notecard, "a notecard's body"),
    (hub_header, "the hub description"),
)


def _blocker(node: nodes.Node, is_section: bool) -> tuple[nodes.Element, str] | None:
    """The outermost directive *node* cannot be inside (it moves after that
    one), and the name of the innermost (which the warning names)."""
    outermost: nodes.Element | None = None
    innermost = ""
    parent = node.parent
    while parent is not None:
        place = next((p for kind, p in _PLACES if isinstance(parent, kind)), "")
        if is_section and _is_hub_section(parent):
            place = "another section (sections do not nest)"
        if place:
            outermost, innermost = parent, innermost or place
        parent = parent.parent
    return None if outermost is None else (outermost, innermost)


#: Our directives' nodes, by the directive's name.
_NAMES: dict[type, str] = {
    hub_header: "hub",
    hub_grid: "section",
    notecard: "notecard",
    hub_graph: "hubgraph",
}


def _ours(document: nodes.document) -> list[Any]:
    """Our directives' nodes, in document order."""
    return list(document.findall(lambda node: type(node) in _NAMES))


def _unnest(ours: list[nodes.Element]) -> bool:
    """Move a ``section`` out of another section's body, and any directive of
    ours out of a notecard's body or the hub description, to right after the
    directive that holds it, with a ``hubs.nesting`` warning.  *ours* are our
    directives' nodes in document order; return whether one moved.

    Nothing is lost: the moved directive keeps the ``only`` conditions it
    was written in, and works where it lands.
    """
    after: dict[int, nodes.Node] = {}
    names = _NAMES
    for found in ours:
        node = found.parent if isinstance(found, hub_grid) else found
        assert isinstance(node, nodes.Element)
        name = names[type(found)]
        blocker = _blocker(node, name == "section")
        if blocker is None:
            continue
        outer, place = blocker
        warn(
            HubsWarning.nesting,
            f"a '{name}' directive cannot be inside {place}; it is moved right "
            "after it",
            node,
        )
        moved: nodes.Node = node
        parent = node.parent
        node.parent.remove(node)
        while parent is not None and parent is not outer:
            if isinstance(parent, addnodes.only):
                moved = addnodes.only("", moved, expr=parent["expr"])
            parent = parent.parent
        anchor = after.get(id(outer), outer)
        anchor.parent.insert(anchor.parent.index(anchor) + 1, moved)
        after[id(outer)] = moved
    if after:  # a body that held a directive: its text without it
        for holder in ours:
            if isinstance(holder, (hub_header, notecard)) and holder.children:
                holder["record"] = replace(
                    holder["record"], description=one_line(holder.astext())
                )
    return bool(after)


class HubStructure(SphinxTransform):
    """One hub per page; sections only on hub pages; unique section titles;
    none of our directives inside another's body."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        ours = _ours(self.document)
        if _unnest(ours):  # one moved: in the new document order
            ours = _ours(self.document)
        found: dict[type, list[Any]] = {kind: [] for kind in _NAMES}
        for node in ours:
            found[type(node)].append(node)
        for node in found[notecard]:
            node["docname"] = docname
        hubs = found[hub_header]
        for nested in [hub for hub in hubs if _inside(hub, hub_grid)]:
            warn(
                HubsWarning.duplicate_hub,
                "a 'hub' directive inside a section is ignored; put it right "
                "under the page title",
                nested,
            )
            nested.parent.remove(nested)
            hubs.remove(nested)
        for hub in hubs:
            hub["docname"] = docname
        for extra_hub in hubs[1:]:
            warn(
                HubsWarning.duplicate_hub,
                "a page can hold one hub; this second 'hub' directive is ignored "
                f"(the first is at line {hubs[0].line})",
                extra_hub,
            )
            extra_hub.parent.remove(extra_hub)
        grids = found[hub_grid]
        if not hubs:
            for grid in grids:
                warn(
                    HubsWarning.section,
                    f"section {grid['record'].title!r} is outside a hub page "
                    "(add a 'hub' directive to this page); it is not shown",
                    grid.parent,
                )
                grid.parent.parent.remove(grid.parent)
            return
        seen: dict[str, int | None] = {}
        for grid in grids:
            section = grid["record"]
            key = section.title.casefold()
            if key in seen:
                warn(
                    HubsWarning.duplicate_title,
                    f"section title {section.title!r} is used twice on this hub "
                    f"(first at line {seen[key]}); its anchor becomes "
                    f"#{section.anchor}",
                    grid.parent,
                )
            else:
                seen[key] = grid.parent.line
        defaults = [grid for grid in grids if grid["record"].default]
        for extra in defaults[1:]:
            warn(
                HubsWarning.option,
                f"section {extra['record'].title!r} is marked :default:, but "
                f"{defaults[0]['record'].title!r} already is; only the first one is",
                extra.parent,
            )
            extra["record"] = replace(extra["record"], default=False)
        for index, grid in enumerate(grids):
            grid["hub"] = docname
            grid["index"] = index
        # the anchor of the section appended for notes that name no section
        base = nodes.make_id(self.config.hubs_default_section) or "notes"
        anchor, number = base, 1
        while anchor in self.document.ids:
            anchor, number = f"{base}-{number}", number + 1
        hubs[0]["default_anchor"] = anchor


def _card_spec(card: notecard, grid: hub_grid) -> CardSpec:
    """A section's notecard record, with where it stands."""
    spec: CardSpec = card["record"]
    return replace(spec, nested=card.parent is not grid, only=only_condition(card))


def _where(node: nodes.Node, own_source: str) -> tuple[int, str]:
    """``(line, source)`` of *node*; *source* is "" for the page's own file
    and the path of the included file it comes from otherwise."""
    source, line = get_source_line(node)
    source = os.path.abspath(source) if source else ""
    return line or 0, "" if source == own_source else source


@cache
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(patterns)


def _is_note(env: BuildEnvironment, docname: str) -> bool:
    """Whether *docname* is in ``hubs_notes`` and not in ``hubs_exclude``."""
    config = env.config
    return bool(_matcher(tuple(config.hubs_notes))(docname)) and not _matcher(
        tuple(config.hubs_exclude)
    )(docname)


#: What tells an API page from prose (:func:`_is_api_page`).
_API_NODES = (nodes.target, addnodes.desc, nodes.paragraph)


def _is_api_page(found: dict[type, list[Any]]) -> bool:
    """Whether the page is API reference: it declares a module
    (``automodule``, ``py:module``), or its object descriptions
    (``autoclass``, ``py:function``, ...) are at least as many as its
    paragraphs of prose.  *found* holds the page's :data:`_API_NODES`."""
    if any(target.get("ismod") for target in found[nodes.target]):
        return True
    descriptions = [d for d in found[addnodes.desc] if not _inside(d, addnodes.desc)]
    if not descriptions:
        return False
    prose = [p for p in found[nodes.paragraph] if not _inside(p, addnodes.desc)]
    return len(descriptions) >= len(prose)


def record(app: Sphinx, doctree: nodes.document) -> None:
    """Store what this page tells about itself; add its generated blocks."""
    env = app.env
    docname = env.docname
    data = HubsData(env)
    metadata = env.metadata.get(docname, {})

    def text(key: str) -> str:
        return frontmatter.string_value(env, docname, metadata, key)

    yaml = frontmatter.is_markdown(env, docname)

    def items(key: str) -> tuple[str, ...]:
        return frontmatter.list_value(env, docname, metadata, key, yaml=yaml)

    found = find(doctree, (*_NAMES, addnodes.pending_xref, *_API_NODES))
    own_source = os.path.abspath(env.doc2path(docname))
    title = frontmatter.page_title(env, docname)
    header = found[hub_header][0] if found[hub_header] else None
    hub: Hub | None = header["record"] if header is not None else None
    description = text("description")
    parts: tuple[frontmatter.Part, ...] = ()
    cut = False
    if header is not None and hub is not None and hub.description:
        description = hub.description
        if header.children:
            parts = frontmatter.text_parts(header)
    if not description:
        parts = frontmatter.first_paragraph(doctree, (hub_header, hub_grid, notecard))
        if parts:
            cut = True
            description = frontmatter.join_parts(parts, lambda name: None)
            description = frontmatter.excerpt(
                description, app.config.hubs_excerpt_chars
            )
    if len(parts) == 1 and isinstance(parts[0], str):  # no link: the text is final
        parts = ()

    grids = found[hub_grid]
    standalone = [card for card in found[notecard] if enclosing(card, hub_grid) is None]
    for position, card in enumerate(standalone):
        card["index"] = position  # its face in the page's view
    for position, graph in enumerate(found[hub_graph]):
        graph["index"] = position  # its graph in the page's view
        graph["docname"] = docname
    data.notes[docname] = Note(
        docname=docname,
        title=title,
        description=description,
        is_hub=hub is not None,
        matched=_is_note(env, docname),
        titled=title != docname,
        api=_is_api_page(found),
        kind=hub.kind if hub is not None else text("kind"),
        tags=items("tags"),
        hubs=items("hubs"),
        related=tuple(
            frontmatter.resolve_path(docname, path, env) for path in items("related")
        ),
        cards=tuple(
            replace(card["record"], only=only_condition(card)) for card in standalone
        ),
        links=tuple(
            sorted(
                {
                    (xref["reftarget"], xref["reftype"], *_where(xref, own_source))
                    for xref in found[addnodes.pending_xref]
                    # links into other projects are intersphinx's to check
                    if xref.get("refdomain") == "hubs" and "inventory" not in xref
                }
            )
        ),
        outlinks=_outlinks(found[addnodes.pending_xref]),
        graphs=tuple(graph["record"] for graph in found[hub_graph]),
        fields={
            key: value
            for key, value in metadata.items()
            if isinstance(value, str)
            and key not in LIST_KEYS | {"description"}
            and not value.startswith(("[", "{"))
        },
        description_parts=parts,
        description_cut=cut,
    )
    if hub is not None:
        assert header is not None
        data.hubs[docname] = replace(
            hub,
            sections=tuple(_section(grid) for grid in grids),
            default_anchor=header.get("default_anchor", hub.default_anchor),
        )
    _add_generated_blocks(app, doctree, data.notes[docname])


def _outlinks(xrefs: list[addnodes.pending_xref]) -> tuple[tuple[str, str], ...]:
    """What the page's links of this project lead to, each once, sorted."""
    links: set[tuple[str, str]] = set()
    for xref in xrefs:
        link = frontmatter.link_target(xref)
        if link is None or "inventory" in xref:
            continue  # not a link, or one into another project
        links.add(link)
        if link[0] == "any":  # a Markdown link names a page, or a label
            links.add(("ref", str(xref["reftarget"]).lower()))
    return tuple(sorted(links))


def _section(grid: hub_grid) -> Section:
    """A section's record, with its cards and where it stands."""
    section: Section = grid["record"]
    return replace(
        section,
        cards=tuple(_card_spec(card, grid) for card in section_cards(grid)),
        only=only_condition(grid.parent),
    )


def _add_generated_blocks(app: Sphinx, doctree: nodes.document, note: Note) -> None:
    """Append the placeholders whose content depends on other pages."""
    container: nodes.Element = doctree
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    if sections:
        container = sections[-1]
    if note.docname == app.config.hubs_index_docname:
        container += notes_index(docname=note.docname)
    if app.config.hubs_related_block:
        # an id of ours, never one of the page's own (a "Related" heading)
        anchor, number = "hubs-related", 1
        while anchor in doctree.ids:
            anchor, number = f"hubs-related-{number}", number + 1
        note.related_anchor = anchor
        container += related_block(docname=note.docname, anchor=anchor)


def register(app: Sphinx) -> None:
    app.add_transform(HubStructure)
    # after Sphinx's title and metadata collectors (priority 500)
    app.connect("doctree-read", record, priority=600)
