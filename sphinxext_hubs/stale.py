"""Where hubs are marked stale: which pages must be rewritten.

A page is drawn from its own doctree plus its view (:mod:`.view`): all it
shows of other pages.  The environment keeps a digest of each page's view
from the last build; at ``env-updated`` the pages whose new view has
another digest are handed back to Sphinx to be written again.  Pages Sphinx
re-reads are written anyway; every other page is left alone, so an edit to
one note rewrites that note, the pages that show something of it that
changed, and nothing else.

There is no second description of "what a page shows" here: a field drawn
from the view is covered by the comparison of views.
"""

from __future__ import annotations

from .data import HubsData

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
