"""List the notes that no hub shows and nothing links to.

Usage: python orphans.py _build/html/garden.json
"""

import json
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    garden = json.load(file)

# every page another page reaches: a hub shows it, or a page links to it
# or names it in related:
reached = {edge["target"] for edge in garden["edges"]}
for note in garden["notes"]:
    if not note["is_hub"] and note["docname"] not in reached:
        print(f"{note['docname']}: {note['title']}")
