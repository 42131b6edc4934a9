"""Labels follow the project's ``language``, through Sphinx's own locale
machinery; a project's catalogue wins over the package's; ``hubs_labels``
still wins over both."""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import DOCS, ROOTS, Built, heading, text_of
from sphinx.util.console import strip_colors

from sphinxext_hubs.config import CATALOG, LABELS, LOCALE_DIR

CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/sphinxext_hubs.po"))


def test_a_catalogue_ships_with_the_package():
    assert "de" in [path.parts[-3] for path in CATALOGS]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda path: path.parts[-3])
def test_catalogue_covers_every_label_and_is_compiled(po: Path):
    with po.open("rb") as stream:
        catalog = read_po(stream)
    ids: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            ids.update(message.id)
            assert all(message.string), message.id
        else:
            ids.add(message.id)
            assert message.string, message.id
    assert ids == set(LABELS)
    # the compiled .mo says the same as the .po
    with po.with_suffix(".mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for message in catalog:
        if isinstance(message.id, tuple):
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) == message.string[0]
            assert compiled.ngettext(singular, plural, 5) == message.string[1]
        elif message.id:
            assert compiled.gettext(message.id) == message.string


def test_german_labels(build):
    built = build("basic", language="de")
    page = built.html("hub")
    assert text_of(page.select_one(".hubs-back")) == "Alle Notizen"
    assert text_of(page.select_one(".hubs-stats")) == (
        "Themen-Hub · 4 verknüpfte Notizen · 2 Abschnitte"
    )
    assert text_of(page.select_one(".hubs-viewas-label")) == "Ansicht"
    assert [text_of(b) for b in page.select(".hubs-viewas-option")] == [
        "Karten",
        "Liste",
    ]
    assert text_of(page.select_one(".hubs-section-count")) == "3 Notizen"
    card = page.select_one(".hubs-card")
    assert text_of(card.select_one("a.hubs-read")) == "Lesen →"
    assert card.select_one("a.hubs-read")["aria-label"] == "Lesen: Alpha note"
    assert text_of(card.select_one("a.hubs-explore")) == "Verwandtes erkunden"
    tiny = built.html("tiny")
    assert text_of(tiny.select_one(".hubs-stats")) == (
        "Reading list · 1 verknüpfte Notiz · 1 Abschnitt"
    )
    related = built.html("notes/alpha").select_one(".hubs-related")
    assert heading(related.find("h2")) == "Verwandt"
    assert "Erscheint in" in text_of(related)
    card = built.html("hub").select_one(".hubs-card")
    assert text_of(built.html("hub").select_one(".hubs-badge-note")) == "Notiz"
    sub = built.html("hub").select_one(".hubs-card-hub")
    assert text_of(sub.select_one(".hubs-card-count")) == "2 Notizen"


def test_labels_override_translations(build):
    page = build("basic", language="de", hubs_labels={"Read →": "Weiter"}).html("hub")
    assert text_of(page.select_one("a.hubs-read")) == "Weiter"
    assert text_of(page.select_one("a.hubs-explore")) == "Verwandtes erkunden"


def test_default_section_title_is_translated(build):
    page = build("collect", language="de").html("hubs/plain")
    default = page.select_one("section#notes")
    assert heading(default.find("h2")) == "Notizen"
    toc = {text_of(a): a["href"] for a in page.select(".sphinxsidebar a")}
    assert toc.get("Notizen") == "#notes"


# -- the project's own catalogues (locale_dirs) ------------------------------

#: the example of the guide (guides/themes-and-formats.md)
FRENCH = (
    DOCS / "snippets/languages/locales/fr/LC_MESSAGES/sphinxext_hubs.po"
).read_text(encoding="utf-8")


def _with_catalogue(tmp_path, language: str, text: str, root: str = "basic"):
    src = tmp_path / "with-catalogue"
    shutil.copytree(ROOTS / f"test-{root}", src)
    po = src / "locales" / language / "LC_MESSAGES" / "sphinxext_hubs.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    return src, po


def test_a_catalogue_in_the_projects_locale_dirs_translates_labels(build, tmp_path):
    src, po = _with_catalogue(tmp_path, "fr", FRENCH)
    built = build("basic", src=src, language="fr")
    assert built.warnings == ""
    # compiled next to it, as Sphinx compiles the catalogues of locale_dirs
    with po.with_suffix(".mo").open("rb") as stream:
        assert gettext.GNUTranslations(stream).gettext("Read →") == "Lire →"
    page = built.html("hub")
    assert text_of(page.select_one(".hubs-back")) == "Toutes les notes"
    assert text_of(page.select_one(".hubs-section-count")) == "3 fiches"
    assert text_of(page.select_one("a.hubs-read")) == "Lire →"
    # what it does not translate stays English
    assert text_of(page.select_one(".hubs-viewas-label")) == "View as"
    assert text_of(page.select_one("a.hubs-explore")) == "Explore related"


def test_the_projects_catalogue_wins_over_the_packages(build, tmp_path):
    mine = FRENCH.replace("Lire →", "Öffnen →").replace("(n > 1)", "(n != 1)")
    src, _ = _with_catalogue(tmp_path, "de", mine)
    page = build("basic", src=src, language="de").html("hub")
    assert text_of(page.select_one("a.hubs-read")) == "Öffnen →"
    # the rest comes from the package's German catalogue
    assert text_of(page.select_one("a.hubs-explore")) == "Verwandtes erkunden"
    assert text_of(page.select_one(".hubs-viewas-label")) == "Ansicht"


def test_a_broken_catalogue_is_reported_and_left_out(build, tmp_path):
    src, po = _with_catalogue(tmp_path, "fr", FRENCH + '\nmsgid "Cards"\nbroken\n')
    built = build("basic", src=src, language="fr")
    # one warning, once (not once per page), of one line: the reason, not a
    # traceback
    (line,) = strip_colors(built.warnings).splitlines()
    assert re.fullmatch(
        re.escape(
            f"{po}:17: WARNING: cannot read the label catalogue sphinxext_hubs.po ("
        )
        + r"PoFileError: [^\n]+\); its translations are not used \[hubs\.config\]",
        line,
    ), line
    page = built.html("hub")
    reads = page.select("a.hubs-read")
    assert len(reads) == len(page.select(".hubs-card")) == 6  # every card drawn
    assert {text_of(read) for read in reads} == {"Read →"}


def test_editing_the_catalogue_rewrites_the_pages(build, tmp_path):
    src, po = _with_catalogue(tmp_path, "fr", FRENCH)
    first = build("basic", src=src, language="fr")
    assert text_of(first.html("hub").select_one("a.hubs-read")) == "Lire →"
    doctree = Path(first.app.doctreedir, "hub.doctree")
    read = doctree.stat().st_mtime_ns
    po.write_text(FRENCH.replace("Lire →", "Ouvrir →"), encoding="utf-8")
    stamp = po.stat().st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(stamp, stamp))
    second = build("basic", src=src, language="fr")
    assert doctree.stat().st_mtime_ns == read  # the hub was not read again
    assert text_of(second.html("hub").select_one("a.hubs-read")) == "Ouvrir →"
    assert "Ouvrir →" in text_of(second.html("tiny").select_one("a.hubs-read"))
    assert text_of(second.html("hub").select_one(".hubs-back")) == "Toutes les notes"


def test_the_first_of_the_locale_dirs_wins(build, tmp_path):
    src, _ = _with_catalogue(tmp_path, "fr", FRENCH)
    mine = src / "mine" / "fr" / "LC_MESSAGES" / "sphinxext_hubs.po"
    mine.parent.mkdir(parents=True)
    mine.write_text(PO_HEADER + '\nmsgid "Read →"\nmsgstr "Voir →"\n', encoding="utf-8")
    built = build("basic", src=src, language="fr", locale_dirs=["mine", "locales"])
    assert built.warnings == ""
    page = built.html("hub")
    assert text_of(page.select_one("a.hubs-read")) == "Voir →"
    # what the first does not translate comes from the next
    assert text_of(page.select_one(".hubs-back")) == "Toutes les notes"
    assert text_of(page.select_one(".hubs-viewas-label")) == "View as"


def test_a_po_with_bytes_not_in_source_encoding_is_reported_at_its_line(
    build, tmp_path
):
    text = FRENCH.replace("Toutes les notes", "Toutes les \udcff notes")
    src, po = _with_catalogue(tmp_path, "fr", "")
    po.write_bytes(text.encode("utf-8", "surrogateescape"))
    built = build("basic", src=src, language="fr")
    assert f"{po}:7: WARNING: cannot read the label catalogue sphinxext_hubs.po (" in (
        built.warnings
    )
    assert "UnicodeDecodeError" in built.warnings
    assert text_of(built.html("hub").select_one(".hubs-back")) == "All notes"


def test_sphinx_does_not_report_a_broken_catalogue_again(build, tmp_path):
    """Sphinx compiles every outdated ``.po`` of ``locale_dirs`` when the
    build starts; a broken label catalogue is reported once, by the
    extension, and its ``.mo`` holds no translations."""
    broken = FRENCH.replace("charset=UTF-8", "charset=nope")
    src, po = _with_catalogue(tmp_path, "fr", broken)
    for _ in range(2):
        built = build("basic", src=src, language="fr")
        lines = [line for line in built.warnings.splitlines() if line.strip()]
        assert len(lines) == 1, lines
        assert f"{po}:: WARNING: cannot read the label catalogue" in lines[0]
        assert "(LookupError: unknown encoding: nope)" in lines[0]
        assert text_of(built.html("hub").select_one("a.hubs-read")) == "Read →"
    with po.with_suffix(".mo").open("rb") as stream:
        assert gettext.GNUTranslations(stream).gettext("Read →") == "Read →"
    # mended, it is compiled and used again
    po.write_text(FRENCH, encoding="utf-8")
    stamp = po.stat().st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(stamp, stamp))
    mended = build("basic", src=src, language="fr")
    assert mended.warnings == ""
    assert text_of(mended.html("tiny").select_one("a.hubs-read")) == "Lire →"


# -- through Sphinx's locale machinery ---------------------------------------

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def _mo(messages: dict[str, str], locale: str = "de") -> bytes:
    catalog = Catalog(locale=locale)
    for key, text in messages.items():
        catalog.add(key, text)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()


def test_the_labels_are_sphinxs_translations(make_app, tmp_path):
    """The catalogue is registered with Sphinx, and the labels are what
    Sphinx's translation functions give: a catalogue a project registers
    itself (first, in its conf.py's setup) wins over the package's."""
    src = tmp_path / "registered"
    shutil.copytree(ROOTS / "test-basic", src)
    extra = tmp_path / "extra"
    mo = extra / "de" / "LC_MESSAGES" / "sphinxext_hubs.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(_mo({"View as": "Zeigen als"}))
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n\ndef setup(app):\n"
            f"    app.add_message_catalog('sphinxext_hubs', {str(extra)!r})\n"
        )
    app = make_app("html", srcdir=src, confoverrides={"language": "de"})
    app.build()
    _ = sphinx.locale.get_translation(CATALOG)
    assert _("View as") == "Zeigen als"
    assert _("Cards") == "Karten"  # the package's German catalogue, behind it
    plural = sphinx.locale.get_translator(CATALOG).ngettext
    assert plural("{n} note", "{n} notes", 3) == "{n} Notizen"
    page = Built(app).html("hub")
    assert text_of(page.select_one(".hubs-viewas-label")) == "Zeigen als"
    assert [text_of(b) for b in page.select(".hubs-viewas-option")] == [
        "Karten",
        "Liste",
    ]
    assert text_of(page.select_one(".hubs-section-count")) == "3 Notizen"


def _translations_kept(value: object) -> bool:
    """Whether *value* (a module's global) holds translations: itself, or
    in a container, or in an attribute of what a container holds."""
    if isinstance(value, type) or type(value).__name__ == "module":
        return False
    held = [value]
    if isinstance(value, dict):
        held += list(value.values())
    elif isinstance(value, (list, tuple, set)):
        held += list(value)
    for item in list(held):
        held += list(getattr(item, "__dict__", {}).values())
    return any(isinstance(item, gettext.NullTranslations) for item in held)


def test_no_catalogue_is_kept_between_builds(make_app, tmp_path):
    """Two builds in one process, each in its own language and with its own
    catalogue, each show their own labels: no module of the package keeps a
    catalogue, and a translator an earlier build left in Sphinx's registry
    is not used."""
    german = tmp_path / "german"
    shutil.copytree(ROOTS / "test-basic", german)
    first = make_app("html", srcdir=german, confoverrides={"language": "de"})
    first.build()
    assert text_of(Built(first).html("hub").select_one("a.hubs-read")) == "Lesen →"
    modules = [
        m for name, m in sys.modules.items() if name.startswith("sphinxext_hubs")
    ]
    kept = [
        f"{module.__name__}.{name}"
        for module in modules
        for name, value in vars(module).items()
        if _translations_kept(value)
    ]
    assert kept == []
    # SphinxTestApp.cleanup() empties Sphinx's registry; a process that
    # builds twice (sphinx.cmd.build.build_main called twice) does not
    left = dict(sphinx.locale.translators)
    first.cleanup()
    sphinx.locale.translators.update(left)
    french, _ = _with_catalogue(tmp_path, "fr", FRENCH)
    second = make_app("html", srcdir=french, confoverrides={"language": "fr"})
    second.build()
    page = Built(second).html("hub")
    assert text_of(page.select_one("a.hubs-read")) == "Lire →"
    assert text_of(page.select_one(".hubs-viewas-label")) == "View as"
    assert text_of(page.select_one("a.hubs-explore")) == "Explore related"
