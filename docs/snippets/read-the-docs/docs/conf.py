project = "Research notes"

extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]

hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
