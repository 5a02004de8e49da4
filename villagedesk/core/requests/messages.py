"""What core/requests says to the clerk: refusals from intake to closing, handling-log notes, outcomes.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

NO_SUCH_REQUEST_CODE = "没有编号为 {shown} 的诉求。请写诉求编号，如 SQ000001。"
NO_SUCH_REQUEST = "找不到编号为 {request_id} 的诉求。"
DATE_INVALID = "请填写正确的{what}（如 2026-07-15）。"
NO_SUCH_MEETING = "所选的会议不存在。"
RAISED_IN_FUTURE = "诉求日期不能晚于今天。"
RAISED_NOT_ON_MEETING_DAY = "在会议上提出的诉求，日期应是会议日期 {meeting_date}。"
RAISER_NOT_IN_REGISTER = "所选的诉求人不在村民名册中。"
RAISER_MISSING = "请填写诉求人（从名册中选择，或写上姓名）。"
CATEGORY_CHOICES = "请选择诉求类别：{choices}。"
CONTENT_MISSING = "请填写诉求内容。"
CONTENT_TOO_LONG = "诉求内容太长（最多 {limit} 个字），请简要写明。"
HANDLING_CHOICES = "请选择办理方式：{choices}。"
DEPARTMENT_MISSING_FOR_REFERRAL = "转交部门办理的诉求，请写明转交给哪个部门。"
DEADLINE_BEFORE_RAISED = "办理期限 {deadline} 早于诉求日期 {raised}，请核对。"
OWNER_NOT_IN_REGISTER = "所选的责任人不在村民名册中。"
OWNER_MISSING = "限期办理的诉求，请指定责任人。"
ON_THE_SPOT_RESULT_MISSING = "当场解决的诉求，请写明解决结果。"
ON_THE_SPOT_NOT_SATISFIED = "当场解决的诉求，请选择群众满意度（满意或基本满意）；群众不满意的，请改为限期办理或转交部门。"
REQUEST_CLOSED = "诉求 {code} 已于 {closed_on} 办结，不能再修改。如群众对结果不满意，请登记“不满意，重新办理”。"
REQUEST_NOT_WAITING = "诉求 {code} 现在是“{status}”，只有待办的诉求才能开始办理。"
REQUEST_ALREADY_REFERRED = "诉求 {code} 已转交{department}。"
REQUEST_NOT_CLOSED = "诉求 {code} 还没有办结（{status}），不需要重新办理。"
HANDLING_NOT_EDITED_HERE = "办理方式不在这里修改：要转交部门，请用“转交”。"
DATE_BEFORE_RAISED = "{what}不能早于诉求日期 {raised_on}。"
DATE_IN_FUTURE = "{what}不能晚于今天。"
DEPARTMENT_MISSING = "请写明转交给哪个部门。"
DUE_BEFORE_RAISED = "办理期限 {due} 早于诉求日期 {raised_on}，请核对。"
CLOSE_RESULT_MISSING = "办结前请写明办理结果。"
CLOSE_FEEDBACK_DATE_MISSING = "办结前请填写向群众反馈的日期。"
CLOSE_FEEDBACK_HOW_MISSING = "办结前请写明如何向群众反馈（如：上门告知、电话告知）。"
SATISFACTION_CHOICES = "请选择群众满意度：{choices}。"
REOPEN_REASON_MISSING = "请写明群众不满意的原因。"
REOPEN_BEFORE_CLOSED = "重新办理日期不能早于办结日期 {closed_on}。"

# The notes of the handling log (request_log.note).
LOG_NOTE_SEPARATOR = "；"
LOG_CLOSED_NOTE = "{result}（{how}，{satisfaction}）"

# The outcome of a period or a meeting, shown under the board and printed with the ledger.
OUTCOMES_SENTENCE = "共受理诉求 {total} 件：当场解决 {on_the_spot} 件，限期办理 {with_deadline} 件，转交部门 {referred} 件；已办结 {closed} 件，办结率 {closed_percent}。"

# The requests board (lists.py).
NO_SUCH_STATUS = "没有“{status}”这个办理状态。"
