# conf.py of the caching notes, written in reStructuredText. The notes
# join the hubs from the field list at the top of each file.
project = "Caching notes"

extensions = ["sphinxext_hubs"]

# Only the documents under notes/ are notes (hubs always count).
hubs_notes = ["notes/**"]

exclude_patterns = ["_build"]
