extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
hubs_labels = {"Read →": "Read <b>&amp;</b> \"go\"", "View as": "<i>View</i> 'as'"}
hubs_default_kind = "<script>alert('kind')</script>"
