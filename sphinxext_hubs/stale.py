"""Where hubs are marked stale: which pages must be rewritten.

A page is rendered from its own doctree plus data from other pages: a hub
shows its cards' titles and descriptions, a note lists the hubs that show it
and its related notes, the all-notes page lists everything.  For every page,
:func:`signature` hashes exactly that outside data; at ``env-updated`` the
pages whose hash changed since the last build are handed back to Sphinx to be
written again.  Pages Sphinx re-reads are written anyway; every other page is
left alone, so an edit to one note rewrites that note, the hubs showing it,
the pages listing it, and nothing else.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .data import CardSpec, HubsData, Note

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _card_face(data: HubsData, docname: str) -> tuple[object, ...]:
    """What a card shows of *docname*: title, description, whether it is a
    hub, whether it has a Related block to explore."""
    note: Note | None = data.notes.get(docname)
    if note is None:
        return (docname, None)
    return (
        docname,
        note.title,
        note.description,
        note.is_hub,
        data.has_related(docname),
        note.related_anchor,
    )


def _link_face(data: HubsData, docname: str) -> tuple[object, ...]:
    """What a ``{note}`` link shows: the title, the description as tooltip."""
    note = data.notes.get(docname)
    return (docname, None) if note is None else (docname, note.title, note.description)


def _list_face(data: HubsData, docname: str) -> tuple[object, ...]:
    """What a Related block list shows: the title."""
    note = data.notes.get(docname)
    return (docname, None if note is None else note.title)


def _shown_face(
    data: HubsData, target: str, spec: CardSpec | None
) -> tuple[object, ...]:
    """What a hub card shows of its target, leaving out what the card overrides."""
    if spec is not None and spec.external:
        return (target,)
    face = list(_card_face(data, target))
    if spec is not None and len(face) > 2:
        if spec.title:
            face[1] = None
        if spec.description:
            face[2] = None
    return tuple(face)


def signature(data: HubsData, docname: str, index: str) -> str | None:
    """Hash of what *docname*'s rendering reads from other pages (or None)."""
    note = data.notes[docname]
    parts: list[object] = []
    hub = data.hubs.get(docname)
    if hub is not None:
        parts.append(("index", index, data.exists(index)))
        for number, cards in enumerate(data.shown.get(docname, [])):
            if cards is None:  # a section this builder drops
                parts.append(None)
                continue
            specs = hub.sections[number].cards if number < len(hub.sections) else []
            faces = []
            for card in cards:
                spec = None if card.explicit is None else specs[card.explicit]
                faces.append(
                    (
                        card.external,
                        card.missing,
                        card.explicit,
                        *_shown_face(data, card.target, spec),
                    )
                )
            parts.append(tuple(faces))
    if note.links:
        parts.append(("links", tuple(_link_face(data, link[0]) for link in note.links)))
    if note.card_targets:
        parts.append(tuple(_card_face(data, card[0]) for card in note.card_targets))
    hubs = data.appears_in.get(docname)
    if hubs:
        parts.append(("appears", tuple(_list_face(data, hub) for hub in hubs)))
    if note.related:
        parts.append(("related", tuple(_list_face(data, rel) for rel in note.related)))
    if docname == index:
        parts.append(
            (
                "all",
                tuple(
                    _card_face(data, name)[:4]  # title, description, is_hub
                    for name in sorted(data.notes)
                    if data.notes[name].is_note or data.notes[name].is_hub
                ),
            )
        )
    if not parts:
        return None
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose outside data changed since the previous build."""
    data = HubsData(env)
    index = app.config.hubs_index_docname
    old = data.signatures
    new: dict[str, str] = {}
    for docname in data.notes:
        digest = signature(data, docname, index)
        if digest is not None:
            new[docname] = digest
    data.data["signatures"] = new
    changed = {name for name, digest in new.items() if old.get(name) != digest}
    changed |= {name for name in old if name not in new and name in data.notes}
    return sorted(changed)
