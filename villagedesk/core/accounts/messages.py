"""What core/accounts says to the clerk: accounts, roles, logging in, the recovery key.

Templates are filled with ``str.format`` and named arguments, in one pass: a value that itself
contains ``{name}`` or ``%1`` is copied as it is. See villagedesk/core/common/messages.py and
docs/ARCHITECTURE.md "Messages".
"""

LIST_SEPARATOR = "、"

# Roles (roles.py).
ROLE_MAY_NOT = "{name}（{role}）不能{doing}：这要由{who}来做。"
DISABLED = "账户 {login}（{name}）已停用，不能再使用。需要时请主任在“账户”页启用它。"
BAD_ROLE = "没有“{text}”这个角色。可选：{roles}。"

# Accounts (accounts.py).
LOGIN_FORMAT = ("登录名“{text}”写法不对：请用 2 到 32 个英文小写字母、数字或 . _ -，以字母开头，"
                "如 wenshu 或 zhang.san。")
LOGIN_TAKEN = "已经有登录名为 {login} 的账户（{name}）。请换一个登录名；账户从不删除，停用的也占着名字。"
NAME_MISSING = "请填写账户的姓名（打印和记录中显示的名字）。"
NAME_TOO_LONG = "姓名最多 {limit} 个字。"
PASSWORD_SHORT = "密码至少要 {length} 个字符（现在是 {count} 个）。"
PASSWORD_IS_LOGIN = "密码不能和登录名相同。"
NO_SUCH_ACCOUNT = "没有登录名为 {login} 的账户。"
NO_SUCH_PERSON = "花名册中没有这个人（编号 {person_id}），账户没有添加。"
PERSON_TAKEN = "{person} 已经有账户 {login}。一个人只用一个账户。"
ROLE_NOT_HERE = "{kind}数据库中的账户不能是“{role}”。可选：{roles}。"
VILLAGE_KIND = "村"
TOWNSHIP_KIND = "乡镇"
NOT_ENCRYPTED_YET = "这个数据库还没有账户：第一个账户要在首次设置时建立（窗口中的首次设置，或 villagedesk account add）。"
ALREADY_DISABLED = "账户 {login}（{name}）已经停用了。"
ALREADY_ENABLED = "账户 {login}（{name}）没有停用，不用启用。"
LAST_HEAD = ("{name} 是唯一在用的{role}账户，不能停用：否则就没有人能管理账户了。"
             "请先为新的主任/书记添加账户，再停用这个。")
DISABLED_NO_RESET = "账户 {login}（{name}）已停用。请先启用它，并同时设一个新密码。"

# Logging in (session.py).
NOT_IN_KEY_FILE = ("本机的密钥文件中没有账户 {login} 的密码（密钥文件 {keys} 可能丢失或被换过）。"
                   "请主任用恢复密钥重设自己的密码（villagedesk account recover），再为其他人重设。")
NOT_IN_DATABASE = ("账户 {login} 不在这个数据库中：数据库可能是从添加这个账户以前的备份恢复的。"
                   "请用当时已有的账户登录，或由主任用恢复密钥重设密码后重新添加它。数据没有任何改动。")
WAIT = "密码错误次数太多，请 {seconds} 秒后再试。"
WRONG_PASSWORD = "登录名或密码不对。"
WRONG_PASSWORD_WAIT = "登录名或密码不对。连续输错 {count} 次，请 {seconds} 秒后再试。"
KEY_MISMATCH = ("账户 {login} 的密码打不开这个数据库：密钥文件 {keys} 不属于它，或数据库文件已损坏。"
                "请用这个数据库自己的密钥文件（或用恢复密钥重设密码）；文件损坏时用 villagedesk restore 从备份恢复。")
RECOVER_NOT_HEAD = ("恢复密钥只用来重设主任/书记的密码。{name} 是{role}：请主任/书记用恢复密钥重设自己的密码后登录，"
                    "在“账户”页为 {name} 重设。")
ALREADY_SET_UP = "这个数据库已经有账户并已加密，不能再做首次设置。请登录后在“账户”页添加账户。"
FIRST_ROLE = "第一个账户要由{role}使用（由他添加其他账户、保管恢复密钥）。"

# What the account changes and logins are called on the home page (accounts.account_events).
EVENT_INSERT = "添加账户 {login}（{name}，{role}）"
EVENT_DISABLE = "停用账户 {login}（{name}）"
EVENT_ENABLE = "启用账户 {login}（{name}）"
EVENT_RESET = "重设了账户 {login} 的密码"
EVENT_CHANGE = "{login} 改了自己的密码"
EVENT_RECOVER = "用恢复密钥重设了账户 {login} 的密码"
EVENT_FAILED = "登录失败：{login}"
EVENT_EXPORT = "{login} 导出了不加密的数据库副本：{file}"
EVENT_SETUP = "首次设置：建立账户 {login}（{name}），数据库已加密"
RECOVERY_WRONG = ("这个恢复密钥打不开这个数据库：它是另一个数据库的，或有一组抄错了。"
                  "请对照恢复密钥单逐组核对。数据库没有任何改动。")

# Signatures (signatures.py): a review, a lock or a finalisation signed at the same desk.
SIGN_WITH_ACCOUNT = "这个数据库有账户：要由有权签字的人选自己的账户、输入自己的密码来签字，不能只填一个名字。"
SIGN_OWN_WORK = ("{what}是 {name} 登记或起草的，不能由本人审核签字：请另一位有权审核的人"
                 "用自己的账户和密码签字。")
NO_PERSON_CODE = "花名册中没有编号为 {code} 的人。"
