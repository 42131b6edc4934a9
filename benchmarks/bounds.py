"""Resource bounds: builds that stress one dimension each.

- a hub with 5,000 cards (membership, a tags filter and explicit cards);
- a note that is a member of 500 hubs;
- a chain of 200 sub-maps, each hub a card on the one before it, and the last
  on the first (a cycle).

Each garden is built once (``sphinx -b html -q``, a fresh subprocess) and
the wall time, the peak memory of the build, the build's warning count, the
HTML bytes per card of its largest hub page and its largest HTML page are
printed as a Markdown table.  The point is that none of them fails (no
recursion error, no quadratic blow-up), and the figures show how each
grows; a hub page stays under 1.5 KB of HTML per card.

    python benchmarks/bounds.py [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONF = (
    'extensions = ["myst_parser", "sphinxext_hubs"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    'html_theme = "basic"\n'
    'html_sidebars = {"**": []}\n'
)


def _common(root: Path) -> None:
    (root / "notes").mkdir(parents=True)
    (root / "hubs").mkdir()
    (root / "conf.py").write_text(CONF)
    (root / "index.md").write_text(
        "# Bounds\n\n```{toctree}\n:hidden:\n:glob:\n\n"
        "hubs/*\nnotes/*\nnotes-index\n```\n"
    )
    (root / "notes-index.md").write_text("# All notes\n")


def _note(root: Path, name: str, front: str) -> None:
    (root / "notes" / f"{name}.md").write_text(
        f"---\n{front}\n---\n# Note {name}\n\nA short body for {name}.\n"
    )


def big_hub(root: Path, cards: int = 5000) -> None:
    _common(root)
    for number in range(cards):
        if number % 3 == 0:
            front = "hubs: [hubs/big#members]"
        elif number % 3 == 1:
            front = "tags: [bulk]"
        else:
            front = "description: An explicit card."
        _note(root, f"n{number:05d}", front)
    explicit = "".join(
        f"```{{notecard}} /notes/n{number:05d}\n```\n" for number in range(2, cards, 3)
    )
    (root / "hubs" / "big.md").write_text(
        "# Big hub\n\n```{hub}\nFive thousand cards.\n```\n\n"
        f":::{{section}} Explicit\n{explicit}:::\n\n"
        ":::{section} Members\n:sort: -title\n:::\n\n"
        ":::{section} Tagged\n:tags: bulk\n:::\n"
    )


def many_hubs(root: Path, hubs: int = 500) -> None:
    _common(root)
    names = [f"hubs/h{number:03d}#members" for number in range(hubs)]
    _note(root, "popular", f"hubs: [{', '.join(names)}]")
    for number in range(hubs):
        (root / "hubs" / f"h{number:03d}.md").write_text(
            f"# Hub {number}\n\n```{{hub}}\nHub {number}.\n```\n\n"
            ":::{section} Members\n:::\n"
        )


def chain(root: Path, length: int = 200) -> None:
    _common(root)
    for number in range(length):
        following = (number + 1) % length
        (root / "hubs" / f"m{number:03d}.md").write_text(
            f"# Map {number}\n\n```{{hub}}\n:kind: Sub-Map\n\nMap {number}.\n```\n\n"
            f":::{{section}} Next\n```{{notecard}} m{following:03d}\n```\n:::\n"
        )
    _note(root, "leaf", "hubs: [hubs/m199#next]")


SCENARIOS = {
    "hub with 5,000 cards": big_hub,
    "note in 500 hubs": many_hubs,
    "chain of 200 sub-maps (a cycle)": chain,
}


def build(src: Path) -> tuple[float, float, int]:
    out = src.parent / "out"
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"build of {src} failed:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024, stderr.count("WARNING")


#: The class attribute of one card (``hubs-card``, not ``hubs-card-title``).
CARD = re.compile(r'class="(?:[^"]* )?hubs-card(?: [^"]*)?"')


def page_sizes(out: Path) -> tuple[float, int, str]:
    """HTML bytes per card of the hub page with the most cards, and the
    largest HTML page (bytes, name)."""
    per_card, largest, name = 0.0, 0, ""
    most = 0
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        size = len(text.encode("utf-8"))
        if size > largest:
            largest, name = size, str(path.relative_to(out))
        cards = len(CARD.findall(text))
        if cards > most:
            most, per_card = cards, size / cards
    return per_card, largest, name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = [
        "| scenario | documents | build time | peak memory | warnings "
        "| hub page, bytes per card | largest page |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, make in SCENARIOS.items():
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            make(src)
            documents = len(list(src.rglob("*.md")))
            seconds, megabytes, warnings = build(src)
            per_card, largest, page = page_sizes(src.parent / "out")
            # (a page of a few cards is mostly the theme's frame)
            bytes_per_card = "--"
            if make is big_hub:
                target = "" if per_card <= 1536 else " **over 1.5 KB**"
                bytes_per_card = f"{per_card:,.0f} B{target}"
            rows.append(
                f"| {name} | {documents} | {seconds:.1f} s "
                f"| {megabytes:.0f} MB | {warnings} "
                f"| {bytes_per_card} | {largest / 1024:,.0f} KB ({page}) |"
            )
            print(rows[-1], flush=True)
    table = "\n".join(rows)
    print(table)
    if args.out:
        args.out.write_text(table + "\n")


if __name__ == "__main__":
    main()
