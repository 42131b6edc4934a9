"""The ``{note}`` and ``{hub}`` roles (also ``{hubs:note}`` / ``{hubs:hub}``).

``{note}`notes/overthinking``` links to a note with its title as the text and
its description as the link's ``title`` attribute; ``{note}`text <target>```
keeps the given text.  Targets follow the ``{doc}`` role: relative to the
current document unless they start with ``/``; ``inventory:target`` is left
to intersphinx.  The ``hubs`` domain resolves them; an unknown target is a
``hubs.missing`` warning (after intersphinx had its chance).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .frontmatter import docname_of
from .warning_types import HubsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment


class NoteRole(XRefRole):
    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["refdomain"] = "hubs"
        refnode["hubs_title"] = True
        target = target.strip()
        if ":" in target and not target.startswith("/"):
            return title, target  # ``inventory:target``, for intersphinx
        return title, docname_of(env, env.docname, target)


def warn_missing(
    app: Sphinx, domain: Domain | None, node: nodes.Element
) -> bool | None:
    """Report an unresolved ``inventory:target`` as ``hubs.missing``.

    Targets in this project are checked on every build (see
    :mod:`.resolve`), so ``-W`` fails incremental builds too; only what
    intersphinx could not resolve is left to report here.
    """
    if domain is None or domain.name != "hubs":
        return None
    target = node["reftarget"]
    if "inventory" in node:
        target = f"{node['inventory']}:{target}"
    if ":" in target:
        warn(
            HubsWarning.missing,
            f"{{{node['reftype']}}} target {target!r} is not in this project or "
            "in the intersphinx inventories",
            node,
        )
    return True


def register(app: Sphinx) -> None:
    app.add_role("note", NoteRole())
    app.add_role("hub", NoteRole())
    app.connect("warn-missing-reference", warn_missing)
