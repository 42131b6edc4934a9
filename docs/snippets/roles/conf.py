# conf.py of a small research garden that links to its own notes and
# hubs, and to the notes of another project, the caching notes.
project = "Reasoning garden"

# start-intersphinx
extensions = ["myst_parser", "sphinx.ext.intersphinx", "sphinxext_hubs"]

intersphinx_mapping = {
    "caching": ("https://example.org/caching/", None),
}
# end-intersphinx

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

# The notes are the documents under garden/ (hubs always count).
hubs_notes = ["garden/**"]
hubs_index_docname = "garden/all-notes"

exclude_patterns = ["_build"]
