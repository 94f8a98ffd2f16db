"""`lumba serve`: prepare the database and static files, then serve with Granian.

Why Granian, and through Django's ASGI handler (docs/operations/server-choice.md
has the measurements): a connection costs a task in Granian's Rust network
layer, not a Python thread, until its request has fully arrived. Headers must
arrive within HEADER_TIMEOUT_MS or the connection is closed; the body is read
whole by Django's ASGI handler on the event loop before any view runs. So
clients that send slowly, by accident or on purpose, hold no worker; and,
unlike a single-process server, one process per core uses every core.
"""

from __future__ import annotations

import os
import sys
import warnings

# Headers come in one packet from any real browser; 10 s is generous for a
# bad mobile network and short for a slowloris attack.
HEADER_TIMEOUT_MS = 10_000


def _workers() -> int:
    # Django views here are CPU-bound and short: one process per core.
    return max(2, os.cpu_count() or 2)


def prepare() -> None:
    """Settings checked, data folder made, migrations applied, static files collected."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")
    # Read by the settings (hashed, compressed static files from the data
    # folder); set before they load, and inherited by the workers.
    os.environ["LUMBA_STATIC_COLLECTED"] = "true"
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    from lumba.web.observability import prepare_for_new_server
    from lumba.web.static_storage import collect_static

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    prepare_for_new_server()  # the metrics of an earlier run start afresh
    # Workers are forked: a database connection must not be shared with them.
    connections.close_all()


def run(host: str, port: int) -> None:
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.server import Server

    from lumba.web.asgi import application
    from lumba.web.environment import SettingError

    try:
        prepare()
    except SettingError as error:
        sys.stderr.write(f"lumba: {error}\n")
        raise SystemExit(2) from None
    from lumba.content.loader import default_library

    default_library()  # load content before forking, so workers share it
    # WhiteNoise hands Django a file iterator that the ASGI handler reads in a
    # thread: fine for files this small, and not worth a line per request.
    warnings.filterwarnings("ignore", "StreamingHttpResponse must consume synchronous iterators")
    application()
    _import_views()

    server = Server(
        "lumba.web.asgi:application",  # a name only: the loader below returns the app made here
        address=host,
        port=port,
        interface=Interfaces.ASGINL,  # Django has no use for ASGI lifespan events
        workers=_workers(),
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_TIMEOUT_MS),
        websockets=False,
        log_access=False,  # no request lines with paths in logs by default
        respawn_failed_workers=True,
    )
    sys.stderr.write(f"lumba is serving on http://{host}:{port}/ (Ctrl-C stops it)\n")
    server.serve(target_loader=application)


def _import_views() -> None:
    # The URLconf imports every view module on the first request; doing it
    # before forking makes that first request fast in each worker, and the
    # modules shared.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
