# conf.py of caching notes whose hubs get colours of their own.
project = "Caching notes"

extensions = ["myst_parser", "sphinxext_hubs"]

# Only the documents under notes/ are notes (hubs always count).
hubs_notes = ["notes/**"]

# A stylesheet of your own, added after the extension's.
html_static_path = ["_static"]
html_css_files = ["hubs-colours.css"]

exclude_patterns = ["_build"]
