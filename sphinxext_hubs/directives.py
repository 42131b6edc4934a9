"""The ``hub``, ``section``, ``notecard`` and ``hubgraph`` directives (MyST
and rST), and the records they build.

Each directive checks its options (a bad value is a ``hubs.option`` warning
and the default is used) and turns them into its record -- :class:`Hub`,
:class:`Section`, :class:`CardSpec` -- kept on the placeholder node it
leaves (:mod:`.nodes`).  :mod:`.collect` only gathers the records and adds
where each one stands on the page; :mod:`.resolve` selects cards from them
and :mod:`.render` draws them (a ``hubgraph`` from its :class:`GraphSpec`,
through :mod:`.view` and :mod:`.graph`).  Adding a filter option to
``section`` means a field here, its use in :mod:`.resolve`, and its
documentation.

A ``section`` is a real docutils section, so it is a heading with an anchor
and is listed in the page's table of contents like any other.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import clean_astext

from . import nodes as hubs_nodes
from .config import VIEWS, bad_glob
from .frontmatter import docname_of, one_line
from .graph import EDGE_KINDS
from .warning_types import HubsWarning, warn

URL = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class CardSpec:
    """A ``notecard`` as written."""

    target: str  # docname, or URL when ``external``
    line: int
    external: bool = False
    title: str = ""
    description: str = ""
    #: The included file it is written in ("" for the page itself).
    source: str = ""
    #: Written inside a container in its section (drawn where it stands);
    #: set by :mod:`.collect`.
    nested: bool = False
    #: ``only`` expression around it ("" if none); set by :mod:`.collect`.
    only: str = ""


@dataclass(frozen=True)
class Section:
    """A ``section`` of a hub: its title and how it selects its cards."""

    title: str
    anchor: str
    line: int
    columns: int
    #: Its ``notecard`` directives, in written order (set by :mod:`.collect`).
    cards: tuple[CardSpec, ...] = ()
    #: Filters: notes with any of these tags / whose docname matches a glob.
    tags: tuple[str, ...] = ()
    globs: tuple[str, ...] = ()
    #: ``title``, ``-title``, ``docname``, ``-docname`` or a front-matter field.
    sort: str = "title"
    limit: int | None = None
    #: Receives memberships that name the hub without a section.
    default: bool = False
    #: The included file it is written in ("" for the page itself).
    source: str = ""
    #: ``only`` expression around it ("" if none): a builder that drops the
    #: section does not count it.  Set by :mod:`.collect`.
    only: str = ""


@dataclass(frozen=True)
class Hub:
    """A ``hub`` directive: the page is a hub."""

    docname: str
    kind: str
    description: str
    view: str
    line: int
    sections: tuple[Section, ...] = field(default=())
    #: Anchor reserved for the appended default section
    #: (``hubs_default_section``); set by :mod:`.collect`.
    default_anchor: str = "notes"


@dataclass(frozen=True)
class GraphSpec:
    """A ``hubgraph`` as written: the graph of the pages within *depth*
    hops of *root* (a docname; "" for the whole garden) over *edges*."""

    root: str
    depth: int
    edges: tuple[str, ...]
    #: At most this many pages are drawn.
    limit: int
    #: The drawing's width at most, in CSS pixels.
    width: int
    line: int
    #: The included file it is written in ("" for the page itself).
    source: str = ""


#: The defaults of a ``hubgraph``'s options.
GRAPH_DEPTH = 1
GRAPH_LIMIT = 100
GRAPH_WIDTH = 640

UNTITLED = "Untitled section"
SORT_KEY = re.compile(r"-?[A-Za-z_][\w.-]*")


class OptionSpec(dict[str, Any]):
    """An option spec that lets unknown options through, so that a typo
    (``:titel:``) is a ``hubs.option`` warning instead of a dropped directive."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


class HubsDirective(SphinxDirective):
    def check_options(self) -> None:
        known = self.option_spec or {}
        for name in sorted(set(self.options) - set(known)):
            self.option_warning(
                f"{self.name} has no option :{name}: (its options: "
                + ", ".join(f":{option}:" for option in known)
                + "); it is ignored"
            )
            del self.options[name]

    def option_warning(self, message: str) -> None:
        # the file the directive is written in: the page, or a file it includes
        source, line = self.get_source_info()
        warn(HubsWarning.option, message, f"{os.path.abspath(source)}:{line or ''}")

    def where(self) -> tuple[int, str]:
        """``(line, source)`` for the record: *source* is "" when the
        directive is in the page's own file, else the included file."""
        source, line = self.get_source_info()
        source = os.path.abspath(source) if source else ""
        own = os.path.abspath(self.env.doc2path(self.env.docname))
        return line or 0, "" if source == own else source

    def int_option(self, name: str, default: int, low: int, high: int) -> int:
        """*name* as a whole number in [low, high]; else a warning and *default*
        (0 meaning "no value")."""
        raw = self.options.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self.option_warning(
                f"{self.name} :{name}: must be a whole number from {low} to {high}, "
                f"not {raw!r}; " + (f"using {default}" if default else "it is ignored")
            )
            return default
        return value

    def parse_body(self, into: nodes.Element) -> None:
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, into)


class HubDirective(HubsDirective):
    """Marks the page as a hub and draws its header."""

    has_content = True
    option_spec: ClassVar = OptionSpec(
        {
            "kind": directives.unchanged,
            "description": directives.unchanged,
            "view": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        self.check_options()
        config = self.config
        view = self.options.get("view", config.hubs_default_view).strip()
        if view not in VIEWS:
            self.option_warning(
                f"hub :view: must be 'cards' or 'list', not {view!r}; "
                f"using {config.hubs_default_view!r}"
            )
            view = config.hubs_default_view
        kind = one_line(self.options.get("kind") or "") or config.hubs_default_kind
        node = hubs_nodes.hub_header(classes=self.options.get("class", []))
        self.set_source_info(node)
        description = one_line(self.options.get("description", ""))
        if self.content:
            self.parse_body(node)
            description = one_line(node.astext())
        elif description:
            node += nodes.paragraph(description, description)
        line, _ = self.where()
        node["record"] = Hub(
            docname=self.env.docname,
            kind=kind,
            description=description,
            view=view,
            line=line,
        )
        return [node]


class SectionDirective(HubsDirective):
    """A titled group of cards on a hub page."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = OptionSpec(
        {
            "columns": directives.unchanged,
            "class": directives.class_option,
            "tags": directives.unchanged,
            "glob": directives.unchanged,
            "sort": directives.unchanged,
            "limit": directives.unchanged,
            "default": directives.flag,
        }
    )

    def filters(self) -> dict[str, Any]:
        """The collecting options, checked; a bad value warns and is dropped."""
        raw_tags = self.options.get("tags", "").split(",")
        tags = tuple(dict.fromkeys(tag.strip() for tag in raw_tags if tag.strip()))
        globs = []
        for pattern in self.options.get("glob", "").split():
            problem = bad_glob(pattern)
            if problem:
                self.option_warning(
                    f"section :glob: {pattern!r} cannot be read ({problem}); "
                    "it is left out"
                )
            else:  # relative to this page unless it starts with /, like {doc}
                globs.append(docname_join(self.env.docname, pattern))
        sort = self.options.get("sort", "title").strip() or "title"
        if not SORT_KEY.fullmatch(sort):
            self.option_warning(
                f"section :sort: must be title, -title, docname, -docname or a "
                f"front-matter field name (with - for descending), not {sort!r}; "
                "sorting by title"
            )
            sort = "title"
        limit = None
        if "limit" in self.options:
            limit = self.int_option("limit", 0, 1, 1_000_000) or None
        return {
            "tags": tags,
            "globs": tuple(globs),
            "sort": sort,
            "limit": limit,
            "default": "default" in self.options,
        }

    def run(self) -> list[nodes.Node]:
        self.check_options()
        document = self.state.document
        source = self.arguments[0].strip() if self.arguments else ""
        if not source:
            source = UNTITLED
            self.option_warning(f"section needs a title; calling it {UNTITLED!r}")
        text_nodes, messages = self.state.inline_text(source, self.lineno)
        title = nodes.title(source, "", *text_nodes)
        # inline markup is welcome in a section title, raw HTML is shown as text
        for raw in list(title.findall(nodes.raw)):
            raw.replace_self(nodes.Text(raw.astext()))
        title_text = clean_astext(title)
        anchor = base = nodes.make_id(title_text) or "section"
        number = 1
        while anchor in document.ids:
            anchor = f"{base}-{number}"
            number += 1
        section = nodes.section(
            "", title, ids=[anchor], names=[nodes.fully_normalize_name(title_text)]
        )
        section["classes"] += ["hubs-section", *self.options.get("class", [])]
        self.set_source_info(section)
        document.note_implicit_target(section, section)

        line, where = self.where()
        grid = hubs_nodes.hub_grid(
            record=Section(
                title=title_text,
                anchor=anchor,
                line=line,
                columns=self.int_option("columns", self.config.hubs_columns, 1, 6),
                source=where,
                **self.filters(),
            )
        )
        self.set_source_info(grid)
        self.parse_body(grid)
        section += grid
        return [section, *messages]


class NotecardDirective(HubsDirective):
    """One card: a note of this project, or an external ``https://`` link."""

    optional_arguments = 1
    has_content = True
    option_spec: ClassVar = OptionSpec(
        {
            "title": directives.unchanged,
            "description": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        self.check_options()
        raw = self.arguments[0].strip() if self.arguments else ""
        external = bool(URL.match(raw))
        title = one_line(self.options.get("title", ""))
        if not raw:
            self.option_warning(
                "notecard needs a target (a document or an https:// URL)"
                + ("; the card is shown without a link" if title else "; not shown")
            )
            if not title:
                return []
        if external:
            target = raw
            if not title:
                self.option_warning(
                    f"notecard for the URL {raw!r} needs a :title:; "
                    "showing the URL instead"
                )
                title = raw
        elif not raw:
            target = ""
        else:
            target = docname_of(self.env, self.env.docname, raw)
        node = hubs_nodes.notecard(classes=self.options.get("class", []))
        self.set_source_info(node)
        description = one_line(self.options.get("description", ""))
        if self.content:
            self.parse_body(node)
            description = one_line(node.astext())
        elif description:
            node += nodes.paragraph(description, description)
        line, where = self.where()
        node["record"] = CardSpec(
            target=target,
            line=line,
            external=external,
            title=title,
            description=description,
            source=where,
        )
        return [node]


class HubgraphDirective(HubsDirective):
    """A graph of the garden: of the pages around a hub or note, or of the
    whole garden (without an argument)."""

    optional_arguments = 1
    option_spec: ClassVar = OptionSpec(
        {
            "depth": directives.unchanged,
            "edges": directives.unchanged,
            "limit": directives.unchanged,
            "width": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def edges(self) -> tuple[str, ...]:
        """The ``:edges:`` kinds (any of :data:`~.graph.EDGE_KINDS`, by
        space or comma); an unknown one warns and is left out."""
        raw = self.options.get("edges")
        if raw is None:
            return EDGE_KINDS
        kinds = []
        for kind in raw.replace(",", " ").split():
            if kind in EDGE_KINDS:
                kinds.append(kind)
            else:
                self.option_warning(
                    f"hubgraph :edges: knows {', '.join(EDGE_KINDS)}, not "
                    f"{kind!r}; it is left out"
                )
        if not kinds:
            self.option_warning(
                "hubgraph :edges: names no kind of edge; using all of them"
            )
            return EDGE_KINDS
        return tuple(kind for kind in EDGE_KINDS if kind in kinds)

    def run(self) -> list[nodes.Node]:
        self.check_options()
        raw = self.arguments[0].strip() if self.arguments else ""
        root = docname_of(self.env, self.env.docname, raw) if raw else ""
        line, where = self.where()
        node = hubs_nodes.hub_graph(classes=self.options.get("class", []))
        self.set_source_info(node)
        node["record"] = GraphSpec(
            root=root,
            depth=self.int_option("depth", GRAPH_DEPTH, 1, 6),
            edges=self.edges(),
            limit=self.int_option("limit", GRAPH_LIMIT, 2, 5000),
            width=self.int_option("width", GRAPH_WIDTH, 160, 4000),
            line=line,
            source=where,
        )
        return [node]
