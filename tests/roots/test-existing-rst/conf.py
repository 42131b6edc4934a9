project = "Acme Backup"
copyright = "Acme"
version = release = "2.0"
exclude_patterns = ["_build"]
