"""`villagedesk check`: what SQLite itself can tell about the file, and readers that check beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from villagedesk.store.database import Store, open_store
from villagedesk.store.driver import DAMAGED, connect, sqlite3

T = TypeVar("T")


def integrity_problems(store: Store) -> list[str]:
    """Plain Chinese lines, one per problem; empty when the file is sound."""
    problems: list[str] = []
    try:
        problems += _integrity(store)
        problems += _references(store)
    except DAMAGED as exc:
        problems.append(_unreadable(exc, store))
    return problems


def _integrity(store: Store) -> list[str]:
    return [f"数据库文件损坏：{msg}" for (msg,) in store.conn.execute("PRAGMA integrity_check") if msg != "ok"]


def _references(store: Store) -> list[str]:
    return [f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录"
            for table, rowid, parent, _fk in store.conn.execute("PRAGMA foreign_key_check")]


def _unreadable(exc: sqlite3.DatabaseError | MemoryError, store: Store) -> str:
    # SQLCipher tells a page that fails its HMAC in several ways (driver.DAMAGED), none of them in words
    # that say so: for an encrypted file, that is what it is.
    what = "有页面的校验不符：被改动过或已损坏" if store.key is not None else str(exc)
    return f"数据库文件损坏，无法读完（{what}）。请用 villagedesk restore 从备份恢复。"


def check_problems(store: Store, also: Callable[[Store], list[str]]) -> list[str]:
    """The whole of `villagedesk check`: SQLite's own checks, then ``also`` (the points chain).

    PRAGMA integrity_check reads every page on one core for seconds (13 s on the large demo);
    SQLite lets go of Python's lock while it runs, so the reference check and ``also`` run at the
    same time on a connection of their own: the whole check takes little longer than SQLite's
    alone. A file SQLite finds damaged cannot be trusted to recompute anything from: then only
    its own findings are told.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check") as pool:
        beside = pool.submit(_beside, store, also)
        try:
            found = _integrity(store)
        except DAMAGED as exc:
            found = [_unreadable(exc, store)]
        try:
            result = beside.result()
        except DAMAGED as exc:
            return found or [_unreadable(exc, store)]
        except Exception:
            if found:
                return found  # whatever a damaged file made the chain walk trip over
            raise
    if found:
        return found
    if result is None:  # no second reader: one after the other on the store's connection
        try:
            return _references(store) or also(store)
        except DAMAGED as exc:
            return [_unreadable(exc, store)]
    references, other = result
    return references or other


def _beside(store: Store, also: Callable[[Store], list[str]]) -> tuple[list[str], list[str]] | None:
    try:
        other = open_store(store.path, write=False, create=False, key=store.key)
    except Exception:  # a file opened in a way a second reader cannot share (immutable)
        return None
    with other:
        return _references(other), also(other)


def on_readers(store: Store, jobs: Sequence[Callable[[sqlite3.Connection], T]]) -> list[T]:
    """Run ``jobs`` at once, each with a connection of its own; their results, in order.

    The first runs here on the store's connection, each other on a thread with a read-only
    connection of its own: SQLite lets go of Python's lock while it steps, so a long read spread
    over several readers uses several cores. Where no second connection can be opened (a
    write-protected stick read as immutable), they run one after the other on the store's.
    """
    if len(jobs) <= 1:
        return [job(store.conn) for job in jobs]
    try:
        conns = [_reader(store) for _ in jobs[1:]]
    except sqlite3.Error:
        return [job(store.conn) for job in jobs]
    try:
        with ThreadPoolExecutor(max_workers=len(conns), thread_name_prefix="reader") as pool:
            futures: list[Future] = [pool.submit(_run_on, job, conn) for job, conn in zip(jobs[1:], conns)]
            first = jobs[0](store.conn)
            return [first, *(f.result() for f in futures)]
    finally:
        for conn in conns:
            conn.close()


def _reader(store: Store) -> sqlite3.Connection:
    # A connection is used on the thread that runs its job only; made here so a failure falls back.
    conn = connect(f"{store.path.as_uri()}?mode=ro", key=store.key, uri=True, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _run_on(job: Callable[[sqlite3.Connection], T], conn: sqlite3.Connection) -> T:
    return job(conn)
