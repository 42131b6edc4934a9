"""The demo garden in docs/ reproduces the seed hub page (tests/data/seed-hub.txt)
with counts that agree with what the page shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, text_of

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
def garden(tmp_path_factory, make_app_module):
    src = tmp_path_factory.mktemp("docs") / "docs"
    import shutil

    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    app = make_app_module("html", srcdir=src)
    app.build()
    return app


@pytest.fixture(scope="module")
def make_app_module():
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def page(app, docname):
    from bs4 import BeautifulSoup

    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


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
    assert text_of(hub.select_one("h1")).rstrip("¶ ") == (
        "How should we allocate compute budget at inference time?"
    )
    assert text_of(hub.select_one(".hubs-back")) == "← All notes"
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
        title = text_of(section.find("h2")).rstrip("¶ ")
        assert (
            text_of(section.select_one(".hubs-section-count")) == f"{len(cards)} notes"
        )
        shown.append((title, cards))
    assert shown == seed_sections()


def test_every_card_links_to_its_own_page(garden):
    hub = page(garden, "garden/compute-budget")
    cards = hub.select(".hubs-card")
    hrefs = [card.select_one("a.hubs-read")["href"] for card in cards]
    assert len(set(hrefs)) == 23
    for card in cards:
        title = text_of(card.select_one(".hubs-card-title"))
        read = card.select_one("a.hubs-read")
        explore = card.select_one("a.hubs-explore")
        assert read["aria-label"].startswith(f"Read: {title}")
        assert explore["href"] == read["href"] + "#hubs-related"
        assert (Path(garden.outdir) / "garden" / read["href"]).is_file()
    same = [
        card.select_one("a.hubs-read")["href"]
        for card in cards
        if text_of(card.select_one(".hubs-card-title"))
        == "What makes chain-of-thought reasoning actually work?"
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
    for card in sub_maps:
        assert "hubs-card-hub" in card["class"]
        href = card.select_one("a.hubs-read")["href"]
        sub = page(garden, "garden/" + href.removesuffix(".html"))
        assert sub.select_one(".hubs-hub") is not None
        assert sub.select(".hubs-card")
        # the sub-map lists the main hub under "Appears in"
        appears = [text_of(a) for a in sub.select(".hubs-appears-in a")]
        assert "How should we allocate compute budget at inference time?" in appears


def test_docs_build_has_no_warnings(garden):
    assert garden.warning.getvalue() == ""


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
