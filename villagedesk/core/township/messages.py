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
PACKAGE_GAP_NEW_VILLAGE = "这是{name}的第 {sequence} 号数据包，但{us}还没有导入过该村的第 {previous} 号数据包。请先导入第 {previous} 号，或请村里生成一个全量数据包。"
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
CARD_NEEDS_PROFILE = "请先写明本乡镇的名称和所属县（在“村庄信息”中填写，或用 villagedesk township --name 乡镇名 --county 县名），再生成乡镇卡片。"
# One template for both kinds of card: {card} is CARD_TOWNSHIP or CARD_COUNTY, {issuer} who gives it out
# (ISSUER_*), {command} the command that makes it (township-card, county-card).
CARD_TOWNSHIP = "乡镇卡片"
CARD_COUNTY = "县卡片"
ISSUER_TOWNSHIP = "乡镇"
ISSUER_COUNTY = "县里"
CARD_NO_FILE = "找不到{card}文件：{path}"
CARD_UNREADABLE = "{name} 不是 VillageDesk 的{card}。请向{issuer}索取用“villagedesk {command}”生成的卡片文件。"
CARD_VERSION = "{card} {name} 的格式（第 {version} 版）本程序不认识，请升级程序。"
CARD_TAMPERED = "{card} {name} 的内容与它的签名不符，可能被人改动过，不能使用。请向{issuer}重新索取卡片。"
CARD_UNREADABLE_OS = "无法读取{card} {name}：{reason}。"
# A card of the other kind: a county card given to join-township, a township card to join-county.
# {database} is DATABASE_VILLAGE or DATABASE_TOWNSHIP, {join} join-township or join-county.
CARD_WRONG_KIND = "{name} 是{found}，不是{card}。{found}要在{database}中导入（villagedesk {join}）。"
DATABASE_VILLAGE = "村级数据库"
DATABASE_TOWNSHIP = "乡镇汇总数据库"
# {us}: 本村, 本乡镇 or 本县 (US_*); {level}: ISSUER_TOWNSHIP's 乡镇 or LEVEL_COUNTY's 县.
US_VILLAGE = "本村"
US_TOWNSHIP = "本乡镇"
US_COUNTY = "本县"
LEVEL_COUNTY = "县"
ALREADY_JOINED = "{us}已经加入{joined}（指纹 {fingerprint}）。要换成另一个{level}，请用 --replace（原来的卡片会保留在记录中）。"
# Joining in the wrong kind of database: {database} is this one, {other} where the card is taken.
JOIN_WRONG_DATABASE = "这是{database}，不能加入{level}。{card}要在{other}中导入（villagedesk {join}）。"
# The township's packages for its county (core.township.county, documents.package.township_writer).
COUNTY_NOT_JOINED = ("本乡镇还没有加入县，不能生成给县里的数据包：数据包只有县里才能打开，要先有县卡片。"
                     "请县里用 villagedesk county-card 生成县卡片交给乡镇，核对指纹后用 "
                     "villagedesk join-county 卡片文件 加入。")
COUNTY_PACKAGE_IN_VILLAGE = "这是村级数据库，不能生成给县里的乡镇数据包。"

# What the township checks before it merges a package (core.township.merge, chain, validate;
# docs/PACKAGES.md "What the township checks, before its transaction", steps 3–6).
# {who} is PACKAGE_NAME filled in; the receiver checking (a township, or a county: core.county.merge) is
# {us} (US_TOWNSHIP, US_COUNTY) and {level} (ISSUER_TOWNSHIP, ISSUER_COUNTY): core.township.held.Receiver.
# Who made it: the first package of a village pins its key, on confirmation.
NEW_VILLAGE_KEY = "{who}是该村的第一个数据包，签名密钥指纹为 {fingerprint}。请与村里核对这个指纹（电话或纸质《密钥指纹登记表》），相同才能接受。"
KNOWN_VILLAGE_NEW_KEY = "{us}还没有记下{who}所属村的签名密钥；这个数据包的密钥指纹为 {fingerprint}。请与村里核对这个指纹，相同才能接受。"
KEY_CHANGED = "{who}的签名密钥与{us}记下的不同：原来的指纹 {old}，这个数据包的指纹 {new}。可能是别人冒用该村的名义，也可能是村里重装了程序。请与村里核对新指纹；确认是村里重装的才能接受（原来的密钥作废，此事记录在案）。"
ACCEPT_NEW_VILLAGE = "确认要接受，请加 --accept-new-village 再导入。"
ACCEPT_NEW_KEY = "确认要接受新密钥，请加 --accept-new-key 再导入。"
ACCEPT_DIVERGENCE = "确认要接受，请加 --accept-divergence 再导入。"
# Sequences only move forward.
PACKAGE_OLDER_THAN_TAKEN = "{name}第 {sequence} 号数据包比已导入的第 {last_sequence} 号更早，不能导入（全量数据包也一样）。{us}已导入到第 {last_sequence} 号。"
# History: the approved points entries.
CHAIN_WHERE = "第 {seq} 条已审核积分（{entry}）"
CHAIN_WHERE_SEQ = "第 {seq} 条已审核积分"
CHAIN_MANIFEST = "{who}没有正确写明积分链的位置，不能导入。本次没有导入任何内容。"
CHAIN_SHORTER = "{who}的已审核积分只有 {count} 条，比{us}已收到的 {held} 条少：已审核的积分被删除了。本次没有导入任何内容。"
CHAIN_MISSING = "{who}缺少第 {seq} 条已审核积分（积分链应到第 {count} 条）。本次没有导入任何内容。"
CHAIN_ENTRY_CHANGED = "{who}中{where}的内容与它的校验值不符：已审核的积分被改动过。本次没有导入任何内容。"
CHAIN_ENTRY_DIFFERS = "{who}中{where}与{us}已收到的那一条不同：已审核的积分被改动过。本次没有导入任何内容。"
CHAIN_LINK = "{who}中{where}与前一条接不上：积分链被改写过。本次没有导入任何内容。"
CHAIN_REWRITTEN = "{who}的积分链与{us}已收到的不同（在{where}）：已审核的积分被改写过。本次没有导入任何内容。"
CHAIN_HEAD = "{who}的已审核积分与它写明的积分链位置（第 {count} 条）不符。本次没有导入任何内容。"
CHAIN_BEYOND = "{who}中{where}超出了它写明的积分链（共 {count} 条）。本次没有导入任何内容。"
CHAIN_TWICE = "{who}中第 {seq} 条已审核积分出现了两次。本次没有导入任何内容。"
CHAIN_UNAPPROVED = "{who}把{us}已收到的已审核积分（{entry}）改成了未审核或删除：已审核的积分不能改动。本次没有导入任何内容。"
DIVERGENCE = "{who}是全量数据包，但它的积分历史与{us}已收到的不同：{us}有 {held_count} 条，这个数据包有 {count} 条，从{where}起不同。多半是村里恢复了旧的备份。接受后以这个数据包为准，此事永久记录在案。"
DIVERGENCE_WHERE_SEQ = "第 {seq} 条"
DIVERGENCE_WHERE_ENTRY = "第 {seq} 条（{entry}）"
# Every line.
ROW_NOT_RECORD = "{who}的文件“{member}”第 {line} 行不是有效的记录。数据包可能被人改动过。本次没有导入任何内容。"
ROW_UNKNOWN_TABLE = "{who}含有本程序不认识的表“{table}”：村里的程序比本程序新。请先升级{level}的程序再导入。本次没有导入任何内容。"
ROW_UNKNOWN_COLUMN = "{who}的文件“{member}”第 {line} 行有本程序不认识的栏目“{column}”：村里的程序比本程序新，或数据包被人改动过。请先升级{level}的程序再导入。本次没有导入任何内容。"
ROW_BAD_VALUE = "{who}的文件“{member}”第 {line} 行的“{column}”{why}。数据包可能被人改动过。本次没有导入任何内容。"
WHY_INTEGER = "应当是整数"
WHY_TEXT = "应当是文字"
WHY_NUMBER = "应当是数字"
WHY_REFERENCE = "应当是所指记录的编号（uid）"
WHY_MISSING = "没有填写"
ROW_DELETED_ENTRY = "{who}要删除积分明细，而积分明细从不删除。数据包可能被人改动过。本次没有导入任何内容。"
# figures.json against the records.
FIGURES_MISMATCH = "{who}附带的汇总数字与它的记录不符：{figure}写的是 {claimed}，按记录算是 {counted}。数据包可能被人改动过。本次没有导入任何内容。"
FIGURE_HOUSEHOLDS = "户数"
FIGURE_PERSONS = "人口"
FIGURE_PARTICIPATION = "{period}积分参与率"
FIGURES_UNREADABLE = "{who}附带的汇总数字不完整。数据包可能被人改动过。本次没有导入任何内容。"
# What the township accepted on confirmation (tw_events), as the villages page and the summary show it.
EVENT_NEW_KEY = "更换签名密钥（第 {sequence} 号数据包）：原指纹 {old}，新指纹 {new}"
EVENT_DIVERGENCE = "积分历史改变（第 {sequence} 号全量数据包）：原有 {held_count} 条，改为 {count} 条，从第 {seq} 条起不同"
EVENT_RESTORED = "村里恢复了备份（第 {sequence} 号数据包）：{reason}"
EVENT_RECORDED = "已记录在案：{event}。"

# What the requests figures of a village's current figures cover (summary.summary_rows): all its requests.
REQUESTS_ALL_TIME = "累计（截至 {as_of}）"
REQUESTS_ALL = "累计"
