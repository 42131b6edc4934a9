"""Where hubs are marked stale: which pages must be rewritten.

A page is drawn from its own doctree plus its view (:mod:`.view`): all it
shows of other pages.  The environment keeps the views of the last build;
at ``env-updated`` the pages whose new view is not equal to the kept one
are handed back to Sphinx to be written again.  Pages Sphinx re-reads are
written anyway; every other page is left alone, so an edit to one note
rewrites that note, the pages that show something of it that changed, and
nothing else.

There is no second description of "what a page shows" here: a field drawn
from the view is covered by the comparison of views.
"""

from __future__ import annotations

from .data import HubsData
from .view import PageView

#: The script of every entry of a split all-notes list (see render.py).
ENTRIES = "hubs-entries.js"


def pages_to_rewrite(data: HubsData, old: dict[str, PageView]) -> list[str]:
    """Pages whose view (in ``data.views``) is not what it was in the
    previous build (*old*, the views that build kept)."""
    new = data.views
    changed = {
        name
        for name, view in new.items()
        if old.get(name) != view and name in data.notes  # a document
    }
    # a page that showed something of others and no longer does
    changed |= {name for name in old if name not in new and name in data.notes}
    return sorted(changed)


def provided_to_write(data: HubsData, old: dict[str, PageView], frame: str) -> None:
    """Which of the pages the extension writes itself (``data.provided``)
    changed since they were last written: their view (against *old*, the
    previous build's views), or *frame* -- what Sphinx's HTML builder
    rewrites every page for (the configuration, the tags, the templates) --
    is not what it was.  Kept in the data for :func:`~.render.provide_index`,
    which writes those (and any whose file is missing)."""
    everything = data.data.get("provided_frame") != frame
    data.data["provided_frame"] = frame
    changed = {
        name
        for name in data.provided
        if everything or old.get(name) != data.views.get(name)
    }
    # every entry of a split list: changed when a page of the list changed
    pages = data.data.get("entries") or ()
    if pages and (everything or any(old.get(n) != data.views.get(n) for n in pages)):
        changed.add(ENTRIES)
    data.data["provided_changed"] = changed
