"""The database at start-up and in the health check: reached quickly or named
in one line, and the SQLite file private to its owner.

Normal requests keep the pool's own timeout (a thread may wait for a free
connection under load); only these two checks are short, so that a database
that is down is reported in seconds, not after the pool's 10 s.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from lumba.web.serving.environment import SettingError, private_folder

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

# libpq's connect_timeout is in whole seconds, and it treats 1 as 2.
START_CONNECT_TIMEOUT_S = 3
# A load balancer probes often and gives up soon: well under its own timeout.
HEALTH_TIMEOUT_S = 1.5

# SQLite makes its journal and WAL files with the database's own mode; any
# left from an earlier run (or made before this fix) are put right too.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def shown_url(url: str) -> str:
    """`url` as it may be printed: without a password."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "(DATABASE_URL, not shown: it cannot be read as a URL)"
    if password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


def check_reachable(connection: BaseDatabaseWrapper, url: str) -> None:
    """Connect once, giving up after START_CONNECT_TIMEOUT_S; SettingError
    naming the database (never its password) and the reason if it fails."""
    try:
        if connection.vendor == "postgresql":
            import psycopg

            params = connection.get_connection_params()
            params["connect_timeout"] = START_CONNECT_TIMEOUT_S
            with psycopg.connect(**params) as direct:  # not the pool: its timeout is 10 s
                direct.execute("SELECT 1")
        else:
            connection.ensure_connection()
            connection.close()
    except Exception as error:  # any driver's error: the reason is in its message
        raise SettingError(
            f"cannot reach the database at {shown_url(url)}: {_one_line(error)}"
        ) from None


def probe(connection: BaseDatabaseWrapper, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    """SELECT 1, within `timeout_s` when the connection comes from a pool
    (the health check); raises Django's DatabaseError (OperationalError,
    ...) as a query through Django would."""
    pool = getattr(connection, "pool", None)
    if pool is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return
    # A connection of its own from the pool, waited for timeout_s at most
    # (Django's own would wait the pool's timeout); psycopg's errors, the
    # pool's PoolTimeout among them, become Django's.
    with connection.wrap_database_errors:
        pool.open()  # as Django does on a worker's first connection
        with pool.connection(timeout=timeout_s) as pooled:
            pooled.execute("SELECT 1").fetchone()


def protect_sqlite_file(name: str | Path) -> None:
    """The SQLite database (the diaries) readable and writable by its owner
    only: its folder made 0700 if missing, the file made 0600 before SQLite
    first opens it, an existing file and its journal files set to 0600."""
    if str(name) in ("", ":memory:") or str(name).startswith("file:"):
        return
    path = Path(name)
    try:
        private_folder(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # SQLite reads it as new
        for each in (path, *(path.with_name(path.name + end) for end in SQLITE_COMPANIONS)):
            try:
                if stat.S_IMODE(each.stat().st_mode) & 0o077:
                    each.chmod(0o600)
            except FileNotFoundError:
                continue
    except OSError as error:
        raise SettingError(f"database file {path}: {error.strerror or error}") from None
