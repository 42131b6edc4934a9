"""Every warning the extension can emit, in one place.

Each member is a ``hubs.<subtype>`` warning.  ``suppress_warnings =
["hubs.<subtype>"]`` silences one kind; ``sphinx-build -W`` turns them all
into errors.  The docs page listing them is generated from this enum.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("sphinxext_hubs")

WARNING_TYPE = "hubs"


class HubsWarning(Enum):
    """The ``hubs.*`` warning subtypes; each value is its description."""

    missing = (
        "A name that leads nowhere: a ``notecard`` target, a ``related:`` or "
        "``hubs:`` entry, a ``hubgraph`` centre, or a ``{note}``/``{hub}`` "
        "target that is not a "
        "document (or, for ``hubs:`` and ``{hub}``, not a hub) of this "
        "project; a URL scheme other than http/https."
    )
    section = (
        "A ``section`` directive outside a hub page (it renders nothing), or a "
        "``hubs: [HUB#section-id]`` entry naming a section the hub does not "
        "have (the note goes to the default section)."
    )
    metadata = (
        "A front-matter value of the wrong type or that cannot be parsed, "
        "such as ``hubs: 17``, ``description: [a, b]`` or ``tags: {a: 1}``; "
        "or a plain string where YAML front matter needs a list."
    )
    duplicate_title = (
        "Two sections of one hub share a title, so their anchors and "
        "``HUB#section-id`` memberships would be ambiguous."
    )
    duplicate_hub = "A second ``hub`` directive in one document; it is ignored."
    duplicate_card = (
        "The same note given twice in one section (it is shown once), or a "
        "hub made a card or a member of itself (ignored)."
    )
    empty = "A section that ends up with no cards."
    option = (
        "An unknown directive option (ignored; the directive still renders), a "
        "missing argument (a section without a title, a card without a "
        "target), or an option value the extension cannot use (a bad "
        "``:view:``, ``:columns:``, ``:limit:`` or ``:sort:``, a ``:sort:`` "
        "field no note has, a second ``:default:`` section, a URL card without "
        "``:title:``); the default is used instead."
    )
    nesting = (
        "A directive of this extension where it cannot work as written: a "
        "``section`` inside another section's body, a ``notecard`` or a "
        "``section`` inside a ``notecard`` or inside the ``hub`` description. "
        "It is moved right after the directive that holds it (keeping any "
        "``only`` condition around it), so nothing is lost."
    )
    orphan = (
        "With ``hubs_orphans = True``: a note that no hub shows, no note or hub links "
        "to and no note names in ``related:``."
    )
    config = (
        "A ``hubs_*`` configuration value of the wrong type, with an odd value "
        "(a glob that cannot be read, an unknown label key) or an unreadable "
        "label catalogue in ``locale_dirs``; located at ``conf.py`` (or the "
        "catalogue file). The default is used instead, or the item is left out."
    )

    @property
    def subtype(self) -> str:
        return self.name


def located(docname: str, line: int | None, source: str = "") -> Any:
    """A warning location: ``(docname, line)`` for the page's own file, or
    ``"path:line"`` for a file it includes (Sphinx prints both the same way)."""
    if source:
        return f"{source}:{line or ''}"
    return (docname, line)


#: A warning as :func:`recorded` keeps it: ``(kind's name, message,
#: location)``, the location a ``(docname, line)`` or ``"path:line"``.
Recorded = tuple[str, str, Any]

#: While :func:`recorded` runs: the warnings emitted, and whether to emit them.
_recording: list[tuple[list[Recorded], bool]] = []


@contextmanager
def recorded(*, emit: bool = True) -> Iterator[list[Recorded]]:
    """Keep every warning emitted in the ``with`` block (and emit it only
    with *emit*): for the warnings that depend on other pages, which a
    build that computes nothing anew emits again (:func:`again`)."""
    kept: list[Recorded] = []
    _recording.append((kept, emit))
    try:
        yield kept
    finally:
        _recording.pop()


def again(warnings: list[Recorded]) -> None:
    """Emit the warnings :func:`recorded` kept, as they were."""
    for kind, message, location in warnings:
        warn(HubsWarning[kind], message, location)


def warn(kind: HubsWarning, message: str, location: Any = None) -> None:
    """Emit a ``hubs.<kind>`` warning at *location*: a node, ``(docname,
    line)``, or a ``"path:line"`` string (see :func:`located`)."""
    if _recording:
        kept, emit = _recording[-1]
        where = location
        if isinstance(location, nodes.Node):
            where = logging.get_node_location(location)
        kept.append((kind.name, message, where))
        if not emit:
            return
    logger.warning(
        message,
        type=WARNING_TYPE,
        subtype=kind.name,
        location=location,
    )
