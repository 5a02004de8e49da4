"""The recovery key, the database key derived from it and the key file of wrapped keys (store/keys.py,
docs/SECURITY.md "The recovery key" and "The key file")."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime

import pytest

from villagedesk.errors import UserError
from villagedesk.store import keys
from villagedesk.store.keys import DamagedKeyring, Keyring, WrongPassword, database_key, new_recovery_key

KEY = bytes(range(32))


def test_a_recovery_key_is_nine_groups_of_four_the_last_a_check():
    text = new_recovery_key()
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}", text), text
    assert new_recovery_key() != text
    assert len(database_key(text)) == 32
    assert database_key(new_recovery_key()) != database_key(text)


def test_a_recovery_key_is_typed_back_in_any_case_with_any_spaces_and_o_i_l_read_as_digits():
    text = new_recovery_key()
    typed = " ".join(text.lower().split("-")).replace("0", "o").replace("1", "l")
    assert database_key(typed) == database_key(text)
    assert database_key(text.replace("-", "")) == database_key(text)


def _slip(text: str) -> str:
    """The same key with one character of its first group changed."""
    first = text[0]
    other = "7" if first != "7" else "8"
    return other + text[1:]


@pytest.mark.parametrize("typed, said", [
    (lambda t: _slip(t), "校验不符"),
    (lambda t: t[:-5], "现在是 32 个"),
    (lambda t: t[:-1] + "U", "不会有“U”"),
    (lambda t: "", "现在是 0 个"),
])
def test_a_mistyped_recovery_key_is_told_as_mistyped(typed, said):
    with pytest.raises(UserError, match=said) as err:
        database_key(typed(new_recovery_key()))
    assert "\n" not in str(err.value)


def test_the_key_file_wraps_the_database_key_per_password(tmp_path):
    db = tmp_path / "village.sqlite3"
    ring = Keyring.load(db)
    assert ring.path == tmp_path / "village.sqlite3.keys" and not ring.exists() and ring.logins() == []
    ring.set_password("wenshu", "罗秀兰", "demo-wenshu", KEY)
    ring.set_password("zhuren", "张主任", "demo-zhuren", KEY)
    again = Keyring.load(db)
    assert again.unlock("wenshu", "demo-wenshu") == KEY
    assert again.has("zhuren") and not again.has("jiandu")
    assert again.logins() == [("zhuren", "张主任"), ("wenshu", "罗秀兰")]  # by name
    # Neither the key nor a password is in the file, in any spelling.
    text = again.path.read_text(encoding="utf-8")
    for secret in (KEY.hex(), base64.b64encode(KEY).decode(), "demo-wenshu", "demo-zhuren"):
        assert secret not in text


def test_a_wrong_password_and_an_unknown_login_get_the_same_words(tmp_path):
    ring = Keyring.load(tmp_path / "v.sqlite3")
    ring.set_password("wenshu", "罗秀兰", "demo-wenshu", KEY)
    with pytest.raises(WrongPassword) as wrong:
        ring.unlock("wenshu", "demo-wenshuu")
    with pytest.raises(WrongPassword) as unknown:
        ring.unlock("nobody", "demo-wenshu")
    assert str(wrong.value) == str(unknown.value) == "登录名或密码不对。"


def test_an_entry_copied_to_another_login_does_not_unwrap(tmp_path):
    ring = Keyring.load(tmp_path / "v.sqlite3")
    ring.set_password("wenshu", "罗秀兰", "same-password", KEY)
    data = json.loads(ring.path.read_text(encoding="utf-8"))
    data["accounts"]["zhuren"] = dict(data["accounts"]["wenshu"], name="张主任")
    ring.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WrongPassword):
        Keyring.load(tmp_path / "v.sqlite3").unlock("zhuren", "same-password")


def test_the_same_password_typed_through_another_input_method_unlocks(tmp_path):
    ring = Keyring.load(tmp_path / "v.sqlite3")
    ring.set_password("wenshu", "罗秀兰", "cafe\u0301-密码", KEY)  # e + combining accent
    assert ring.unlock("wenshu", "caf\u00e9-密码") == KEY  # é as one character


def test_failed_logins_are_kept_until_cleared_and_no_change_is_lost(tmp_path):
    db = tmp_path / "v.sqlite3"
    window, command_line = Keyring.load(db), Keyring.load(db)
    window.set_password("wenshu", "罗秀兰", "demo-wenshu", KEY)
    command_line.note_failure("wenshu", datetime(2026, 11, 16, 8, 1, 2))  # read again before writing
    window.note_failure("jiandu", datetime(2026, 11, 16, 8, 3))
    ring = Keyring.load(db)
    assert ring.has("wenshu")
    assert ring.failures() == [{"login": "wenshu", "at": "2026-11-16T08:01:02"},
                               {"login": "jiandu", "at": "2026-11-16T08:03:00"}]
    ring.clear_failures()
    assert Keyring.load(db).failures() == [] and Keyring.load(db).unlock("wenshu", "demo-wenshu") == KEY


def test_an_entry_keeps_its_own_cost(tmp_path):
    ring = Keyring.load(tmp_path / "v.sqlite3")
    ring.set_password("wenshu", "罗秀兰", "demo-wenshu", KEY)
    keys.KDF = keys.KdfCost(time_cost=2, memory_kib=16, parallelism=2)  # put back by the fixture
    ring.set_password("zhuren", "张主任", "demo-zhuren", KEY)
    entries = json.loads(ring.path.read_text(encoding="utf-8"))["accounts"]
    assert entries["wenshu"]["kdf"]["time_cost"] == 1 and entries["zhuren"]["kdf"]["time_cost"] == 2
    assert ring.unlock("wenshu", "demo-wenshu") == ring.unlock("zhuren", "demo-zhuren") == KEY


def test_a_password_at_the_real_cost(tmp_path):
    """The cost the program sets passwords at (the other tests lower it): Argon2id, 3 passes over 64 MiB."""
    keys.KDF = keys.REAL_KDF
    ring = Keyring.load(tmp_path / "v.sqlite3")
    ring.set_password("zhuren", "张主任", "demo-zhuren", KEY)
    kdf = json.loads(ring.path.read_text(encoding="utf-8"))["accounts"]["zhuren"]["kdf"]
    assert (kdf["algorithm"], kdf["time_cost"], kdf["memory_kib"], kdf["parallelism"]) == ("argon2id", 3, 65536, 2)
    assert Keyring.load(tmp_path / "v.sqlite3").unlock("zhuren", "demo-zhuren") == KEY
    with pytest.raises(WrongPassword):
        ring.unlock("zhuren", "demo-wenshu")


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": "other"}', b"[1, 2]",
                                     b'{"format": "villagedesk-keys", "accounts": {"x": 1}, "failures": []}'])
def test_a_damaged_key_file_is_told_and_can_be_set_aside_for_the_recovery_key(tmp_path, content):
    db = tmp_path / "v.sqlite3"
    path = keys.keyring_path(db)
    path.write_bytes(content)
    with pytest.raises(DamagedKeyring, match="恢复密钥"):
        Keyring.load(db)
    assert path.read_bytes() == content
    ring = Keyring.load(db, set_aside_damaged=True)
    assert ring.logins() == [] and not path.exists()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("v.sqlite3.keys.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    ring.set_password("zhuren", "张主任", "new-password", KEY)
    assert Keyring.load(db).unlock("zhuren", "new-password") == KEY


def test_a_key_file_that_cannot_be_written_is_left_as_it_was(tmp_path):
    db = tmp_path / "v.sqlite3"
    ring = Keyring.load(db)
    ring.set_password("wenshu", "罗秀兰", "demo-wenshu", KEY)
    before = ring.path.read_bytes()
    (tmp_path / "v.sqlite3.keys.part").mkdir()  # the temporary file cannot be made
    with pytest.raises(UserError, match="账户没有改动"):
        ring.set_password("zhuren", "张主任", "demo-zhuren", KEY)
    assert ring.path.read_bytes() == before and not ring.has("zhuren")
