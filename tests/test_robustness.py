"""Hostile input, one case at a time: typos that must not stop a build,
structures whose counts must equal what is shown, path forms, anchors,
excerpts and warning locations.  The systematic versions of these cases
are in ``test_matrix.py``."""

from __future__ import annotations

import gettext
import io

import myst_parser
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import check_counts, heading, located_warnings, text_of, write_project

HUB = "# Hub\n\n```{hub}\n```\n\n"
NOTES = {
    "notes/a.md": "---\ndescription: About A.\n---\n# Ay\n\nBody a.\n",
    "notes/b.md": "---\ndescription: About B.\n---\n# Bee\n\nBody b.\n",
    "notes/c.md": "---\ndescription: About C.\n---\n# Sea\n\nBody c.\n",
}


@pytest.fixture
def project(build, tmp_path):
    """``project(files, builder="html", **conf)``: write and build a project
    of the notes above plus *files*."""
    counter = iter(range(100))

    def _project(files, builder="html", **conf):
        root = write_project(tmp_path / f"p{next(counter)}", {**NOTES, **files})
        return build(None, builder, src=root, **conf)

    return _project


def cards_of(section):
    return [text_of(card.select_one(".hubs-card-title")) for card in section]


def section_titles(page):
    return {
        section["id"]: [
            text_of(card.select_one(".hubs-card-title"))
            for card in section.select(".hubs-card")
        ]
        for section in page.select("section.hubs-section")
    }


# -- 1-4: a typo never stops the build -------------------------------------


def test_a_glob_that_cannot_be_read_is_left_out(project):
    built = project(
        {
            "hub.md": HUB + ":::{section} S\n:glob: notes/[b-a]* notes/a\n:::\n",
            "conf.py": 'hubs_notes = ["notes/[z-a]*", "**"]\n'
            'hubs_exclude = ["notes/[9-0]", "notes/c"]\n',
        }
    )
    assert (
        "conf.py:4",
        "hubs_notes has a glob that cannot be read, "
        "'notes/[z-a]*' (bad character range z-a at position 7); it is left "
        "out",
        "config",
    ) in located_warnings(built)
    assert (
        "conf.py:5",
        "hubs_exclude has a glob that cannot be read, 'notes/[9-0]' "
        "(bad character range 9-0 at position 7); it is left out",
        "config",
    ) in located_warnings(built)
    assert (
        "hub.md:6",
        "section :glob: 'notes/[b-a]*' cannot be read (bad "
        "character range b-a at position 7); it is left out",
        "option",
    ) in located_warnings(built)
    # the good globs still work
    assert section_titles(built.html("hub")) == {"s": ["Ay"]}
    index = built.html("notes-index")
    assert "Bee" in index.get_text()
    assert "Sea" not in index.get_text()


def test_a_source_encoding_other_than_utf8(project, monkeypatch):
    from sphinxext_hubs import frontmatter

    calls = []
    original = frontmatter.source_line

    def counting(*args):
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(frontmatter, "source_line", counting)
    built = project(
        {
            "conf.py": 'source_encoding = "latin-1"\n',
            "hub.md": HUB,
            "notes/cafe.md": "---\ndescription: Crème brûlée.\nhubs: [hub]\n---\n"
            "# Café\n".encode("latin-1"),
            "notes/tea.md": "---\ntags: [thé]\n\nhubs: [nowhere]\n---\n# Thé\n".encode(
                "latin-1"
            ),
        }
    )
    # the line is found in the file as Sphinx reads it, and only for a warning
    assert located_warnings(built) == [
        (
            "notes/tea.md:4",
            "front matter 'hubs' names 'nowhere', which is not a document of this "
            "project",
            "missing",
        )
    ]
    assert len(calls) == 1
    page = built.html("hub")
    assert section_titles(page) == {"notes": ["Café"]}
    assert "Crème brûlée." in page.get_text()


def test_label_keys_of_any_type(project):
    built = project(
        {
            "conf.py": 'hubs_labels = {1: "x", None: "y", "Notes": "Cards"}\n',
            "hub.md": HUB,
            "notes/a.md": "---\nhubs: [hub]\n---\n# Ay\n",
        }
    )
    warnings = located_warnings(built)
    assert [w[0] for w in warnings] == ["conf.py:4", "conf.py:4"]
    assert "hubs_labels has an unknown key 1 (known:" in warnings[0][1]
    assert "hubs_labels has an unknown key None (known:" in warnings[1][1]
    assert list(section_titles(built.html("hub"))) == ["notes"]
    assert text_of(built.html("hub").select_one("#notes h2")).startswith("Cards")


def _mo() -> bytes:
    catalog = Catalog(locale="fr")
    catalog.add("View as", "Afficher en")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("sphinxext_hubs.mo", _mo()[:30], "error: unpack requires a buffer"),
        (
            "sphinxext_hubs.po",
            b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE\\n"\n\n'
            b'msgid "View as"\nmsgstr "Afficher en"\n',
            "LookupError: unknown encoding: nope",
        ),
    ],
)
def test_a_broken_catalogue_is_reported_at_its_file(project, name, content, problem):
    built = project(
        {
            "conf.py": 'language = "fr"\nlocale_dirs = ["locales"]\n',
            "hub.md": HUB + ":::{section} S\n```{notecard} notes/a\n```\n:::\n",
            f"locales/fr/LC_MESSAGES/{name}": content,
        }
    )
    warnings = [w for w in located_warnings(built) if w[2] == "config"]
    assert len(warnings) == 1
    where, message, _ = warnings[0]
    assert where == f"locales/fr/LC_MESSAGES/{name}:"
    assert f"cannot read the label catalogue {name} ({problem}" in message
    # the labels fall back to English
    assert text_of(built.html("hub").select_one(".hubs-viewas-label")) == "View as"


def test_a_good_mo_still_translates(project):
    """The counterpart of the broken catalogues above."""
    catalogue = gettext.GNUTranslations(io.BytesIO(_mo()))
    assert catalogue.gettext("View as") == "Afficher en"
    built = project(
        {
            "conf.py": 'language = "fr"\nlocale_dirs = ["locales"]\n',
            "hub.md": HUB + ":::{section} S\n```{notecard} notes/a\n```\n:::\n",
            "locales/fr/LC_MESSAGES/sphinxext_hubs.mo": _mo(),
        }
    )
    assert located_warnings(built) == []
    assert text_of(built.html("hub").select_one(".hubs-viewas-label")) == (
        "Afficher en"
    )


# -- 5-8: counts equal what is shown ---------------------------------------

ONLY_HUB = HUB + (
    ":::{section} Everywhere\n```{notecard} notes/a\n```\n:::\n\n"
    "::::{only} not html\n:::{section} In print\n:default:\n"
    "```{notecard} notes/b\n```\n:::\n::::\n"
)


def test_sections_inside_only(project):
    files = {"hub.md": ONLY_HUB, "notes/c.md": "---\nhubs: [hub]\n---\n# Sea\n"}
    built = project(files)
    page = built.html("hub")
    check_counts(page)
    # HTML drops "In print": not counted, and the member goes to "Notes"
    assert section_titles(page) == {"everywhere": ["Ay"], "notes": ["Sea"]}
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 2 linked notes · 2 sections"
    )
    text = project(files, "text").text("hub.txt")
    # a builder that keeps it shows it, with the member in it
    assert "In print" in text
    assert text.index("Bee") < text.index("Sea")
    assert "\nNotes\n" not in text


def test_cards_inside_containers_of_a_section_count_in_it(project):
    built = project(
        {
            "hub.md": HUB + "::::::{section} S\n```{notecard} notes/a\n```\n"
            "::::{dropdown} More\n```{notecard} notes/b\n```\n::::\n"
            ":::{tip}\n```{notecard} notes/c\n```\n:::\n"
            "::::{only} html\n```{notecard} notes-index\n```\n::::\n"
            "::::{only} latex\n```{notecard} hub2\n```\n::::\n"
            "::::::\n",
            "hub2.md": "# Hub two\n\n```{hub}\n```\n",
        }
    )
    page = built.html("hub")
    check_counts(page)
    section = page.select_one("section#s")
    assert text_of(section.select_one(".hubs-section-count")) == "4 notes"
    assert cards_of(section.select(".hubs-grid .hubs-card")) == ["Ay"]
    assert cards_of(section.select("details .hubs-card")) == ["Bee"]
    assert cards_of(section.select(".admonition.tip .hubs-card")) == ["Sea"]
    assert "Hub two" not in section.get_text()
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 4 linked notes · 1 section"
    )


def test_a_section_inside_a_card_is_moved_out(project):
    built = project(
        {
            "hub.md": HUB + "::::{section} Outer\n:::{notecard} notes/a\n"
            "```{section} Inner\n:default:\n```\n:::\n::::\n",
            "notes/b.md": "---\nhubs: [hub]\n---\n# Bee\n",
        }
    )
    assert located_warnings(built) == [
        (
            "hub.md:9",
            "a 'section' directive cannot be inside a notecard's body; it is moved "
            "right after it",
            "nesting",
        )
    ]
    page = built.html("hub")
    check_counts(page)
    assert section_titles(page) == {"outer": ["Ay"], "inner": ["Bee"]}


def test_a_card_inside_a_card_in_a_section(project):
    built = project(
        {
            "hub.md": HUB + "::::{section} S\n:::{notecard} notes/a\nOwn text.\n"
            "```{notecard} notes/b\n```\n:::\n::::\n",
        }
    )
    assert [w[2] for w in located_warnings(built)] == ["nesting"]
    page = built.html("hub")
    check_counts(page)
    assert section_titles(page) == {"s": ["Ay", "Bee"]}


# -- 9-14: paths, anchors, text, locations ----------------------------------


def test_included_content_is_reported_at_the_included_file(project):
    part = (
        "Intro.\n\n```{notecard} notes/nowhere\n```\n\n"
        "```{notecard} notes/a\n:bogus: 1\n```\n\nSee {note}`notes/ghost`.\n"
    )
    rst_part = (
        "Intro.\n\n.. notecard:: notes/nowhere\n\n.. notecard:: notes/a\n"
        "   :bogus: 1\n\nSee :note:`notes/ghost`.\n"
    )
    built = project(
        {
            "hub.md": HUB
            + "\n\n\n:::{section} S\n```{include} parts/inc.md\n```\n:::\n",
            "parts/inc.md": part,
            "rst.rst": "Rst hub\n=======\n\n.. hub::\n\n\n\n.. section:: S\n\n"
            "   .. include:: parts/inc.rst\n",
            "parts/inc.rst": rst_part,
            "plain.md": "# Plain\n\n```{include} parts/inc.md\n```\n",
        }
    )
    where = sorted({(w[0], w[2]) for w in located_warnings(built)})
    # myst-parser 4 numbers the lines of an included file from one past them
    shift = int(int(myst_parser.__version__.split(".")[0]) < 5)
    assert where == [
        (f"parts/inc.md:{10 + shift}", "missing"),
        (f"parts/inc.md:{3 + shift}", "missing"),
        (f"parts/inc.md:{6 + shift}", "option"),
        ("parts/inc.rst:3", "missing"),
        ("parts/inc.rst:5", "option"),
        ("parts/inc.rst:8", "missing"),
    ]
    check_counts(built.html("hub"))
    check_counts(built.html("rst"))


@pytest.mark.parametrize(
    ("target", "named"),
    [("/", "/"), (".", "."), ("./", "./"), ("..", ".."), ("/notes/", "notes")],
)
def test_a_target_that_names_no_document_is_reported(project, target, named):
    built = project(
        {"hub.md": HUB + f":::{{section}} S\n```{{notecard}} {target}\n```\n:::\n"}
    )
    assert (
        "hub.md:7",
        f"notecard target {named!r} is not a document of this project; the card "
        "is shown without a link",
        "missing",
    ) in located_warnings(built)
    page = built.html("hub")
    card = page.select_one(".hubs-card")
    assert "hubs-card-missing" in card["class"]
    assert text_of(card.select_one(".hubs-card-title")) == named
    check_counts(page)


@pytest.mark.parametrize("form", ["/notes/./a", "/notes//a", "/notes/../notes/a"])
def test_targets_are_named_as_the_doc_role_names_them(project, form):
    built = project(
        {
            "hub.md": HUB + f":::{{section}} S\n```{{notecard}} {form}\n```\n:::\n\n"
            f"{{note}}`{form}` and {{doc}}`{form}`\n",
        }
    )
    assert located_warnings(built) == []
    page = built.html("hub")
    assert page.select_one(".hubs-card-title a")["href"] == "notes/a.html"
    links = page.select("p a.reference")
    assert [a["href"] for a in links[-2:]] == ["notes/a.html", "notes/a.html"]


def test_the_related_block_has_an_id_no_heading_takes(project):
    built = project(
        {
            "hub.md": HUB + ":::{section} Related\n```{notecard} notes/a\n```\n:::\n",
            "notes/a.md": "---\nhubs: [hub]\nrelated: [notes/b]\n---\n# Ay\n\n"
            "Body.\n\n## Related\n\nMine.\n\n(hubs-related)=\n## Hubs related\n\n"
            "Also mine.\n",
            "notes/b.md": "# Bee\n\nBody.\n",
        }
    )
    for docname in ("hub", "notes/a"):
        ids = [tag["id"] for tag in built.html(docname).select("[id]")]
        assert len(ids) == len(set(ids)), docname
    explore = built.html("hub").select_one("a.hubs-explore")["href"]
    assert explore.startswith("notes/a.html#")
    anchor = explore.split("#")[1]
    # not the ids the page's own headings take
    assert anchor not in ("related", "hubs-related")
    target = built.html("notes/a").find(id=anchor)
    assert target.name == "section" and "hubs-related" in target["class"]
    assert heading(target.find("h2")) == "Related"


def test_explore_related_only_where_it_leads_somewhere(project):
    """A card's "Explore related" leads to the Related block of its note
    only when that block lists more than the page the card is on."""
    built = project(
        {
            "hub.md": HUB + ":::{section} S\n```{notecard} notes/a\n```\n"
            "```{notecard} notes/b\n```\n```{notecard} notes/c\n```\n:::\n",
            "other.md": "# Other\n\n```{hub}\n```\n\n:::{section} S\n"
            "```{notecard} notes/c\n```\n:::\n",
            # on this hub only: its block would list this hub alone
            "notes/a.md": "# Ay\n\nBody.\n",
            # a related note too
            "notes/b.md": "---\nrelated: [notes/a]\n---\n# Bee\n\nBody.\n",
            # on another hub too
            "notes/c.md": "# Cee\n\nBody.\n",
        }
    )
    page = built.html("hub")
    explore = {
        text_of(card.select_one(".hubs-card-title")): card.select_one(".hubs-explore")
        for card in page.select(".hubs-card")
    }
    assert explore["Ay"] is None
    assert explore["Bee"]["href"] == "notes/b.html#hubs-related"
    assert explore["Cee"]["href"] == "notes/c.html#hubs-related"
    # the note's own page still has its block
    assert built.html("notes/a").select_one("section.hubs-related") is not None


def test_an_excerpt_shows_link_titles_as_the_page_does(project, build):
    files = {
        "hub.md": HUB + ":::{section} S\n```{notecard} notes/a\n```\n:::\n",
        "notes/a.md": "# Ay\n\nSee {note}`/notes/b` today, {doc}`c`, "
        "[](/notes/c.md) and {note}`the third <c>`.\n",
    }
    built = project(files)
    description = built.html("hub").select_one(".hubs-card-description")
    assert text_of(description) == "See Bee today, Sea, Sea and the third."
    # the same words as on the page itself
    paragraph = built.html("notes/a").select_one("section p").get_text()
    assert " ".join(paragraph.split()) == text_of(description)
    # a new title of b reaches a's card on the next incremental build
    (built.srcdir / "notes/b.md").write_text("# Bumblebee\n\nBody b.\n")
    again = build(None, src=built.srcdir)
    assert text_of(again.html("hub").select_one(".hubs-card-description")) == (
        "See Bumblebee today, Sea, Sea and the third."
    )


def test_configuration_warnings_point_at_conf_py(project):
    built = project(
        {
            "conf.py": "\n\nhubs_columns = 9\nhubs_skip = ['nowhere']\n",
            "hub.md": HUB + ":::{section} S\n```{notecard} notes/a\n```\n:::\n",
        }
    )
    warnings = located_warnings(built)
    assert (
        "conf.py:6",
        "hubs_columns must be between 1 and 6; using the default 2",
        "config",
    ) in warnings
    assert [w[0] for w in warnings if "hubs_skip" in w[1]] == ["conf.py:7"]
    # a value set with -D (or left at its default) points at conf.py, no line
    again = project({"hub.md": HUB}, hubs_columns=0)
    assert [w[0] for w in located_warnings(again) if "hubs_columns" in w[1]] == [
        "conf.py:"
    ]
