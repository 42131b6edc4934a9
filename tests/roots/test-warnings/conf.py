extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
hubs_orphans = True
