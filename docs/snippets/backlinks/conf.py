# conf.py: the caching notes, whose notes link to each other.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]
hubs_notes = ["notes/**"]

# start-backlinks
# Backlinks are on by default; this turns them off:
# hubs_backlinks = False
# end-backlinks

exclude_patterns = ["_build"]
