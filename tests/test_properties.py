"""Property-based: gardens with random front matter and directive options,
valid and invalid.  Whatever the input, the build finishes without a
traceback, every note that validly names a section is shown there, and every
count equals the cards shown."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from conftest import build_project
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

SECTIONS = ["alpha", "beta", "gamma"]

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=0,
    max_size=12,
).map(lambda text: text.replace("\n", " "))
yaml_value = st.one_of(
    st.none(),
    st.integers(-5, 99),
    st.booleans(),
    words,
    st.lists(words, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 3), max_size=2),
)
membership = st.lists(
    st.sampled_from(
        [
            "hubs/h0#alpha",
            "hubs/h0#beta",
            "hubs/h0",
            "hubs/h0#nope",
            "hubs/none",
            "/hubs/h0#gamma",
            "../hubs/h0#alpha",
        ]
    ),
    max_size=3,
)
note = st.fixed_dictionaries(
    {
        "description": st.one_of(words, yaml_value),
        "tags": st.one_of(
            st.lists(st.sampled_from(["x", "y", "z"]), max_size=2), yaml_value
        ),
        "hubs": st.one_of(membership, yaml_value),
        "related": st.one_of(
            st.lists(st.sampled_from(["notes/n0", "notes/n1", "nope"]), max_size=2),
            yaml_value,
        ),
        "title": words,
        "date": st.one_of(st.none(), st.integers(1, 30)),
    }
)
section_options = st.fixed_dictionaries(
    {
        "columns": st.sampled_from([None, "1", "3", "9", "x"]),
        "sort": st.sampled_from(
            [None, "title", "-title", "-date", "docname", "nofield", "b a d"]
        ),
        "tags": st.sampled_from([None, "x", "x, y", ""]),
        "default": st.booleans(),
        "cards": st.lists(
            st.sampled_from(
                [
                    "notes/n0",
                    "/notes/n1",
                    "nope",
                    "https://example.org",
                    "javascript:x",
                    "h0",
                ]
            ),
            max_size=3,
        ),
    }
)


def write_garden(root: Path, notes: list[dict], sections: list[dict]) -> None:
    (root / "notes").mkdir(parents=True)
    (root / "hubs").mkdir()
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext_hubs"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
    )
    (root / "index.md").write_text(
        "# Garden\n\n```{toctree}\n:glob:\n\nhubs/*\nnotes/*\nnotes-index\n```\n"
    )
    (root / "notes-index.md").write_text("# All notes\n")
    for number, meta in enumerate(notes):
        front = {key: value for key, value in meta.items() if key != "title"}
        lines = ["---"] + [
            f"{key}: {json.dumps(value)}" for key, value in front.items()
        ]
        title = meta["title"].strip() or f"Note {number}"
        lines += ["---", f"# {json.dumps(title)}", "", "Body text.", ""]
        (root / "notes" / f"n{number}.md").write_text("\n".join(lines))
    parts = ["# Hub zero", "", "```{hub}", "Hub description.", "```", ""]
    for name, options in zip(SECTIONS, sections, strict=False):
        parts.append(f":::{{section}} {name.title()}")
        for key in ("columns", "sort", "tags"):
            if options[key] is not None:
                parts.append(f":{key}: {options[key]}")
        if options["default"]:
            parts.append(":default:")
        for card in options["cards"]:
            parts += [f"```{{notecard}} {card}", ":title: Card title", "```"]
        parts += [":::", ""]
    (root / "hubs" / "h0.md").write_text("\n".join(parts))


def valid_members(notes: list[dict], section: str) -> set[int]:
    """Notes that name hubs/h0#<section> in a well-formed list."""
    found = set()
    for number, meta in enumerate(notes):
        entries = meta["hubs"]
        well_formed = isinstance(entries, list) and all(
            isinstance(entry, str) for entry in entries
        )
        if well_formed and any(entry.endswith(f"h0#{section}") for entry in entries):
            found.add(number)
    return found


@settings(
    max_examples=15,
    derandomize=True,
    # a failure is reported as found: shrinking a garden can take minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    notes=st.lists(note, min_size=2, max_size=6),
    sections=st.lists(section_options, min_size=1, max_size=3),
)
def test_any_garden_builds_with_exact_counts(notes, sections):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "src"
        write_garden(root, notes, sections)
        # whatever the garden, the build finishes (an exception fails here)
        built = build_project(root, Path(tmp) / "build")
        page = built.html("hubs/h0")
        shown = page.select("section.hubs-section")
        assert len(shown) >= min(len(sections), len(SECTIONS))
        linked = set()
        for section in shown:
            cards = section.select(".hubs-card")
            count = section.select_one(".hubs-section-count").get_text()
            assert count == f"{len(cards)} note" + ("" if len(cards) == 1 else "s")
            for card in cards:
                link = card.select_one(".hubs-card-title a")
                if link is not None and not link["href"].startswith("http"):
                    linked.add(link["href"])
            ids = {a["href"] for a in section.select(".hubs-card-title a")}
            name = section["id"]
            if name in SECTIONS:
                for number in valid_members(notes, name):
                    assert f"../notes/n{number}.html" in ids, (name, number)
        stats = page.select_one(".hubs-stats").get_text(" ", strip=True)
        n_linked = int(re.search(r"(\d+) linked note", stats).group(1))
        n_sections = int(re.search(r"(\d+) section", stats).group(1))
        assert n_linked == len(linked)
        assert n_sections == len(shown)
