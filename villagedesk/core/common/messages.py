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
