project = "Plotting guide"

# sphinxext_hubs loads sphinx_design itself; keep it listed if other
# pages still use its directives.
extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]

# The tutorials are the notes.
hubs_notes = ["tutorials/**"]
# No all-notes page: the hub has no "All notes" back link.
hubs_index_docname = ""

exclude_patterns = ["_build"]
