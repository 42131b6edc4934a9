"""Generate a realistic, deterministic garden of notes and hubs.

``generate(root, n_notes, static=False, seed=0)`` writes a Sphinx project
into *root*:

- ``notes/<topic>/<slug>.md`` -- *n_notes* MyST notes in 20 topic folders,
  each with YAML front matter (``description``, 2-3 ``tags`` from a
  vocabulary of 60, ``kind``, ``date``, 1-2 ``related`` notes, and for about
  a third of them ``hubs: [hubs/<hub>#<section>]`` or ``hubs: [hubs/<hub>]``),
  a title and 2-4 paragraphs (about 150 words).  Some notes link another
  note with the ``{note}`` role, a few show a standalone ``notecard``.
- ``hubs/<name>.md`` -- about ``n_notes / 50`` hubs with 20-40 cards in 2-4
  sections: written ``notecard`` cards, front-matter members (the
  ``:default:`` section), a ``:tags:`` + ``:glob:`` + ``:limit:`` filter,
  and, on every third hub, a "Sub-Maps" section of other hubs.
- ``notes-index.md`` (the all-notes page), ``index.md`` (the whole garden's
  ``hubgraph`` and a hidden, globbed toctree) and ``conf.py``.  Every note
  with a Related block and every hub draws its local graph (the default);
  with ``graphs=False`` no page draws a graph, to measure their cost.

With ``static=True`` the same pages are written by hand instead: the notes
are byte-for-byte the same except that ``{note}`` links become ``{doc}`` links
and standalone cards become sphinx-design cards, and every page that the
extension would give a *Related* block ends with that block written out (its
hubs, related notes and backlinks, each with its description).  The
hubs become headings, the stats line and section counts as plain text and
sphinx-design ``grid-item-card`` cards -- exactly the cards the extension
shows, computed here with the rules of ``sphinxext_hubs/resolve.py`` (written
cards first, then members and filter matches sorted by title and cut by
``:limit:``).  ``conf.py`` drops ``sphinxext_hubs`` and the start page has no
graph (graphs are drawn by the extension only); everything else is equal.

:func:`verify` checks those computed cards and Related blocks against what a
real build of the hubs garden wrote, so the baseline is known to show the
same.

Run it as ``python benchmarks/generate.py ROOT N [--static] [--seed S]``.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes

TOPICS = [
    "reasoning",
    "retrieval",
    "alignment",
    "evaluation",
    "compute",
    "agents",
    "memory",
    "planning",
    "tooling",
    "data-quality",
    "interpretability",
    "safety",
    "optimization",
    "scaling",
    "distillation",
    "multimodal",
    "robustness",
    "benchmarks",
    "training",
    "inference",
]

TAGS = [
    "chain-of-thought",
    "test-time-scaling",
    "compute-allocation",
    "reward-models",
    "process-supervision",
    "self-consistency",
    "tree-search",
    "verifiers",
    "rlhf",
    "dpo",
    "preference-data",
    "synthetic-data",
    "data-mixing",
    "curriculum",
    "tokenization",
    "long-context",
    "retrieval-augmented",
    "embeddings",
    "reranking",
    "kv-cache",
    "speculative-decoding",
    "quantization",
    "sparsity",
    "mixture-of-experts",
    "distillation",
    "pruning",
    "scaling-laws",
    "emergence",
    "in-context-learning",
    "prompting",
    "tool-use",
    "function-calling",
    "planning",
    "multi-agent",
    "memory-systems",
    "world-models",
    "interpretability",
    "probing",
    "circuits",
    "steering",
    "hallucination",
    "calibration",
    "uncertainty",
    "robustness",
    "adversarial",
    "jailbreaks",
    "red-teaming",
    "evaluation-design",
    "contamination",
    "benchmarks",
    "human-evaluation",
    "llm-as-judge",
    "vision-language",
    "speech",
    "code-generation",
    "math-reasoning",
    "theorem-proving",
    "optimization",
    "learning-rate",
    "overthinking",
]

KINDS = ["Insight", "Open Question", "Claim", "Method", "Observation", "Evidence"]

_WORDS_TEXT = """
model models reasoning budget compute token tokens sample samples search
answer answers accuracy error errors step steps trace traces length longer
shorter prompt prompts difficulty task tasks policy reward rewards signal
signals verifier verifiers training inference scale scaling data mixture
quality noise label labels benchmark benchmarks evaluation judge judges
context window memory retrieval document documents query queries index
agent agents tool tools plan plans action actions feedback loop loops
gradient gradients update updates parameter parameters layer layers head
heads feature features circuit circuits probe probes direction directions
distribution distributions shift shifts robust robustness attack attacks
failure failures mode modes threshold thresholds regime regimes budget
strategy strategies parallel sequential revision revisions refinement
estimate estimates cheap costly early late small large larger smaller
frontier baseline baselines ablation ablations result results claim claims
evidence trend trends curve curves gain gains loss losses cost costs
efficiency latency throughput cache batch batches decoding sampling greedy
beam temperature diversity consistency majority vote votes outcome process
supervision preference preferences human humans annotator annotators
synthetic curriculum schedule warmup rate rates optimizer optimizers
"""
WORDS = _WORDS_TEXT.split()

VERBS = [
    "improve",
    "hurt",
    "change",
    "limit",
    "predict",
    "explain",
    "shape",
    "stabilise",
    "distort",
    "reveal",
]

TITLE_TEMPLATES = [
    "How does {a} {b} affect {c} {d}?",
    "When does {a} {b} stop helping {c} {d}?",
    "Why do {a} {b} {v} {c} {d}?",
    "What limits {a} {b} under {c} {d}?",
    "Can {a} {b} {v} {c} {d}?",
    "Does {a} {b} {v} {c} {d} at scale?",
]

SECTION_TITLES = {
    "explicit": ["Core Insights", "Start Here", "Key Results", "Foundations"],
    "members": ["Reading List", "Members", "Further Notes", "Also Relevant"],
    "filter": ["Recent Threads", "By Tag", "Open Threads", "More in This Topic"],
}

INDEX_DOCNAME = "notes-index"
#: The default of ``hubs_index_page_size``.
INDEX_PAGE_SIZE = 400


def initial(title: str) -> str:
    """A title's group on the all-notes list: its first letter, "0-9" for a
    digit, "#" for anything else."""
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1]
    if first.isalpha():
        return first.upper()
    return "0\u20139" if first.isdigit() else "#"


INDEX_TITLE = "All notes"
ROOT_TITLE = "Garden"

CONF_COMMON = """\
import gc

# Sphinx keeps every doctree in memory until it writes, so each full pass of
# CPython's cyclic garbage collector scans a heap that grows with the project
# and full passes come more often as it grows: collect less often (both
# gardens, see docs/explanation/performance.md).
gc.set_threshold(50_000, 20, 100)

project = "Benchmark garden"
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
# No global navigation: it is quadratic in Sphinx itself.
html_sidebars = {"**": []}
"""


def extensions(static: bool) -> list[str]:
    """The ``extensions`` of either variant's ``conf.py``."""
    return ["myst_parser", "sphinx_design"] + ([] if static else ["sphinxext_hubs"])


@dataclass
class NoteSpec:
    docname: str
    topic: str
    title: str
    description: str
    tags: list[str]
    kind: str
    date: str
    #: docnames, and how each is written in the front matter
    related: list[str] = field(default_factory=list)
    related_written: list[str] = field(default_factory=list)
    #: membership entries as written (``hubs/x`` or ``hubs/x#anchor``)
    hubs: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    #: ``{note}`` role targets (one per note at most) and standalone cards
    links: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)


@dataclass
class SectionSpec:
    role: str  # "submaps" | "explicit" | "members" | "filter"
    title: str
    anchor: str
    cards: list[str] = field(default_factory=list)  # written notecards
    tag: str = ""
    glob_topic: str = ""
    limit: int | None = None
    default: bool = False
    intro: str = ""


@dataclass
class HubSpec:
    docname: str
    topic: str
    title: str
    description: str
    kind: str
    sections: list[SectionSpec] = field(default_factory=list)


@dataclass
class Garden:
    n_notes: int
    seed: int
    notes: dict[str, NoteSpec] = field(default_factory=dict)
    hubs: dict[str, HubSpec] = field(default_factory=dict)
    index_description: str = ""
    #: what the extension shows: hub -> sections -> docnames
    shown: dict[str, list[list[str]]] = field(default_factory=dict)
    #: docname -> hubs showing it, sorted by title (as the Related block)
    appears_in: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> the notes whose text links to it (``{note}`` links and
    #: standalone cards), in docname order (the backlinks)
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> the page of the all-notes list that lists it (computed
    #: once per state of the garden, see :meth:`index_page`)
    index_pages: dict[str, str] | None = None

    def title(self, docname: str) -> str:
        if docname in self.notes:
            return self.notes[docname].title
        if docname in self.hubs:
            return self.hubs[docname].title
        if docname == INDEX_DOCNAME:
            return INDEX_TITLE
        if docname == "index":
            return ROOT_TITLE
        return docname

    def description(self, docname: str) -> str:
        if docname in self.notes:
            return self.notes[docname].description
        if docname in self.hubs:
            return self.hubs[docname].description
        if docname == "index":
            return self.index_description
        return ""

    def linked(self, hub: str) -> list[str]:
        """The distinct pages *hub* shows, in order of first appearance."""
        return list(dict.fromkeys(name for cards in self.shown[hub] for name in cards))

    def index_page(self, docname: str) -> str:
        """The page of the all-notes list that lists *docname*: the list is
        split into pages of at most INDEX_PAGE_SIZE entries (the default of
        ``hubs_index_page_size``), the hubs on the all-notes page, the notes
        by the first letter of their title, in title order."""
        if self.index_pages is None:
            self.index_pages = self._index_pages()
        return self.index_pages[docname]

    def _index_pages(self) -> dict[str, str]:
        listed = [*self.notes, *self.hubs, "index"]
        if len(listed) <= INDEX_PAGE_SIZE:
            return dict.fromkeys(listed, INDEX_DOCNAME)
        pages = dict.fromkeys(self.hubs, INDEX_DOCNAME)
        members = sorted(
            (name for name in listed if name not in self.hubs),
            key=lambda name: (self.title(name).casefold(), name),
        )
        groups: dict[str, list[str]] = {}
        for name in members:
            groups.setdefault(initial(self.title(name)), []).append(name)
        for group, names in groups.items():
            slug = nodes.make_id(group) or "group"
            for number, name in enumerate(names):
                chunk = number // INDEX_PAGE_SIZE
                pages[name] = f"{INDEX_DOCNAME}/{slug}" + (
                    f"-{chunk + 1}" if chunk else ""
                )
        return pages

    def dependents(self, docname: str) -> set[str]:
        """Pages whose output shows *docname*'s description: itself, the hubs
        showing its card, the page of the all-notes list that lists it, the
        pages linking it with ``{note}`` (the description is the link's
        tooltip) or a standalone card, and the pages whose Related block
        lists it (each entry with its description)."""
        pages = {docname, self.index_page(docname), *self.appears_in.get(docname, [])}
        for note in self.notes.values():
            if docname in [*note.links, *note.cards]:
                pages.add(note.docname)
        for name in [*self.notes, *self.hubs]:
            block = self.related_block(name)
            if block and any(docname in names for names in block):
                pages.add(name)
        return pages

    def related_block(self, docname: str) -> tuple[list[str], ...] | None:
        """What the Related block of *docname* lists, by the rules of
        ``sphinxext_hubs/view.py``: the hubs showing it ("Appears in"), its
        related notes that are not among them, and the pages linking to it
        that are in neither list, by title ("Linked from"); less what the
        page shows as cards.  None when it has no block: neither hubs nor
        related notes."""
        hubs = self.appears_in.get(docname, [])
        note = self.notes.get(docname)
        related = [
            name
            for name in dict.fromkeys(note.related if note else [])
            if name in self.notes and name not in hubs and name != docname
        ]
        if not hubs and not related:
            return None
        listed = {docname, *hubs, *related}
        linking = [n for n in self.linked_from.get(docname, []) if n not in listed]
        linking.sort(key=lambda name: (self.title(name).casefold(), name))
        own = set(note.cards) if note else set(self.linked(docname))
        hubs, related, linking = (
            [name for name in names if name not in own]
            for names in (hubs, related, linking)
        )
        if not hubs and not related:
            return None
        return hubs, related, linking


# -- the model ----------------------------------------------------------------


def slugify(text: str) -> str:
    """The anchor docutils gives a heading (``nodes.make_id``) for ASCII text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentence(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, n_words: int, n_paragraphs: int) -> list[str]:
    sizes = [n_words // n_paragraphs] * n_paragraphs
    paragraphs = []
    for size in sizes:
        sentences = []
        left = size
        while left > 0:
            length = min(left, rng.randint(8, 16))
            sentences.append(_sentence(rng, length))
            left -= length
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _title(rng: random.Random, taken: set[str]) -> str:
    while True:
        title = rng.choice(TITLE_TEMPLATES).format(
            a=rng.choice(WORDS),
            b=rng.choice(WORDS),
            c=rng.choice(WORDS),
            d=rng.choice(WORDS),
            v=rng.choice(VERBS),
        )
        title = title[0].upper() + title[1:]
        if title.casefold() not in taken:
            taken.add(title.casefold())
            return title


def build_model(n_notes: int, seed: int = 0) -> Garden:
    """The garden as data: the same for the hubs and the static variant."""
    rng = random.Random(f"sphinxext-hubs-bench:{seed}:{n_notes}")
    garden = Garden(n_notes=n_notes, seed=seed)
    taken_titles: set[str] = {INDEX_TITLE.casefold(), ROOT_TITLE.casefold()}
    taken_slugs: set[str] = set()
    # every topic prefers six tags, so tag filters find notes in their folder
    topic_tags = {topic: rng.sample(TAGS, 6) for topic in TOPICS}
    by_topic: dict[str, list[str]] = {topic: [] for topic in TOPICS}

    for number in range(n_notes):
        topic = TOPICS[number % len(TOPICS)]
        title = _title(rng, taken_titles)
        words = re.findall(r"[a-z]+", title.lower())
        base = "-".join(words[1:5])
        slug, suffix = base, 2
        while slug in taken_slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken_slugs.add(slug)
        tags = [rng.choice(topic_tags[topic])]
        while len(tags) < rng.choice((2, 3)):
            tag = rng.choice(TAGS)
            if tag not in tags:
                tags.append(tag)
        docname = f"notes/{topic}/{slug}"
        garden.notes[docname] = NoteSpec(
            docname=docname,
            topic=topic,
            title=title,
            description=_sentence(rng, rng.randint(22, 28)),
            tags=tags,
            kind=rng.choice(KINDS),
            date=f"{rng.randint(2021, 2025)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}",
            paragraphs=_paragraphs(rng, 150, rng.randint(2, 4)),
        )
        by_topic[topic].append(docname)
    all_notes = list(garden.notes)

    # hubs
    n_hubs = max(1, round(n_notes / 50))
    hub_names: list[str] = []
    for number in range(n_hubs):
        topic = TOPICS[number % len(TOPICS)]
        name = f"hubs/{topic}-{number // len(TOPICS) + 1}"
        hub_names.append(name)
        garden.hubs[name] = HubSpec(
            docname=name,
            topic=topic,
            title=_title(rng, taken_titles),
            description="Navigation hub on "
            + topic.replace("-", " ")
            + ": "
            + _sentence(rng, rng.randint(14, 20)),
            kind="Topic Hub" if number % 4 else "Reading Map",
        )
    for number, name in enumerate(hub_names):
        hub = garden.hubs[name]
        pool = by_topic[hub.topic] or all_notes

        def section(role: str) -> SectionSpec:
            # the titles of the roles differ, so anchors are unique in a hub
            title = rng.choice(SECTION_TITLES[role])
            return SectionSpec(role=role, title=title, anchor=slugify(title))

        others = [other for other in hub_names if other != name]
        if number % 3 == 0 and len(others) >= 2:
            submaps = SectionSpec("submaps", "Sub-Maps", "sub-maps")
            submaps.cards = rng.sample(others, min(len(others), rng.randint(2, 4)))
            hub.sections.append(submaps)
        drop_explicit = not hub.sections and rng.random() < 0.25
        if not drop_explicit:
            explicit = section("explicit")
            count = rng.randint(5, 12)
            chosen: list[str] = []
            while len(chosen) < min(count, len(all_notes)):
                source = pool if rng.random() < 0.7 else all_notes
                candidate = rng.choice(source)
                if candidate not in chosen:
                    chosen.append(candidate)
            explicit.cards = chosen
            hub.sections.append(explicit)
        members = section("members")
        members.default = True
        members.intro = "Notes that name this map in their front matter."
        hub.sections.append(members)
        filtered = section("filter")
        filtered.tag = rng.choice(topic_tags[hub.topic])
        filtered.glob_topic = hub.topic
        filtered.limit = rng.randint(6, 10)
        hub.sections.append(filtered)
        # the filter must match: give its tag to one note of the folder
        if pool is by_topic[hub.topic] and not any(
            filtered.tag in garden.notes[n].tags for n in pool
        ):
            garden.notes[rng.choice(pool)].tags[-1] = filtered.tag

    hubs_by_topic: dict[str, list[str]] = {}
    for name, hub in garden.hubs.items():
        hubs_by_topic.setdefault(hub.topic, []).append(name)

    def membership(hub_name: str) -> str:
        hub = garden.hubs[hub_name]
        roll = rng.random()
        anchors = [s.anchor for s in hub.sections if s.role in ("explicit", "members")]
        if roll < 0.5:
            return hub_name
        if roll < 0.75 or len(anchors) == 1:
            return f"{hub_name}#{anchors[-1]}"
        return f"{hub_name}#{anchors[0]}"

    # front-matter memberships, related notes, links, standalone cards
    for docname in all_notes:
        note = garden.notes[docname]
        if rng.random() < 1 / 3:
            local = hubs_by_topic.get(note.topic)
            first = rng.choice(local if local and rng.random() < 0.8 else hub_names)
            note.hubs.append(membership(first))
            if rng.random() < 0.1 and len(hub_names) > 1:
                second = rng.choice(hub_names)
                if second != first:
                    note.hubs.append(membership(second))
        for _ in range(rng.randint(1, 2)):
            same = rng.random() < 0.7 and len(by_topic[note.topic]) > 1
            other = rng.choice(by_topic[note.topic] if same else all_notes)
            if other == docname or other in note.related:
                continue
            note.related.append(other)
            if same and rng.random() < 0.3:
                written = "./" + other.rsplit("/", 1)[1]
            elif rng.random() < 0.5:
                written = "/" + other
            else:
                written = other
            note.related_written.append(written)
        if rng.random() < 0.15:
            other = rng.choice(all_notes)
            if other != docname:
                note.links.append(other)
        if rng.random() < 0.02:
            other = rng.choice(all_notes)
            if other != docname:
                note.cards.append(other)

    _ensure_members(garden, rng)

    garden.index_description = (
        f"A benchmark garden of {n_notes} notes and {len(garden.hubs)} hubs."
    )
    _resolve(garden)
    return garden


def _ensure_members(garden: Garden, rng: random.Random) -> None:
    """Give every hub's members section at least one member."""
    named: set[str] = set()
    for note in garden.notes.values():
        for entry in note.hubs:
            hub_name, _, anchor = entry.partition("#")
            hub = garden.hubs[hub_name]
            members = next(s for s in hub.sections if s.role == "members")
            if not anchor or anchor == members.anchor:
                named.add(hub_name)
    candidates = [n for n in garden.notes.values() if not n.hubs]
    for name in garden.hubs:
        if name not in named and candidates:
            note = candidates.pop(rng.randrange(len(candidates)))
            note.hubs.append(name)


def _resolve(garden: Garden) -> None:
    """What sphinxext_hubs/resolve.py computes, for this garden's shapes."""
    garden.index_pages = None
    # every note of the project (notes, hubs, index pages), in docname order
    titles = {name: garden.title(name) for name in garden.notes}
    titles.update({name: garden.title(name) for name in garden.hubs})
    titles["index"] = ROOT_TITLE
    titles[INDEX_DOCNAME] = INDEX_TITLE
    members: dict[str, dict[str, list[str]]] = {}
    tags: dict[str, list[str]] = {}
    for docname in sorted(garden.notes):
        note = garden.notes[docname]
        for tag in note.tags:
            tags.setdefault(tag, []).append(docname)
        for entry in note.hubs:
            hub_name, _, anchor = entry.partition("#")
            bucket = members.setdefault(hub_name, {}).setdefault(anchor, [])
            if docname not in bucket:
                bucket.append(docname)

    def key(name: str) -> tuple[str, str]:
        return (titles[name].casefold(), name)

    for hub_name in sorted(garden.hubs):
        hub = garden.hubs[hub_name]
        hub_members = members.get(hub_name, {})
        never = {hub_name, INDEX_DOCNAME}
        sections: list[list[str]] = []
        for section in hub.sections:
            seen = list(dict.fromkeys(c for c in section.cards if c != hub_name))
            collected = list(hub_members.get(section.anchor, []))
            if section.default:
                collected += hub_members.get("", [])
            if section.tag:
                prefix = f"notes/{section.glob_topic}/"
                collected += [
                    n
                    for n in tags.get(section.tag, [])
                    if n.startswith(prefix) and "/" not in n[len(prefix) :]
                ]
            names = sorted(
                {n for n in collected if n not in seen and n not in never}, key=key
            )
            if section.limit is not None:
                names = names[: section.limit]
            sections.append(seen + names)
        garden.shown[hub_name] = sections
    appears: dict[str, list[str]] = {}
    for hub_name in sorted(garden.hubs):
        for target in garden.linked(hub_name):
            appears.setdefault(target, []).append(hub_name)
    garden.appears_in = {
        target: sorted(hubs, key=key) for target, hubs in appears.items()
    }
    linked_from: dict[str, list[str]] = {}
    for docname in sorted(garden.notes):
        note = garden.notes[docname]
        for target in sorted(set(note.links + note.cards) - {docname}):
            if target in garden.notes or target in garden.hubs:
                linked_from.setdefault(target, []).append(docname)
    garden.linked_from = linked_from


# -- writing ------------------------------------------------------------------


def _plural(n: int, one: str, many: str) -> str:
    return (one if n == 1 else many).format(n=n)


def _front_matter(note: NoteSpec) -> str:
    lines = [
        "---",
        f"description: {note.description}",
        f"tags: [{', '.join(note.tags)}]",
        f"kind: {note.kind}",
        f"date: {note.date}",
        f"related: [{', '.join(note.related_written)}]",
    ]
    if note.hubs:
        lines.append(f"hubs: [{', '.join(note.hubs)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


#: The Related block's lists, as the extension heads them.
RELATED_HEADINGS = ("Appears in", "Related notes", "Linked from")


def _related_block(garden: Garden, docname: str) -> str:
    """The Related block written by hand: its heading, and each list of
    :meth:`Garden.related_block` with every entry's description."""
    block = garden.related_block(docname)
    if block is None:
        return ""
    out = ["", "## Related", ""]
    for heading, names in zip(RELATED_HEADINGS, block, strict=True):
        if names:
            out += [f"```{{rubric}} {heading}", "```", ""]
            out += [
                f"- {{doc}}`/{name}` — {garden.description(name)}" for name in names
            ]
            out.append("")
    return "\n".join(out)


def _static_card(garden: Garden, target: str, directive: str) -> str:
    return (
        f":::{{{directive}}} {garden.title(target)}\n"
        f":link: /{target}\n:link-type: doc\n\n"
        f"{garden.description(target)}\n:::\n"
    )


def _note_text(garden: Garden, note: NoteSpec, *, static: bool) -> str:
    parts = [_front_matter(note), f"# {note.title}\n"]
    for number, paragraph in enumerate(note.paragraphs):
        if number == 1 and note.links:
            role = "doc" if static else "note"
            paragraph += f" See also {{{role}}}`/{note.links[0]}`."
        parts.append(paragraph + "\n")
    for target in note.cards:
        if static:
            parts.append(_static_card(garden, target, "card"))
        else:
            parts.append(f"```{{notecard}} /{target}\n```\n")
    text = "\n".join(parts)
    if static:
        text += _related_block(garden, note.docname)
    return text


def _hub_text(garden: Garden, hub: HubSpec) -> str:
    out = [f"# {hub.title}", ""]
    out += ["```{hub}", f":kind: {hub.kind}", "", hub.description, "```", ""]
    for section in hub.sections:
        if section.role in ("submaps", "explicit"):
            out.append(f":::{{section}} {section.title}")
            for target in section.cards:
                if section.role == "submaps":
                    written = target.rsplit("/", 1)[1]  # relative to hubs/
                else:
                    written = "/" + target
                out += [f"```{{notecard}} {written}", "```"]
            out += [":::", ""]
        else:
            out.append(f"```{{section}} {section.title}")
            if section.default:
                out.append(":default:")
            if section.tag:
                out.append(f":tags: {section.tag}")
                out.append(f":glob: /notes/{section.glob_topic}/*")
            if section.limit is not None:
                out.append(f":limit: {section.limit}")
            if section.intro:
                out += ["", section.intro]
            out += ["```", ""]
    return "\n".join(out)


def _static_hub_text(garden: Garden, hub: HubSpec) -> str:
    shown = garden.shown[hub.docname]
    n_linked = len(garden.linked(hub.docname))
    stats = (
        f"{hub.kind} · {_plural(n_linked, '{n} linked note', '{n} linked notes')}"
        f" · {_plural(len(shown), '{n} section', '{n} sections')}"
    )
    out = [
        f"# {hub.title}",
        "",
        f"{{doc}}`← All notes </{INDEX_DOCNAME}>`",
        "",
        hub.description,
        "",
        stats,
        "",
    ]
    for section, cards in zip(hub.sections, shown, strict=True):
        out += [f"## {section.title}", ""]
        out += [_plural(len(cards), "{n} note", "{n} notes"), ""]
        if section.intro:
            out += [section.intro, ""]
        if cards:
            out += ["::::{grid} 1 1 2 2", ""]
            for target in cards:
                out.append(_static_card(garden, target, "grid-item-card"))
            out += ["::::", ""]
    text = "\n".join(out)
    return text + _related_block(garden, hub.docname)


def _static_index_pages(garden: Garden) -> dict[str, str]:
    """The all-notes list written by hand, split into the same pages as the
    extension's (:meth:`Garden.index_page`): docname -> text."""
    names = [*garden.notes, *garden.hubs, "index"]
    names.sort(key=lambda name: (garden.title(name).casefold(), name))
    n_hubs = len(garden.hubs)
    pages: dict[str, list[str]] = {INDEX_DOCNAME: []}
    for name in names:
        pages.setdefault(garden.index_page(name), []).append(name)
    stats = (
        _plural(len(names) - n_hubs, "{n} note", "{n} notes")
        + " · "
        + _plural(n_hubs, "{n} hub", "{n} hubs")
    )
    links = " ".join(f"{{doc}}`/{page}`" for page in pages if len(pages) > 1)
    texts = {}
    for page, listed in pages.items():
        out = [] if page == INDEX_DOCNAME else ["---", "orphan: true", "---", ""]
        title = INDEX_TITLE if page == INDEX_DOCNAME else f"{INDEX_TITLE}: {page}"
        out += [f"# {title}", "", stats, "", links, ""]
        for name in listed:
            out.append(f"- {{doc}}`/{name}` — {garden.description(name)}")
        texts[page] = "\n".join(out) + "\n"
    return texts


def texts(garden: Garden, *, static: bool, graphs: bool = True) -> dict[str, str]:
    """Every source file of the hubs or the static variant: path -> text.

    The hubs variant draws the whole garden's graph on its start page and a
    local graph on every note and hub (the defaults); with *graphs* false it
    draws none, to measure what graphs cost."""
    drawn = not static and graphs
    out = {
        "conf.py": f"extensions = {extensions(static)!r}\n".replace("'", '"')
        + CONF_COMMON
        + ("" if static or graphs else "\nhubs_local_graph_depth = 0\n"),
        "index.md": f"# {ROOT_TITLE}\n\n{garden.index_description}\n\n"
        + ("```{hubgraph}\n```\n\n" if drawn else "")
        + "```{toctree}\n:hidden:\n:glob:\n\nhubs/*\nnotes/**\nnotes-index\n```\n",
    }
    index = (
        _static_index_pages(garden) if static else {INDEX_DOCNAME: f"# {INDEX_TITLE}\n"}
    )
    out.update((f"{page}.md", text) for page, text in index.items())
    for note in garden.notes.values():
        out[f"{note.docname}.md"] = _note_text(garden, note, static=static)
    for hub in garden.hubs.values():
        text = _static_hub_text(garden, hub) if static else _hub_text(garden, hub)
        out[f"{hub.docname}.md"] = text
    return out


def write(
    garden: Garden, root: Path, *, static: bool, graphs: bool = True
) -> list[str]:
    """Make *root* (created if needed) the hubs or the static variant of
    *garden*, as an author would: write the files whose text differs, delete
    the pages that are gone.  Return the paths written or deleted."""
    root = Path(root)
    wanted = texts(garden, static=static, graphs=graphs)
    touched = [
        str(path.relative_to(root))
        for path in root.rglob("*.md")
        if str(path.relative_to(root)) not in wanted
    ]
    for path in touched:
        (root / path).unlink()
    for path, text in wanted.items():
        target = root / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        touched.append(path)
    return sorted(touched)


def add_note(garden: Garden, docname: str, title: str, hub: str) -> None:
    """A new note, a member of *hub*'s default section, into the model."""
    garden.notes[docname] = NoteSpec(
        docname=docname,
        topic=docname.split("/")[1],
        title=title,
        description="A note added for the benchmark.",
        tags=[],
        kind=KINDS[0],
        date="2025-01-01",
        hubs=[hub],
        paragraphs=["A new note."],
    )
    _resolve(garden)


def delete_note(garden: Garden, docname: str) -> None:
    del garden.notes[docname]
    _resolve(garden)


def generate(
    root: Path, n_notes: int, *, static: bool, seed: int = 0, graphs: bool = True
) -> Garden:
    """Write a garden of *n_notes* notes into *root*; return its model."""
    garden = build_model(n_notes, seed)
    write(garden, Path(root), static=static, graphs=graphs)
    return garden


#: The classes of the Related block's lists, in :data:`RELATED_HEADINGS` order.
RELATED_LISTS = ("hubs-appears-in", "hubs-related-notes", "hubs-linked-from")


class _Shown(HTMLParser):
    """What one written page shows: the targets of its hub sections' cards,
    section by section, and of each list of its Related block."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.sections: list[list[str]] = []
        self.related: list[list[str]] = [[], [], []]
        self.in_list: list[str] | None = None

    def target(self, href: str) -> str:
        path = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.page), href.split("#")[0])
        )
        return path.removesuffix(".html")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        href = dict(attrs).get("href") or ""
        if tag == "section" and "hubs-section" in classes:
            self.sections.append([])
        elif tag == "a" and "hubs-card-link" in classes and self.sections:
            self.sections[-1].append(self.target(href))
        elif tag == "ul" and set(classes) & set(RELATED_LISTS):
            self.in_list = self.related[
                next(i for i, name in enumerate(RELATED_LISTS) if name in classes)
            ]
        elif tag == "a" and self.in_list is not None:
            self.in_list.append(self.target(href))

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.in_list = None


def verify(garden: Garden, outdir: Path) -> list[str]:
    """Differences between what is computed here and what a build of the
    hubs garden wrote to *outdir* (empty when the baseline is faithful):
    every hub's cards, section by section, every page's Related block (its
    three lists), every note's description."""
    import pickle

    problems = []
    stored: dict[str, list[list[str]]] = {}
    built_blocks: dict[str, tuple[list[str], ...]] = {}
    for path in sorted(Path(outdir).rglob("*.html")):
        page = path.relative_to(outdir).as_posix()
        shown = _Shown(page)
        shown.feed(path.read_text(encoding="utf-8"))
        name = page.removesuffix(".html")
        if name in garden.hubs:
            stored[name] = shown.sections
        if any(shown.related):
            built_blocks[name] = tuple(shown.related)
    for hub in sorted(set(stored) | set(garden.shown)):
        if stored.get(hub) != garden.shown.get(hub):
            problems.append(
                f"{hub}: built {stored.get(hub)}, model {garden.shown.get(hub)}"
            )
    model_blocks = {
        name: block
        for name in [*garden.notes, *garden.hubs]
        if (block := garden.related_block(name))
    }
    differ = sorted(
        name
        for name in set(built_blocks) | set(model_blocks)
        if built_blocks.get(name) != model_blocks.get(name)
    )
    if differ:
        name = differ[0]
        problems.append(
            f"the Related blocks of {len(differ)} pages differ: {differ[:5]}; "
            f"{name}: built {built_blocks.get(name)}, model {model_blocks.get(name)}"
        )
    with open(Path(outdir) / ".doctrees" / "environment.pickle", "rb") as handle:
        env = pickle.load(handle)
    for name, note in env.domaindata["hubs"]["notes"].items():
        if note.description != garden.description(name) and name != INDEX_DOCNAME:
            problems.append(f"{name}: description {note.description!r}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("n_notes", type=int)
    parser.add_argument("--static", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    garden = generate(args.root, args.n_notes, static=args.static, seed=args.seed)
    cards = sum(len(c) for sections in garden.shown.values() for c in sections)
    print(
        f"{args.root}: {len(garden.notes)} notes, {len(garden.hubs)} hubs, "
        f"{cards} cards ({'static' if args.static else 'hubs'})"
    )


if __name__ == "__main__":
    main()
