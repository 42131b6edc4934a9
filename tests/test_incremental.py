"""Rebuilding into the same output after an edit updates every page that
shows the edited note, and leaves the others alone."""

from __future__ import annotations

from conftest import text_of


def _mtimes(outdir):
    return {
        path.relative_to(outdir).as_posix(): path.stat().st_mtime_ns
        for path in outdir.rglob("*.html")
    }


def test_editing_a_description_updates_its_hubs(build):
    first = build("basic")
    before = _mtimes(first.outdir)
    gamma = first.srcdir / "notes/gamma.md"
    gamma.write_text(
        gamma.read_text().replace("Gamma's own description.", "Gamma, revised.")
    )
    second = build("basic", src=first.srcdir)
    tiny = second.html("tiny")
    assert text_of(tiny.select_one(".hubs-card-description")) == "Gamma, revised."
    index = second.html("notes-index")
    assert "Gamma, revised." in text_of(index.select_one("dl.hubs-index"))
    after = _mtimes(second.outdir)
    rewritten = {page for page in after if after[page] != before.get(page)}
    # the note, the hubs showing it (tiny; hub.md overrides gamma's text but
    # still draws its card), and the all-notes page -- nothing else
    assert rewritten >= {"notes/gamma.html", "tiny.html", "notes-index.html"}
    assert "standalone.html" not in rewritten
    assert "notes/delta.html" not in rewritten
    assert "notes/alpha.html" not in rewritten


def test_adding_a_missing_target_links_the_card(build):
    first = build("warnings")
    assert "notes/nowhere" in first.warnings
    (first.srcdir / "notes/nowhere.md").write_text(
        "---\ndescription: Here now.\n---\n# Found note\n\nBody.\n"
    )
    second = build("warnings", src=first.srcdir)
    card = second.html("hub").select_one(".hubs-card")
    assert "hubs-card-missing" not in card["class"]
    assert card.select_one(".hubs-card-title a")["href"] == "notes/nowhere.html"
