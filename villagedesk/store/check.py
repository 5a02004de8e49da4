"""`villagedesk check`: what SQLite itself can tell about the file."""

from __future__ import annotations

import sqlite3

from villagedesk.store.database import Store


def integrity_problems(store: Store) -> list[str]:
    """Plain Chinese lines, one per problem; empty when the file is sound."""
    problems: list[str] = []
    try:
        for (msg,) in store.conn.execute("PRAGMA integrity_check"):
            if msg != "ok":
                problems.append(f"数据库文件损坏：{msg}")
        for table, rowid, parent, _fk in store.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录")
    except sqlite3.DatabaseError as exc:
        problems.append(f"数据库文件损坏，无法读完（{exc}）。请用 villagedesk restore 从备份恢复。")
    return problems
