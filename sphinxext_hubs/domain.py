"""The ``hubs`` domain: where the collected records live, and how links to
notes are resolved.

Every link the extension draws is a ``pending_xref`` with
``refdomain="hubs"``; :meth:`HubsDomain.resolve_xref` turns it into a
reference with Sphinx's own ``make_refnode``, so the URI is right for html,
dirhtml, singlehtml, epub and LaTeX alike.  The text and tooltip of a
``{note}`` / ``{hub}`` link come from the linking page's view (:mod:`.view`),
like everything else a page shows of another.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .cards import kind_label
from .config import Labels
from .data import INITIAL_DATA, HubsData
from .nodes import hubs_reference
from .roles import NoteRole

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class HubsDomain(Domain):
    name = "hubs"
    label = "Hubs"
    object_types = {
        "note": ObjType("note", "note"),
        "hub": ObjType("hub", "hub", "note"),
    }
    roles = {"note": NoteRole(), "hub": NoteRole()}
    initial_data = INITIAL_DATA
    data_version = 1

    def clear_doc(self, docname: str) -> None:
        """A document re-read or removed: its records go (kept aside for
        this build, to tell whether they changed: :mod:`.stale`), and the
        views are computed anew this build (see ``_env_updated``)."""
        data = HubsData(self.env)
        note = data.notes.pop(docname, None)
        hub = data.hubs.pop(docname, None)
        data.data.setdefault("previous", {}).setdefault(docname, (note, hub))
        data.data["touched"] = True

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("notes", "hubs"):
            mine = self.data[key]
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        title = None
        data = HubsData(env)
        # what a preview of the link shows: the target's title and kind
        preview: tuple[str, str] | None = None
        if node.get("hubs_title"):  # a {note} / {hub} role: text from the view
            link = data.view(node.get("refdoc", fromdocname)).link(target)
            if link is None:
                return None  # not a page of this project (reported elsewhere)
            if not node.get("refexplicit"):
                contnode = nodes.inline(
                    link.title, link.title, classes=contnode["classes"]
                )
            title = link.description
            if data.builder.preview:
                preview = (link.title, kind_label(Labels(env.config), link))
        elif target not in env.all_docs and target not in data.provided:
            return None
        elif node.get("hubs_kind"):  # a Related block's link
            preview = ("", node["hubs_kind"])
        anchor = node.get("hubs_anchor") or None
        if anchor and builder.name == "singlehtml":
            # one page holds every document: link to the anchor on it
            fromdocname = target
        reference = make_refnode(builder, fromdocname, target, anchor, contnode, title)
        reference["classes"] += node.get("hubs_classes", [])
        label = node.get("hubs_aria_label")
        if (label or preview) and builder.format == "html":
            reference = hubs_reference(
                "", "", *reference.children, **reference.attributes
            )
            if label:
                reference["aria_label"] = label
            if preview:
                reference["preview"] = preview
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every note and hub, for ``objects.inv`` (intersphinx).  Priority
        -1, as Sphinx gives its labels: Sphinx's search finds the page by
        its title already, and an object entry of its own would list it
        twice (and grow the search index by an entry per note)."""
        data = self.data
        for docname in sorted(data["notes"]):
            note = data["notes"][docname]
            if note.is_note or note.is_hub:
                kind = "hub" if note.is_hub else "note"
                yield (docname, note.title, kind, docname, "", -1)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return None
