"""Making a county database: schema, keys, name and audit at once; refused in a county or a foreign database."""

from __future__ import annotations

import pytest

from villagedesk.core.county.profile import county_name, create_county
from villagedesk.errors import UserError
from villagedesk.store.postgres.connection import connect, county_database
from villagedesk.store.postgres.migrations.v0001_county import COUNTY_SEALING, COUNTY_SIGNING, READER, WRITER

pytestmark = pytest.mark.postgres


def _schemas(conn) -> list[str]:
    return [n for (n,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                                       "AND nspname <> 'information_schema' ORDER BY 1")]


def test_create_county_makes_schema_keys_name_and_audit(county_url, postgres_server, stopped_clock):
    with connect(county_url) as conn:
        create_county(conn, "  新化县 ")
    with county_database(county_url) as conn:
        assert county_name(conn) == "新化县"
        keys = dict(conn.execute("SELECT role, public FROM county.keys"))
        assert set(keys) == {COUNTY_SIGNING, COUNTY_SEALING}
        assert keys[COUNTY_SEALING].startswith("age1")
        assert conn.execute("SELECT at, who, action, detail FROM county.audit").fetchall() == [
            (stopped_clock.at, postgres_server.user, "create-county", {"name": "新化县"})]


def test_each_county_gets_keys_of_its_own(county_url, postgres_server):
    other = postgres_server.url(postgres_server.create_database())
    try:
        publics = []
        for url in (county_url, other):
            with connect(url) as conn:
                create_county(conn, "新化县")
                publics.append(conn.execute("SELECT public FROM county.keys ORDER BY role").fetchall())
        assert publics[0] != publics[1]
    finally:
        postgres_server.drop_database(other.rsplit("/", 1)[1])


def test_a_county_is_not_made_twice(county):
    with connect(county) as conn:
        before = conn.execute("SELECT role, private FROM county.keys ORDER BY role").fetchall()
        with pytest.raises(UserError) as refused:
            create_county(conn, "隆回县")
        assert str(refused.value) == f"数据库 {conn.info.dbname} 已经是新化县的县级数据库，没有任何改动。"
        assert conn.execute("SELECT role, private FROM county.keys ORDER BY role").fetchall() == before
        assert county_name(conn) == "新化县"


@pytest.mark.parametrize("foreign, found", [
    ("CREATE TABLE public.accounts (id integer)", "public.accounts"),
    ("CREATE SCHEMA county", "county"),
    ("CREATE SCHEMA finance; CREATE SEQUENCE finance.numbers", "finance.numbers"),
])
def test_a_database_holding_anything_else_is_refused_untouched(county_url, foreign, found):
    with connect(county_url) as conn:
        conn.execute(foreign)
        schemas = _schemas(conn)
        with pytest.raises(UserError) as refused:
            create_county(conn, "新化县")
        assert str(refused.value).startswith(f"数据库 {conn.info.dbname} 中已有别的数据（如 {found}），不能建成县级数据库。")
        assert _schemas(conn) == schemas


def test_a_county_needs_a_name(county_url):
    with connect(county_url) as conn:
        with pytest.raises(UserError, match="请写明县名"):
            create_county(conn, "  ")
        assert "county" not in _schemas(conn)


def test_the_owner_of_the_database_makes_the_county_without_being_superuser(postgres_server):
    """The county's administrator owns the database; the group roles exist already (another county made them)."""
    with postgres_server.login_role(READER, WRITER) as _, postgres_server.login_role() as owner:
        name = postgres_server.create_database(owner=owner)
        try:
            with connect(postgres_server.url(name, owner)) as conn:
                assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (False,)
                create_county(conn, "新化县")
                assert county_name(conn) == "新化县"
        finally:
            postgres_server.drop_database(name)


def test_an_owner_who_may_not_make_the_groups_is_told_what_to_run(postgres_server):
    """The first county on a server makes the group roles; an owner without CREATEROLE cannot."""
    if postgres_server.data_dir is None:
        pytest.skip("the groups of the server named by VILLAGEDESK_TEST_PGHOST are shared with other test processes")
    with postgres_server.admin() as admin:
        for group in (READER, WRITER):
            admin.execute(f"DROP ROLE IF EXISTS {group}")
    with postgres_server.login_role() as owner:
        name = postgres_server.create_database(owner=owner)
        try:
            with connect(postgres_server.url(name, owner)) as conn:
                with pytest.raises(UserError) as refused:
                    create_county(conn, "新化县")
                assert str(refused.value).startswith(f"建立县级数据库要先有用户组 villagedesk_reader 和 villagedesk_writer，"
                                                     f"用户 {owner} 没有权限建立它们。")
                assert "CREATE ROLE villagedesk_reader NOLOGIN;" in str(refused.value)
                assert "county" not in _schemas(conn)
        finally:
            postgres_server.drop_database(name)
