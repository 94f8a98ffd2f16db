"""Render the line-by-line review of the Chinese emergency and urgent texts.

    .venv/bin/python scripts/render_translation_review.py           # rewrite the page
    .venv/bin/python scripts/render_translation_review.py --check   # exit 1 if it is out of date
    .venv/bin/python scripts/render_translation_review.py --record ID VERDICT [--note TEXT]

The page, docs/safety/translation-review.md, is made from the content (every
emergency and urgent rule; every text of those two levels, in general and for
China; the advice lines they name) and from the reviewer's verdicts in
docs/safety/translation-review.yaml. It is never edited by hand:
tests/content/test_translation_review.py fails when it differs from what
this script makes now, and when a row has no current verdict.

A verdict holds a digest of the English and Chinese texts it was given for.
When either text changes, the row shows "needs review again" until a reviewer
records a verdict for the new words (--record stores the current digest). ID
is a rule id (fever), a level text (urgent.by_region[CN].headline) or a
region's advice line (CN.advice_line), as the page's first column shows.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the package is beside it
    sys.path.insert(0, str(ROOT))

from lumba.content.translations import texts  # noqa: E402
from lumba.content.wording import MAX_SENTENCE_CHARACTERS, MAX_SIGN_CHARACTERS  # noqa: E402
from lumba.core.library import Library  # noqa: E402
from lumba.core.text import LocalizedText  # noqa: E402

REVIEW = ROOT / "docs" / "safety" / "translation-review.yaml"
RENDERED = ROOT / "docs" / "safety" / "translation-review.md"
COMMAND = ".venv/bin/python scripts/render_translation_review.py"

LANGUAGE = "zh-Hans"
LEVELS = ("emergency", "urgent")  # most urgent first
# The regions whose words the page shows: the fallback, the UK the English
# was written for, and mainland China, which has its own care pathway.
REGIONS = ("INT", "GB", "CN")
SECTIONS = ("rules", "levels", "regions")
VERDICTS = {
    "same": "the Chinese says what the English says, with the same scope, numbers and urgency",
    "fixed": "it did not; the Chinese was changed in this review so that it does (the note says how)",
}
NEEDS_REVIEW = "needs review again"
NOT_REVIEWED = "not reviewed"

HEADER = """\
# Verdicts of the line-by-line review of the Chinese (zh-Hans) emergency and
# urgent texts. docs/safety/translation-review.md is made from this file and
# the content by scripts/render_translation_review.py: never edit the .md.
#
# One entry per row of the page, under rules, levels or regions: the verdict
# (same: the Chinese says what the English says; fixed: it did not, and the
# Chinese was changed in the review so that it does), a note, and the digest
# of the English and Chinese texts the verdict was given for. A row whose
# texts changed since shows as "needs review again".
#
# Record a verdict (it stores the current digest):
#   .venv/bin/python scripts/render_translation_review.py --record ID VERDICT --note "..."
"""


class ReviewError(ValueError):
    """A verdict file or a command that cannot be used."""


@dataclass(frozen=True)
class Row:
    """One reviewed unit: a rule (its sign, title and explanation), one level
    text, or one region's advice line; with its English and Chinese."""

    section: str
    key: str
    parts: tuple[tuple[str, str, str], ...]  # (part, English, Chinese)

    @property
    def digest(self) -> str:
        words = [[english, chinese] for _, english, chinese in self.parts]
        encoded = json.dumps(words, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:16]

    def text(self, part: str, language: str) -> str:
        for name, english, chinese in self.parts:
            if name == part:
                return english if language == "en" else chinese
        raise KeyError(part)


def _pair(text: LocalizedText) -> tuple[str, str]:
    return text.root["en"], text.root.get(LANGUAGE, "")


def rule_rows(library: Library) -> list[Row]:
    found = []
    for level in LEVELS:
        for rule in library.rules:
            if rule.level != level:
                continue
            parts = []
            for name in ("sign", "title", "explanation"):
                text = getattr(rule, name)
                if text is not None:
                    parts.append((name, *_pair(text)))
            found.append(Row("rules", rule.id, tuple(parts)))
    return found


def level_rows(library: Library) -> list[Row]:
    found = []
    for level in LEVELS:
        for path, text in texts(library.levels[level], level):
            if "by_region[" in path and not any(f"by_region[{c}]" in path for c in REGIONS):
                continue
            found.append(Row("levels", path, (("text", *_pair(text)),)))
    return found


def region_rows(library: Library) -> list[Row]:
    return [
        Row(
            "regions", f"{code}.advice_line", (("text", *_pair(library.regions[code].advice_line)),)
        )
        for code in REGIONS
        if code in library.regions
    ]


def rows(library: Library) -> list[Row]:
    return rule_rows(library) + level_rows(library) + region_rows(library)


# ---------------------------------------------------------------- verdicts


def load_review(path: Path = REVIEW) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    if not isinstance(data, dict):
        raise ReviewError(f"{path}: the verdicts must be a mapping")
    for section in SECTIONS:
        data[section] = data.get(section) or {}
    data["findings"] = data.get("findings") or []
    return data


def problems(review: Mapping[str, Any], library: Library) -> list[str]:
    """What is wrong with the verdict file itself: unknown verdicts, a fixed
    verdict without a note, entries for rows that are no longer reviewed."""
    found = []
    known = {(row.section, row.key) for row in rows(library)}
    for section in SECTIONS:
        for key, entry in review[section].items():
            where = f"{section}.{key}"
            if (section, key) not in known:
                found.append(f"{where}: no such row (a rule or text renamed, or no longer urgent?)")
            if not isinstance(entry, dict) or entry.get("verdict") not in VERDICTS:
                found.append(f"{where}: the verdict must be one of {', '.join(VERDICTS)}")
            elif entry["verdict"] == "fixed" and not str(entry.get("note") or "").strip():
                found.append(f"{where}: a fixed verdict needs a note saying what was changed")
            elif not re.fullmatch(r"[0-9a-f]{16}", str(entry.get("digest", ""))):
                found.append(f"{where}: the digest is missing; record the verdict with --record")
    return found


def status(row: Row, review: Mapping[str, Any]) -> tuple[str, str]:
    """(status, note): the verdict when it is for these words, else why not."""
    entry = review[row.section].get(row.key)
    if not isinstance(entry, dict) or entry.get("verdict") not in VERDICTS:
        return NOT_REVIEWED, ""
    note = " ".join(str(entry.get("note") or "").split())
    if entry.get("digest") != row.digest:
        return NEEDS_REVIEW, f"the words changed since the verdict ({entry['verdict']})"
    return entry["verdict"], note


def record(review: dict[str, Any], row: Row, verdict: str, note: str) -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
    if verdict == "fixed" and not note.strip():
        raise ReviewError("a fixed verdict needs --note saying what was changed and why")
    entry: dict[str, Any] = {"verdict": verdict}
    if note.strip():
        entry["note"] = " ".join(note.split())
    entry["digest"] = row.digest
    review[row.section][row.key] = entry
    return review


def dump_review(review: Mapping[str, Any]) -> str:
    body = {key: value for key, value in review.items() if key not in (*SECTIONS, "findings")}
    for section in SECTIONS:
        body[section] = dict(review[section])
    body["findings"] = list(review["findings"])
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=88)
    return HEADER + "\n" + text


def find_row(library: Library, key: str) -> Row:
    for row in rows(library):
        if row.key == key:
            return row
    raise ReviewError(f"no reviewed row {key!r}; the first column of {RENDERED.name} lists them")


# ---------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _para(text: str) -> str:
    return " ".join(str(text).split())


def _verdict_cell(row: Row, review: Mapping[str, Any]) -> str:
    verdict, note = status(row, review)
    shown = f"**{verdict}**" if verdict in (NEEDS_REVIEW, NOT_REVIEWED) else verdict
    return _cell(f"{shown}: {note}" if note else shown)


def _level_label(library: Library, level: str) -> str:
    label = library.levels[level].label
    return f"{level} ({label.root.get(LANGUAGE, '')})"


def _part_name(path: str, library: Library) -> str:
    level, _, rest = path.partition(".")
    rest = re.sub(r"^by_region\[\w+\]\.?", "", rest)
    early = library.levels[level].early
    before = early.before_weeks if early else 16
    rest = rest.replace("early.", f"before {before} weeks: ")
    rest = re.sub(r"actions\[(\d+)\]", lambda m: f"action {int(m[1]) + 1}", rest)
    return f"{level}: {rest.replace('signs_heading', 'sign-list heading')}"


def _region_of(path: str) -> str:
    match = re.search(r"by_region\[(\w+)\]", path)
    return match[1] if match else "all others (INT, GB, …)"


def render(library: Library, review: Mapping[str, Any]) -> str:
    every = rows(library)
    counts = {name: 0 for name in (*VERDICTS, NEEDS_REVIEW, NOT_REVIEWED)}
    for row in every:
        counts[status(row, review)[0]] += 1
    out: list[str] = []
    add = out.append
    add("# Chinese translation review: emergency and urgent texts")
    add("")
    add(
        "<!-- Generated from the content and docs/safety/translation-review.yaml by "
        f"scripts/render_translation_review.py: do not edit by hand. Run `{COMMAND}`. -->"
    )
    add("")
    add(
        "Every emergency and urgent text of lumba in Simplified Chinese (zh-Hans), read line "
        "by line against its English: one row per rule (its sign, title and explanation), "
        "one row per text of the two levels (in general and for mainland China, region CN), "
        "and the advice lines those texts name. A row's verdict is one of:"
    )
    add("")
    for verdict, meaning in VERDICTS.items():
        add(f"- **{verdict}**: {meaning}.")
    add(
        f"- **{NEEDS_REVIEW}**: the English or the Chinese changed after the verdict was "
        "given (each verdict keeps a digest of both texts)."
    )
    add(f"- **{NOT_REVIEWED}**: no verdict yet.")
    add("")
    add("What each row was read for:")
    add("")
    add(
        "- the same sign with the same scope: never narrower (an 'or' that became an 'and', "
        "a body part that moved, a list that lost an item), since a narrower sign is missed "
        "triage;"
    )
    add("- numbers and units identical: weeks, °C, blood pressure, hours, pain scores;")
    add(
        "- the same urgency: every 'now', 'today', 'same day' and 'do not wait' kept "
        "(`lumba content check` also compares the urgency words of every English and Chinese "
        "text);"
    )
    add(
        "- the glossary's term for each medical word (lumba/content/data/glossary.yaml), "
        "explained in brackets at its first mention where the glossary asks for it;"
    )
    add("- plain words a reader without medical training understands.")
    add("")
    reviewer = _para(review.get("reviewer", "")) or "nobody yet"
    add(f"- **Reviewed by:** {reviewer}")
    add(f"- **Date:** {review.get('date', '')}")
    if review.get("scope"):
        add(f"- **Standing:** {_para(review['scope'])}")
    add(
        f"- **Rows:** {len(every)}: {counts['same']} same, {counts['fixed']} fixed, "
        f"{counts[NEEDS_REVIEW]} needing review again, {counts[NOT_REVIEWED]} not reviewed."
    )
    add(
        "- **Source:** the content, and the verdicts in docs/safety/translation-review.yaml. "
        "`tests/content/test_translation_review.py` checks that this page is up to date and "
        "that every row has a current verdict."
    )
    add("")
    out += _signs(library, review)
    out += _explanations(library)
    out += _levels(library, review)
    out += _regions(library, review)
    out += _reading()
    findings = review.get("findings") or []
    if findings:
        add("## Findings outside the translated texts")
        add("")
        add(
            "What the review found that a change to the Chinese texts cannot fix; for the "
            "project to decide."
        )
        add("")
        out += [f"- {_para(finding)}" for finding in findings]
        add("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _signs(library: Library, review: Mapping[str, Any]) -> list[str]:
    out = ["## Signs: one row per rule", ""]
    out.append(
        "The sign is what the generated warning-sign lists show under each level's heading. "
        "The verdict covers the rule's sign, title and explanation (next table). The level "
        "is the rule's own, the same in every language; its Chinese name is in brackets."
    )
    out += ["", "| Rule | Level | English sign | Chinese sign | Verdict |", "|---|---|---|---|---|"]
    for row in rule_rows(library):
        level = library.rule(row.key).level
        out.append(
            f"| `{row.key}` | {_level_label(library, level)} | {_cell(row.text('sign', 'en'))} "
            f"| {_cell(row.text('sign', LANGUAGE))} | {_verdict_cell(row, review)} |"
        )
    return [*out, ""]


def _explanations(library: Library) -> list[str]:
    out = ["## Titles and explanations", ""]
    out.append(
        "What the result says about each sign: its title (in bold), then its explanation. "
        "Reviewed with the sign above, under the same verdict."
    )
    out += ["", "| Rule | English | Chinese |", "|---|---|---|"]
    for row in rule_rows(library):
        english = f"**{row.text('title', 'en')}** {row.text('explanation', 'en')}"
        chinese = f"**{row.text('title', LANGUAGE)}** {row.text('explanation', LANGUAGE)}"
        out.append(f"| `{row.key}` | {_cell(english)} | {_cell(chinese)} |")
    return [*out, ""]


def _levels(library: Library, review: Mapping[str, Any]) -> list[str]:
    out = ["## What to do at each level", ""]
    out.append(
        "The level's name, the call to action (the headline), the actions and the heading of "
        "its group in the sign lists. Texts for region CN replace the general ones in "
        "mainland China; every other region (INT, the fallback; GB; the rest) reads the "
        "general ones. `{emergency}` and `{advice_line}` are filled from the region (last "
        "table)."
    )
    out += [
        "",
        "| ID | Text | Region | English | Chinese | Verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in level_rows(library):
        out.append(
            f"| `{row.key}` | {_cell(_part_name(row.key, library))} | {_region_of(row.key)} "
            f"| {_cell(row.text('text', 'en'))} | {_cell(row.text('text', LANGUAGE))} "
            f"| {_verdict_cell(row, review)} |"
        )
    return [*out, ""]


def _regions(library: Library, review: Mapping[str, Any]) -> list[str]:
    out = ["## What the placeholders are filled with", ""]
    out.append(
        "The emergency number is one text for every language (it is not translated); the "
        "advice line is translated, and reviewed here."
    )
    out += [
        "",
        "| ID | Region | `{emergency}` | `{advice_line}` in English | in Chinese | Verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in region_rows(library):
        code = row.key.split(".")[0]
        out.append(
            f"| `{row.key}` | {code} | {_cell(library.regions[code].emergency)} "
            f"| {_cell(row.text('text', 'en'))} | {_cell(row.text('text', LANGUAGE))} "
            f"| {_verdict_cell(row, review)} |"
        )
    return [*out, ""]


def _reading() -> list[str]:
    return [
        "## How the Chinese is checked for reading",
        "",
        "`lumba content check` checks the Chinese as it checks the English "
        "(lumba/content/wording.py):",
        "",
        f"- **Sentence length.** A Chinese sentence (ending at 。！？； or a line end) may have "
        f"at most {MAX_SENTENCE_CHARACTERS} characters, and a sign at most "
        f"{MAX_SIGN_CHARACTERS}: rule titles and explanations, every level text and the "
        "cards' titles, summaries and texts. Han characters count one each; a number or a "
        "Latin word (140/90, NHS) and a `{placeholder}` count one, as they are read as one "
        "word; punctuation does not count. A bracket is read as an aside (the glossary's "
        "explanation of a term at its first mention), so it is measured on its own, against "
        "the same limit, and not added to its sentence.",
        "- **Why these limits.** Plain Chinese for the public keeps sentences to about 25 to 30 "
        "characters. Readability research on Chinese patient leaflets takes the average "
        "sentence length as one of its two text measures; a study of leaflets from 13 "
        "hospitals in China found them hard to read, with sentences averaging about 30, and "
        "asked for shorter sentences (Wang Q et al., Readability in printed education "
        "materials for Chinese patients with systemic lupus erythematosus, BMJ Open "
        "2020;10:e038091). The hard limits carry the English ones over: lumba's Chinese runs "
        "about 1.5 characters per English word (measured on the rules), so the English limit "
        f"of 20 words is about 30 characters; {MAX_SENTENCE_CHARACTERS} leaves room for the "
        "subject Chinese restates, and a sign gets the English 24 words' share.",
        "- **Urgency words.** Chinese cards may not use words more urgent than every level "
        "they can appear at, as English cards may not (URGENCY_WORDS_ZH: 120 and the other "
        "emergency numbers, 急救电话, 救护车 and 急诊科 for an emergency; 马上, 立即, 立刻, "
        "现在就, 当天, 不论白天晚上, 不要等到明天 and 产科急诊 for urgent; 24小时内, 1天内 "
        "and 今天 for soon); and no Chinese text may say less urgently what its English "
        "says.",
        "",
    ]


# ---------------------------------------------------------------- command line


def _library() -> Library:
    from lumba.content.loader import load_library

    return load_library()


def main(argv: list[str]) -> int:
    usage = f"usage: {COMMAND} [--check | --record ID VERDICT [--note TEXT]]\n"
    try:
        if argv[:1] == ["--record"]:
            return _record(argv[1:])
        if argv not in ([], ["--check"]):
            sys.stderr.write(usage)
            return 2
        library, review = _library(), load_review()
        text = render(library, review)
    except (ReviewError, KeyError, TypeError) as error:
        sys.stderr.write(f"render_translation_review: {error}\n")
        return 2
    if argv == ["--check"]:
        current = RENDERED.read_text(encoding="utf-8") if RENDERED.exists() else ""
        if current != text:
            sys.stderr.write(f"{RENDERED.relative_to(ROOT)} is out of date: run {COMMAND}\n")
            return 1
        return 0
    RENDERED.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {RENDERED.relative_to(ROOT)}\n")
    return 0


def _record(args: list[str]) -> int:
    note = ""
    if "--note" in args:
        at = args.index("--note")
        if at + 1 >= len(args):
            raise ReviewError("--note needs a text")
        note = args[at + 1]
        args = args[:at] + args[at + 2 :]
    if len(args) != 2:
        raise ReviewError("--record needs an ID and a verdict")
    key, verdict = args
    library = _library()
    review = record(load_review(), find_row(library, key), verdict, note)
    REVIEW.write_text(dump_review(review), encoding="utf-8")
    RENDERED.write_text(render(library, review), encoding="utf-8")
    sys.stdout.write(f"recorded {verdict} for {key}; wrote {RENDERED.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
