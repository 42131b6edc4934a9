# conf.py of caching notes written in German. The labels that the
# extension writes follow the project's language.
project = "Caching-Notizen"

extensions = ["myst_parser", "sphinxext_hubs"]

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

language = "de"

# Your own wording wins over the catalogue; the other labels stay German.
hubs_labels = {"Read →": "Weiter"}

# Only the documents under notes/ are notes (hubs always count).
hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
