"""``env_version`` changes whenever the stored records change shape.

Sphinx discards a pickled environment whose extension versions differ, so a
new release never reads records of an old shape.  This test fails when a
record's fields change while ``ENV_VERSION`` stays: bump it and add the new
fingerprint below.
"""

from __future__ import annotations

import dataclasses
import hashlib

import sphinxext_hubs
from sphinxext_hubs import data, directives, graph, view

#: ENV_VERSION -> fingerprint of the record shapes it stores.
SHAPES = {
    5: "6e2371552da4217d",
    6: "b94fded1c15f67e7",
    7: "5799effd25e2c113",
    8: "1b2477e6505c6aee",
    9: "de0c868ade152bbd",
    10: "ad291b90a0881744",
    11: "f7f27eeebb190acb",
    12: "19fc9ba0aebb9b0a",
    13: "c7aa213a6ab0dd9e",
    14: "08c566d64366bd0e",
}


def fingerprint() -> str:
    stored = (
        data.Note,
        directives.CardSpec,
        directives.Section,
        directives.Hub,
        directives.GraphSpec,
        view.Link,
        view.CardFace,
        view.HubView,
        view.RelatedView,
        view.IndexView,
        view.PageView,
        view.Builder,
        graph.GraphNode,
        graph.GraphView,
    )
    parts = [
        f"{cls.__module__}.{cls.__name__}"
        + "("
        + ", ".join(f"{field.name}: {field.type}" for field in dataclasses.fields(cls))
        + ")"
        for cls in stored
    ]
    parts.append("keys: " + ", ".join(sorted(data.INITIAL_DATA)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def test_env_version_matches_the_record_shapes():
    assert SHAPES.get(sphinxext_hubs.ENV_VERSION) == fingerprint(), (
        "the stored records changed shape: bump ENV_VERSION and record "
        f"{{{sphinxext_hubs.ENV_VERSION + 1}: {fingerprint()!r}}} in SHAPES"
    )
