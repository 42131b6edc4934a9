"""Systematic checks, so that the next odd case is found here first.

1. Every directive of ours inside every container a page can have (``only``,
   admonitions, sphinx-design dropdowns and tabs, ``include``, another of our
   directives' bodies, nested sections): it works with counts equal to what
   is shown, or it is warned about at its file and line -- and whatever it
   shows is still there.
2. Every path form the ``{doc}`` role accepts, in every place a target or a
   glob is taken, names the page ``{doc}`` names.
3. Every configuration value with every wrong type and odd value, and every
   fault of a label catalogue: a located ``hubs.config`` warning, never a
   stopped build.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import (
    CONF,
    build_project,
    check_counts,
    heading,
    located_warnings,
    text_of,
    write_project,
)

from sphinxext_hubs.config import CONFIG_VALUES

# -- 1. every directive in every container ---------------------------------


def fence(name: str, argument: str, body: str) -> str:
    """A MyST directive around *body*, its fence longer than any inside."""
    runs = [len(run) for run in re.findall(r"`+", body)] or [2]
    ticks = "`" * max(3, max(runs) + 1)
    return f"{ticks}{{{name}}} {argument}\n{body}\n{ticks}\n"


#: container -> how it wraps a piece of a page (``parts`` gets included files)
CONTAINERS = {
    "plain": lambda text, page, parts: text,
    "only-html": lambda text, page, parts: fence("only", "html", text),
    "only-latex": lambda text, page, parts: fence("only", "latex", text),
    "tip": lambda text, page, parts: fence("tip", "", text),
    "admonition": lambda text, page, parts: fence("admonition", "Note well", text),
    "dropdown": lambda text, page, parts: fence("dropdown", "More", text),
    "tabs": lambda text, page, parts: fence(
        "tab-set", "", fence("tab-item", "One", text)
    ),
    "include": lambda text, page, parts: (
        parts.__setitem__(f"parts/{page}.md", text)
        or fence("include", f"parts/{page}.md", "")
    ),
    "notecard-body": lambda text, page, parts: fence(
        "notecard", "/notes/host", "Host text.\n\n" + text
    ),
    "hub-body": lambda text, page, parts: fence("hub", "", "Hub text.\n\n" + text),
    "section-body": lambda text, page, parts: fence(
        "section", "Host", fence("notecard", "/notes/host", "") + text
    ),
}
#: warned about, by container: where our directives cannot be
MISPLACED = {"notecard-body", "hub-body"}


def _case(directive: str, container: str, variant: str) -> tuple[str, str]:
    """(page name, the note whose card must be shown) and the page's files."""
    return f"{directive}-{container}-{variant}", f"t-{directive}-{container}-{variant}"


def _pages() -> tuple[dict[str, str], list[tuple[str, str, str, str, str]]]:
    files: dict[str, str] = {
        "notes/host.md": "# Host note\n\nThe host.\n",
        "notes/main.md": "# Main note\n\nThe main one.\n",
    }
    cases = []
    for directive in ("notecard", "section", "hub"):
        for container, wrap in CONTAINERS.items():
            for variant in ("hub", "plain") if directive == "notecard" else ("hub",):
                page, target = _case(directive, container, variant)
                files[f"notes/{target}.md"] = f"# Card {target}\n\nAbout it.\n"
                card = fence("notecard", f"/notes/{target}", "")
                main = fence("section", "Main", fence("notecard", "/notes/main", ""))
                if directive == "notecard" and variant == "hub":
                    text = "```{hub}\n```\n\n" + fence(
                        "section",
                        "Cards",
                        fence("notecard", "/notes/main", "") + wrap(card, page, files),
                    )
                elif directive == "notecard":
                    text = wrap(card, page, files)
                elif directive == "section":
                    text = (
                        "```{hub}\n```\n\n"
                        + main
                        + wrap(fence("section", f"Sec {container}", card), page, files)
                    )
                else:  # the hub directive itself; its sections show the card
                    text = wrap("```{hub}\n```\n", page, files) + fence(
                        "section", "Main", card
                    )
                files[f"{page}.md"] = f"# Page {page}\n\n{text}"
                cases.append((directive, container, variant, page, target))
    return files, cases


def _expect_warning(directive: str, container: str, variant: str) -> bool:
    if container in MISPLACED:
        return True
    # a section in a section, a hub in a section, a section on a page
    # without a hub
    return container == "section-body"


def _expect_shown(directive: str, container: str, variant: str) -> bool:
    if container == "only-latex":
        return directive == "hub"  # its sections are outside the ``only``
    if container == "section-body":
        # a section on a page without a hub, or under an ignored hub, is
        # dropped (and warned about)
        return not (directive == "hub" or variant == "plain")
    return True


@pytest.fixture(scope="module")
def containers(tmp_path_factory):
    files, cases = _pages()
    root = write_project(tmp_path_factory.mktemp("containers"), files)
    # one environment, as ``make html text latex`` shares its doctrees: the
    # HTML build reads (and warns), the others write from what it read
    built = {
        builder: build_project(root, root / "_build", builder)
        for builder in ("html", "text", "latex")
    }
    return built["html"], cases, built


def test_every_directive_in_every_container(containers):
    html, cases, _ = containers
    warnings = located_warnings(html)
    for directive, container, variant, page, target in cases:
        here = [
            (where, subtype)
            for where, _, subtype in warnings
            if where.startswith((f"{page}.md:", f"parts/{page}.md:"))
        ]
        case = (directive, container, variant)
        if _expect_warning(*case):
            assert here, case
            assert {subtype for _, subtype in here} <= {
                "nesting",
                "duplicate_hub",
                "section",
            }, (case, here)
        else:
            assert here == [], (case, here)
        soup = html.html(page)
        check_counts(soup)
        titles = [text_of(card) for card in soup.select(".hubs-card-title")]
        assert (f"Card {target}" in titles) == _expect_shown(*case), (case, titles)


def test_every_container_in_every_builder(containers):
    """The text and LaTeX builds of the same pages: no crash, and a card
    wrapped in ``only latex`` shows in LaTeX."""
    _, _, built = containers
    latex = next(built["latex"].outdir.glob("*.tex")).read_text()
    latex = latex.replace("\\sphinxhyphen{}", "-")
    text = built["text"].text("notecard-plain-hub.txt")
    assert "Card t-notecard-plain-hub" in text
    assert "Card t-notecard-only-latex-hub" in latex
    assert (
        "Card t-notecard-only-latex-hub"
        not in (built["text"].outdir / "notecard-only-latex-hub.txt").read_text()
    )


# -- 2. every path form in every place ---------------------------------------

#: Forms of ``notes/a`` as written on ``maps/m`` (directives and roles name
#: targets like ``{doc}``: relative to the page unless they start with ``/``).
DOC_FORMS = [
    "/notes/a",
    "../notes/a",
    "./../notes/a",
    "/notes/./a",
    "/notes//a",
    "/notes/../notes/a",
    "../notes/./a",
    "../maps/../notes/a",
]
SUFFIXED = ["/notes/a.md", "../notes/a.md"]
NOT_PAGES = ["/", "..", "../..", "/nowhere", "../notes"]
#: Forms of the hub ``maps/m`` in a note's front matter (``notes/x``): from
#: the source root, unless they start with ``./`` or ``../``.
FRONT_MATTER_FORMS = [
    "maps/m",
    "/maps/m",
    "maps/m.md",
    "../maps/m",
    "./../maps/m",
    "/maps/./m",
    "maps//m",
    "maps/../maps/m",
]
GLOB_FORMS = ["/notes/a*", "../notes/a*", "/notes/./a*", "../maps/../notes/a*"]


def _hub_form(form: str) -> str:
    """The same form, naming the hub ``maps/hub2`` instead of ``notes/a``."""
    return re.sub(r"/a(\.md)?$", r"/hub2\1", form.replace("notes", "maps"))


def _note_form(form: str) -> str:
    """The same front-matter form, naming ``notes/a`` instead of ``maps/m``."""
    return re.sub(r"m(\.md)?$", r"a\1", form.replace("maps", "notes"))


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    lines = ["# Map\n", "```{hub}\n```\n"]
    for number, form in enumerate(DOC_FORMS + SUFFIXED + NOT_PAGES):
        lines.append(fence("section", f"Card {number}", fence("notecard", form, "")))
    for number, form in enumerate(GLOB_FORMS):
        lines.append(fence("section", f"Glob {number}", f":glob: {form}"))
    lines.append(fence("section", "Members", ":default:"))
    for number, form in enumerate(DOC_FORMS + SUFFIXED + NOT_PAGES):
        lines.append(
            f"\nLink {number}: {{note}}`{form}` / {{doc}}`{form}`"
            f" / {{hub}}`{_hub_form(form)}`\n"
        )
    files = {
        "maps/m.md": "\n".join(lines),
        "maps/hub2.md": "# Hub two\n\n```{hub}\n```\n",
        "notes/a.md": "# Ay\n\nThe note.\n",
    }
    for number, form in enumerate(FRONT_MATTER_FORMS):
        files[f"notes/member{number}.md"] = (
            f"---\nhubs: [{form}]\nrelated: [{_note_form(form)}]\n"
            f"---\n# Member {number}\n"
        )
        # named so that no glob above matches it: only its membership
        # brings it onto the hub
        files[f"notes/pinned{number}.md"] = (
            f"---\nhubs: ['{form}#glob-0']\n---\n# Pinned {number}\n"
        )
    root = write_project(tmp_path_factory.mktemp("paths"), files)
    return build_project(root, root / "_build")


def _sections(page):
    return {
        heading(section.find("h2")): section
        for section in page.select("section.hubs-section")
    }


def test_directive_and_role_targets_are_named_as_doc_names_them(paths):
    page = paths.html("maps/m")
    sections = _sections(page)
    forms = DOC_FORMS + SUFFIXED + NOT_PAGES
    paragraphs = {
        text_of(p).split(":")[0]: p for p in page.select("p") if "Link" in text_of(p)
    }
    for number, form in enumerate(forms):
        card = sections[f"Card {number}"].select_one(".hubs-card")
        link = card.select_one(".hubs-card-title a")
        note, doc, hub = [
            child
            for child in paragraphs[f"Link {number}"].children
            if getattr(child, "name", None) in ("a", "span")
        ]
        if form in NOT_PAGES:
            assert link is None, form
            assert note.name != "a" and doc.name != "a", form
            continue
        assert link["href"] == "../notes/a.html", form
        assert note["href"] == "../notes/a.html", form
        assert hub["href"] == "hub2.html", form
        if form not in SUFFIXED:  # {doc} takes no suffix; ours do
            assert doc["href"] == "../notes/a.html", form
    missing = {
        message.split("'")[1]
        for where, message, subtype in located_warnings(paths)
        if where.startswith("maps/m.md:") and subtype == "missing"
    }
    assert missing == {"/", "..", "../..", "nowhere", "notes", "maps"}
    check_counts(page)


def test_globs_and_front_matter_paths(paths):
    page = paths.html("maps/m")
    sections = _sections(page)
    pinned = [f"Pinned {number}" for number in range(len(FRONT_MATTER_FORMS))]
    for number, form in enumerate(GLOB_FORMS):
        titles = [
            text_of(t) for t in sections[f"Glob {number}"].select(".hubs-card-title")
        ]
        # the glob matches notes/a; the first section also collects the
        # notes filed under its anchor, each form naming it (sorted by title)
        assert titles == ["Ay", *(pinned if number == 0 else [])], (form, titles)
    members = [text_of(t) for t in sections["Members"].select(".hubs-card-title")]
    assert members == [f"Member {n}" for n in range(len(FRONT_MATTER_FORMS))]
    for number, form in enumerate(FRONT_MATTER_FORMS):
        related = paths.html(f"notes/member{number}").select_one(".hubs-related-notes")
        assert related is not None, form
        assert [text_of(a) for a in related.select("a")] == ["Ay"], form
    assert [w for w in located_warnings(paths) if w[0].startswith("notes/")] == []


# -- 3. every configuration value, every catalogue fault ---------------------

WRONG_TYPES = [None, 2.5, "text", ["a"], {"a": "b"}, True, ("t",), b"bytes"]
ODD_VALUES = {
    "hubs_default_kind": ["", "   ", "<b>Kind</b>", "K" * 500],
    "hubs_default_view": ["grid", "", "LIST"],
    "hubs_columns": [0, 7, -1, 10**9],
    "hubs_excerpt_chars": [0, -5, 10**9],
    "hubs_card_lines": [0, -1, 11, 10],
    "hubs_default_section": ["", "  ", "<i>Other</i>", "Core"],
    "hubs_related_block": [0, "yes"],
    "hubs_index_docname": ["", "/notes-index", "notes-index.md", "nowhere", "hub"],
    "hubs_notes": [[], [""], ["[z-a]"], ["/notes/*"], [1]],
    "hubs_exclude": [["**"], ["[z-a]", "notes/b"], [None]],
    "hubs_labels": [
        {1: "x", "Notes": "Cards"},
        {"{n} notes": "Notes"},
        {"Read: {title}": "Read"},
        {"{n} note": "one note"},
        {"View as": 3},
        {"View as": ""},
    ],
}
SMALL = {
    "hub.md": "# Hub\n\n```{hub}\n```\n\n:::{section} S\n"
    "```{notecard} notes/a\n```\n:::\n",
    "notes/a.md": "# Ay\n\nA.\n",
    "notes/b.md": "---\nhubs: [hub]\n---\n# Bee\n\nB.\n",
}
#: Settings tried in builds of their own: those that choose the notes
#: (the others would have no notes to show their effect on), and the labels
#: (which may word the counts :func:`check_counts` reads).
APART = [("hubs_notes", "hubs_exclude"), ("hubs_labels",)]


def _rounds(values: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The odd values in a few builds: build *k* of a group sets the *k*-th
    odd value of every setting in it (the groups: :data:`APART`, and every
    other setting)."""
    apart = {name for group in APART for name in group}
    rounds = []
    for group in [tuple(n for n in values if n not in apart), *APART]:
        for k in range(max(len(values[name]) for name in group)):
            rounds.append({n: values[n][k] for n in group if k < len(values[n])})
    return rounds


ODD_ROUNDS = _rounds(ODD_VALUES)


def _build_with(build, tmp_path, settings: dict[str, Any]):
    """The small project with *settings* in its conf.py, one to a line;
    the build and ``{name: "conf.py:<its line>"}``."""
    conf = "".join(f"{name} = {value!r}\n" for name, value in settings.items())
    root = write_project(tmp_path / "p", {**SMALL, "conf.py": conf})
    first = CONF.count("\n") + 1
    lines = {name: f"conf.py:{first + n}" for n, name in enumerate(settings)}
    return build(None, src=root), lines


def _config_warnings(built, lines: dict[str, str]) -> dict[str, list[str]]:
    """The message of every warning about a setting, by the setting it
    names, each checked to be located at the line that sets it."""
    about: dict[str, list[str]] = {name: [] for name in lines}
    for where, message, subtype in located_warnings(built):
        named = [name for name in lines if name in message]
        if subtype != "config" and not named:
            continue
        assert len(named) == 1, (where, message)
        assert where == lines[named[0]], (where, message)
        about[named[0]].append(message)
    return about


@pytest.mark.parametrize("bad", WRONG_TYPES, ids=lambda bad: repr(bad)[:20])
def test_every_wrong_type(build, tmp_path, bad):
    """Every setting that a value of this type is wrong for, set to it at
    once: one warning each, at its line, and the defaults used."""
    settings = {v.name: bad for v in CONFIG_VALUES if not isinstance(bad, v.types)}
    built, lines = _build_with(build, tmp_path, settings)
    for name, messages in _config_warnings(built, lines).items():
        assert len(messages) == 1, (name, messages)
        assert messages[0].startswith(f"{name} must be "), messages
        assert f", not {type(bad).__name__}; using the default " in messages[0]
    page = built.html("hub")
    check_counts(page)  # the default labels
    assert page.select_one(".hubs-stats") is not None


@pytest.mark.parametrize(
    "settings", ODD_ROUNDS, ids=[f"round{n}" for n in range(len(ODD_ROUNDS))]
)
def test_every_odd_value(build, tmp_path, settings):
    """Odd values of the right type: at most a warning at the line that
    sets one, and a page drawn."""
    built, lines = _build_with(build, tmp_path, settings)
    _config_warnings(built, lines)
    page = built.html("hub")
    if "hubs_labels" not in settings:  # (labels may word the counts differently)
        check_counts(page)
    assert page.select_one(".hubs-stats") is not None


def _mo(pattern: bytes = b"", replacement: bytes = b"") -> bytes:
    catalog = Catalog(locale="fr")
    catalog.add("View as", "Afficher en")
    catalog.add(("{n} note", "{n} notes"), ("{n} fiche", "{n} fiches"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    data = compiled.getvalue()
    if pattern:  # the header's length is in the file: keep it the same
        header = re.search(pattern, data)
        assert header is not None
        padded = replacement.ljust(len(header.group()))
        data = data[: header.start()] + padded + data[header.end() :]
    return data


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
CATALOGUE_FAULTS = {
    "empty.mo": ("mo", b""),
    "truncated.mo": ("mo", _mo()[:30]),
    "half.mo": ("mo", _mo()[: len(_mo()) // 2]),
    "foreign.mo": ("mo", b"\x00" * 64),
    "charset.mo": ("mo", _mo(rb"charset=utf-8", b"charset=nope!")),
    "plural-zero.mo": ("mo", _mo(rb"plural=[^;\n]*", b"plural=(1 / (n - 7))")),
    "charset.po": ("po", PO_HEADER.replace("utf-8", "nope").encode()),
    "bytes.po": ("po", PO_HEADER.encode() + b'\nmsgid "View as"\nmsgstr "\xff\xfe"\n'),
    "plural.po": (
        "po",
        PO_HEADER.encode() + b'"Plural-Forms: nplurals=2; plural=(n >>> 1);\\n"\n',
    ),
    "nplurals.po": (
        "po",
        PO_HEADER.encode() + b'"Plural-Forms: nplurals=x; plural=(n > 1);\\n"\n',
    ),
    "garbage.po": ("po", bytes(range(256))),
}


@pytest.mark.parametrize("fault", sorted(CATALOGUE_FAULTS))
def test_every_catalogue_fault(build, tmp_path, fault):
    suffix, content = CATALOGUE_FAULTS[fault]
    name = f"locales/fr/LC_MESSAGES/sphinxext_hubs.{suffix}"
    root = write_project(
        tmp_path / "p",
        {
            **SMALL,
            "conf.py": 'language = "fr"\nlocale_dirs = ["locales"]\n',
            name: content,
        },
    )
    built = build(None, src=root)
    warnings = [w for w in located_warnings(built) if w[2] == "config"]
    assert len(warnings) == 1, warnings
    # a .po at the line of its first byte that is not UTF-8, if it has one;
    # else the file without a line (a .mo has none, or nothing can be read)
    line = ""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        if suffix == "po":
            line = str(content[: error.start].count(b"\n") + 1)
    assert warnings[0][0] == f"{name}:{line}"
    assert "cannot read the label catalogue" in warnings[0][1]
    page = built.html("hub")
    check_counts(page)  # English labels again
    assert text_of(page.select_one(".hubs-viewas-label")) == "View as"
