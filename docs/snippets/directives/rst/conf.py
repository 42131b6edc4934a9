# conf.py of the caching notes, written in reStructuredText.
project = "Caching notes"

extensions = ["sphinxext_hubs"]

# The notes are the documents under notes/ and runbooks/ (hubs always count).
hubs_notes = ["notes/**", "runbooks/**"]

exclude_patterns = ["_build"]
