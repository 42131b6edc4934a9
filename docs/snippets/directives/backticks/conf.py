# conf.py without MyST's colon_fence extension: a section's fence must be
# longer than the fences of the cards inside it.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]

hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
