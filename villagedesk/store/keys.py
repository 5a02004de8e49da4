"""The database key, the recovery key it comes from, and the key file that holds it per account.

docs/SECURITY.md "The database key" and "The key file": the 32-byte key SQLCipher encrypts the
database and its backups with is derived (HKDF-SHA256) from a random 160-bit recovery key printed once
on the 恢复密钥单, so the recovery key alone always opens the village's files. Each account's password
is stretched with Argon2id into a key that wraps the database key with AES-GCM; the wrapped copies
live in ``<database>.keys`` beside the database, which holds no villager's data.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from villagedesk import clock
from villagedesk.errors import UserError, os_reason

# --- the recovery key ---------------------------------------------------------------------------

# Crockford's base32: no I, L, O or U, so nothing printed can be read as another character, and what
# is typed as O, I or L is taken as 0, 1 and 1 (docs/SECURITY.md "The recovery key").
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED_AS = {"O": "0", "I": "1", "L": "1"}
_RANDOM_BYTES = 20  # 160 bits: 32 characters
_GROUP = 4
_CHECK_CHARS = 4  # 20 bits: a mistyped key is told as mistyped, not as a wrong key
RECOVERY_CHARS = _RANDOM_BYTES * 8 // 5 + _CHECK_CHARS


def _encode(data: bytes, chars: int) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    number <<= chars * 5 - bits  # pad to whole characters
    return "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(chars)))


def _check(raw: bytes) -> str:
    digest = hashlib.sha256(b"villagedesk recovery key check\0" + raw).digest()
    return _encode(digest[:3], 5)[:_CHECK_CHARS]


def new_recovery_key() -> str:
    """A new random recovery key as printed: nine groups of four characters, the last a check group."""
    raw = secrets.token_bytes(_RANDOM_BYTES)
    text = _encode(raw, _RANDOM_BYTES * 8 // 5) + _check(raw)
    return "-".join(text[i:i + _GROUP] for i in range(0, len(text), _GROUP))


def _recovery_bytes(text: str) -> bytes:
    """The 20 random bytes of a recovery key as typed: case, spaces and dashes do not matter."""
    typed = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch not in " -\t\r\n")
    typed = "".join(_TYPED_AS.get(ch, ch) for ch in typed)
    if len(typed) != RECOVERY_CHARS:
        raise UserError(f"恢复密钥应是 {RECOVERY_CHARS} 个字母和数字（9 组，每组 4 个），现在是 {len(typed)} 个。"
                        "请对照恢复密钥单重新输入。", field="recovery_key")
    wrong = sorted({ch for ch in typed if ch not in _ALPHABET})
    if wrong:
        raise UserError(f"恢复密钥中不会有“{''.join(wrong)}”。请对照恢复密钥单重新输入。", field="recovery_key")
    body = typed[:-_CHECK_CHARS]
    number = 0
    for ch in body:
        number = number * 32 + _ALPHABET.index(ch)
    raw = number.to_bytes(_RANDOM_BYTES, "big")
    if _check(raw) != typed[-_CHECK_CHARS:]:
        raise UserError("恢复密钥有输错的地方（最后一组校验不符）。请对照恢复密钥单逐组核对后重新输入。",
                        field="recovery_key")
    return raw


def database_key(recovery_text: str) -> bytes:
    """The 32-byte database key of a recovery key as typed; UserError when it is malformed or mistyped."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"villagedesk database key",
                info=b"villagedesk sqlcipher raw key v1").derive(_recovery_bytes(recovery_text))


# --- the key file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KdfCost:
    """Argon2id's cost (RFC 9106): passes, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int


#: The cost of a new password: RFC 9106's second recommended option with 64 MiB, about 0.2 s on two
#: cores. Each key file entry keeps its own cost, so entries made at another cost still unlock; the
#: tests lower it through one fixture (tests/conftest.py).
REAL_KDF = KdfCost(time_cost=3, memory_kib=64 * 1024, parallelism=2)
KDF = REAL_KDF

_FORMAT = "villagedesk-keys"
_VERSION = 1


class WrongPassword(UserError):
    """A password that does not unwrap the database key: wrong, or for a login the key file lacks."""

    def __init__(self) -> None:
        super().__init__("登录名或密码不对。", field="password")


class DamagedKeyring(UserError):
    """A key file that is not one: the recovery key still opens the database."""


def keyring_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _stretch(password: str, salt: bytes, cost: KdfCost) -> bytes:
    # NFC: the same characters typed through another input method give the same bytes.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hash_secret_raw(secret, salt, time_cost=cost.time_cost, memory_cost=cost.memory_kib,
                           parallelism=cost.parallelism, hash_len=32, type=Type.ID)


class Keyring:
    """The ``<database>.keys`` file: per login its display name and its wrapped database key, and the
    failed logins not yet moved into the database's audit. Every change is written atomically."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self._data = data

    @classmethod
    def load(cls, db_path: Path | str, *, set_aside_damaged: bool = False) -> Keyring:
        """The key file beside ``db_path``; empty when there is none.

        A file that cannot be read as one raises :class:`DamagedKeyring`, unless ``set_aside_damaged``
        (the recovery key's way back): then it is renamed aside, kept, and an empty key file is returned.
        """
        path = keyring_path(Path(db_path).expanduser().absolute())
        try:
            return cls(path, _read(path))
        except DamagedKeyring:
            if not set_aside_damaged:
                raise
            aside = path.with_name(f"{path.name}.damaged-{clock.now().strftime('%Y%m%d-%H%M%S')}")
            os.replace(path, aside)
            return cls(path, _empty())

    def exists(self) -> bool:
        return self.path.exists()

    def logins(self) -> list[tuple[str, str]]:
        """(login, display name) of every entry, by name and then login."""
        found = [(login, entry["name"]) for login, entry in self._data["accounts"].items()]
        return sorted(found, key=lambda pair: (pair[1], pair[0]))

    def has(self, login: str) -> bool:
        return login in self._data["accounts"]

    def name(self, login: str) -> str | None:
        entry = self._data["accounts"].get(login)
        return entry["name"] if entry else None

    def set_password(self, login: str, name: str, password: str, db_key: bytes) -> None:
        """Add or replace ``login``'s entry: ``db_key`` wrapped under ``password``; saved at once."""
        cost = KDF
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(_stretch(password, salt, cost)).encrypt(nonce, db_key, login.encode("utf-8"))
        entry = {"name": name,
                 "kdf": {"algorithm": "argon2id", "time_cost": cost.time_cost, "memory_kib": cost.memory_kib,
                         "parallelism": cost.parallelism, "salt": _b64(salt)},
                 "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        self._update(lambda data: data["accounts"].__setitem__(login, entry))

    def remove(self, login: str) -> None:
        """Drop ``login``'s entry (a disabled account, core.accounts): its password opens nothing any more."""
        self._update(lambda data: data["accounts"].pop(login, None))

    def unlock(self, login: str, password: str) -> bytes:
        """The database key ``password`` unwraps; :class:`WrongPassword` when it does not, or when the
        key file has no entry for ``login``. Unwrapping is the password check (AES-GCM's tag)."""
        entry = self._data["accounts"].get(login)
        if entry is None:
            raise WrongPassword()
        try:
            kdf = entry["kdf"]
            cost = KdfCost(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
            kek = _stretch(password, _unb64(kdf["salt"]), cost)
            return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), login.encode("utf-8"))
        except InvalidTag:
            raise WrongPassword() from None
        except (KeyError, TypeError, ValueError):
            raise DamagedKeyring(_damaged(self.path)) from None

    def note_failure(self, login: str, at: datetime) -> None:
        self._update(lambda data: data["failures"].append({"login": login, "at": at.isoformat(timespec="seconds")}))

    def failures(self) -> list[dict[str, str]]:
        """The failed logins since they were last cleared, oldest first: ``{"login", "at"}``."""
        return [dict(f) for f in self._data["failures"]]

    def clear_failures(self) -> None:
        self._update(lambda data: data["failures"].clear())

    def _update(self, change) -> None:
        # Read again first: another program (the command line beside the window) may have written since.
        data = _read(self.path)
        change(data)
        _write(self.path, data)
        self._data = data


def _empty() -> dict[str, Any]:
    return {"format": _FORMAT, "version": _VERSION, "accounts": {}, "failures": []}


def _damaged(path: Path) -> str:
    return (f"密钥文件 {path} 已损坏，不能用密码登录。请主任用恢复密钥重设密码（villagedesk account recover），"
            "数据库中的数据不受影响。")


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        raise UserError(f"无法读取密钥文件 {path}（{os_reason(exc)}）。") from None
    try:
        data = json.loads(text)
        ok = (isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("accounts"), dict)
              and all(isinstance(e, dict) and isinstance(e.get("name"), str) for e in data["accounts"].values())
              and isinstance(data.get("failures"), list))
    except ValueError:
        ok = False
    if not ok:
        raise DamagedKeyring(_damaged(path))
    if data.get("version", 0) > _VERSION:
        raise UserError(f"密钥文件 {path} 来自更新版本的村务通，请安装新版本后再打开。")
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    """Whole or not at all: a temporary file beside it, synced, renamed over it, the folder synced."""
    tmp = path.with_name(path.name + ".part")
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    try:
        # Readable by its owner only: it holds no villager's data, but nobody else needs the wrapped keys.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        sync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入密钥文件 {path}（{os_reason(exc)}）。账户没有改动。") from None


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows commits renames with the file)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
