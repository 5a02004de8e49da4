"""What core/township says to the clerk: refusals when village packages are merged; each import's summary.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""

ALREADY_TOWNSHIP = "这个乡镇数据库已经汇总了村的数据，不能改回村级数据库。"
NOT_EMPTY_FOR_TOWNSHIP = "这个数据库已经有本村的户籍或数据包记录，不能设为乡镇汇总数据库。请新建一个数据库。"

# The summary of an import (ImportResult.summary): the CLI prints it, the window shows it.
PACKAGE_NAME = "{village_name}（{village_code}）第 {sequence} 号数据包"
IMPORTED = "已导入{who}{new_village}{replaced}。"
IMPORTED_NEW_VILLAGE = "（新加入的村）"
IMPORTED_REPLACED = "，全量数据包替换了该村原有的全部记录"
ALREADY_IMPORTED = "{who}已经导入过，这次没有任何改动。"
# One line per table that changed, under IMPORTED.
TABLE_COUNTS = "  {table}：新增 {new}，更新 {updated}，未变 {unchanged}，删除 {deleted}"

# Packages refused.
PACKAGE_DIFFERENT = "{name}第 {sequence} 号数据包已经导入过（{file_name}），但这一份的内容不同。请向村里核实是哪一份。"
FOREIGN_VILLAGE = "{name}属于{county}{township}，不是本乡镇（{own_county}{own_township}）的村。"
PACKAGE_GAP_NEW_VILLAGE = "这是{name}的第 {sequence} 号数据包，但本乡镇还没有导入过该村的第 {previous} 号数据包。请先导入第 {previous} 号，或请村里生成一个全量数据包。"
PACKAGE_OLDER = "{name}第 {sequence} 号数据包比已导入的第 {last_sequence} 号更早，不能再导入。"
PACKAGE_MISSING = "缺少{name}第 {missing} 号数据包（已导入到第 {last_sequence} 号，这一份是第 {sequence} 号）。请先导入第 {missing} 号。"
# The default {doing} of VILLAGE_DATABASE.
DOING_IMPORT = "导入其他村的数据包"
DOING_SUMMARY = "打印各村汇总表"
VILLAGE_DATABASE = "这是村级数据库，不能{doing}。请打开乡镇汇总数据库（在“村庄信息”中设为乡镇汇总数据库）。"
PACKAGE_BAD_RECORD = "数据包 {file_name} 不能导入：文件“{member}”第 {line} 行不是有效的记录，数据包可能被人改动过。本次没有导入任何内容。"
NO_SUCH_VILLAGE = "本乡镇没有统一社会信用代码为 {code} 的村。"

# Keys and the township card (core.township.keys; docs/PACKAGES.md).
KEY_MISSING = "这个数据库没有签名密钥。请用新版本程序打开一次，让它完成升级。"
NOT_A_TOWNSHIP_KEY = "这是村级数据库，没有乡镇密钥。乡镇卡片要在乡镇汇总数据库中生成（villagedesk township-card）。"
CARD_NEEDS_PROFILE = "请先在“村庄信息”中填写本乡镇的名称和所属县，再生成乡镇卡片。"
CARD_NO_FILE = "找不到乡镇卡片文件：{path}"
CARD_UNREADABLE = "{name} 不是 VillageDesk 的乡镇卡片。请向乡镇索取用“villagedesk township-card”生成的卡片文件。"
CARD_VERSION = "乡镇卡片 {name} 的格式（第 {version} 版）本程序不认识，请升级程序。"
CARD_TAMPERED = "乡镇卡片 {name} 的内容与它的签名不符，可能被人改动过，不能使用。请向乡镇重新索取卡片。"
ALREADY_JOINED = "本村已经加入{township}（指纹 {fingerprint}）。要换成另一个乡镇，请用 --replace（原来的卡片会保留在记录中）。"
