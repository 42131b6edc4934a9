"""The README's short example is a whole project: its files, exactly as
printed, build with ``-W`` into what the README says the hub shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_project, text_of

README = Path(__file__).parent.parent / "README.md"


def example_files() -> dict[str, str]:
    """``path -> text`` of each file of the section "A short example": a
    line naming the file in backticks, then its fenced block."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A short example", 1)[1].split("\n## ", 1)[0]
    blocks = re.finditer(
        r"^`([\w./-]+)`[^\n]*:\n\n(`{3,})\w*\n(.*?)^\2$", section, re.M | re.S
    )
    return {match[1]: match[3] for match in blocks}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    for name, text in example_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return build_project(root, root / "_build", app_options={"warningiserror": True})


def test_the_example_is_every_file_of_a_project():
    assert sorted(example_files()) == [
        "compute-budget.md",
        "conf.py",
        "index.md",
        "notes/overthinking.md",
        "notes/token-threshold.md",
    ]
    # nothing left out ("...") in what a reader copies
    assert not any("..." in text for text in example_files().values())


def test_it_builds_with_w_into_what_the_readme_says(built):
    assert built.warnings == ""
    hub = built.html("compute-budget")
    back = hub.select_one(".hubs-back a")
    assert text_of(back) == "All notes"
    assert (built.outdir / back["href"]).is_file()
    assert text_of(hub.select_one(".hubs-description")) == (
        "Navigation hub exploring how to optimally spend compute at inference time."
    )
    assert text_of(hub.select_one(".hubs-stats")) == (
        "Topic Hub · 2 linked notes · 1 section"
    )
    assert hub.select_one(".hubs-viewas") is not None
    section = hub.select_one("section.hubs-section")
    assert text_of(section.select_one(".hubs-section-count")) == "2 notes"
    cards = section.select(".hubs-card")
    assert [text_of(card.select_one(".hubs-card-title")) for card in cards] == [
        "When does thinking too much actually hurt reasoning?",
        "Is there a token threshold for reasoning?",
    ]
    for card in cards:
        assert card.select_one(".hubs-card-description") is not None
        assert card.select_one(".hubs-explore") is not None
        assert card.select_one(".hubs-read") is not None
    # the all-notes page lists every note, and each note has its block
    listing = built.page(back["href"])
    assert len(listing.select(".hubs-index dt")) == 4  # the hub, 2 notes, home
    related = built.html("notes/overthinking").select_one("section.hubs-related")
    lists = ":is(.hubs-appears-in, .hubs-related-notes, .hubs-linked-from) a"
    assert [text_of(a) for a in related.select(lists)] == [
        "How should we allocate compute budget at inference time?",
        "Is there a token threshold for reasoning?",
    ]
