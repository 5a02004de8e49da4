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
