"""Where hubs are marked stale: which pages must be rewritten.

A page is drawn from its own doctree plus its view (:mod:`.view`): all it
shows of other pages.  The signature of a page is a hash of that view; at
``env-updated`` the pages whose hash changed since the last build are handed
back to Sphinx to be written again.  Pages Sphinx re-reads are written
anyway; every other page is left alone, so an edit to one note rewrites that
note, the pages that show something of it that changed, and nothing else.

There is no second description of "what a page shows" here: a field drawn
from the view is covered by its hash.
"""

from __future__ import annotations

import hashlib

from .data import HubsData

#: The script of every entry of a split all-notes list (see render.py).
ENTRIES = "hubs-entries.js"


def pages_to_rewrite(data: HubsData) -> list[str]:
    """Pages whose view changed since the previous build (the new views are
    in ``data.views``; their hashes replace the old ones)."""
    old = data.signatures
    new = {
        docname: hashlib.sha256(repr(view).encode()).hexdigest()
        for docname, view in data.views.items()
    }
    data.data["signatures"] = new
    changed = {
        name
        for name, digest in new.items()
        if old.get(name) != digest and name in data.notes  # a document
    }
    # a page that showed something of others and no longer does
    changed |= {name for name in old if name not in new and name in data.notes}
    return sorted(changed)


def provided_to_write(data: HubsData, frame: str) -> None:
    """Which of the pages the extension writes itself (``data.provided``)
    changed since they were last written: their view, or *frame* -- what
    Sphinx's HTML builder rewrites every page for (the configuration, the
    tags, the templates) -- is not what it was.  Kept in the data for
    :func:`~.render.provide_index`, which writes those (and any whose file
    is missing)."""
    old = data.data.get("provided_signatures") or {}
    new = {
        name: hashlib.sha256((frame + repr(data.views.get(name))).encode()).hexdigest()
        for name in data.provided
    }
    # every entry of a split list: changed when a page of the list changed
    pages = data.data.get("entries") or ()
    if pages:
        digests = [new.get(name) or data.signatures.get(name, "") for name in pages]
        new[ENTRIES] = hashlib.sha256("".join([frame, *digests]).encode()).hexdigest()
    data.data["provided_signatures"] = new
    data.data["provided_changed"] = {n for n, d in new.items() if old.get(n) != d}
