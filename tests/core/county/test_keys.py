"""The county's card and identity, and who may read the keys: the owner all, writers the identity, readers none."""

from __future__ import annotations

import json

import pyrage
import pytest
from psycopg import errors

from villagedesk.core.county.keys import county_card, county_identity
from villagedesk.core.township import keys
from villagedesk.errors import UserError
from villagedesk.store.postgres.connection import connect, county_database
from villagedesk.store.postgres.migrations.v0001_county import READER, WRITER

pytestmark = pytest.mark.postgres


def test_the_card_names_the_county_and_is_signed_by_it(county):
    with county_database(county) as conn:
        card, signature = county_card(conn)
        signing, sealing = (row[0] for row in conn.execute("SELECT public FROM county.keys ORDER BY role DESC"))
    assert (card.kind, card.county, card.township) == (keys.COUNTY_CARD_KIND, "新化县", "")
    assert (card.signing_key, card.recipient) == (signing, sealing)
    assert card.fingerprint == keys.fingerprint(signing, sealing)
    text = card.to_json(signature)
    found = json.loads(text)
    assert "township" not in found and found["kind"] == keys.COUNTY_CARD_KIND
    assert keys.signature_valid(found["signing_key"], card.signed_bytes(), found["signature"])
    assert keys.parse_card(text, "县卡片.json", keys.COUNTY_CARD_KIND) == card
    # The same card every time: it is made from the keys, not stored.
    with county_database(county) as conn:
        assert county_card(conn) == (card, signature)


def test_the_identity_opens_what_is_sealed_to_the_card(county):
    with county_database(county) as conn:
        card, _ = county_card(conn)
        identity = county_identity(conn)
    sealed = pyrage.encrypt(b"township package", [pyrage.x25519.Recipient.from_str(card.recipient)])
    assert pyrage.decrypt(sealed, [identity]) == b"township package"


def _as(server, county_url, person):
    return connect(server.url(county_url.rsplit("/", 1)[1], person))


def test_a_reader_reads_rows_but_writes_nothing_and_sees_no_key(county, postgres_server):
    with county_database(county) as conn:
        conn.execute("INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, updated_at) "
                     "VALUES ('天门乡', '新化县', 'k', 'f', now(), now())")
        conn.execute("INSERT INTO county.villages (code, township_id, name, created_at, updated_at) "
                     "SELECT 'V1', id, '油溪桥村', now(), now() FROM county.townships")
        conn.execute("INSERT INTO county.rows (village_code, table_name, uid, data, package_sequence) "
                     "VALUES ('V1', 'households', 'u1', '{\"code\": \"HH001\"}', 1)")
    with postgres_server.login_role(READER) as person, _as(postgres_server, county, person) as conn:
        assert conn.execute("SELECT data->>'code' FROM county.rows").fetchall() == [("HH001",)]
        assert conn.execute("SELECT name FROM county.villages").fetchall() == [("油溪桥村",)]
        for statement in ("INSERT INTO county.rows (village_code, table_name, uid, data, package_sequence) "
                          "VALUES ('V1', 'households', 'u2', '{}', 1)",
                          "UPDATE county.rows SET deleted = true", "DELETE FROM county.rows",
                          "INSERT INTO county.audit (at, action, table_name) VALUES (now(), 'x', 'rows')",
                          "SELECT public FROM county.keys", "CREATE TABLE county.mine (id integer)"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(UserError, match=f"只有县级数据库的管理员.*用户 {person} 不能生成"):
            county_card(conn)
        with pytest.raises(UserError, match=f"用户 {person} 没有权限打开乡镇交来的数据包"):
            county_identity(conn)


def test_a_writer_imports_with_the_identity_but_cannot_sign_the_card(county, postgres_server):
    with county_database(county) as conn:
        owners = county_identity(conn)
    with postgres_server.login_role(WRITER) as person, _as(postgres_server, county, person) as conn:
        assert str(county_identity(conn)) == str(owners)
        assert conn.execute("SELECT role FROM county.keys").fetchall() == [("county-sealing",)]
        with conn.transaction():
            conn.execute("INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, "
                         "updated_at) VALUES ('天门乡', '新化县', 'k', 'f', now(), now())")
            conn.execute("INSERT INTO county.villages (code, township_id, name, created_at, updated_at) "
                         "SELECT 'V1', id, '油溪桥村', now(), now() FROM county.townships")
            conn.execute("INSERT INTO county.rows (village_code, table_name, uid, data, package_sequence) "
                         "VALUES ('V1', 'households', 'u1', '{}', 1)")
            conn.execute("UPDATE county.rows SET deleted = true")
            conn.execute("INSERT INTO county.audit (at, action, table_name) VALUES (now(), 'import', 'townships')")
            conn.execute("INSERT INTO county.events (township_id, sequence, kind, detail, at) "
                         "SELECT id, 1, 'new-key', '', now() FROM county.townships")
            conn.execute("INSERT INTO county.township_keys (township_id, public_key, fingerprint, card, first_sequence, "
                         "created_at) SELECT id, 'k', 'f', '{}', 1, now() FROM county.townships")
            conn.execute("INSERT INTO county.township_packages (township_id, key_id, sequence, \"full\", "
                         "package_created_at, app_version, file_name, sha256, imported_at) SELECT township_id, id, 1, "
                         "true, now(), '1', 'VT.vdpkg', '00', now() FROM county.township_keys")
        assert conn.execute("SELECT e.who, p.imported_by FROM county.events e, county.township_packages p"
                            ).fetchone() == (person, person)
        assert conn.execute("SELECT who FROM county.audit WHERE action = 'import'").fetchone() == (person,)
        with pytest.raises(UserError, match="只有县级数据库的管理员"):
            county_card(conn)
        for statement in ("DELETE FROM county.townships", "UPDATE county.audit SET who = 'someone'",
                          "INSERT INTO county.audit (at, who, action, table_name) VALUES (now(), 'someone', 'x', 'y')",
                          "INSERT INTO county.events (township_id, sequence, kind, detail, at, who) "
                          "SELECT id, 1, 'new-key', '', now(), 'someone' FROM county.townships",
                          "UPDATE county.events SET detail = ''", "UPDATE county.keys SET public = 'x'"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
