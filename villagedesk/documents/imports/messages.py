"""What documents/imports says to the clerk: unreadable files, problems in rows, the summary of a check.

Templates are filled with ``str.format`` and named arguments, in one pass: a value
that itself contains ``{name}`` or ``%1`` is copied as it is, never filled again.
See villagedesk/core/common/messages.py and docs/ARCHITECTURE.md.
"""


# The end of every check's summary (sheet_reader.problem_lines); {advice} is an ADVICE_* below.
NO_PROBLEMS = "没有发现问题。"
PROBLEMS_LISTED = "有问题 {count} 行，{advice}："
PROBLEMS_COUNTED = "有问题 {count} 行，{advice}。"
PROBLEM_LINE = "  第 {number} 行：{reason}"
MORE_PROBLEMS = "  ……另有 {count} 行有问题。"

# Opening a workbook (sheet_reader.py).
NOT_EXCEL = "{name} 不是 Excel（.xlsx）文件，或者文件已损坏，无法读取。请在 Excel 或 WPS 中打开它，“另存为” .xlsx 格式后再导入。"
UNSAFE_PART = "{file} 里有名为“{name}”的部件（含 .. 或绝对路径），不是正常的 Excel 文件，已拒绝。"
ZIP_BOMB_PART = "{file} 里的“{name}”解压后异常巨大（疑似“压缩炸弹”），不是正常的 Excel 文件，已拒绝。请在 Excel 或 WPS 中打开并“另存为” .xlsx 后再导入。"
PATH_IS_FOLDER = "{path} 是一个文件夹，请选择 Excel 文件。"
NO_SUCH_FILE = "找不到文件 {path}。"
CANNOT_OPEN = "无法打开 {path}（{strerror}）。如果它正在 Excel 或 WPS 中打开，请先关闭。"
OLD_EXCEL = "{name} 是旧版 Excel（.xls）文件或设置了打开密码。请在 Excel 或 WPS 中打开，取消密码并“另存为” .xlsx 格式后再导入。"

# Reading the households sheet (roster_reader.py).
EMPTY_FILE = "{name} 是空表格，里面没有任何内容。"
NO_HEADER = "在 {name} 的前 {rows} 行中找不到表头。表头至少要有“姓名”一列，以及“身份证号”“户编号”“户主”“与户主关系”“性别”“出生日期”中的一列。"
NO_PERSON_ROWS = "{name} 的工作表“{title}”只有表头，没有人员数据。"
ID_NUMBER_AS_NUMBER = "身份证号被 Excel 存成了数字（{shown}），后几位已经丢失，无法导入。请把身份证号这一列设为“文本”格式，重新输入这个号码后再导入"

# Importing households and persons (households.py): the summary of the check, then what is
# wrong with a row (no full stop: PROBLEM_LINE shows it after the row number).
READ_PERSONS_SHEET = "读取 {name} 的工作表“{sheet}”（表头在第 {header_row} 行），共 {rows_read} 行人员数据。"
IMPORTABLE = "可导入：新增 {households} 户、{persons} 人{joining}。"
IMPORTABLE_JOINING = "（其中 {count} 人加入已有的户）"
STATUS_UNREADABLE = "状态“{status}”看不懂，应为“在册”或“已归档”"
ARCHIVED_ON_IMPORT = "导入时已归档"
HOUSEHOLD_UNKNOWN = "不知道此人属于哪一户：请填写户编号或户主姓名，或把户主那一行放在这一行之前"
SKIPPED_REGISTERED = "已在册，跳过 {count} 人。"
ADVICE_FIX_TO_IMPORT_ALL = "改正后才能全部导入"
PLAN_HAS_PROBLEMS = "表格中有 {count} 行有问题，没有导入任何数据。请改正这些行后重新导入，或选择“只导入没有问题的行”。"
READ_ONLY = "数据库是以只读方式打开的，不能导入。"
DATA_CHANGED = "读取表格之后数据已有变动（或这份表格已经导入过），请重新读取表格再导入。"
HEAD_NAME_AMBIGUOUS = "库中有 {count} 户的户主都叫{name}，无法确定是哪一户，请在表中填写户编号"
HOUSEHOLD_ARCHIVED = "户 {code} 已归档，不能再添加成员"
HEAD_REGISTERED = "{head_of}（已在册）"
NAME_EMPTY = "姓名为空"
ID_NUMBER_OTHER_NAME = "身份证号 {number} 已登记给 {known_name}（{code}），与本行姓名 {name} 不符"
ALREADY_REGISTERED = "{name} 已在册（{code}），跳过"
ID_NUMBER_REPEATED = "身份证号 {number} 与第 {seen} 行重复"
NAMESAKE_IN_HOUSEHOLD = "同一户中第 {namesake} 行已有 {name}，是否重复录入？同名的两人请都填写身份证号"
HINT_NO_ID_NUMBER = "（库中此人未填身份证号，请在程序中补填）"
ALREADY_IN_HOUSEHOLD = "{name} 已在户 {code} 中{hint}，跳过"
HEAD_ALREADY_THERE = "这一户已有户主 {head}，一户只能有一位户主"
HEAD_IN_ROW = "{name}（第 {number} 行）"

# Importing the rule catalogue (rules.py).
READ_RULES_SHEET = "读取 {name} 的工作表“{sheet}”，共 {rows_read} 行细则。"
RULES_PLANNED = "新增细则 {new} 条，修订（新版本）{revise} 条，停用 {retire} 条，未变 {unchanged} 条。"
ADVICE_FIX_TO_IMPORT = "改正后才能导入"
RULES_PLAN_HAS_PROBLEMS = "表格中有 {count} 行有问题，没有导入任何细则。请改正后重新导入。"
RULES_ROW_FAILED = "第 {row} 行：{err}（没有导入任何细则）"
RULE_RETIRED = "细则 {key} 已经停用，不能再修改。"
VALID_FROM_MISSING = "请填写生效日期（如 2026-01-01）。"
VALID_TO_BEFORE_FROM = "停用日期应不早于生效日期。"
VERSION_NOT_INTEGER = "版本应为整数（新增的版本可以留空）。"
NO_SUCH_VERSION = "细则 {key} 没有第 {version} 版（最新是第 {latest} 版）。"
VERSION_SUPERSEDED = "细则 {key} 第 {version} 版已被新版本取代，历史版本不能修改。"
RULE_CHANGED_TWICE = "细则 {key} 在这份表格中有多处修改，一次只能改一处。"
RULE_RETIRED_ON = "细则 {key} 已于 {valid_to} 停用，不能再修改。"
NEW_VERSION_DATE_NEEDED = "修改细则 {key} 要填写新版本的生效日期（晚于 {valid_from}），之前的积分仍按原版本计算。"
VERSIONS_OUT_OF_ORDER = "细则 {key} 的各版本生效日期应逐版推后。"
NO_RULES_HEADER = "在 {name} 中找不到细则表头：至少要有“事项”和“分值”两列（导出的“积分细则”表可以直接改后导入）。"
NO_RULE_ROWS = "{name} 的工作表“{title}”只有表头，没有细则。"
RULE_KEY_FORMAT = "细则编号 {key} 不对：应为 R 加至少三位数字（如 R027），新增的细则可以留空。"
