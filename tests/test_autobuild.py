"""Under sphinx-autobuild: one rebuild per edit, the served hub shows it,
and the extension's own writes never trigger another rebuild."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from conftest import ROOTS, copy_project, parse_html, text_of

NEW = "Gamma, revised while serving."


def wait_for(
    condition: Callable[[], Any], what: str, log: list[str], timeout: float = 120.0
) -> Any:
    """Poll *condition* until it returns something true, and return that;
    fail after *timeout* seconds, showing the server's *log*."""
    end = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}: {log}")
        time.sleep(0.1)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every file under *folder*."""
    return {
        path.relative_to(folder).as_posix(): (
            path.stat().st_mtime_ns,
            path.stat().st_size,
        )
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_sphinx_autobuild_rebuilds_once_per_edit(tmp_path):
    src = copy_project(ROOTS / "test-basic", tmp_path / "src")
    before = snapshot(src)
    # -W: a warning or an error of any build shows as a failed build below;
    # port 0: sphinx-autobuild picks a free port and says which
    command = [sys.executable, "-m", "sphinx_autobuild", "-q", "-W"]
    command += [str(src), str(tmp_path / "out"), "--host", "127.0.0.1"]
    command += ["--port", "0"]
    server = subprocess.Popen(
        command,
        cwd=tmp_path,  # it names changed files relative to its directory
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()

    def said(text: str) -> list[str]:
        return [line for line in list(lines) if text in line]

    def builds_finished(count: int) -> Callable[[], bool]:
        # sphinx-autobuild says "Serving on ..." after every build
        return lambda: len(said("Serving on")) >= count or server.poll() is not None

    try:
        wait_for(builds_finished(1), "the first build", lines)
        match = re.search(r"Serving on http://127\.0\.0\.1:(\d+)", "".join(lines))
        assert match, lines
        port = match.group(1)

        def served(page: str) -> BeautifulSoup | None:
            url = f"http://127.0.0.1:{port}/{page}"
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return parse_html(response.read())
            except (OSError, http.client.HTTPException):
                # not listening yet, or the page is being rewritten
                return None

        first = wait_for(lambda: served("tiny.html"), "the server", lines)
        card = first.select_one(".hubs-card-description")
        assert text_of(card) == "Gamma's own description.", lines

        gamma = src / "notes/gamma.md"
        text = gamma.read_text(encoding="utf-8")
        gamma.write_text(text.replace("Gamma's own description.", NEW))

        def shows_the_edit() -> bool:
            page = served("tiny.html")
            card = page and page.select_one(".hubs-card-description")
            return card is not None and text_of(card) == NEW

        wait_for(shows_the_edit, "the edit on the served hub", lines)
        wait_for(builds_finished(2), "the rebuild to finish", lines)
        # the builds wrote nothing where sphinx-autobuild watches (so nothing
        # of theirs can start another rebuild): the sources are as they were
        # but for the edit, and the one change it saw is the edit
        after = snapshot(src)
        assert after.pop("notes/gamma.md") != before.pop("notes/gamma.md")
        assert after == before
        detected = [
            re.search(r"Detected changes \((.*)\)", line).group(1)
            for line in said("Detected changes")
        ]
        assert detected == ["src/notes/gamma.md"], lines
        assert len(said("Rebuilding")) == 1, lines
        assert said("Sphinx exited with exit code") == [], lines
        assert server.poll() is None, lines  # still serving
        listing = served("notes-index.html").select_one(".hubs-index")
        assert NEW in text_of(listing)
    finally:
        server.terminate()
        server.wait(timeout=30)
