"""Sphinx configuration for the sphinxext-hubs documentation (built with itself)."""

import os
import sys

from sphinxext_hubs import __version__
from sphinxext_hubs.export import SCHEMA

sys.path.insert(0, os.path.abspath("_ext"))

project = "sphinxext-hubs"
author = "sphinxext-hubs contributors"
copyright = "2026, sphinxext-hubs contributors"
release = version = __version__

extensions = ["myst_parser", "sphinx_design", "sphinxext_hubs", "hubs_docs"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
exclude_patterns = ["_build", "snippets"]
nitpicky = True

html_theme = "furo"
html_title = "sphinxext-hubs"
# The JSON Schema of the garden file, at the site's root
# (docs/reference/garden-json.md).
html_extra_path = [str(SCHEMA)]
epub_exclude_files = [SCHEMA.name]  # not a page of the book

# The demo garden: only its pages are notes; its all-notes page is garden/all-notes.
hubs_notes = ["garden/**"]
hubs_index_docname = "garden/all-notes"
hubs_exclude = ["garden/index"]

# The PDF (pdflatex, as on Read the Docs): characters of the pages that
# LaTeX's default fonts do not map by themselves.
latex_elements = {
    "preamble": r"\DeclareUnicodeCharacter{2264}{\ensuremath{\le}}",
}
