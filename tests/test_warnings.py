"""Every bad input gives a ``hubs.<subtype>`` warning at file:line, never a
traceback, and the rest of the page still renders."""

from __future__ import annotations

import re

import pytest
from conftest import ROOTS, build_copy, heading, text_of
from sphinx.errors import SphinxError

EXPECTED = [
    ("hub.md", 3, "option", "hub :view: must be 'cards' or 'list', not 'sideways'"),
    (
        "hub.md",
        20,
        "option",
        "notecard for the URL 'https://example.org' needs a :title:",
    ),
    ("hub.md", 30, "option", "section :columns: must be a whole number from 1 to 6"),
    ("hub.md", 9, "duplicate_hub", "this second 'hub' directive is ignored"),
    ("hub.md", 30, "duplicate_title", "section title 'Cards' is used twice"),
    ("plain.md", 3, "section", "section 'Stray section' is outside a hub page"),
    (
        "plain.md",
        12,
        "nesting",
        "a 'notecard' directive cannot be inside a notecard's body; it is moved",
    ),
    ("hub.md", 14, "missing", "notecard target 'notes/nowhere' is not a document"),
    (
        "hub.md",
        18,
        "missing",
        "notecard target 'javascript:alert(1)' is not a document",
    ),
    ("hub.md", 24, "duplicate_card", "'notes/good' is already a card of section"),
    ("hub.md", 26, "duplicate_card", "a hub cannot be a card of itself"),
    ("hub.md", 36, "empty", "section 'Nothing here' has no cards"),
    ("notes/bad.md", 4, "metadata", "front matter 'description' must be text"),
    ("notes/bad.md", 3, "metadata", "front matter 'tags' must be a list of strings"),
    ("notes/bad.md", 5, "missing", "related note 'notes/ghost' is not a document"),
    # hubs_orphans = True: no hub shows it, nothing links to it
    ("plain.md", 1, "orphan", "note 'plain' is an orphan: no hub shows it"),
]


@pytest.fixture(scope="module")
def troubled(tmp_path_factory):
    """One build of the project of mistakes, read by several tests."""
    return build_copy(ROOTS / "test-warnings", tmp_path_factory.mktemp("warnings"))


def test_each_mistake_is_reported_at_its_line(troubled):
    warnings = troubled.warnings
    for path, line, subtype, message in EXPECTED:
        pattern = (
            re.escape(f"{path}:{line}: WARNING: ")
            + ".*"
            + re.escape(message)
            + ".*"
            + re.escape(f"[hubs.{subtype}]")
        )
        assert re.search(pattern, warnings), (path, line, subtype, message)
    assert len(re.findall(r"\[hubs\.", warnings)) == len(EXPECTED)


def test_the_rest_of_the_hub_still_renders(troubled):
    page = troubled.html("hub")
    hubs = page.select(".hubs-hub")
    assert len(hubs) == 1  # the second hub is ignored
    assert "hubs-view-cards" in hubs[0]["class"]  # bad :view: falls back
    sections = page.select("section.hubs-section")
    assert [s["id"] for s in sections] == ["cards", "cards-1", "nothing-here"]
    cards = sections[0].select(".hubs-card")
    titles = [text_of(card.select_one(".hubs-card-title")) for card in cards]
    # the missing note keeps its title and description, without links
    assert titles == [
        "Lost note",
        "javascript:alert(1)",
        "https://example.org",
        "Good note",
    ]
    lost = cards[0]
    assert "hubs-card-missing" in lost["class"]
    assert lost.select("a") == []
    assert text_of(lost.select_one(".hubs-card-description")) == (
        "Its text is still shown."
    )
    assert not page.select('a[href^="javascript:"]')
    assert text_of(sections[0].select_one(".hubs-section-count")) == "4 notes"
    assert text_of(sections[2].select_one(".hubs-section-count")) == "0 notes"
    assert sections[2].select_one(".hubs-grid") is None
    # bad :columns: falls back to the default
    assert "sd-row-cols-lg-2" in sections[1].select_one(".sd-row")["class"]
    # missing and external cards are not linked notes; good is counted once
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 1 linked note · 3 sections"
    )


def test_stray_section_renders_nothing(troubled):
    page = troubled.html("plain")
    assert page.select(".hubs-section") == []
    assert "Stray section" not in page.get_text()
    assert "Text after the stray section." in page.get_text()


def test_bad_metadata_keeps_the_note(troubled):
    page = troubled.html("notes/bad")
    assert page.select_one("h1").get_text().startswith("Bad metadata note")
    assert "Body of the bad note." in page.get_text()


def test_warnings_can_be_suppressed_per_subtype(build):
    built = build(
        "warnings",
        suppress_warnings=["hubs.option", "hubs.missing", "hubs.duplicate_card"],
    )
    warnings = built.warnings
    assert "[hubs.option]" not in warnings
    assert "[hubs.missing]" not in warnings
    assert "[hubs.duplicate_card]" not in warnings
    assert "[hubs.empty]" in warnings
    assert "[hubs.duplicate_hub]" in warnings


SUBTYPES = sorted({subtype for _, _, subtype, _ in EXPECTED})


def _strict_build_status(build, suppressed: set[str]) -> int:
    """The exit status of ``sphinx-build -W`` of the warnings project, with
    the *suppressed* subtypes in ``suppress_warnings``."""
    try:
        built = build(
            "warnings",
            app_options={"warningiserror": True},
            suppress_warnings=[f"hubs.{name}" for name in sorted(suppressed)],
        )
    except SphinxError:
        return 1
    return int(built.app.statuscode)


@pytest.mark.parametrize("subtype", SUBTYPES)
def test_each_warning_fails_a_strict_build(build, subtype):
    """With every other subtype suppressed, this one alone fails ``-W``."""
    assert _strict_build_status(build, set(SUBTYPES) - {subtype}) == 1


def test_a_strict_build_passes_with_every_subtype_suppressed(build):
    assert _strict_build_status(build, set(SUBTYPES)) == 0


def test_bad_config_values_fall_back(build):
    built = build(
        "basic",
        hubs_columns=2.5,
        hubs_default_view="grid",
        hubs_labels={"Read more": "x", "Related": 3},
    )
    warnings = built.warnings
    assert "hubs_columns must be int, not float; using the default 2 [hubs.config]" in (
        warnings
    )
    assert "hubs_default_view must be 'cards' or 'list'" in warnings
    assert "hubs_labels has an unknown key 'Read more'" in warnings
    assert "hubs_labels['Related'] must be a string" in warnings
    page = built.html("hub")
    assert "sd-row-cols-lg-2" in page.select_one(".sd-row")["class"]
    # a label of the wrong type falls back to the default
    related = built.html("notes/alpha").select_one("section#hubs-related.hubs-related")
    assert heading(related.find("h2")) == "Related"


@pytest.mark.parametrize("suppressed", [False, True])
def test_config_warning_fails_a_strict_build_unless_suppressed(build, suppressed):
    try:
        built = build(
            "basic",
            app_options={"warningiserror": True},
            hubs_labels={"Unknown label": "x"},
            suppress_warnings=["hubs.config"] if suppressed else [],
        )
        status = built.app.statuscode
    except SphinxError:
        status = 1
    assert status == (0 if suppressed else 1)


def test_every_subtype_is_exercised_here():
    from sphinxext_hubs.warning_types import HubsWarning

    # the strict-build tests above cover each subtype of the catalogue
    assert {*SUBTYPES, "config"} == {kind.name for kind in HubsWarning}


def test_a_card_in_a_card_is_moved_out_not_lost(troubled):
    page = troubled.html("plain")
    cards = page.select(".hubs-card")
    titles = [text_of(card.select_one(".hubs-card-title")) for card in cards]
    assert titles == ["Good note", "Bad metadata note"]
    # the outer card keeps its own text, without the inner card's
    assert text_of(cards[0].select_one(".hubs-card-description")) == (
        "A card with another card in its body."
    )
