"""What core/home says to the clerk about the home page's charts and reports.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

NOT_A_FULL_PERIOD = "{label}不是一个完整的考评周期，不评星级。"
NOT_A_MONTH = "“{code}”不是月份：月度报告要写月份，如 {year}-07。"
NO_DATA = "暂无数据"  # a chart with nothing but zeros says so instead of drawing them
