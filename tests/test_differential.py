"""Incremental builds are indistinguishable from clean ones.

From a generated garden -- notes with front matter, hubs with sections and
curated cards, and an ordinary page of links and standalone cards -- a seeded
random sequence of edits touches every field the extension displays: a
note's title, description, first-paragraph excerpt (with links to notes,
hubs and the labels before their titles), kind, tags, memberships (with and
without a section), related notes, a custom sort field and its date, and
whether it includes a fragment (which is a note only while no note includes
it); a hub's title, options, description, memberships and sections (added,
removed, renamed, each option changed); curated cards and their overrides;
the ``{note}`` / ``{hub}`` links, standalone cards and graphs (of the
whole garden, and around a hub) of the ordinary page;
and notes and hubs added, deleted and renamed, with or without the pages that
name them following the new name.

After each edit the garden is rebuilt incrementally, in the same source and
output directories, as a user's ``sphinx-build`` would, and compared with a
clean build of a copy of the same sources: the same documents, every
page's body the same, and the garden's JSON file the same.  Only the body
is compared: the navigation around it is Sphinx's own (Sphinx does not
rewrite other pages' navigation when a title changes), and our pages keep
none there.  Sphinx never removes the
output of a deleted document, so the documents each build knows are
compared, not the files left in the output directory.

The clean builds run in worker processes while the next edits are built
incrementally.  A failure names the step, the page and the whole history of
edits, which replays from the seed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

#: A fixed seed, so that a failure replays; the weights below make the
#: situations that move notes onto and off hubs frequent.
SEED = 11
STEPS = 60
MIN_NOTES = 7
MIN_HUBS = 2

TAGS = ["soil", "water", "light", "seeds", "tools"]
KINDS = ["", "Insight", "Open Question", "Method"]
WORDS = [
    *("compost", "mulch", "seedling", "trellis", "loam", "humus", "root"),
    *("shade", "frost", "graft", "prune", "sprout", "bed", "harvest"),
    *("drip", "clay", "worm", "pollen", "bloom", "stake"),
]
SECTION_TITLES = [
    *("Core ideas", "Members", "Tagged", "Recent", "Everything"),
    *("Open questions", "Ranked", "Sub-maps", "Reading list"),
]
SORTS = ["", "title", "-title", "docname", "-docname", "date", "-date"]
SORTS += ["priority", "-priority"]
# Notes are named n... or x...: no pattern matches the x ones ("loose"
# notes), which only cards, memberships and tags bring onto a hub.
GLOBS = ["/notes/n00[1-4]", "../notes/n*1", "/hubs/*", "/notes/n*2 /hubs/*"]
GLOBS += ["/notes/n01*"]

#: Edits that move notes onto and off hubs come more often: they change
#: what other pages show.
WEIGHTS = {"curate": 5, "note related": 3, "page cards": 2, "remove section": 2}
WEIGHTS |= {"section glob": 2, "section tags": 2, "section limit": 2}
WEIGHTS |= {"delete note": 2, "rename note": 2, "note links": 3}

CONF = """\
extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "bodies"
html_theme_path = ["_theme"]
html_sidebars = {"**": []}
html_copy_source = False
html_use_index = False
html_domain_indices = False
smartquotes = False
hubs_excerpt_chars = 60
suppress_warnings = ["hubs"]
"""

#: A theme that writes each page's body alone (what is compared), and no
#: files of its own.
THEME = {
    "theme.toml": '[theme]\ninherit = "none"\n',
    "page.html": (
        '<div class="body" role="main">{{ body }}<div class="clearer"></div></div>\n'
    ),
}

# The page body, as the theme frames it.
BODY_START = '<div class="body" role="main">'
BODY_END = '<div class="clearer"></div>'


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def label(docname: str) -> str:
    """The label before a note's title."""
    return "label-" + docname.rsplit("/", 1)[-1]


class Garden:
    """A model of the sources, and the files written from it.

    Every edit changes the model, rewrites the files it touches, and returns
    a line for the history: the operation's name, a colon, what it did.
    """

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.notes: dict[str, dict[str, Any]] = {}
        self.hubs: dict[str, dict[str, Any]] = {}
        self.page: dict[str, list[Any]] = {"links": [], "cards": []}
        self.gone: list[str] = []  # deleted docnames, which may come back
        self.counter = 0
        (root / "notes").mkdir(parents=True)
        (root / "hubs").mkdir()
        (root / "conf.py").write_text(CONF)
        theme = root / "_theme" / "bodies"
        theme.mkdir(parents=True)
        for name, text in THEME.items():
            (theme / name).write_text(text)
        (root / "index.md").write_text(
            "# Garden\n\n```{toctree}\n:hidden:\n:glob:\n\n*\nhubs/*\nnotes/*\n```\n"
        )
        (root / "notes-index.md").write_text("# All notes\n")
        # fragments that notes may include: a page of its own (a note)
        # only while no note includes it
        for number in (1, 2):
            (root / f"notes/f00{number}.md").write_text(
                f"---\norphan: true\n---\n# Fragment {number}\n\nShared {number}.\n"
            )
        for name in ("hubs/plants", "hubs/care", "hubs/tools"):
            self.hubs[name] = self.random_hub(name)
        for _ in range(MIN_NOTES):
            name = self.fresh_name("notes")
            self.notes[name] = self.random_note(name)
        # some sections sorted by date and by a field of our own
        self.hubs["hubs/plants"]["sections"][0]["sort"] = "-priority"
        self.hubs["hubs/care"]["sections"][0]["sort"] = "date"
        for name, hub in self.hubs.items():
            for section in hub["sections"]:
                section["cards"] = self.random_cards(0, 3)
            self.write_hub(name)
        for name in self.notes:
            self.write_note(name)
        self.random_page()
        self.write_page()

    # -- random values -----------------------------------------------------

    def pick(self, names: Iterable[str]) -> str:
        return self.rng.choice(sorted(names))

    def sample(self, names: Iterable[str], k: int) -> list[str]:
        ordered = sorted(names)
        return self.rng.sample(ordered, min(k, len(ordered)))

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.sample(WORDS, self.rng.randrange(low, high)))

    def date(self) -> str:
        return f"2024-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(10)}"

    def title(self) -> str:
        # now and then two notes share a title: their cards stay distinct
        titles = [note["title"] for note in self.notes.values()]
        if titles and self.rng.random() < 0.15:
            return self.pick(titles)
        return f"Note {self.rng.randrange(1000)}"

    def description(self) -> str:
        if self.rng.random() < 0.35:
            return ""  # the first paragraph is shown instead
        return f"About {self.rng.choice(TAGS)} {self.rng.randrange(99)}."

    def excerpt(self, links: bool = True) -> str:
        """A first paragraph, sometimes long enough to be cut, sometimes
        linking to a note or hub, which it then shows by title."""
        text = self.words(3, 15).capitalize()
        roll = self.rng.random() if links else 1
        if roll < 0.2:
            text += f" and {{note}}`/{self.pick(self.notes)}`"
        elif roll < 0.3:
            text += f" in {{hub}}`/{self.pick(self.hubs)}`"
        elif roll < 0.38:
            text += f" as {{note}}`told here </{self.pick(self.notes)}>`"
        elif roll < 0.46:  # a label: the heading it stands before
            text += f" see {{ref}}`{label(self.pick(self.notes))}`"
        elif roll < 0.54:
            text += f" at [](#{label(self.pick(self.notes))})"
        return text + "."

    def memberships(self, with_section: bool) -> list[tuple[str, str | None]]:
        entries = []
        for hub in self.sample(self.hubs, self.rng.randrange(1, 3)):
            section = None
            if with_section:
                sections = [slug(s["title"]) for s in self.hubs[hub]["sections"]]
                # now and then a section the hub does not have
                section = self.rng.choice([*sections, "gone-section"])
            entries.append((hub, section))
        return entries

    def related(self) -> list[str]:
        return self.sample(self.notes, self.rng.choice([0, 0, 0, 1, 2]))

    def random_note(self, name: str) -> dict[str, Any]:
        rng = self.rng
        loose = name.startswith("notes/x")
        alone = loose or rng.random() < 0.6
        return {
            "title": self.title(),
            "description": self.description(),
            "excerpt": self.excerpt(links=bool(self.notes) and not loose),
            "kind": rng.choice(KINDS),
            "tags": [] if loose else rng.sample(TAGS, rng.randrange(0, 3)),
            "hubs": [] if alone else self.memberships(rng.random() < 0.5),
            "related": [] if loose else self.related(),
            "date": self.date(),
            "priority": rng.choice([None, *range(1, 6)]),
            "links": [],
        }

    def random_section(self, taken: list[str]) -> dict[str, Any]:
        rng = self.rng
        title = rng.choice([t for t in SECTION_TITLES if t not in taken])
        return {
            "title": title,
            "tags": rng.sample(TAGS, rng.choice([0, 0, 0, 1])),
            "glob": rng.choice(["", "", "", *GLOBS]),
            "sort": rng.choice(SORTS),
            "limit": rng.choice([None, None, 2, 4]),
            "default": False,
            "columns": rng.choice([None, 1, 3]),
            "class": rng.choice(["", "wide"]),
            "cards": [],
        }

    def random_hub(self, name: str) -> dict[str, Any]:
        rng = self.rng
        sections: list[dict[str, Any]] = []
        for _ in range(rng.randrange(2, 4)):
            sections.append(self.random_section([s["title"] for s in sections]))
        if rng.random() < 0.5:
            rng.choice(sections)["default"] = True
        return {
            "title": f"Hub {name.split('/')[1]}",
            "kind": rng.choice(["", "Topic Hub", "Sub-Map"]),
            "view": rng.choice(["", "cards", "list"]),
            "class": rng.choice(["", "featured"]),
            **self.random_hub_description(),
            "hubs": [],
            "sections": sections,
        }

    def random_hub_description(self) -> dict[str, Any]:
        """The body (with markup), the ``:description:`` option, or neither."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return {"description": "", "as_option": False}
        if roll < 0.45:
            return {"description": f"Plain {self.words(2, 6)}.", "as_option": True}
        text = f"Hub of **{rng.choice(WORDS)}** {self.words(1, 5)}"
        if self.notes and rng.random() < 0.4:
            text += f", see {{note}}`/{self.pick(self.notes)}`"
        return {"description": text + ".", "as_option": False}

    def random_card(self, target: str = "") -> dict[str, str]:
        rng = self.rng
        pool = [*self.notes, *self.hubs] if rng.random() < 0.3 else self.notes
        # no override, its own title, its own description, or both
        own = rng.choices(["", "title", "description", "both"], [8, 5, 5, 2])[0]
        title = f"Card {rng.randrange(99)}" if own in {"title", "both"} else ""
        description = ""
        if own in {"description", "both"}:
            description = f"Says {self.words(1, 4)}."
        return {
            "target": target or self.pick(pool),
            "title": title,
            "description": description,
        }

    def random_cards(self, low: int, high: int) -> list[dict[str, str]]:
        return [self.random_card() for _ in range(self.rng.randrange(low, high))]

    def loose(self) -> list[str]:
        return [name for name in sorted(self.notes) if name.startswith("notes/x")]

    def maybe_loose(self) -> str:
        """Half the time a loose note, whose cards on other pages change as
        hubs take it in and let it go."""
        loose = self.loose()
        return self.rng.choice(loose) if loose and self.rng.random() < 0.5 else ""

    def page_cards_random(self) -> list[dict[str, str]]:
        count = self.rng.randrange(2, 7)
        return [self.random_card(self.maybe_loose()) for _ in range(count)]

    def random_page(self) -> None:
        rng = self.rng
        links = []
        for name in self.sample(self.notes, 4):
            links.append(("note", name, rng.choice(["", "", "this one"])))
        for name in self.sample(self.hubs, 2):
            links.append(("hub", name, ""))
        if self.gone and rng.random() < 0.5:  # a page that may come back
            links.append(("note", rng.choice(self.gone), ""))
        self.page["links"] = links
        self.page["cards"] = self.page_cards_random()

    # -- files -------------------------------------------------------------

    def touch(self, path: Path) -> None:
        # A clear step forward, never ahead of the clock: a stamp in the
        # future would make Sphinx read the file again in later builds too,
        # and an edit must not hide behind such needless re-reads.
        stamp = max(time.time_ns(), path.stat().st_mtime_ns + 1_000)
        os.utime(path, ns=(stamp, stamp))

    def write(self, docname: str, lines: list[str]) -> None:
        path = self.root / f"{docname}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.touch(path)

    def path_form(self, fromdoc: str, target: str) -> str:
        """One of the spellings front matter accepts for *target*."""
        roll = self.rng.random()
        if roll < 0.2:
            return "/" + target
        if roll < 0.35:
            folder, rest = target.split("/", 1)
            return f"./{rest}" if fromdoc.startswith(folder) else f"../{target}"
        return target

    def front_list(self, key: str, values: list[str]) -> list[str]:
        return [f"{key}: [{', '.join(values)}]"] if values else []

    def write_note(self, name: str) -> None:
        note = self.notes[name]
        lines = ["---"]
        if note["description"]:
            lines.append(f"description: {note['description']}")
        if note["kind"]:
            lines.append(f"kind: {note['kind']}")
        lines.append(f"tags: [{', '.join(note['tags'])}]")
        entries = [
            self.path_form(name, hub) + (f"#{section}" if section else "")
            for hub, section in note["hubs"]
        ]
        lines += self.front_list("hubs", entries)
        related = [self.path_form(name, other) for other in note["related"]]
        lines += self.front_list("related", related)
        lines.append(f"date: {note['date']}")
        if note["priority"] is not None:
            lines.append(f"priority: {note['priority']}")
        lines += ["---", f"({label(name)})=", f"# {note['title']}", ""]
        lines += [note["excerpt"], ""]
        if note.get("include"):
            lines += [f"```{{include}} {note['include']}.md", "```", ""]
        if note.get("links"):  # the page's links: backlinks on the pages they name
            lines.append("See " + ", ".join(self.link(*link) for link in note["links"]))
        else:
            lines.append(f"More about {name}.")
        self.write(name, lines)

    def link(self, form: str, target: str) -> str:
        """A link to the note *target*, written in one of MyST's forms."""
        return {
            "doc": f"{{doc}}`/{target}`",
            "md": f"[that note](/{target}.md)",
            "md-anchor": f"[that note](/{target}.md#{label(target)})",
            "project": f"<project:/{target}.md>",
            "ref": f"{{ref}}`{label(target)}`",
            "md-label": f"[](#{label(target)})",
        }[form]

    def card(self, card: dict[str, str]) -> list[str]:
        lines = [f"```{{notecard}} /{card['target']}"]
        if card["title"]:
            lines.append(f":title: {card['title']}")
        if card["description"]:
            lines.append(f":description: {card['description']}")
        return [*lines, "```"]

    def write_hub(self, name: str) -> None:
        hub = self.hubs[name]
        lines = []
        if hub["hubs"]:
            lines += ["---", *self.front_list("hubs", hub["hubs"]), "---"]
        lines += [f"# {hub['title']}", "", "```{hub}"]
        for option in ("kind", "view", "class"):
            if hub[option]:
                lines.append(f":{option}: {hub[option]}")
        if hub["description"] and hub["as_option"]:
            lines.append(f":description: {hub['description']}")
        elif hub["description"]:
            lines += ["", hub["description"]]
        lines += ["```", ""]
        for section in hub["sections"]:
            lines.append(f":::{{section}} {section['title']}")
            if section["tags"]:
                lines.append(f":tags: {', '.join(section['tags'])}")
            for option in ("glob", "sort", "limit", "columns", "class"):
                if section[option]:
                    lines.append(f":{option}: {section[option]}")
            if section["default"]:
                lines.append(":default:")
            lines.append("")
            for card in section["cards"]:
                lines += self.card(card)
            lines += [":::", ""]
        self.write(name, lines)

    def write_page(self) -> None:
        links = [
            f"{{{role}}}`{text} </{target}>`" if text else f"{{{role}}}`/{target}`"
            for role, target, text in self.page["links"]
        ]
        lines = ["# Links", "", f"See {', '.join(links)}.", ""]
        for card in self.page["cards"]:
            lines += self.card(card)
        # graphs: of the whole garden (every title, kind and edge), and
        # two hops around a hub (which may be renamed or deleted)
        lines += ["```{hubgraph}", "```", ""]
        lines += ["```{hubgraph} /hubs/plants", ":depth: 2", "```", ""]
        self.write("links", lines)

    # -- names -------------------------------------------------------------

    def fresh_name(self, folder: str) -> str:
        """A new document name, or now and then one deleted before."""
        gone = [name for name in self.gone if name.startswith(folder + "/")]
        if gone and self.rng.random() < 0.4:
            name = self.rng.choice(gone)
            self.gone.remove(name)
            return name
        self.counter += 1
        prefix = "h" if folder == "hubs" else self.rng.choice("nnnx")
        return f"{folder}/{prefix}{self.counter:03d}"

    def remove(self, name: str) -> None:
        (self.root / f"{name}.md").unlink()
        self.gone.append(name)
        # links to it are taken out, as its author would (a page that
        # links a page that is gone is Sphinx's to rewrite, and it does not)
        for other, note in self.notes.items():
            kept = [link for link in note.get("links", []) if link[1] != name]
            if kept != note.get("links", []):
                note["links"] = kept
                self.write_note(other)

    def retarget(self, old: str, new: str) -> None:
        """Make every page that names *old* name *new* instead."""
        for name, note in self.notes.items():
            hubs = [(new if hub == old else hub, s) for hub, s in note["hubs"]]
            related = [new if other == old else other for other in note["related"]]
            if (hubs, related) != (note["hubs"], note["related"]):
                note["hubs"], note["related"] = hubs, related
                self.write_note(name)
        for name, hub in self.hubs.items():
            cards = [card for section in hub["sections"] for card in section["cards"]]
            if old in hub["hubs"] or any(card["target"] == old for card in cards):
                hub["hubs"] = [new if other == old else other for other in hub["hubs"]]
                for card in cards:
                    card["target"] = new if card["target"] == old else card["target"]
                self.write_hub(name)
        links = [(r, new if t == old else t, x) for r, t, x in self.page["links"]]
        cards = self.page["cards"]
        if links != self.page["links"] or any(c["target"] == old for c in cards):
            self.page["links"] = links
            for card in cards:
                card["target"] = new if card["target"] == old else card["target"]
            self.write_page()

    def sections(self) -> list[tuple[str, dict[str, Any]]]:
        return [
            (name, section)
            for name in sorted(self.hubs)
            for section in self.hubs[name]["sections"]
        ]

    # -- edits to notes ----------------------------------------------------

    def add_note(self) -> str:
        name = self.fresh_name("notes")
        self.notes[name] = self.random_note(name)
        self.write_note(name)
        return name

    def delete_note(self) -> str:
        name = self.pick(self.notes)
        del self.notes[name]
        self.remove(name)
        return name

    def rename_note(self) -> str:
        old = self.pick(self.notes)
        new = self.fresh_name("notes")
        self.notes[new] = self.notes.pop(old)
        self.remove(old)
        self.write_note(new)
        follow = self.rng.random() < 0.5
        if follow:
            self.retarget(old, new)
        return f"{old} -> {new}" + (", links follow" if follow else "")

    def pick_note(self, among: Any = None) -> str:
        """Half the time a note shown on a curated card, whose own title or
        description the card may hide; else any note."""
        among = set(self.notes if among is None else among)
        cards = [card for _, s in self.sections() for card in s["cards"]]
        curated = {card["target"] for card in cards + self.page["cards"]} & among
        if curated and self.rng.random() < 0.5:
            return self.pick(curated)
        return self.pick(among)

    def note_field(self, key: str, value: Callable[[], Any]) -> str:
        name = self.pick_note()
        self.notes[name][key] = value()
        self.write_note(name)
        return f"{name} {key} = {self.notes[name][key]!r}"

    def note_links(self) -> str:
        """New links in a note's text (or none): its backlinks change."""
        name = self.pick(self.notes)
        forms = ["doc", "md", "md-anchor", "project", "ref", "md-label"]
        targets = self.sample(self.notes, self.rng.randrange(0, 4))
        self.notes[name]["links"] = [(self.rng.choice(forms), t) for t in targets]
        self.write_note(name)
        return f"{name} links {self.notes[name]['links']}"

    def note_include(self) -> str:
        """Include a fragment into a note (it is a note no longer), or stop."""
        name = self.pick(self.notes)
        note = self.notes[name]
        note["include"] = (
            "" if note.get("include") else self.rng.choice(["f001", "f002"])
        )
        self.write_note(name)
        return f"{name} includes {note['include'] or 'nothing'}"

    def note_excerpt(self) -> str:
        """A new first paragraph for a note that shows it (no description)."""
        bare = [name for name, note in self.notes.items() if not note["description"]]
        name = self.pick_note(bare or self.notes)
        self.notes[name]["description"] = ""
        self.notes[name]["excerpt"] = self.excerpt()
        self.write_note(name)
        return f"{name} excerpt = {self.notes[name]['excerpt']!r}"

    # -- edits to hubs -----------------------------------------------------

    def add_hub(self) -> str:
        name = self.fresh_name("hubs")
        self.hubs[name] = self.random_hub(name)
        for section in self.hubs[name]["sections"]:
            section["cards"] = self.random_cards(0, 3)
        self.write_hub(name)
        return name

    def delete_hub(self) -> str:
        # preferably one that notes name in ``hubs:``
        named = {hub for note in self.notes.values() for hub, _ in note["hubs"]}
        name = self.pick(named & set(self.hubs) or self.hubs)
        del self.hubs[name]
        self.remove(name)
        return name

    def rename_hub(self) -> str:
        old = self.pick(self.hubs)
        new = self.fresh_name("hubs")
        self.hubs[new] = self.hubs.pop(old)
        self.remove(old)
        self.write_hub(new)
        follow = self.rng.random() < 0.5
        if follow:
            self.retarget(old, new)
        return f"{old} -> {new}" + (", links follow" if follow else "")

    def hub_field(self, key: str, value: Callable[[], Any]) -> str:
        name = self.pick(self.hubs)
        self.hubs[name][key] = value()
        self.write_hub(name)
        return f"{name} {key} = {self.hubs[name][key]!r}"

    def hub_description(self) -> str:
        name = self.pick(self.hubs)
        self.hubs[name].update(self.random_hub_description())
        self.write_hub(name)
        return f"{name} description = {self.hubs[name]['description']!r}"

    def hub_memberships(self) -> str:
        """A hub joins (or leaves) other hubs: a sub-map card there."""
        name = self.pick(self.hubs)
        others = [hub for hub in self.hubs if hub != name]
        self.hubs[name]["hubs"] = self.sample(others, self.rng.randrange(0, 2))
        self.write_hub(name)
        return f"{name} hubs = {self.hubs[name]['hubs']}"

    def section_field(self, key: str, value: Callable[[], Any]) -> str:
        name, section = self.rng.choice(self.sections())
        if key == "default":  # move the mark, or drop it
            for other in self.hubs[name]["sections"]:
                other["default"] = False
        section[key] = value()
        self.write_hub(name)
        return f"{name} {section['title']!r} {key} = {section[key]!r}"

    def add_section(self) -> str:
        name = self.pick(self.hubs)
        sections = self.hubs[name]["sections"]
        section = self.random_section([s["title"] for s in sections])
        section["cards"] = self.random_cards(0, 3)
        sections.insert(self.rng.randrange(len(sections) + 1), section)
        self.write_hub(name)
        return f"{name} + {section['title']!r}"

    def remove_section(self) -> str:
        # preferably from a hub that keeps a section
        sizes = {name: len(hub["sections"]) for name, hub in self.hubs.items()}
        name = self.pick(
            [n for n in sizes if sizes[n] > 1] or [n for n in sizes if sizes[n]]
        )
        sections = self.hubs[name]["sections"]
        section = sections.pop(self.rng.randrange(len(sections)))
        self.write_hub(name)
        return f"{name} - {section['title']!r}"

    def rename_section(self) -> str:
        name, section = self.rng.choice(self.sections())
        old = section["title"]
        taken = [s["title"] for s in self.hubs[name]["sections"]]
        section["title"] = self.rng.choice(
            [t for t in SECTION_TITLES if t not in taken]
        )
        self.write_hub(name)
        return f"{name} {old!r} -> {section['title']!r}"

    def curate(self) -> str:
        """Take a card away, or add one.  Loose notes, which only such
        edits bring onto a hub, come and go most."""
        rng = self.rng
        loose = self.loose()
        cards = [
            (name, section, card)
            for name, section in self.sections()
            for card in section["cards"]
        ]
        if cards and rng.random() < 0.5:
            on_loose = [c for c in cards if c[2]["target"] in loose]
            name, section, card = rng.choice(
                on_loose if on_loose and rng.random() < 0.7 else cards
            )
            section["cards"].remove(card)
            self.write_hub(name)
            return f"{name} {section['title']!r} - {card['target']}"
        name, section = rng.choice(self.sections())
        card = self.random_card(self.maybe_loose())
        section["cards"].insert(rng.randrange(len(section["cards"]) + 1), card)
        self.write_hub(name)
        return f"{name} {section['title']!r} + {card['target']}"

    def card_override(self) -> str:
        """Give a curated card its own title or description, or take it back."""
        curated = [(name, s) for name, s in self.sections() if s["cards"]]
        name, section = self.rng.choice(curated)
        card = self.rng.choice(section["cards"])
        key = self.rng.choice(["title", "description"])
        card[key] = self.rng.choice(["", f"Own {key} {self.rng.randrange(99)}"])
        self.write_hub(name)
        return f"{name} card {card['target']} {key} = {card[key]!r}"

    # -- edits to an ordinary page -----------------------------------------

    def page_links(self) -> str:
        self.random_page()
        self.write_page()
        return str(self.page["links"])

    def page_cards(self) -> str:
        self.page["cards"] = self.page_cards_random()
        self.write_page()
        return str(self.page["cards"])

    # -- the sequence ------------------------------------------------------

    def operations(self) -> dict[str, Callable[[], str]]:
        rng = self.rng

        def choice(*values: Any) -> Callable[[], Any]:
            return lambda: rng.choice(values)

        def tags() -> list[str]:
            return rng.sample(TAGS, rng.randrange(0, 3))

        return {
            "add note": self.add_note,
            "delete note": self.delete_note,
            "rename note": self.rename_note,
            "note title": lambda: self.note_field("title", self.title),
            "note description": lambda: self.note_field(
                "description", self.description
            ),
            "note excerpt": self.note_excerpt,
            "note include": self.note_include,
            "note kind": lambda: self.note_field("kind", choice(*KINDS)),
            "note tags": lambda: self.note_field("tags", tags),
            "note hubs": lambda: self.note_field(
                "hubs", lambda: self.memberships(with_section=False)
            ),
            "note hubs#section": lambda: self.note_field(
                "hubs", lambda: self.memberships(with_section=True)
            ),
            "note related": lambda: self.note_field("related", self.related),
            "note date": lambda: self.note_field("date", self.date),
            "note priority": lambda: self.note_field(
                "priority", choice(None, *range(1, 6))
            ),
            "add hub": self.add_hub,
            "delete hub": self.delete_hub,
            "rename hub": self.rename_hub,
            "hub title": lambda: self.hub_field(
                "title", lambda: f"Hub {rng.choice(WORDS)}"
            ),
            "hub kind": lambda: self.hub_field(
                "kind", choice("", "Topic Hub", "Sub-Map", "Reading")
            ),
            "hub view": lambda: self.hub_field("view", choice("", "cards", "list")),
            "hub class": lambda: self.hub_field(
                "class", choice("", "featured", "quiet")
            ),
            "hub description": self.hub_description,
            "hub hubs": self.hub_memberships,
            "add section": self.add_section,
            "remove section": self.remove_section,
            "rename section": self.rename_section,
            "section columns": lambda: self.section_field(
                "columns", choice(None, 1, 2, 3, 4)
            ),
            "section tags": lambda: self.section_field("tags", tags),
            "section glob": lambda: self.section_field("glob", choice("", *GLOBS)),
            "section sort": lambda: self.section_field("sort", choice(*SORTS)),
            "section limit": lambda: self.section_field(
                "limit", choice(None, 1, 2, 3, 5)
            ),
            "section default": lambda: self.section_field(
                "default", lambda: rng.random() < 0.7
            ),
            "section class": lambda: self.section_field(
                "class", choice("", "wide", "narrow")
            ),
            "curate": self.curate,
            "card override": self.card_override,
            "page links": self.page_links,
            "page cards": self.page_cards,
            "note links": self.note_links,
        }

    def schedule(self, steps: int) -> list[str]:
        """Every operation once, the rest drawn by weight, in random order."""
        names = list(self.operations())
        weights = [WEIGHTS.get(name, 1) for name in names]
        order = names + self.rng.choices(names, weights, k=steps - len(names))
        self.rng.shuffle(order)
        return order

    def instead(self, operation: str) -> str:
        """*operation*, or what to do when the garden has nothing for it:
        a delete below the floor adds, an edit of cards or sections that
        are not there adds them."""
        if operation == "delete note" and len(self.notes) <= MIN_NOTES:
            return "add note"
        if operation == "delete hub" and len(self.hubs) <= MIN_HUBS:
            return "add hub"
        cards = [card for _, section in self.sections() for card in section["cards"]]
        if operation == "card override" and not cards:
            operation = "curate"
        on_sections = ("section ", "remove section", "rename section", "curate")
        if operation.startswith(on_sections) and not self.sections():
            return "add section"
        return operation

    def edit(self, operation: str) -> str:
        operation = self.instead(operation)
        return f"{operation}: {self.operations()[operation]()}"


def build(src: Path, out: Path) -> set[str]:
    """Build *src* to HTML in *out*, reusing what is there; return the
    documents the build knows."""
    app = SphinxTestApp("html", srcdir=src, builddir=out)
    app.builder.search = False  # no search page or index: not compared
    try:
        app.build()
        return set(app.env.found_docs)
    finally:
        app.cleanup()


def body(out: Path, docname: str) -> str:
    text = (out / "html" / f"{docname}.html").read_text(encoding="utf-8")
    start = text.index(BODY_START)
    return text[start : text.index(BODY_END, start)]


#: The garden's JSON file, compared as a page is (its bytes)
GARDEN = "<garden.json>"


def garden_json(out: Path) -> str:
    return (out / "html" / "garden.json").read_text(encoding="utf-8")


Clean = tuple[set[str], dict[str, str]]


def clean_build(src: Path, out: Path) -> Clean:
    """A clean build of *src*: its documents and their page bodies."""
    docs = build(src, out)
    bodies = {docname: body(out, docname) for docname in docs}
    bodies[GARDEN] = garden_json(out)
    shutil.rmtree(src)
    shutil.rmtree(out)
    return docs, bodies


REQUIRED = {
    *("add note", "delete note", "rename note"),
    *("note title", "note description", "note excerpt", "note kind"),
    "note include",
    *("note tags", "note hubs", "note hubs#section", "note related"),
    *("note date", "note priority"),
    *("add hub", "delete hub", "rename hub"),
    *("hub title", "hub kind", "hub view", "hub class", "hub description"),
    "hub hubs",
    *("add section", "remove section", "rename section"),
    *("section columns", "section tags", "section glob", "section sort"),
    *("section limit", "section default", "section class"),
    *("curate", "card override", "page links", "page cards", "note links"),
}


def test_incremental_equals_clean_after_every_edit(tmp_path: Path) -> None:
    garden = Garden(tmp_path / "src", random.Random(SEED))
    incremental = tmp_path / "incremental"
    build(garden.root, incremental)
    history: list[str] = []
    pending: deque[tuple[int, set[str], dict[str, str], Future[Clean]]] = deque()

    def check(
        step: int, docs: set[str], bodies: dict[str, str], clean: Future[Clean]
    ) -> None:
        expected_docs, expected = clean.result()
        lines = enumerate(history[: step + 1])
        trail = "\n".join(f"{n:3d} {line}" for n, line in lines)
        trail = f"\nafter step {step} of:\n{trail}"
        assert docs == expected_docs, f"the documents differ{trail}"
        for docname, text in sorted(expected.items()):
            assert bodies[docname] == text, f"{docname} is not as built clean{trail}"

    # fork: a worker starts with the test's modules already imported
    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
    workers = min(4, os.cpu_count() or 1)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        for step, operation in enumerate(garden.schedule(STEPS)):
            history.append(garden.edit(operation))
            docs = build(garden.root, incremental)
            bodies = {docname: body(incremental, docname) for docname in docs}
            bodies[GARDEN] = garden_json(incremental)
            source = tmp_path / f"clean-src-{step}"
            shutil.copytree(garden.root, source)
            clean = pool.submit(clean_build, source, tmp_path / f"clean-{step}")
            pending.append((step, docs, bodies, clean))
            while pending and pending[0][3].done():
                check(*pending.popleft())
        while pending:
            check(*pending.popleft())
    finally:
        pool.shutdown(cancel_futures=True)

    done = {line.split(":")[0] for line in history}
    assert not REQUIRED - done, f"never exercised: {sorted(REQUIRED - done)}"
    assert set(garden.operations()) == REQUIRED
    assert len(history) >= 60
