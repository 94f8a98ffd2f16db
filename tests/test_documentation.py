"""Anything a user can see or set is documented, each in its own file of
docs/: every command in docs/commands.md, every setting in docs/settings.md,
every API path in docs/api.md. The README stays a front page: the two
commands to start, and links; every relative link in it and in docs/ leads
to a file (and a section) that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _commands() -> list[str]:
    from lumba.cli import app, content_app

    names = [f"lumba {c.name or c.callback.__name__}" for c in app.registered_commands]
    names += [
        f"lumba content {c.name or c.callback.__name__}" for c in content_app.registered_commands
    ]
    return names


def _settings() -> set[str]:
    """Every LUMBA_* environment variable the code, scripts, tests or benchmarks read."""
    found = {"DATABASE_URL"}
    for folder in ("lumba", "scripts", "benchmarks", "tests"):
        for source in (ROOT / folder).rglob("*"):
            if source.is_file() and source.suffix in ("", ".py", ".sh"):
                found |= set(
                    re.findall(
                        r"\b(LUMBA_[A-Z][A-Z_]*[A-Z])\b",
                        source.read_text(encoding="utf-8", errors="ignore"),
                    )
                )
    return found


@pytest.mark.parametrize("command", _commands())
def test_it_documents_every_command(command: str) -> None:
    assert f"`{command}" in _doc("commands.md")


@pytest.mark.parametrize("setting", sorted(_settings()))
def test_it_documents_every_setting(setting: str) -> None:
    assert re.search(rf"\b{setting}\b", _doc("settings.md")), setting


def test_it_documents_every_api_path() -> None:
    from django.test import Client

    api = _doc("api.md")
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert paths
    for path in paths:
        assert path.replace("/api/v1", "").split("{")[0].rstrip("/") in api, path


def test_it_gives_a_newcomer_exactly_two_commands() -> None:
    start = README.split("## Start here", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", start, flags=re.S).group(1)
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "scripts/run",
        "scripts/test",
    ]


def test_the_readme_links_every_page_of_the_docs() -> None:
    linked = {target.split("#")[0] for target in _links(README)}
    pages = {f"docs/{page.relative_to(DOCS).as_posix()}" for page in DOCS.glob("*.md")}
    assert pages - linked == set()
    assert "CHANGELOG.md" in linked


# --- Links ---

_FENCE = re.compile(r"^(```|~~~).*?^\1", flags=re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|\b(?:src|href)=\"([^\"]+)\"")


def _prose(markdown: str) -> str:
    """The text without code blocks and code spans, where nothing is a link."""
    return _CODE.sub("", _FENCE.sub("", markdown))


def _links(markdown: str) -> list[str]:
    return [a or b for a, b in _LINK.findall(_prose(markdown))]


def _anchors(page: Path) -> set[str]:
    """The fragments a page answers to: GitHub's heading slugs and explicit ids."""
    markdown = page.read_text(encoding="utf-8")
    anchors = set(re.findall(r"\bid=\"([^\"]+)\"", markdown))
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", _FENCE.sub("", markdown), flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def broken_links(page: Path) -> list[str]:
    """Every relative link of a Markdown page whose file, or section, is missing."""
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in _links(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
            continue
        path, _, fragment = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        missing = not file.exists()
        if missing or (fragment and file.suffix == ".md" and fragment not in _anchors(file)):
            broken.append(target)
    return broken


_PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


@pytest.mark.parametrize("page", _PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page: Path) -> None:
    assert broken_links(page) == []


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# A section\n\n## Twice\n\n## Twice\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#a-section) [ok](there.md#twice-1) "
        '<img src="image.png"> [web](https://example.org/x) [here](#local)\n'
        "## Local\n"
        '[gone](missing.md) [no section](there.md#nowhere) <img src="gone.png">\n'
        "`[in code](missing-in-code.md)`\n```\n[in a block](missing-in-block.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["missing.md", "there.md#nowhere", "gone.png"]
