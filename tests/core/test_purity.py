"""The core is pure: importing it loads no web framework and no database driver."""

from __future__ import annotations

import subprocess
import sys


def test_it_imports_the_core_without_django_or_a_database() -> None:
    code = (
        "import sys, lumba.core.triage, lumba.core.plan, lumba.core.result, lumba.core.questions;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'ninja', 'psycopg', 'sqlite3', 'requests', 'urllib3')];"
        "print(','.join(bad))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == ""


def test_it_triages_on_the_command_line_without_loading_django() -> None:
    code = (
        "import sys; from lumba.service import triager, parse_assessment;"
        "t = triager(region='GB');"
        't.result_json(parse_assessment(\'{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["leg"]}}\'));'
        "print('django' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
