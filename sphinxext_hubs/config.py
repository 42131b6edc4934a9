"""The ``hubs_*`` configuration values, their validation, and the labels.

Every value is registered with its type and a description, and checked once
at ``config-inited``: a wrong type gives a ``hubs.config`` warning and the
default is used, so a typo in ``conf.py`` never stops a build.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from sphinx import locale
from sphinx.locale import get_translation, get_translator
from sphinx.util.i18n import CatalogInfo, CatalogRepository
from sphinx.util.matching import compile_matchers

from .graph import EDGE_KINDS
from .warning_types import HubsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

CATALOG = "sphinxext_hubs"
LOCALE_DIR = Path(__file__).parent / "locale"
VIEWS = ("cards", "list")


@dataclass(frozen=True)
class ConfigValue:
    name: str
    default: Any
    types: tuple[type, ...]
    description: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "hubs_default_kind",
        "Topic Hub",
        (str,),
        "Kind shown in the stats line of a hub without a ``:kind:`` option.",
    ),
    ConfigValue(
        "hubs_default_view",
        "cards",
        (str,),
        "How hubs show their cards before the reader picks: ``cards`` or ``list``.",
    ),
    ConfigValue(
        "hubs_columns",
        2,
        (int,),
        "Cards per row on wide screens, for sections without ``:columns:`` (1-6).",
    ),
    ConfigValue(
        "hubs_excerpt_chars",
        280,
        (int,),
        "Length at which a description taken from a note's first paragraph is "
        "cut (on a word boundary, with an ellipsis).",
    ),
    ConfigValue(
        "hubs_card_lines",
        3,
        (int,),
        "Lines of a card's description shown in the cards view (0-10; 0 shows "
        "it whole). The whole text stays in the page for screen readers and "
        "search; the list view shows one line.",
    ),
    ConfigValue(
        "hubs_default_section",
        "Notes",
        (str,),
        "Title of the section appended to a hub for notes that name the hub "
        "without a section, when no section is marked ``:default:``.",
    ),
    ConfigValue(
        "hubs_related_block",
        True,
        (bool,),
        "Add the *Related* block (hubs showing the note, ``related:`` notes) "
        "at the end of every note that has something to list.",
    ),
    ConfigValue(
        "hubs_backlinks",
        True,
        (bool,),
        "List under \u201cLinked from\u201d in a note's *Related* block the "
        "notes and hubs whose text links to it.",
    ),
    ConfigValue(
        "hubs_previews",
        True,
        (bool,),
        "Show a preview of the page a card title, a ``{note}``/``{hub}`` link "
        "or a Related block's link leads to (title, kind, description) on "
        "hover and keyboard focus. Off where the project uses a preview "
        "extension (sphinx-tippy, sphinx-hoverxref).",
    ),
    ConfigValue(
        "hubs_local_graph_depth",
        1,
        (int,),
        "Hops of the graph drawn in every note's *Related* block and on every "
        "hub page: the pages around it (0-3; 0 draws none).",
    ),
    ConfigValue(
        "hubs_local_graph_edges",
        ["membership", "related", "links"],
        (list, tuple),
        "The kinds of edge the local graphs follow and draw: ``membership``, "
        "``related``, ``links``.",
    ),
    ConfigValue(
        "hubs_json",
        "garden.json",
        (str,),
        "File name, in the HTML output, of the garden as JSON: every note and "
        "hub, every hub's sections and cards, every edge (an empty string: "
        "none).",
    ),
    ConfigValue(
        "hubs_orphans",
        False,
        (bool,),
        "Report every note that no hub shows and no note or hub links to "
        "(``hubs.orphan``).",
    ),
    ConfigValue(
        "hubs_index_docname",
        "notes-index",
        (str,),
        "Docname of the all-notes page; every \u201c\u2190 All notes\u201d link "
        "points to it. An empty string turns the page and the links off.",
    ),
    ConfigValue(
        "hubs_index_page_size",
        400,
        (int,),
        "The most entries on one page of the all-notes list: a longer list is "
        "split into a page of hubs and a page per first letter (0: never).",
    ),
    ConfigValue(
        "hubs_notes",
        ["**"],
        (list, tuple),
        "Docname globs of the documents that are notes.",
    ),
    ConfigValue(
        "hubs_exclude",
        [],
        (list, tuple),
        "Docname globs of documents that are never notes.",
    ),
    ConfigValue(
        "hubs_skip",
        ["untitled", "included", "api"],
        (list, tuple),
        "Pages left out of the note set by what they are: ``untitled`` "
        "(no title), ``included`` (included into another page), ``api`` "
        "(object descriptions: autodoc, autosummary, sphinx-apidoc pages).",
    ),
    ConfigValue(
        "hubs_labels",
        {},
        (dict,),
        "Replacements for the extension's labels, keyed by the English label.",
    ),
)

#: The English labels (also the message ids of the translation catalogue).
#: ``hubs_labels`` overrides them by these keys.
LABELS: dict[str, str] = {
    "All notes": "Link text of the back link (after \u201c\u2190\u201d).",
    "Topic Hub": "Kind of a hub with no ``:kind:`` (the default of "
    "``hubs_default_kind``).",
    "Notes": "Title of the appended default section, when "
    "``hubs_default_section`` is left at its default.",
    "View as": "Label of the view switch.",
    "Cards": "View switch: the card grid.",
    "List": "View switch: the compact list.",
    "Explore related": "Card link to the note's related block.",
    "Read \u2192": "Card link to the note.",
    "Read: {title}": "Accessible name of the \u201cRead \u2192\u201d link.",
    "Explore related: {title}": "Accessible name of the \u201cExplore related\u201d "
    "link.",
    "Related": "Heading of the related block.",
    "Appears in": "Related block: the hubs that show the note.",
    "Related notes": "Related block: the note's ``related:`` notes.",
    "Linked from": "Related block: the notes and hubs whose text links to the "
    "note (backlinks).",
    "Note": "Kind badge of the card of a note with no ``kind``.",
    "Hub": "Kind badge of the card of a hub with no ``:kind:``.",
    "Link": "Kind badge of the card of a URL.",
    "Hubs": "All-notes page: the heading of the hubs, listed first.",
    "All notes: {part}": "Title of a further page of an all-notes list split "
    "into pages (``{part}``: the letter it lists, and its number).",
    "Filter": "All-notes page: the label of the filter box.",
    "Shown: {n}": "All-notes page: how many entries the filter shows.",
    "in {hub}": "All-notes page: after a title that two pages share, the "
    "hub that shows this one.",
    "Graph": "Heading of a page's local graph, in its Related block.",
    "Graph of {title}": "Accessible name of a graph around a page.",
    "Graph of the garden": "Accessible name of a graph of the whole garden.",
    "As a list": "A graph's pages and edges as a nested list (HTML: the "
    "summary that opens it).",
    "Hubs only: the garden has more pages than this graph draws.": "Note "
    "under a graph of a whole garden too large to draw every note.",
    "Some pages are left out: this graph draws at most {n}.": "Note under a "
    "graph that reached more pages than its ``:limit:``.",
    "also: {pages}": "A graph as a list: the other pages an entry has an edge with.",
    "{n} note": "Section count and the all-notes page's note count, singular.",
    "{n} notes": "Section count and the all-notes page's note count, plural.",
    "{n} linked note": "Stats line, singular.",
    "{n} linked notes": "Stats line, plural.",
    "{n} section": "Stats line, singular.",
    "{n} sections": "Stats line, plural.",
    "{n} hub": "All-notes page count, singular.",
    "{n} hubs": "All-notes page count, plural.",
}


#: Extensions that preview links themselves: with one of them, ours is off.
PREVIEWERS = ("sphinx_tippy", "hoverxref.extension")


def previews(app: Sphinx) -> bool:
    """Whether the extension's link previews are on."""
    return bool(app.config.hubs_previews) and not any(
        name in app.extensions for name in PREVIEWERS
    )


def register(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            "env",
            types=value.types,
            description=value.description,
        )
    # at setup, so that a catalogue a project registers itself (in its
    # conf.py's setup) is kept, and wins as the first one registered
    _forget_translators()
    app.connect("config-inited", validate)
    app.connect("config-inited", register_catalogues)


def conf_location(confdir: str | os.PathLike[str] | None, name: str = "") -> Any:
    """Where to report a problem of the configuration: ``conf.py``, at the
    line that sets *name* when there is one (``-D`` values have none)."""
    if confdir is None:
        return None
    path = Path(confdir, "conf.py")
    if name:
        pattern = re.compile(rf"\s*{re.escape(name)}\s*(\[.*\])?\s*[-+|]?=")
        with (
            contextlib.suppress(OSError, ValueError),
            path.open(encoding="utf-8", errors="replace") as file,
        ):
            for number, line in enumerate(file, start=1):
                if pattern.match(line):
                    return f"{path}:{number}"
    return f"{path}:"


def bad_glob(pattern: str) -> str | None:
    """Why *pattern* is not a docname glob Sphinx can use (None if it is)."""
    try:
        compile_matchers([pattern])
    except re.error as error:
        return str(error)
    return None


def _reset(app: Sphinx, value: ConfigValue, problem: str) -> None:
    warn(
        HubsWarning.config,
        f"{value.name} {problem}; using the default {value.default!r}",
        conf_location(app.confdir, value.name),
    )
    setattr(app.config, value.name, value.default)


def validate(app: Sphinx, config: Config) -> None:
    """Check every ``hubs_*`` value once; fall back to the default on error.

    Runs before Sphinx's own type check, so a wrong value is reported once,
    as ``hubs.config`` at its line in ``conf.py``.
    """
    for value in CONFIG_VALUES:
        current = getattr(config, value.name)
        if isinstance(current, bool) and bool not in value.types:
            _reset(app, value, f"must be {value.types[0].__name__}, not bool")
        elif not isinstance(current, value.types):
            _reset(
                app,
                value,
                f"must be {value.types[0].__name__}, not {type(current).__name__}",
            )
    if config.hubs_default_view not in VIEWS:
        _reset(app, _value("hubs_default_view"), "must be 'cards' or 'list'")
    if not 1 <= config.hubs_columns <= 6:
        _reset(app, _value("hubs_columns"), "must be between 1 and 6")
    if config.hubs_excerpt_chars < 1:
        _reset(app, _value("hubs_excerpt_chars"), "must be positive")
    if config.hubs_index_page_size < 0:
        _reset(app, _value("hubs_index_page_size"), "must not be negative")
    if not 0 <= config.hubs_card_lines <= 10:
        _reset(app, _value("hubs_card_lines"), "must be between 0 and 10")
    if not 0 <= config.hubs_local_graph_depth <= 3:
        _reset(app, _value("hubs_local_graph_depth"), "must be between 0 and 3")
    _check_edges(app, config)
    json_name = PurePosixPath(config.hubs_json.replace("\\", "/"))
    if json_name.is_absolute() or ".." in json_name.parts:
        _reset(app, _value("hubs_json"), "must be a path inside the output folder")
    for name in ("hubs_default_kind", "hubs_default_section"):
        if not " ".join(getattr(config, name).split()):
            _reset(app, _value(name), "must not be empty")
    _check_index(app, config)
    for name in ("hubs_notes", "hubs_exclude"):
        _check_globs(app, config, name)
    _check_skip(app, config)
    _check_labels(app, config)


def _known(
    app: Sphinx, config: Config, name: str, choices: tuple[str, ...]
) -> list[str]:
    """The items of the list setting *name* that are among *choices*, in
    its order; each other one is a ``hubs.config`` warning and left out."""
    kept = []
    for item in getattr(config, name):
        if item in choices:
            kept.append(item)
        else:
            listed = ", ".join(repr(choice) for choice in choices)
            warn(
                HubsWarning.config,
                f"{name} has {item!r}, which is none of {listed}; it is left out",
                conf_location(app.confdir, name),
            )
    return kept


def _check_edges(app: Sphinx, config: Config) -> None:
    """``hubs_local_graph_edges``: kinds of edge, each once, in their own
    order; none at all means every kind."""
    kept = _known(app, config, "hubs_local_graph_edges", EDGE_KINDS)
    edges = [kind for kind in EDGE_KINDS if kind in kept]
    config.hubs_local_graph_edges = edges or list(EDGE_KINDS)


#: What :confval:`hubs_skip` may name.
SKIPS = ("untitled", "included", "api")


def _check_skip(app: Sphinx, config: Config) -> None:
    config.hubs_skip = _known(app, config, "hubs_skip", SKIPS)


def _check_index(app: Sphinx, config: Config) -> None:
    """``hubs_index_docname`` written as a path (``/notes-index.md``) names
    the same document."""
    name = config.hubs_index_docname.strip()
    suffixes = config.source_suffix
    if isinstance(suffixes, str):
        suffixes = [suffixes]
    for suffix in (*suffixes, ".md", ".rst"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    config.hubs_index_docname = name.strip("/")


def _check_globs(app: Sphinx, config: Config, name: str) -> None:
    patterns = list(getattr(config, name))
    kept = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            _reset(app, _value(name), "must be a list of docname globs (strings)")
            return
        problem = bad_glob(pattern)
        if problem:
            warn(
                HubsWarning.config,
                f"{name} has a glob that cannot be read, {pattern!r} ({problem}); "
                "it is left out",
                conf_location(app.confdir, name),
            )
        elif pattern.strip():
            kept.append(pattern.strip().lstrip("/"))
    setattr(config, name, kept)


def _check_labels(app: Sphinx, config: Config) -> None:
    labels = config.hubs_labels
    location = conf_location(app.confdir, "hubs_labels")
    for key in sorted(labels, key=repr):
        if key not in LABELS:
            warn(
                HubsWarning.config,
                f"hubs_labels has an unknown key {key!r} (known: "
                + ", ".join(repr(k) for k in LABELS)
                + ")",
                location,
            )
        elif not isinstance(labels[key], str):
            warn(HubsWarning.config, f"hubs_labels[{key!r}] must be a string", location)
        else:
            missing = [field for field in _fields(key) if field not in labels[key]]
            if missing:
                warn(
                    HubsWarning.config,
                    f"hubs_labels[{key!r}] leaves out {missing[0]}, so it would "
                    "hide what the label is for; it is not used",
                    location,
                )
    config.hubs_labels = {
        key: text
        for key, text in labels.items()
        if key in LABELS
        and isinstance(text, str)
        and all(field in text for field in _fields(key))
    }


def _fields(key: str) -> list[str]:
    """The fields a label must keep: its ``{title}``, and the ``{n}`` of a
    count other than one (a singular may say "one note")."""
    singular = key in ("{n} note", "{n} linked note", "{n} section", "{n} hub")
    return [f for f in ("{n}", "{title}") if f in key and not (singular and f == "{n}")]


def _value(name: str) -> ConfigValue:
    return next(value for value in CONFIG_VALUES if value.name == name)


# -- the labels' catalogues ---------------------------------------------------
#
# The labels are messages of the ``sphinxext_hubs`` catalogue, registered with
# Sphinx (``app.add_message_catalog``) and looked up with Sphinx's translation
# functions, so they follow ``language`` as Sphinx's own labels do.  Sphinx
# keeps the translators (in ``sphinx.locale.translators``); nothing here keeps
# a catalogue between builds.

#: What a broken catalogue file raises while it is read, compiled or loaded:
#: a truncated or foreign ``.mo`` (struct.error, OSError), an unknown charset
#: (LookupError), bytes that are not in its encoding or a plural rule that
#: cannot be read (ValueError), a ``.po`` babel cannot parse (PoFileError)
#: or read for the ``language`` (UnknownLocaleError), a plural rule that fails
#: for some number (ArithmeticError, RecursionError).
CATALOGUE_FAULTS = (
    OSError,
    ValueError,
    LookupError,
    struct.error,
    PoFileError,
    UnknownLocaleError,
    ArithmeticError,
    RecursionError,
)


def _forget_translators() -> None:
    """Drop the translators of this catalogue that an earlier application
    in this process left in Sphinx's registry.  :func:`sphinx.locale.init`
    merges every registration into the translator it finds there, so a
    second build in one process (a script building each language, a test
    suite) would otherwise show the first build's labels."""
    for namespace in ("general", "console"):
        locale.translators.pop((namespace, CATALOG), None)


def register_catalogues(app: Sphinx, config: Config) -> None:
    """Register the labels' catalogues with Sphinx, at ``config-inited``
    (``language`` and ``locale_dirs`` are final, no worker has started):
    the project's sound ones in the order of ``locale_dirs``, then the
    package's.  The first registered has the say; the others are fallbacks
    for the messages it does not translate."""
    for locale_dir in _project_catalogues(Path(app.srcdir), config):
        app.add_message_catalog(CATALOG, locale_dir)
    app.add_message_catalog(CATALOG, LOCALE_DIR)


def _repository(srcdir: Path, config: Config) -> CatalogRepository:
    return CatalogRepository(
        srcdir, list(config.locale_dirs), config.language, config.source_encoding
    )


def _source(locale_dir: str | os.PathLike[str], config: Config) -> CatalogInfo:
    folder = Path(locale_dir, config.language, "LC_MESSAGES")
    return CatalogInfo(folder, CATALOG, config.source_encoding)


def _compiled(locale_dir: str | os.PathLike[str], config: Config) -> list[Path]:
    """The ``.mo`` files gettext reads for *locale_dir*: the language's, then
    the language's without its region (``pt_BR``, then ``pt``)."""
    found = gettext.find(CATALOG, locale_dir, [config.language], all=True)
    return [Path(path) for path in found]


def _project_catalogues(srcdir: Path, config: Config) -> list[Path]:
    """The project's ``locale_dirs`` whose label catalogue can be used.

    Each ``<lang>/LC_MESSAGES/sphinxext_hubs.po`` is compiled as Sphinx
    compiles the catalogues of ``locale_dirs`` (when its ``.mo`` is older),
    after a check that it can be read and compiled.  Every ``.mo`` gettext
    will read (a project may ship only those) is checked too.  A file that
    cannot be used is reported, and its folder is left out, so the labels
    fall back to the next catalogue."""
    sound = []
    for locale_dir in _repository(srcdir, config).locale_dirs:
        source = _source(locale_dir, config)
        if Path(source.po_path).is_file() and not _compile(source, config):
            continue
        files = _compiled(locale_dir, config)
        if files and all(_loads(path) for path in files):
            for path in files:
                _forget_compiled(path)
            sound.append(Path(locale_dir))
    return sound


def _compile(source: CatalogInfo, config: Config) -> bool:
    """Compile a project's ``.po`` (if its ``.mo`` is older) with Sphinx's
    :meth:`~sphinx.util.i18n.CatalogInfo.write_mo`; False if it cannot be
    used.  It is first read as Sphinx reads it (in ``source_encoding``) and
    compiled in memory, so a fault is reported here, as ``hubs.config`` at
    its line, and not half-written to the ``.mo``."""
    po = Path(source.po_path)
    fuzzy = bool(config.gettext_allow_fuzzy_translations)
    try:
        # babel prints each problem before raising; the warning says it
        with (
            po.open(encoding=source.charset) as file,
            contextlib.redirect_stdout(io.StringIO()),
        ):
            messages = read_po(file, config.language, abort_invalid=True)
        compiled = io.BytesIO()
        write_mo(compiled, messages, use_fuzzy=fuzzy)
        _probe(gettext.GNUTranslations(io.BytesIO(compiled.getvalue())))
    except CATALOGUE_FAULTS as error:
        _report(po, error, _line(po, source.charset, error))
        if config.gettext_auto_build and source.is_outdated():
            # Sphinx compiles every outdated catalogue of locale_dirs when the
            # build starts, and would read this one again, reporting it a
            # second time (or writing what it could read of it): a .mo
            # without translations marks it as compiled until it is edited
            with contextlib.suppress(OSError), open(source.mo_path, "wb") as mo:
                write_mo(mo, Catalog())
        return False
    if source.is_outdated():
        try:
            source.write_mo(config.language, fuzzy)
        except OSError as error:
            _report(Path(source.mo_path), error, doing="write")
            return False
    return True


def _loads(path: Path) -> bool:
    """Whether gettext can use the compiled catalogue *path* (reported if not)."""
    try:
        with path.open("rb") as file:
            _probe(gettext.GNUTranslations(file))
    except CATALOGUE_FAULTS as error:
        _report(path, error)
        return False
    return True


def _probe(translations: gettext.NullTranslations) -> None:
    """Raise if the plural rule fails for a count a page may show (it may
    fail only for some numbers, such as ``1 / (n - 7)``)."""
    for n in range(1001):
        translations.ngettext("{n} note", "{n} notes", n)


def _line(po: Path, encoding: str, error: BaseException) -> int | None:
    """The line of *error* in *po*: babel's, or that of the first byte that
    is not in *encoding*."""
    if isinstance(error, UnicodeDecodeError):
        with contextlib.suppress(OSError):
            data = po.read_bytes()
            try:
                data.decode(encoding)
            except UnicodeDecodeError as first:
                return data[: first.start].count(b"\n") + 1
    line = getattr(error, "lineno", None)
    return line if isinstance(line, int) else None


def _report(
    path: Path, error: BaseException, line: int | None = None, doing: str = "read"
) -> None:
    warn(
        HubsWarning.config,
        f"cannot {doing} the label catalogue {path.name} "
        f"({type(error).__name__}: {error}); its translations are not used",
        location=f"{path}:{line or ''}",
    )


def _forget_compiled(path: Path) -> None:
    """Make gettext read *path* again.  The standard library keeps each
    ``.mo`` it has read, by path, for the life of the process; a catalogue
    compiled again after an edit would otherwise still show the old labels
    in a process that builds more than once."""
    kept: dict[Any, Any] = getattr(gettext, "_translations", {})
    kept.pop((gettext.GNUTranslations, os.path.abspath(path)), None)


def _stamp(srcdir: Path, config: Config) -> list[tuple[str, int]]:
    """The project's label catalogue files and when each last changed."""
    files: list[Path] = []
    for locale_dir in _repository(srcdir, config).locale_dirs:
        po = Path(_source(locale_dir, config).po_path)
        files += [po] if po.is_file() else []
        files += _compiled(locale_dir, config)
    return [(str(path), path.stat().st_mtime_ns) for path in files]


def catalogue_changed(app: Sphinx, env: BuildEnvironment) -> bool:
    """Whether the project's label catalogues changed since the last build
    (every page may show labels: then all are written again)."""
    stamp = _stamp(Path(app.srcdir), app.config)
    data = env.domaindata["hubs"]
    changed = bool(data.get("catalogues", stamp) != stamp)
    data["catalogues"] = stamp
    return changed


#: The labels' messages in the build's language, from Sphinx's translators.
_ = get_translation(CATALOG)


class Labels:
    """The labels in the build's language, with ``hubs_labels`` on top.

    The translations are Sphinx's (registered by
    :func:`register_catalogues`)."""

    def __init__(self, config: Config) -> None:
        self.overrides: dict[str, str] = config.hubs_labels

    def __call__(self, key: str, **fields: str) -> str:
        text = self.overrides.get(key)
        if text is None:
            text = str(_(key))
        for name, value in fields.items():
            text = text.replace("{" + name + "}", value)
        return text

    def default_section(self, config: Config) -> str:
        """``hubs_default_section``, translated while it is the default."""
        title: str = config.hubs_default_section
        return self("Notes") if title == "Notes" else title

    def count(self, singular: str, plural: str, n: int) -> str:
        """``"{n} note"`` / ``"{n} notes"`` with plural rules of the language."""
        key = singular if n == 1 else plural
        text = self.overrides.get(key)
        if text is None:
            text = get_translator(CATALOG).ngettext(singular, plural, n)
        return text.replace("{n}", str(n))
