"""What documents/atomic.py says to the clerk when a file that leaves the program cannot be written.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

OVERWRITES_DATABASE = "{path} 是数据库文件（或其附属文件），不能被导出或打印的文件覆盖。请换一个文件名。"
FOLDER_NOT_WRITABLE = "无法在文件夹 {folder} 中写入文件（{reason}）。请换一个文件夹，或检查 U 盘是否拔出、写保护或已满。"
