"""Inputs at the edges: missing arguments, nested hubs, empty front-matter
values, right-to-left and other scripts, titles with markup, a 100 KB
description.  Each mistake is a ``hubs.*`` warning at its line; everything
else on the page still renders."""

from __future__ import annotations

import re

from conftest import heading, text_of

EXPECTED = [
    (
        "notes/broken.md:3",
        "metadata",
        "front matter 'tags' could not be read as a list: '[soil, water'",
    ),
    (
        "hub.md:15",
        "option",
        "notecard has no option :titel: (its options: :title:, :description:, "
        ":class:); it is ignored",
    ),
    ("hub.md:7", "option", "section needs a title; calling it 'Untitled section'"),
    (
        "hub.md:29",
        "option",
        "notecard needs a target (a document or an https:// URL); "
        "the card is shown without a link",
    ),
    (
        "hub.md:33",
        "option",
        "notecard needs a target (a document or an https:// URL); not shown",
    ),
    ("hub.md:25", "duplicate_hub", "a 'hub' directive inside a section is ignored"),
]


def test_edge_cases(build):
    built = build("edge")
    warnings = built.warnings
    for location, subtype, message in EXPECTED:
        assert re.search(
            re.escape(f"{location}: WARNING: {message}") + rf".*\[hubs\.{subtype}\]",
            warnings,
        ), message
    assert len(re.findall(r"\[hubs\.", warnings)) == len(EXPECTED)
    page = built.html("hub")
    assert len(page.select(".hubs-hub")) == 1
    sections = page.select("section.hubs-section")
    shown = [
        (
            section["id"],
            [
                text_of(card.select_one(".hubs-card-title"))
                for card in section.select(".hubs-card")
            ],
        )
        for section in sections
    ]
    assert shown == [
        ("untitled-section", ["Empty values"]),
        ("section", ["مرحبا", "Emphasis and code in a title", "Long", "Broken tags"]),
        ("odd-cards", ["A card without a target", "Empty values"]),
    ]
    assert heading(sections[1].find("h2")) == "שלום עולם"
    cards = {
        text_of(card.select_one(".hubs-card-title")): card
        for card in page.select(".hubs-card")
    }
    # empty values are no values: the excerpt stands in for the description
    assert text_of(cards["Empty values"].select_one(".hubs-card-description")) == (
        "The first paragraph stands in for the missing description."
    )
    assert text_of(cards["مرحبا"].select_one(".hubs-card-description")) == (
        "مرحبا بالعالم — نص من اليمين إلى اليسار"
    )
    assert len(text_of(cards["Long"].select_one(".hubs-card-description"))) > 100_000
    targetless = cards["A card without a target"]
    assert "hubs-card-missing" in targetless["class"]
    assert text_of(targetless.select_one(".hubs-card-description")) == "Still shown."
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 5 linked notes · 3 sections"
    )


def test_unknown_option_in_rst_keeps_the_card(build):
    built = build("rst")
    hub = built.srcdir / "hub.rst"
    hub.write_text(
        hub.read_text().replace(
            "   .. notecard:: notes/fern\n",
            "   .. notecard:: notes/fern\n      :colour: green\n",
            1,
        )
    )
    rebuilt = build("rst", src=built.srcdir)
    assert re.search(
        r"hub\.rst:\d+: WARNING: notecard has no option :colour: .*\[hubs\.option\]",
        rebuilt.warnings,
    )
    plants = rebuilt.html("hub").select_one("section#plants")
    titles = [
        text_of(c.select_one(".hubs-card-title")) for c in plants.select(".hubs-card")
    ]
    assert titles == ["Fern", "Moss, briefly"]
