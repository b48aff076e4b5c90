"""The public site's pages, one module per area (the start page and plans in site.py)."""
