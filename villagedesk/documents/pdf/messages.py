"""What documents/pdf says to the clerk: why a printout cannot be made (printed texts stay in each document).

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

# Every printout that names the village (the heading of each page).
NO_PROFILE = "请先填写村庄信息（村名、统一社会信用代码等），再打印。"

# Writing the PDF file (document.py).
PATH_IS_FOLDER = "{path} 是一个文件夹，请给 PDF 文件起一个名字。"
FOLDER_MISSING = "文件夹不存在：{folder}。请选择一个已有的文件夹。"
CANNOT_REPLACE = "无法替换文件 {path}：它可能正被其他程序（如 PDF 阅读器）打开，或是只读文件。请关闭后再试，或换一个文件名。"

# Notices and the ranking board (notice.py, ranking.py).
PAPER_SIZE = "纸张只能是 A4 或 A3，不能是“{size}”。"
BOARD_NOT_INTEGER = "红黑榜的户数应为整数。"
BOARD_RANGE = "红黑榜的户数应在 1 到 {limit} 之间。"
RANKING_PENDING_HINT = "这一期还有 {pending} 条积分待审核，审核后才能计入排名。"
RANKING_NO_POINTS = "{label}还没有已审核的积分，没有可公示的排名。{hint}"
RANKING_NO_HOUSEHOLDS = "还没有登记任何户，没有可公示的积分排名。"

# The monthly report, the requests ledger, the points statement (report.py, requests.py, statement.py).
REPORT_MONTH_NOT_STARTED = "{label}还没有开始，不能出月度报告。"
REQUESTS_PERIOD_NOT_STARTED = "{label}还没有开始，没有民情台账。"
STATEMENT_PERIOD_NOT_STARTED = "{label}还没有开始，没有积分明细。"
NO_SUCH_HOUSEHOLD = "没有户编号为 {shown} 的户。请检查户编号（如 HH001）。"

# The committee roster (roster.py); a *_HINT completes NO_SUCH_TERM.
TERMS_KNOWN_HINT = "已登记的届次：第 {numbers} 届。"
NO_TERMS_HINT = "还没有登记任何届次，请先登记届次和任职人员。"
NO_SUCH_TERM = "没有第 {term_number} 届的记录。{hint}"
TERM_NO_POSTS = "{term_name}还没有登记任职人员，没有可打印的花名册。请先登记本届的任职人员。"
NO_TERMS = "还没有登记两委成员：请先登记届次和任职人员，再打印花名册。"
NO_CURRENT_TERM = "今天（{today}）不在任何一届任期内，没有在任的两委成员。请先登记本届届次和任职人员，或指定要打印的届次。"
CURRENT_TERM_NO_POSTS = "{term_name}目前没有在任的成员。请先登记任职人员，或指定要打印的届次。"

# The township summary (summary.py).
# The redemption slip (slip.py).
NO_SUCH_REDEMPTION = "没有兑换编号为 {shown} 的兑换记录。请检查编号（如 DH000012）。"

# The township summary (summary.py).
SUMMARY_NO_PACKAGES = "本乡镇还没有导入任何村的数据包，没有可汇总的内容。"
COUNTY_SUMMARY_NO_PACKAGES = "{county}还没有导入任何乡镇的数据包，没有可汇总的内容。"
