"""Rebuilding into the same output after an edit updates every page that
shows the edited note, and leaves the others alone."""

from __future__ import annotations

import re

import pytest
from conftest import ROOTS, build_copy, text_of


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
    assert "Gamma, revised." in text_of(index.select_one(".hubs-index"))
    after = _mtimes(second.outdir)
    rewritten = {page for page in after if after[page] != before.get(page)}
    # the note, the hub showing its description (hub.md overrides it, so
    # hub.html stays), and the all-notes page; Sphinx itself rewrites the
    # page whose toctree lists the note and the index it writes every time
    assert rewritten == {
        "notes/gamma.html",
        "tiny.html",
        "notes-index.html",
        "index.html",
        "genindex.html",
    }


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


@pytest.fixture(scope="module")
def collect_serial(tmp_path_factory):
    """A serial build of the collect project, to compare others with."""
    return build_copy(ROOTS / "test-collect", tmp_path_factory.mktemp("collect"))


def _same_pages(expected, actual) -> None:
    pages = sorted(
        p.relative_to(expected.outdir) for p in expected.outdir.rglob("*.html")
    )
    assert len(pages) > 5
    for page in pages:
        assert (actual.outdir / page).read_bytes() == (
            expected.outdir / page
        ).read_bytes(), page


def test_parallel_build_matches_serial(build, collect_serial):
    parallel = build("collect", app_options={"parallel": 2})
    _same_pages(collect_serial, parallel)


def test_builds_are_deterministic(build, collect_serial):
    _same_pages(collect_serial, build("collect"))


def test_no_change_rebuild_writes_nothing_and_never_touches_sources(build):
    """What sphinx-autobuild needs: no file written into the source
    directory, and a rebuild without edits rewrites no page."""
    first = build("collect")
    sources = {
        path: path.stat().st_mtime_ns
        for path in first.srcdir.rglob("*")
        if "_build" not in path.parts
    }
    special = {"genindex.html", "search.html"}  # Sphinx writes these every time
    before = _mtimes(first.outdir)
    second = build("collect", src=first.srcdir)
    after_pages = _mtimes(second.outdir)
    assert {p: t for p, t in after_pages.items() if p not in special} == {
        p: t for p, t in before.items() if p not in special
    }
    after = {
        path: path.stat().st_mtime_ns
        for path in first.srcdir.rglob("*")
        if "_build" not in path.parts
    }
    assert after == sources


def test_a_page_written_again_without_an_edit_shows_the_same(build):
    """A rebuild that reads nothing computes nothing of ours -- unless Sphinx
    writes a page after all (here: its output deleted), which is then drawn
    from the same views as before; the garden's JSON file, deleted too, is
    written again the same."""
    first = build("collect")
    again = [
        "hubs/garden.html",  # a hub's cards
        "notes/alpha.html",  # a Related block
        "notes-index.html",  # the all-notes page
        "roles.html",  # {note} and {hub} links
        "garden.json",
    ]
    before = {name: (first.outdir / name).read_bytes() for name in again}
    kept = _mtimes(first.outdir)
    for name in again:
        (first.outdir / name).unlink()
    second = build("collect", src=first.srcdir)
    assert "0 added, 0 changed, 0 removed" in second.app.status.getvalue()
    for name in again:
        assert (second.outdir / name).read_bytes() == before[name], name
    # the warnings that depend on other pages, given again, each once
    warnings = second.warnings.splitlines()
    assert warnings
    assert len(warnings) == len(set(warnings))
    # and no other page of ours (Sphinx writes its index, and the page
    # whose toctree lists the pages written)
    rewritten = {p for p, t in _mtimes(second.outdir).items() if kept.get(p) != t}
    assert rewritten - {"genindex.html", "index.html"} == set(again) - {"garden.json"}


def test_environment_of_another_version_is_discarded(build, monkeypatch):
    import sphinxext_hubs

    first = build("collect")
    monkeypatch.setattr(sphinxext_hubs, "ENV_VERSION", sphinxext_hubs.ENV_VERSION + 1)
    second = build("collect", src=first.srcdir)
    status = second.app.status.getvalue()
    n_docs = len(second.app.env.found_docs)
    assert f"{n_docs} added" in status  # read again from scratch
    # every page read again warns again, as on the first build
    assert second.warnings == first.warnings
    assert text_of(second.html("hubs/garden").select_one(".hubs-stats")) == (
        "Topic Hub · 10 linked notes · 5 sections"
    )


def test_a_description_edit_rewrites_what_shows_it(build):
    """A description edit rewrites the pages that show the description, and
    no other page of ours."""
    first = build("basic")
    before = _mtimes(first.outdir)
    alpha = first.srcdir / "notes/alpha.md"
    alpha.write_text(
        alpha.read_text().replace("with a short description", "now described anew")
    )
    second = build("basic", src=first.srcdir)
    after = _mtimes(second.outdir)
    rewritten = {page for page in after if after[page] != before.get(page)}
    assert rewritten == {
        "notes/alpha.html",  # the note
        "hub.html",  # shows its card
        "standalone.html",  # shows its card
        "notes-index.html",  # lists its description
        "notes/delta.html",  # lists it, with its description, in its Related
        "index.html",  # Sphinx: its toctree lists the note
        "genindex.html",  # Sphinx, every build
    }
    for page in ("standalone", "notes/delta"):
        assert "now described anew" in text_of(second.html(page))


def test_deleted_and_moved_notes_are_reported_and_nothing_else_is_lost(build):
    first = build("basic")
    (first.srcdir / "notes/gamma.md").unlink()  # deleted
    beta = first.srcdir / "notes/beta.md"
    (first.srcdir / "sub/beta.md").write_text(beta.read_text())  # moved
    beta.unlink()
    second = build("basic", src=first.srcdir)
    warnings = second.warnings
    for target, line in (("notes/gamma", 20), ("notes/beta", 17)):
        assert re.search(
            rf"hub\.md:{line}: WARNING: notecard target '{target}' is not a document"
            r".*\[hubs\.missing\]",
            warnings,
        ), target
    page = second.html("hub")
    cards = page.select("section#first-things .hubs-card")
    titles = [text_of(card.select_one(".hubs-card-title")) for card in cards]
    # the overrides of the lost cards are still shown, the others unchanged
    assert titles == ["Alpha note", "Beta, shorter", "notes/gamma"]
    assert text_of(cards[2].select_one(".hubs-card-description")) == (
        "An override description for gamma."
    )
    assert "notes/alpha.md:5: WARNING: related note 'notes/beta'" in warnings
    assert "hubs-card-missing" in cards[1]["class"]
    assert cards[0].select_one("a.hubs-read")["href"] == "notes/alpha.html"


def _computed(built) -> set[str]:
    """The pages whose view the build computed (the views it keeps in memory)."""
    return set(built.app.env.domaindata["hubs"]["views"])


def test_a_rebuild_computes_the_views_that_may_have_changed_only(build):
    """A view is computed again when a page it read changed: a sentence in a
    note's body changes no record, so only that note's own view is computed;
    a description edit computes the views that show the note or draw it
    in their local graph, not all."""
    first = build("basic")
    every = set(first.app.env.domaindata["hubs"]["digests"])
    assert _computed(first) == every
    alpha = first.srcdir / "notes/alpha.md"
    alpha.write_text(alpha.read_text() + "\nOne more sentence in the body.\n")
    second = build("basic", src=first.srcdir)
    assert _computed(second) == {"notes/alpha"}
    assert "One more sentence in the body." in text_of(second.html("notes/alpha"))
    alpha.write_text(
        alpha.read_text().replace("with a short description", "now described anew")
    )
    third = build("basic", src=first.srcdir)
    assert _computed(third) == {
        "notes/alpha",
        "hub",
        "standalone",
        "notes-index",
        "notes/delta",
        # its local graph draws alpha, which names it as related
        "notes/beta",
    }
    assert _computed(third) < every


def test_damaged_or_missing_kept_parts_make_the_whole_file_again(build):
    """The parts kept beside the environment for the garden's JSON file and
    the entries script are a cache: damaged or deleted, the next build makes
    the files whole, as a clean build does, without a word."""
    first = build("basic", hubs_index_page_size=2)
    doctrees = first.outdir.parent / "doctrees"
    kept = sorted(doctrees.glob("hubs-*.pickle"))
    assert [path.name for path in kept] == ["hubs-entries.pickle", "hubs-garden.pickle"]
    alpha = first.srcdir / "notes/alpha.md"
    text = alpha.read_text()
    for number, damage in enumerate((b"", b"\x80\x05not a pickle", None)):
        for path in kept:
            if damage is None:
                path.unlink()
            else:
                path.write_bytes(damage)
        edited = text.replace("a short description", f"description {number}")
        assert edited != text
        alpha.write_text(edited)
        again = build("basic", src=first.srcdir, hubs_index_page_size=2)
        assert not again.warnings
        clean = build(first.srcdir, hubs_index_page_size=2)  # a copy, built clean
        for name in ("garden.json", "_static/hubs-entries.js"):
            made = (again.outdir / name).read_bytes()
            assert made == (clean.outdir / name).read_bytes(), name
