"""Under sphinx-autobuild: one rebuild per edit, the served hub shows it,
and the extension's own writes never trigger another rebuild."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from bs4 import BeautifulSoup
from conftest import ROOTS, text_of

NEW = "Gamma, revised while serving."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(condition, timeout: float = 120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_sphinx_autobuild_rebuilds_once_per_edit(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    port = _free_port()
    command = [sys.executable, "-m", "sphinx_autobuild", "-q"]
    command += [str(src), str(tmp_path / "out"), "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()

    def said(text: str) -> int:
        return sum(text in line for line in list(lines))

    def served(page: str) -> BeautifulSoup:
        url = f"http://127.0.0.1:{port}/{page}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return BeautifulSoup(response.read(), "html.parser")

    try:
        assert _wait(lambda: said("Serving on")), lines
        time.sleep(3)  # a build that wrote into the sources would be seen by now
        assert said("Detected changes") == 0, lines

        gamma = src / "notes/gamma.md"
        text = gamma.read_text(encoding="utf-8")
        gamma.write_text(text.replace("Gamma's own description.", NEW))

        def shows_the_edit() -> bool:
            card = served("tiny.html").select_one(".hubs-card-description")
            return card is not None and text_of(card) == NEW

        assert _wait(shows_the_edit), lines
        time.sleep(3)
        assert said("Detected changes") == 1, lines
        assert said("Rebuilding") == 1, lines
        assert NEW in text_of(served("notes-index.html").select_one("dl.hubs-index"))
        assert "Traceback" not in "".join(lines)
    finally:
        server.terminate()
        server.wait(timeout=30)
