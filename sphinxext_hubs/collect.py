"""Read phase: check a page's hub structure and record it.

:class:`HubStructure` runs while the page is parsed (before Sphinx's own
collectors see it): it drops a second ``hub`` and any ``section`` outside a
hub, with a warning each, so neither reaches the table of contents.
:func:`record` runs at ``doctree-read``, after Sphinx has stored the page's
title and metadata, and writes the page's :class:`~.data.Note` (and
:class:`~.data.Hub`) into the domain data.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher

from . import frontmatter
from .data import CardSpec, Hub, HubsData, Note, Section
from .nodes import find, hub_grid, hub_header, notecard, notes_index, related_block
from .warning_types import HubsWarning, warn

LIST_KEYS = frozenset({"tags", "hubs", "related"})

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _inside(node: nodes.Node, kind: type) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


class HubStructure(SphinxTransform):
    """One hub per page; sections only on hub pages; unique section titles."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        found = find(self.document, (hub_header, hub_grid, notecard))
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
                    f"section {grid['title']!r} is outside a hub page (add a 'hub' "
                    "directive to this page); it is not shown",
                    grid.parent,
                )
                grid.parent.parent.remove(grid.parent)
            return
        seen: dict[str, int | None] = {}
        for grid in grids:
            key = grid["title"].casefold()
            if key in seen:
                warn(
                    HubsWarning.duplicate_title,
                    f"section title {grid['title']!r} is used twice on this hub "
                    f"(first at line {seen[key]}); its anchor becomes "
                    f"#{grid['anchor']}",
                    grid.parent,
                )
            else:
                seen[key] = grid.parent.line
        defaults = [grid for grid in grids if grid["default"]]
        for extra in defaults[1:]:
            warn(
                HubsWarning.option,
                f"section {extra['title']!r} is marked :default:, but "
                f"{defaults[0]['title']!r} already is; only the first one is",
                extra.parent,
            )
            extra["default"] = False
        for index, grid in enumerate(grids):
            grid["hub"] = docname
            grid["index"] = index
        # the anchor of the section appended for notes that name no section
        base = nodes.make_id(self.config.hubs_default_section) or "notes"
        anchor, number = base, 1
        while anchor in self.document.ids:
            anchor, number = f"{base}-{number}", number + 1
        hubs[0]["default_anchor"] = anchor


def _card_spec(card: notecard) -> CardSpec:
    return CardSpec(
        target=card["target"],
        line=card.line or 0,
        external=card["external"],
        title=card["title"],
        description=card["description"],
    )


@cache
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(patterns)


def _is_note(env: BuildEnvironment, docname: str) -> bool:
    """Whether *docname* is in ``hubs_notes`` and not in ``hubs_exclude``."""
    config = env.config
    return bool(_matcher(tuple(config.hubs_notes))(docname)) and not _matcher(
        tuple(config.hubs_exclude)
    )(docname)


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

    found = find(doctree, (hub_header, hub_grid, notecard, addnodes.pending_xref))
    header = found[hub_header][0] if found[hub_header] else None
    description = text("description")
    if header is not None and header["description"]:
        description = header["description"]
    if not description:
        paragraph = frontmatter.first_paragraph(
            doctree, (hub_header, hub_grid, notecard)
        )
        description = frontmatter.excerpt(paragraph, app.config.hubs_excerpt_chars)

    grids = found[hub_grid]
    standalone = tuple(
        (card["target"], card.line or 0)
        for card in found[notecard]
        if not isinstance(card.parent, hub_grid) and not card["external"]
    )
    data.notes[docname] = Note(
        docname=docname,
        title=frontmatter.page_title(env, docname),
        description=description,
        is_note=_is_note(env, docname),
        is_hub=header is not None,
        kind=header["kind"] if header is not None else text("kind"),
        tags=items("tags"),
        hubs=items("hubs"),
        related=tuple(
            frontmatter.resolve_path(docname, path, env) for path in items("related")
        ),
        card_targets=standalone,
        links=tuple(
            sorted(
                {
                    (xref["reftarget"], xref["reftype"], xref.line or 0)
                    for xref in found[addnodes.pending_xref]
                    # links into other projects are intersphinx's to check
                    if xref.get("refdomain") == "hubs" and "inventory" not in xref
                }
            )
        ),
        fields={
            key: value
            for key, value in metadata.items()
            if isinstance(value, str)
            and key not in LIST_KEYS | {"description"}
            and not value.startswith(("[", "{"))
        },
    )
    if header is not None:
        data.hubs[docname] = Hub(
            docname=docname,
            kind=header["kind"],
            description=header["description"],
            view=header["view"],
            line=header.line or 0,
            sections=[
                Section(
                    title=grid["title"],
                    anchor=grid["anchor"],
                    line=grid.parent.line or grid.line or 0,
                    columns=grid["columns"],
                    cards=[
                        _card_spec(card)
                        for card in grid.children
                        if isinstance(card, notecard)
                    ],
                    tags=grid["tags"],
                    globs=grid["globs"],
                    sort=grid["sort"],
                    limit=grid["limit"],
                    default=grid["default"],
                )
                for grid in grids
            ],
            default_anchor=header.get("default_anchor", "notes"),
        )
    _add_generated_blocks(app, doctree, docname)


def _add_generated_blocks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append the placeholders whose content depends on other pages."""
    container: nodes.Element = doctree
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    if sections:
        container = sections[-1]
    if docname == app.config.hubs_index_docname:
        container += notes_index(docname=docname)
    if app.config.hubs_related_block:
        container += related_block(docname=docname)


def register(app: Sphinx) -> None:
    app.add_transform(HubStructure)
    # after Sphinx's title and metadata collectors (priority 500)
    app.connect("doctree-read", record, priority=600)
