# conf.py of a team handbook that words and styles its hubs its own way.
project = "Team handbook"

extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]

hubs_notes = ["notes/**"]
# The all-notes page, linked from every hub as "Handbook index".
hubs_index_docname = "handbook-index"

# Wording: replace labels by their English key. Counted labels come in
# pairs, one for 1 and one for any other number.
hubs_default_kind = "Handbook map"
hubs_labels = {
    "All notes": "Handbook index",
    "Read →": "Open →",
    "Read: {title}": "Open: {title}",
    "{n} notes": "{n} pages",
    "{n} note": "{n} page",
    "{n} linked notes": "{n} linked pages",
    "{n} linked note": "{n} linked page",
}

# Three cards per row on wide screens, unless a section says otherwise.
hubs_columns = 3

# Colours: a stylesheet of your own that sets the --hubs-* properties.
html_static_path = ["_static"]
html_css_files = ["hubs-custom.css"]

exclude_patterns = ["_build"]
