"""恢复密钥单: the recovery key of a village database on one A4 page, for the archive cabinet.

The recovery key opens the database and every backup even when every password is forgotten or
the key file is lost, and lets a 主任 or 书记 set a new password (docs/SECURITY.md "Key design").
It is shown once, at set-up, and never stored by the program: this page is its only copy, so it
is printed large, in even columns a clerk can read out and type back group by group, with where
to keep it and a line for the second copy the township keeps. It names the village and the file,
never a villager: a lost sheet leaks no personal data by itself.
"""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from villagedesk import clock
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.common.village import Profile
from villagedesk.documents.pdf.base import BODY, build_pdf, cell_style, para
from villagedesk.documents.pdf.keys import Fingerprint, facts_table, signature_lines

TITLE = "恢复密钥单"


class RecoveryKey(Fingerprint):
    """The key in large letters, three groups a line, each character in a cell of one width (base32)."""

    GROUPS_PER_LINE = 3
    ALPHABET = string.ascii_uppercase + "234567"


def key_groups(recovery_text: str) -> str:
    """The key as printed: its groups of letters and digits, upper case, one space between them."""
    return " ".join(g for g in re.split(r"[^0-9A-Za-z]+", recovery_text.upper()) if g)


def _keeping() -> list[Flowable]:
    rules = [
        "一、本单放入密封信封，存入村档案柜，与笔记本电脑分开存放。不要拍照，不要存入电脑、手机或 U 盘。",
        "二、第二份交乡镇（街道）保管：复印或抄写一份，由乡镇经办人在下方签收。",
        "三、用途：忘记密码时，村委会主任或书记用它重设任何账户的密码；电脑或密码文件丢失时，"
        "用它打开数据库和备份（villagedesk account recover）。输入时不分大小写，空格可有可无，"
        "最后一组是校验码，输错时程序会提示。",
        "四、本单遗失或可能被他人看到时，请报告乡镇，并用乡镇保管的一份补抄存档。",
    ]
    return [para(rule, BODY) for rule in rules]


def print_recovery_sheet(path: Path | str, *, profile: Profile, recovery_text: str, database: Path | str,
                         today: date | None = None) -> Path:
    """Write the sheet for ``recovery_text`` of the database file ``database`` and return the path."""
    width = 180 * mm  # the A4 frame
    day = today or clock.today()
    story: list[Flowable] = [
        para("恢复密钥是本村数据库的备用钥匙：有了它，密码全部忘记或密码文件丢失也能打开数据库和每一份备份。"
             "程序不保存它，本单是它唯一的记录，请妥善保管。", BODY),
        Spacer(1, 8),
        facts_table([("村（社区）", profile.full_name), ("统一社会信用代码", profile.code),
                     ("数据库文件", Path(database).name),
                     ("生成日期", chinese_date(day))], width),
        Spacer(1, 10),
        para("恢复密钥", cell_style(12.5)),
        Spacer(1, 4),
        RecoveryKey(key_groups(recovery_text)),
        Spacer(1, 10),
        para("保管", cell_style(12.5)),
        Spacer(1, 3),
        *_keeping(),
        Spacer(1, 12),
        signature_lines(width, ("村保管人", "乡镇签收人"), "＿" * 9),
    ]
    return build_pdf(path, title=TITLE, profile=profile, story=story, printed_on=day, internal=True,
                     subtitle=profile.full_name)


__all__ = ["TITLE", "RecoveryKey", "key_groups", "print_recovery_sheet"]
