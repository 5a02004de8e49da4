"""What documents/atomic.py says to the clerk when a file that leaves the program cannot be written,
and what documents/protect.py says about an opening password.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

OVERWRITES_DATABASE = "{path} 是数据库文件（或其附属文件），不能被导出或打印的文件覆盖。请换一个文件名。"
FOLDER_NOT_WRITABLE = "无法在文件夹 {folder} 中写入文件（{reason}）。请换一个文件夹，或检查 U 盘是否拔出、写保护或已满。"

# protect.py: the opening password of an export that carries full ID numbers.
PASSWORD_TOO_SHORT = "打开密码至少要 {minimum} 个字符。"
PASSWORD_CHARACTERS = "打开密码只能用英文字母、数字和英文符号，不能有汉字、空格或全角字符（请先把输入法切换到英文）。"
NO_PASSWORD_WITHOUT_IDS = "{what}不含完整身份证号，不能设置打开密码（打开密码只用于含完整身份证号的内部资料）。没有写入任何文件。"
