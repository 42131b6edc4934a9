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


def _sections(page):
    return {
        section["id"]: [
            text_of(card.select_one(".hubs-card-title"))
            for card in section.select(".hubs-card")
        ]
        for section in page.select("section.hubs-section")
    }


def test_membership_edits_and_deletions(build):
    first = build("collect")
    assert "Alpha" in _sections(first.html("hubs/garden"))["members"]
    # move alpha to another section, delete beta, add a new member
    alpha = first.srcdir / "notes/alpha.md"
    alpha.write_text(alpha.read_text().replace("#members", "#curated"))
    (first.srcdir / "notes/beta.md").unlink()
    (first.srcdir / "notes/new.md").write_text(
        "---\nhubs: [hubs/garden#members]\n---\n# New note\n\nBody.\n"
    )
    second = build("collect", src=first.srcdir)
    shown = _sections(second.html("hubs/garden"))
    assert shown["curated"] == ["Zeta", "Alpha"]
    assert shown["members"] == ["Rst member", "Plain map", "New note"]
    assert "beta" not in shown["by-docname"]
    assert text_of(second.html("hubs/garden").select_one(".hubs-stats")) == (
        "Topic Hub · 10 linked notes · 5 sections"
    )
    # a default section comes and goes with its members
    gamma = second.srcdir / "notes/gamma.md"
    gamma.write_text(gamma.read_text().replace(", hubs/plain]", "]"))
    third = build("collect", src=first.srcdir)
    plain = third.html("hubs/plain")
    assert "notes" not in _sections(plain)
    assert "#notes" not in [a["href"] for a in plain.select(".sphinxsidebar a")]


def test_parallel_build_matches_serial(build, make_app, tmp_path):
    serial = build("collect")
    parallel = build("collect", app_options={"parallel": 2})
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert (parallel.outdir / page).read_bytes() == (
            serial.outdir / page
        ).read_bytes(), page
