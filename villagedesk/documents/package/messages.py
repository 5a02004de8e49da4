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
CHECKSUM_MISMATCH = "文件“{name}”的校验值与清单不符：数据包在拷贝中损坏或被改动过。请重新从{sender}拷贝。"
ROW_COUNT_MISMATCH = "文件“{name}”有 {lines} 行，清单上写的是 {listed} 行。"
PATH_IS_FOLDER = "{path} 是一个文件夹，请选择数据包文件（{pattern}）。"
NO_SUCH_FILE = "找不到文件 {path}。"
NOT_A_ZIP = "不是完整的 zip 文件（可能拷贝时 U 盘被拔出）。请重新拷贝。"
EXTRA_MEMBER = "里面有清单之外的文件“{extra}”，可能被人改动过。"
LISTED_FILE_MISSING = "清单上的文件“{name}”不在数据包里。"
MEMBER_DAMAGED = "文件“{name}”已损坏，无法读出。请重新拷贝。"
TABLE_INCOMPLETE = "清单中表“{table}”的记录不完整。"
FILE_MISSING = "缺少文件“{needed}”。"
# Opening the sealed file and checking who signed it (docs/PACKAGES.md, "What the township checks, before its transaction").
OLD_FORMAT = ("这是旧版（第 1 版）数据包：没有加密，也没有村里的签名，无法确认是谁生成的，不能导入。"
              "请村里升级村务通、加入本乡镇（villagedesk join-township 乡镇卡片文件）后重新生成数据包。")
NOT_A_PACKAGE = "不是村务通的数据包（.vdpkg 文件）。"
NOT_FOR_US = "这个数据包不是为本{level}加密的（可能是发给别的{level}的），本{level}打不开。请{sender}确认加入的是本{level}。"
SEALED_DAMAGED = "数据包已损坏或被改动过（解密时校验不符，可能拷贝时 U 盘被拔出）。请重新从{sender}拷贝。"
NO_SIGNATURE = "缺少{sender}的签名（manifest.sig），无法确认是哪个{who}生成的。"
SIGNATURE_INVALID = "数据包的签名与内容不符：清单在{sender}签名之后被改动过，或是伪造的。"
SEALED_FOR_OTHER = "数据包是为另一个{level}（卡片指纹 {fingerprint}）生成的，不是本{level}（{own}）。"
# Who made a package and who opens it, in the templates above: {sender} and {who} the maker, {level} the reader.
SENDER_VILLAGE = "村里"
SENDER_TOWNSHIP = "乡镇"
WHO_VILLAGE = "村"
WHO_TOWNSHIP = "乡镇"
LEVEL_TOWNSHIP = "乡镇"
LEVEL_COUNTY = "县"
UNSEAL_NO_SPACE = "无法解开数据包：临时文件夹 {folder} 写不进去（{reason}）。"

# Writing a package (writer.py).
PROFILE_MISSING = "请先填写村庄信息（村名、统一社会信用代码、乡镇等），再生成数据包。"
TOWNSHIP_NO_PACKAGE = "这是乡镇汇总数据库，不能生成村级数据包。"
FOLDER_MISSING = "文件夹不存在：{folder}。请先插入 U 盘，选择其中的一个文件夹。"
NOT_JOINED = ("本村还没有加入乡镇，不能生成数据包：数据包只有乡镇才能打开，要先有乡镇的卡片。"
              "请乡镇用 villagedesk township-card 生成乡镇卡片交给村里，核对指纹后用 "
              "villagedesk join-township 卡片文件 加入（或在窗口中点“加入乡镇”）。")
SCRATCH_NOT_WRITABLE = "无法在本机的临时文件夹 {folder} 中生成数据包（{reason}）。请清理本机磁盘后再试。"
# Why a package is full after a restore (the manifest's ``restored``; the township shows it).
RESTORED = ("恢复备份后，数据库中记录的最后一个数据包是{last}，而本村已发出到第 {highest} 号："
            "本包编号接着第 {highest} 号，并作为全量包发送。")
RESTORED_LAST = "第 {sequence} 号"
RESTORED_NONE = "（无）"

# Reading a township's package at the county (township_reader.py; docs/PACKAGES.md "A township package").
TOWNSHIP_CARD_INVALID = "清单中的乡镇卡片无效或被改动过，无法确认是哪个乡镇生成的。"
SIGNER_NOT_CARD = "数据包的签名密钥不是清单中乡镇卡片上的密钥：数据包是伪造的。"
PAYLOAD_MISMATCH = "其中的“{member}”与清单写的村、编号或大小不符，可能被调换过。"
PAYLOAD_REFUSED = "其中的“{member}”（{village}第 {sequence} 号数据包）没有通过核对：{why}"
# Writing a township's package (township_writer.py).
COUNTY_PACKAGE_WAITING = "以下村的数据是本程序保存村数据包之前导入的，这次无法转交县里：{villages}。请这些村生成一个全量数据包（villagedesk package --full）交来。"
