"""sphinxext-hubs: hub pages ("maps of content") for Sphinx.

Add ``"sphinxext_hubs"`` to ``extensions``.  The modules, in build order:

- :mod:`.config` -- the ``hubs_*`` values and the labels;
- :mod:`.directives` -- ``hub``, ``section``, ``notecard`` and their records;
- :mod:`.collect` / :mod:`.frontmatter` -- what each page tells about itself;
- :mod:`.domain` / :mod:`.data` -- where it is kept, how links resolve;
- :mod:`.resolve` -- which cards each hub shows, once per build;
- :mod:`.view` -- what each page shows of other pages, once per build;
- :mod:`.stale` -- which pages must be rewritten (their view changed);
- :mod:`.render` / :mod:`.cards` -- what readers see, drawn from the view;
- :mod:`.assets` / ``static/`` -- the CSS and the "View as" script, on the
  pages that show something of ours;
- :mod:`.export` -- the garden as JSON, for other tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import assets, collect, config, export, nodes, render, roles
from .data import HubsData
from .directives import HubDirective, NotecardDirective, SectionDirective
from .domain import HubsDomain
from .resolve import select, update_tocs
from .stale import pages_to_rewrite, provided_to_write
from .view import Builder, build_views

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "0.1.0"

#: Bumped whenever the shape of the stored records changes, so Sphinx
#: discards an environment pickled by an older version.
ENV_VERSION = 11


def _frame(app: Sphinx) -> str:
    """What an HTML builder rewrites every page for: its configuration and
    tags (``build_info``, as in ``.buildinfo``), the newest template, and
    this extension's version."""
    builder = app.builder
    if builder.format != "html":
        return ""
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    return repr(
        (
            getattr(info, "config_hash", ""),
            getattr(info, "tags_hash", ""),
            newest,
            __version__,
        )
    )


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once all pages are read: select every hub's cards, compute what each
    page shows of the others, and return the pages whose view changed."""
    data = HubsData(env)
    selection = select(app, env)
    builder = Builder(app.builder.name, app.builder.format, config.previews(app))
    data.data["builder"] = builder
    old = data.views
    data.data["views"] = build_views(
        data,
        selection,
        builder,
        related_block=app.config.hubs_related_block,
        index=app.config.hubs_index_docname,
        index_size=app.config.hubs_index_page_size,
    )
    update_tocs(env, data)
    pages = pages_to_rewrite(data, old)
    provided_to_write(data, old, _frame(app))
    if config.catalogue_changed(app, env):
        return sorted(env.found_docs)
    return pages


def setup(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    nodes.register(app)
    app.add_domain(HubsDomain)
    app.add_directive("hub", HubDirective)
    app.add_directive("section", SectionDirective)
    app.add_directive("notecard", NotecardDirective)
    roles.register(app)
    collect.register(app)
    render.register(app)
    app.connect("env-updated", _env_updated)
    assets.register(app)
    export.register(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
