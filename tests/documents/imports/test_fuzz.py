"""Every importer against generated bad files: one clear line each, no traceback, nothing written.

The household roster and the rule catalogue go through the command line as a
clerk's file would (``villagedesk import households|rules FILE``); packages go
into a township database.  The files are made by tests/bad_files.py; the
large ones (100,000 rows, a 256 MB zip bomb) are measured by
benchmarks/fuzz_figures.py, smaller versions of them run here.  Memory stays
bounded: the worst files are read again in a child process whose address
space is capped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.documents.package.test_package import take, write
from tests.helpers.bad_files import bad_packages, bad_workbooks, big_workbook
from tests.helpers.factories import valid_id
from villagedesk.cli import main
from villagedesk.core.points import rules
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people
from villagedesk.documents.imports.households import read_roster
from villagedesk.errors import UserError
from villagedesk.store import open_store

ROSTER_HEADER = ["户编号", "户主", "姓名", "与户主关系", "身份证号", "性别", "出生日期", "联系电话"]
RULES_HEADER = ["事项", "类别", "分值", "计分单位", "生效日期", "细则编号"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def roster_row(n: int) -> list:
    """Household n with its head: a valid ID number, the sex it encodes (odd serial: male), a phone."""
    serial = n % 998 + 1
    return [f"HH{n + 101:04d}", f"户主{n}", f"户主{n}", "户主", valid_id(date(1950 + n % 50, 1 + n % 12, 1), serial),
            "男" if serial % 2 else "女", None, f"138{n % 10**8:08d}"]


def rule_row(n: int) -> list:
    return [f"护林巡山第{n}段", "公益参与", 3, "每次", "2026-01-01", ""]


ROSTER_GOOD = roster_row(0)
RULES_GOOD = rule_row(0)


def fingerprint(path: Path) -> dict:
    """Every table's rows, hashed: any write shows, whatever table it touched."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: hashlib.sha256(repr(conn.execute(f"SELECT * FROM [{n}] ORDER BY rowid").fetchall()).encode())
                .hexdigest() for n in names}


@pytest.fixture
def village(profiled_store, db_path) -> Path:
    """A village with two households and its rule catalogue; closed, so the command line can take it."""
    store = profiled_store
    for n in (1, 2):
        house = people.add_household(store, code=f"HH00{n}", group_name="一组")
        people.add_person(store, house["id"], name=f"老户主{n}", relation="户主", id_number=valid_id(serial=n))
    rules.save_scheme(store, Scheme())
    rules.install_default_catalogue(store, date(2026, 1, 1))
    store.close()
    return db_path


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("bad")
    # The suite's bomb and tail are smaller than the figures script's; the guards see them the same way.
    return {"households": bad_workbooks(folder / "roster", ROSTER_HEADER, ROSTER_GOOD, bomb=64 << 20, tail=20_000),
            "rules": bad_workbooks(folder / "rules", RULES_HEADER, RULES_GOOD, bomb=64 << 20, tail=20_000)}


# What each refusal must say (the roster's and the catalogue's own words where they differ).
EXPECTED = {
    "empty file": "不是 Excel", "csv in GBK named .xlsx": "不是 Excel", "utf-16 text": "不是 Excel",
    "random bytes": "不是 Excel", "zip without a workbook": "不是 Excel", "old xls (OLE)": "旧版 Excel",
    "empty sheets": "空表格", "header only": "只有表头", "wrong types": "行有问题", "huge cells": "行有问题",
    "formulas": "行有问题", "merged cells": "行有问题", "gbk declared, utf-8 bytes": "不是 Excel",
    "invalid utf-8 in a string": "不是 Excel", "shared string index out of range": "不是 Excel",
    "sheet part named ../": "含 ..", "member named ../ beside the workbook": "含 ..", "billion laughs": "不是 Excel",
    "zip bomb (shared strings)": "压缩炸弹", "formatted to the last row, a bad row at the top": "行有问题",
}


def one_line(err: str, name: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"{name}: {err}"
    assert lines[0].startswith("villagedesk: ") and CHINESE.search(lines[0]), f"{name}: {err}"
    assert "Traceback" not in err and "Error" not in err, f"{name}: {err}"
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("importer", ["households", "rules"])
def test_every_bad_workbook_is_refused_in_one_line_and_nothing_is_written(importer, village, bad_files, capsys):
    files = bad_files[importer]
    assert set(files) == set(EXPECTED)
    before = fingerprint(village)
    for name, path in files.items():
        for dry in ([], ["--dry-run"]):
            assert main(["import", importer, str(path), "--db", str(village), *dry]) == 1, name
            message = one_line(capsys.readouterr().err, name)
            assert EXPECTED[name] in message, f"{name}: {message}"
            assert path.name in message or "行有问题" in message, f"{name}: {message}"
        assert fingerprint(village) == before, name


@pytest.mark.slow
@pytest.mark.parametrize("importer, row, good", [("households", roster_row, 2 + 1_500),
                                                 ("rules", rule_row, 25 + 1_500)])
def test_a_long_file_with_one_bad_row_at_its_end_writes_nothing(importer, row, good, village, tmp_path, capsys):
    """No half import: 1,500 good rows and a broken last one are refused whole; without it all go in."""
    header = ROSTER_HEADER if importer == "households" else RULES_HEADER
    bad = big_workbook(tmp_path / "bad.xlsx", header, row, 1_500, last=[None, "坏", "坏", "坏", "坏", "坏"])
    before = fingerprint(village)
    assert main(["import", importer, str(bad), "--db", str(village)]) == 1
    assert "1 行有问题" in one_line(capsys.readouterr().err, importer)
    assert fingerprint(village) == before

    fine = big_workbook(tmp_path / "good.xlsx", header, row, 1_500)
    assert main(["import", importer, str(fine), "--db", str(village)]) == 0
    table = "persons" if importer == "households" else "point_rules"
    with open_store(village, write=False) as store:
        assert store.scalar(f"SELECT count(*) FROM {table}") == good


@pytest.mark.slow
def test_the_guard_leaves_real_workbooks_alone(store, tmp_path):
    """A long plain sheet compresses well (about 65×) and still reads: the bomb limits are far above it."""
    path = big_workbook(tmp_path / "plain.xlsx", ROSTER_HEADER, lambda n: ["HH0001", "户主", "同名", "户主",
                                                                         None, "男", None, None], 3_000)
    plan = read_roster(store, path)
    assert "共 3000 行人员数据" in plan.summary()


# --- memory: the worst files read in a child process with a capped address space ----------

_CHILD = """
import resource, sys
from pathlib import Path
limit = int(sys.argv[3]) << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.documents.imports.households import read_roster
from villagedesk.documents.imports.rules import read_rules
read = read_roster if sys.argv[1] == "households" else read_rules
with open_store(Path(sys.argv[4]), write=False) as store:
    try:
        plan = read(store, Path(sys.argv[2]))
        print("plan", len(plan.problems))
    except UserError as err:
        print("refused", err)
"""


@pytest.mark.slow
@pytest.mark.parametrize("importer, case", [("households", "zip bomb (shared strings)"),
                                             ("rules", "billion laughs"), ("households", "huge cells")])
def test_the_worst_workbooks_stay_within_a_modest_memory(importer, case, village, bad_files):
    """Inside 600 MB of address space (Python and openpyxl alone take about 250 MB of it)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, importer, str(bad_files[importer][case]), "600",
                           str(village)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith(("refused", "plan")), done.stdout


# --- packages -----------------------------------------------------------------------------

@pytest.mark.slow
def test_every_bad_package_is_refused_naming_why_and_the_township_is_untouched(village_db, township_db, stick,
                                                                              tmp_path):
    good = write(village_db, stick)
    cases = bad_packages(good, tmp_path / "bad", township_db, village_db)
    before = fingerprint(township_db)
    for name, (path, message) in cases.items():
        with pytest.raises(UserError, match=re.escape(message)) as refused:
            take(township_db, path)
        assert "\n" not in str(refused.value), name
        assert fingerprint(township_db) == before, name
    take(township_db, good)  # the genuine package still goes in afterwards
    assert fingerprint(township_db) != before


@pytest.mark.slow
def test_bad_packages_through_the_command_line(village_db, township_db, stick, tmp_path, capsys):
    good = write(village_db, stick)
    cases = bad_packages(good, tmp_path / "bad", township_db, village_db)
    before = fingerprint(township_db)
    for name in ("line in GBK", "encrypted members", "unknown compression", "manifest is a list"):
        assert main(["import-package", str(cases[name][0]), "--db", str(township_db)]) == 1, name
        assert cases[name][1] in one_line(capsys.readouterr().err, name)
    assert fingerprint(township_db) == before
