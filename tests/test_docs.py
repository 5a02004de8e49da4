"""The repository explains itself: citations of docs/ point at what exists, and nothing cites a file outside it.

Code cites ``docs/DOMAIN.md §2.1`` (a numbered section) or ``docs/ARCHITECTURE.md "Data rules"``
(a section title).  A section renamed or renumbered without its citations, a page
cited that does not exist, or a comment pointing at a design note outside the
repository (which the next person will not have) fails here.  The README's
"Where things are" must name folders and files that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

DOCS = ROOT / "docs"
SCANNED = ("villagedesk", "tests", "tools", "benchmarks")
TEXT_SUFFIXES = {".py", ".sh", ".spec", ".toml", ".cfg", ".ini", ".txt", ".md"}
AREAS = ("register", "committee", "points", "meetings", "requests", "notices", "township", "home")

# docs/PAGE.md, then any run of §N(.M) and "Section title" separated by commas, "and" or spaces.
_CITATION = re.compile(r'docs/(?P<page>[\w-]+\.md)(?P<rest>(?:\s*,?\s*(?:and\s+)?(?:§\d+(?:\.\d+)*|"[^"]{1,120}"))*)')
_SECTION = re.compile(r"§(\d+(?:\.\d+)*)")
_TITLE = re.compile(r'"([^"]+)"')
# A comment's line break inside a cited title: the newline, the next line's indent and its "#".
_WRAP = re.compile(r"\s*\n\s*#?\s*")

# Files outside the repository: the design notes it was started from.  Spelled in pieces so
# this file does not cite them itself.
_OUTSIDE = (
    re.compile(r"\bDESIGN" r"\.md\b"),
    re.compile(r"(?:\.\./|/work/)" r"shared\b"),
    re.compile(r"\bseed/" r"000_"),
    # The domain and architecture pages live in docs/: a bare name means the outside copy.
    re.compile(r"(?<![\w/])(?:DOMAIN|ARCHITECTURE)" r"\.md"),
)


def _normal(text: str) -> str:
    return " ".join(_WRAP.sub(" ", text).split()).casefold()


def _headings(page: Path) -> tuple[set[str], set[str]]:
    """(section numbers, section titles) of a docs page: ``## §2 Points`` gives "2" and "§2 points"."""
    numbers, titles = set(), set()
    for line in page.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^#{1,4}\s+(.+?)\s*$", line)
        if not found:
            continue
        heading = found.group(1)
        titles.add(_normal(heading))
        number = re.match(r"§(\d+(?:\.\d+)*)\s", heading)
        if number:
            numbers.add(number.group(1))
            titles.add(_normal(heading[number.end():]))
    return numbers, titles


def citation_problems(text: str, where: str, docs: Path = DOCS) -> list[str]:
    """Every citation in ``text`` that points at no page or no section, and every outside reference."""
    problems = []
    for found in _CITATION.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        page = docs / found.group("page")
        if not page.is_file():
            problems.append(f"{where}:{line}: cites docs/{found.group('page')}, which does not exist")
            continue
        numbers, titles = _headings(page)
        for number in _SECTION.findall(found.group("rest")):
            if number not in numbers:
                problems.append(f"{where}:{line}: cites docs/{page.name} §{number}, which has no such section")
        for title in _TITLE.findall(found.group("rest")):
            if _normal(title) not in titles:
                problems.append(f"{where}:{line}: cites docs/{page.name} \"{title}\", which has no such section")
    for pattern in _OUTSIDE:
        for found in pattern.finditer(text):
            line = text.count("\n", 0, found.start()) + 1
            problems.append(f"{where}:{line}: cites {found.group(0)!r}, a file outside the repository "
                            "(cite docs/DOMAIN.md §N or docs/ARCHITECTURE.md \"<section>\")")
    return problems


def _sources() -> list[Path]:
    files = [ROOT / "pyproject.toml"]
    for top in SCANNED:
        files += [p for p in (ROOT / top).rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()
                  and "__pycache__" not in p.parts and p != Path(__file__).resolve()]
    return sorted(files)


@pytest.mark.slow
def test_every_citation_points_at_an_existing_page_and_section():
    problems = []
    for path in _sources():
        problems += citation_problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def test_the_code_cites_both_pages():
    """The scan above reads the code: if it found no citation at all, it read nothing."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in _sources())
    pages = {m.group("page") for m in _CITATION.finditer(text)}
    assert {"DOMAIN.md", "ARCHITECTURE.md"} <= pages


@pytest.mark.parametrize("text, expected", [
    ("# see docs/DOMAIN.md §2.1", []),
    ("(docs/DOMAIN.md §2.1, §2.5)", []),
    ('# Columns (docs/ARCHITECTURE.md, "Data rules").', []),
    ('"""(docs/ARCHITECTURE.md, "the GUI asks, core\n    decides")."""', []),
    ("# docs/DOMAIN.md §99", ["§99"]),
    ("(docs/DOMAIN.md §2.1, §2.99)", ["§2.99"]),
    ('# docs/ARCHITECTURE.md "No such section"', ["No such section"]),
    ("# docs/NOWHERE.md", ["NOWHERE.md"]),
    ("# the flow (" + "DOMAIN" + ".md §2)", ["DOMAIN.md"]),
    ("# the pitfalls (" + "DESIGN" + ".md)", ["DESIGN.md"]),
    ("# as in ../" + "shared/notes", ["shared"]),
])
def test_the_checker_finds_what_it_should(text, expected):
    problems = citation_problems(text, "x.py")
    assert len(problems) == len(expected), problems
    for problem, word in zip(problems, expected):
        assert word in problem


def test_domain_sections_are_numbered_once():
    numbers = re.findall(r"^#{2,4}\s+§(\d+(?:\.\d+)*)\s", (DOCS / "DOMAIN.md").read_text(encoding="utf-8"), re.M)
    assert numbers and len(numbers) == len(set(numbers))
    # Sub-sections sit under their section: §2.3 needs §2.
    assert {n.split(".")[0] for n in numbers} <= set(numbers)


def _where_things_are() -> list[str]:
    """The first word of each entry of the README's "Where things are" block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Where things are", 1)[1].split("\n\n")[1]
    return [line.split()[0] for line in block.splitlines() if line.startswith("    ") and line[4] != " "]


def _expand(entry: str) -> list[str]:
    names = [entry]
    braces = re.search(r"\{([^}]+)\}", entry)
    if braces:
        names = [entry[:braces.start()] + part + entry[braces.end():] for part in braces.group(1).split(",")]
    return [name.replace("<area>", area) for name in names for area in (AREAS if "<area>" in name else ("",))]


def test_where_things_are_names_what_exists():
    entries = _where_things_are()
    assert len(entries) > 10, entries
    missing = [name for entry in entries for name in _expand(entry) if not (ROOT / name).exists()]
    assert not missing, f"README.md \"Where things are\" names what is not there: {missing}"
