project = "Components"
copyright = "Components authors"
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
