"""What core/county says: making a county database, its card and its keys (docs/COUNTY.md).

Templates are filled with ``str.format`` and named arguments, in one pass.
"""

NAME_NEEDED = "请写明县名，如 --name 新化县。"
ALREADY_COUNTY = "数据库 {database} 已经是{county}的县级数据库，没有任何改动。"
NOT_EMPTY = ("数据库 {database} 中已有别的数据（如 {found}），不能建成县级数据库。"
             "请县里的数据库管理员新建一个空数据库（CREATE DATABASE），再用它建立。没有做任何改动。")
NO_PROFILE = "县级数据库 {database} 还没有县名，数据库可能没有建完整。请县里的数据库管理员检查。"
CARD_NEEDS_OWNER = "县卡片要用县的签名密钥生成，只有县级数据库的管理员（数据库的所有者）能生成。用户 {user} 不能生成。"
IDENTITY_NEEDS_WRITER = "用户 {user} 没有权限打开乡镇交来的数据包：要是 villagedesk_writer 用户组的成员（docs/COUNTY.md）。"

# --- importing township packages (core.county.importer; docs/COUNTY.md "Importing township packages") ---
# {name}: the township's name; {us}: 本县.
TOWNSHIP_GAP_NEW = ("这是{name}的第 {sequence} 号乡镇数据包，但{us}还没有导入过该乡镇的第 {previous} 号。"
                    "请先导入第 {previous} 号，或请乡镇生成一个全量数据包（villagedesk package --full）。")
TOWNSHIP_DIFFERENT = "{name}第 {sequence} 号乡镇数据包已经导入过（{file_name}），但这一份的内容不同。请向乡镇核实是哪一份。"
OTHER_COUNTY = "这个数据包来自{county}{township}，不是本县（{own}）的乡镇，没有导入。"
KEY_OF_OTHER_TOWNSHIP = ("这个数据包的签名密钥（指纹 {fingerprint}）在本县属于{other}，却自称{township}。"
                         "请与两个乡镇核实，没有导入。")
NEW_TOWNSHIP = ("{township}的第一个数据包，签名密钥指纹 {fingerprint}。请先与乡镇核对这个指纹"
                "（电话或纸质《密钥指纹登记表》），确认后才导入。")
NEW_TOWNSHIP_KEY = ("{township}的数据包换了签名密钥：原来的指纹 {old}，这一份的 {new}。乡镇重装了程序时会这样；"
                    "请先与乡镇核对新指纹，确认后才导入（原密钥作废并记录在案）。")
ACCEPT_NEW_TOWNSHIP = "核对无误后，加 --accept-new-township 导入。"
ACCEPT_NEW_TOWNSHIP_KEY = "核对无误后，加 --accept-new-township-key 导入。"
TOWNSHIP_ALREADY = "{name}第 {sequence} 号乡镇数据包（{file_name}）已经导入过，没有任何改动。"
TOWNSHIP_IMPORTED = "已导入{name}第 {sequence} 号{full}乡镇数据包（{file_name}）：{villages} 个村级数据包{new_township}。"
TOWNSHIP_IMPORTED_NEW = "，第一次收到该乡镇的数据包，已登记其签名密钥"
FULL = "全量"
VILLAGE_LINE = "　{village}（{code}）第 {sequence} 号：{what}"
VILLAGE_ALREADY = "已导入过，未改动"
VILLAGE_COUNTS = "新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，删除 {deleted} 条{new_village}{replaced}"
VILLAGE_NEW = "；新村"
VILLAGE_REPLACED = "；全量替换"
EVENT_LINE = "　　记录在案：{event}"
EVENT_MOVED = "该村从{old}转到{new}（第 {sequence} 号数据包）"
EVENT_TOWNSHIP_KEY = "{township}换了签名密钥（第 {sequence} 号数据包）：原指纹 {old}，新指纹 {new}"
BAD_RECORD = "{village}的数据包 {member} 中有一条记录县级数据库存不下（{reason}），整个乡镇数据包没有导入。请向乡镇核实。"
IMPORT_NEEDS_WRITER = "用户 {user} 没有权限导入数据包：要是 villagedesk_writer 用户组的成员（docs/COUNTY.md）。没有任何改动。"

# A village the county holds no rows of (core.county.replica).
NO_SUCH_VILLAGE = "本县没有统一社会信用代码为 {code} 的村。"
