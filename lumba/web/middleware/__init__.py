"""The middleware every feature shares, applied before any view: one body
limit (body_limit.py), JSON bodies only on machine paths (json_bodies.py, with
each path's way of saying no in machine_paths.py) and no cache for private
pages (private_pages.py). The visitor's language and the observability
middleware live with their features (visitor, observability)."""
