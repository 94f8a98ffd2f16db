"""The home page, the health check and the region choice."""
