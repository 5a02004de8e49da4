"""What core/notices says to the clerk: refusals from drafting to archiving, plan, tables, money, objections.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""


# A status label (已归档, 已被替换) without its 已, for sentences that say 已经{state}了.
ALREADY = "已"

# Notices found by code or number, and their dates (model.py).
NO_SUCH_NOTICE_CODE = "没有编号为 {shown} 的公开事项。请写公开编号，如 GK0001（或只写数字 1）。"
NO_SUCH_NOTICE = "找不到编号为 {notice_id} 的公开事项。"
DATE_INVALID = "请填写正确的{what}（如 {today}）。"
DATE_IN_FUTURE = "{what}不能晚于今天（{today}）：请在当天或事后登记。"

# The disclosure plan (disclosure.py).
ITEM_NAME_MISSING = "请填写公开事项名称（如：村级财务收支）。"
ITEM_NAME_TOO_LONG = "名称太长（最多 {limit} 个字）。"
CATEGORY_CHOICES = "请选择公开类别：{choices}。"
ITEM_FREQUENCY_CHOICES = "请选择公开频次：{choices}。"
ITEM_NO_DUE_DAY = "“事项发生时”公开的事项没有固定公开日。"
ITEM_DUE_DAY_RANGE = "固定公开日应为 1 到 31 的整数，如 20。"
ITEM_NAME_TAKEN = "公开目录中已有“{name}”。"
NO_SUCH_ITEM = "找不到这个公开目录事项。"

# Drafts (_drafts.py).
TITLE_MISSING = "请填写公示标题（如：2026年6月村级财务收支公开）。"
TITLE_TOO_LONG = "标题太长（最多 {limit} 个字）。"
BODY_TOO_LONG = "正文太长（最多 {limit} 个字），请把明细放在表格里。"
ISSUED_ON_INVALID = "请填写正确的落款日期（如 2026-07-01）。"
PLAN_ITEM_MISSING = "找不到所选的公开计划事项，请重新选择。"
REVIEWED_NO_EDIT = "公开事项 {code} 已由 {reviewer} 审核，不能直接修改。如需修改，请先退回草稿（修改后要重新审核）。"
NOT_EDITABLE = "公开事项 {code} 已{state}，不能修改。"
POSTED_NO_EDIT = "公开事项 {code} 已于 {posted_on} 张贴（{display_status}），张贴后不能修改。如有错误，请新建更正公示替换它，原公示保留存档。"

# Review, posting, correction and archiving (lifecycle.py).
NOTICE_EMPTY = "公开事项 {code} 既没有正文也没有表格，请先填写内容。"
TABLE_EMPTY = "{what}还没有任何一行，请填写后再审核（或去掉表格）。"
REVIEW_NOT_DRAFT = "公开事项 {code} 是“{display_status}”状态，只有草稿需要审核。"
UNREVIEW_NOT_REVIEWED = "只有已审核、尚未张贴的公示可以退回草稿（{code} 是“{display_status}”）。"
POST_NOT_REVIEWED = "公开事项 {code} 还没有审核：须经村务监督委员会成员审核后才能张贴。"
POST_NOT_REVIEWED_STATE = "公开事项 {code} 是“{display_status}”状态，不能再张贴。如需重新公示，请新建更正公示。"
ALREADY_ARCHIVED = "公开事项 {code} 已经{state}了。"
ARCHIVE_DURING_POSTING = "公开事项 {code} 的公示期到 {posting_end} 才结束，期满后才能归档。"
CORRECT_NOT_POSTED = "公开事项 {code} 还没有张贴，直接修改即可，不需要更正公示。"
CORRECT_REPLACED = "公开事项 {code} 已被更正公示替换，请更正最新的那一份。"
# {who} when the reviewer chosen is not in the register; {names} when no supervisor serves that day.
SELECTED_PERSON = "所选人员"
REVIEWER_MISSING = "请选择审核人。"
# {what} of core/accounts/messages.SIGN_OWN_WORK: the notice its drafter may not review.
OWN_NOTICE = "公开事项 {code}"
NO_SUPERVISOR_SERVING = "（无人在任，请先在“村两委”中登记）"
REVIEWER_NOT_SUPERVISOR = "{who} 在 {reviewed} 不是村务监督委员会成员，不能审核。当日在任的监委会成员：{names}。"
POSTING_DAYS_NOT_INTEGER = "公示天数应为整数，如 7。"
POSTING_DAYS_RANGE = "公示天数应在 1 到 {max_days} 天之间。"
POST_BEFORE_REVIEW = "张贴日期 {first} 早于审核日期 {reviewed_on}：须先审核后张贴。"
POSTING_END_INVALID = "请填写正确的公示截止日期（如 2026-07-07）。"
POSTING_END_BEFORE_START = "公示截止日期 {last} 早于张贴日期 {first}。"
POSTING_TOO_LONG = "公示期最长 {max_days} 天。"
CORRECTION_PENDING = "{code} 已有一份未张贴的更正公示（{pending}），请继续编辑那一份。"
ALREADY_REPLACED = "原公示 {code} 已被其他更正公示替换，不能再被 {new_code} 替换。"
ARCHIVE_OPEN_OBJECTIONS = "公开事项 {code} 还有 {waiting} 条异议没有答复，答复后才能归档。"
ARCHIVE_REASON_MISSING = "这份公示没有张贴过，归档时请写明原因（如：内容有变，不再公示）。"
FULL_NUMBERS_APPROVER_MISSING = "请填写批准完整公开身份证号码的负责人姓名。"

# Lists of notices (lists.py).
NO_SUCH_STATUS = "没有“{status}”这个状态。"
NO_SUCH_CATEGORY = "没有“{category}”这个公开类别。"
NO_SUCH_TABLE_KIND = "没有“{table_kind}”这种表格。"

# Amounts in yuan (money.py): {what} names the amount.
AMOUNT_NOT_NUMBER = "{what}应为数字，如 1200 或 1200.50（单位：元）。"
AMOUNT_MISSING = "请填写{what}（单位：元）。"
AMOUNT_UNREADABLE = "{what}“{value}”不是数字，请写成 1200 或 1200.50 这样（单位：元）。"
AMOUNT_NOT_A_NUMBER = "{what}“{value}”不是数字。"
AMOUNT_NEGATIVE = "{what}不能是负数（{value}）。支出请写在“支出”一栏，金额写正数。"
AMOUNT_FRACTION = "{what}“{value}”最多只能有两位小数（精确到分）。"
AMOUNT_TOO_LARGE = "{what}“{value}”太大，请核对。"

# Objections to a posted notice (objections.py).
OBJECTION_NOT_POSTED = "公开事项 {code} 还没有张贴，不能登记异议。"
OBJECTION_ARCHIVED = "公开事项 {code} 已归档，不能再登记异议。"
OBJECTION_REPLACED = "公开事项 {code} 已被更正公示替换，异议请登记在更正后的公示上。"
OBJECTION_OUTSIDE_POSTING = "异议应在公示期内提出（{posted_on} 至 {posting_end}），{received} 不在公示期内。公示期外的意见请作为来信来访登记。"
OBJECTOR_MISSING = "请填写异议人（不愿留名可写“匿名”）。"
OBJECTION_CONTENT_MISSING = "请填写异议内容。"
OBJECTION_CONTENT_TOO_LONG = "异议内容太长（最多 {limit} 个字）。"
NO_SUCH_OBJECTION = "找不到这条异议。"
OBJECTION_ALREADY_REPLIED = "这条异议已于 {replied_on} 答复，答复不能修改。"
REPLY_MISSING = "请填写答复内容。"
REPLY_BEFORE_RECEIPT = "答复日期不能早于收到异议的日期 {received_on}。"

# Notices drafted from the ranking and 四议两公开 (sources.py).
RANKING_NO_POINTS = "{label}还没有已审核的积分，没有可公示的排名。"
RANKING_NO_HOUSEHOLDS = "还没有登记任何户，没有可公示的积分排名。"
MATTER_NOT_DONE = "“{title}”的四议还没有完成（下一步：{next_step}），完成后才能公开决议。"

# Tables of a notice (tables.py); TABLE_ROW says which row a ROW_* message is about.
TABLE_ROW = "表格第 {n} 行：{message}"
TABLE_TOO_MANY_ROWS = "表格最多 {limit} 行，现在有 {count} 行，请分成几张公示。"
TABLE_HEADERS_MISSING = "请填写表格的列标题。"
TABLE_TOO_MANY_COLUMNS = "表格最多 {limit} 列，现在有 {count} 列。"
TABLE_HEADER_EMPTY = "第 {column} 列没有列标题。"
ROW_TOO_LONG = "有 {cells} 格，比列标题（{heads} 列）多。"
ROW_SIDE_MISSING = "请选择“收入”或“支出”。"
ROW_ITEM_MISSING = "请填写收支项目。"
ROW_ITEM_AMOUNT = "“{item}”的金额"
ROW_PERSON_NOT_FOUND = "名册中找不到这个人，请重新选择。"
ROW_PERSON_ARCHIVED = "{name} 已从名册中归档，不能列入名单。"
ROW_PERSON_TWICE = "{name} 在名单中出现了两次。"
ROW_NAME_MISSING = "请填写姓名。"
ROW_ID_PROBLEM = "{name} 的{problem}。"
ROW_ID_TWICE = "身份证号与前面的一行重复（{name}）。"
ROW_PERSON_AMOUNT = "{name} 的金额"
ROW_AMOUNT_NOT_POSITIVE = "{name} 的金额应大于 0。"
