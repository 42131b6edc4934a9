"""The demo garden in docs/ reproduces the seed hub page (tests/data/seed-hub.txt)
with counts that agree with what the page shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, heading, text_of

SEED = Path(__file__).parent / "data" / "seed-hub.txt"


def seed_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(card title, card description)]) as the seed shows them."""
    lines = [line.strip() for line in SEED.read_text().splitlines() if line.strip()]
    start = lines.index("View as") + 1
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    index = start
    while index < len(lines):
        if re.fullmatch(r"\d+ notes?", lines[index + 1]):
            sections.append((lines[index], []))
            index += 2
            continue
        title, description, links = lines[index : index + 3]
        assert links == "Explore related Read →"
        sections[-1][1].append((title, description))
        index += 3
    return sections


@pytest.fixture(scope="module")
def garden(garden_site):
    """The demo garden, in HTML with the docs' own theme (furo): the site of
    the furo browser tests too (under pytest-xdist they run on one worker,
    tests/conftest.py, shared_build)."""
    return garden_site("html", html_theme="furo")


def page(built, docname):
    return built.html(docname)


def sub_map_targets() -> list[str]:
    """The documents of the Sub-Maps cards, as the hub's source names them."""
    source = (DOCS / "garden" / "compute-budget.md").read_text()
    section = source.split(":::{section} Sub-Maps")[1].split(":::")[0]
    return re.findall(r"```\{notecard\} (\S+)", section)


def test_seed_is_parsed():
    sections = seed_sections()
    assert [(title, len(cards)) for title, cards in sections] == [
        ("Sub-Maps", 16),
        ("Core Insights", 3),
        ("Open Questions", 2),
        ("Synthesis", 2),
    ]


def test_demo_hub_matches_the_seed(garden):
    hub = page(garden, "garden/compute-budget")
    assert heading(hub.select_one("h1")) == (
        "How should we allocate compute budget at inference time?"
    )
    assert text_of(hub.select_one(".hubs-back")) == "All notes"
    assert text_of(hub.select_one(".hubs-description")) == (
        "Navigation hub exploring how to optimally spend compute at inference "
        "time rather than just training."
    )
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Topic Hub · 23 linked notes · 4 sections"
    )
    assert hub.select_one(".hubs-viewas") is not None
    shown = []
    for section in hub.select("section.hubs-section"):
        cards = [
            (
                text_of(card.select_one(".hubs-card-title")),
                text_of(card.select_one(".hubs-card-description")),
            )
            for card in section.select(".hubs-card")
        ]
        title = heading(section.find("h2"))
        assert (
            text_of(section.select_one(".hubs-section-count")) == f"{len(cards)} notes"
        )
        shown.append((title, cards))
    assert shown == seed_sections()


#: The links of a Related block's lists (not of its graph).
LISTS = ":is(.hubs-appears-in, .hubs-related-notes, .hubs-linked-from) a"


def test_every_card_links_to_its_own_page(garden):
    hub = page(garden, "garden/compute-budget")
    cards = hub.select(".hubs-card")
    titles = [title for _, shown in seed_sections() for title, _ in shown]
    assert len(cards) == len(titles) == 23
    hrefs = [card.select_one("a.hubs-read")["href"] for card in cards]
    assert len(set(hrefs)) == 23
    for card, title in zip(cards, titles, strict=True):
        read = card.select_one("a.hubs-read")
        explore = card.select_one("a.hubs-explore")
        assert read["aria-label"].startswith(f"Read: {title}")
        assert (garden.outdir / "garden" / read["href"]).is_file()
        # "Explore related" where the note's Related block lists more than
        # this hub (else it would lead back here)
        target = page(garden, "garden/" + read["href"].removesuffix(".html"))
        block = target.select_one("section.hubs-related")
        elsewhere = [
            a
            for a in (block.select(LISTS) if block else [])
            if a["href"].rsplit("/", 1)[-1] != "compute-budget.html"
        ]
        if elsewhere:
            assert explore["href"] == read["href"] + "#hubs-related"
        else:
            assert explore is None, read["href"]
    # the first cards are the sub-maps, in the order the hub names them
    assert hrefs[:16] == [f"{target}.html" for target in sub_map_targets()]
    same = [
        href
        for href, title in zip(hrefs, titles, strict=True)
        if title == "What makes chain-of-thought reasoning actually work?"
    ]
    assert len(same) == 2
    assert same[0] != same[1]
    # every link has a distinct accessible name, even when titles are equal
    names = {}
    for link in hub.select(".hubs-card a"):
        name = link.get("aria-label") or text_of(link)
        assert names.setdefault(name, link["href"]) == link["href"], name


def test_sub_maps_are_hubs_of_their_own(garden):
    hub = page(garden, "garden/compute-budget")
    sub_maps = hub.select("section.hubs-section")[0].select(".hubs-card")
    targets = sub_map_targets()
    assert len(sub_maps) == len(targets) == 16
    for card, target in zip(sub_maps, targets, strict=True):
        assert "hubs-card-hub" in card["class"]
        assert card.select_one("a.hubs-read")["href"] == f"{target}.html"
        sub = page(garden, f"garden/{target}")
        assert sub.select_one(".hubs-hub") is not None
        assert sub.select(".hubs-card")
        # the sub-map links back to the main hub, the one hub above it
        back = sub.select_one(".hubs-back a")
        assert text_of(back) == (
            "How should we allocate compute budget at inference time?"
        )
        assert back["href"].endswith("compute-budget.html")


def test_garden_builds_without_warnings(garden):
    """(The whole docs build with warnings as errors: nox -s docs.)"""
    assert garden.warnings == ""


def test_demo_hub_uses_every_way_in():
    """Sub-Maps and Core Insights are curated cards, Open Questions come from
    the notes' front matter, Synthesis from a tags filter."""
    source = (DOCS / "garden" / "compute-budget.md").read_text()
    sections = dict(
        (chunk.split("\n", 1)[0].strip(), chunk)
        for chunk in source.split(":::{section}")[1:]
    )
    assert sections["Sub-Maps"].count("{notecard}") == 16
    assert sections["Core Insights"].count("{notecard}") == 3
    assert "{notecard}" not in sections["Open Questions"]
    assert ":sort: -title" in sections["Open Questions"]
    assert "{notecard}" not in sections["Synthesis"]
    assert ":tags: synthesis" in sections["Synthesis"]
    members = [
        path.stem
        for path in (DOCS / "garden" / "notes").glob("*.md")
        if "compute-budget#open-questions" in path.read_text()
    ]
    assert sorted(members) == ["self-supervised-prm", "thinking-token-threshold"]
