# conf.py of an existing documentation set, written in reStructuredText.
project = "Acme Backup"

# myst_parser only because one page (guides/schedule.md) is Markdown.
extensions = ["myst_parser", "sphinxext_hubs"]

# The how-to guides are the notes: hubs collect them, the all-notes page
# lists them, and they are in objects.inv. Other pages can still be shown
# with a notecard.
hubs_notes = ["guides/**"]

# Kept for old links, but never collected onto a hub.
hubs_exclude = ["guides/legacy/**"]

exclude_patterns = ["_build"]
