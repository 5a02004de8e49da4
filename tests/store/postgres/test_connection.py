"""Reaching the county's database: URLs, and every failure to connect as one sentence (real server)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.helpers import postgres
from villagedesk.errors import UserError
from villagedesk.store.postgres import is_database_url, messages
from villagedesk.store.postgres.connection import connect, county_database, parse, translated

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("text, expected", [
    ("postgresql://server/county", True), ("postgres://u@server:5432/county", True),
    ("  PostgreSQL://server/county", True), ("postgresql:///county?host=/tmp", True),
    ("village.sqlite3", False), ("/data/postgresql/x.sqlite3", False), ("", False), (None, False),
    ("mysql://server/county", False),
])
def test_is_database_url(text, expected):
    assert is_database_url(text) is expected


def test_a_password_in_the_url_is_refused_before_connecting():
    for url in ("postgresql://wang:secret@server/county", "postgresql://server/county?password=secret"):
        with pytest.raises(UserError) as refused:
            parse(url)
        assert str(refused.value) == messages.PASSWORD_IN_URL
        assert "secret" not in str(refused.value)


def test_a_malformed_url_is_one_sentence():
    with pytest.raises(UserError) as refused:
        parse("postgresql://[::1/county")
    assert str(refused.value).startswith("县级数据库的地址写得不对（") and "\n" not in str(refused.value)
    with pytest.raises(UserError, match="要以 postgresql:// 开头"):
        connect("county.sqlite3")


def _refusal(url: str) -> str:
    with pytest.raises(UserError) as refused:
        connect(url)
    text = str(refused.value)
    assert "\n" not in text
    return text


def test_no_such_database(postgres_server):
    text = _refusal(postgres_server.url("no_such_county"))
    assert "没有数据库 no_such_county" in text and postgres_server.socket_dir in text


def test_no_such_user(postgres_server):
    assert "没有用户 nobody_here" in _refusal(postgres_server.url("postgres", "nobody_here"))


def test_server_down(tmp_path):
    assert _refusal(postgres.url(tmp_path, "county", "postgres")).startswith(f"连不上县级数据库服务器 本机（{tmp_path}）")
    assert "连不上县级数据库服务器 127.0.0.1:1：" in _refusal("postgresql://127.0.0.1:1/county")


def test_wrong_password(postgres_server, monkeypatch):
    if postgres_server.data_dir is None:
        pytest.skip("the server named by VILLAGEDESK_TEST_PGHOST may not ask for passwords")
    with postgres_server.login_role(postgres.PASSWORD_GROUP, password="right-one") as person:
        url = postgres_server.url("postgres", person)
        monkeypatch.setenv("PGPASSWORD", "wrong-one")
        text = _refusal(url)
        assert text.startswith(f"登录县级数据库服务器 本机（{postgres_server.socket_dir}） 失败：用户 {person} 的密码不对")
        monkeypatch.delenv("PGPASSWORD")
        assert "的密码不对或没有给出" in _refusal(url)
        # libpq's own ways of giving it work: the environment, and ~/.pgpass (HOME is the test's own folder).
        monkeypatch.setenv("PGPASSWORD", "right-one")
        connect(url).close()
        monkeypatch.delenv("PGPASSWORD")
        pgpass = Path.home() / ".pgpass"
        pgpass.write_text(f"*:*:*:{person}:right-one\n", encoding="utf-8")
        pgpass.chmod(0o600)
        connect(url).close()


def test_a_connection_lost_on_the_way_is_one_sentence(county_url, postgres_server):
    conn = connect(county_url)
    with postgres_server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
    with pytest.raises(UserError) as lost, translated(conn):
        conn.execute("SELECT 1")
    assert str(lost.value).startswith("与县级数据库服务器") and "\n" not in str(lost.value)
    conn.close()


def test_the_connection_is_in_autocommit_and_named(county_url):
    with connect(county_url) as conn:
        assert conn.autocommit
        assert conn.execute("SHOW application_name").fetchone() == ("villagedesk",)


def test_county_database_refuses_a_database_that_is_no_county(county_url):
    with pytest.raises(UserError, match="还不是县级数据库"), county_database(county_url):
        pass


def test_county_database_closes_its_connection(county):
    with county_database(county) as conn:
        assert conn.execute("SELECT name FROM county.profile").fetchone() == ("新化县",)
    assert conn.closed
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")


def test_a_role_the_database_does_not_admit(county_url, postgres_server):
    database = county_url.rsplit("/", 1)[1]
    with postgres_server.admin() as admin:
        admin.execute(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC')
    with postgres_server.login_role() as person:
        assert _refusal(postgres_server.url(database, person)) == (
            f"用户 {person} 没有权限连接服务器 本机（{postgres_server.socket_dir}） 上的数据库 {database}。"
            "请县里的数据库管理员为您授权（docs/COUNTY.md）。")


def test_anything_else_quotes_libpq():
    text = _refusal("postgresql://127.0.0.1:xx/county")
    assert text.startswith("连接县级数据库服务器 127.0.0.1:xx 失败（") and '"port"' in text
