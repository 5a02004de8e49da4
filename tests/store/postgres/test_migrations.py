"""The county schema's own versions: made from empty, a newer one refused, one migration at a time."""

from __future__ import annotations

import threading
import time

import pytest
from psycopg import errors

from tests.helpers import WAIT
from villagedesk import clock
from villagedesk.errors import UserError
from villagedesk.store.postgres import migrations
from villagedesk.store.postgres.connection import connect, county_database
from villagedesk.store.postgres.migrations.v0001_county import READER, WRITER

pytestmark = pytest.mark.postgres


def _tables(conn) -> list[str]:
    return [name for (name,) in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'county' ORDER BY 1")]


def test_migrations_run_up_from_an_empty_database(county_url, postgres_server, stopped_clock):
    with connect(county_url) as conn:
        assert migrations.version(conn) is None
        assert migrations.upgrade(conn, create=True) == migrations.SCHEMA_VERSION
        assert _tables(conn) == ["audit", "card_keys", "events", "keys", "profile", "rows", "schema_version",
                                 "township_keys", "township_packages", "townships", "village_keys", "village_packages",
                                 "villages"]
        now = stopped_clock.at
        assert conn.execute("SELECT version, name, applied_at, applied_by FROM county.schema_version ORDER BY 1"
                            ).fetchall() == [(1, "0001_county", now, postgres_server.user),
                                             (2, "0002_village_packages", now, postgres_server.user),
                                             (3, "0003_village_rows", now, postgres_server.user)]
        # Again: nothing to do.
        assert migrations.upgrade(conn) == migrations.SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM county.schema_version").fetchone() == (3,)
        roles = {name for (name,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'villagedesk%'")}
        assert {READER, WRITER} <= roles


def test_the_row_key_and_indexes_the_county_reads_by(county):
    with county_database(county) as conn:
        indexes = dict(conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'county'"))
    assert "(village_code, table_name, uid)" in indexes["rows_pkey"]
    # Version 2 dropped the index over one table across all villages: every read of rows is one village's.
    assert "rows_table" not in indexes and not any("county.rows " in d for n, d in indexes.items() if n != "rows_pkey")
    assert "(township_id, name)" in indexes["villages_township"]


def test_a_database_of_a_newer_version_is_refused_untouched(county):
    with connect(county) as conn:
        conn.execute("INSERT INTO county.schema_version (version, name, applied_at) VALUES (7, '0007_future', now())")
        before = _tables(conn)
    with pytest.raises(UserError) as refused, county_database(county):
        pass
    assert str(refused.value) == ("这个县级数据库是更新版本的村务通建立或升级过的（数据库第 7 版，本程序只认识到第 "
                                  f"{migrations.SCHEMA_VERSION} 版），本程序不能使用它。请把本程序升级到最新版本。数据库没有任何改动。")
    with connect(county) as conn:
        assert _tables(conn) == before
        assert conn.execute("SELECT max(version) FROM county.schema_version").fetchone() == (7,)


def test_without_create_an_empty_database_is_no_county(county_url):
    with connect(county_url) as conn:
        with pytest.raises(UserError, match="还不是县级数据库"):
            migrations.upgrade(conn)
        assert _tables(conn) == []


def test_a_role_that_may_not_change_the_schema_is_told_whom_to_ask(county_url, postgres_server):
    with postgres_server.login_role(READER) as person, connect(postgres_server.url(
            county_url.rsplit("/", 1)[1], person)) as conn:
        with pytest.raises(UserError) as refused:
            migrations.upgrade(conn, create=True)
        assert f"用户 {person} 没有权限改动数据库的结构" in str(refused.value)
        assert _tables(conn) == []


def test_two_programs_starting_at_once_migrate_once(county_url):
    """Both wait on the schema's lock; the first migrates, the second finds it done."""
    results: list[object] = []

    def start() -> None:
        with connect(county_url) as conn:
            try:
                results.append(migrations.upgrade(conn, create=True))
            except Exception as exc:  # noqa: BLE001 - the test reports whatever happened
                results.append(exc)

    with connect(county_url) as holder:
        with holder.transaction():
            holder.execute("SELECT pg_advisory_xact_lock(%s)", (migrations.LOCK,))
            threads = [threading.Thread(target=start) for _ in range(2)]
            for thread in threads:
                thread.start()
            # Released only once both are queued behind it, so they really meet at the lock.
            for _ in range(WAIT * 20):
                waiting = holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                         ).fetchone()
                if waiting == (2,):
                    break
                time.sleep(0.05)
            assert waiting == (2,)
        for thread in threads:
            thread.join(WAIT)
        assert results == [migrations.SCHEMA_VERSION] * 2
        assert holder.execute("SELECT count(*) FROM county.schema_version").fetchone() == (migrations.SCHEMA_VERSION,)


def test_version_2_keeps_a_version_1_county_s_township_packages_by_the_key_that_signed_them(county_url):
    """A county made by the program of schema 1 holding a township package: version 2 says which key signed it."""
    with connect(county_url) as conn:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (migrations.LOCK,))
            migrations.v0001_county.migrate(conn)
            conn.execute("INSERT INTO county.schema_version (version, name, applied_at) VALUES (1, '0001_county', now())")
            township = conn.execute("INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, "
                                    "updated_at) VALUES ('天门乡', '新化县', 'K2', 'F2', now(), now()) RETURNING id"
                                    ).fetchone()[0]
            old, new = (conn.execute("INSERT INTO county.township_keys (township_id, public_key, fingerprint, card, "
                                     "first_sequence, retired_at, created_at) VALUES (%s, %s, %s, '{}', 1, %s, now()) "
                                     "RETURNING id", (township, key, key, retired)).fetchone()[0]
                        for key, retired in (("K1", clock.now()), ("K2", None)))
            conn.execute('INSERT INTO county.township_packages (township_id, sequence, "full", package_created_at, '
                         "app_version, file_name, sha256, imported_at) VALUES (%s, 1, true, now(), '1', 'VT-1', 'S', "
                         "now())", (township,))
        assert migrations.upgrade(conn) == migrations.SCHEMA_VERSION
        assert conn.execute("SELECT key_id FROM county.township_packages").fetchone() == (new,)
        # Sequences are counted per key now: the same number under the retired key is another package.
        conn.execute('INSERT INTO county.township_packages (township_id, key_id, sequence, "full", package_created_at, '
                     "app_version, file_name, sha256, imported_at) VALUES (%s, %s, 1, true, now(), '1', 'VT-0', 'R', "
                     "now())", (township, old))


def _village(conn, code: str) -> None:
    township = conn.execute("INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, "
                            "updated_at) VALUES ('天门乡', '新化县', 'K', 'F', now(), now()) RETURNING id").fetchone()[0]
    conn.execute("INSERT INTO county.villages (code, township_id, name, last_sequence, created_at, updated_at) "
                 "VALUES (%s, %s, '油溪桥村', 1, now(), now())", (code, township))


ROW = "INSERT INTO county.rows (village_code, table_name, uid, data, package_sequence) VALUES (%s, 'persons', %s, '{}', 1)"


@pytest.mark.parametrize("how", ["insert", "copy", "update"])
def test_version_3_keeps_rows_to_known_villages_whichever_statement_writes_them(county, how):
    # Version 3 checks by statement what a foreign key checked row by row: INSERT, COPY (the import's) and
    # UPDATE are all refused when one row names a village the county does not hold, and nothing is written.
    with connect(county) as conn:
        _village(conn, "430000000001")
        conn.execute(ROW, ("430000000001", "u1"))
        conn.commit()
        with pytest.raises(errors.ForeignKeyViolation, match="430000000009"):
            if how == "insert":
                conn.execute("INSERT INTO county.rows (village_code, table_name, uid, data, package_sequence) "
                             "VALUES ('430000000001', 'persons', 'u2', '{}', 1), "
                             "('430000000009', 'persons', 'u3', '{}', 1)")
            elif how == "copy":
                with conn.cursor().copy("COPY county.rows (village_code, table_name, uid, data, package_sequence) "
                                        "FROM STDIN") as copy:
                    copy.write("430000000001\tpersons\tu2\t{}\t1\n430000000009\tpersons\tu3\t{}\t1\n")
            else:
                conn.execute("UPDATE county.rows SET village_code = '430000000009'")
        conn.rollback()
        assert conn.execute("SELECT village_code, uid FROM county.rows").fetchall() == [("430000000001", "u1")]


def test_version_3_keeps_a_village_with_rows_and_its_code(county):
    with connect(county) as conn:
        _village(conn, "430000000001")
        conn.execute(ROW, ("430000000001", "u1"))
        conn.commit()
        for statement in ("DELETE FROM county.villages", "UPDATE county.villages SET code = '430000000002'"):
            with pytest.raises(errors.ForeignKeyViolation, match="430000000001"):
                conn.execute(statement)
            conn.rollback()
        # What it is called may change, as before.
        assert conn.execute("UPDATE county.villages SET name = '新村'").rowcount == 1


def test_version_3_counts_each_village_s_records_by_table(county_url):
    """A county of schema 2 holding a village's rows: version 3 keeps how many of each table are not deleted."""
    with connect(county_url) as conn:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (migrations.LOCK,))
            for step in migrations.STEPS[:2]:
                step.migrate(conn)
                conn.execute("INSERT INTO county.schema_version (version, name, applied_at) VALUES (%s, %s, now())",
                             (step.VERSION, step.NAME))
            _village(conn, "430000000001")
            for uid, table, deleted in (("p1", "persons", False), ("p2", "persons", False), ("p3", "persons", True),
                                        ("h1", "households", False)):
                conn.execute("INSERT INTO county.rows (village_code, table_name, uid, data, deleted, package_sequence) "
                             "VALUES ('430000000001', %s, %s, '{}', %s, 1)", (table, uid, deleted))
        assert migrations.upgrade(conn) == migrations.SCHEMA_VERSION
        assert conn.execute("SELECT table_rows FROM county.villages").fetchone() == ({"persons": 2, "households": 1},)
