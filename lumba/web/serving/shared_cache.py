"""Keys of the shared cache (settings.CACHES), stored as keyed hashes.

allauth's rate limits put the visitor's IP address in their cache keys, and
the database cache keeps an expired row until it is culled: hashing every
key with the installation's secret keeps addresses out of the table (a
plain hash of an IPv4 address is reversed by trying all four billion)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def hashed_key(key: str, key_prefix: str, version: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{key_prefix}:{version}:{key}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{key_prefix}:{version}:{digest}"
