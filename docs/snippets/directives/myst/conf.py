# conf.py of the caching notes, with incident reports and runbooks.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

# The notes are the documents under notes/ and runbooks/ (hubs always count).
hubs_notes = ["notes/**", "runbooks/**"]

exclude_patterns = ["_build"]
