"""Where hubs are marked stale: which views are computed again, and which
pages must be rewritten.

A page is drawn from its own doctree plus its view (:mod:`.view`): all it
shows of other pages.  The environment keeps, from the last build, a
digest of each page's view and the pages that view read (its
*dependencies*, recorded while it was computed).  At ``env-updated``:

1. :func:`changed` -- the pages that changed: their record (re-read with
   other front matter, title, description, cards, links; added; removed),
   or what the selection says of them (:func:`facts`: the cards a hub
   shows, the hubs that show a page, the pages that link to it);
2. :func:`to_compute` -- the views computed again: of the pages read, the
   pages that changed, every page that read one of them, and the pages of
   the all-notes list (which lists every note) if anything changed;
3. :func:`pages_to_rewrite` -- of those, the pages whose view has another
   digest are handed back to Sphinx to be written again.

Pages Sphinx re-reads are written anyway; every other page is left alone,
so an edit to one note rewrites that note, the pages that show something of
it that changed, and nothing else.

There is no second description of "what a page shows" here: a field drawn
from the view is covered by the comparison of views, and what a view reads
by the dependencies its computation recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .data import HubsData
from .view import EMPTY, PageView, digest

if TYPE_CHECKING:
    from .resolve import Selection
    from .view import ViewMaker

#: The script of every entry of a split all-notes list (see render.py).
ENTRIES = "hubs-entries.js"


def pages_to_rewrite(data: HubsData, old: dict[str, bytes]) -> list[str]:
    """Pages whose view's digest (in ``data.digests``) is not what it was
    in the previous build (*old*)."""
    new = data.digests
    changed = {
        name
        for name, digest in new.items()
        if old.get(name) != digest and name in data.notes  # a document
    }
    # a page that showed something of others and no longer does
    changed |= {name for name in old if name not in new and name in data.notes}
    return sorted(changed)


def provided_to_write(data: HubsData, old: dict[str, bytes], frame: str) -> None:
    """Which of the pages the extension writes itself (``data.provided``)
    changed since they were last written: their view (its digest against
    *old*, the previous build's), or *frame* -- what Sphinx's HTML builder
    rewrites every page for (the configuration, the tags, the templates) --
    is not what it was.  Kept in the data for :func:`~.render.provide_index`,
    which writes those (and any whose file is missing)."""
    everything = data.data.get("provided_frame") != frame
    data.data["provided_frame"] = frame
    new = data.digests
    changed = {
        name for name in data.provided if everything or old.get(name) != new.get(name)
    }
    # every entry of a split list: changed when a page of the list changed
    pages = data.data.get("entries") or ()
    if pages and (everything or any(old.get(n) != new.get(n) for n in pages)):
        changed.add(ENTRIES)
    data.data["provided_changed"] = changed


def facts(selection: Selection) -> dict[str, bytes]:
    """Per page, a digest of what the selection says of it: the cards it
    shows (a hub), the hubs that show it, the pages it links to, the pages
    that link to it and the notes that name it as related."""
    names = selection.shown.keys() | selection.appears_in.keys()
    names |= selection.links.keys() | selection.backlinks.keys()
    names |= selection.related_from.keys()
    return {
        name: hashlib.blake2b(
            repr(
                (
                    selection.shown.get(name),
                    selection.appears_in.get(name),
                    selection.links.get(name),
                    selection.backlinks.get(name),
                    selection.related_from.get(name),
                )
            ).encode(),
            digest_size=8,
        ).digest()
        for name in names
    }


def changed(
    data: HubsData,
    previous: dict[str, tuple[Any, Any]],
    read: Iterable[str],
    before: dict[str, tuple[bool, str]],
    old_facts: dict[str, bytes],
) -> set[str]:
    """The pages that changed this build: whose record is not what it was
    (*previous*: the records of the pages re-read or removed, as the last
    build left them; *read*: the pages read, new ones too), whose place in
    the note set or description that shows other pages' titles changed
    (*before*: as they were before :func:`~.resolve.select`), or whose
    :func:`facts` differ from *old_facts*."""
    notes, hubs = data.notes, data.hubs
    pages = {
        name
        for name in previous.keys() | set(read)
        if previous.get(name, (None, None)) != (notes.get(name), hubs.get(name))
    }
    pages.update(
        name
        for name, (is_note, description) in before.items()
        if name in notes
        and (notes[name].is_note, notes[name].description) != (is_note, description)
    )
    new = data.facts
    pages.update(
        name
        for name in new.keys() | old_facts.keys()
        if new.get(name) != old_facts.get(name)
    )
    return pages


def to_compute(data: HubsData, pages: set[str], read: Iterable[str]) -> set[str]:
    """The pages whose view is computed again: the documents read, the
    changed *pages* and every page whose view read one of them (its
    recorded dependencies)."""
    notes = data.notes
    again = {name for name in read if name in notes}
    again.update(name for name in pages if name in notes)
    if pages:
        again.update(
            name
            for name, dependencies in data.dependencies.items()
            if not dependencies.isdisjoint(pages)
        )
    return again


def compute(data: HubsData, maker: ViewMaker, pages: set[str]) -> dict[str, PageView]:
    """The views of *pages*, whose digests and dependencies replace the
    last build's (those of pages that are gone are dropped)."""
    views = {}
    digests = dict(data.digests)
    dependencies = data.dependencies
    for name in sorted(pages):
        view, read = maker.view(name)
        digests.pop(name, None)
        dependencies.pop(name, None)
        if view != EMPTY:
            views[name] = view
            digests[name] = digest(view)
        if read:
            dependencies[name] = read
    kept = data.notes.keys() | set(data.provided)
    for name in [name for name in digests if name not in kept]:
        del digests[name]
    for name in [name for name in dependencies if name not in data.notes]:
        del dependencies[name]
    data.data["digests"] = digests
    return views
