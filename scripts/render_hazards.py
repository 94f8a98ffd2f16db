"""Render the clinical hazard log, docs/safety/hazards.yaml, to docs/safety/hazards.md.

    .venv/bin/python scripts/render_hazards.py           # rewrite hazards.md
    .venv/bin/python scripts/render_hazards.py --check   # exit 1 if hazards.md is out of date

The YAML is the log; the Markdown is made from it and never edited by hand
(tests/test_hazard_log.py fails when the two differ). Risk ratings are not
typed into the YAML: they are computed here from severity and likelihood with
the DCB0129 risk matrix, as NHS England publishes it in its own hazard logs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "safety" / "hazards.yaml"
RENDERED = ROOT / "docs" / "safety" / "hazards.md"
COMMAND = ".venv/bin/python scripts/render_hazards.py"

# Least to most severe, and least to most likely.
SEVERITIES = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
LIKELIHOODS = ("Very low", "Low", "Medium", "High", "Very high")

# The DCB0129 clinical risk matrix: MATRIX[likelihood][severity] is the risk
# rating, 1 (acceptable) to 5 (unacceptable).
MATRIX: dict[str, dict[str, int]] = {
    likelihood: dict(zip(SEVERITIES, ratings, strict=True))
    for likelihood, ratings in (
        ("Very high", (3, 4, 4, 5, 5)),
        ("High", (2, 3, 3, 4, 5)),
        ("Medium", (2, 2, 3, 3, 4)),
        ("Low", (1, 2, 2, 3, 4)),
        ("Very low", (1, 1, 2, 2, 3)),
    )
}

RISK_MEANING = {
    5: "Unacceptable.",
    4: "Mandatory elimination or control to reduce the risk to an acceptable level.",
    3: "Undesirable: acceptable only where further risk reduction is impractical.",
    2: "Acceptable where the cost of further reduction outweighs the benefit gained.",
    1: "Acceptable; no further action required.",
}
SEVERITY_MEANING = {
    "Catastrophic": "Death, or permanent life-changing incapacity, of several patients.",
    "Major": (
        "Death or permanent life-changing incapacity of one patient; or severe injury or "
        "incapacity from which recovery is expected, or severe psychological trauma, "
        "for several patients."
    ),
    "Considerable": (
        "Severe injury or incapacity from which recovery is expected in the short term, or "
        "severe psychological trauma, for one patient; or minor injury from which recovery "
        "is not expected in the short term, or significant psychological trauma, for several."
    ),
    "Significant": (
        "Minor injury from which recovery is not expected in the short term, or significant "
        "psychological trauma, for one patient; or minor injury, minor psychological upset "
        "or inconvenience for several."
    ),
    "Minor": (
        "Minor injury from which recovery is expected in the short term, minor psychological "
        "upset, inconvenience or any negligible consequence, for one patient."
    ),
}
LIKELIHOOD_MEANING = {
    "Very high": "Certain or almost certain; highly likely to occur.",
    "High": "Not certain but very possible; reasonably expected to occur in most cases.",
    "Medium": "Possible.",
    "Low": "Could occur, but in the great majority of occasions will not.",
    "Very low": "Negligible or nearly negligible possibility of occurring.",
}


class HazardLogError(ValueError):
    """A severity or likelihood the matrix does not know."""


def risk(severity: str, likelihood: str) -> int:
    """The DCB0129 risk rating (1 to 5) of a severity and a likelihood."""
    if severity not in SEVERITIES:
        raise HazardLogError(f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}")
    if likelihood not in LIKELIHOODS:
        raise HazardLogError(
            f"unknown likelihood {likelihood!r}; use one of {', '.join(LIKELIHOODS)}"
        )
    return MATRIX[likelihood][severity]


def load(path: Path = LOG) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise HazardLogError(f"{path}: the log must be a mapping with a `hazards` list")
    return data


def initial_risk(hazard: dict[str, Any]) -> int:
    return risk(hazard["initial_severity"], hazard["initial_likelihood"])


def residual_risk(hazard: dict[str, Any]) -> int:
    return risk(hazard["residual_severity"], hazard["residual_likelihood"])


# ---------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _para(text: str) -> str:
    return " ".join(str(text).split())


def render(log: dict[str, Any]) -> str:
    hazards = log["hazards"]
    out: list[str] = []
    add = out.append
    add("# Clinical hazard log")
    add("")
    add(
        "<!-- Generated from docs/safety/hazards.yaml by scripts/render_hazards.py: "
        f"do not edit by hand. Edit the YAML, then run `{COMMAND}`. -->"
    )
    add("")
    add(
        f"The hazard log of {_para(log['system'])}, kept in the manner of DCB0129 "
        "(clinical risk management in the manufacture of health IT systems). Each hazard "
        "names its causes, its effect on care and the harm it could do; its risk before "
        "and after the controls; and, for every control, the tests that prove it is in "
        "place. Controls that have no test yet are listed as gaps."
    )
    add("")
    add(f"- **Intended use:** {_para(log['intended_use'])}")
    add(f"- **Clinical safety officer:** {_para(log['clinical_safety_officer'])}")
    add(f"- **How hazards are scored:** {_para(log['scoring'])}")
    add(
        "- **Closing a hazard:** a hazard is closed only when it has no gaps and its "
        "residual risk is 1 or 2, or 3 with a clinical safety officer's recorded acceptance."
    )
    add(
        "- **Source:** docs/safety/hazards.yaml. `tests/test_hazard_log.py` checks every "
        "field, that every named test exists, that each risk follows the matrix, and that "
        "this page is up to date."
    )
    add("")
    add("## Summary")
    add("")
    add("| ID | Hazard | Initial risk | Residual risk | Status | Owner |")
    add("|---|---|---|---|---|---|")
    for h in hazards:
        add(
            f"| [{h['id']}](#{h['id'].lower()}) | {_cell(h['title'])} "
            f"| {initial_risk(h)} | {residual_risk(h)} | {h['status']} | {_cell(h['owner'])} |"
        )
    add("")
    open_count = sum(h["status"] == "open" for h in hazards)
    gap_count = sum(len(h.get("gaps") or []) for h in hazards)
    add(
        f"{len(hazards)} hazards: {open_count} open, {len(hazards) - open_count} closed; "
        f"{gap_count} gaps recorded."
    )
    add("")
    out += _method()
    add("## Hazards")
    for h in hazards:
        add("")
        out += _hazard(h)
    return "\n".join(out) + "\n"


def _method() -> list[str]:
    out = ["## Risk matrix (DCB0129)", ""]
    out.append("| Likelihood \\ Severity | " + " | ".join(SEVERITIES) + " |")
    out.append("|---" * (len(SEVERITIES) + 1) + "|")
    for likelihood in reversed(LIKELIHOODS):
        ratings = " | ".join(str(MATRIX[likelihood][s]) for s in SEVERITIES)
        out.append(f"| **{likelihood}** | {ratings} |")
    out += ["", "| Risk | Meaning |", "|---|---|"]
    out += [f"| {rating} | {meaning} |" for rating, meaning in RISK_MEANING.items()]
    out += ["", "| Severity | Meaning |", "|---|---|"]
    out += [f"| {s} | {SEVERITY_MEANING[s]} |" for s in reversed(SEVERITIES)]
    out += ["", "| Likelihood | Meaning |", "|---|---|"]
    out += [f"| {lk} | {LIKELIHOOD_MEANING[lk]} |" for lk in reversed(LIKELIHOODS)]
    out.append("")
    return out


def _hazard(h: dict[str, Any]) -> list[str]:
    out = [f'<a id="{h["id"].lower()}"></a>', "", f"### {h['id']}: {_para(h['title'])}", ""]
    out += [_para(h["description"]), ""]
    out += ["**Causes**", ""]
    out += [f"{n}. {_para(cause)}" for n, cause in enumerate(h["causes"], start=1)]
    out += ["", f"**Effect:** {_para(h['effect'])}", ""]
    out += [f"**Possible harm:** {_para(h['harm'])}", ""]
    out += ["| | Severity | Likelihood | Risk |", "|---|---|---|---|"]
    for stage in ("initial", "residual"):
        severity, likelihood = h[f"{stage}_severity"], h[f"{stage}_likelihood"]
        rating = risk(severity, likelihood)
        out.append(f"| {stage.capitalize()} | {severity} | {likelihood} | **{rating}** |")
    out += ["", "**Controls**", ""]
    for n, control in enumerate(h["controls"], start=1):
        out.append(f"{n}. {_para(control['description'])}")
        out.append("   Tests:")
        out += [f"   - `{test}`" for test in control["tests"]]
    if h.get("gaps"):
        out += ["", "**Gaps** (controls without a test, and known weaknesses)", ""]
        out += [f"- {_para(gap)}" for gap in h["gaps"]]
    acceptance = h.get("acceptance")
    if acceptance:
        out += [
            "",
            f"**Residual risk accepted** by {_para(acceptance['by'])} on "
            f"{acceptance['date']}: {_para(acceptance['reason'])}",
        ]
    out += ["", f"**Status:** {h['status']}. **Owner:** {_para(h['owner'])}."]
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    unknown = [arg for arg in argv if arg != "--check"]
    if unknown:
        sys.stderr.write(f"usage: {COMMAND} [--check]\n")
        return 2
    try:
        text = render(load())
    except (HazardLogError, KeyError, TypeError) as error:
        sys.stderr.write(f"render_hazards: {LOG.relative_to(ROOT)}: {error!r}\n")
        return 2
    if check:
        current = RENDERED.read_text(encoding="utf-8") if RENDERED.exists() else ""
        if current != text:
            sys.stderr.write(f"{RENDERED.relative_to(ROOT)} is out of date: run {COMMAND}\n")
            return 1
        return 0
    RENDERED.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {RENDERED.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
