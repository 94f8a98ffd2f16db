"""The `lumba` command: triage for machines, the check for people, and content tools.

Heavy imports (Rich, Django) happen inside the commands that need them, so a
single `lumba triage` call starts quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from lumba.core.library import Library
    from lumba.service import Triager

app = typer.Typer(
    help="lumba: self-care and triage for back and pelvic pain in pregnancy. Not a diagnosis: "
    "in an emergency call your local emergency number (999, 911, 112, 000, 120).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
content_app = typer.Typer(help="Tools for reviewing lumba's content.", no_args_is_help=True)
app.add_typer(content_app, name="content")
fhir_app = typer.Typer(
    help="FHIR R4: the check as a Questionnaire, triage of a QuestionnaireResponse, "
    "a diary export as a Bundle.",
    no_args_is_help=True,
)
app.add_typer(fhir_app, name="fhir")

RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Where you are, for the emergency number: GB, IE, US, CA, EU, AU, NZ, CN, INT or "
        "a country code. Default: $LUMBA_REGION, else the locale's country, else INT.",
    ),
]
LanguageOption = Annotated[str, typer.Option("--lang", help="Language of the result text.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"lumba: {message}\n")
    raise typer.Exit(code)


# What each optional part of lumba (pyproject.toml's extras) brings, by the
# modules a command imports first: `pip install lumba` has only the engine.
EXTRAS = {
    "fhir": ("fhir.resources",),
    "web": ("django", "ninja", "allauth", "csp", "granian", "whitenoise", "fhir.resources"),
    "dev": ("textstat",),
}


def _needs(extra: str, command: str) -> None:
    """One line and exit 2, not a traceback, when an extra is not installed."""
    from importlib.util import find_spec

    for module in EXTRAS[extra]:
        try:
            found = find_spec(module) is not None
        except ModuleNotFoundError:  # its parent package is missing
            found = False
        if not found:
            _fail(f"{command} needs {module}, which is not installed: install lumba[{extra}]")


@fhir_app.callback()
def _fhir_installed() -> None:
    """Before any `lumba fhir` command (not for --help)."""
    _needs("fhir", "lumba fhir")


def _triager(region: str | None, language: str) -> Triager:
    from lumba.content.loader import ContentError
    from lumba.service import UnknownChoice, choose_triager

    try:
        return choose_triager(region, language)
    except UnknownChoice as unknown:
        options = {"lang": "--lang", "region": "--region"}
        _fail(
            "\n".join(
                f"{options.get(p.field, p.field)}: {p.localized(str)}" for p in unknown.problems
            )
        )
    except ContentError as error:
        _fail(f"the packaged content is invalid; run `lumba content check`\n{error}", code=3)


def _read_input(file: Path | None) -> str:
    if file is None or str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except OSError as error:
        _fail(f"cannot read {file}: {error.strerror}")
    except UnicodeDecodeError:
        _fail(f"cannot read {file}: it is not UTF-8 text")


@app.command()
def triage(
    file: Annotated[
        Path | None, typer.Argument(help="Assessment JSON file (default: standard input).")
    ] = None,
    batch: Annotated[
        bool, typer.Option("--batch", help="Read JSON Lines; write one result line per line.")
    ] = False,
    region: RegionOption = None,
    language: LanguageOption = "en",
) -> None:
    """Triage one assessment (JSON) and print the result (JSON)."""
    from lumba.catalogues import translator
    from lumba.service import InvalidAssessment, jsonl_lines, parse_assessment

    text = _read_input(file)
    triager = _triager(region, language)
    if batch:
        out = sys.stdout
        any_invalid = False
        for ok, line in triager.batch(jsonl_lines(text)):
            out.write(line)
            out.write("\n")
            any_invalid |= not ok
        raise typer.Exit(1 if any_invalid else 0)
    try:
        assessment = parse_assessment(text)
    except InvalidAssessment as invalid:
        _ = translator(triager.renderer.language)
        _fail(_("invalid assessment: {problems}").format(problems=invalid.localized(_)))
    sys.stdout.write(triager.result_json(assessment) + "\n")


@app.command()
def check(region: RegionOption = None, language: LanguageOption = "en") -> None:
    """Answer a few questions in the terminal and see what to do about your pain."""
    from lumba.interactive import run_check

    raise typer.Exit(run_check(_triager(region, language)))


@app.command()
def rules() -> None:
    """List every triage rule with its level and sources."""
    from lumba.console import show_rules

    show_rules(_library())


@app.command()
def explain(
    rule_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A rule id, as `lumba rules` lists, or an advice card's id."
        ),
    ],
    region: RegionOption = None,
    language: Annotated[
        str, typer.Option("--lang", help="Language of an advice card's text.")
    ] = "en",
) -> None:
    """Show one rule (when it fires, why, its sources and its example cases, as JSON) or
    one advice card in full, with its sources."""
    import difflib

    from lumba.console import show_card, show_rule

    library = _library()
    ids = [rule.id for rule in library.rules]
    cards = [card.id for card in library.cards]
    if rule_id in cards:
        show_card(_triager(region, language).renderer, library.card(rule_id))
        return
    if rule_id not in ids:
        close = difflib.get_close_matches(rule_id, ids + cards, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `lumba rules` lists them"
        _fail(f"no rule or advice card with id {rule_id!r}{hint}")
    show_rule(library, library.rule(rule_id))


@content_app.command("check")
def content_check(
    folder: Annotated[
        Path | None,
        typer.Argument(help="A content folder (data/ and cards/) to check; default: lumba's own."),
    ] = None,
) -> None:
    """Validate every content file and every rule's examples; report all problems at once."""
    _needs("dev", "lumba content check")
    from lumba.content.checks import check_content
    from lumba.content.loader import CONTENT_DIR, load_library

    content_dir = CONTENT_DIR if folder is None else folder
    if not (content_dir / "data").is_dir() or not (content_dir / "cards").is_dir():
        _fail(f"{content_dir} is not a content folder: it needs data/ and cards/")
    found = check_content(content_dir)
    for problem in found:
        sys.stdout.write(f"{problem}\n")
    if found:
        _fail(f"{len(found)} content problem(s)", code=1)
    from lumba.content.wording import review_summary

    summary = review_summary(load_library(content_dir))
    sys.stdout.write(f"{summary}\n")
    if summary.draft_rules:
        sys.stdout.write(f"  draft rules: {', '.join(summary.draft_rules)}\n")
    if summary.draft_cards:
        sys.stdout.write(f"  draft cards: {', '.join(summary.draft_cards)}\n")
    sys.stdout.write("content OK\n")


@content_app.command("translations")
def content_translations(
    accept: Annotated[
        str,
        typer.Option(
            "--accept",
            help="Accept every current text in this language as the translation of its English.",
        ),
    ],
) -> None:
    """Mark the translations in one language as current (after translating or reviewing them)."""
    from lumba.content.loader import CONTENT_DIR, default_library, default_myths
    from lumba.content.translations import TRANSLATED, content_texts, write_lock

    if accept not in TRANSLATED:
        _fail(
            f"--accept: {accept!r} is not a translated language; use one of {', '.join(TRANSLATED)}"
        )
    found = content_texts(default_library(), default_myths())
    count = write_lock(found, accept, CONTENT_DIR)
    sys.stdout.write(f"{count} {accept} translations accepted\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Run the lumba web app (applies database migrations first)."""
    _needs("web", "lumba serve")
    from lumba.web.serving.server import run

    run(host=host, port=port)


@fhir_app.command("questionnaire")
def fhir_questionnaire(language: LanguageOption = "en") -> None:
    """Print the lumba Questionnaire (FHIR R4 JSON)."""
    from lumba.fhir.questionnaire import questionnaire

    _print_json(questionnaire(_library(), language))


@fhir_app.command("response")
def fhir_response(
    file: Annotated[
        Path | None, typer.Argument(help="Assessment JSON file (default: standard input).")
    ] = None,
) -> None:
    """Print the QuestionnaireResponse that gives an assessment (an example for `fhir triage`)."""
    from lumba.fhir.from_assessment import response_of
    from lumba.service import InvalidAssessment, parse_assessment

    text = _read_input(file)
    try:
        parse_assessment(text)
    except InvalidAssessment as invalid:
        _fail(f"invalid assessment: {invalid}")
    _print_json(response_of(json.loads(text.removeprefix("\ufeff")), _library()))


@fhir_app.command("triage")
def fhir_triage(
    file: Annotated[
        Path | None,
        typer.Argument(help="QuestionnaireResponse JSON file, or - (default: standard input)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plain result, as `lumba triage` does.")
    ] = False,
    region: RegionOption = None,
    language: LanguageOption = "en",
) -> None:
    """Triage a QuestionnaireResponse to the lumba Questionnaire; print the Bundle."""
    from lumba.fhir.problems import InvalidResponse
    from lumba.fhir.triage import triage_text

    text = _read_input(file)
    triager = _triager(region, language)
    try:
        bundle, result = triage_text(text, triager)
    except InvalidResponse as invalid:
        _fail(f"invalid QuestionnaireResponse: {_one_line(str(invalid))}")
    _print_json(result if as_json else bundle)


@fhir_app.command("export")
def fhir_export(
    file: Annotated[
        Path | None,
        typer.Argument(help="A lumba account export (GET /api/v1/me/export; default: stdin)."),
    ] = None,
) -> None:
    """Print the diary of a lumba account export as a FHIR Bundle."""
    from lumba.fhir.diary import InvalidDiary, diary_bundle

    text = _read_input(file).removeprefix("\ufeff")
    try:
        export = json.loads(text)
    except (ValueError, RecursionError):
        _fail("invalid export: not valid JSON")
    try:
        bundle = diary_bundle(export, _library())
    except InvalidDiary as invalid:
        _fail(f"invalid export: {_one_line(str(invalid))}")
    _print_json(bundle)


def _print_json(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _library() -> Library:
    from lumba.content.loader import ContentError, default_library

    try:
        return default_library()
    except ContentError as error:
        _fail(f"the packaged content is invalid; run `lumba content check`\n{error}", code=3)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
