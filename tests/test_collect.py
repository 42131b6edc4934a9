"""Hubs that fill themselves: front-matter membership, filters, ordering,
the note set, the roles and the ``hubs`` domain (MyST and rST)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOTS, build_copy, build_project, copy_project, heading, text_of


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """One build of the collect project, read by the tests that do not
    change it."""
    return build_copy(ROOTS / "test-collect", tmp_path_factory.mktemp("collect"))


def sections(page):
    return {
        section["id"]: (
            text_of(section.select_one(".hubs-section-count")),
            [
                text_of(c.select_one(".hubs-card-title"))
                for c in section.select(".hubs-card")
            ],
        )
        for section in page.select("section.hubs-section")
    }


def test_every_way_in(collected):
    page = collected.html("hubs/garden")
    assert sections(page) == {
        # explicit card; zeta's own membership of this section adds nothing
        "curated": ("1 note", ["Zeta"]),
        # membership, absolute and relative paths, MyST and rST, a hub among
        # them; alpha names the section twice; secret is not a note; sorted
        # by title, descending, ignoring case
        "members": ("4 notes", ["Rst member", "Plain map", "beta", "Alpha"]),
        # tags (any of) AND glob, sorted by a field (missing last), limited
        "tagged": ("3 notes", ["Tee two", "Tee one", "Zeta"]),
        # glob from the source root, by docname descending
        "by-docname": ("2 notes", ["Bravo", "beta"]),
        # notes naming the hub without a section (or an unknown section)
        "everything-else": ("2 notes", ["Gamma", "Wrong note"]),
    }
    # a note in two sections counts once
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 10 linked notes · 5 sections"
    )


def test_field_sort_puts_missing_values_last(build):
    built = build("collect")
    src = built.srcdir / "hubs/garden.md"
    src.write_text(src.read_text().replace(":limit: 3", ":limit: 10"))
    page = build("collect", src=built.srcdir).html("hubs/garden")
    assert sections(page)["tagged"] == (
        "5 notes",
        ["Tee two", "Tee one", "Zeta", "Rst member", "Tee three"],
    )
    src.write_text(src.read_text().replace(":sort: date", ":sort: -date"))
    page = build("collect", src=built.srcdir).html("hubs/garden")
    assert sections(page)["tagged"][1] == [
        "Zeta",
        "Tee one",
        "Tee two",
        "Rst member",
        "Tee three",
    ]


def test_default_section_is_appended_and_listed_in_the_toc(collected):
    page = collected.html("hubs/plain")
    assert sections(page) == {
        "curated": ("1 note", ["Alpha"]),
        "sorted": ("1 note", ["Tee four"]),
        "notes": ("1 note", ["Gamma"]),
    }
    default = page.select_one("section#notes")
    assert heading(default.find("h2")) == "Notes"
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 3 linked notes · 3 sections"
    )
    toc = [a["href"] for a in page.select(".sphinxsidebar a")]
    assert toc.index("#sorted") < toc.index("#notes")


def test_default_section_title_is_configurable(build):
    page = build("collect", hubs_default_section="Other notes").html("hubs/plain")
    default = page.select_one("section#other-notes")
    assert heading(default.find("h2")) == "Other notes"


def test_rst_hub_collects(collected):
    page = collected.html("hubs/rsthub")
    assert sections(page) == {
        "watery": ("1 note", ["Zeta"]),
        "rest": ("2 notes", ["Tee two", "Rst member"]),
    }


def test_membership_shows_in_related_block(collected):
    related = collected.html("notes/beta").select_one(".hubs-related")
    assert [text_of(a) for a in related.select(".hubs-appears-in a")] == ["Garden map"]


def test_note_set_excludes_from_collection(build):
    page = build("collect", hubs_notes=["notes/t*"]).html("hubs/garden")
    shown = sections(page)
    assert shown["tagged"][1] == ["Tee two", "Tee one", "Tee three"]
    # a hub is always a note: its membership still counts
    assert shown["members"][1] == ["Plain map"]


def test_membership_of_the_appended_default_section_by_anchor(build):
    built = build("collect")
    (built.srcdir / "notes/late.md").write_text(
        "---\nhubs: [hubs/plain#notes]\n---\n# Late\n\nBody.\n"
    )
    rebuilt = build("collect", src=built.srcdir)
    assert "late.md" not in rebuilt.warnings
    assert sections(rebuilt.html("hubs/plain"))["notes"][1] == ["Gamma", "Late"]


def test_numbers_are_text_in_rst_field_lists(build):
    from sphinxext_hubs.data import HubsData

    built = build("rst")
    fern = built.srcdir / "notes/fern.rst"
    fern.write_text(fern.read_text().replace(":tags: shade, green", ":tags: 2024"))
    rebuilt = build("rst", src=built.srcdir)
    assert "[hubs." not in rebuilt.warnings
    assert HubsData(rebuilt.app.env).notes["notes/fern"].tags == ("2024",)


def test_hub_and_index_never_cards_of_their_own_hub(build):
    built = build("collect")
    hub = built.srcdir / "hubs/garden.md"
    hub.write_text(hub.read_text().replace(":glob: /notes/b*", ":glob: /*"))
    (built.srcdir / "index.md").write_text(
        "---\nhubs: [hubs/garden#by-docname]\n---\n"
        + (built.srcdir / "index.md").read_text()
    )
    page = build("collect", src=built.srcdir, hubs_index_docname="index").html(
        "hubs/garden"
    )
    titles = sections(page)["by-docname"][1]
    assert "Roles" in titles  # the glob matches top-level pages...
    assert "Collect garden" not in titles  # ...but never the all-notes page
    assert "Garden map" not in [t for s in sections(page).values() for t in s[1]]


MEMBERSHIP_WARNINGS = [
    ("notes/numbered.md:2", "metadata", "front matter 'hubs' must be a list, not 17"),
    ("notes/wrong.md:3", "metadata", "front matter 'tags' must be a list, not 17"),
    ("hubs/plain.md:2", "duplicate_card", "a hub cannot be a member of itself"),
    ("notes/wrong.md:2", "missing", "names 'hubs/nowhere', which is not a document"),
    ("notes/wrong.md:2", "section", "hub 'hubs/garden' has no section 'nope'"),
    ("notes/wrong.md:2", "missing", "names 'notes/alpha', which is not a hub"),
    ("hubs/plain.md:15", "option", "sorts by 'nosuchfield', but none of its notes"),
    ("roles.md:6", "missing", "{hub} target 'notes/alpha' is a page but not a hub"),
    ("roles.md:6", "missing", "{note} target 'notes/ghost' is not a document"),
]


def test_membership_and_role_warnings(collected):
    warnings = collected.warnings
    for location, subtype, message in MEMBERSHIP_WARNINGS:
        pattern = (
            f"{re.escape(location)}: WARNING: .*{re.escape(message)}"
            f".*\\[hubs\\.{subtype}\\]"
        )
        assert re.search(pattern, warnings), (location, message)
    assert len(re.findall(r"\[hubs\.", warnings)) == len(MEMBERSHIP_WARNINGS)


def test_yaml_string_for_a_list_warns_but_counts(build):
    built = build("collect")
    (built.srcdir / "notes/single.md").write_text(
        "---\nhubs: hubs/garden#members\n---\n# Single\n\nBody.\n"
    )
    rebuilt = build("collect", src=built.srcdir)
    assert (
        "front matter 'hubs' should be a list: write hubs: [hubs/garden#members]"
        in (rebuilt.warnings)
    )
    assert "Single" in sections(rebuilt.html("hubs/garden"))["members"][1]


def test_bad_section_options_warn(build):
    built = build("collect")
    hub = built.srcdir / "hubs/garden.md"
    hub.write_text(
        hub.read_text()
        .replace(":limit: 3", ":limit: none")
        .replace(":sort: -docname", ":sort: by docname")
        .replace(":::{section} Curated", ":::{section} Curated\n:default:")
    )
    rebuilt = build("collect", src=built.srcdir)
    warnings = rebuilt.warnings
    assert "section :limit: must be a whole number from 1 to 1000000, not 'none'" in (
        warnings
    )
    assert "section :sort: must be title, -title, docname" in warnings
    assert "is marked :default:, but 'Curated' already is" in warnings
    shown = sections(rebuilt.html("hubs/garden"))
    assert len(shown["tagged"][1]) == 5  # no limit
    assert shown["by-docname"][1] == ["beta", "Bravo"]  # by title
    assert shown["curated"][1] == ["Zeta", "Gamma", "Wrong note"]  # the first default


def test_roles(collected):
    page = collected.html("roles")
    links = [
        (text_of(a), a["href"], a.get("title"))
        for a in page.select("div.body a.reference")
    ]
    assert links == [
        ("Alpha", "notes/alpha.html", "Body of Alpha."),
        ("custom text", "notes/zeta.html", "Zeta note."),
        ("Garden map", "hubs/garden.html", "Map of the garden."),
        ("Bravo", "notes/bravo.html", "Bravo note."),
        ("beta", "notes/beta.html", "Body of beta."),
        ("Alpha", "notes/alpha.html", "Body of Alpha."),
    ]
    # an unknown target keeps its text, unlinked
    assert "notes/ghost" in text_of(page.select_one("div.body"))


def test_roles_in_rst(build):
    built = build("rst")
    (built.srcdir / "links.rst").write_text(
        "Links\n=====\n\n"
        ":note:`notes/fern`, :hub:`hub`, :note:`the moss <notes/moss>`.\n"
    )
    index = built.srcdir / "index.rst"
    index.write_text(index.read_text() + "   links\n")
    page = build("rst", src=built.srcdir).html("links")
    assert [(text_of(a), a["href"]) for a in page.select("div.body a.reference")] == [
        ("Fern", "notes/fern.html"),
        ("Field guide", "hub.html"),
        ("the moss", "notes/moss.html"),
    ]


def test_notes_and_hubs_are_in_the_inventory(collected):
    from sphinx.util.inventory import InventoryFile

    with open(collected.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(
            stream, "https://example.org/garden", lambda *a: "/".join(a)
        )
    data = inventory.data if hasattr(inventory, "data") else inventory
    hubs = data["hubs:hub"]
    notes = data["hubs:note"]
    assert set(hubs) == {"hubs/garden", "hubs/plain", "hubs/rsthub"}
    assert "notes/alpha" in notes
    assert "notes/secret" not in notes  # excluded from the note set
    entry = hubs["hubs/garden"]
    uri = entry.uri if hasattr(entry, "uri") else entry[2]
    assert uri == "https://example.org/garden/hubs/garden.html"


def test_the_search_lists_a_note_once(tmp_path):
    """Sphinx's search finds a note by its title; its inventory entry is
    not a search result of its own (as a label's is not)."""
    src = copy_project(ROOTS / "test-collect", tmp_path / "src")
    built = build_project(src, src / "_build", search=True)
    script = built.text("searchindex.js")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert "Alpha" in index["titles"]
    names = [entry[4] for entries in index["objects"].values() for entry in entries]
    assert "Alpha" not in names, names
    assert "hubs" not in json.dumps(index["objtypes"]), index["objtypes"]


def test_other_projects_link_with_intersphinx(build, collected, tmp_path):
    garden = collected
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.intersphinx", "sphinxext_hubs"]\n'
        "intersphinx_mapping = {'garden': ('https://example.org/garden/', "
        f"{str(garden.outdir / 'objects.inv')!r})}}\n"
    )
    (other / "index.md").write_text(
        "# Elsewhere\n\n"
        "{note}`garden:notes/alpha`, {hub}`garden:hubs/garden` and "
        "{external+garden:hubs:note}`notes/zeta`.\n"
    )
    built = build(other, src=other)
    links = [
        (text_of(a), a["href"])
        for a in built.html("index").select("div.body a.reference")
    ]
    assert links == [
        ("Alpha", "https://example.org/garden/notes/alpha.html"),
        ("Garden map", "https://example.org/garden/hubs/garden.html"),
        ("Zeta", "https://example.org/garden/notes/zeta.html"),
    ]
    assert "hubs." not in built.warnings
    (other / "index.md").write_text(
        "# Elsewhere\n\n{note}`garden:notes/nothing` "
        "{external+garden:hubs:note}`notes/void`\n"
    )
    rebuilt = build(other, src=other)
    assert (
        "{note} target 'garden:notes/nothing' is not in this project or in the "
        "intersphinx inventories"
    ) in rebuilt.warnings
    assert "notes/void" in rebuilt.warnings  # intersphinx's own warning


def test_warnings_that_depend_on_other_pages_repeat_on_rebuilds(build):
    first = build("collect")
    second = build("collect", src=first.srcdir)  # nothing changed
    for location, _subtype, message in MEMBERSHIP_WARNINGS:
        if location.startswith(("roles.md", "notes/wrong.md:2", "hubs/plain.md:15")):
            assert message in second.warnings, message
