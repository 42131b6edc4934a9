"""The demo garden in every builder: hubs degrade to readable structure
(section headings, each card as its title and description), no grid, no
script, no "unknown node", no warning."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable

import pytest
from conftest import Built, parse_html
from pypdf import PdfReader

from sphinxext_hubs.graph import label

SECTIONS = ["Sub-Maps", "Core Insights", "Open Questions", "Synthesis"]
CARD = "When does thinking too much actually hurt reasoning?"
CARD_TEXT = "Research shows that extending inference-time reasoning beyond a"
HUB = "How should we allocate compute budget at inference time?"


@pytest.fixture(scope="module")
def built(garden_site) -> Callable[[str], Built]:
    """``built(builder)``: the demo garden written by *builder*, which warns
    about nothing (no "unknown node" either).  The builders share the
    environment of what they write (as ``make text latexpdf epub`` does): a
    clean build in each builder is tests/test_builders.py's.  (The whole
    docs in the formats Read the Docs publishes: ``nox -s publish``.)"""

    def site(builder: str) -> Built:
        written = garden_site(builder, linkcheck_ignore=[r"https?://.*"])
        assert written.warnings == "", written.warnings
        return written

    return site


#: LaTeX's headings, each a level below the one before.
LEVELS = ["part", "chapter", "section", "subsection", "subsubsection"]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_text(built):
    out = built("text").outdir
    text = (out / "garden/compute-budget.txt").read_text()
    assert "Topic Hub · 23 linked notes · 4 sections" in text
    for title in SECTIONS:
        assert f"{title}\n{'=' * len(title)}" in text
    assert f"{CARD}\n   {CARD_TEXT}" in text
    assert "View as" not in text and "Read →" not in text


@pytest.mark.parametrize("builder", ["latex", "texinfo", "man"])
def test_print_formats(built, builder):
    out = built(builder).outdir
    source = next(
        path for path in out.iterdir() if path.suffix in {".tex", ".texi", ".1"}
    )
    text = squash(source.read_text())
    for escaped in ("\\sphinxhyphen{}", "\\-", "\\(hy"):
        text = text.replace(escaped, "-")
    assert squash(CARD_TEXT) in text
    for title in SECTIONS:
        assert title in text
    # no grid markup reaches print output
    assert "sphinxuseclass}{sd-" not in text
    # the whole garden's graph: a picture in LaTeX, its list in the others
    assert "Graph of the garden" in text
    if builder == "latex":
        assert "\\begin{tikzpicture}" in text
    else:
        # each entry its link (as the format writes a link, in the man
        # page's fonts) and its kind
        plain = re.sub(r"\\f[A-Z]", "", text)
        for title, kind in ((HUB, "Topic Hub"), (CARD, "Sub-Map")):
            assert re.search(rf"{re.escape(title)}[^()\w]*\({kind}\)", plain), title
    if builder == "latex":
        # each card title is a link to its note
        assert re.search(
            r"\\hyperref\[\\detokenize\{garden/maps/overthinking::doc\}\]", text
        )
        # the hub's sections are numbered headings one level below the
        # hub's own (a chapter in the garden's book)
        headings = "|".join(LEVELS)
        level = re.search(rf"\\({headings})\{{{re.escape(HUB)}\}}", text)
        assert level is not None
        below = LEVELS[LEVELS.index(level.group(1)) + 1]
        for title in SECTIONS:
            anchor = title.lower().replace(" ", "-")
            assert (
                f"\\{below}{{{title}}} "
                f"\\label{{\\detokenize{{garden/compute-budget:{anchor}}}}}"
            ) in text


def test_epub(built):
    out = built("epub").outdir
    page = parse_html((out / "garden/compute-budget.xhtml").read_text())
    assert page.select_one(".hubs-viewas") is None
    assert len(page.select(".hubs-card")) == 23
    assert page.select_one(".hubs-back a")["href"] == "all-notes.xhtml"
    assert not [s for s in page.select("script") if "hubs" in (s.get("src") or "")]


def test_xml(built):
    out = built("xml").outdir
    xml = (out / "garden/compute-budget.xml").read_text()
    assert xml.count('classes="hubs-grid hubs-card-list"') == 4
    assert CARD in xml


def test_gettext(built):
    out = built("gettext").outdir
    pot = (out / "garden.pot").read_text()
    for title in SECTIONS:
        assert f'msgid "{title}"' in pot


def test_linkcheck_finds_no_broken_internal_link(built):
    out = built("linkcheck").outdir
    results = [
        json.loads(line) for line in (out / "output.json").read_text().splitlines()
    ]
    assert not [r for r in results if r["status"] == "broken"]


#: The Debian packages of LaTeX that Sphinx's PDF needs (.ci/run installs them).
LATEX_PACKAGES = (
    "latexmk texlive-latex-recommended texlive-fonts-recommended "
    "texlive-latex-extra tex-gyre"
)


def test_pdf(built, tmp_path):
    """``make latexpdf``: the LaTeX of the demo garden compiles to a PDF
    (the LaTeX of test_print_formats, on the same pytest-xdist worker)."""
    if not shutil.which("latexmk"):
        missing = (
            "no LaTeX on this machine "
            f"(apt-get install --no-install-recommends {LATEX_PACKAGES})"
        )
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    latex = built("latex").outdir
    out = shutil.copytree(latex, tmp_path / "latex")
    # what the Makefile Sphinx writes runs for ``make all-pdf``
    subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode"],
        cwd=out,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (tex,) = out.glob("*.tex")
    assert tex.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    # every character of the garden has a glyph in the PDF's fonts
    assert "Missing character" not in log
    # the whole garden's graph is a drawing in the PDF: each node a link to
    # that page's chapter or section -- so it is on one of the pages with
    # at least the hub's and its 23 cards' links inside the PDF (read first:
    # reading the text of every page takes longer than compiling them) --
    # and each page's label written on it
    linked = [
        page
        for page in PdfReader(tex.with_suffix(".pdf")).pages
        if _internal_links(page) >= 24
    ]
    (text,) = [
        text
        for text in (page.extract_text() for page in linked)
        if "Graph of the garden" in text
    ]
    for title in (HUB, CARD):
        assert label(title).removesuffix("\u2026") + "..." in text, title
    # the hub and its sections are in the PDF's table of contents
    toc = tex.with_suffix(".toc").read_text(encoding="utf-8")
    toc = toc.replace("\\sphinxhyphen {}", "-")
    level = re.search(
        rf"\{{(\w+)\}}\{{\\numberline \{{[\d.]+\}}{re.escape(HUB)}\}}", toc
    )
    assert level is not None
    below = LEVELS[LEVELS.index(level.group(1)) + 1]
    for title in SECTIONS:
        assert re.search(
            rf"\{{{below}\}}\{{\\numberline \{{[\d.]+\}}{re.escape(title)}\}}",
            toc,
        )


def _internal_links(page) -> int:
    """The links of a PDF *page* that go to a place in the same PDF."""
    return sum(
        annotation.get_object().get("/A", {}).get("/S") == "/GoTo"
        for annotation in page.get("/Annots", [])
    )


def test_dirhtml(built):
    out = built("dirhtml").outdir
    page = parse_html((out / "garden/compute-budget/index.html").read_text())
    assert page.select_one(".hubs-back a")["href"] == "../all-notes/"
    cards = page.select(".hubs-card")
    assert len(cards) == 23
    for card in cards:
        href = card.select_one("a.hubs-read")["href"]
        assert (out / "garden/compute-budget" / href / "index.html").resolve().is_file()


def test_singlehtml(built):
    out = built("singlehtml").outdir
    # one page, named after the root document
    page = parse_html((out / "garden/index.html").read_text())
    ids = {tag["id"] for tag in page.select("[id]")}
    links = page.select(".hubs-card a, .hubs-back a, .hubs-related a, .hubs-index a")
    assert len(links) > 100
    for link in links:
        assert link["href"].startswith("#") and link["href"][1:] in ids, link["href"]
