"""What core/common says to the clerk: checks of ID numbers, codes, phones, periods, the village profile.

Every message of a core or documents area sits in that area's ``messages.py`` as a
named template, filled with :meth:`str.format` and named arguments, e.g.
``messages.PERIOD_BAD_MONTH.format(text=text)``.  ``str.format`` fills all fields in
one pass: a value that itself contains ``{text}`` or ``%1`` (a file name, a villager's
note) is copied as it is and never read as a field.  Printed document texts (headings,
column headers) are not messages and stay where they are declared; see
docs/ARCHITECTURE.md.
"""

# A reason from a ``*_problem`` check, said as a sentence of its own.
SENTENCE = "{reason}。"
FILL_IN = "请填写{label}。"
# What a message shows for a value the clerk left empty.
EMPTY_VALUE = "（空）"

ID_LENGTH = "身份证号应为 18 位，现在是 {length} 位"
ID_DIGITS = "身份证号前 17 位应为数字，最后一位为数字或 X"
ID_BIRTH_INVALID = "身份证号中的出生日期 {digits} 不是有效日期"
ID_BIRTH_UNLIKELY = "身份证号中的出生日期 {born} 不合理"
ID_CHECK_CHAR = "身份证号校验位不对，请逐位核对（最后一位算出来应是另一个字符）"

USCC_LENGTH = "统一社会信用代码应为 18 位，现在是 {length} 位"
USCC_BAD_CHARS = "统一社会信用代码不能含有字符 {chars}（不用 I、O、Z、S、V）"
USCC_BAD_AREA = "统一社会信用代码第 3–8 位应为行政区划代码（数字）"
USCC_CHECK_CHAR = "统一社会信用代码校验位不对，请逐位核对"
# Joins the items of a list inside a sentence (characters, choices, names).
LIST_SEPARATOR = "、"

PHONE_FORMAT = "电话号码应为 11 位手机号或带区号的座机号（如 0738-1234567）"

PERIOD_FORMAT = "期间“{text}”写法不对：应写成 2026（全年）、2026-Q3（季度）或 2026-07（月份）。"
PERIOD_BAD_YEAR = "期间的年份 {year} 不合理。"
PERIOD_BAD_MONTH = "期间“{text}”的月份应在 01 到 12 之间。"

# Undo of the last edit (core/common/undo.py).
UNDO_NOTHING = "没有可以撤销的改动（只能撤销这次打开村务通以后的改动）。"
UNDO_REFUSED = "不能撤销“{what}”：{reason}"
UNDO_MANY = "{what} 等 {count} 条记录"
UNDO_LOG = "办理记录和会议更正只增不改，不能撤销。"
UNDO_REDEMPTION = "兑换从不删除或修改，不能撤销；兑换错了请在积分超市里“作废兑换”。"
UNDO_TOWNSHIP = "这一步（U 盘包、密钥、乡镇数据或设置）不能撤销。"
UNDO_ACCOUNTS = "账户的改动和登录不能撤销；要改回请在“账户”页再改一次（停用、启用或重设密码）。"
UNDO_POINTS_JUDGED = "已审核（通过或驳回）的积分记录不能再改；录错的积分请冲正。"
UNDO_POINTS_ADDED = "积分记录从不删除；录错的待审记录请在审核时驳回。"
UNDO_PERIOD_POSTED = "积分期已公示或锁定，不能撤销。"
UNDO_MINUTES_FINAL = "会议记录已定稿，不能再改；有错请添加更正。"
UNDO_NOTICE_REVIEWED = "公开事项已审核或已张贴，不能撤销；有错请更正。"
UNDO_NOTICE_ADDED = "公开事项从不删除；不要的草稿请归档。"
UNDO_OBJECTION_ADDED = "异议登记后从不删除。"
UNDO_OBJECTION_ANSWERED = "异议已答复（或已处理），不能撤销。"
UNDO_PACKAGED = "这一步已写入给乡镇的 U 盘包，不能撤销；请直接改正。"
UNDO_CHANGED_SINCE = "这条记录之后又改过，不能撤销。"
UNDO_NOT_POSSIBLE = "这一步不能自动撤销，请直接改正。"

# The holiday calendar (core/common/workdays.py): the file a township hands out, and years without one.
CALENDAR_FILE_MISSING = "找不到节假日日历文件 {name}。"
CALENDAR_FILE_TOO_LARGE = "文件 {name} 太大（{size} 字节），不是节假日日历文件：日历文件不超过 {limit} 字节。"
CALENDAR_FILE_UNREADABLE = "读不出文件 {name}：{reason}"
CALENDAR_FILE_ENCODING = "文件 {name} 不是 UTF-8 或 GBK 编码的文字文件，不是节假日日历文件。"
CALENDAR_HEADER = "文件 {name} 的第一行应为“{header}”，现在是“{found}”。请使用乡镇下发的日历文件。"
CALENDAR_COLUMNS = "第 {line} 行应有 3 列（日期、类型、名称），现在有 {count} 列。"
CALENDAR_DATE = "第 {line} 行的日期“{text}”应写作 2027-01-01 这样的格式。"
CALENDAR_KIND = "第 {line} 行的类型“{text}”应为“休”（放假）或“班”（调休上班）。"
CALENDAR_NAME = "第 {line} 行缺少名称（如 元旦、春节），或名称超过 {limit} 个字、含有不可见字符。"
CALENDAR_YEARS = "一个日历文件只能有一年的日期：文件中有 {years} 年。"
CALENDAR_YEAR_RANGE = "日历文件的年份 {year} 不在 {first}–{last} 年之间。"
CALENDAR_DUPLICATE = "第 {line} 行的日期 {day} 前面已经出现过。"
CALENDAR_WORKDAY_ON_WEEKDAY = "第 {line} 行：{day} 是星期{weekday}，本来就上班，不是调休上班日（“班”只用于周六、周日）。"
CALENDAR_NO_HOLIDAY = "文件 {name} 中没有放假日（类型为“休”的行），不是完整的全年安排。"
CALENDAR_TOO_MANY_ROWS = "文件 {name} 超过 {limit} 行，不是一年的节假日日历。"
CALENDAR_MISSING_YEAR = ("本程序没有 {years} 年的法定节假日和调休安排，按工作日计的公示期算不准。"
                         "请先载入乡镇下发的 {years} 年节假日日历文件，或直接填写公示截止日期。")
CALENDAR_LOADED = "已载入 {year} 年节假日日历：放假 {holidays} 天，调休上班 {workdays} 天（来自 {name}）。"

# core/common/passwords.py: a new password typed twice ({what}: 密码 or 打开密码).
PASSWORDS_DIFFER = "两次输入的{what}不一样，请重新输入。"
