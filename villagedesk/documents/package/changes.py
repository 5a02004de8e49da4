"""The workbook an incremental package carries: what changed since the previous package, for people to read.

A full package carries the village's whole workbook.  An incremental one carries
this instead: one line per change the audit recorded (when, who, what was done
to which record, and which fields went from what to what), so the township reads
the week's changes without opening a million-row ledger, and the package stays
quick to write.  The column names come from the village workbook's own headers.
"""

from __future__ import annotations

import json
from functools import lru_cache

from villagedesk.core.accounts.signatures import stamp_sql
from villagedesk.core.township.merge import TABLE_LABELS
from villagedesk.documents.excel.spec import Col, SheetSpec
from villagedesk.documents.excel.workbook import default_sheets

ACTION_LABELS = {
    "insert": "新增", "update": "修改", "delete": "删除", "archive": "归档", "restore": "恢复", "approve": "审核通过",
    "reject": "退回", "review": "审核", "post": "公布", "close": "办结", "reopen": "重新办理", "refer": "转办",
    "start": "开始办理", "end": "任期结束", "finalise": "定稿", "supersede": "更正", "replace": "替换",
    "reply": "答复", "resolve": "处理异议", "redeem": "兑换", "restock": "补货", "retire": "停用", "move": "迁户",
    "link": "关联", "renumber": "重新编号", "mask-numbers": "隐去号码", "full-numbers": "显示完整号码",
}
# Fields every record has, which say nothing to a reader.
_QUIET = frozenset({"id", "uid", "created_at", "updated_at", "hash", "prev_hash", "seq"})
# What names a record in a line: the first of these it has.
_NAMING = ("code", "name", "title", "head_name", "content", "item")
_SHOWN = 40  # characters of a value shown before it is cut


@lru_cache(maxsize=1)
def _headers() -> dict[str, str]:
    """Column name → the village workbook's header for it (the first sheet that shows it)."""
    found: dict[str, str] = {}
    for spec in default_sheets():
        for col in spec.columns:
            found.setdefault(col.key, col.header)
    return found


def _value(value) -> str:
    text = "（空）" if value in (None, "") else str(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _describe(row: dict) -> dict:
    before = json.loads(row["before"]) if row["before"] else {}
    after = json.loads(row["after"]) if row["after"] else {}
    record = after or before
    named = next((record[k] for k in _NAMING if record.get(k) not in (None, "")), "")
    headers = _headers()
    if before and after:
        changed = [f"{headers.get(k, k)}：{_value(before.get(k))} → {_value(after.get(k))}"
                   for k in sorted(set(before) | set(after)) if k not in _QUIET and before.get(k) != after.get(k)]
    else:
        changed = []
    return {"what": TABLE_LABELS.get(row["table_name"], row["table_name"]),
            "done": ACTION_LABELS.get(row["action"], row["action"]), "record": _value(named),
            "changes": "；".join(changed)}


def changes_sheet(audit_from: int, audit_to: int) -> SheetSpec:
    """The audit rows after ``audit_from`` up to ``audit_to`` (ids), oldest first."""
    where = f"FROM audit WHERE id > {int(audit_from)} AND id <= {int(audit_to)}"
    return SheetSpec(
        title="本次变更",
        columns=(Col("时间", "at", "datetime"), Col("操作人", "actor"), Col("内容", "what"), Col("操作", "done"),
                 Col("记录", "record", width=24), Col("变更内容", "changes", width=80)),
        # Who did it as name and login (issue 17: every write carries its account).
        sql=f"SELECT id, at, {stamp_sql('audit.actor')} AS actor, action, table_name, before, after {where} ORDER BY id",
        count_sql=f"SELECT count(*) {where}",
        derive=_describe,
    )


__all__ = ["ACTION_LABELS", "changes_sheet"]
