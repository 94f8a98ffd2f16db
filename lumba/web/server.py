"""`lumba serve`: prepare the database and serve with gunicorn (not the development server)."""

from __future__ import annotations

import os
import sys


def _workers() -> int:
    # Django views here are CPU-bound and short; one process per core, each
    # with a few threads for slow clients.
    return max(2, os.cpu_count() or 2)


def prepare() -> None:
    """Settings checked, data folder made, migrations applied."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)


def run(host: str, port: int) -> None:
    from gunicorn.app.base import BaseApplication

    from lumba.web.environment import SettingError

    try:
        prepare()
    except SettingError as error:
        sys.stderr.write(f"lumba: {error}\n")
        raise SystemExit(2) from None
    from lumba.content.loader import default_library

    default_library()  # load content before forking, so workers share it

    from lumba.web.wsgi import application

    class _Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", _workers())
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            self.cfg.set("accesslog", None)  # no request lines with paths in logs by default
            self.cfg.set("errorlog", "-")
            self.cfg.set("preload_app", True)

        def load(self):
            return application

    sys.stderr.write(f"lumba is serving on http://{host}:{port}/ (Ctrl-C stops it)\n")
    _Server().run()
