"""Shared fixtures: build a copy of a test project and read what users see."""

from __future__ import annotations

import copy
import gc
import logging
import os
import re
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parent.parent / "docs"
#: Debian's Chromium, which the browser tests drive through Playwright.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one for the session (Playwright's sync API runs
    one instance per thread)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def parse_html(html: str | bytes) -> BeautifulSoup:
    """A page as a browser reads it, to query with CSS selectors (lxml's
    HTML parser: the pages are read a thousand times in a run, and it reads
    them several times faster than Python's own)."""
    return BeautifulSoup(html, "lxml")


class Built:
    """A finished build: its app, warnings and parsed pages."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self.srcdir = Path(app.srcdir)

    @property
    def warnings(self) -> str:
        return str(self.app.warning.getvalue())

    def page(self, path: str) -> BeautifulSoup:
        return parse_html((self.outdir / path).read_text(encoding="utf-8"))

    def html(self, docname: str) -> BeautifulSoup:
        return self.page(docname + ".html")

    def text(self, path: str) -> str:
        return (self.outdir / path).read_text(encoding="utf-8")


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled HTML templates, kept for the next build in this process.

    Every build compiles the same theme templates again; with this cache,
    a template whose source is unchanged is compiled once (jinja2 checks
    the source's checksum).  The pages written are the same."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _TemplateCache()


def copy_project(origin: Path, dest: Path) -> Path:
    """A copy of the project in *origin* at *dest* (without its ``_build``),
    to build and edit without touching the original."""
    shutil.copytree(origin, dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def build_project(
    srcdir: Path,
    builddir: Path,
    builder: str = "html",
    *,
    app_options: dict[str, Any] | None = None,
    search: bool = False,
    **confoverrides: Any,
) -> Built:
    """Build the project in *srcdir* as ``sphinx-build -b <builder>`` would
    and return the finished build.

    The output goes to ``builddir/<builder>`` and the doctrees to
    ``builddir/doctrees``: building again into the same *builddir* is an
    incremental build (the environment is kept), a new *builddir* a clean
    one.  *confoverrides* are ``-D`` settings (``html_theme="furo"``);
    *app_options* go to the application (``{"parallel": 2}``,
    ``{"warningiserror": True}``).  An exception of the build is raised
    here.  Sphinx's search index (``searchindex.js`` and ``search.html``)
    is made only with *search*: it is Sphinx's own, stemming every word of
    every page, and no test reads it but the docs' (:func:`docs_site`).

    Afterwards the application is cleaned up (docutils' registries of
    nodes, directives and roles, and ``sys.path``), so the next build in the
    same process starts as clean as a new ``sphinx-build``; the returned
    :class:`Built` still reads its warnings, status and pages.

    How the tests build a project: the :func:`build` fixture uses it
    for a test's own copy, module-scoped fixtures for a build that several
    tests read.
    """
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        builder,
        srcdir=Path(srcdir),
        builddir=Path(builddir),
        confoverrides=confoverrides,
        **(app_options or {}),
    )
    templates = getattr(getattr(app.builder, "templates", None), "environment", None)
    if isinstance(templates, jinja2.Environment):
        templates.bytecode_cache = _TEMPLATES
    if not search and getattr(app.builder, "search", False):
        app.builder.search = False
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(app)


def build_copy(
    origin: Path, workdir: Path, builder: str = "html", **confoverrides: Any
) -> Built:
    """:func:`build_project` on a copy of the project in *origin*, made in
    *workdir* (``workdir/src``, built into ``workdir/src/_build``): for a
    module-scoped fixture, a build that several tests read."""
    src = copy_project(origin, workdir / "src")
    return build_project(src, src / "_build", builder, **confoverrides)


@pytest.fixture(scope="session")
def first_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The first builds of the test projects, kept for :func:`build`: key ->
    ``(built, project, pristine)``.  (Each pytest-xdist worker keeps its
    own.)"""
    return {"root": tmp_path_factory.mktemp("first-builds")}


@pytest.fixture
def build(tmp_path: Path, first_builds: dict[str, Any]) -> Callable[..., Built]:
    """``build(root, builder="html", *, src=None, app_options=None, **conf)``:
    :func:`build_project` on a fresh copy of *root* (the name of a project
    under ``tests/roots/test-<root>``, or a folder).  With ``src=<folder>``,
    build that folder in place instead (into ``<folder>/_build``): again
    with the same *src*, the build is incremental.

    A project's first build with the same builder and settings is made once
    per session: afterwards its sources and build, as they were when it
    finished, are copied back to where it was built (Sphinx keeps an
    environment for the directory it read: an incremental build elsewhere
    would read everything again) and that build is returned -- a clean
    build as the test would have made, which it may edit and build again
    in place.  Only the first such build of a test comes from there (a
    second is a new copy, as before)."""
    counter = iter(range(1000))
    restored: set[str] = set()

    def _build(
        root: str | Path | None,
        builder: str = "html",
        *,
        src: Path | None = None,
        app_options: dict[str, Any] | None = None,
        **conf: Any,
    ) -> Built:
        def built_in(project: Path) -> Built:
            return build_project(
                project, project / "_build", builder, app_options=app_options, **conf
            )

        if src is not None:
            return built_in(src)
        assert root is not None
        origin = root if isinstance(root, Path) else ROOTS / f"test-{root}"
        key = repr((str(origin), builder, sorted(conf.items()), app_options))
        if key in restored:
            return built_in(copy_project(origin, tmp_path / f"src{next(counter)}"))
        restored.add(key)
        if key in first_builds:
            built, project, pristine = first_builds[key]
            shutil.rmtree(project)
            shutil.copytree(pristine, project, symlinks=True)
            return built
        home = first_builds["root"] / str(len(first_builds))
        project = copy_project(origin, home / "src")
        built = built_in(project)
        pristine = shutil.copytree(project, home / "pristine", symlinks=True)
        first_builds[key] = built, project, pristine
        return built

    return _build


#: Settings that change what a builder writes, never what Sphinx reads.
WRITE_ONLY = {"html_theme", "linkcheck_ignore"}


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Built]:
    """``docs_site(builder="html", **confoverrides)``: the docs (with the demo
    garden) built with *builder* and these settings, once in the session
    however many tests read it, from one copy of ``docs/``.

    The docs are read once for the settings that change what is read: the
    builders share that environment, as ``make html latexpdf epub`` shares
    ``_build/doctrees`` (gettext, whose doctrees differ, reads its own), and
    a site in another ``html_theme`` is written from a copy of it (the
    settings of :data:`WRITE_ONLY` change only what is written: the pages
    are the same as a clean build's).  A warning of the reading shows in the
    first build only.
    (Under pytest-xdist each worker has its own session: the tests that
    read one build run on one worker, see :func:`shared_build`.)"""
    src = copy_project(DOCS, tmp_path_factory.mktemp("docs") / "docs")
    # what the docs include from beside them: the garden's JSON Schema
    schema = DOCS.parent / "sphinxext_hubs" / "garden-1.schema.json"
    (src.parent / "sphinxext_hubs").mkdir()
    shutil.copy2(schema, src.parent / "sphinxext_hubs" / schema.name)
    built: dict[str, Built] = {}
    builddirs: dict[str, Path] = {}
    environments: dict[str, Path] = {}  # what is read -> doctrees

    def site(builder: str = "html", **conf: Any) -> Built:
        key = repr((builder, sorted(conf.items())))
        if key not in built:
            read = repr(
                (
                    builder == "gettext",
                    sorted((k, v) for k, v in conf.items() if k not in WRITE_ONLY),
                )
            )
            written = repr((read, conf.get("html_theme")))
            if written not in builddirs:
                builddir = builddirs[written] = src.parent / f"build-{len(builddirs)}"
                if read in environments:
                    shutil.copytree(environments[read], builddir / "doctrees")
                environments.setdefault(read, builddir / "doctrees")
            # a list of this build's own: sphinx-book-theme appends to
            # templates_path, which is otherwise Sphinx's default list,
            # shared by every later build in this process
            conf = {"templates_path": [], **conf}
            built[key] = build_project(
                src, builddirs[written], builder, search=True, **conf
            )
        return built[key]

    return site


#: The settings that make the docs the demo garden alone (``docs/garden``,
#: its index the root document): what the builders' tests look at, read
#: and written in a fraction of the whole docs' time.
GARDEN = {
    "root_doc": "garden/index",
    "exclude_patterns": sorted(
        path.name
        for path in DOCS.iterdir()
        if path.name != "garden" and (path.is_dir() or path.suffix in {".md", ".rst"})
    ),
}


@pytest.fixture(scope="session")
def garden_site(docs_site: Callable[..., Built]) -> Callable[..., Built]:
    """``garden_site(builder="html", **confoverrides)``: :func:`docs_site`
    of the demo garden alone (:data:`GARDEN`)."""

    def site(builder: str = "html", **conf: Any) -> Built:
        return docs_site(builder, **GARDEN, **conf)

    return site


#: conf.py of the small projects tests write (see :func:`write_project`).
CONF = (
    'extensions = ["myst_parser", "sphinx_design", "sphinxext_hubs"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    'exclude_patterns = ["_build", "parts"]\n'
)


def write_project(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write *files* (path -> text or bytes; None: no such file) under
    *root*, with a ``conf.py`` (:data:`CONF`, plus what ``files["conf.py"]``
    adds), a start page whose toctree lists every page, and an all-notes
    page unless given."""
    files = dict(files)
    conf = CONF + str(files.pop("conf.py", ""))
    files.setdefault("notes-index.md", "# All notes\n")
    files.setdefault(
        "index.md", "# Home\n\n```{toctree}\n:glob:\n\n*\nnotes/*\nmaps/*\n```\n"
    )
    for name, content in {"conf.py": conf, **files}.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def write_inventory(path: Path, entries: bytes) -> None:
    """A Sphinx inventory of Python's docs at *path*, as intersphinx reads
    it, listing *entries* (``name domain:role priority uri dispname``
    lines)."""
    header = (
        b"# Sphinx inventory version 2\n# Project: Python\n# Version: 3\n"
        b"# The remainder of this file is compressed using zlib.\n"
    )
    path.write_bytes(header + zlib.compress(entries))


def located_warnings(built: Built) -> list[tuple[str, str, str]]:
    """``(file relative to the project:line, message, subtype)`` of every
    ``hubs.*`` warning (with ``?`` where Sphinx printed no location)."""
    found = []
    for line in re.sub(r"\x1b\[[0-9;]*m", "", built.warnings).splitlines():
        match = re.match(r"(?:(.*?):(\d*): )?WARNING: (.*) \[hubs\.(\w+)\]$", line)
        if match:
            path, number, message, subtype = match.groups()
            where = "?"
            if path is not None:
                relative = os.path.relpath(path, built.srcdir)
                where = f"{relative}:{number}"
            found.append((where, message, subtype))
    return found


def check_counts(page: Any) -> None:
    """Counts equal what is shown: every section's count is the number of
    cards drawn in it; the stats line counts the sections drawn and the
    distinct pages their linked cards lead to."""
    sections = page.select("section.hubs-section")
    linked: set[str] = set()
    for section in sections:
        cards = [
            card
            for card in section.select(".hubs-card")
            if card.find_parent("section", class_="hubs-section") is section
        ]
        count = text_of(section.select_one(".hubs-section-count"))
        assert count == f"{len(cards)} note" + ("s" if len(cards) != 1 else ""), (
            section.get("id"),
            count,
            len(cards),
        )
        for card in cards:
            link = card.select_one(".hubs-card-title a")
            if link is not None and "hubs-card-external" not in card["class"]:
                linked.add(link["href"])
    stats = page.select_one(".hubs-stats")
    if stats is not None:
        notes = text_of(stats.select_one(".hubs-note-count"))
        sections_text = text_of(stats.select_one(".hubs-sections-count"))
        assert notes.split()[0] == str(len(linked)), (notes, sorted(linked))
        assert sections_text.split()[0] == str(len(sections)), sections_text


def text_of(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


def heading(node: Any) -> str:
    """A heading's text as the table of contents shows it: without the
    count beside a hub section's heading, and without the permalink."""
    node = copy.copy(node)
    for extra in node.select(".hubs-section-count, .headerlink"):
        extra.decompose()
    return text_of(node)


# -- running on several cores (pytest-xdist, ``-n auto`` in pyproject.toml) --
#
# The workers get the tests one unit at a time, in collection order, each
# unit to the worker that runs out first: a unit is one test, or all the
# tests that read one shared build (a module- or session-scoped fixture), so
# that one worker makes that build, once.  (xdist's own ``xdist_group``
# marks do not reach its scheduler under pytest 9: the groups are named
# here instead, from the test ids.)

#: Test files whose tests are handed out first, in this order: the longest
#: units first, so that no worker is left with a long one at the end.  The
#: longest single test (the differential one) comes second: the first unit,
#: a theme's group, keeps one worker busy, the differential test starts at
#: once on the other, and the one unit queued behind it is the short test
#: of the third file.
RUN_FIRST = [
    "test_differential.py",
    "test_themes.py",
    "test_env_version.py",
    "test_output_formats.py",
    "test_previews.py",
    "test_demo_garden.py",
    "test_matrix.py",
    "test_snippets.py",
    "test_properties.py",
    "test_collect.py",
    "test_autobuild.py",
]

#: The tests that read one shared build, by file: ``{test name prefix:
#: group}`` ("" for every test of the file).  The browser tests are grouped
#: by theme (see :func:`shared_build`).
SHARED_BUILDS = {
    # the demo garden in alabaster (see below)
    "test_themes.py": {"test_what_moves": "garden-html-alabaster"},
    # the demo garden in HTML with the docs' theme, furo: the furo browser
    # tests'
    "test_demo_garden.py": {"": "garden-html-furo"},
    # the demo garden's LaTeX, which test_pdf compiles
    "test_output_formats.py": {
        "test_print_formats[latex]": "garden-latex",
        "test_pdf": "garden-latex",
    },
    "test_matrix.py": {
        "test_every_directive_in_every_container": "matrix-containers",
        "test_every_container_in_every_builder": "matrix-containers",
        "test_directive_and_role_targets": "matrix-paths",
        "test_globs_and_front_matter_paths": "matrix-paths",
    },
    # the snippet projects, each built once for the file (the fixture snippet)
    "test_snippets.py": {"": "snippets"},
    # the backlinks snippet, built once per theme (the fixture themed)
    "test_previews.py": {"": "previews"},
}


def shared_build(nodeid: str) -> str | None:
    """The group of the test *nodeid* (see :data:`SHARED_BUILDS`), or None
    for a test that reads no build shared with others."""
    path, _, test = nodeid.partition("::")
    name = path.rsplit("/", 1)[-1]
    if name == "test_themes.py" and test.endswith("]"):
        # [light-furo] or [furo]: the demo garden in that theme
        return "garden-html-" + test[:-1].rsplit("[", 1)[1].rsplit("-", 1)[-1]
    for prefix, group in SHARED_BUILDS.get(name, {}).items():
        if test.startswith(prefix):
            return group
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests of :data:`RUN_FIRST` first, in that order (the others
    keep theirs)."""
    rank = {name: number for number, name in enumerate(RUN_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``--dist load`` (the default of ``-n``): one unit at a time in
    collection order, the tests of a shared build (:func:`shared_build`)
    together."""
    if config.getvalue("dist") != "load":
        return None  # another --dist asked for
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return shared_build(nodeid) or nodeid

    config.option.loadscopereorder = False  # collection order (RUN_FIRST)
    return SharedBuildScheduling(config, log)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """Keep each phase's report on the item (browser tests save screenshots
    of failed tests)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def pytest_configure(config: pytest.Config) -> None:
    """No debug log records: the tests' builds show none (they run at
    verbosity 0), yet Sphinx's loggers are at DEBUG whatever the verbosity,
    and a build logs about a thousand debug messages (most while its
    extensions are set up), each a record made and then dropped.

    And the garbage collector runs less often, as the performance guide
    advises for large gardens (docs/explanation/performance.md): a test
    process keeps many builds and parsed pages, which Python's default
    thresholds have it walk through again and again (with them, 8 % of
    the suite's time went to the collector)."""
    logging.disable(logging.DEBUG)
    gc.set_threshold(50_000, 20, 100)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is imported and collected lives as long as the process: the
    collector need not look at it again (:func:`gc.freeze`)."""
    gc.freeze()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under CI (the ``CI`` environment variable set) nothing may be skipped:
    a skipped test fails the run, whatever the reason (a tool, theme or
    Python missing from the machine)."""
    if not os.environ.get("CI") or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.ensure_newline()
        reporter.write_line(
            f"{len(skipped)} skipped under CI, where every test must run",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
