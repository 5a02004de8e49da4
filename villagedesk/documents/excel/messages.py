"""What documents/excel says to the clerk: why a workbook cannot be written (headers stay in the specs).

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

CANNOT_SAVE = "无法保存文件 {path}（{reason}）。请检查文件夹是否存在、磁盘空间和权限；如果该文件正在 Excel 或 WPS 中打开，请先关闭再试。"
NO_TABLE = "公开事项 {code} 没有表格。"
# What a password is refused for (documents/protect.py): a workbook without full ID numbers.
WORKBOOK = "这份 Excel 工作簿"
NO_PACKAGES = "本乡镇还没有导入任何村的数据包，没有可导出的内容。"
COUNTY_NO_PACKAGES = "{county}还没有导入任何乡镇的数据包，没有可导出的内容。"

# Page set-up (page_setup.py): header and footer text; &P / &N are the spreadsheet's own
# page number and page count, filled in when it prints.
INTERNAL = "内部资料"
PAGE_OF = "第 &P 页，共 &N 页"

# The lines above one notice's exported table (notice_table.py), as on the poster.
NOTICE_NUMBER = "公开编号：{code}"
NOTICE_POSTING = "公示期：{period}"
NOTICE_NOT_POSTED = "公示期：尚未张贴"
