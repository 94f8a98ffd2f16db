"""A build step (pyproject.toml, [tool.setuptools.cmdclass]): the package
carries its interface's translations compiled.

The .po files are the committed source and the .mo files are never
committed, so setuptools' build_py copies the .po files (package data) and
this step compiles them beside the copies, in the build folder: a wheel, or
`pip install .`, speaks every language the checkout has a catalogue for.
An editable install reads the checkout itself, so there the stale
catalogues are compiled in place, as `python -m lumba.catalogues` does.

The compiling is lumba/catalogues.py's, loaded from its file: lumba is not
installed yet, and that module needs only the standard library and polib
(in [build-system] requires).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from setuptools.command.build_py import build_py as _build_py

ROOT = Path(__file__).resolve().parent


def _catalogues() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_lumba_catalogues", ROOT / "lumba" / "catalogues.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class build_py(_build_py):  # setuptools' name for the command it replaces
    def run(self) -> None:
        super().run()
        catalogues = _catalogues()
        if self.editable_mode:
            done = catalogues.compile_stale()
        else:
            built = Path(self.build_lib) / "lumba" / "locale"
            done = catalogues.compile_all(catalogues.sources(built))
            if not done:
                raise RuntimeError(f"no message catalogue (.po) was copied into {built}")
        for po in done:
            self.announce(f"compiled {po.with_suffix('.mo')}", level=2)
