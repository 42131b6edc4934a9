"""Incremental builds are indistinguishable from clean ones.

From a generated garden, a seeded random sequence of edits (add, delete and
rename notes; change titles, descriptions, tags, memberships and related
notes; add and drop curated cards) is applied one at a time.  After each edit
the garden is rebuilt incrementally into the same output, and every page is
compared with a clean build of the same sources.  Only the page body is
compared: the navigation around it is Sphinx's own (Sphinx does not rewrite
other pages' navigation when a title changes), and our pages keep none there.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

TAGS = ["soil", "water", "light", "seeds", "tools"]
HUBS = {
    "hubs/plants": ["Curated", "Members", "Tagged"],
    "hubs/care": ["Curated", "Everything"],
    "hubs/tools": ["Members"],
}


class Garden:
    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.notes: dict[str, dict] = {}
        self.curated: dict[str, list[str]] = {hub: [] for hub in HUBS}
        self.counter = 0
        (root / "notes").mkdir(parents=True)
        (root / "hubs").mkdir()
        (root / "conf.py").write_text(
            'extensions = ["myst_parser", "sphinxext_hubs"]\n'
            'myst_enable_extensions = ["colon_fence"]\n'
            'html_sidebars = {"**": []}\n'
            "suppress_warnings = ['hubs']\n"
        )
        (root / "index.md").write_text(
            "# Garden\n\n```{toctree}\n:hidden:\n:glob:\n\n*\nhubs/*\nnotes/*\n```\n"
        )
        (root / "notes-index.md").write_text("# All notes\n")
        for _ in range(14):
            self.add_note()
        for hub in HUBS:
            self.curated[hub] = self.rng.sample(sorted(self.notes), 2)
            self.write_hub(hub)
        self.write_links()

    # -- files -------------------------------------------------------------

    def touch(self, path: Path) -> None:
        stamp = time.time_ns() + 2_000_000_000
        os.utime(path, ns=(stamp, stamp))

    def random_meta(self) -> dict:
        rng = self.rng
        hub = rng.choice(sorted(HUBS))
        section = rng.choice([None, *HUBS[hub]])
        return {
            "title": f"Note {rng.randrange(1000)}",
            "description": rng.choice(
                ["", f"About {rng.choice(TAGS)} {rng.randrange(99)}."]
            ),
            "tags": rng.sample(TAGS, rng.randrange(0, 3)),
            "hubs": [hub + (f"#{section.lower()}" if section else "")]
            if rng.random() < 0.6
            else [],
            "related": rng.sample(
                sorted(self.notes), min(len(self.notes), rng.randrange(0, 3))
            ),
            "date": f"2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
        }

    def write_note(self, name: str) -> None:
        meta = self.notes[name]
        lines = ["---"]
        if meta["description"]:
            lines.append(f"description: {meta['description']}")
        lines.append(f"tags: [{', '.join(meta['tags'])}]")
        if meta["hubs"]:
            lines.append(f"hubs: [{', '.join(meta['hubs'])}]")
        if meta["related"]:
            lines.append(f"related: [{', '.join(meta['related'])}]")
        lines.append(f"date: {meta['date']}")
        lines += ["---", f"# {meta['title']}", "", f"First paragraph of {name}.", ""]
        path = self.root / f"{name}.md"
        path.write_text("\n".join(lines))
        self.touch(path)

    def write_hub(self, hub: str) -> None:
        parts = [f"# Hub {hub.split('/')[1]}", "", "```{hub}", f"Hub {hub}.", "```", ""]
        for section in HUBS[hub]:
            parts.append(f":::{{section}} {section}")
            if section == "Tagged":
                parts.append(":tags: soil, water")
                parts.append(":sort: -date")
            if section == "Everything":
                parts.append(":glob: /notes/*")
                parts.append(":limit: 6")
                parts.append(":default:")
            if section == "Members":
                parts.append(":sort: -title")
            if section == "Curated":
                for target in self.curated[hub]:
                    parts += [f"```{{notecard}} /{target}", "```"]
            parts += [":::", ""]
        path = self.root / f"{hub}.md"
        path.write_text("\n".join(parts))
        self.touch(path)

    def write_links(self) -> None:
        names = sorted(self.notes)[:4]
        text = ", ".join(f"{{note}}`/{name}`" for name in names)
        cards = "".join(f"```{{notecard}} /{name}\n```\n" for name in names[:2])
        path = self.root / "links.md"
        path.write_text(f"# Links\n\nSee {text}.\n\n{cards}")
        self.touch(path)

    # -- edits -------------------------------------------------------------

    def add_note(self) -> str:
        self.counter += 1
        name = f"notes/n{self.counter:03d}"
        self.notes[name] = self.random_meta()
        self.write_note(name)
        return f"add {name}"

    def pick(self) -> str:
        return self.rng.choice(sorted(self.notes))

    def delete_note(self) -> str:
        name = self.pick()
        del self.notes[name]
        (self.root / f"{name}.md").unlink()
        return f"delete {name}"

    def rename_note(self) -> str:
        name = self.pick()
        self.counter += 1
        new = f"notes/n{self.counter:03d}"
        self.notes[new] = self.notes.pop(name)
        (self.root / f"{name}.md").unlink()
        self.write_note(new)
        return f"rename {name} -> {new}"

    def change(self, key: str) -> str:
        name = self.pick()
        self.notes[name][key] = self.random_meta()[key]
        self.write_note(name)
        return f"change {key} of {name}"

    def curate(self) -> str:
        hub = self.rng.choice(sorted(HUBS))
        if "Curated" not in HUBS[hub]:
            return self.change("hubs")
        cards = self.curated[hub]
        if cards and self.rng.random() < 0.5:
            cards.pop(self.rng.randrange(len(cards)))
        else:
            cards.append(self.pick())
        self.write_hub(hub)
        return f"curate {hub}"

    def relink(self) -> str:
        self.write_links()
        return "relink"

    def edit(self) -> str:
        operations = [
            self.add_note,
            self.delete_note,
            self.rename_note,
            lambda: self.change("title"),
            lambda: self.change("description"),
            lambda: self.change("tags"),
            lambda: self.change("hubs"),
            lambda: self.change("related"),
            lambda: self.change("date"),
            self.curate,
            self.relink,
        ]
        if len(self.notes) < 8:
            return self.add_note()
        return self.rng.choice(operations)()


def build(src: Path, out: Path) -> None:
    app = SphinxTestApp("html", srcdir=src, builddir=out)
    try:
        app.build()
    finally:
        app.cleanup()


def bodies(out: Path) -> dict[str, str]:
    pages = {}
    for path in sorted((out / "html").rglob("*.html")):
        name = path.relative_to(out / "html").as_posix()
        if name in {"genindex.html", "search.html"}:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("div.body")
        pages[name] = str(body)
    return pages


def test_incremental_equals_clean_after_every_edit(tmp_path):
    rng = random.Random(20261129)
    garden = Garden(tmp_path / "src", rng)
    incremental = tmp_path / "incremental"
    build(garden.root, incremental)
    history = []
    for step in range(32):
        history.append(garden.edit())
        build(garden.root, incremental)
        clean_src = tmp_path / f"clean-src-{step}"
        shutil.copytree(garden.root, clean_src)
        clean = tmp_path / f"clean-{step}"
        build(clean_src, clean)
        expected = bodies(clean)
        actual = bodies(incremental)
        for page, body in expected.items():
            assert actual.get(page) == body, (step, history, page)
        shutil.rmtree(clean_src)
        shutil.rmtree(clean)
    kinds = {entry.split()[0] for entry in history}
    assert {"add", "delete", "rename", "change", "curate"} <= kinds
