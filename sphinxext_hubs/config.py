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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from sphinx.util.matching import compile_matchers

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
        "hubs_index_docname",
        "notes-index",
        (str,),
        "Docname of the all-notes page; every \u201c\u2190 All notes\u201d link "
        "points to it. An empty string turns the page and the links off.",
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
    "{n} note": "Section count and the all-notes page's note count, singular.",
    "{n} notes": "Section count and the all-notes page's note count, plural.",
    "{n} linked note": "Stats line, singular.",
    "{n} linked notes": "Stats line, plural.",
    "{n} section": "Stats line, singular.",
    "{n} sections": "Stats line, plural.",
    "{n} hub": "All-notes page count, singular.",
    "{n} hubs": "All-notes page count, plural.",
}


def register(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            "env",
            types=value.types,
            description=value.description,
        )
    app.connect("config-inited", validate)
    # read the catalogues once, before any parallel worker starts, so that a
    # broken one is reported once
    app.connect("builder-inited", lambda app: load_catalogue(app.config, app.srcdir))


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
    for name in ("hubs_default_kind", "hubs_default_section"):
        if not " ".join(getattr(config, name).split()):
            _reset(app, _value(name), "must not be empty")
    _check_index(app, config)
    for name in ("hubs_notes", "hubs_exclude"):
        _check_globs(app, config, name)
    _check_labels(app, config)


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


def _project_files(srcdir: Path, config: Config) -> Iterator[Path]:
    """The project's own label catalogues for the build's language, in the
    order of ``locale_dirs``: ``<dir>/<lang>/LC_MESSAGES/sphinxext_hubs.po``
    (or ``.mo``), then the same for the language without its region."""
    language: str = config.language or "en"
    languages = [language] + ([language.split("_")[0]] if "_" in language else [])
    for directory in config.locale_dirs:
        for lang in languages:
            folder = srcdir / directory / lang / "LC_MESSAGES"
            for path in (folder / f"{CATALOG}.po", folder / f"{CATALOG}.mo"):
                if path.is_file():
                    yield path
                    break


#: What a broken catalogue file raises while it is read or compiled: a
#: truncated or foreign ``.mo`` (struct.error, OSError), an unknown charset
#: (LookupError), bytes that are not in its charset or a plural rule that
#: cannot be read (ValueError), a ``.po`` babel cannot parse (PoFileError).
CATALOGUE_FAULTS = (OSError, ValueError, LookupError, struct.error, PoFileError)


def _read(path: Path, fuzzy: bool) -> gettext.NullTranslations | None:
    """A catalogue file as translations: a ``.po`` is compiled in memory.
    A file that cannot be used is reported at its path (and line, when
    known) and left out, so the labels fall back to the next catalogue."""
    try:
        with path.open("rb") as file:
            if path.suffix == ".mo":
                translations = gettext.GNUTranslations(file)
            else:
                # babel prints each problem before raising; the warning says it
                with contextlib.redirect_stdout(io.StringIO()):
                    messages = read_po(file, abort_invalid=True)
                compiled = io.BytesIO()
                write_mo(compiled, messages, use_fuzzy=fuzzy)
                compiled.seek(0)
                translations = gettext.GNUTranslations(compiled)
        # a plural rule may fail only for some numbers (``n / (n - 7)``)
        for n in range(1001):
            translations.ngettext("{n} note", "{n} notes", n)
    except (*CATALOGUE_FAULTS, ArithmeticError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        warn(
            HubsWarning.config,
            f"cannot read the label catalogue {path.name} "
            f"({type(error).__name__}: {error}); its translations are not used",
            location=f"{path}:{line or ''}",
        )
        return None
    return translations


@dataclass(frozen=True)
class _Catalogue:
    #: the project's catalogue files and when each last changed
    stamp: list[tuple[str, int]]
    language: str
    fuzzy: bool
    translations: gettext.NullTranslations


#: The labels' translations of each project (by source folder), read once per
#: build at ``builder-inited``, so that drawing a page reads no file.
_CATALOGUES: dict[str, _Catalogue] = {}


def load_catalogue(config: Config, srcdir: str | os.PathLike[str]) -> _Catalogue:
    """Read the labels' translations: the project's own catalogues (in its
    ``locale_dirs``) first, then the one shipped with the package.  Files are
    read again only when one of them changed."""
    files = list(_project_files(Path(srcdir), config))
    stamp = [(str(path), path.stat().st_mtime_ns) for path in files]
    language: str = config.language or "en"
    fuzzy = bool(config.gettext_allow_fuzzy_translations)
    known = _CATALOGUES.get(str(srcdir))
    if known and (known.stamp, known.language, known.fuzzy) == (stamp, language, fuzzy):
        return known
    chain = [found for path in files if (found := _read(path, fuzzy))]
    chain.append(gettext.translation(CATALOG, LOCALE_DIR, [language], fallback=True))
    for translations in chain[1:]:
        chain[0].add_fallback(translations)
    _CATALOGUES[str(srcdir)] = _Catalogue(stamp, language, fuzzy, chain[0])
    return _CATALOGUES[str(srcdir)]


def catalogue(
    config: Config, srcdir: str | os.PathLike[str]
) -> gettext.NullTranslations:
    """The labels' translations of this build (see :func:`load_catalogue`)."""
    known = _CATALOGUES.get(str(srcdir))
    if known is None or known.language != (config.language or "en"):
        known = load_catalogue(config, srcdir)
    return known.translations


def catalogue_changed(app: Sphinx, env: BuildEnvironment) -> bool:
    """Whether the project's label catalogues changed since the last build
    (every page may show labels: then all are written again)."""
    stamp = load_catalogue(app.config, app.srcdir).stamp
    data = env.domaindata["hubs"]
    changed = bool(data.get("catalogues", stamp) != stamp)
    data["catalogues"] = stamp
    return changed


class Labels:
    """The labels in the build's language, with ``hubs_labels`` on top."""

    def __init__(self, config: Config, srcdir: str | os.PathLike[str]) -> None:
        self.overrides: dict[str, str] = config.hubs_labels
        self.translations = catalogue(config, srcdir)

    def __call__(self, key: str, **fields: str) -> str:
        text = self.overrides.get(key)
        if text is None:
            text = self.translations.gettext(key)
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
            text = self.translations.ngettext(singular, plural, n)
        return text.replace("{n}", str(n))
