"""Static files as `lumba serve` serves them: collected into the data folder
with a hash of their content in their names (cached by browsers for good)
and gzip and brotli copies made once, not per request."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import brotli
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


def collect_static() -> None:
    """Hashed, compressed copies in the data folder; redone only when a source file changed.

    Old hashed files stay, for pages a browser or proxy cached before an upgrade.
    """
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    if settings.STATIC_ROOT is None:
        raise ImproperlyConfigured(
            "collecting static files needs LUMBA_STATIC_COLLECTED=1 before Django starts "
            "(it sets STATIC_ROOT)"
        )
    sources = hashlib.sha256(f"lumba static {_COLLECTION_FORMAT}\n".encode())
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda f: f[0]):
            stat = os.stat(storage.path(path))
            sources.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    root = Path(settings.STATIC_ROOT)
    stamp = root / ".sources"
    collected = (root / "staticfiles.json").exists() and stamp.exists()
    if collected and stamp.read_text() == sources.hexdigest():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(sources.hexdigest())


# Part of the sources' fingerprint: change it when the collected output would
# change for the same source files (compression, storage settings).
_COLLECTION_FORMAT = 1


# WhiteNoise (6.x) has no type information: its classes are Any to mypy.
class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's hashed and compressed files, with brotli kept fast on large files."""

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return _Compressor(**kwargs)


class _Compressor(Compressor):  # type: ignore[misc]  # WhiteNoise: no types, as above
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        # Brotli's best quality takes seconds per megabyte (the API docs'
        # bundles); quality 9 takes a tenth of that for 1-9% more bytes. The
        # check's own files are small and get the best.
        compressed: bytes = brotli.compress(data, quality=11 if len(data) < 100_000 else 9)
        return compressed
