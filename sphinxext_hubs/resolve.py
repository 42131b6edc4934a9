"""Decide, once per build, which cards every hub shows.

Runs at ``env-updated``: after all pages are read (and merged, for parallel
reads) and before any is written.  The result -- the cards of each section of
each hub, and for each note the hubs that show it -- is the
:class:`Selection` from which :mod:`.view` computes what every page shows,
so rendering, counts, Related blocks and staleness all read the same answer.

A section's cards are, in this order: its ``notecard`` directives as written,
then -- sorted by ``:sort:`` and cut by ``:limit:`` -- the notes whose front
matter names it (``hubs:``) and the notes its ``:tags:`` / ``:glob:`` filters
match.  Memberships and tags are indexed once, and a glob only looks at the
docnames under its literal prefix, so the work is linear in notes + cards:
no hub scans every note.

Problems that depend on other pages (a card or membership naming a page that
does not exist, an empty section) are reported here, on every build, so
``-W`` fails an incremental build exactly as it fails a clean one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.matching import patfilter

from .config import Labels
from .data import HubsData, Note
from .directives import Hub, Section
from .frontmatter import (
    NUMBER,
    excerpt,
    join_parts,
    key_location,
    one_line,
    resolve_path,
)
from .nodes import enclosing
from .warning_types import HubsWarning, located, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

    #: Whether this build keeps what an ``only`` expression wraps.
    Shows = Callable[[str], bool]

#: Membership key of a hub's default section.
DEFAULT = ""


@dataclass(frozen=True)
class Card:
    """A card a section shows (before :mod:`.view` gives it its face)."""

    target: str
    external: bool = False
    missing: bool = False
    #: Index of the ``notecard`` in its section, for explicit cards.
    explicit: int | None = None


@dataclass
class Selection:
    """Which cards every hub shows, and which hubs show every note."""

    #: hub docname -> per section, its cards (None: dropped by ``only``)
    shown: dict[str, list[list[Card] | None]] = field(default_factory=dict)
    #: docname -> the hubs showing it, by title
    appears_in: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> the notes and hubs whose text links to it, in docname
    #: order, as Related blocks list them (empty without ``hubs_backlinks``)
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    #: note or hub -> the pages of this project its text links to (sorted)
    links: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> the notes and hubs whose text links to it (always)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> the notes that name it as related, in docname order
    related_from: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Indexes:
    """Built once per build from every note; read by every section."""

    #: hub -> section anchor (or DEFAULT) -> member docnames, in docname order
    members: dict[str, dict[str, dict[str, None]]] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)
    #: every note's docname, sorted (globs bisect it by their literal prefix)
    docnames: list[str] = field(default_factory=list)


def build_indexes(env: BuildEnvironment, data: HubsData) -> Indexes:
    indexes = Indexes()
    for docname in sorted(data.notes):
        note = data.notes[docname]
        if not (note.is_note or note.is_hub):  # a hub is always a note
            continue
        indexes.docnames.append(docname)
        for tag in note.tags:
            indexes.tags.setdefault(tag, []).append(docname)
        for entry in note.hubs:
            _add_membership(env, data, indexes, note, entry)
    return indexes


def _add_membership(
    env: BuildEnvironment, data: HubsData, indexes: Indexes, note: Note, entry: str
) -> None:
    path, _, anchor = entry.partition("#")
    hub_name = resolve_path(note.docname, path, env)
    hub = data.hubs.get(hub_name)
    anchors = {section.anchor for section in hub.sections} if hub else set()
    if hub is not None and anchor == hub.default_anchor and anchor not in anchors:
        anchor = DEFAULT  # the appended default section, named by its anchor

    def where() -> tuple[str, int | None]:
        # only a mistake reads the file again, for the line to report
        return key_location(env, note.docname, "hubs")

    if hub is None:
        what = "is not a hub" if data.exists(hub_name) else "is not a document"
        warn(
            HubsWarning.missing,
            f"front matter 'hubs' names {hub_name!r}, which {what} of this project",
            where(),
        )
        return
    if hub_name == note.docname:
        warn(
            HubsWarning.duplicate_card,
            "a hub cannot be a member of itself; this 'hubs' entry is ignored",
            where(),
        )
        return
    if anchor and anchor not in anchors:
        known = ", ".join(section.anchor for section in hub.sections) or "none"
        warn(
            HubsWarning.section,
            f"hub {hub_name!r} has no section {anchor!r} (its sections: {known}); "
            "the note goes to its default section",
            where(),
        )
        anchor = DEFAULT
    section_members = indexes.members.setdefault(hub_name, {})
    section_members.setdefault(anchor, {})[note.docname] = None  # ordered set


def _glob_matches(indexes: Indexes, pattern: str) -> list[str]:
    """The docnames *pattern* matches, as Sphinx's ``Matcher`` matches
    them (``**/name`` also matches ``name``), looked for only among those
    that start with the pattern's literal part."""
    literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    names = indexes.docnames
    start = bisect.bisect_left(names, literal)
    end = bisect.bisect_left(names, literal + "\U0010ffff", start)
    candidates = names[start:end]
    matches = patfilter(candidates, pattern)
    if pattern.startswith("**/"):
        matches = sorted({*matches, *patfilter(candidates, pattern[3:])})
    return matches


def _filtered(indexes: Indexes, section: Section) -> list[str]:
    if not section.tags and not section.globs:
        return []
    found: set[str] | None = None
    if section.tags:
        found = {name for tag in section.tags for name in indexes.tags.get(tag, ())}
    if section.globs:
        globbed = {name for p in section.globs for name in _glob_matches(indexes, p)}
        found = globbed if found is None else found & globbed
    return sorted(found or ())


def _sort(data: HubsData, hub: Hub, section: Section, names: list[str]) -> list[str]:
    """*names* (in docname order) sorted by the section's ``:sort:``, stably."""
    key = section.sort.lstrip("-")
    reverse = section.sort.startswith("-")
    if key == "docname":
        return sorted(names, reverse=reverse)
    if key == "title":
        return sorted(names, key=lambda n: data.title(n).casefold(), reverse=reverse)
    values = {n: data.notes[n].fields.get(key) for n in names}
    present = [n for n in names if values[n] is not None]
    missing = [n for n in names if values[n] is None]
    if names and not present:
        warn(
            HubsWarning.option,
            f"section {section.title!r} sorts by {key!r}, but none of its notes "
            f"has that front-matter field; sorting by title",
            (hub.docname, section.line),
        )
        return _sort(data, hub, Section("", "", 0, 0, sort="title"), names)
    numbers = {}
    if all(NUMBER.fullmatch(str(values[name])) for name in present):
        numbers = {name: float(str(values[name])) for name in present}
    if numbers:
        ordered = sorted(present, key=numbers.__getitem__, reverse=reverse)
    else:
        ordered = sorted(
            present,
            key=lambda n: str(values[n]).casefold(),
            reverse=reverse,
        )
    return ordered + missing  # notes without the field come last either way


def _explicit(
    data: HubsData, hub: Hub, section: Section, shows: Shows
) -> tuple[list[Card], set[str]]:
    cards: list[Card] = []
    seen: set[str] = set()
    for position, spec in enumerate(section.cards):
        if not shows(spec.only):  # dropped by this builder: not counted
            continue
        location = located(hub.docname, spec.line, spec.source)
        if not spec.target:  # reported where it was written; shown unlinked
            cards.append(Card("", missing=True, explicit=position))
            continue
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
    return cards, seen


def _section_cards(
    data: HubsData,
    indexes: Indexes,
    hub: Hub,
    section: Section,
    members: Iterable[str],
    never: set[str],
    shows: Shows,
) -> list[Card]:
    cards, seen = _explicit(data, hub, section, shows)
    collected = dict.fromkeys(members)
    collected.update(dict.fromkeys(_filtered(indexes, section)))
    names = sorted(name for name in collected if name not in seen and name not in never)
    names = _sort(data, hub, section, names)
    if section.limit is not None:
        names = names[: section.limit]
    cards.extend(Card(name) for name in names)
    return cards


def hub_sections(
    env: BuildEnvironment, data: HubsData, indexes: Indexes, hub: Hub, shows: Shows
) -> list[list[Card] | None]:
    """The cards of each section of *hub* (None for a section this builder
    drops with ``only``), plus the appended default section when notes name
    the hub without a section and no shown section is ``:default:``."""
    members = indexes.members.get(hub.docname, {})
    visible = [shows(section.only) for section in hub.sections]
    default_index = next(
        (i for i, section in enumerate(hub.sections) if section.default and visible[i]),
        None,
    )
    never = {hub.docname, env.config.hubs_index_docname}
    result: list[list[Card] | None] = []
    for index, section in enumerate(hub.sections):
        if not visible[index]:
            result.append(None)
            continue
        names = list(members.get(section.anchor, {}))
        if index == default_index:
            names += members.get(DEFAULT, {})
        cards = _section_cards(data, indexes, hub, section, names, never, shows)
        if not cards:
            warn(
                HubsWarning.empty,
                f"section {section.title!r} has no cards",
                located(hub.docname, section.line, section.source),
            )
        result.append(cards)
    if default_index is None and members.get(DEFAULT):
        appended = Section(
            env.config.hubs_default_section, hub.default_anchor, hub.line, 0
        )
        result.append(
            _section_cards(data, indexes, hub, appended, members[DEFAULT], never, shows)
        )
    return result


def linked_notes(sections: Sequence[list[Card] | None]) -> list[str]:
    """The distinct pages a hub links to, in order of first appearance."""
    seen: dict[str, None] = {}
    for cards in sections:
        for card in cards or ():
            if not card.external and not card.missing:
                seen.setdefault(card.target, None)
    return list(seen)


def condition(tags: Tags) -> Shows:
    """Whether this builder keeps what an ``only`` expression wraps, decided
    as Sphinx decides it (an expression it cannot read keeps the content;
    Sphinx reports it)."""

    @cache
    def shows(expression: str) -> bool:
        if not expression:
            return True
        try:
            return bool(tags.eval_condition(expression))
        except Exception:  # Sphinx keeps the content on any error, and says so
            return True

    return shows


def note_set(env: BuildEnvironment, data: HubsData) -> None:
    """Which documents are notes: in ``hubs_notes`` and not in
    ``hubs_exclude``, less the pages ``hubs_skip`` leaves out -- untitled
    pages, pages included into another (known once every page is read),
    API pages."""
    skip = set(env.config.hubs_skip)
    included: set[str] = set()
    if "included" in skip:
        included = set().union(*env.included.values())
    for docname, note in data.notes.items():
        note.is_note = note.matched and not (
            ("untitled" in skip and not note.titled)
            or docname in included
            or ("api" in skip and note.api)
        )


#: What a link into another project names, by the inventory's object types.
_REMOTE_TYPES = ("std:doc", "std:label", "hubs:hub", "hubs:note")


def remote(env: BuildEnvironment, target: str) -> str | None:
    """The title another project gives *target* (``python:tutorial/index``,
    ``python:tut-intro``), as the page shows it once intersphinx resolves
    the link; None if no inventory has it.  The inventories are those
    ``sphinx.ext.intersphinx`` keeps on the environment (no public API
    reads them)."""
    named = getattr(env, "intersphinx_named_inventory", None) or {}
    project, _, name = target.partition(":")
    inventory = named.get(project) if name else None
    if inventory is None:
        return None
    for objtype in _REMOTE_TYPES:
        entries = inventory.get(objtype) or {}
        item = entries.get(name) or entries.get(name.lower())
        if item is not None:
            # a tuple before Sphinx 8.2, an item with its fields since
            shown = getattr(item, "display_name", None) or item[3]
            return None if shown == "-" else one_line(str(shown))
    return None


def finish_descriptions(env: BuildEnvironment, data: HubsData) -> None:
    """Descriptions that show other pages' titles, now that all are known."""

    def title(docname: str) -> str | None:
        note = data.notes.get(docname)
        return note.title if note is not None else None

    labels = env.domains.standard_domain.labels

    def label(name: str) -> str | None:
        found = labels.get(name)
        if found:
            return one_line(found[2]) or None
        return remote(env, name)

    limit = env.config.hubs_excerpt_chars
    for note in data.notes.values():
        if note.description_parts:
            text = join_parts(
                note.description_parts,
                lambda name: title(name) or remote(env, name),
                label,
            )
            note.description = excerpt(text, limit) if note.description_cut else text


def select(app: Sphinx, env: BuildEnvironment) -> Selection:
    """Every hub's cards (and the problems only all pages together show)."""
    data = HubsData(env)
    note_set(env, data)
    finish_descriptions(env, data)
    indexes = build_indexes(env, data)
    shows = condition(app.tags)
    selection = Selection()
    for docname in sorted(data.hubs):
        sections = hub_sections(env, data, indexes, data.hubs[docname], shows)
        selection.shown[docname] = sections
        for target in linked_notes(sections):
            selection.appears_in.setdefault(target, []).append(docname)
    for hubs in selection.appears_in.values():
        hubs.sort(key=lambda name: (data.title(name).casefold(), name))
    _check_links(app, env, data)
    selection.links = links(env, data)
    selection.backlinks = backlinks(selection.links)
    for docname in sorted(data.notes):
        for other in dict.fromkeys(data.notes[docname].related):
            if other in data.notes and other != docname:
                selection.related_from.setdefault(other, []).append(docname)
    if app.config.hubs_backlinks:
        selection.linked_from = selection.backlinks
    if app.config.hubs_orphans:
        _report_orphans(app, data, selection, selection.backlinks)
    return selection


def _report_orphans(
    app: Sphinx, data: HubsData, selection: Selection, linked: dict[str, list[str]]
) -> None:
    """``hubs.orphan``: every note that no hub shows, no note or hub links
    to and no note names as related (the start page and the all-notes page are
    never orphans)."""
    related = {other for note in data.notes.values() for other in note.related}
    start = {app.config.root_doc, app.config.hubs_index_docname}
    for docname in sorted(data.notes):
        note = data.notes[docname]
        if not note.is_note or note.is_hub or docname in start:
            continue
        if docname in selection.appears_in or docname in linked or docname in related:
            continue
        warn(
            HubsWarning.orphan,
            f"note {docname!r} is an orphan: no hub shows it and no note or hub "
            "links to it (name a hub in its front matter 'hubs:', or link to it)",
            located(docname, 1),
        )


def backlinks(forward: dict[str, list[str]]) -> dict[str, list[str]]:
    """For every page: the notes and hubs whose text links to it (of
    *forward*, as :func:`links` gives them), in docname order."""
    linked: dict[str, list[str]] = {}
    for source, targets in sorted(forward.items()):
        for target in targets:
            linked.setdefault(target, []).append(source)
    return linked


def links(env: BuildEnvironment, data: HubsData) -> dict[str, list[str]]:
    """For every note and hub: the pages of this project its text links to
    (with any link of the project's own, or a standalone card), sorted;
    never itself."""
    std = env.domains.standard_domain
    labels, anonlabels = std.labels, std.anonlabels

    def page(kind: str, target: str) -> str | None:
        if kind != "ref":
            return target if target in data.notes else None
        found = labels.get(target) or anonlabels.get(target)
        return str(found[0]) if found else None

    forward: dict[str, list[str]] = {}
    for docname in sorted(data.notes):
        note = data.notes[docname]
        if not (note.is_note or note.is_hub):
            continue
        targets = {page(kind, target) for kind, target in note.outlinks}
        targets.update(card.target for card in note.cards if not card.external)
        found = sorted(t for t in targets if t and t != docname and t in data.notes)
        if found:
            forward[docname] = found
    return forward


def update_tocs(env: BuildEnvironment, data: HubsData, pages: Iterable[str]) -> None:
    """List an appended default section in its page's table of contents.

    Sphinx builds each page's contents when the page is read, but whether a
    hub needs the default section is only known now: add (or drop) its entry,
    after the entry of the hub's last section -- on the hubs of *pages*, whose
    view was computed this build (every other hub's contents are as the
    last build left them).
    """
    for docname in sorted(set(pages) & data.hubs.keys()):
        hub = data.hubs[docname]
        toc = env.tocs.get(docname)
        if toc is None:
            continue
        for item in list(toc.findall(nodes.list_item)):
            if item.get("hubs_default"):
                item.parent.remove(item)
        view = data.view(docname).hub
        if view is None or not view.appended:
            continue
        siblings: nodes.Element | None = None
        if hub.sections:
            anchor = "#" + hub.sections[-1].anchor
            for reference in toc.findall(nodes.reference):
                if reference.get("anchorname") == anchor:
                    # the list it is in (through an ``only`` node, if any)
                    siblings = enclosing(reference, nodes.bullet_list)
        if siblings is None and toc.children:
            page = toc[0]
            assert isinstance(page, nodes.Element)
            siblings = next(
                (
                    child
                    for child in page.children
                    if isinstance(child, nodes.bullet_list)
                ),
                None,
            )
            if siblings is None:
                siblings = nodes.bullet_list()
                page += siblings
        if siblings is None:
            continue
        title = Labels(env.config).default_section(env.config)
        reference = nodes.reference(
            "",
            "",
            nodes.Text(title),
            internal=True,
            refuri=docname,
            anchorname="#" + hub.default_anchor,
        )
        siblings += nodes.list_item(
            "", addnodes.compact_paragraph("", "", reference), hubs_default=True
        )


def _check_links(app: Sphinx, env: BuildEnvironment, data: HubsData) -> None:
    for docname in sorted(data.notes):
        note = data.notes[docname]
        for target in note.related:
            if not data.exists(target):
                warn(
                    HubsWarning.missing,
                    f"related note {target!r} is not a document of this project",
                    key_location(env, docname, "related"),
                )
        for target, role, line, source in note.links:
            if ":" in target:
                continue  # for intersphinx, reported when the page is written
            if not data.exists(target):
                warn(
                    HubsWarning.missing,
                    f"{{{role}}} target {target!r} is not a document of this project",
                    located(docname, line, source),
                )
            elif role == "hub" and not data.notes[target].is_hub:
                warn(
                    HubsWarning.missing,
                    f"{{hub}} target {target!r} is a page but not a hub "
                    "(it has no 'hub' directive); use {note}",
                    located(docname, line, source),
                )
        for card in note.cards:
            if card.target and not card.external and not data.exists(card.target):
                warn(
                    HubsWarning.missing,
                    f"notecard target {card.target!r} is not a document of this "
                    "project; the card is shown without a link",
                    located(docname, card.line, card.source),
                )
        for graph in note.graphs:
            if graph.root and graph.root not in data.notes:
                warn(
                    HubsWarning.missing,
                    f"hubgraph centre {graph.root!r} is not a document of this "
                    "project; the graph is not drawn",
                    located(docname, graph.line, graph.source),
                )
