"""`lumba serve`: prepare the database and static files, then serve with Granian.

Why Granian (docs/operations/server-choice.md has the measurements): its
network layer, in Rust, holds a connection until the request's headers are
in, and closes it when they take longer than HEADER_TIMEOUT_MS; a request
gets one of the worker's Python threads only then, and threads are made as
needed, enough that slow bodies cannot use them all. One process per core
uses every core. Through WSGI it serves about twice what Django's ASGI
handler does on the same machine.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

# Headers come in one packet from any real browser; 10 s is generous for a
# bad mobile network and short for a slowloris attack.
HEADER_TIMEOUT_MS = 10_000
WORKERS_KILL_TIMEOUT_S = 10
THREADS_PER_WORKER = 256


# glibc gives each thread that needs one its own malloc arena, up to eight
# per core; with hundreds of request threads, memory freed in one arena is
# not reused by another, and the soak saw the servers' memory creep up
# though Python's own objects did not grow (tracemalloc). Two arenas per
# process (set before the workers are forked, which inherit it) keep it
# flat; the GIL lets one thread run Python at a time, so two arenas are
# seldom contended.
MALLOC_ARENAS = 2
M_ARENA_MAX = -8  # glibc's mallopt parameter number


def _limit_malloc_arenas() -> None:
    name = ctypes.util.find_library("c")
    if sys.platform != "linux" or name is None:
        return
    libc = ctypes.CDLL(name)
    if hasattr(libc, "mallopt") and hasattr(libc, "gnu_get_libc_version"):  # glibc only
        libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)


class ChosenThreadsWarning(logging.Filter):
    """Drops Granian's start-up warning about THREADS_PER_WORKER threads.

    Granian (2.x, `granian/server/mp.py`) warns whenever a WSGI worker may
    start more than 2 × cores + 1 blocking threads, whatever the other
    options: no option names these threads differently, and backpressure
    does not count. The 256 are chosen, measured and documented
    (docs/operations/server-choice.md): they are what lets slow bodies wait
    without stopping the service. So this one line, with exactly this
    number, is silenced; any other warning, and this one for any other
    number, still shows.
    """

    PREFIX = f"Configuration allows spawning up to {THREADS_PER_WORKER} Python threads"

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno == logging.WARNING and record.getMessage().startswith(self.PREFIX)
        )


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
    from lumba.web.serving.database import check_reachable, protect_sqlite_file
    from lumba.web.serving.static_storage import collect_static

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        protect_sqlite_file(database["NAME"])
    # In seconds and in one line, rather than a traceback after the pool's timeout.
    check_reachable(connections["default"], settings.DATABASE_URL)
    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    prepare_for_new_server()  # the metrics of an earlier run start afresh
    # Workers are forked: no database connection, and no pool of them (its
    # sockets and its threads), may be shared with them: each makes its own.
    connections.close_all()
    for connection in connections.all():
        # Asking for .pool would open one; Django keeps the open ones here.
        if connection.alias in getattr(connection, "_connection_pools", {}):
            # django-stubs 5.2.9 lacks the pool methods Django 5.1 added.
            connection.close_pool()  # type: ignore[attr-defined]


def run(host: str, port: int) -> None:
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.server import Server

    from lumba.web.serving.environment import SettingError

    _limit_malloc_arenas()
    try:
        prepare()
    except SettingError as error:
        sys.stderr.write(f"lumba: {error}\n")
        raise SystemExit(2) from None
    from lumba.content.loader import default_library
    from lumba.web.wsgi import application

    default_library()  # load content before forking, so workers share it
    _import_views()

    server = Server(
        "lumba.web.wsgi:application",  # a name only: the loader returns the app made here
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=_workers(),
        # Threads are made as requests need them: enough per worker that
        # every slow connection of an attack can wait on its body and still
        # leave threads for everyone else (a request needs a thread only
        # once its headers are in; those are read in Granian's own layer).
        blocking_threads=THREADS_PER_WORKER,
        backpressure=THREADS_PER_WORKER,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_TIMEOUT_MS),
        websockets=False,
        log_access=False,  # lumba writes its own access log, without paths
        respawn_failed_workers=True,
        # A stop waits this long for requests in flight, then ends the
        # workers: a slow or idle client must not hold a restart forever.
        workers_kill_timeout=WORKERS_KILL_TIMEOUT_S,
    )
    # Granian sets up its logger ("_granian") when the server is made, and
    # warns about the threads when it starts serving.
    logging.getLogger("_granian").addFilter(ChosenThreadsWarning())
    sys.stderr.write(f"lumba is serving on http://{host}:{port}/ (Ctrl-C stops it)\n")
    server.serve(target_loader=lambda _target: application)


def _import_views() -> None:
    # The URLconf imports every view module on the first request; doing it
    # before forking makes that first request fast in each worker, and the
    # modules shared.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
