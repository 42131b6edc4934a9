# conf.py of the caching notes. The notes join the hubs from their front
# matter.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

# Only the documents under notes/ are notes (hubs always count).
hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
