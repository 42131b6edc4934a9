# conf.py of a hub whose cards sit in a dropdown, in tabs and in `only`.
project = "Caching notes"

extensions = ["myst_parser", "sphinx_design", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]

exclude_patterns = ["_build"]
