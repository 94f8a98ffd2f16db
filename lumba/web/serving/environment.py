"""Small, strict readers for settings from the environment.

A bad value is an error that names the variable, never a silent default;
`NAME_FILE` may point at a file holding the value (for secrets).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path


class SettingError(ValueError):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def text(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    file_name = environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise SettingError(f"{name}_FILE: cannot read {file_name}: {error.strerror}") from None
    return environ.get(name, default)


def boolean(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name}: expected true or false, got {environ[name]!r}")


def integer(
    name: str,
    default: int,
    environ: Mapping[str, str] = os.environ,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """A whole number; with bounds, one outside them is refused, naming them."""
    value = environ.get(name)
    if value is None:
        return default
    if minimum is not None and maximum is not None:
        expected = f"a whole number from {minimum} to {maximum}"
    elif minimum is not None:
        expected = f"a whole number of at least {minimum}"
    elif maximum is not None:
        expected = f"a whole number of at most {maximum}"
    else:
        expected = "a whole number"
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingError(f"{name}: expected {expected}, got {value!r}") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise SettingError(f"{name}: expected {expected}, got {value!r}")
    return number


def words(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    value = environ.get(name)
    if value is None:
        return default
    return [word for word in value.replace(",", " ").split() if word]


def choice(
    name: str, default: str, allowed: tuple[str, ...], environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name, default)
    if value not in allowed:
        raise SettingError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def installation_secret(path: Path) -> str:
    """This installation's own random key, made on first run and kept at
    `path`, readable by its owner only. A key built into the code would let
    anyone sign what lumba trusts (the check's cookie, sessions)."""
    try:
        if not path.exists():
            _write_new_secret(path)
        key = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise SettingError(f"secret key {path}: {error.strerror}") from None
    if len(key) < 50:
        raise SettingError(f"secret key {path} is too short: delete it and lumba makes a new one")
    return key


def private_folder(path: Path) -> None:
    """Make `path` (the data folder) if it is missing, readable by its owner
    only: it holds the secret key and the diaries' SQLite file. A folder that
    exists already keeps its mode (it may be one the operator chose)."""
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)


def _write_new_secret(path: Path) -> None:
    private_folder(path.parent)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    # Owner-only from the moment it exists, and complete before it has its
    # name: workers starting together all end up reading the same key.
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another process was first: its key is the one
    finally:
        draft.unlink()
