"""Measure the time a build spends in sphinxext-hubs' own code.

A Sphinx extension for the benchmark, loaded after ``sphinxext_hubs``
(``bench.py`` passes ``-D extensions=...,timing`` with this folder on
``PYTHONPATH``).  It wraps, with a wall-clock timer, every entry point through
which Sphinx calls the extension:

- the event listeners it connected (reading metadata, resolving the hubs and
  choosing the pages to rewrite on ``env-updated``, ...);
- the methods of its transforms and post-transforms (drawing the cards);
- the methods of its domain (resolving card links, merging parallel reads);
- the methods of its directives and roles.

Calls nested inside another timed call are not counted twice.  At
``build-finished`` it writes ``{"total": seconds, "calls": n, "by": {name:
seconds}}`` as JSON to the file named by ``$HUBS_TIMING``.  Serial builds
only: the work of ``-j`` worker processes is not collected.  Each call costs
two ``perf_counter()`` reads, far below the measurement's resolution.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

PACKAGE = "sphinxext_hubs"

_totals: defaultdict[str, float] = defaultdict(float)
_calls = 0
_depth = 0


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _calls, _depth
        if _depth:
            return function(*args, **kwargs)
        _depth += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _totals[name] += time.perf_counter() - start
            _calls += 1
            _depth -= 1

    return wrapper


def _ours(obj: object) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith(PACKAGE)


def _wrap_methods(cls: type) -> None:
    """Time the public methods *cls* defines itself (``run``, ``apply``, ...)."""
    for name, function in list(vars(cls).items()):
        if inspect.isfunction(function) and not name.startswith("_"):
            setattr(cls, name, _timed(f"{cls.__name__}.{name}", function))


def _write(app: Sphinx, exception: Exception | None) -> None:
    target = os.environ.get("HUBS_TIMING")
    if target:
        data = {"total": sum(_totals.values()), "calls": _calls, "by": _totals}
        Path(target).write_text(json.dumps(data, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    for event, listeners in app.events.listeners.items():
        for index, listener in enumerate(listeners):
            if _ours(listener.handler):
                name = f"{event}:{listener.handler.__name__}"
                listeners[index] = listener._replace(
                    handler=_timed(name, listener.handler)
                )
    transforms = app.registry.get_transforms() + app.registry.get_post_transforms()
    for transform in transforms:
        if _ours(transform):
            _wrap_methods(transform)
    for domain in app.registry.domains.values():
        if _ours(domain):
            _wrap_methods(domain)
    seen: set[type] = set()
    for module_name in ("directives", "roles"):
        module = __import__(f"{PACKAGE}.{module_name}", fromlist=["*"])
        for value in vars(module).values():
            if inspect.isclass(value) and _ours(value) and value not in seen:
                seen.add(value)
                _wrap_methods(value)
    app.connect("build-finished", _write, priority=1000)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
