"""The records the extension keeps on the build environment.

A :class:`Note` per document (what it tells about itself), the records of
hub pages (:class:`~.directives.Hub`, built by the directives), and per page
a digest of what it shows of other pages (:mod:`.view`).  Everything lives
in the ``hubs`` domain's data (see :mod:`.domain`), so Sphinx pickles it with
the environment, calls ``clear_doc`` when a document is re-read and
``merge_domaindata`` after parallel reads.  The views themselves are
:class:`Views`: kept in memory for the build that computed them, never
pickled (a digest is all the next build compares).  :class:`HubsData` is
the one accessor the rest of the package uses.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .directives import CardSpec, GraphSpec, Hub
from .view import EMPTY, Builder, PageView

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .view import ViewMaker


@dataclass
class Note:
    """What one document tells about itself (every document gets one)."""

    docname: str
    title: str
    #: Plain-text summary: front matter ``description``, the hub's
    #: description for a hub, else an excerpt of the first paragraph.
    description: str
    #: In the note set: in ``hubs_notes``, not in ``hubs_exclude``, not
    #: a page ``hubs_skip`` leaves out (:func:`~.resolve.note_set`, once
    #: every page is read).
    is_note: bool = True
    is_hub: bool = False
    #: In ``hubs_notes`` and not in ``hubs_exclude``.
    matched: bool = True
    #: The page has a title of its own (else :attr:`title` is its docname).
    titled: bool = True
    #: A page of object descriptions (API reference).
    api: bool = False
    kind: str = ""
    tags: tuple[str, ...] = ()
    #: Membership entries as written (``HUB`` or ``HUB#section-id``).
    hubs: tuple[str, ...] = ()
    #: Docnames of related notes, resolved from the source root.
    related: tuple[str, ...] = ()
    #: Standalone cards on this page (outside sections), in page order.
    cards: tuple[CardSpec, ...] = ()
    #: ``(target, role, line, source)`` of this page's ``{note}`` / ``{hub}``
    #: links.
    links: tuple[tuple[str, str, int, str], ...] = ()
    #: What this page's links lead to, each once, sorted: ``(kind,
    #: target)`` as :func:`~.frontmatter.link_target` gives them (every
    #: ``{note}``, ``{doc}``, ``{ref}``, Markdown and rST link of the
    #: project's own) -- the pages it is listed on as a backlink.
    outlinks: tuple[tuple[str, str], ...] = ()
    #: The page's ``hubgraph`` directives, in page order.
    graphs: tuple[GraphSpec, ...] = ()
    #: Scalar front-matter values, for ``:sort:`` by any field.
    fields: dict[str, str] = field(default_factory=dict)
    #: A description that names other pages (links without text of their
    #: own): its text, with a :data:`~.frontmatter.Part` where the page
    #: shows the title of a page or label.  :mod:`.resolve` turns it into
    #: :attr:`description` once every title is known.
    description_parts: tuple[str | tuple[str, str, str], ...] = ()
    #: Whether that description is an excerpt, cut at ``hubs_excerpt_chars``.
    description_cut: bool = False
    #: Anchor of the page's Related block, unique on the page.
    related_anchor: str = "hubs-related"


class Views(dict[str, PageView]):
    """The views of this build, by docname: in memory only.

    Pickled with the environment, they are an empty :class:`Views` -- the
    environment keeps their digests (``digests``) instead, which is all the
    next build needs to tell which pages changed.  A build computes the
    views of the pages that may have changed (:mod:`.stale`); the view of
    any other page is computed by :attr:`compute` when it is first wanted
    (a page Sphinx writes for reasons of its own: its output file deleted,
    a template changed)."""

    #: What computes the views of this build (set at ``env-updated``; it
    #: selects every hub's cards when first called, if that was not done).
    maker: Callable[[], ViewMaker] | None = None
    #: The pages that changed this build (:func:`~.stale.changed`).
    changed: frozenset[str] = frozenset()

    def __missing__(self, docname: str) -> PageView:
        if self.maker is None:
            raise KeyError(docname)
        view = self[docname] = self.maker().view(docname)[0]
        return view

    def __reduce__(self) -> tuple[type[Views], tuple[()]]:
        return (Views, ())


INITIAL_DATA: dict[str, Any] = {
    "notes": {},  # docname -> Note
    "hubs": {},  # docname -> Hub
    "views": Views(),  # docname -> PageView: what it shows of other pages
    "digests": {},  # docname -> digest of its view (view.digest)
    # docname -> the other pages its view read (none: only itself)
    "dependencies": {},
    # docname -> digest of what the selection says of it (stale.facts)
    "facts": {},
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
    def views(self) -> Views:
        return self.data["views"]  # type: ignore[no-any-return]

    @property
    def digests(self) -> dict[str, bytes]:
        """Per page, the digest of its view (:func:`~.view.digest`), as of
        the last build that computed the views."""
        return self.data["digests"]  # type: ignore[no-any-return]

    @property
    def dependencies(self) -> dict[str, frozenset[str]]:
        """Per page, the other pages its view read (:mod:`.stale`); a page
        that read only itself has no entry."""
        return self.data["dependencies"]  # type: ignore[no-any-return]

    @property
    def facts(self) -> dict[str, bytes]:
        """Per page, a digest of what the selection says of it
        (:func:`~.stale.facts`), as of the last build that computed it."""
        return self.data["facts"]  # type: ignore[no-any-return]

    @property
    def builder(self) -> Builder:
        """The builder the views are drawn for (set at ``env-updated``)."""
        return self.data.get("builder") or Builder()

    @property
    def provided(self) -> tuple[str, ...]:
        """The pages the extension writes itself, as Sphinx writes its
        general index: the all-notes page when the project has no document
        of that name, and the further pages of a split all-notes list (set
        at ``env-updated``)."""
        return tuple(self.data.get("provided") or ())

    def view(self, docname: str) -> PageView:
        """What *docname* shows of other pages (empty if nothing).  A page
        without a digest shows nothing of others (Sphinx's general index,
        for one): its view is empty without computing the views."""
        if docname not in self.digests:
            return EMPTY
        return self.views[docname]

    def exists(self, docname: str) -> bool:
        return docname in self.notes

    def title(self, docname: str) -> str:
        note = self.notes.get(docname)
        return note.title if note else docname


def load_kept(doctreedir: str | PathLike[str], name: str, key: str) -> Any:
    """What a build kept in *name* beside the environment (:func:`keep`)
    for *key*; None if nothing, or for another key."""
    try:
        with Path(doctreedir, name).open("rb") as stream:
            stored = pickle.load(stream)
        return stored["value"] if stored["key"] == key else None
    except Exception:  # a damaged file only means the whole is made again
        return None


def keep(doctreedir: str | PathLike[str], name: str, key: str, value: Any) -> None:
    """Keep *value* for the next build, in *name* beside the environment:
    parts of a file the extension writes, for the next build to make again
    only the parts that changed."""
    with Path(doctreedir, name).open("wb") as stream:
        pickle.dump({"key": key, "value": value}, stream, pickle.HIGHEST_PROTOCOL)
