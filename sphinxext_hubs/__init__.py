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
from .view import Builder, PageView, build_views, digest
from .warning_types import again, recorded

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "0.1.0"

#: Bumped whenever the shape of the stored records changes, so Sphinx
#: discards an environment pickled by an older version.
ENV_VERSION = 12


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


def _views(app: Sphinx, env: BuildEnvironment, builder: Builder) -> dict[str, PageView]:
    """Every hub's cards selected, and what each page shows of the others."""
    return build_views(
        HubsData(env),
        select(app, env),
        builder,
        related_block=app.config.hubs_related_block,
        index=app.config.hubs_index_docname,
        index_size=app.config.hubs_index_page_size,
    )


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once all pages are read: compute what each page shows of the others,
    and return the pages whose view changed.

    A build that read and removed no document (``touched``, set by the
    domain's ``clear_doc``), for the same builder, has the views and the
    warnings of the last: nothing is computed (unless a page is written
    after all), the warnings are given again."""
    data = HubsData(env)
    builder = Builder(app.builder.name, app.builder.format, config.previews(app))
    catalogues = config.catalogue_changed(app, env)
    views = data.data["views"]
    if not data.data.get("touched", True) and data.builder == builder:
        # the warnings that depend on other pages, as the last build gave
        # them (Sphinx repeats none of a page it does not read again)
        again(data.data.get("warnings", []))

        def pending() -> dict[str, PageView]:
            with recorded(emit=False):  # given above
                return _views(app, env, builder)

        views.pending = pending
        provided_to_write(data, data.digests, _frame(app))
        return sorted(env.found_docs) if catalogues else []
    data.data["builder"] = builder
    old = data.digests
    views.pending = None
    views.clear()
    with recorded() as warnings:
        views.update(_views(app, env, builder))
    data.data["warnings"] = warnings
    data.data["digests"] = {name: digest(view) for name, view in views.items()}
    update_tocs(env, data)
    data.data["touched"] = False
    pages = pages_to_rewrite(data, old)
    provided_to_write(data, old, _frame(app))
    return sorted(env.found_docs) if catalogues else pages


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
