"""docs/spec.md is the contract the code cites: every "spec §n" or "spec §n.m" in the code,
tests and docs names a section or rule that exists there, and no citation of the brief the
project started from ("SPEC n", a file outside the repository) is left."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "spec.md"
CITED = re.compile(r"§(\d+(?:\.\d+)?)(?:-§?(\d+(?:\.\d+)?))?")
OLD_CITATION = re.compile(r"\bSPEC(?: \d|\.md|'s|§)")


def sources() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "app", "frontend", "tests", "docs", "README.md", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    suffixes = {".py", ".md", ".js", ".html", ".ts"}
    return [ROOT / name for name in listed if Path(name).suffix in suffixes]


def numbers_in_spec() -> set[str]:
    text = SPEC.read_text(encoding="utf-8")
    sections = re.findall(r"^## (\d+)\.", text, re.MULTILINE)
    rules = re.findall(r"^- (\d+\.\d+) ", text, re.MULTILINE)
    return set(sections) | set(rules)


def test_every_citation_names_a_section_or_rule_of_the_spec() -> None:
    known = numbers_in_spec()
    assert {"1", "3", "3.1", "12", "12.7", "15.5"} <= known  # the reading of spec.md works
    unknown = []
    for path in sources():
        if path == SPEC or path == Path(__file__):
            continue
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "spec §" not in line and "spec.md §" not in line:
                continue
            for match in CITED.finditer(line):
                unknown += [
                    f"{path.relative_to(ROOT)}:{line_number}: §{number}"
                    for number in match.groups()
                    if number is not None and number not in known
                ]
    assert unknown == []


def test_no_citation_of_the_old_brief_is_left() -> None:
    left = [
        f"{path.relative_to(ROOT)}:{line_number}"
        for path in sources()
        if path != Path(__file__)
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OLD_CITATION.search(line)
    ]
    assert left == []
