"""What the county's database says when it cannot be reached or used (docs/COUNTY.md).

Templates are filled with ``str.format`` and named arguments, in one pass.  ``{server}`` is the
server as the URL names it (never with a password: none is taken in a URL).
"""

NO_DRIVER = ("这一版村务通不含县级数据库（PostgreSQL）的连接程序：村里用的离线安装包只管村和乡镇的数据库文件。"
             "县里请用 pip 安装村务通（docs/COUNTY.md“在县里安装”），它带有连接程序。")
NOT_A_URL = "县级数据库的地址要以 postgresql:// 开头，如 postgresql://县服务器/村务通（docs/COUNTY.md）。"
BAD_URL = "县级数据库的地址写得不对（{reason}）。正确的写法如 postgresql://用户名@服务器:5432/数据库名。没有连接数据库。"
PASSWORD_IN_URL = ("数据库地址中不要写密码：命令行上的密码同一台电脑上的其他人能看到。请把密码写在 ~/.pgpass"
                   "（Windows：%APPDATA%\\postgresql\\pgpass.conf）或环境变量 PGPASSWORD 中（docs/COUNTY.md）。没有连接数据库。")
SERVER_DOWN = "连不上县级数据库服务器 {server}：服务器没有开启，或地址、端口写得不对。请检查地址，或请县里的数据库管理员看看服务器。"
WRONG_PASSWORD = ("登录县级数据库服务器 {server} 失败：用户 {user} 的密码不对或没有给出。"
                  "请检查 ~/.pgpass 或环境变量 PGPASSWORD 中的密码（docs/COUNTY.md）。")
NO_SUCH_USER = "县级数据库服务器 {server} 上没有用户 {user}。请检查地址中的用户名，或请县里的数据库管理员为您建立登录账户。"
NO_SUCH_DATABASE = "县级数据库服务器 {server} 上没有数据库 {database}。请检查地址中的数据库名，或请县里的数据库管理员先建好这个数据库。"
NO_ACCESS = "用户 {user} 没有权限连接服务器 {server} 上的数据库 {database}。请县里的数据库管理员为您授权（docs/COUNTY.md）。"
CONNECTION_FAILED = "连接县级数据库服务器 {server} 失败（{reason}）。请检查地址，或请县里的数据库管理员帮忙。"
CONNECTION_LOST = "与县级数据库服务器 {server} 的连接断了（{reason}）。这一步没有完成，已保存的数据不受影响。请稍后再试。"
DENIED = "用户 {user} 没有权限做这件事（{reason}）。请县里的数据库管理员为您授权（docs/COUNTY.md）。"

# The county's own schema (store.postgres.migrations).
NOT_A_COUNTY = "数据库 {database} 还不是县级数据库。请先用 villagedesk county --db 地址 --name 县名 建立。"
NEWER_SCHEMA = ("这个县级数据库是更新版本的村务通建立或升级过的（数据库第 {found} 版，本程序只认识到第 {known} 版），"
                "本程序不能使用它。请把本程序升级到最新版本。数据库没有任何改动。")
UPGRADE_DENIED = ("县级数据库要从第 {found} 版升级到第 {known} 版，但用户 {user} 没有权限改动数据库的结构。"
                  "请县里的数据库管理员（数据库的所有者）先用新版本程序运行一次（如 villagedesk county-card），完成升级。")
ROLES_DENIED = ("建立县级数据库要先有用户组 villagedesk_reader 和 villagedesk_writer，用户 {user} 没有权限建立它们。"
                "请县里的数据库管理员执行 CREATE ROLE villagedesk_reader NOLOGIN; CREATE ROLE villagedesk_writer NOLOGIN;"
                " 后再试（docs/COUNTY.md）。没有做任何改动。")
