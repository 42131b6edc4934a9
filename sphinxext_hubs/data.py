"""The records the extension keeps on the build environment.

Everything lives in the ``hubs`` domain's data (see :mod:`.domain`), so Sphinx
pickles it with the environment, calls ``clear_doc`` when a document is
re-read and ``merge_domaindata`` after parallel reads.  :class:`HubsData` is
the one accessor the rest of the package uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass
class Note:
    """What one document tells about itself (every document gets one)."""

    docname: str
    title: str
    #: Plain-text summary: front matter ``description``, the hub's
    #: description for a hub, else an excerpt of the first paragraph.
    description: str
    is_note: bool = True
    is_hub: bool = False
    kind: str = ""
    tags: tuple[str, ...] = ()
    #: Membership entries as written (``HUB`` or ``HUB#section-id``).
    hubs: tuple[str, ...] = ()
    #: Docnames of related notes, resolved from the source root.
    related: tuple[str, ...] = ()
    #: ``(target, line, source)`` of standalone cards on this page (outside
    #: sections); *source* is the included file they are written in, or "".
    card_targets: tuple[tuple[str, int, str], ...] = ()
    #: ``(target, role, line, source)`` of this page's ``{note}`` / ``{hub}``
    #: links.
    links: tuple[tuple[str, str, int, str], ...] = ()
    #: Scalar front-matter values, for ``:sort:`` by any field.
    fields: dict[str, str] = field(default_factory=dict)
    #: A description that names other pages (``{note}`` / ``{doc}`` links
    #: without their own text): its text, with ``(docname, text as written)``
    #: where the page shows the target's title.  :mod:`.resolve` turns it
    #: into :attr:`description` once every title is known.
    description_parts: tuple[str | tuple[str, str], ...] = ()
    #: Whether that description is an excerpt, cut at ``hubs_excerpt_chars``.
    description_cut: bool = False
    #: Anchor of the page's Related block, unique on the page.
    related_anchor: str = "hubs-related"


@dataclass
class CardSpec:
    """A ``notecard`` written in a hub section."""

    target: str  # docname, or URL when ``external``
    line: int
    external: bool = False
    title: str = ""
    description: str = ""
    #: The included file it is written in ("" for the page itself).
    source: str = ""
    #: Written inside a container in the section (drawn where it stands).
    nested: bool = False
    #: ``only`` expression around it ("" if none).
    only: str = ""


@dataclass
class Section:
    title: str
    anchor: str
    line: int
    columns: int
    cards: list[CardSpec] = field(default_factory=list)
    #: Filters: notes with any of these tags / whose docname matches a glob.
    tags: tuple[str, ...] = ()
    globs: tuple[str, ...] = ()
    #: ``title``, ``-title``, ``docname``, ``-docname`` or a front-matter field.
    sort: str = "title"
    limit: int | None = None
    #: Receives memberships that name the hub without a section.
    default: bool = False
    #: The included file it is written in ("" for the page itself).
    source: str = ""
    #: ``only`` expression around it ("" if none): a builder that drops the
    #: section does not count it.
    only: str = ""


@dataclass
class Hub:
    docname: str
    kind: str
    description: str
    view: str
    line: int
    sections: list[Section] = field(default_factory=list)
    #: Anchor reserved for the appended default section (``hubs_default_section``).
    default_anchor: str = "notes"


@dataclass(frozen=True)
class Card:
    """A card as shown: resolved from a :class:`CardSpec` (or, later, collected)."""

    target: str
    external: bool = False
    missing: bool = False
    #: Index of the ``notecard`` in its section, for explicit cards.
    explicit: int | None = None


INITIAL_DATA: dict[str, Any] = {
    "notes": {},  # docname -> Note
    "hubs": {},  # docname -> Hub
    # hub docname -> per section, its cards (None: dropped by ``only``)
    "shown": {},
    "appears_in": {},  # docname -> list of hub docnames showing it
    "signatures": {},  # docname -> hash of what its rendering reads from others
}


class HubsData:
    """Typed access to the ``hubs`` domain data of an environment."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self.data: dict[str, Any] = env.domaindata["hubs"]

    @property
    def notes(self) -> dict[str, Note]:
        return self.data["notes"]  # type: ignore[no-any-return]

    @property
    def hubs(self) -> dict[str, Hub]:
        return self.data["hubs"]  # type: ignore[no-any-return]

    @property
    def shown(self) -> dict[str, list[list[Card] | None]]:
        return self.data["shown"]  # type: ignore[no-any-return]

    @property
    def appears_in(self) -> dict[str, list[str]]:
        return self.data["appears_in"]  # type: ignore[no-any-return]

    @property
    def signatures(self) -> dict[str, str]:
        return self.data["signatures"]  # type: ignore[no-any-return]

    def exists(self, docname: str) -> bool:
        return docname in self.notes

    def has_related(self, docname: str) -> bool:
        """Whether *docname* has something for a Related block to list."""
        note = self.notes.get(docname)
        if note is None:
            return False
        return bool(self.appears_in.get(docname)) or any(
            self.exists(name) for name in note.related
        )

    def title(self, docname: str) -> str:
        note = self.notes.get(docname)
        return note.title if note else docname
