# conf.py of a small garden about soil, drawn as graphs.
project = "Soil notes"

extensions = ["myst_parser", "sphinxext_hubs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

# start-values
# Local graphs: two hops out, by hubs and related notes only (no links).
hubs_local_graph_depth = 2
hubs_local_graph_edges = ["membership", "related"]
# end-values
