# conf.py of a project that links to the notes of another one.
project = "Platform handbook"

extensions = ["myst_parser", "sphinx.ext.intersphinx", "sphinxext_hubs"]

# The caching notes are published at this address; intersphinx reads
# their inventory, objects.inv, from it.
intersphinx_mapping = {
    "caching": ("https://example.org/caching/", None),
}

exclude_patterns = ["_build"]
