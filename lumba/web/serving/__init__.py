"""Running the web app: `lumba serve` (server.py), settings read from the
environment (environment.py), the static files' storage and the shared
cache's keys."""
