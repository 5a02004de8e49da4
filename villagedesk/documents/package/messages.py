"""What documents/package says to the clerk: why a USB package is refused, and what writing one needs.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""


# Reading a package (reader.py): REFUSED names the file, the others say why.
REFUSED = "数据包 {name} 不能导入：{why}"
BAD_FIGURES = "文件“figures.json”不是有效的统计数字，数据包可能被人改动过。"
TOO_MANY_FILES = "里面有 {count} 个文件，不是本程序生成的数据包。"
UNSAFE_NAME = "里面的文件名“{filename}”不安全（含 .. 或绝对路径），可能被人篡改。"
ZIP_BOMB = "里面的文件“{filename}”解压后异常巨大（疑似“压缩炸弹”），已拒绝。"
DUPLICATE_MEMBER = "里面的文件“{filename}”出现了两次。"
ENCRYPTED_MEMBER = "里面的文件“{filename}”加了密码或用了本程序不认识的压缩方式，不是本程序生成的数据包。"
NO_MANIFEST = "缺少清单文件 manifest.json，不是本程序生成的数据包。"
MANIFEST_TOO_LARGE = "清单文件 manifest.json 过大。"
MANIFEST_DAMAGED = "清单文件 manifest.json 已损坏。"
FORMAT_NEWER = "数据包格式版本为 {version}，本程序只认识第 {known} 版，请先升级本程序。"
FORMAT_UNKNOWN = "数据包格式版本为 {version}，本程序只认识第 {known} 版。"
MANIFEST_INCOMPLETE = "清单文件 manifest.json 内容不完整或不合规。"
CHECKSUM_MISMATCH = "文件“{name}”的校验值与清单不符：数据包在拷贝中损坏或被改动过。请重新从村里拷贝。"
ROW_COUNT_MISMATCH = "文件“{name}”有 {lines} 行，清单上写的是 {listed} 行。"
PATH_IS_FOLDER = "{path} 是一个文件夹，请选择数据包文件（VD-…zip）。"
NO_SUCH_FILE = "找不到文件 {path}。"
NOT_A_ZIP = "不是完整的 zip 文件（可能拷贝时 U 盘被拔出）。请重新拷贝。"
EXTRA_MEMBER = "里面有清单之外的文件“{extra}”，可能被人改动过。"
LISTED_FILE_MISSING = "清单上的文件“{name}”不在数据包里。"
MEMBER_DAMAGED = "文件“{name}”已损坏，无法读出。请重新拷贝。"
TABLE_INCOMPLETE = "清单中表“{table}”的记录不完整。"
FILE_MISSING = "缺少文件“{needed}”。"

# Writing a package (writer.py).
PROFILE_MISSING = "请先填写村庄信息（村名、统一社会信用代码、乡镇等），再生成数据包。"
TOWNSHIP_NO_PACKAGE = "这是乡镇汇总数据库，不能生成村级数据包。"
FOLDER_MISSING = "文件夹不存在：{folder}。请先插入 U 盘，选择其中的一个文件夹。"
