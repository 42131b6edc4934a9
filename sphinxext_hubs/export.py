"""The garden as data: one JSON file per HTML build (``hubs_json``).

Every note and hub (docname, address, title, description, kind, tags,
date), every hub's sections with their cards in order, and every edge --
membership (a hub shows a page), related (``related:``) and link (a page's
text links another) -- with each note's backlinks.  The file follows the
JSON Schema shipped beside this module (``garden-1.schema.json``, published
in the docs); its ``version`` changes when the shape does.  The same
sources give the same bytes; the file is written only when its text
changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from .config import Labels
from .data import HubsData, keep, load_kept

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The version of the file's shape (``version`` in the file).
VERSION = 1
#: The JSON Schema of the file.
SCHEMA = Path(__file__).with_name(f"garden-{VERSION}.schema.json")


def _dumps(value: Any) -> str:
    # compact: the C encoder (an indent takes the pure-Python one)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class _Garden:
    """The garden of one build, in parts: one per note, per hub and per
    source of edges, each the JSON text of that item.  The file is the
    parts joined, byte for byte what :func:`json.dumps` makes of the whole.

    A part is made again when a page it shows changed this build (the
    pages :func:`~.stale.changed` gives); the others are kept from the
    build that last wrote the file (:data:`KEPT`), so an edit costs what
    it changes, not the garden."""

    def __init__(self, app: Sphinx, builder: StandaloneHTMLBuilder) -> None:
        self.app, self.builder = app, builder
        self.data = data = HubsData(app.env)
        self.maker = data.views.maker() if data.views.maker is not None else None
        self.listed = sorted(
            name for name, note in data.notes.items() if note.is_note or note.is_hub
        )
        self.shown = set(self.listed)
        selection = self.maker.selection if self.maker is not None else None
        self.forward = selection.links if selection is not None else {}
        self.backward = selection.backlinks if selection is not None else {}
        self.appears_in = selection.appears_in if selection is not None else {}
        self.cards = selection.shown if selection is not None else {}

    def targets(self, name: str) -> set[str]:
        """The pages a part about *name* shows something of: its cards, its
        related pages, the pages it links to."""
        note = self.data.notes.get(name)
        found = set(self.forward.get(name, ()))
        if note is not None:
            found.update(note.related)
        for cards in self.cards.get(name, ()):
            found.update(card.target for card in cards or ())
        return found

    def note(self, name: str) -> str:
        note = self.data.notes[name]
        return _dumps(
            {
                "docname": name,
                "url": self.builder.get_target_uri(name),
                "title": note.title,
                "description": note.description,
                "kind": note.kind,
                "tags": list(note.tags),
                "date": note.fields.get("date") or None,
                "is_hub": note.is_hub,
                "hubs": sorted(set(self.appears_in.get(name, ()))),
                "related": self.related(name),
                "links": [t for t in self.forward.get(name, ()) if t in self.shown],
                "backlinks": [
                    s for s in self.backward.get(name, ()) if s in self.shown
                ],
            }
        )

    def related(self, name: str) -> list[str]:
        return [other for other in self.data.notes[name].related if other in self.shown]

    def hub(self, name: str) -> tuple[str, set[tuple[str, str, str]]]:
        """The hub's part, and its membership edges."""
        assert self.maker is not None
        view = self.maker.hub_view(name, explore=False)
        config = self.app.config
        titles = [(s.title, s.anchor) for s in self.data.hubs[name].sections]
        if view.appended:
            titles.append((Labels(config).default_section(config), view.default_anchor))
        sections = []
        edges = set()
        for (title, anchor), cards in zip(titles, view.sections, strict=False):
            if cards is None:
                continue  # not in this builder's output (``only``)
            faces = []
            for face in cards:
                page = "" if face.external or face.missing else face.target
                if page in self.shown:  # not a page outside the note set
                    edges.add((name, page, "member"))
                faces.append(
                    {
                        "docname": page or None,
                        "url": face.target
                        if face.external
                        else (self.builder.get_target_uri(page) if page else None),
                        "title": face.title,
                        "description": face.description,
                        "kind": face.kind,
                    }
                )
            sections.append({"title": title, "anchor": anchor, "cards": faces})
        return _dumps({"docname": name, "kind": view.kind, "sections": sections}), edges

    def edges(self, name: str, members: set[tuple[str, str, str]]) -> str:
        """The edges from *name*, in order (the part may be empty)."""
        edges = set(members)
        if name in self.shown:
            edges.update((name, other, "related") for other in self.related(name))
            edges.update(
                (name, target, "link")
                for target in self.forward.get(name, ())
                if target in self.shown
            )
        return ",".join(
            _dumps({"source": source, "target": target, "type": kind})
            for source, target, kind in sorted(edges)
        )

    def parts(self, old: dict[str, Any] | None) -> dict[str, Any]:
        """Every part, made again where a page it shows changed (all of
        them without *old*, the parts of the last file)."""
        changed = self.data.views.changed
        hubs = sorted(self.data.hubs) if self.maker is not None else []
        names = sorted(set(self.listed) | set(hubs))

        def again(name: str) -> bool:
            return old is None or name in changed or bool(self.targets(name) & changed)

        notes = {}
        for name in self.listed:
            kept = old["notes"].get(name) if old is not None else None
            notes[name] = self.note(name) if kept is None or again(name) else kept
        hub_parts: dict[str, str] = {}
        edges: dict[str, str] = {}
        for name in names:
            kept_hub = old["hubs"].get(name) if old is not None else None
            kept_edges = old["edges"].get(name) if old is not None else None
            is_hub = name in self.data.hubs and self.maker is not None
            if (is_hub and kept_hub is None) or kept_edges is None or again(name):
                members: set[tuple[str, str, str]] = set()
                if is_hub:
                    hub_parts[name], members = self.hub(name)
                edges[name] = self.edges(name, members)
            else:
                if is_hub and kept_hub is not None:
                    hub_parts[name] = kept_hub
                edges[name] = kept_edges
        return {"notes": notes, "hubs": hub_parts, "edges": edges}


def _text(app: Sphinx, parts: dict[str, Any]) -> str:
    """The file's text from its parts (keys in order, as ``sort_keys``)."""
    edges = ",".join(part for _, part in sorted(parts["edges"].items()) if part)
    return (
        f'{{"edges":[{edges}],"generator":{_dumps("sphinxext-hubs")},'
        f'"hubs":[{",".join(part for _, part in sorted(parts["hubs"].items()))}],'
        f'"notes":[{",".join(part for _, part in sorted(parts["notes"].items()))}],'
        f'"project":{_dumps(app.config.project)},"version":{VERSION}}}'
    )


def garden(app: Sphinx, builder: StandaloneHTMLBuilder) -> dict[str, Any]:
    """The garden of this build, as the JSON file holds it."""
    return json.loads(_text(app, _Garden(app, builder).parts(None)))  # type: ignore[no-any-return]


def write_garden(app: Sphinx, exception: Exception | None) -> None:
    """At ``build-finished``: the JSON file, for the HTML builders that
    write a site (not epub, which would pack it into the book)."""
    builder = app.builder
    name = app.config.hubs_json
    if exception is not None or not name:
        return
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.embedded:
        return
    data = HubsData(app.env)
    path = Path(builder.outdir, name)
    if not data.views.changed and path.is_file():
        return  # no page changed since it was made
    # the parts of the file as the last build wrote it, if they are those
    # of this build's previous state, for this builder and file
    key = repr(
        (
            VERSION,
            builder.name,
            str(path),
            # what every page is written again for: the configuration, the
            # tags, the templates, the labels' catalogues
            data.data.get("provided_frame"),
            data.data.get("catalogues"),
        )
    )
    generation = data.data.get("generation", 0)
    old = None
    stored = load_kept(app.doctreedir, KEPT, key)
    if (
        stored is not None
        and path.is_file()
        and (stored["generation"], stored["size"])
        == (generation - 1, path.stat().st_size)
    ):
        old = stored["parts"]
    parts = _Garden(app, builder).parts(old)
    text = _text(app, parts) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stored = {"generation": generation, "size": path.stat().st_size, "parts": parts}
    keep(app.doctreedir, KEPT, key, stored)


#: Where the parts of the last file are kept (:func:`~.data.keep`).
KEPT = "hubs-garden.pickle"


def register(app: Sphinx) -> None:
    app.connect("build-finished", write_garden)
