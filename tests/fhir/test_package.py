"""lumba.fhir is pure mapping: importing it loads no web framework, and the
heavy fhir.resources only when a resource is checked against its model."""

from __future__ import annotations

import subprocess
import sys

EVERY_MODULE = (
    "import importlib, pkgutil, lumba.fhir; "
    "[importlib.import_module(f'lumba.fhir.{m.name}') for m in pkgutil.iter_modules(lumba.fhir.__path__)]"
)


def _loaded_after(code: str) -> set[str]:
    script = (
        f"import sys; {code}; print(','.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.strip().split(","))


def test_importing_it_loads_neither_django_nor_fhir_resources() -> None:
    loaded = _loaded_after(EVERY_MODULE)
    assert not loaded & {"django", "ninja", "psycopg", "sqlite3"}
    assert "fhir" not in loaded


def test_fhir_resources_is_loaded_when_a_resource_is_checked() -> None:
    loaded = _loaded_after(
        "from lumba.fhir.validation import validate; validate({'resourceType': 'Basic', "
        "'code': {'text': 'x'}})"
    )
    assert "fhir" in loaded and "django" not in loaded
