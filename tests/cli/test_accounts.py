"""The command line with accounts (issue 17, item 6): who logs in, from where, and what each role may do.

A plain database (no accounts) needs no credentials, as before; an encrypted one takes them from
VILLAGEDESK_USER and VILLAGEDESK_PASSWORD, or from --user with the password typed at a terminal; neither,
and no terminal: one line, exit 1, nothing changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.helpers.factories import ACCOUNT_PASSWORDS as PASSWORDS
from tests.helpers.factories import profiled_village, village_with_accounts
from tests.helpers.terminal import END, at_terminal
from villagedesk.cli import main
from villagedesk.core.accounts import accounts, session
from villagedesk.store import KeyRequired, is_encrypted, open_store
from villagedesk.store.driver import sqlite3
from villagedesk.store.keys import Keyring, WrongPassword


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch):
    for name in ("VILLAGEDESK_USER", "VILLAGEDESK_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def village(tmp_path):
    path = tmp_path / "village.sqlite3"
    recovery = village_with_accounts(path, households=2)
    return path, recovery


def as_user(monkeypatch, login, password=None):
    monkeypatch.setenv("VILLAGEDESK_USER", login)
    monkeypatch.setenv("VILLAGEDESK_PASSWORD", PASSWORDS[login] if password is None else password)


def typed(monkeypatch, *lines):
    """What a script pipes in for --password-stdin, one secret a line."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def one_line(capsys, *words) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changes(path):
    """Everything written but logins: the accounts and the audit without its login rows."""
    with session.login(path, "zhuren", PASSWORDS["zhuren"], write=False) as head:
        return (head.store.rows("SELECT * FROM accounts ORDER BY id"),
                head.store.rows("SELECT * FROM audit WHERE action != 'login' ORDER BY id"))


def child(*argv, env=None):
    """The way a script calls it: a child process whose stdin is no terminal."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VILLAGEDESK_USER")
                   and not k.startswith("VILLAGEDESK_PASSWORD")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "villagedesk", *argv], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=environment)


@pytest.mark.slow
def test_a_script_without_credentials_is_refused_in_one_line_and_with_them_it_runs(village):
    path, _ = village
    before = digest(path)
    refused = child("check", "--db", str(path))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "VILLAGEDESK_USER" in refused.stderr and "VILLAGEDESK_PASSWORD" in refused.stderr
    assert digest(path) == before
    wrong = child("check", "--db", str(path), env={"VILLAGEDESK_USER": "wenshu", "VILLAGEDESK_PASSWORD": "nope-nope"})
    assert wrong.returncode == 1 and wrong.stderr.strip() == "villagedesk: 登录名或密码不对。"
    ran = child("check", "--db", str(path), env={"VILLAGEDESK_USER": "wenshu", "VILLAGEDESK_PASSWORD": "demo-wenshu"})
    assert ran.returncode == 0 and "检查通过" in ran.stdout and ran.stderr == ""
    # --user names the account; the password comes from the environment when there is no terminal.
    user = child("--user", "jiandu", "account", "list", "--db", str(path), env={"VILLAGEDESK_PASSWORD": "demo-jiandu"})
    assert user.returncode == 0 and "jiandu　周监委　村务监督委员会成员　在用" in user.stdout
    prompt = child("account", "list", "--user", "jiandu", "--db", str(path))
    assert prompt.returncode == 1 and "VILLAGEDESK_PASSWORD" in prompt.stderr


def test_a_plain_database_needs_no_credentials(tmp_path, capsys):
    path = profiled_village(tmp_path / "village.sqlite3", households=1)
    assert main(["check", "--db", str(path)]) == 0
    assert main(["account", "list", "--db", str(path)]) == 0
    assert "还没有账户" in capsys.readouterr().out


def test_the_password_of_another_user_is_not_taken(village, monkeypatch, capsys):
    path, _ = village
    as_user(monkeypatch, "wenshu")
    # --user zhuren with wenshu's password in the environment: not zhuren's, and no terminal to ask.
    assert main(["--user", "zhuren", "account", "list", "--db", str(path)]) == 1
    one_line(capsys, "VILLAGEDESK_PASSWORD")


@pytest.mark.parametrize(("argv", "doing"), [
    (["account", "disable", "jiandu"], "不能管理账户"),
    (["export", "sqlite", "-o", "{tmp}/plain.sqlite3", "--yes"], "不能导出不加密的数据库"),
    (["restore", "{tmp}/backup.sqlite3"], "不能从备份恢复"),
])
def test_a_command_the_role_may_not_take_is_refused_in_one_line(village, tmp_path, monkeypatch, capsys, argv, doing):
    path, _ = village
    with session.login(path, "zhuren", PASSWORDS["zhuren"]) as head:
        head.store.backup(tmp_path / "backup.sqlite3")
    as_user(monkeypatch, "wenshu")
    before = changes(path)
    assert main([*(a.format(tmp=tmp_path) for a in argv), "--db", str(path)]) == 1
    one_line(capsys, "罗秀兰（文书）", doing)
    assert not (tmp_path / "plain.sqlite3").exists()
    assert changes(path) == before  # the login itself aside (it is audited), nothing written


def test_a_supervisor_may_not_record(village, tmp_path, monkeypatch, capsys):
    from openpyxl import Workbook

    path, _ = village
    roster = tmp_path / "roster.xlsx"
    book = Workbook()
    book.active.append(["户编号", "姓名", "与户主关系"])
    book.save(roster)
    as_user(monkeypatch, "jiandu")
    assert main(["import", "households", str(roster), "--db", str(path)]) == 1
    one_line(capsys, "周监委（村务监督委员会成员）不能登记和修改记录")


def test_a_head_manages_accounts_from_the_command_line(village, monkeypatch, capsys):
    path, _ = village
    as_user(monkeypatch, "zhuren")
    typed(monkeypatch, "kuaiji-pass")
    assert main(["account", "add", "Kuaiji", "--name", "刘会计", "--role", "文书", "--password-stdin",
                 "--db", str(path)]) == 0
    assert "已添加账户 kuaiji（刘会计）" in capsys.readouterr().out
    with session.login(path, "kuaiji", "kuaiji-pass") as logged:
        assert logged.account.login == "kuaiji"  # the password opens it

    assert main(["account", "disable", "kuaiji", "--db", str(path)]) == 0
    assert main(["account", "list", "--db", str(path)]) == 0
    assert "kuaiji　刘会计　文书　已停用" in capsys.readouterr().out
    with pytest.raises(WrongPassword):
        session.login(path, "kuaiji", "kuaiji-pass")

    typed(monkeypatch, "kuaiji-back")
    assert main(["account", "enable", "kuaiji", "--password-stdin", "--db", str(path)]) == 0
    typed(monkeypatch, "kuaiji-reset")
    assert main(["account", "reset", "kuaiji", "--password-stdin", "--db", str(path)]) == 0
    with session.login(path, "kuaiji", "kuaiji-reset") as logged:
        assert logged.account.login == "kuaiji"  # the password opens it

    assert main(["account", "disable", "zhuren", "--db", str(path)]) == 1
    one_line(capsys, "唯一在用的")


def test_bad_new_account_is_refused_before_a_password_is_asked_for(village, monkeypatch, capsys):
    path, _ = village
    as_user(monkeypatch, "zhuren")
    typed(monkeypatch)  # nothing to read: the refusal must come first
    assert main(["account", "add", "wenshu", "--name", "又一个", "--role", "clerk", "--password-stdin",
                 "--db", str(path)]) == 1
    one_line(capsys, "已经有登录名为 wenshu 的账户")
    assert main(["account", "add", "xin", "--name", "新人", "--role", "mayor", "--db", str(path)]) == 1
    one_line(capsys, "没有“mayor”这个角色")
    assert main(["account", "add", "xin", "--name", "新人", "--role", "clerk", "--db", str(path)]) == 1
    one_line(capsys, "--password-stdin")
    assert main(["account", "enable", "wenshu", "--password-stdin", "--db", str(path)]) == 1
    one_line(capsys, "没有停用，不用启用")
    assert main(["account", "reset", "nobody", "--password-stdin", "--db", str(path)]) == 1
    one_line(capsys, "没有登录名为 nobody 的账户")


def test_an_account_changes_its_own_password(village, monkeypatch, capsys):
    path, _ = village
    as_user(monkeypatch, "jiandu")
    typed(monkeypatch, "jiandu-new")
    assert main(["account", "passwd", "--password-stdin", "--db", str(path)]) == 0
    with session.login(path, "jiandu", "jiandu-new") as logged:
        assert logged.account.login == "jiandu"  # the password opens it


def test_the_recovery_key_from_the_command_line(village, monkeypatch, capsys):
    path, recovery = village
    typed(monkeypatch, "AAAA-BBBB", "zhuren-again")
    assert main(["account", "recover", "zhuren", "--password-stdin", "--db", str(path)]) == 1
    one_line(capsys, "恢复密钥应是 36 个字母和数字")
    typed(monkeypatch, recovery, "zhuren-again")
    assert main(["account", "recover", "zhuren", "--password-stdin", "--db", str(path)]) == 0
    with session.login(path, "zhuren", "zhuren-again") as logged:
        assert logged.account.login == "zhuren"  # the password opens it


def test_the_first_account_from_the_command_line_encrypts_and_shows_the_recovery_key(tmp_path, monkeypatch, capsys):
    path = profiled_village(tmp_path / "village.sqlite3", households=1)
    sheet = tmp_path / "恢复密钥单.pdf"
    typed(monkeypatch, "zhuren-pass")
    assert main(["account", "add", "zhuren", "--name", "张主任", "--role", "head", "--password-stdin",
                 "--sheet", str(sheet), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    recovery = next(line for line in out.splitlines() if line.startswith("恢复密钥：")).removeprefix("恢复密钥：")
    assert is_encrypted(path) and len(recovery.replace("-", "")) == 36
    printed = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert recovery.split("-")[0] in printed and "青溪桥村" in printed
    typed(monkeypatch, recovery, "zhuren-again")
    assert main(["account", "recover", "zhuren", "--password-stdin", "--db", str(path)]) == 0


def test_export_sqlite_is_the_heads_confirmed_and_audited(village, tmp_path, monkeypatch, capsys):
    path, _ = village
    output = tmp_path / "plain.sqlite3"
    as_user(monkeypatch, "zhuren")
    assert main(["export", "sqlite", "-o", str(output), "--db", str(path)]) == 1
    one_line(capsys, "--yes")
    assert not output.exists()
    assert main(["export", "sqlite", "-o", str(output), "--yes", "--db", str(path)]) == 0
    conn = sqlite3.connect(output)  # opens with no key
    try:
        assert conn.execute("SELECT count(*) FROM households").fetchone()[0] == 2
    finally:
        conn.close()
    with session.login(path, "zhuren", PASSWORDS["zhuren"]) as head:
        row = head.store.row("SELECT * FROM audit WHERE action = 'export-plain'")
        assert row["actor"] == "zhuren" and str(output) in row["after"]
    assert main(["export", "sqlite", "-o", str(path), "--yes", "--db", str(path)]) == 1  # never over a database
    capsys.readouterr()


@pytest.mark.slow
def test_the_demo_makes_three_accounts_and_prints_them_with_the_recovery_key(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--seed", "2"]) == 0
    out = capsys.readouterr().out
    for login, role in (("zhuren", "村委会主任/书记"), ("wenshu", "文书"), ("jiandu", "村务监督委员会成员")):
        line = next(line for line in out.splitlines() if line.strip().startswith(login))
        assert f"demo-{login}" in line and role in line
    assert "恢复密钥：" in out and "VILLAGEDESK_USER=wenshu" in out
    assert is_encrypted(path) and not list((path.parent / "backups").glob("*.sqlite3"))  # no plain copy left
    with session.login(path, "zhuren", "demo-zhuren") as head:
        persons = {a.login: a.person_id for a in accounts.list_accounts(head.store)}
        assert persons["zhuren"] is not None and persons["jiandu"] is not None
    assert len(Keyring.load(path).logins()) == 3
    with pytest.raises(KeyRequired):
        open_store(path)


@pytest.mark.slow
def test_at_a_terminal_user_asks_for_the_password_without_echo(village):
    path, _ = village
    env = {k: v for k, v in os.environ.items() if not k.startswith("VILLAGEDESK_USER")
           and not k.startswith("VILLAGEDESK_PASSWORD")}
    _code, said = at_terminal(["--user", "jiandu", "account", "list", "--db", str(path)], ["demo-jiandu"], env)
    assert "jiandu 的密码：" in said and "demo-jiandu" not in said  # typed, not shown
    assert "wenshu　罗秀兰　文书　在用" in said


@pytest.mark.slow
def test_at_a_terminal_ctrl_d_gives_up_in_one_line_and_a_new_password_is_typed_twice(village):
    path, _ = village
    env = {k: v for k, v in os.environ.items() if not k.startswith("VILLAGEDESK_USER")
           and not k.startswith("VILLAGEDESK_PASSWORD")}
    code, said = at_terminal(["--user", "jiandu", "account", "list", "--db", str(path)], [END], env)
    assert code == 1 and "已取消，没有做任何改动。" in said and "Traceback" not in said
    passwd = ["--user", "wenshu", "account", "passwd", "--db", str(path)]
    code, said = at_terminal(passwd, ["demo-wenshu", "wenshu-2027", "wenshu-2072"], env)
    assert code == 1 and "两次输入的密码不一样" in said and "Traceback" not in said
    code, said = at_terminal(passwd, ["demo-wenshu", "wenshu-2027", END], env)
    assert code == 1 and "已取消" in said and "Traceback" not in said
    Keyring.load(path).unlock("wenshu", "demo-wenshu")  # the password is as it was


def test_a_damaged_encrypted_database_is_restored_from_its_backup(village, tmp_path, monkeypatch, capsys):
    path, _ = village
    with session.login(path, "zhuren", PASSWORDS["zhuren"]) as head:
        backup = head.store.backup(tmp_path / "backup.sqlite3")
    with open(path, "r+b") as fh:  # the first page (where SQLCipher checks the key) overwritten
        fh.seek(100)
        fh.write(b"\0" * 3000)
    as_user(monkeypatch, "wenshu")
    assert main(["check", "--db", str(path)]) == 1
    one_line(capsys, "数据库文件已损坏", "villagedesk restore")
    assert main(["restore", str(backup), "--db", str(path)]) == 0
    assert "损坏的数据库没有删除" in capsys.readouterr().out
    with session.login(path, "wenshu", PASSWORDS["wenshu"]) as me:
        assert me.store.scalar("SELECT count(*) FROM households") == 2
