"""The garden as JSON (``hubs_json``) and the orphan report (``hubs_orphans``).

The file is checked against its published JSON Schema, against what the
pages show (every hub's cards in order, the "Linked from" lists), and for
determinism (a clean build, a parallel one and an incremental one write the
same bytes); the how-to's script is run on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    DOCS,
    build_project,
    copy_project,
    heading,
    located_warnings,
    text_of,
)
from jsonschema import Draft202012Validator

from sphinxext_hubs.export import SCHEMA

SNIPPETS = DOCS / "snippets"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The backlinks guide's project, with a URL card and a page outside the
    note set on its hub."""
    src = copy_project(SNIPPETS / "backlinks", tmp_path_factory.mktemp("json") / "src")
    hub = (src / "caching.md").read_text(encoding="utf-8")
    (src / "caching.md").write_text(
        hub
        + "\n:::{section} Elsewhere\n"
        + "```{notecard} https://example.org/caching\n:title: A caching primer\n```\n"
        + "```{notecard} index\n```\n:::\n",
        encoding="utf-8",
    )
    return src


@pytest.fixture(scope="module")
def built(project):
    return build_project(project, project / "_build")


@pytest.fixture(scope="module")
def garden(built):
    return json.loads((built.outdir / "garden.json").read_text(encoding="utf-8"))


def test_the_build_is_clean(built):
    assert built.warnings == ""


def test_the_file_follows_its_schema(garden):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(garden))
    assert not errors, [error.message for error in errors]


def test_the_schema_is_published_with_the_docs():
    namespace: dict = {}
    exec((DOCS / "conf.py").read_text(encoding="utf-8"), namespace)
    assert namespace["html_extra_path"] == [str(SCHEMA)]
    reference = (DOCS / "reference/garden-json.md").read_text(encoding="utf-8")
    assert SCHEMA.name in reference


def test_every_note_and_hub(garden):
    notes = {note["docname"]: note for note in garden["notes"]}
    assert list(notes) == [
        "caching",
        "notes/invalidation",
        "notes/stampede",
        "notes/ttl",
        "notes/warming",
    ]
    ttl = notes["notes/ttl"]
    assert ttl["title"] == "Choosing a TTL"
    assert ttl["url"] == "notes/ttl.html"
    assert ttl["description"].startswith("How long a cached value may live")
    assert ttl["related"] == ["notes/invalidation"]
    assert ttl["hubs"] == ["caching"]
    assert ttl["backlinks"] == ["notes/invalidation", "notes/stampede"]
    assert notes["notes/stampede"]["links"] == ["notes/ttl"]
    assert notes["notes/warming"]["links"] == ["notes/stampede"]
    assert notes["caching"]["is_hub"] is True
    assert garden["project"] == "Caching notes"


def test_hub_sections_are_the_cards_the_page_shows(garden, built):
    (hub,) = garden["hubs"]
    page = built.html("caching")
    shown = [
        (
            heading(section.select_one("h2")),
            [text_of(title) for title in section.select(".hubs-card-title")],
        )
        for section in page.select("section.hubs-section")
    ]
    written = [
        (section["title"], [card["title"] for card in section["cards"]])
        for section in hub["sections"]
    ]
    assert written == shown
    primer, start = hub["sections"][1]["cards"]
    assert primer["docname"] is None
    assert primer["url"] == "https://example.org/caching"
    # a page outside the note set: on the card, not an edge
    assert start["docname"] == "index"
    assert not [e for e in garden["edges"] if e["target"] == "index"]


def test_every_edge(garden):
    edges = {(e["source"], e["target"], e["type"]) for e in garden["edges"]}
    assert {
        ("caching", "notes/ttl", "member"),
        ("notes/ttl", "notes/invalidation", "related"),
        ("notes/stampede", "notes/ttl", "link"),
        ("notes/invalidation", "notes/ttl", "link"),
        ("notes/warming", "notes/stampede", "link"),
    } <= edges
    assert [(e["source"], e["target"], e["type"]) for e in garden["edges"]] == sorted(
        edges
    )


def test_the_same_sources_give_the_same_bytes(built, project, tmp_path):
    text = (built.outdir / "garden.json").read_bytes()
    clean = build_project(project, tmp_path / "clean")
    assert (clean.outdir / "garden.json").read_bytes() == text
    parallel = build_project(project, tmp_path / "j2", app_options={"parallel": 2})
    assert (parallel.outdir / "garden.json").read_bytes() == text
    # a rebuild with nothing changed leaves the file alone
    before = (clean.outdir / "garden.json").stat().st_mtime_ns
    again = build_project(project, tmp_path / "clean")
    assert (again.outdir / "garden.json").stat().st_mtime_ns == before


def test_dirhtml_addresses(project, tmp_path):
    built = build_project(project, tmp_path / "dir", "dirhtml")
    garden = json.loads((built.outdir / "garden.json").read_text(encoding="utf-8"))
    urls = {note["docname"]: note["url"] for note in garden["notes"]}
    assert urls["notes/ttl"] == "notes/ttl/"


@pytest.mark.parametrize(
    ("builder", "conf"),
    [("html", {"hubs_json": ""}), ("epub", {}), ("text", {})],
)
def test_no_file(project, tmp_path, builder, conf):
    built = build_project(project, tmp_path / builder, builder, **conf)
    assert not list(built.outdir.rglob("*.json"))


def test_another_name(project, tmp_path):
    built = build_project(project, tmp_path / "named", hubs_json="data/notes.json")
    assert json.loads((built.outdir / "data/notes.json").read_text())["version"] == 1


def test_the_orphans_script_of_the_how_to(built):
    script = SNIPPETS / "garden-json/orphans.py"
    output = subprocess.run(
        [sys.executable, str(script), str(built.outdir / "garden.json")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert output == "notes/warming: Warming the cache\n"


def test_orphans_are_reported_when_asked(project, tmp_path):
    quiet = build_project(project, tmp_path / "quiet")
    assert "orphan" not in quiet.warnings
    built = build_project(project, tmp_path / "asked", hubs_orphans=True)
    assert located_warnings(built) == [
        (
            "notes/warming.md:1",
            "note 'notes/warming' is an orphan: no hub shows it and no note or "
            "hub links to it (name a hub in its front matter 'hubs:', or link to it)",
            "orphan",
        )
    ]


@pytest.mark.parametrize(
    "name", ["/tmp/garden.json", "../garden.json", "a/../../b.json"]
)
def test_a_name_outside_the_output_is_a_warning(project, tmp_path, name):
    built = build_project(project, tmp_path / "out", hubs_json=name)
    assert (
        "hubs_json must be a path inside the output folder; using the default "
        "'garden.json' [hubs.config]"
    ) in built.warnings
    assert (built.outdir / "garden.json").is_file()
    assert not list(tmp_path.glob("x.json")) and not Path("/tmp/x.json").exists()
