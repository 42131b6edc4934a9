"""Decide, once per build, which cards every hub shows.

Runs at ``env-updated``: after all pages are read (and merged, for parallel
reads) and before any is written.  The result -- the cards of each section of
each hub, and for each note the hubs that show it -- is stored on the domain
data, so rendering, counts, Related blocks and staleness all read the same
answer.  The work is linear in the number of cards.

Problems that depend on other pages (a card naming a page that does not
exist, an empty section) are reported here, on every build, so ``-W`` fails
an incremental build exactly as it fails a clean one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data import Card, Hub, HubsData
from .frontmatter import source_line
from .warning_types import HubsWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def _section_cards(data: HubsData, hub: Hub, index: int) -> list[Card]:
    section = hub.sections[index]
    cards: list[Card] = []
    seen: set[str] = set()
    for position, spec in enumerate(section.cards):
        location = (hub.docname, spec.line)
        if spec.external:
            cards.append(Card(spec.target, external=True, explicit=position))
            continue
        if spec.target in seen:
            warn(
                HubsWarning.duplicate_card,
                f"{spec.target!r} is already a card of section "
                f"{section.title!r}; it is shown once",
                location,
            )
            continue
        if spec.target == hub.docname:
            warn(
                HubsWarning.duplicate_card,
                "a hub cannot be a card of itself; this card is not shown",
                location,
            )
            continue
        seen.add(spec.target)
        missing = not data.exists(spec.target)
        if missing:
            warn(
                HubsWarning.missing,
                f"notecard target {spec.target!r} is not a document of this "
                "project; the card is shown without a link",
                location,
            )
        cards.append(Card(spec.target, missing=missing, explicit=position))
    if not cards:
        warn(
            HubsWarning.empty,
            f"section {section.title!r} has no cards",
            (hub.docname, section.line),
        )
    return cards


def linked_notes(sections: list[list[Card]]) -> list[str]:
    """The distinct pages a hub links to, in order of first appearance."""
    seen: dict[str, None] = {}
    for cards in sections:
        for card in cards:
            if not card.external and not card.missing:
                seen.setdefault(card.target, None)
    return list(seen)


def resolve(env: BuildEnvironment) -> None:
    data = HubsData(env)
    shown: dict[str, list[list[Card]]] = {}
    appears_in: dict[str, list[str]] = {}
    for docname in sorted(data.hubs):
        hub = data.hubs[docname]
        sections = [_section_cards(data, hub, i) for i in range(len(hub.sections))]
        shown[docname] = sections
        for target in linked_notes(sections):
            appears_in.setdefault(target, []).append(docname)
    for hubs in appears_in.values():
        hubs.sort(key=lambda name: (data.title(name).casefold(), name))
    data.data["shown"] = shown
    data.data["appears_in"] = appears_in

    for docname in sorted(data.notes):
        note = data.notes[docname]
        for target in note.related:
            if not data.exists(target):
                warn(
                    HubsWarning.missing,
                    f"related note {target!r} is not a document of this project",
                    (docname, source_line(env, docname, "related")),
                )
        for target, line in note.card_targets:
            if not data.exists(target):
                warn(
                    HubsWarning.missing,
                    f"notecard target {target!r} is not a document of this "
                    "project; the card is shown without a link",
                    (docname, line),
                )
    index = env.config.hubs_index_docname
    if index and data.hubs and not data.exists(index):
        warn(
            HubsWarning.missing,
            f"hubs_index_docname is {index!r}, but there is no such document; "
            f"create {index}.md (a title is enough) to get the all-notes page "
            "and the \u201c\u2190 All notes\u201d links",
        )
