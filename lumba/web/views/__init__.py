"""lumba's pages: short views that validate, call the core and render."""
