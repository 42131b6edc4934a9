# conf.py of a garden of tens of thousands of notes.
import gc

# Sphinx keeps every page's doctree in memory until it writes the pages:
# let CPython's garbage collector rescan that growing heap less often.
gc.set_threshold(50_000, 20, 100)

project = "Field notes"

extensions = ["myst_parser", "sphinxext_hubs"]

hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
