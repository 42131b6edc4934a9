"""What each page shows of other pages: the view model.

Once per build, at ``env-updated`` and after :mod:`.resolve` has selected
every hub's cards, :func:`build_views` computes for every page the extension
draws on a frozen :class:`PageView`: the faces of its cards (every displayed
field), its hub's counts and sections, its Related block, the rows of the
all-notes page, and the title and tooltip of each ``{note}``/``{hub}`` link.

The view is the single source of both:

- **drawing** -- :mod:`.render` turns a page's view into nodes, and the
  ``hubs`` domain takes link texts from it; neither reads another page's
  record while a page is written;
- **staleness** -- :mod:`.stale` hashes the view; a page is written again
  exactly when its view changed.

So a field added to :class:`CardFace` is shown and kept fresh by the same
edit.  The page's own content (a hub's description body, a notecard's body,
its classes) is in its doctree, which Sphinx re-reads when the file changes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes

from .graph import EDGE_KINDS, GraphNode, GraphView, neighbourhood

if TYPE_CHECKING:
    from collections.abc import Callable

    from .data import HubsData, Note
    from .directives import CardSpec, GraphSpec
    from .resolve import Card, Selection

T = TypeVar("T")


@dataclass(frozen=True)
class Link:
    """Another page as a link shows it."""

    target: str
    title: str
    #: Its description: the tooltip of a ``{note}`` link, the text of an
    #: all-notes row ("" where the link shows none).
    description: str = ""
    is_hub: bool = False
    #: All-notes rows: the page's kind (its badge); whether another row has
    #: the same title, and then the title of a hub that shows this page and
    #: none of the others ("": the row shows its document name instead).
    kind: str = ""
    twin: bool = False
    context: str = ""


@dataclass(frozen=True)
class CardFace:
    """A card as drawn: every field it shows."""

    target: str  # docname, or URL for an external card, "" for none
    title: str
    description: str
    kind: str = ""
    is_hub: bool = False
    external: bool = False
    #: No such page: the card is drawn without links.
    missing: bool = False
    #: Anchor of the target's Related block, when it lists more than the
    #: page the card is on ("" otherwise: "Explore related" would go round
    #: in a circle).
    explore: str = ""
    #: For a hub's card: the number of pages its cards link to.
    count: int | None = None
    #: Accessible name, when the title alone does not tell the card apart.
    name: str = ""
    #: Position of the ``notecard`` that wrote it in its section (None for a
    #: collected card); its body and classes are drawn from the doctree.
    written: int | None = None


#: Cards of one section; None for a section this builder drops (``only``).
Cards = tuple[CardFace, ...]


@dataclass(frozen=True)
class HubView:
    """A hub page's header and sections."""

    kind: str
    view: str
    #: Distinct pages its shown cards link to.
    linked: int
    #: Per section (in written order), its cards; the appended default
    #: section, when there is one, is the last entry.
    sections: tuple[Cards | None, ...]
    #: Whether notes naming the hub without a section get an appended
    #: section (no shown section is ``:default:``).
    appended: bool
    default_anchor: str
    #: Target of the back link ("" for none): the hub above this one (see
    #: ``ViewMaker.parent``), else the all-notes page.
    back: str
    #: Title of that hub ("" for the all-notes page, whose link says "All
    #: notes").
    back_title: str = ""


@dataclass(frozen=True)
class RelatedView:
    """A note's Related block: each page once (a hub that shows the note
    under "Appears in" only), with its description."""

    anchor: str
    appears_in: tuple[Link, ...]
    related: tuple[Link, ...]
    #: The notes and hubs whose text links to the note (backlinks).
    linked_from: tuple[Link, ...] = ()

    def targets(self) -> set[str]:
        return {
            link.target for link in self.appears_in + self.related + self.linked_from
        }

    def without(self, shown: set[str]) -> RelatedView | None:
        """The block without the pages in *shown* (None if nothing is left)."""

        def kept(links: tuple[Link, ...]) -> tuple[Link, ...]:
            return tuple(link for link in links if link.target not in shown)

        appears_in, related = kept(self.appears_in), kept(self.related)
        if not appears_in and not related:
            return None
        return RelatedView(self.anchor, appears_in, related, kept(self.linked_from))


@dataclass(frozen=True)
class IndexPart:
    """One page of an all-notes list split into pages: its page name, the
    group it lists ("" for the hubs, else a title's first letter as
    :func:`initial` gives it) and, for a group of more pages, its number."""

    page: str
    group: str
    number: int = 0


@dataclass(frozen=True)
class IndexView:
    """The all-notes page, or one page of it when the list is split."""

    rows: tuple[Link, ...]
    notes: int
    hubs: int
    #: Every page of a split list, in order (the first is the all-notes
    #: page, with the hubs); empty when the list is one page.
    parts: tuple[IndexPart, ...] = ()


@dataclass(frozen=True)
class PageView:
    """Everything one page shows of other pages."""

    hub: HubView | None = None
    #: Standalone cards (outside sections), in page order.
    cards: Cards = ()
    related: RelatedView | None = None
    index: IndexView | None = None
    #: Targets of its ``{note}`` / ``{hub}`` links that exist, by docname.
    links: tuple[Link, ...] = ()
    #: Its ``hubgraph`` graphs, in page order (None: its centre is missing).
    graphs: tuple[GraphView | None, ...] = ()
    #: Its local graph (``hubs_local_graph_depth``): a hub's, or a note's with a
    #: Related block.
    local: GraphView | None = None

    def link(self, target: str) -> Link | None:
        return next((link for link in self.links if link.target == target), None)


EMPTY = PageView()


def digest(view: PageView) -> bytes:
    """A fingerprint of everything *view* shows: equal views have equal
    digests, in any process (a view holds only tuples, strings, numbers,
    booleans and None, whose ``repr`` is their value)."""
    return hashlib.blake2b(repr(view).encode(), digest_size=16).digest()


@dataclass(frozen=True)
class Builder:
    """What the views are drawn for (known at ``env-updated``)."""

    name: str = "html"
    format: str = "html"
    #: Link previews are on (``hubs_previews``, and no other extension
    #: previews links).
    previews: bool = False

    @property
    def html(self) -> bool:
        return self.format == "html"

    @property
    def provides_pages(self) -> bool:
        """Writes pages of the extension's own besides the documents (the
        HTML builders do; singlehtml, which writes one page, does not)."""
        return self.html and self.name != "singlehtml"

    @property
    def interactive(self) -> bool:
        """Pages with scripts (not epub)."""
        return self.html and self.name != "epub"

    @property
    def preview(self) -> bool:
        """Links carry what their preview shows (the pages load its script)."""
        return self.previews and self.interactive


def related_anchor(builder: Builder, docname: str, anchor: str) -> str:
    """Anchor of a note's Related block: *anchor* (``hubs-related``, unless
    the page uses that id itself) on its own page; on the single page of
    ``singlehtml`` every note's block needs an anchor of its own."""
    if builder.name == "singlehtml":
        return f"{anchor}-{nodes.make_id(docname.replace('/', '-')) or 'doc'}"
    return anchor


class ViewMaker:
    """Computes the views of one build from the records and the selection,
    page by page, and what each page's view read: the pages whose record,
    cards shown, hubs showing it or pages linking to it went into it (its
    *dependencies*, see :mod:`.stale`)."""

    def __init__(
        self,
        data: HubsData,
        selection: Selection,
        builder: Builder,
        *,
        related_block: bool,
        index: str,
        index_size: int = 0,
        local_depth: int = 0,
        local_edges: tuple[str, ...] = EDGE_KINDS,
    ) -> None:
        self.data = data
        self.selection = selection
        self.builder = builder
        self.related_block = related_block
        self.local_depth = local_depth if related_block else 0
        self.local_edges = local_edges
        self.index_size = index_size if builder.provides_pages else 0
        #: the all-notes page: the project's own document, else one the
        #: extension provides (:attr:`provided`), where the builder writes it
        self.provided = bool(
            index and index not in data.notes and data.hubs and builder.provides_pages
        )
        self.index = index if index in data.notes or self.provided else ""
        #: the docname objects of the records, so that the dependencies
        #: share them (kept once in the pickled environment)
        self.names = {name: name for name in data.notes}
        #: the pages read by what is being computed
        self.reads: set[str] = set()
        self.memo: dict[tuple[str, str], tuple[Any, set[str]]] = {}
        self._lists: dict[str, IndexView] | None = None

    # -- what the views read of the records and the selection --------------

    def read(self, docname: str) -> str:
        self.reads.add(self.names.get(docname, docname))
        return docname

    def note(self, docname: str) -> Note | None:
        return self.data.notes.get(self.read(docname))

    def title(self, docname: str) -> str:
        return self.data.title(self.read(docname))

    def appears_in(self, docname: str) -> list[str]:
        hubs = self.selection.appears_in.get(self.read(docname), [])
        self.reads.update(self.names.get(hub, hub) for hub in hubs)
        return hubs

    def shown(self, docname: str) -> list[list[Card] | None]:
        return self.selection.shown.get(self.read(docname), [])

    def _memo(self, kind: str, docname: str, compute: Callable[[str], T]) -> T:
        """*compute* (*docname*), once per build; what it read is read by
        every view that uses it."""
        key = (kind, docname)
        if key not in self.memo:
            outer, self.reads = self.reads, set()
            try:
                value = compute(docname)
            finally:
                reads, self.reads = self.reads, outer
            self.memo[key] = (value, reads)
        value, reads = self.memo[key]
        self.reads |= reads
        return value  # type: ignore[no-any-return]

    # -- the parts of a view ------------------------------------------------

    def related(self, docname: str) -> RelatedView | None:
        """*docname*'s Related block (None without one)."""
        if not self.related_block or self.note(docname) is None:
            return None
        return self._memo("related", docname, self.related_view)

    def related_view(self, docname: str) -> RelatedView | None:
        note = self.data.notes[self.read(docname)]
        hubs = self.appears_in(docname)
        related = [
            name
            for name in dict.fromkeys(note.related)
            if self.note(name) is not None and name not in hubs and name != docname
        ]
        if not hubs and not related:
            return None
        listed = {docname, *hubs, *related}
        linking = [
            self.read(name)
            for name in self.selection.linked_from.get(docname, ())
            if name not in listed
        ]
        linking.sort(key=lambda name: (self.title(name).casefold(), name))
        view = RelatedView(
            anchor=related_anchor(self.builder, docname, note.related_anchor),
            appears_in=tuple(self.described_link(name) for name in hubs),
            related=tuple(self.described_link(name) for name in related),
            linked_from=tuple(self.described_link(name) for name in linking),
        )
        return view.without(self.card_targets(docname))

    def parent(self, hub: str) -> str:
        """The hub above *hub* ("" for none): of the hubs that show it, the
        one that links to the most pages -- more than *hub* itself and than
        any other.  (Maps and their sub-maps often show each other: the map
        is the larger.)"""
        sizes = sorted(
            (
                (self.linked(other), other)
                for other in self.appears_in(hub)
                if other != hub
            ),
            reverse=True,
        )
        if not sizes or sizes[0][0] <= self.linked(hub):
            return ""
        if len(sizes) > 1 and sizes[1][0] == sizes[0][0]:
            return ""  # two as large: neither is the one above
        return sizes[0][1]

    def card_targets(self, docname: str) -> set[str]:
        """The pages *docname* shows as cards (its Related block does not
        list them again)."""
        targets = {spec.target for spec in self.data.notes[docname].cards}
        for cards in self.shown(docname):
            targets.update(card.target for card in cards or ())
        return targets

    def described_link(self, docname: str) -> Link:
        note = self.note(docname)
        description = note.description if note else ""
        return Link(
            docname,
            self.title(docname),
            description,
            is_hub=bool(note and note.is_hub),
            kind=note.kind if note else "",
        )

    def linked(self, hub: str) -> int:
        """The number of distinct pages the cards shown on *hub* link to."""
        return self._memo("linked", hub, self._linked)

    def _linked(self, hub: str) -> int:
        return len(
            {
                card.target
                for cards in self.shown(hub)
                for card in cards or ()
                if not card.external and not card.missing
            }
        )

    def face(
        self,
        fromdoc: str,
        target: str,
        spec: CardSpec | None = None,
        *,
        external: bool = False,
        missing: bool = False,
        written: int | None = None,
        explore: bool = True,
    ) -> CardFace:
        """The face of a card of *target* on *fromdoc*: the target's fields,
        under what its ``notecard`` (*spec*) writes itself (without
        *explore*, no anchor of the target's Related block)."""
        note = None if external or missing else self.note(target)
        related = self.related(target) if note is not None and explore else None
        if related is not None and not related.targets() - {fromdoc}:
            related = None  # it lists only the page the card is on
        is_hub = bool(note and note.is_hub)
        return CardFace(
            target=target,
            title=(spec and spec.title) or (note.title if note else "") or target,
            description=(spec and spec.description)
            or (note.description if note else ""),
            kind=note.kind if note else "",
            is_hub=is_hub,
            external=external,
            missing=missing,
            explore=related.anchor if related else "",
            count=self.linked(target) if is_hub else None,
            written=written,
        )

    def hub_view(self, docname: str, *, explore: bool = True) -> HubView:
        """A hub's header and sections (without *explore*, its cards have
        no "Explore related" anchor: what the garden's JSON file needs)."""
        hub = self.data.hubs[docname]
        shown = self.shown(docname)
        sections: list[Cards | None] = []
        for number, cards in enumerate(shown):
            if cards is None:
                sections.append(None)
                continue
            specs = hub.sections[number].cards if number < len(hub.sections) else ()
            sections.append(
                tuple(
                    self.face(
                        docname,
                        card.target,
                        None if card.explicit is None else specs[card.explicit],
                        external=card.external,
                        missing=card.missing,
                        written=card.explicit,
                        explore=explore,
                    )
                    for card in cards
                )
            )
        sections = _disambiguate(sections)
        back, back_title = self.index, ""
        parent = self.parent(docname)
        if parent:
            back, back_title = parent, self.title(parent)
        return HubView(
            kind=hub.kind,
            view=hub.view,
            linked=self.linked(docname),
            sections=tuple(sections),
            appended=len(shown) > len(hub.sections),
            default_anchor=hub.default_anchor,
            back=back,
            back_title=back_title,
        )

    def page_view(self, docname: str) -> PageView:
        note = self.data.notes[self.read(docname)]
        hub = self.hub_view(docname) if docname in self.data.hubs else None
        cards = tuple(
            self.face(
                docname,
                spec.target,
                spec,
                external=spec.external,
                missing=not spec.external and self.note(spec.target) is None,
            )
            for spec in note.cards
        )
        related = self.related(docname)
        local = None
        if self.local_depth and (hub is not None or related is not None):
            local = self.local_graph(docname)
        return PageView(
            hub=hub,
            cards=cards,
            related=related,
            local=local,
            links=tuple(
                self.described_link(name)
                for name in sorted({link[0] for link in note.links})
                if self.note(name) is not None
            ),
            graphs=tuple(self.graph(docname, spec) for spec in note.graphs),
        )

    # -- graphs -----------------------------------------------------------

    def in_garden(self, docname: str) -> bool:
        note = self.note(docname)
        return note is not None and (note.is_note or note.is_hub)

    def adjacent(
        self,
        page: str,
        kinds: tuple[str, ...],
        among: frozenset[str] | None = None,
        *,
        hubs_only: bool = False,
    ) -> list[tuple[str, str]]:
        """The pages *page* has an edge of *kinds* with, either way: a hub
        and the pages it shows, a note and its related notes, a page and
        the pages it links to -- pages of the note set only, and of *among*
        when it is given (so that the view reads no other page's record)."""
        pairs: list[tuple[str, str]] = []
        if "membership" in kinds:
            for cards in self.shown(page):
                pairs += [
                    (card.target, "membership")
                    for card in cards or ()
                    if not card.external and not card.missing
                ]
            pairs += [(hub, "membership") for hub in self.appears_in(page)]
        selection = self.selection
        if "related" in kinds:
            note = self.note(page)
            pairs += [(other, "related") for other in note.related] if note else []
            pairs += [(o, "related") for o in selection.related_from.get(page, ())]
        if "links" in kinds:
            pairs += [(other, "links") for other in selection.links.get(page, ())]
            pairs += [(o, "links") for o in selection.backlinks.get(page, ())]
        return [
            (other, kind)
            for other, kind in pairs
            if other != page
            and (among is None or other in among)
            and (not hubs_only or other in self.data.hubs)
            and self.in_garden(other)
        ]

    def graph_node(self, docname: str) -> GraphNode:
        note = self.note(docname)
        return GraphNode(
            docname,
            self.title(docname),
            is_hub=bool(note and note.is_hub),
            kind=note.kind if note else "",
        )

    def local_graph(self, docname: str) -> GraphView:
        """The pages within ``hubs_local_graph_depth`` hops of *docname*."""
        return neighbourhood(
            [docname],
            self.local_depth,
            lambda page, among: self.adjacent(page, self.local_edges, among),
            self.graph_node,
            limit=LOCAL_LIMIT,
            current=docname,
        )

    def graph(self, docname: str, spec: GraphSpec) -> GraphView | None:
        """The graph a ``hubgraph`` on *docname* draws: of the pages around
        its centre, or of the whole garden -- every hub, from the hubs no
        other hub is above (:meth:`parent`), and the pages they lead to;
        hubs only when the note set has more pages than the graph's limit."""
        if spec.root:
            if not self.in_garden(spec.root):
                return None if self.note(spec.root) is None else GraphView(())
            return neighbourhood(
                [spec.root],
                spec.depth,
                lambda page, among: self.adjacent(page, spec.edges, among),
                self.graph_node,
                limit=spec.limit,
                current=docname,
            )
        pages = [name for name in self.data.notes if self.in_garden(name)]
        hubs_only = len(pages) > spec.limit
        tops = sorted(
            (
                hub
                for hub in self.data.hubs
                if self.in_garden(hub) and not self.parent(hub)
            ),
            key=lambda hub: (self.title(hub).casefold(), hub),
        )
        view = neighbourhood(
            tops,
            len(pages),
            lambda page, among: self.adjacent(
                page, spec.edges, among, hubs_only=hubs_only
            ),
            self.graph_node,
            limit=spec.limit,
            current=docname,
            start=1,
        )
        return replace(view, hubs_only=hubs_only)

    # -- the all-notes list ---------------------------------------------------

    @property
    def lists(self) -> dict[str, IndexView]:
        """The all-notes list, by page (:func:`split_index`); empty without
        one.  It lists every note: computed whenever any note changed."""
        if self._lists is None:
            self._lists = (
                split_index(self.index, self.index_view(), self.index_size)
                if self.index
                else {}
            )
        return self._lists

    def listed(self, docname: str) -> bool:
        """Whether *docname* is a page of the all-notes list."""
        index = self.index
        if not index or (docname != index and not docname.startswith(index + "/")):
            return False  # (without computing the list)
        return docname in self.lists

    def index_view(self) -> IndexView:
        notes = self.data.notes
        names = sorted(
            (
                name
                for name, note in notes.items()
                if (note.is_note or note.is_hub) and name != self.index
            ),
            key=lambda name: (notes[name].title.casefold(), name),
        )
        titles: dict[str, list[str]] = {}
        for name in names:
            titles.setdefault(notes[name].title, []).append(name)
        appears_in = self.selection.appears_in

        def context(name: str) -> str:
            """What tells a row apart from others of the same title: the
            title of a hub that shows this page and none of the others (and
            is not titled the same); "" when there is none."""
            title = notes[name].title
            others = [other for other in titles[title] if other != name]
            if not others:
                return ""
            shared = {hub for other in others for hub in appears_in.get(other, ())}
            hubs = [
                hub
                for hub in appears_in.get(name, ())
                if hub not in shared and self.data.title(hub) != title
            ]
            return self.data.title(hubs[0]) if hubs else ""

        rows = tuple(
            Link(
                name,
                notes[name].title,
                notes[name].description,
                notes[name].is_hub,
                kind=notes[name].kind,
                twin=len(titles[notes[name].title]) > 1,
                context=context(name),
            )
            for name in names
        )
        hubs = sum(1 for row in rows if row.is_hub)
        return IndexView(rows=rows, notes=len(rows) - hubs, hubs=hubs)

    # -- a whole view ---------------------------------------------------------

    def view(self, docname: str) -> tuple[PageView, frozenset[str]]:
        """The view of *docname* (a document, or a page of the all-notes
        list), and the pages it read besides itself."""
        self.reads = set()
        view = self.page_view(docname) if docname in self.data.notes else EMPTY
        if self.listed(docname):
            view = replace(view, index=self.lists[docname])
        self.reads.discard(docname)
        return view, frozenset(self.reads)


#: At most this many pages in a local graph.
LOCAL_LIMIT = 60


def initial(title: str) -> str:
    """The group of a title on the all-notes page: its first letter, "0-9"
    for a digit, "#" for anything else."""
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1]
    if first.isalpha():
        return first.upper()
    return "0\u20139" if first.isdigit() else "#"


def split_index(index: str, view: IndexView, size: int) -> dict[str, IndexView]:
    """The all-notes list in pages of at most *size* rows: the hubs on the
    all-notes page *index*, then each first letter on a page of its own
    (``<index>/<letter>``), a letter of more rows on several
    (``<index>/<letter>-2``, ...), so that an edit to a note changes only
    the page of its letter.  One page when the list is no longer than
    *size* (or *size* is 0)."""
    if not size or len(view.rows) <= size:
        return {index: view}
    groups: dict[str, list[Link]] = {}
    for row in view.rows:
        groups.setdefault("" if row.is_hub else initial(row.title), []).append(row)
    pages: dict[str, list[Link]] = {index: groups.pop("", [])}
    parts = [IndexPart(index, "")]
    for number, (group, rows) in enumerate(groups.items()):
        slug = nodes.make_id(group) or f"group-{number}"
        chunks = [rows[start : start + size] for start in range(0, len(rows), size)]
        for count, chunk in enumerate(chunks, start=1):
            page = f"{index}/{slug}" + (f"-{count}" if count > 1 else "")
            pages[page] = chunk
            parts.append(IndexPart(page, group, count if len(chunks) > 1 else 0))
    return {
        page: replace(view, rows=tuple(rows), parts=tuple(parts))
        for page, rows in pages.items()
    }


def _disambiguate(sections: list[Cards | None]) -> list[Cards | None]:
    """Give cards that share a title but lead to different pages accessible
    names that tell them apart: the title, then the start of the description."""
    targets: dict[str, set[str]] = {}
    for cards in sections:
        for face in cards or ():
            targets.setdefault(face.title, set()).add(face.target)

    def named(face: CardFace) -> CardFace:
        if len(targets[face.title]) < 2 or not face.description:
            return face
        words = face.description.split()
        hint = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        return replace(face, name=f"{face.title} ({hint})")

    return [
        None if cards is None else tuple(named(face) for face in cards)
        for cards in sections
    ]


def build_views(
    data: HubsData,
    selection: Selection,
    builder: Builder,
    *,
    related_block: bool,
    index: str,
    index_size: int = 0,
    local_depth: int = 0,
    local_edges: tuple[str, ...] = EDGE_KINDS,
) -> ViewMaker:
    """What computes, page by page, the view of every page that shows
    something of other pages, and of the pages the extension writes itself:
    the all-notes page when the project has none, the further pages of a
    split all-notes list (:func:`split_index`, in the builders that write
    such pages)."""
    return ViewMaker(
        data,
        selection,
        builder,
        related_block=related_block,
        index=index,
        index_size=index_size,
        local_depth=local_depth,
        local_edges=local_edges,
    )
