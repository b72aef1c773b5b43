"""News from the web: fetching pages and reading RSS and Atom feeds (model layer, no UI)."""
