"""The demo garden in every builder: hubs degrade to readable structure
(section headings, each card as its title and description), no grid, no
script, no "unknown node", no warning."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DOCS
from sphinx.testing.util import SphinxTestApp

SECTIONS = ["Sub-Maps", "Core Insights", "Open Questions", "Synthesis"]
CARD = "When does thinking too much actually hurt reasoning?"
CARD_TEXT = "Research shows that extending inference-time reasoning beyond a"
HUB = "How should we allocate compute budget at inference time?"


@pytest.fixture(scope="module")
def docs_copy(tmp_path_factory):
    src = tmp_path_factory.mktemp("formats") / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    return src


def built(docs_copy: Path, builder: str, **conf) -> tuple[Path, str]:
    out = docs_copy.parent / "out" / builder
    app = SphinxTestApp(
        builder,
        srcdir=docs_copy,
        builddir=out,
        confoverrides={"linkcheck_ignore": [r"https?://.*"], **conf},
    )
    try:
        app.build()
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert "unknown node" not in warnings
    assert warnings == "", warnings
    return Path(app.outdir), warnings


def squash(text: str) -> str:
    return " ".join(text.split())


def test_text(docs_copy):
    out, _ = built(docs_copy, "text")
    text = (out / "garden/compute-budget.txt").read_text()
    assert "Topic Hub · 23 linked notes · 4 sections" in text
    for title in SECTIONS:
        assert f"{title}\n{'=' * len(title)}" in text
    assert f"{CARD}\n   {CARD_TEXT}" in text
    assert "View as" not in text and "Read →" not in text


@pytest.mark.parametrize("builder", ["latex", "texinfo", "man"])
def test_print_formats(docs_copy, builder):
    out, _ = built(docs_copy, builder)
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
    if builder == "latex":
        # each card title is a link to its note
        assert re.search(
            r"\\hyperref\[\\detokenize\{garden/maps/overthinking::doc\}\]", text
        )
        assert "\\section{Sub-Maps}" in text or "{Sub-Maps}" in text


def test_epub(docs_copy):
    out, _ = built(docs_copy, "epub")
    page = BeautifulSoup(
        (out / "garden/compute-budget.xhtml").read_text(), "html.parser"
    )
    assert page.select_one(".hubs-viewas") is None
    assert len(page.select(".hubs-card")) == 23
    assert page.select_one(".hubs-back a")["href"] == "all-notes.xhtml"
    assert not [s for s in page.select("script") if "hubs" in (s.get("src") or "")]


def test_xml(docs_copy):
    out, _ = built(docs_copy, "xml")
    xml = (out / "garden/compute-budget.xml").read_text()
    assert xml.count('classes="hubs-grid hubs-card-list"') == 4
    assert CARD in xml


def test_gettext(docs_copy):
    out, _ = built(docs_copy, "gettext")
    pot = (out / "garden.pot").read_text()
    for title in SECTIONS:
        assert f'msgid "{title}"' in pot


def test_linkcheck_finds_no_broken_internal_link(docs_copy):
    out, _ = built(docs_copy, "linkcheck")
    results = [
        json.loads(line) for line in (out / "output.json").read_text().splitlines()
    ]
    assert not [r for r in results if r["status"] == "broken"]


@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
def test_pdf(docs_copy):  # pragma: no cover - only where TeX is installed
    import subprocess

    out, _ = built(docs_copy, "latex")
    subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode"], cwd=out, check=True)
    assert next(out.glob("*.pdf")).stat().st_size > 0


def test_dirhtml(docs_copy):
    out, _ = built(docs_copy, "dirhtml")
    page = BeautifulSoup(
        (out / "garden/compute-budget/index.html").read_text(), "html.parser"
    )
    assert page.select_one(".hubs-back a")["href"] == "../all-notes/"
    cards = page.select(".hubs-card")
    assert len(cards) == 23
    for card in cards:
        href = card.select_one("a.hubs-read")["href"]
        assert (out / "garden/compute-budget" / href / "index.html").resolve().is_file()


def test_singlehtml(docs_copy):
    out, _ = built(docs_copy, "singlehtml")
    page = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    ids = {tag["id"] for tag in page.select("[id]")}
    links = page.select(".hubs-card a, .hubs-back a, .hubs-related a, .hubs-index a")
    assert len(links) > 100
    for link in links:
        assert link["href"].startswith("#") and link["href"][1:] in ids, link["href"]
