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
from .data import HubsData
from .resolve import links

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .view import HubView

#: The version of the file's shape (``version`` in the file).
VERSION = 1
#: The JSON Schema of the file.
SCHEMA = Path(__file__).with_name(f"garden-{VERSION}.schema.json")


def garden(app: Sphinx, builder: StandaloneHTMLBuilder) -> dict[str, Any]:
    """The garden of this build, as the JSON file holds it."""
    env = app.env
    data = HubsData(env)
    edges: set[tuple[str, str, str]] = set()
    backlinks: dict[str, list[str]] = {}
    listed = sorted(
        name for name, note in data.notes.items() if note.is_note or note.is_hub
    )
    shown = set(listed)
    forward = {
        source: [target for target in targets if target in shown]
        for source, targets in links(env, data).items()
    }
    for source, targets in forward.items():
        for target in targets:
            edges.add((source, target, "link"))
            backlinks.setdefault(target, []).append(source)
    hubs = []
    shown_on: dict[str, list[str]] = {}
    for name, view in _hub_views(data):
        titles = [(s.title, s.anchor) for s in data.hubs[name].sections]
        if view.appended:
            title = Labels(app.config).default_section(app.config)
            titles.append((title, view.default_anchor))
        sections = []
        for (title, anchor), cards in zip(titles, view.sections, strict=False):
            if cards is None:
                continue  # not in this builder's output (``only``)
            faces = []
            for face in cards:
                page = "" if face.external or face.missing else face.target
                if page in shown:  # not a page outside the note set
                    edges.add((name, page, "member"))
                    shown_on.setdefault(page, []).append(name)
                faces.append(
                    {
                        "docname": page or None,
                        "url": face.target
                        if face.external
                        else (builder.get_target_uri(page) if page else None),
                        "title": face.title,
                        "description": face.description,
                        "kind": face.kind,
                    }
                )
            sections.append({"title": title, "anchor": anchor, "cards": faces})
        hubs.append({"docname": name, "kind": view.kind, "sections": sections})
    notes = []
    for name in listed:
        note = data.notes[name]
        related = [other for other in note.related if other in shown]
        edges.update((name, other, "related") for other in related)
        notes.append(
            {
                "docname": name,
                "url": builder.get_target_uri(name),
                "title": note.title,
                "description": note.description,
                "kind": note.kind,
                "tags": list(note.tags),
                "date": note.fields.get("date") or None,
                "is_hub": note.is_hub,
                "hubs": sorted(set(shown_on.get(name, ()))),
                "related": related,
                "links": forward.get(name, []),
                "backlinks": sorted(backlinks.get(name, [])),
            }
        )
    return {
        "version": VERSION,
        "generator": "sphinxext-hubs",
        "project": app.config.project,
        "notes": notes,
        "hubs": hubs,
        "edges": [
            {"source": source, "target": target, "type": kind}
            for source, target, kind in sorted(edges)
        ],
    }


def _hub_views(data: HubsData) -> Iterator[tuple[str, HubView]]:
    """Every hub's header and sections, as its view gives them (without the
    anchors of the cards' targets' Related blocks, of no use here)."""
    if data.views.maker is None or not data.hubs:
        return
    maker = data.views.maker()
    for name in sorted(data.hubs):
        yield name, maker.hub_view(name, explore=False)


def write_garden(app: Sphinx, exception: Exception | None) -> None:
    """At ``build-finished``: the JSON file, for the HTML builders that
    write a site (not epub, which would pack it into the book)."""
    builder = app.builder
    name = app.config.hubs_json
    if exception is not None or not name:
        return
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.embedded:
        return
    path = Path(builder.outdir, name)
    if HubsData(app.env).data.get("unchanged") and path.is_file():
        return  # no page changed since it was made
    # compact: the C encoder (an indent takes the pure-Python one)
    text = json.dumps(
        garden(app, builder),
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    if path.is_file() and path.read_text(encoding="utf-8") == text + "\n":
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def register(app: Sphinx) -> None:
    app.connect("build-finished", write_garden)
