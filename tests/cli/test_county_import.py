"""import-package --db postgresql://…: township packages into the county on the command line."""

from __future__ import annotations

import pytest

from tests.cli.test_keys import one_line, run
from tests.core.township.test_merge import approve
from tests.helpers import county as filled
from villagedesk.store.postgres.connection import county_database

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _townships(url: str) -> list[tuple]:
    with county_database(url) as conn:
        return conn.execute("SELECT name, last_sequence FROM county.townships ORDER BY name").fetchall()


def test_several_packages_go_in_by_township_and_sequence_and_again_change_nothing(county, tmp_path, capsys):
    township = filled.make_township(tmp_path / "t.sqlite3", "天门乡", 1, county)
    village = filled.make_village(tmp_path / "v.sqlite3", township, filled.village_code(1, 1), "油溪桥村", "天门乡")
    filled.send(village, township, tmp_path / "stick")
    out = tmp_path / "usb"
    first = filled.forward(township, out)
    approve(village, 2)
    filled.send(village, township, tmp_path / "stick")
    second = filled.forward(township, out)
    # Given newest first, as a file manager may list them: taken oldest first.
    code, said, err = run(capsys, "import-package", str(second), str(first), "--db", county)
    assert code == 1 and "第一个数据包" in one_line(err) and "--accept-new-township" in err
    assert _townships(county) == []
    code, said, err = run(capsys, "import-package", str(second), str(first), "--db", county, "--accept-new-township")
    assert (code, err) == (0, "")
    assert said.index("天门乡第 1 号") < said.index("天门乡第 2 号")
    assert _townships(county) == [("天门乡", 2)]
    code, said, err = run(capsys, "import-package", str(first), str(second), "--db", county)
    assert code == 0 and said.count("已经导入过，没有任何改动") == 2


def test_a_village_package_given_to_the_county_is_one_line(county, tmp_path, capsys, township_db, village_db, stick):
    package = filled.send(village_db, township_db, stick)
    code, _said, err = run(capsys, "import-package", str(package), "--db", county)
    assert code == 1 and "villagedesk: " in one_line(err)
    assert _townships(county) == []


def test_two_townships_go_in_side_by_side_and_a_refusal_is_one_line(county, tmp_path, capsys):
    packages = []
    for t, name in ((1, "天门乡"), (2, "白溪镇")):
        township = filled.make_township(tmp_path / f"t{t}.sqlite3", name, t, county)
        village = filled.make_village(tmp_path / f"v{t}.sqlite3", township, filled.village_code(t, 1), "油溪桥村", name)
        filled.send(village, township, tmp_path / f"stick{t}")
        packages.append(filled.forward(township, tmp_path / "usb"))
        approve(village, 1)
        filled.send(village, township, tmp_path / f"stick{t}")
        packages.append(filled.forward(township, tmp_path / "usb"))
    # The two townships on two worker processes; each one's packages in order.
    code, said, err = run(capsys, "import-package", *map(str, packages), "--db", county, "--accept-new-township")
    assert (code, err) == (0, "")
    assert said.index("天门乡第 1 号") < said.index("天门乡第 2 号") and said.index("白溪镇第 1 号") < said.index("白溪镇第 2 号")
    assert _townships(county) == [("天门乡", 2), ("白溪镇", 2)]
    # A file that is no package, among good ones: one line naming it.
    bad = tmp_path / "usb" / "VT-00000000-0001-20261116.vdpkg"
    bad.write_bytes(b"not a package")
    code, said, err = run(capsys, "import-package", str(bad), *map(str, packages), "--db", county)
    assert code == 1 and bad.name in one_line(err)
