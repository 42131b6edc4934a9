# conf.py of a small research garden, laid out like the demo garden of
# the sphinxext-hubs documentation: a main hub, a reading list, two
# sub-maps and seven notes, all under garden/.
project = "Reasoning garden"

extensions = ["myst_parser", "sphinxext_hubs"]

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

# The notes are the documents under garden/ (hubs always count).
hubs_notes = ["garden/**"]
hubs_index_docname = "garden/all-notes"

exclude_patterns = ["_build"]
