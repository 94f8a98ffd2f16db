"""A cache of parsed content files, so a single `lumba triage` call starts fast.

Parsing ~60 YAML files is most of the start-up time of a one-off command.
The parsed data (plain JSON, never code) is kept in the user's cache folder
under a key made from the bytes of every content file and lumba's version;
any change to any file, or any trouble reading the cache, means a fresh
parse. Validation always runs on the data, cached or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import lumba

DISABLE_ENV = "LUMBA_NO_CONTENT_CACHE"


def _cache_file() -> Path | None:
    if os.environ.get(DISABLE_ENV):
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lumba")) / "content-parse-cache.json"


def key_of(files: list[Path]) -> str:
    digest = hashlib.sha256(lumba.__version__.encode())
    for path in files:
        digest.update(str(path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def read(key: str) -> dict[str, Any]:
    path = _cache_file()
    if path is None:
        return {}
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(cached, dict) or cached.get("key") != key:
        return {}
    files = cached.get("files")
    return files if isinstance(files, dict) else {}


def write(key: str, parsed: dict[str, Any]) -> None:
    path = _cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"key": key, "files": parsed}, default=_plain), "utf-8")
        temporary.replace(path)  # atomic, so a reader never sees half a file
    except OSError:
        pass  # a read-only home folder only costs speed


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot cache {type(value).__name__}")
