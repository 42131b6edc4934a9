"""Labels follow the project's ``language``; ``hubs_labels`` still wins."""

from __future__ import annotations

import gettext
import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import DOCS, ROOTS, text_of

from sphinxext_hubs.config import LABELS, LOCALE_DIR

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
    assert text_of(page.select_one(".hubs-back")) == "← Alle Notizen"
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
    assert text_of(related.select_one(".rubric")) == "Verwandt"
    assert "Erscheint in" in text_of(related)


def test_labels_override_translations(build):
    page = build("basic", language="de", hubs_labels={"Read →": "Weiter"}).html("hub")
    assert text_of(page.select_one("a.hubs-read")) == "Weiter"
    assert text_of(page.select_one("a.hubs-explore")) == "Verwandtes erkunden"


def test_default_section_title_is_translated(build):
    page = build("collect", language="de").html("hubs/plain")
    default = page.select_one("section#notes")
    assert text_of(default.find("h2")).rstrip("¶ ") == "Notizen"
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
    src, _ = _with_catalogue(tmp_path, "fr", FRENCH)
    built = build("basic", src=src, language="fr")
    assert built.warnings == ""
    page = built.html("hub")
    assert text_of(page.select_one(".hubs-back")) == "← Toutes les notes"
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
    warnings = built.warnings
    assert f"{po}:17: WARNING: cannot read the label catalogue sphinxext_hubs.po (" in (
        warnings
    )
    assert warnings.count("[hubs.config]") == 1  # once, not once per page
    assert "Traceback" not in warnings
    page = built.html("hub")
    reads = page.select("a.hubs-read")
    assert len(reads) == len(page.select(".hubs-card")) == 6  # every card drawn
    assert {text_of(read) for read in reads} == {"Read →"}


def test_editing_the_catalogue_rewrites_the_pages(build, tmp_path):
    src, po = _with_catalogue(tmp_path, "fr", FRENCH)
    first = build("basic", src=src, language="fr")
    assert text_of(first.html("hub").select_one("a.hubs-read")) == "Lire →"
    po.write_text(FRENCH.replace("Lire →", "Ouvrir →"), encoding="utf-8")
    stamp = po.stat().st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(stamp, stamp))
    second = build("basic", src=src, language="fr")
    assert text_of(second.html("hub").select_one("a.hubs-read")) == "Ouvrir →"
    assert "Ouvrir →" in text_of(second.html("tiny").select_one("a.hubs-read"))
