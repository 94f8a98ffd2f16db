"""Proof that a speed-up changed no result: the whole batch output, saved and compared.

Run once before a change with `--save FILE`, then after it with `--compare FILE`.
Results are long (about 25 kB a line), so the file keeps one SHA-256 per line.
The output covers the 20,000 generated benchmark lines and every vignette input,
for every region and two languages, through `Triager.batch` (the JSON lines of
`lumba triage --batch`) and `Triager.result` (the dict the web API serialises).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import assessments

from lumba.content.loader import default_library
from lumba.service import parse_assessment, triager

ROOT = Path(__file__).parent.parent
VIGNETTES = sorted((ROOT / "tests" / "vignettes").glob("*.jsonl"))
LANGUAGES = ("en", "fr")


def vignette_lines() -> list[str]:
    lines = []
    for path in VIGNETTES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(json.dumps(json.loads(line)["assessment"]))
    return lines


def outputs() -> Iterator[str]:
    generated = [json.dumps(doc) for doc in assessments(20_000)]
    vignettes = vignette_lines()
    # A few invalid lines too, so the error lines are compared as well.
    broken = ["", "{", "[]", '{"gestational_weeks": 50}', '{"gestational_weeks": 3, "pain": {}}']
    for region in default_library().regions:
        for language in LANGUAGES:
            run = triager(region=region, language=language)
            lines = generated if (region, language) == ("GB", "en") else generated[:2000]
            for ok, line in run.batch([*lines, *vignettes, *broken]):
                yield f"{region} {language} {ok} {line}"
            for text in vignettes:
                result = run.result(parse_assessment(text))
                yield f"{region} {language} dict {json.dumps(result, ensure_ascii=False)}"


def digest(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    if args.save:
        digests = [digest(line) for line in outputs()]
        args.save.write_text("\n".join(digests) + "\n", encoding="utf-8")
        print(f"saved {len(digests)} line digests")
        return
    before = args.compare.read_text(encoding="utf-8").splitlines()
    count = 0
    for count, line in enumerate(outputs(), 1):
        if count > len(before) or digest(line) != before[count - 1]:
            print(f"line {count} differs; now:\n{line[:2000]}")
            sys.exit(1)
    if count != len(before):
        print(f"{len(before)} lines before, {count} now")
        sys.exit(1)
    print(f"identical: all {count} lines")


if __name__ == "__main__":
    main()
