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
    from django.core.management import call_command

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


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed and compressed files, with brotli kept fast on large files."""

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return _Compressor(**kwargs)


class _Compressor(Compressor):
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        # Brotli's best quality takes seconds per megabyte (the API docs'
        # bundles); quality 9 takes a tenth of that for 1-9% more bytes. The
        # check's own files are small and get the best.
        return brotli.compress(data, quality=11 if len(data) < 100_000 else 9)
