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
from .data import HubsData, Views
from .directives import (
    HubDirective,
    HubgraphDirective,
    NotecardDirective,
    SectionDirective,
)
from .domain import HubsDomain
from .resolve import select, update_tocs
from .stale import (
    changed,
    compute,
    facts,
    pages_to_rewrite,
    provided_to_write,
    to_compute,
)
from .view import Builder, ViewMaker, build_views
from .warning_types import again, recorded

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "0.1.0"

#: Bumped whenever the shape of the stored records changes, so Sphinx
#: discards an environment pickled by an older version.
ENV_VERSION = 14


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


def _views(app: Sphinx, env: BuildEnvironment, builder: Builder) -> ViewMaker:
    """Every hub's cards selected, and what computes the views from them."""
    return build_views(
        HubsData(env),
        select(app, env),
        builder,
        related_block=app.config.hubs_related_block,
        index=app.config.hubs_index_docname,
        index_size=app.config.hubs_index_page_size,
        local_depth=app.config.hubs_local_graph_depth,
        local_edges=tuple(app.config.hubs_local_graph_edges),
    )


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The documents this build reads (new ones too), for :mod:`.stale`."""
    HubsData(env).data["read"] = set(docnames)


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once all pages are read: compute what each page that may have
    changed shows of the others (:mod:`.stale`), and return the pages
    whose view changed.

    A build that read and removed no document (``touched``, set by the
    domain's ``clear_doc``), for the same builder, has the views and the
    warnings of the last: nothing is computed (unless a page is written
    after all), the warnings are given again."""
    data = HubsData(env)
    builder = Builder(app.builder.name, app.builder.format, config.previews(app))
    catalogues = config.catalogue_changed(app, env)
    previous = data.data.pop("previous", {})
    read = data.data.pop("read", set())
    views = data.data["views"] = Views()
    if not data.data.get("touched", True) and data.builder == builder:
        # the warnings that depend on other pages, as the last build gave
        # them (Sphinx repeats none of a page it does not read again)
        again(data.data.get("warnings", []))
        made: list[ViewMaker] = []

        def make() -> ViewMaker:
            if not made:
                with recorded(emit=False):  # given above
                    made.append(_views(app, env, builder))
            return made[0]

        views.maker = make
        provided_to_write(data, data.digests, _frame(app))
        return sorted(env.found_docs) if catalogues else []
    data.data["builder"] = builder
    before = {
        name: (note.is_note, note.description)
        for name, note in data.notes.items()
        if name not in read
    }
    with recorded() as warnings:
        maker = _views(app, env, builder)
    data.data["warnings"] = warnings
    old, old_facts = data.digests, data.facts
    data.data["facts"] = facts(maker.selection)
    settings = repr(
        (
            builder,
            maker.related_block,
            maker.index,
            maker.index_size,
            maker.local_depth,
            maker.local_edges,
        )
    )
    if data.data.get("settings") != settings or not old:
        data.data["settings"] = settings
        changes = set(data.notes)
        pages = set(data.notes)
    else:
        changes = changed(data, previous, read, before, old_facts)
        pages = to_compute(data, changes, read)
    if changes and maker.index:  # the all-notes list lists every note
        pages.update(maker.lists)
        provided = tuple(name for name in maker.lists if name not in data.notes)
        data.data["provided"] = provided
        # a list split into pages: the pages, whose rows the filter box loads
        data.data["entries"] = tuple(maker.lists) if len(maker.lists) > 1 else ()
    elif not maker.index:
        data.data["provided"] = data.data["entries"] = ()
    views.update(compute(data, maker, pages))
    views.maker = lambda: maker
    update_tocs(env, data, pages)
    data.data["touched"] = False
    views.changed = frozenset(changes)
    # the builds that computed what changed, counted (see export.py)
    data.data["generation"] = data.data.get("generation", 0) + 1
    rewrite = pages_to_rewrite(data, old)
    provided_to_write(data, old, _frame(app))
    return sorted(env.found_docs) if catalogues else rewrite


def setup(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    nodes.register(app)
    app.add_domain(HubsDomain)
    app.add_directive("hub", HubDirective)
    app.add_directive("section", SectionDirective)
    app.add_directive("notecard", NotecardDirective)
    app.add_directive("hubgraph", HubgraphDirective)
    roles.register(app)
    collect.register(app)
    render.register(app)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-updated", _env_updated)
    assets.register(app)
    export.register(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
