"""User text reaches the page as text, never as markup: titles,
descriptions, tags, kinds, labels, section titles, URLs."""

from __future__ import annotations

import pytest
from conftest import ROOTS, build_copy, located_warnings, text_of

NASTY = (
    'Note <script>alert("fm")</script> & "quotes" \'single\' `backticks` \\ backslash'
)


@pytest.fixture(scope="module")
def escaping(tmp_path_factory):
    return build_copy(ROOTS / "test-escaping", tmp_path_factory.mktemp("escaping"))


def test_html_shows_user_text_as_text(escaping):
    built = escaping
    page = built.html("hub")
    scripts = [tag for tag in page.find_all("script") if "alert" in tag.get_text()]
    # the only raw HTML is the author's own Markdown heading (MyST passes it
    # on, and Sphinx repeats the page title in its navigation)
    assert {text_of(s) for s in scripts} == {"alert(“title”)"}
    assert page.find("img") is None
    assert page.find("b") is None and page.find("i") is None
    hub = page.select_one(".hubs-hub")
    assert text_of(hub.select_one(".hubs-kind")) == "<script>alert('kind')</script>"
    assert "<script>alert(" in text_of(hub.select_one(".hubs-description"))
    assert text_of(hub.select_one(".hubs-viewas-label")) == "<i>View</i> 'as'"
    section = page.select_one("section.hubs-section")
    assert 'alert("section")' in text_of(section.find("h2")).replace("“", '"').replace(
        "”", '"'
    )
    cards = section.select(".hubs-card")
    nasty = cards[0]
    # the heading's raw HTML tags are dropped from the title, like Sphinx does
    assert text_of(nasty.select_one(".hubs-card-title")) == "Nasty alert(“h1”) & code"
    assert text_of(nasty.select_one(".hubs-card-description")) == " ".join(
        NASTY.split()
    )
    assert text_of(nasty.select_one("a.hubs-read")) == 'Read <b>&amp;</b> "go"'
    assert (
        nasty.select_one("a.hubs-read")["aria-label"]
        == "Read: Nasty alert(“h1”) & code"
    )
    external = cards[1]
    assert (
        external.select_one("a.hubs-read")["href"] == 'https://example.org/?a=1&b="2"'
    )
    assert text_of(external.select_one(".hubs-card-title")) == (
        'Link <script>alert("external")</script>'
    )
    assert text_of(external.select_one(".hubs-card-description")) == (
        "External & <b>bold</b>"
    )
    # the all-notes page and the roles
    index = built.html("notes-index")
    assert "Note <script>alert(" in text_of(index.select_one(".hubs-index"))
    assert not index.select_one("div.body").find_all("script")
    other = built.html("notes/other")
    link = other.select_one("div.body p a.reference")
    assert text_of(link) == "Nasty alert(“h1”) & code"
    assert link["title"] == " ".join(NASTY.split())


def test_latex_escapes_user_text(build):
    built = build("escaping", "latex")
    tex = next(built.outdir.glob("*.tex")).read_text()
    assert r"Note \textless{}script\textgreater{}alert" in tex
    assert r"\textless{}script\textgreater{}alert(\textquotesingle{}kind" in tex
    assert "<script>" not in tex.split(r"\begin{document}")[1]


def test_halves_of_characters_from_yaml_escapes_do_not_break_the_build(escaping):
    # the build finished, warning only about the hub's duplicate card (in
    # which the section's title is text too); the note's description is
    # shown with the pair joined and the lone half replaced
    assert located_warnings(escaping) == [
        (
            "hub.md:14",
            "'notes/nasty' is already a card of section "
            "'Section <script>alert(\"section\")</script> & x'; it is shown once",
            "duplicate_card",
        )
    ]
    assert len(escaping.warnings.splitlines()) == 1
    listing = text_of(escaping.html("notes-index").select_one(".hubs-index"))
    assert "Smile 😀, stray \ufffd." in listing
