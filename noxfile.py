"""Test, docs and lint sessions: ``python -m nox -s tests`` / ``docs`` / ``lint``.

``tests`` runs the whole suite against the oldest and the newest release of
every supported dependency (the ranges in pyproject.toml are exactly these),
on every supported Python: each point of the matrix on the Python it names.
A Python that is not on this machine is skipped, except under CI (the ``CI``
environment variable set), where it fails the run.  The other sessions run
on the Python that runs nox.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.sessions = ["tests", "docs", "lint"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = bool(os.environ.get("CI"))

#: (Python, pins) -- the oldest supported set on the oldest Python; the
#: newest Sphinx for Python 3.12 (9.1; 9.2 needs 3.13); the newest of
#: everything on the newest Python.  Each point has every tested theme: the
#: browser tests run on all three -- but sphinx-rtd-theme, whose releases
#: need docutils < 0.23, is tested at the two points that can install it.
MATRIX = [
    nox.param(
        "3.11",
        [
            "sphinx==8.1.*",
            "docutils==0.21.*",
            "myst-parser==4.0.*",
            "sphinx-design==0.6.1",
        ],
        ["rtd-theme"],
        id="oldest",
    ),
    nox.param(
        "3.12",
        [
            "sphinx==9.1.*",
            "docutils==0.22.*",
            "myst-parser==5.*",
            "sphinx-design==0.8.*",
        ],
        ["rtd-theme"],
        id="sphinx91",
    ),
    nox.param(
        "3.13",
        [
            "sphinx==9.2.*",
            "docutils==0.23.*",
            "myst-parser==5.*",
            "sphinx-design==0.8.*",
        ],
        [],
        id="newest",
    ),
]
THEMES = [
    "alabaster",
    "furo",
    "pydata_sphinx_theme",
    "sphinx_book_theme",
    "sphinx_rtd_theme",
]


@nox.session
@nox.parametrize("python,pins,extras", MATRIX)
def tests(session: nox.Session, pins: list[str], extras: list[str]) -> None:
    """The whole test suite on one point of the version matrix, with every
    theme that point installs (a missing one fails the browser tests instead
    of skipping them; one it cannot install is deselected)."""
    session.install(f".[{','.join(['test', 'docs', 'themes', *extras])}]", *pins)
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    env = {"HUBS_REQUIRE_THEMES": "1"}
    args = [] if "rtd-theme" in extras else ["-k", "not sphinx_rtd_theme"]
    session.run("python", "-m", "pytest", *args, *session.posargs, env=env)


@nox.session
def themes(session: nox.Session) -> None:
    """Build the docs in every tested theme (docs/_build/themes/<theme>)."""
    session.install(".[docs,themes,rtd-theme]")
    for theme in THEMES:
        session.run(
            "python",
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            "-D",
            f"html_theme={theme}",
            "docs",
            f"docs/_build/themes/{theme}",
        )


@nox.session
def screenshots(session: nox.Session) -> None:
    """Retake the docs' screenshots of the demo hub in every theme and mode."""
    session.install(".[test,docs,themes,rtd-theme]")
    session.run(
        "python",
        "-m",
        "pytest",
        "tests/test_themes.py",
        "-k",
        "moves",
        env={
            "HUBS_SCREENSHOTS": "docs/_static/screenshots",
            "HUBS_REQUIRE_THEMES": "1",
        },
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs site (with the demo garden) into docs/_build/html, with
    warnings as errors and nitpicky references, then check its links (the
    internal ones; this machine may have no network for the others)."""
    session.install(".[docs]")
    session.run(
        "python",
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )
    session.run(
        "python",
        "-m",
        "sphinx",
        "-b",
        "linkcheck",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-D",
        "linkcheck_ignore=https?://.*",
        "docs",
        "docs/_build/linkcheck",
    )


@nox.session
def publish(session: nox.Session) -> None:
    """The docs in the formats Read the Docs publishes besides HTML
    (.readthedocs.yaml): ``make latexpdf`` (a PDF through LaTeX, which this
    session needs: README.md) and ``make epub``, with warnings as errors.
    A character of the docs without a glyph in the PDF's fonts fails it."""
    session.install(".[docs]")
    for target in ("latexpdf", "epub"):
        session.run(
            "python",
            "-m",
            "sphinx",
            "-M",
            target,
            "docs",
            "docs/_build",
            "-W",
            "--keep-going",
            "-n",
            "-q",
        )
    missing = [
        f"{log.name}: {line}"
        for log in Path("docs/_build/latex").glob("*.log")
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if "Missing character" in line
    ]
    if missing:
        session.error("characters without a glyph in the PDF:\n" + "\n".join(missing))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (style, imports, bugs) and mypy (strict) over the package."""
    session.install(".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (not tests): hubs vs hand-written static cards."""
    session.install(".")
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """Compile the label catalogues (``locale/*/LC_MESSAGES/*.po``) to ``.mo``."""
    session.install("babel")
    session.run(
        "python",
        "-c",
        "import pathlib\n"
        "from babel.messages.mofile import write_mo\n"
        "from babel.messages.pofile import read_po\n"
        "for po in pathlib.Path('sphinxext_hubs/locale').glob('*/*/*.po'):\n"
        "    with po.open('rb') as src, po.with_suffix('.mo').open('wb') as mo:\n"
        "        write_mo(mo, read_po(src))\n"
        "    print('compiled', po)\n",
    )
