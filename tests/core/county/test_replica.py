"""A village's replica made from the county's rows is the one its township makes from tw_rows
(core.township.merge.build_replica fed core.county.replica.CountyRows; a real PostgreSQL server)."""

from __future__ import annotations

import pytest

from tests.helpers.county import filled_county, village_code
from villagedesk.core.county.replica import CountyRows
from villagedesk.core.township import merge as township
from villagedesk.errors import UserError
from villagedesk.store import is_encrypted, open_store
from villagedesk.store.postgres.connection import county_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TABLES = ("households", "persons", "point_scheme", "point_rules")


def _records(replica) -> dict[str, list[dict]]:
    return {table: replica.rows(f"SELECT * FROM [{table}] ORDER BY id") for table in TABLES}


def test_the_county_replica_is_the_townships(county, tmp_path):
    made = filled_county(county, tmp_path, {"天门乡": 2})
    code = village_code(1, 2)
    with open_store(made.townships["天门乡"].db, write=False) as store:
        replica = township.build_replica(store, code, tmp_path / "at-township.sqlite3")
        at_township = _records(replica)
        replica.close()
    with county_database(county) as conn:
        rows = CountyRows(conn)
        replica = township.build_replica(rows, code, tmp_path / "at-county.sqlite3")
        at_county = _records(replica)
        replica.close()
        with pytest.raises(UserError, match="本县没有统一社会信用代码为 54431322MJ00990001 的村"):
            township.build_replica(rows, "54431322MJ00990001", tmp_path / "none.sqlite3")
    assert at_county == at_township and len(at_county["households"]) == 2
    # It holds the village's people: a scratch file no one else can read, under a key never written down.
    assert is_encrypted(tmp_path / "at-county.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()
