"""Where cards are drawn.

HTML builders get sphinx-design's grid and card markup (``sd-*`` classes,
styled by its CSS) plus the ``hubs-*`` class names of the documented CSS API.
Every other builder gets readable structure: a definition list whose terms
are the card titles (links) and whose definitions are the descriptions -- no
grid to deform in a PDF.  All links are ``pending_xref`` nodes of the ``hubs``
domain, so Sphinx computes every URI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import Labels
from .nodes import hubs_div, hubs_reference
from .view import CardFace, Link


def div(*children: nodes.Node, classes: list[str]) -> hubs_div:
    """A ``<div>`` with exactly *classes* in HTML (see :class:`hubs_div`)."""
    return hubs_div("", *children, classes=classes)


def paragraph(*children: nodes.Node, classes: list[str]) -> nodes.paragraph:
    """A paragraph of a card, whose classes survive transforms that replace
    the classes of paragraphs (see :class:`KeepClasses`)."""
    return nodes.paragraph("", "", *children, classes=classes, hubs_keep=classes)


class KeepClasses(SphinxPostTransform):
    """Give the paragraphs of cards their classes back.

    sphinx-design before 0.7 replaces the classes of every paragraph inside a
    dropdown with ``sd-card-text``, so a card in a dropdown would lose
    ``hubs-card-title`` and the rest of the documented markup.
    """

    default_priority = 200  # after sphinx-design's dropdown transform (199)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.paragraph):
            keep = node.get("hubs_keep")
            if keep:
                node["classes"] = keep + [c for c in node["classes"] if c not in keep]
                del node["hubs_keep"]


@dataclass
class Drawn:
    """One card to draw: its face from the page's view, and -- for a card a
    ``notecard`` wrote -- the body and classes written on the page."""

    face: CardFace
    #: Rich description (the notecard's body), used instead of the text.
    body: list[nodes.Node] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, face: CardFace, node: nodes.Element | None) -> Drawn:
        if node is None:
            return cls(face)
        return cls(face, [child.deepcopy() for child in node.children], node["classes"])

    @property
    def name(self) -> str:
        return self.face.name or self.face.title


def note_link(
    fromdoc: str,
    target: str,
    text: str,
    *,
    anchor: str = "",
    classes: tuple[str, ...] = (),
    aria_label: str = "",
    kind: str = "",
) -> addnodes.pending_xref:
    """A link to a page of this project (at *anchor* on it, if given),
    resolved by the ``hubs`` domain; with *kind*, its preview shows the
    link's text, that kind and the description beside it."""
    xref = addnodes.pending_xref(
        "",
        nodes.inline(text, text),
        refdomain="hubs",
        reftype="note",
        reftarget=target,
        refdoc=fromdoc,
        refexplicit=True,
        refwarn=True,
        hubs_classes=list(classes),
        hubs_anchor=anchor,
    )
    if aria_label:
        xref["hubs_aria_label"] = aria_label
    if kind:
        xref["hubs_kind"] = kind
    return xref


def _external_link(
    url: str, text: str, classes: tuple[str, ...] = (), aria_label: str = ""
) -> nodes.reference:
    if aria_label:
        link = hubs_reference(text, text, refuri=url, classes=list(classes))
        link["aria_label"] = aria_label
        return link
    return nodes.reference(text, text, refuri=url, classes=list(classes))


def title_link(fromdoc: str, card: Drawn, classes: tuple[str, ...] = ()) -> nodes.Node:
    face = card.face
    if face.missing:
        return nodes.inline(face.title, face.title, classes=list(classes))
    if face.external:
        return _external_link(face.target, face.title, classes)
    return note_link(
        fromdoc,
        face.target,
        face.title,
        classes=classes,
        aria_label=face.name if face.name != face.title else "",
    )


def _description(card: Drawn, classes: list[str]) -> list[nodes.Node]:
    if card.body:
        return [div(*card.body, classes=classes)]
    if card.face.description:
        return [paragraph(nodes.Text(card.face.description), classes=classes)]
    return []


def kind_label(labels: Labels, link: Link) -> str:
    """What the kind badge of the page *link* leads to reads: its kind,
    else "Hub" or "Note"."""
    return link.kind or labels("Hub" if link.is_hub else "Note")


def badge(face: CardFace, labels: Labels) -> nodes.inline | None:
    """The kind badge of a card: the page's ``kind``, else "Hub", "Note" or,
    for a URL, "Link" (none for a page that does not exist)."""
    if face.missing:
        return None
    default = "Link" if face.external else "Hub" if face.is_hub else "Note"
    text = face.kind or labels(default)
    slug = nodes.make_id(face.kind or default)
    classes = ["hubs-badge"] + [f"hubs-badge-{slug}"] * bool(slug)
    return nodes.inline(text, text, classes=classes)


def html_card(
    fromdoc: str, card: Drawn, labels: Labels, level: int = 3
) -> nodes.container:
    """A card as sphinx-design markup: its title, a heading of *level*
    whose link covers the whole card; its kind (and a hub's count); its
    description; "Explore related" and "Read →"."""
    face = card.face
    kinds = ["hubs-card-hub"] * face.is_hub + ["hubs-card-external"] * face.external
    kinds += ["hubs-card-missing"] * face.missing
    box = div(
        classes=[
            "hubs-card",
            *kinds,
            "sd-card",
            "sd-sphinx-override",
            "sd-w-100",
            *card.classes,
        ],
    )
    body = div(classes=["sd-card-body"])
    body += nodes.rubric(
        "",
        "",
        title_link(fromdoc, card, ("hubs-card-link",)),
        classes=["hubs-card-title", "sd-card-title"],
        **{"heading-level": min(max(level, 1), 6)},
    )
    meta = [badge(face, labels)]
    if face.count is not None:
        count = labels.count("{n} note", "{n} notes", face.count)
        meta.append(nodes.inline(count, count, classes=["hubs-card-count"]))
    shown = [node for node in meta if node is not None]
    if shown:
        body += paragraph(*shown, classes=["hubs-card-meta"])
    body += _description(card, ["hubs-card-description", "sd-card-text"])
    box += body
    if face.missing:
        return box
    links = paragraph(classes=["hubs-card-links"])
    read_label = labels("Read \u2192")
    name = card.name
    read_name = labels("Read: {title}", title=name)
    if face.external:
        links += _external_link(face.target, read_label, ("hubs-read",), read_name)
    else:
        if face.explore:
            links += note_link(
                fromdoc,
                face.target,
                labels("Explore related"),
                anchor=face.explore,
                classes=("hubs-explore",),
                aria_label=labels("Explore related: {title}", title=name),
            )
            links += nodes.Text(" ")
        links += note_link(
            fromdoc,
            face.target,
            read_label,
            classes=("hubs-read",),
            aria_label=read_name,
        )
    box += div(links, classes=["sd-card-footer", "hubs-card-footer"])
    return box


def html_grid(
    fromdoc: str, cards: list[Drawn], columns: int, labels: Labels, level: int = 3
) -> nodes.container:
    """The cards of a section as a list (``ul``), laid out in sphinx-design's
    grid; their titles are headings of *level*."""
    row = nodes.bullet_list(
        classes=[
            "hubs-card-list",
            "sd-row",
            "sd-row-cols-1",
            "sd-row-cols-xs-1",
            "sd-row-cols-sm-1",
            f"sd-row-cols-md-{columns}",
            f"sd-row-cols-lg-{columns}",
            "sd-g-3",
            "sd-g-xs-3",
            "sd-g-sm-3",
            "sd-g-md-3",
            "sd-g-lg-3",
        ],
    )
    for card in cards:
        row += nodes.list_item(
            "",
            html_card(fromdoc, card, labels, level),
            classes=["sd-col", "sd-d-flex-row"],
        )
    return div(
        row,
        classes=[
            "hubs-grid",
            f"hubs-columns-{columns}",
            "sd-container-fluid",
            "sd-sphinx-override",
            "sd-mb-4",
        ],
    )


def plain_cards(fromdoc: str, cards: list[Drawn]) -> nodes.definition_list:
    """Cards for non-HTML builders: title (a link), then the description."""
    items = nodes.definition_list(classes=["hubs-grid", "hubs-card-list"])
    for card in cards:
        term = nodes.term("", "", title_link(fromdoc, card))
        description = _description(card, ["hubs-card-description"])
        if not description:  # keep each card its own block in text output
            target = card.face.target
            description = [nodes.paragraph(target, target)]
        definition = nodes.definition("", *description)
        items += nodes.definition_list_item("", term, definition, classes=["hubs-card"])
    return items
