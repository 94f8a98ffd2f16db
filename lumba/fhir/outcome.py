"""Problems as a FHIR OperationOutcome: one error issue for each, naming the
item (linkId) in its diagnostics and its FHIRPath in `expression`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lumba.fhir.problems import Problem


def operation_outcome(problems: Sequence[Problem]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": [_issue(p) for p in problems]}


def _issue(problem: Problem) -> dict[str, Any]:
    issue = {"severity": "error", "code": problem.code, "diagnostics": str(problem)}
    # A problem with the request rather than the resource (a query parameter) has no path.
    return issue | ({"expression": [problem.expression]} if problem.expression else {})


def refusal(message: str, code: str) -> dict[str, Any]:
    """An OperationOutcome for a request refused as a whole (its type, its size)."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": message}],
    }
