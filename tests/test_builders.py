"""Links are made by Sphinx, so they are right in every HTML builder; other
builders get readable structure instead of a grid."""

from __future__ import annotations

from conftest import text_of


def test_dirhtml_links(build):
    built = build("basic", "dirhtml")
    page = built.page("hub/index.html")
    assert page.select_one(".hubs-back a")["href"] == "../notes-index/"
    alpha = page.select_one(".hubs-card")
    assert alpha.select_one(".hubs-card-title a")["href"] == "../notes/alpha/"
    assert alpha.select_one("a.hubs-explore")["href"] == "../notes/alpha/#hubs-related"
    assert alpha.select_one("a.hubs-read")["href"] == "../notes/alpha/"
    related = built.page("notes/alpha/index.html").select_one(".hubs-related")
    assert related.select_one(".hubs-appears-in a")["href"] == "../../hub/"
    assert not built.warnings


def test_singlehtml_links_point_inside_the_page(build):
    built = build("basic", "singlehtml")
    page = built.page("index.html")
    ids = {tag["id"] for tag in page.select("[id]")}
    hrefs = [
        a["href"] for a in page.select(".hubs-card a, .hubs-back a, .hubs-related a")
    ]
    assert hrefs
    for href in hrefs:
        # the root document is the page itself (Sphinx links it so for :doc: too)
        if href.startswith("http") or href == "#document-index":
            continue
        assert href.startswith("#"), href
        assert href[1:] in ids, href
    # every note's related block has its own anchor on the single page
    explore = [a["href"] for a in page.select("a.hubs-explore")]
    assert "#hubs-related-notes-alpha" in explore
    blocks = page.select("section.hubs-related")
    assert blocks
    assert len(blocks) == len({block["id"] for block in blocks})
    assert not built.warnings


def test_text_output_is_readable_structure(build):
    built = build("basic", "text")
    text = built.text("hub.txt")
    assert "Topic Hub · 4 linked notes · 2 sections" in text
    assert "First things\n============" in text
    assert "3 notes" in text
    assert "Alpha note\n   Alpha is the first note, with a short description." in text
    assert "Example site\n   A page outside the project." in text
    assert "View as" not in text
    assert "Read →" not in text
    assert "-[ Related ]-\n\n-[ Appears in ]-\n\n* Garden hub — A hub about" in (
        built.text("notes/alpha.txt")
    )
    assert not built.warnings


def test_latex_output_has_no_grid(build):
    built = build("basic", "latex")
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # each hub section is a real section, with its anchor
    assert "\\section{First things}\n\\label{\\detokenize{hub:first-things}}" in tex
    assert "sd-row" not in tex
    assert "Alpha is the first note, with a short description." in tex
    assert r"\hyperref[\detokenize{notes/alpha::doc}]" in tex
    assert not built.warnings  # no "unknown node" either


def test_epub_has_no_view_switch(build):
    built = build("basic", "epub")
    page = built.page("hub.xhtml")
    assert page.select_one(".hubs-viewas") is None
    assert len(page.select(".hubs-card")) == 6
    assert text_of(page.select_one(".hubs-stats")) == (
        "Topic Hub · 4 linked notes · 2 sections"
    )
