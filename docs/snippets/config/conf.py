# conf.py of a team's caching notes, with its own defaults and wording.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]

# `:::` fences, so that a section can hold the ``` fences of its cards.
myst_enable_extensions = ["colon_fence"]

# start-values
hubs_default_kind = "Map"
hubs_columns = 3
hubs_notes = ["notes/**", "maps/**"]
hubs_exclude = ["notes/drafts/**"]
# end-values

# start-labels
hubs_labels = {
    "Read →": "Continue →",
    "{n} notes": "{n} cards",
    "{n} note": "{n} card",
}
# end-labels

exclude_patterns = ["_build"]
