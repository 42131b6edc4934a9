"""Benchmark sphinxext-hubs against the same garden written by hand.

    python benchmarks/bench.py [--sizes 2000 20000] [--out FILE]

For each size N it generates two gardens with :mod:`generate` (seeded, so
every run builds the same pages): the *hubs* garden, and the *static
baseline* -- the same notes and the same cards written out by hand with
sphinx-design, without the extension.  Then:

1. a full HTML build of each (``python -m sphinx -b html -q``, a fresh
   output directory, one child process each); wall time and the child's peak
   resident memory (``ru_maxrss`` from ``os.wait4`` on that child);
2. on the hubs garden, a rebuild with nothing changed (what Sphinx rewrites by
   itself), then a rebuild after editing one note's ``description``: its time,
   the HTML pages rewritten (mtime changed), the pages whose bytes changed,
   and the pages that truly depend on that note, from the generated data;
3. a full build of the hubs garden with ``-j 2``, compared with ``-j 1`` (time,
   and whether the HTML is byte-identical).

The hubs garden draws graphs as a project does by default (a local graph on
every note and hub, the whole garden's on the start page); a third garden,
the same with no graph, is built in turn with the other two in step 1, so
the table shows what graphs cost.

Across sizes it reports how the hubs build time scales.  The figures are
printed as a Markdown table and written to ``--out``.  See README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

#: Targets: ratio hubs / baseline, and scaling slack over linear.
TIME_TARGET = 1.05
MEMORY_TARGET = 1.10
#: Each incremental rebuild (edit, add, delete) against the baseline's.
REBUILD_TARGET = 1.2
#: Each incremental rebuild (edit, add, delete) is timed this many times
#: on each garden; the fastest counts.
REBUILDS = 3
#: The largest page of the all-notes list, in KB.
INDEX_PAGE_TARGET = 300
#: The all-notes page's name in the generated gardens.
INDEX = generate.INDEX_DOCNAME
#: Sphinx's toctree bookkeeping, as timing.py names it.
STEP = "TocTreeCollector.clear_doc"
#: The description the incremental step gives the edited note.
EDITED = "An edited description, for the benchmark."
SCALING_SLACK = 1.10

LOAD_AT_START = os.getloadavg()[0]


@dataclass
class Run:
    seconds: float
    max_rss_mib: float
    warnings: int
    stderr: str
    #: 1-minute load average when the build ended (other work on the machine)
    load: float = 0.0
    #: seconds spent in the extension's own code, by entry point (timing.py)
    own: dict[str, float] = field(default_factory=dict)
    #: seconds in Sphinx's own superlinear steps, full collections (timing.py)
    sphinx: dict[str, float] = field(default_factory=dict)

    @property
    def own_seconds(self) -> float:
        return sum(self.own.values())

    @property
    def own_gc_seconds(self) -> float:
        """Garbage-collector pauses that fell into the extension's code."""
        return self.sphinx.get("garbage collector, within the extension", 0.0)


@dataclass
class Incremental:
    noop: Run
    #: HTML pages a rebuild with no change writes again (Sphinx's own pages)
    noop_rewritten: list[str]
    edit: Run
    #: HTML pages written again after the edit, minus ``noop_rewritten``
    rewritten: list[str]
    #: HTML pages whose bytes changed after the edit
    changed: list[str]
    #: the pages of the source files the edit wrote
    sources: list[str] = field(default_factory=list)


@dataclass
class SizeResult:
    n_notes: int
    n_hubs: int = 0
    n_cards: int = 0
    pages: int = 0
    generate_seconds: float = 0.0
    hubs: list[Run] = field(default_factory=list)
    static: list[Run] = field(default_factory=list)
    #: full builds of the hubs garden with no graph drawn
    plain: list[Run] = field(default_factory=list)
    #: pages with a local graph, their drawings' bytes in all; the
    #: whole-garden graph's nodes and whether it shows the hubs only
    local_graphs: tuple[int, int] = (0, 0)
    garden_graph: tuple[int, bool] = (0, False)
    model_problems: list[str] = field(default_factory=list)
    edited: str = ""
    #: one-note edit on the hubs garden, and the same edit on the baseline
    inc: Incremental | None = None
    static_inc: Incremental | None = None
    #: pages showing something of the edited note (from the generated data)
    dependent: list[str] = field(default_factory=list)
    #: what Sphinx itself rewrites for that edit (measured on the baseline)
    sphinx_own: list[str] = field(default_factory=list)
    parallel: Run | None = None
    static_parallel: Run | None = None
    #: rebuilds after adding one note, then deleting it: (hubs, baseline)
    added: tuple[Run, Run] | None = None
    deleted: tuple[Run, Run] | None = None
    parallel_differs: list[str] = field(default_factory=list)
    #: the largest page of the all-notes list (which the extension writes
    #: itself) and its size in bytes; the garden's JSON file's size
    largest_index: tuple[str, int] = ("", 0)
    #: every incremental rebuild timed, by step: (hubs runs, baseline runs)
    rebuilds: dict[str, tuple[list[Run], list[Run]]] = field(default_factory=dict)
    garden_json: int = 0

    @property
    def expected(self) -> list[str]:
        """The pages an edit of ``edited`` must rewrite, and no others."""
        return sorted(set(self.dependent) | set(self.sphinx_own))

    def best(self, runs: list[Run]) -> float:
        return min(run.seconds for run in runs)

    @property
    def fastest_hubs(self) -> Run:
        """The fastest full build of the hubs garden (the one the table shows)."""
        return min(self.hubs, key=lambda run: run.seconds)

    @property
    def fastest_static(self) -> Run:
        """The fastest full build of the baseline."""
        return min(self.static, key=lambda run: run.seconds)

    def memory(self, runs: list[Run]) -> float:
        return statistics.median(run.max_rss_mib for run in runs)


def sphinx_build(src: Path, out: Path, *, jobs: int = 1, log: Path) -> Run:
    """One ``sphinx-build`` in a child process: wall time and its peak RSS.

    ``timing.py`` is loaded into every build (of both gardens, so that a
    garden's configuration never changes between builds); it measures the
    time spent in the extension's own code and in Sphinx's own superlinear
    steps (in the main process: all of it when serial).
    """
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q"]
    command += ["-j", str(jobs), str(src), str(out)]
    env = dict(os.environ)
    timing = log.with_suffix(".timing.json")
    loaded = [*generate.extensions(static=src.name == "static"), "timing"]
    command += ["-D", "extensions=" + ",".join(loaded)]
    path = [str(Path(__file__).resolve().parent), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, path))
    env["HUBS_TIMING"] = str(timing)
    stderr_path = log.with_suffix(".stderr")
    with open(log, "wb") as stdout, open(stderr_path, "wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = stderr_path.read_text(encoding="utf-8", errors="replace")
    timed = json.loads(timing.read_text(encoding="utf-8"))
    if child.returncode != 0:
        raise SystemExit(f"build of {src} failed ({child.returncode}):\n{text}")
    return Run(
        seconds=seconds,
        max_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        warnings=text.count("WARNING:"),
        stderr=text,
        load=os.getloadavg()[0],
        own=timed["by"],
        sphinx=timed["sphinx"] | {"full collections": timed["full_collections"]},
    )


SVG = re.compile(rb"<svg\b.*?</svg>", re.S)
GRAPH_NODE = re.compile(rb"<a\b[^>]*\bhubs-graph-node\b")


def graph_facts(out: Path) -> tuple[tuple[int, int], tuple[int, bool]]:
    """The local graphs of *out* (pages, bytes of their drawings) and the
    whole-garden graph of its start page (nodes, hubs only)."""
    pages = size = 0
    for path in out.rglob("*.html"):
        if path.name == "index.html" and path.parent == out:
            continue
        drawings = SVG.findall(path.read_bytes())
        if drawings:
            pages += 1
            size += sum(len(drawing) for drawing in drawings)
    start = (out / "index.html").read_bytes()
    nodes = sum(len(GRAPH_NODE.findall(svg)) for svg in SVG.findall(start))
    return (pages, size), (nodes, b"hubs-graph-notice" in start)


def html_state(out: Path) -> dict[str, tuple[int, str]]:
    """Every HTML page of *out*: (mtime in ns, sha256 of its bytes)."""
    state = {}
    for path in out.rglob("*.html"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        state[path.relative_to(out).as_posix()] = (path.stat().st_mtime_ns, digest)
    return state


def page(docname: str) -> str:
    return docname + ".html"


def pick_note(garden: generate.Garden) -> str:
    """A note on some hub; preferably one that other notes list as related,
    link with ``{note}`` and show as a card, so every kind of dependency is
    exercised.  Deterministic."""

    related: set[str] = set()
    links: set[str] = set()
    cards: set[str] = set()
    for note in garden.notes.values():
        related.update(note.related)
        links.update(note.links)
        cards.update(note.cards)

    def score(docname: str) -> tuple[int, ...]:
        hubs = len(garden.appears_in.get(docname, []))
        return (min(hubs, 2), docname in related, docname in links, docname in cards)

    candidates = sorted(name for name in garden.notes if garden.appears_in.get(name))
    return max(candidates, key=score)


def rewritten_pages(
    before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]
) -> tuple[list[str], list[str]]:
    """Pages written again (mtime changed) and pages whose bytes changed."""
    written = sorted(p for p in after if before.get(p, (None,))[0] != after[p][0])
    changed = sorted(p for p in after if before.get(p, (0, None))[1] != after[p][1])
    return written, changed


def verify(n_notes: int, seed: int, outdir: Path) -> list[str]:
    """:func:`generate.verify` in a child, so this process stays small."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import generate; "
        "garden = generate.build_model(int(sys.argv[2]), int(sys.argv[3])); "
        "print(json.dumps(generate.verify(garden, sys.argv[4])))"
    )
    here = str(Path(__file__).resolve().parent)
    command = [sys.executable, "-c", code, here, str(n_notes), str(seed)]
    output = subprocess.run(
        [*command, str(outdir)], check=True, capture_output=True, text=True
    ).stdout
    return list(json.loads(output))


def incremental(
    src: Path, out: Path, change: Callable[[], list[str]], logs: Path
) -> tuple[Incremental, dict[str, tuple[int, str]]]:
    """Rebuild *out* with no change, then after *change* (which writes the
    sources and returns the files it wrote)."""
    before = html_state(out)
    log(f"{src.name}: rebuild with no change")
    noop = sphinx_build(src, out, log=logs / f"noop-{src.name}.log")
    after = html_state(out)
    noop_rewritten, _ = rewritten_pages(before, after)
    edited = change()
    before = after
    log(f"{src.name}: rebuild after editing {', '.join(edited)}")
    edit = sphinx_build(src, out, log=logs / f"edit-{src.name}.log")
    after = html_state(out)
    written, changed = rewritten_pages(before, after)
    rewritten = [p for p in written if p not in noop_rewritten]
    sources = [page(path.removesuffix(".md")) for path in edited]
    return Incremental(noop, noop_rewritten, edit, rewritten, changed, sources), after


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_size(
    n_notes: int, repeat: int, workdir: Path, seed: int, *, parallel_baseline: bool
) -> SizeResult:
    result = SizeResult(n_notes=n_notes)
    root = Path(tempfile.mkdtemp(prefix=f"hubs-bench-{n_notes}-", dir=workdir))
    try:
        start = time.perf_counter()
        garden = generate.generate(root / "hubs", n_notes, static=False, seed=seed)
        generate.generate(root / "static", n_notes, static=True, seed=seed)
        generate.generate(
            root / "plain", n_notes, static=False, seed=seed, graphs=False
        )
        result.generate_seconds = time.perf_counter() - start
        result.n_hubs = len(garden.hubs)
        result.n_cards = sum(
            len(cards) for sections in garden.shown.values() for cards in sections
        )
        logs = root / "logs"
        logs.mkdir()

        # 1. full builds, each time another variant first: the baseline, the
        # hubs garden and the hubs garden with no graph
        variants = ["static", "hubs", "plain"]
        for number in range(repeat):
            order = variants[number % 3 :] + variants[: number % 3]
            for variant in order:
                out = root / f"out-{variant}"
                shutil.rmtree(out, ignore_errors=True)
                log(f"N={n_notes}: full build {number + 1}/{repeat}, {variant}")
                run = sphinx_build(
                    root / variant,
                    out,
                    log=logs / f"full-{variant}-{number}.log",
                )
                log(f"  {run.seconds:.1f} s, {run.max_rss_mib:.0f} MiB")
                getattr(result, variant).append(run)
        hubs_out = root / "out-hubs"
        result.pages = len(list(hubs_out.rglob("*.html")))
        listed = [*hubs_out.glob(f"{INDEX}.html"), *hubs_out.glob(f"{INDEX}/*.html")]
        largest = max(listed, key=lambda path: path.stat().st_size)
        result.largest_index = (
            largest.relative_to(hubs_out).as_posix(),
            largest.stat().st_size,
        )
        result.local_graphs, result.garden_graph = graph_facts(hubs_out)
        json_file = hubs_out / "garden.json"
        result.garden_json = json_file.stat().st_size if json_file.is_file() else 0
        static_pages = len(list((root / "out-static").rglob("*.html")))
        if static_pages != result.pages:
            result.model_problems.append(
                f"{result.pages} HTML pages with hubs, {static_pages} in the baseline"
            )
        result.model_problems += verify(n_notes, seed, hubs_out)

        # 2. incremental: nothing changed, then one note's description
        # edited -- on the baseline by hand everywhere it is shown (the
        # note, the cards and lists showing it), as its author must
        result.edited = pick_note(garden)
        result.dependent = sorted(page(d) for d in garden.dependents(result.edited))
        garden.notes[result.edited].description = EDITED
        result.static_inc, _ = incremental(
            root / "static",
            root / "out-static",
            lambda: generate.write(garden, root / "static", static=True),
            logs,
        )
        # what Sphinx itself rewrites besides the pages edited by hand
        result.sphinx_own = sorted(
            set(result.static_inc.rewritten) - set(result.static_inc.sources)
        )
        result.inc, after = incremental(
            root / "hubs",
            hubs_out,
            lambda: generate.write(garden, root / "hubs", static=False),
            logs,
        )
        # the same edit again (another description each time), the
        # variants in turn: the fastest of REBUILDS counts, as for full builds
        edits = {"hubs": [result.inc.edit], "static": [result.static_inc.edit]}
        for number in range(2, REBUILDS + 1):
            garden.notes[result.edited].description = f"{EDITED} ({number})"
            for variant in ("static", "hubs")[:: 1 if number % 2 else -1]:
                generate.write(garden, root / variant, static=variant == "static")
                log(f"N={n_notes}: rebuild after edit {number}, {variant}")
                edits[variant].append(
                    sphinx_build(
                        root / variant,
                        root / f"out-{variant}",
                        log=logs / f"edit-{variant}-{number}.log",
                    )
                )
        result.inc.edit = min(edits["hubs"], key=lambda run: run.seconds)
        result.static_inc.edit = min(edits["static"], key=lambda run: run.seconds)
        result.rebuilds["edit"] = (edits["hubs"], edits["static"])
        after = html_state(hubs_out)

        # 3. -j 2 from scratch on the edited sources, against the -j 1 output
        log(f"N={n_notes}: full build, -j 2")
        out2 = root / "out-hubs-j2"
        result.parallel = sphinx_build(root / "hubs", out2, jobs=2, log=logs / "j2.log")
        serial = {p: digest for p, (_, digest) in after.items()}
        parallel = {p: digest for p, (_, digest) in html_state(out2).items()}
        result.parallel_differs = sorted(
            p
            for p in serial.keys() | parallel.keys()
            if serial.get(p) != parallel.get(p)
        )
        if parallel_baseline:
            log(f"N={n_notes}: full build of the baseline, -j 2")
            result.static_parallel = sphinx_build(
                root / "static", root / "out-static-j2", jobs=2, log=logs / "j2s.log"
            )

        # 4. one note added (a member of a hub), then deleted, on both --
        # on the baseline with its card and its entry written by hand
        hub = sorted(garden.hubs)[0]
        added = f"notes/{garden.hubs[hub].topic}/added-for-the-benchmark"
        runs: dict[tuple[str, str], list[Run]] = {}
        for number in range(REBUILDS):
            for step in ("add", "delete"):
                if step == "add":
                    generate.add_note(garden, added, "Added for the benchmark", hub)
                else:
                    generate.delete_note(garden, added)
                for variant in ("hubs", "static")[:: -1 if number % 2 else 1]:
                    written = generate.write(
                        garden, root / variant, static=variant == "static"
                    )
                    log(
                        f"N={n_notes}: rebuild after the note's {step} "
                        f"{number + 1}, {variant}: {len(written)} files written"
                    )
                    runs.setdefault((step, variant), []).append(
                        sphinx_build(
                            root / variant,
                            root / f"out-{variant}",
                            log=logs / f"{step}-{variant}-{number}.log",
                        )
                    )
        for step in ("add", "delete"):
            pair = (runs[step, "hubs"], runs[step, "static"])
            result.rebuilds[step] = pair
            fastest = tuple(min(runs, key=lambda run: run.seconds) for runs in pair)
            setattr(result, "added" if step == "add" else "deleted", fastest)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return result


# -- the report ----------------------------------------------------------------


def rebuild_ratios(r: SizeResult) -> str:
    """The three incremental rebuilds' times against the baseline's."""
    pairs = [(r.inc.edit, r.static_inc.edit)] if r.inc and r.static_inc else []
    pairs += [pair for pair in (r.added, r.deleted) if pair]
    ratios = [hubs.seconds / base.seconds for hubs, base in pairs]
    text = " · ".join(f"{ratio:.2f}×" for ratio in ratios)
    return text + " " + verdict(all(ratio <= REBUILD_TARGET for ratio in ratios))


def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def versions() -> str:
    names = ["sphinx", "docutils", "myst-parser", "sphinx-design", "sphinxext-hubs"]
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}"
    )


def report(results: list[SizeResult], command: str) -> str:
    heads = [f"N = {r.n_notes:,}" for r in results]
    rows: list[list[str]] = []

    def row(name: str, target: str, cells: list[str]) -> None:
        rows.append([name, *cells, target])

    row("Hubs / cards shown", "", [f"{r.n_hubs:,} / {r.n_cards:,}" for r in results])
    row("HTML pages", "", [f"{r.pages:,}" for r in results])
    row(
        "Largest page of the all-notes list (KB)",
        f"≤ {INDEX_PAGE_TARGET} KB",
        [
            f"{r.largest_index[1] / 1024:.0f} ({r.largest_index[0]}) "
            + verdict(r.largest_index[1] <= INDEX_PAGE_TARGET * 1024)
            for r in results
        ],
    )
    row(
        "The garden's JSON file (KB)",
        "",
        [f"{r.garden_json / 1024:,.0f}" for r in results],
    )
    row(
        "Baseline is faithful (same cards, Related blocks, pages)",
        "",
        [
            "yes" if not r.model_problems else f"NO ({len(r.model_problems)})"
            for r in results
        ],
    )
    row(
        "Warnings (hubs / baseline)",
        "0 / 0",
        [f"{r.hubs[0].warnings} / {r.static[0].warnings}" for r in results],
    )
    row(
        "Full build, hubs (s)",
        "",
        [f"{r.best(r.hubs):.1f}" for r in results],
    )
    row(
        "Full build, static baseline (s)",
        "",
        [f"{r.best(r.static):.1f}" for r in results],
    )
    row(
        "Time ratio hubs / baseline",
        f"≤ {TIME_TARGET:.2f}×",
        [
            f"{r.best(r.hubs) / r.best(r.static):.3f}× "
            + verdict(r.best(r.hubs) <= TIME_TARGET * r.best(r.static))
            for r in results
        ],
    )
    row(
        "Full build, hubs with no graph drawn (s)",
        "",
        [f"{r.best(r.plain):.1f}" for r in results],
    )
    row(
        "Graphs' cost: full build with / without graphs",
        "",
        [f"{r.best(r.hubs) / r.best(r.plain):.3f}×" for r in results],
    )
    row(
        "Local graphs drawn: pages, their drawings in all (KB)",
        "",
        [f"{r.local_graphs[0]:,}, {r.local_graphs[1] / 1024:,.0f}" for r in results],
    )
    row(
        "The whole garden's graph on the start page: nodes drawn",
        "",
        [
            f"{r.garden_graph[0]:,}" + (" (hubs only)" if r.garden_graph[1] else "")
            for r in results
        ],
    )
    row(
        "Of the hubs build: time in the extension's own code (s)",
        "",
        [
            f"{run.own_seconds:.1f} ({run.own_seconds / run.seconds:.1%}; "
            f"of which {run.own_gc_seconds:.1f} garbage collection)"
            for run in (r.fastest_hubs for r in results)
        ],
    )
    for step, label in [
        ("garbage collector", "CPython's garbage collector"),
        ("TocTreeCollector.clear_doc", "Sphinx's toctree bookkeeping (`clear_doc`)"),
    ]:
        row(
            f"Of the full builds: {label}, hubs / baseline (s)",
            "",
            [
                f"{r.fastest_hubs.sphinx.get(step, 0):.1f} / "
                f"{r.fastest_static.sphinx.get(step, 0):.1f}"
                for r in results
            ],
        )
    row("Peak RSS, hubs (MiB)", "", [f"{r.memory(r.hubs):.0f}" for r in results])
    row(
        "Peak RSS, static baseline (MiB)",
        "",
        [f"{r.memory(r.static):.0f}" for r in results],
    )
    row(
        "Peak RSS, hubs with no graph drawn (MiB)",
        "",
        [f"{r.memory(r.plain):.0f}" for r in results],
    )
    row(
        "Memory ratio hubs / baseline",
        f"≤ {MEMORY_TARGET:.2f}×",
        [
            f"{r.memory(r.hubs) / r.memory(r.static):.3f}× "
            + verdict(r.memory(r.hubs) <= MEMORY_TARGET * r.memory(r.static))
            for r in results
        ],
    )
    incs = [(r, r.inc, r.static_inc) for r in results]
    row(
        "Rebuild, nothing changed: hubs / baseline (s)",
        "",
        [f"{i.noop.seconds:.1f} / {b.noop.seconds:.1f}" for _, i, b in incs],
    )
    row(
        "HTML pages every rebuild writes (Sphinx's own)",
        "",
        [", ".join(i.noop_rewritten) or "none" for _, i, _ in incs],
    )
    row(
        "Rebuild after editing one note's description: hubs / baseline (s)",
        "",
        [f"{i.edit.seconds:.1f} / {b.edit.seconds:.1f}" for _, i, b in incs],
    )
    for label, pair in (("adding", "added"), ("deleting", "deleted")):
        row(
            f"Rebuild after {label} one note: hubs / baseline (s)",
            "",
            [
                f"{getattr(r, pair)[0].seconds:.1f} / {getattr(r, pair)[1].seconds:.1f}"
                if getattr(r, pair)
                else "--"
                for r in results
            ],
        )
    row(
        "Rebuild ratio hubs / baseline: edit · add · delete",
        f"≤ {REBUILD_TARGET:.1f}×",
        [rebuild_ratios(r) for r in results],
    )
    row(
        "Of the hubs rebuild after the edit: the extension's own code (s)",
        "",
        [f"{i.edit.own_seconds:.2f}" for _, i, _ in incs],
    )
    row(
        "Pages rewritten after the edit, hubs",
        "",
        [str(len(i.rewritten)) for _, i, _ in incs],
    )
    row(
        "Truly dependent pages: from the data + Sphinx's own",
        "",
        [
            f"{len(r.expected)} = {len(r.dependent)} + "
            f"{len(set(r.sphinx_own) - set(r.dependent))}"
            for r in results
        ],
    )
    row(
        "Rewritten == truly dependent",
        "equal",
        [verdict(i.rewritten == r.expected) for r, i, _ in incs],
    )
    row(
        "Pages whose HTML bytes changed, hubs",
        "",
        [str(len(set(i.changed) - set(i.noop_rewritten))) for _, i, _ in incs],
    )
    row(
        "Full build -j 1 / -j 2 (s)",
        "",
        [
            f"{r.best(r.hubs):.1f} / {r.parallel.seconds:.1f}" if r.parallel else ""
            for r in results
        ],
    )
    row(
        "Speed-up of -j 2",
        "",
        [
            f"{r.best(r.hubs) / r.parallel.seconds:.2f}×" if r.parallel else ""
            for r in results
        ],
    )
    row(
        "Sphinx's toctree bookkeeping (`clear_doc`), -j 1 / -j 2 (s)",
        "",
        [
            f"{r.fastest_hubs.sphinx.get(STEP, 0):.1f} / "
            f"{r.parallel.sphinx.get(STEP, 0):.1f}"
            if r.parallel
            else ""
            for r in results
        ],
    )
    if any(r.static_parallel for r in results):
        row(
            "Speed-up of -j 2, static baseline (for reference)",
            "",
            [
                f"{r.best(r.static) / r.static_parallel.seconds:.2f}×"
                if r.static_parallel
                else ""
                for r in results
            ],
        )
    row(
        "-j 2 HTML identical to -j 1",
        "identical",
        [
            "yes" if not r.parallel_differs else f"NO ({len(r.parallel_differs)} pages)"
            for r in results
        ],
    )
    lines = [
        "| Figure | " + " | ".join(heads) + " | Target |",
        "|---|" + "---:|" * len(heads) + "---|",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]

    if len(results) >= 2:
        small, large = results[0], results[-1]
        factor = large.n_notes / small.n_notes
        limit = SCALING_SLACK * factor
        hubs = large.best(large.hubs) / small.best(small.hubs)
        static = large.best(large.static) / small.best(small.static)
        memory = large.memory(large.hubs) / small.memory(small.hubs)
        own = large.fastest_hubs.own_seconds / small.fastest_hubs.own_seconds
        big, little = large.fastest_hubs, small.fastest_hubs
        own_work = (big.own_seconds - big.own_gc_seconds) / (
            little.own_seconds - little.own_gc_seconds
        )

        def linear_part(run: Run) -> float:
            return run.seconds - run.sphinx.get("TocTreeCollector.clear_doc", 0)

        hubs_rest = linear_part(big) / linear_part(little)
        static_rest = linear_part(large.fastest_static) / linear_part(
            small.fastest_static
        )
        lines += [
            "",
            f"| Scaling {small.n_notes:,} → {large.n_notes:,} notes ({factor:g}×) "
            "| Time ratio | Target |",
            "|---|---:|---|",
            f"| Hubs full build | {hubs:.2f}× {verdict(hubs <= limit)} "
            f"| ≤ {limit:g}× |",
            f"| Static baseline full build (for reference) | {static:.2f}× | |",
            f"| Time in the extension's own code | {own:.2f}× {verdict(own <= limit)} "
            f"| ≤ {limit:g}× |",
            "| Time in the extension's own code, less garbage-collector pauses "
            f"| {own_work:.2f}× | |",
            f"| Hubs peak RSS | {memory:.2f}× | |",
            "| Hubs full build, less Sphinx's toctree bookkeeping (`clear_doc`) "
            f"| {hubs_rest:.2f}× | |",
            "| Static baseline, less Sphinx's toctree bookkeeping (`clear_doc`) "
            f"| {static_rest:.2f}× | |",
        ]

    details = ["", "Details:", ""]
    for r in results:
        times = ", ".join(f"{run.seconds:.1f}" for run in r.hubs)
        static_times = ", ".join(f"{run.seconds:.1f}" for run in r.static)
        plain_times = ", ".join(f"{run.seconds:.1f}" for run in r.plain)
        loads = ", ".join(f"{run.load:.1f}" for run in r.hubs + r.static + r.plain)
        details.append(
            f"- N = {r.n_notes:,}: generated in {r.generate_seconds:.1f} s; full builds"
            f" (s) hubs [{times}], baseline [{static_times}], hubs with no graph "
            f"[{plain_times}] (best shown above; load average after each: {loads}); "
            f"edited note `{r.edited}`."
        )
        for step, (hubs_runs, static_runs) in r.rebuilds.items():
            details.append(
                f"  - rebuilds after the {step} (s): hubs "
                f"[{', '.join(f'{run.seconds:.1f}' for run in hubs_runs)}], "
                f"baseline [{', '.join(f'{run.seconds:.1f}' for run in static_runs)}]"
                " (the fastest counts)"
            )
        heaviest = sorted(r.fastest_hubs.own.items(), key=lambda item: -item[1])[:4]
        details.append(
            "  - the extension's own code, by entry point (s): "
            + ", ".join(f"`{name}` {seconds:.2f}" for name, seconds in heaviest)
        )
        inc = r.inc
        assert inc is not None
        details.append(
            f"  - Sphinx alone rewrites {r.sphinx_own} for this edit; the data "
            f"says {r.dependent} show it."
        )
        extra = sorted(set(inc.rewritten) - set(r.expected))
        missing = sorted(set(r.expected) - set(inc.rewritten))
        if extra or missing:
            details.append(
                f"  - rewritten but not dependent: {extra[:10]}; "
                f"dependent but not rewritten: {missing[:10]}"
            )
        unchanged = sorted(set(inc.rewritten) - set(inc.changed))
        if unchanged:
            details.append(
                f"  - rewritten with identical bytes ({len(unchanged)}): "
                f"{unchanged[:10]}"
            )
        for problem in r.model_problems[:5]:
            details.append(f"  - baseline mismatch: {problem}")
        if r.parallel_differs:
            details.append(f"  - -j 2 differs from -j 1 in {r.parallel_differs[:10]}")
        for run in (r.hubs[0], r.static[0]):
            if run.warnings:
                first = run.stderr.strip().splitlines()[:3]
                details.append(f"  - warnings, e.g.: {first}")

    header = [
        "# Benchmark: sphinxext-hubs vs hand-written static cards",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {machine()}.",
        "",
        f"Versions: {versions()}.",
        "",
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; 1-minute load average at "
        f"the start: {LOAD_AT_START:.2f}.",
        "",
    ]
    return "\n".join(header + lines + details) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark sphinxext-hubs against hand-written static cards."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--out", type=Path, help="also write the table here")
    parser.add_argument(
        "--repeat",
        type=int,
        help="full builds of each garden per size (default: 3 up to 5,000 notes, "
        "else 1); the fastest counts",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--parallel-baseline",
        action="store_true",
        help="also time a -j 2 build of the baseline, to compare speed-ups",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where the gardens are built (default: a temp dir)"
    )
    args = parser.parse_args()
    command = "python benchmarks/bench.py " + " ".join(sys.argv[1:])
    workdir = args.workdir or Path(tempfile.gettempdir())
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for n_notes in sorted(args.sizes):
        repeat = args.repeat or (3 if n_notes <= 5000 else 1)
        results.append(
            bench_size(
                n_notes,
                repeat,
                workdir,
                args.seed,
                parallel_baseline=args.parallel_baseline,
            )
        )
        table = report(results, command.strip())
        if args.out:  # written after every size, so a long run shows progress
            args.out.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
