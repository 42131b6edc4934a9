import os
import sys

sys.path.insert(0, os.path.abspath("."))
project = "Blueprint"
copyright = "Blueprint authors"
version = release = "1.0"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "sphinx_tippy",
    "sphinxext.opengraph",
    "sphinx_design",
]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
intersphinx_mapping = {"python": ("https://docs.python.org/3", "python.inv")}
ogp_site_url = "https://blueprint.example.org/"
tippy_enable_wikitips = False
tippy_enable_doitips = False
tippy_rtd_urls = []
