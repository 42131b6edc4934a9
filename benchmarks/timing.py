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

Calls nested inside another timed call are not counted twice.  Pauses of
the garbage collector that fall into a timed call are also reported apart:
they are paid for the whole heap, not for the extension's work.

It also measures two costs of Sphinx itself that grow faster than the number
of pages (loaded without the extension, in the baseline, it measures only
these): CPython's cyclic garbage collector (``gc.callbacks``) and Sphinx's
toctree bookkeeping before each page is read (``TocTreeCollector.clear_doc``,
one pass over every page a toctree includes).

At ``build-finished`` it writes ``{"total": seconds, "calls": n, "by": {name:
seconds}, "sphinx": {name: seconds}, "full_collections": n}`` as JSON to the
file named by ``$HUBS_TIMING``.  Serial builds only: the work of ``-j`` worker
processes is not collected.  Each call costs two ``perf_counter()`` reads, far below the
measurement's resolution.
"""

from __future__ import annotations

import functools
import gc
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

#: Sphinx's own listeners to time, by qualified name
SPHINX_STEPS = {"TocTreeCollector.clear_doc"}

_totals: defaultdict[str, float] = defaultdict(float)
_sphinx: defaultdict[str, float] = defaultdict(float)
_calls = 0
_depth = 0
_gc_start = 0.0
_full_collections = 0


def _sphinx_step(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _sphinx[name] += time.perf_counter() - start

    return wrapper


def _gc_phase(phase: str, info: dict[str, int]) -> None:
    global _gc_start, _full_collections
    if phase == "start":
        _gc_start = time.perf_counter()
    else:
        elapsed = time.perf_counter() - _gc_start
        _sphinx["garbage collector"] += elapsed
        if _depth:  # a pause that happened to fall into the extension's code
            _sphinx["garbage collector, within the extension"] += elapsed
        _full_collections += info["generation"] == 2


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
        data = {
            "total": sum(_totals.values()),
            "calls": _calls,
            "by": _totals,
            "sphinx": _sphinx,
            "full_collections": _full_collections,
        }
        Path(target).write_text(json.dumps(data, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    for event, listeners in app.events.listeners.items():
        for index, listener in enumerate(listeners):
            handler = listener.handler
            if _ours(handler):
                name = f"{event}:{handler.__name__}"
                listeners[index] = listener._replace(handler=_timed(name, handler))
            elif getattr(handler, "__qualname__", "") in SPHINX_STEPS:
                step = _sphinx_step(handler.__qualname__, handler)
                listeners[index] = listener._replace(handler=step)
    transforms = app.registry.get_transforms() + app.registry.get_post_transforms()
    for transform in transforms:
        if _ours(transform):
            _wrap_methods(transform)
    for domain in app.registry.domains.values():
        if _ours(domain):
            _wrap_methods(domain)
    gc.callbacks.append(_gc_phase)
    if PACKAGE not in app.extensions:
        app.connect("build-finished", _write, priority=1000)
        return {"parallel_read_safe": True, "parallel_write_safe": True}
    seen: set[type] = set()
    for module_name in ("directives", "roles"):
        module = __import__(f"{PACKAGE}.{module_name}", fromlist=["*"])
        for value in vars(module).values():
            if inspect.isclass(value) and _ours(value) and value not in seen:
                seen.add(value)
                _wrap_methods(value)
    app.connect("build-finished", _write, priority=1000)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
