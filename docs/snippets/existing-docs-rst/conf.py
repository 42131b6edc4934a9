# conf.py of an existing documentation set, written in reStructuredText.
project = "Acme Backup"

# myst_parser only because one page (guides/schedule.md) is Markdown.
extensions = ["myst_parser", "sphinxext_hubs"]

# The how-to guides are the notes: hubs collect them, and they are
# listed in objects.inv. Other pages can still be shown with a notecard.
hubs_notes = ["guides/**"]

# Kept for old links, but never collected onto a hub.
hubs_exclude = ["guides/legacy/**"]

# No all-notes page, so hubs have no "All notes" back link.
hubs_index_docname = ""

exclude_patterns = ["_build"]
