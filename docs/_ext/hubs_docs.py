"""Reference tables for the sphinxext-hubs documentation, generated from the code.

Three directives, so the reference pages cannot drift from the package:

- ``hubs-config-table``: one row per :data:`sphinxext_hubs.config.CONFIG_VALUES`;
  each name is also a ``confval`` object, so ``{confval}`hubs_columns``` links to it;
- ``hubs-labels-table``: one row per :data:`sphinxext_hubs.config.LABELS`;
- ``hubs-warnings-table``: one row per
  :class:`sphinxext_hubs.warning_types.HubsWarning`;
  each ``hubs.<name>`` is also a ``hubs-warning`` object, so
  ``{hubs-warning}`hubs.missing``` links to it;
- ``hubs-translation-table LANG``: one row per message of the label catalogue
  that ships with the package for LANG (read from its ``.po`` file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from sphinxext_hubs.config import CATALOG, CONFIG_VALUES, LABELS, LOCALE_DIR
from sphinxext_hubs.warning_types import WARNING_TYPE, HubsWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class TableDirective(SphinxDirective):
    """Common helpers: a docutils table from a header and rows of cells."""

    has_content = False
    widths: tuple[int, ...] = ()
    header: tuple[str, ...] = ()

    def inline(self, text: str) -> list[nodes.Node]:
        """*text* with its inline markup (``literal``, *emphasis*) parsed."""
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def cell(self, *children: nodes.Node) -> nodes.entry:
        return nodes.entry("", nodes.paragraph("", "", *children))

    def table(self, rows: list[list[nodes.entry]]) -> nodes.table:
        table = nodes.table(classes=["hubs-docs-table"])
        group = nodes.tgroup(cols=len(self.widths))
        table += group
        for width in self.widths:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += nodes.row("", *(self.cell(nodes.Text(text)) for text in self.header))
        group += head
        body = nodes.tbody()
        for cells in rows:
            body += nodes.row("", *cells)
        group += body
        self.set_source_info(table)
        return table

    def target(self, objtype: str, name: str) -> tuple[addnodes.index, nodes.target]:
        """An index entry and a target for *name*, noted in the std domain."""
        node_id = make_id(self.env, self.state.document, objtype, name)
        target = nodes.target("", "", ids=[node_id])
        self.state.document.note_explicit_target(target)
        _std_domain(self).note_object(
            objtype, name, node_id, location=(self.env.docname, self.lineno)
        )
        index = addnodes.index(
            entries=[("pair", f"{name}; {self.index_label}", node_id, "", None)]
        )
        return index, target

    index_label = ""


def _std_domain(directive: SphinxDirective) -> Any:
    return _std_domain_of(directive.env)


def _type_name(types: tuple[type, ...]) -> str:
    return " or ".join(kind.__name__ for kind in types)


class ConfigTable(TableDirective):
    widths = (22, 10, 14, 54)
    header = ("Name", "Type", "Default", "Description")
    index_label = "configuration value"

    def run(self) -> list[nodes.Node]:
        rows = []
        for value in CONFIG_VALUES:
            index, target = self.target("confval", value.name)
            name = nodes.paragraph(
                "", "", index, target, nodes.literal(value.name, value.name)
            )
            rows.append(
                [
                    nodes.entry("", name),
                    self.cell(nodes.Text(_type_name(value.types))),
                    self.cell(nodes.literal("", repr(value.default))),
                    self.cell(*self.inline(value.description)),
                ]
            )
        return [self.table(rows)]


class LabelsTable(TableDirective):
    widths = (30, 70)
    header = ("Label (key)", "Where it is shown")

    def run(self) -> list[nodes.Node]:
        rows = [
            [self.cell(nodes.literal(key, key)), self.cell(*self.inline(what))]
            for key, what in LABELS.items()
        ]
        return [self.table(rows)]


class WarningsTable(TableDirective):
    widths = (25, 75)
    header = ("Type", "When")
    index_label = "warning"

    def run(self) -> list[nodes.Node]:
        rows = []
        for kind in HubsWarning:
            name = f"{WARNING_TYPE}.{kind.name}"
            index, target = self.target("hubs-warning", name)
            first = nodes.paragraph("", "", index, target, nodes.literal(name, name))
            rows.append([nodes.entry("", first), self.cell(*self.inline(kind.value))])
        return [self.table(rows)]


class TranslationTable(TableDirective):
    """The English labels and their translations, from the package's ``.po``."""

    required_arguments = 1
    widths = (50, 50)

    def run(self) -> list[nodes.Node]:
        from babel import Locale
        from babel.messages.pofile import read_po

        language = self.arguments[0]
        po = LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"
        self.env.note_dependency(str(po))
        with po.open("rb") as stream:
            catalog = read_po(stream)
        self.header = ("English", Locale.parse(language).english_name or language)
        rows = []
        for message in catalog:
            if not message.id:
                continue
            english = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string
            translated = strings if isinstance(strings, tuple) else (strings,)
            rows.append([self.forms(english), self.forms(translated)])
        return [self.table(rows)]

    def forms(self, texts: tuple[str, ...]) -> nodes.entry:
        """One cell: the forms of a message (singular / plural) as literals."""
        children: list[nodes.Node] = []
        for text in texts:
            if children:
                children.append(nodes.Text(" / "))
            children.append(nodes.literal(text, text))
        return self.cell(*children)


def _std_domain_of(env: Any) -> Any:
    try:
        return env.domains.standard_domain
    except AttributeError:  # Sphinx < 8.2
        return env.get_domain("std")


def setup(app: Sphinx) -> dict[str, Any]:
    # ``confval`` objects and their role are Sphinx's own (std domain);
    # ``hubs-warning`` is a cross-reference type for the warning subtypes.
    app.add_crossref_type("hubs-warning", "hubs-warning", objname="warning type")
    app.add_directive("hubs-config-table", ConfigTable)
    app.add_directive("hubs-labels-table", LabelsTable)
    app.add_directive("hubs-warnings-table", WarningsTable)
    app.add_directive("hubs-translation-table", TranslationTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
