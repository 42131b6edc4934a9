extensions = ["sphinxext_hubs"]
exclude_patterns = ["_build"]
