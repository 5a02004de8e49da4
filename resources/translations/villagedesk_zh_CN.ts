<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Choose the person in the register when there is one: the name is taken from there. The password is at least 8 characters; the person types it here themselves.</source>
        <translation>花名册中有这个人时请选中他，姓名从花名册带出。密码至少 8 个字符，请本人在这里输入。</translation>
    </message>
    <message>
        <source>Log in as a village head or party secretary to add accounts.</source>
        <translation>请以村委会主任或书记的账户登录后再添加账户。</translation>
    </message>
</context>
<context>
    <name>AccountEventsBlock</name>
    <message>
        <source>Accounts since a village head last logged in</source>
        <translation>主任/书记上次登录以来的账户情况</translation>
    </message>
    <message>
        <source>%1 failed logins, %2 account changes.</source>
        <translation>%1 次登录失败，%2 次账户变动。</translation>
    </message>
    <message>
        <source>… and %1 more (the audit keeps them all)</source>
        <translation>……还有 %1 条（操作记录中全部保留）</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <source>New account</source>
        <translation>新账户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>As the person signs, e.g. Zhang San</source>
        <translation>本人签字用的名字，如 张三</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Letters and digits, e.g. zhangsan</source>
        <translation>英文字母和数字，如 zhangsan</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
    <message>
        <source>In the register</source>
        <translation>花名册中的人</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>In the register</source>
        <translation>花名册中的人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable…</source>
        <translation>启用…</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>A setting of this computer: after this long without a key or a click, the window locks and asks the password again.</source>
        <translation>这台电脑的设置：这么久没有按键或点击，窗口就锁定，要求重新输入密码。</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>无操作锁定：</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>This database has no accounts yet and is not encrypted. The first account is made when VillageDesk starts on it.</source>
        <translation>这个数据库还没有账户，也没有加密。村务通打开它时会先建立第一个账户。</translation>
    </message>
    <message>
        <source>%1 sees the accounts; a village head or party secretary adds and changes them.</source>
        <translation>%1 可以查看账户；添加和修改账户由村委会主任或书记来做。</translation>
    </message>
    <message>
        <source>Accounts are never deleted: disable one that is no longer used. Someone who forgot the password gets a new one here.</source>
        <translation>账户从不删除：不再使用的请停用。有人忘了密码，在这里为他重设。</translation>
    </message>
    <message>
        <source>This computer now locks after %1 minutes without use.</source>
        <translation>这台电脑今后 %1 分钟无操作即锁定。</translation>
    </message>
    <message>
        <source>Account %1 added: %2 logs in with it from now on.</source>
        <translation>已添加账户 %1：%2 今后用它登录。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Disable the account of %1 (%2)? They can no longer log in or sign; what they did keeps their name. It can be enabled again.</source>
        <translation>停用 %1（%2）的账户吗？停用后不能再登录或签字；他做过的记录仍署他的名字。以后可以再启用。</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>账户 %1 已停用。</translation>
    </message>
    <message>
        <source>Account %1 enabled with a new password.</source>
        <translation>账户 %1 已启用，并设了新密码。</translation>
    </message>
    <message>
        <source>%1 has a new password.</source>
        <translation>%1 的密码已重设。</translation>
    </message>
</context>
<context>
    <name>AddendaPart</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>In charge</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Register a request raised here…</source>
        <translation>登记会上提出的诉求…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amended by</source>
        <translation>更正人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正内容</translation>
    </message>
    <message>
        <source>Amendments appended after the minutes were finalised; they are printed with them.</source>
        <translation>定稿后添加的更正说明，随会议记录一同打印。</translation>
    </message>
    <message>
        <source>A draft is simply corrected. Once the minutes are final, corrections are added here with “Add amendment…”.</source>
        <translation>草稿可以直接修改。定稿后如需更正，请用“添加更正说明…”在这里登记。</translation>
    </message>
</context>
<context>
    <name>AgendaDialog</name>
    <message>
        <source>Agenda item %1</source>
        <translation>议题 %1</translation>
    </message>
    <message>
        <source>New agenda item</source>
        <translation>添加议题</translation>
    </message>
</context>
<context>
    <name>AmendmentDialog</name>
    <message>
        <source>The minutes of %1 are final and stay as they are. The amendment is appended to them, with its date, who made it and why, and printed with them.</source>
        <translation>会议记录 %1 已定稿，原文不变。更正说明附在记录之后，注明日期、更正人和原因，并随记录一同打印。</translation>
    </message>
</context>
<context>
    <name>AppraisalDialog</name>
    <message>
        <source>Already recorded for this year: %1. Saving replaces it.</source>
        <translation>该成员这一年已有考核结果：%1。保存后将替换。</translation>
    </message>
</context>
<context>
    <name>AppraisalForm</name>
    <message>
        <source>Annual appraisal</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>考核年度</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>考核结果</translation>
    </message>
</context>
<context>
    <name>AttendancePart</name>
    <message>
        <source>Name</source>
        <extracomment>The tabs of the attendance lists. The clerk changed who came (the editor then has something to save).</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Person code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Untick</source>
        <translation>取消勾选</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>缺席原因</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Unit or role</source>
        <translation>单位或职务</translation>
    </message>
    <message>
        <source>Absent (selected row)…</source>
        <translation>登记缺席（所选的人）…</translation>
    </message>
    <message>
        <source>Untick everyone</source>
        <translation>全部取消勾选</translation>
    </message>
    <message>
        <source>Present (%1)</source>
        <translation>出席（%1）</translation>
    </message>
    <message>
        <source>Absent (%1)</source>
        <translation>缺席（%1）</translation>
    </message>
    <message>
        <source>Guests (%1)</source>
        <translation>列席（%1）</translation>
    </message>
    <message>
        <source>Present %1 (with the chair and the recorder), absent %2, guests %3 (guests do not count towards the quorum).</source>
        <translation>出席 %1 人（含主持人、记录人），缺席 %2 人，列席 %3 人（列席人员不计入到会人数）。</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Search for the person, click the row (not the tick box), then press this button.</source>
        <translation>请先搜索到这个人，点一下那一行（不要点勾选框），再按这个按钮。</translation>
    </message>
    <message>
        <source>The chair and the recorder were there: they cannot be absent.</source>
        <translation>主持人和记录人都在场，不能列为缺席。</translation>
    </message>
    <message>
        <source>Absent: %1</source>
        <translation>缺席：%1</translation>
    </message>
    <message>
        <source>Why did %1 not come? (may be left empty)</source>
        <translation>%1 为什么没有参加？（可以不填）</translation>
    </message>
    <message>
        <source>Enter the guest&apos;s name.</source>
        <translation>请填写列席人员的姓名。</translation>
    </message>
</context>
<context>
    <name>BrowsePage</name>
    <message>
        <source>No. %1</source>
        <translation>第 %1 号</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村数</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>生成日期</translation>
    </message>
    <message>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>村务记录</translation>
    </message>
    <message>
        <source>No township package has been imported yet: villagedesk import-package FILE --db URL imports them.</source>
        <translation>还没有导入过乡镇数据包：用 villagedesk import-package 文件 --db 地址 导入。</translation>
    </message>
    <message>
        <source>%1 township(s), %2 village(s). Choose a township, then a village: its records are shown below, read only.</source>
        <translation>共 %1 个乡镇、%2 个村。先选乡镇，再选村：下方显示该村的记录（只读）。</translation>
    </message>
    <message>
        <source>Reading the townships</source>
        <translation>正在读取乡镇</translation>
    </message>
    <message>
        <source>Villages: choose a township</source>
        <translation>村：请先选乡镇</translation>
    </message>
    <message>
        <source>Villages of %1</source>
        <translation>%1的村</translation>
    </message>
    <message>
        <source>Reading the villages</source>
        <translation>正在读取各村</translation>
    </message>
    <message>
        <source>Records of %1</source>
        <translation>%1的记录</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>Item</source>
        <translation>公开事项</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>公开频次</translation>
    </message>
    <message>
        <source>Last posted</source>
        <translation>最近公开</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公开编号</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加事项…</translation>
    </message>
    <message>
        <source>Edit item…</source>
        <translation>修改事项…</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>移出目录</translation>
    </message>
    <message>
        <source>%1 (%2 days late)</source>
        <translation>%1（逾期 %2 天）</translation>
    </message>
    <message>
        <source>%1 (%2 days left)</source>
        <translation>%1（还剩 %2 天）</translation>
    </message>
    <message>
        <source>%1 overdue, %2 due</source>
        <translation>已逾期 %1 项，待公开 %2 项</translation>
    </message>
    <message>
        <source>Take “%1” off the calendar? Notices posted for it keep their link.</source>
        <translation>把“%1”移出公开目录吗？已为它张贴的公示保留关联。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Print monthly report…</source>
        <translation>打印月度报告…</translation>
    </message>
    <message>
        <source>One page for the township: the village&apos;s counts and these three charts for the month chosen.</source>
        <translation>给乡镇的一页报告：所选月份的村情数字和这三张图。</translation>
    </message>
    <message>
        <source>Click a bar or a month to open the list behind it.</source>
        <translation>点击柱条或月份，打开对应的名单。</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Points by group, %1</source>
        <translation>各村民小组积分（%1）</translation>
    </message>
    <message>
        <source>No households in the register yet.</source>
        <translation>名册中还没有户。</translation>
    </message>
    <message>
        <source>Households by stars, %1</source>
        <translation>星级户分布（%1）</translation>
    </message>
    <message>
        <source>Requests opened and closed, %1 to %2</source>
        <translation>诉求受理与办结（%1 至 %2）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Preparing the monthly report</source>
        <translation>正在生成月度报告</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close %1 with feedback</source>
        <translation>办结 %1（反馈群众）</translation>
    </message>
    <message>
        <source>%1: write what was done, when and how the villager was told, and whether they are satisfied.</source>
        <translation>%1：请写明办理结果、何时以何种方式告知群众，以及群众是否满意。</translation>
    </message>
    <message>
        <source>Not satisfied: the request is not closed but goes back to “in hand” to be handled again.</source>
        <translation>群众不满意：诉求不办结，退回“办理中”重新办理。</translation>
    </message>
</context>
<context>
    <name>CommitteePage</name>
    <message>
        <source>Show those who have left</source>
        <extracomment>Term chooser entry for every term at once. Posts that make 一肩挑 when one person holds both.</extracomment>
        <translation>显示已离任的</translation>
    </message>
    <message>
        <source>In the current term: also list posts that have ended.</source>
        <translation>本届中已结束的任职也一并列出。</translation>
    </message>
    <message>
        <source>New term…</source>
        <translation>登记届次…</translation>
    </message>
    <message>
        <source>Start post…</source>
        <translation>任职登记…</translation>
    </message>
    <message>
        <source>End post…</source>
        <translation>离任登记…</translation>
    </message>
    <message>
        <source>Record training…</source>
        <translation>登记培训…</translation>
    </message>
    <message>
        <source>Appraisal…</source>
        <translation>年度考核…</translation>
    </message>
    <message>
        <source>Print roster…</source>
        <translation>打印花名册…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>In office from</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>离任日期</translation>
    </message>
    <message>
        <source>How it ended</source>
        <translation>离任原因</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Both heads</source>
        <translation>一肩挑</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>需要核对</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训内容</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>考核结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员详情</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>届次：</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1（本届）</translation>
    </message>
    <message>
        <source>One person is both party secretary and committee director (一肩挑): %1.</source>
        <translation>一肩挑（书记兼村委会主任）：%1。</translation>
    </message>
    <message>
        <source>All terms</source>
        <translation>全部届次</translation>
    </message>
    <message numerus="yes">
        <source>All terms: %n post(s).</source>
        <translation>
            <numerusform>全部届次：共 %n 条任职记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n member(s) in office today.</source>
        <translation>
            <numerusform>%1：今天在任成员 %n 人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n post(s).</source>
        <translation>
            <numerusform>%1：共 %n 条任职记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>No term covers today: add it with “New term…”.</source>
        <translation>今天不在任何一届任期内：请用“登记届次…”补登本届。</translation>
    </message>
    <message>
        <source>Double-click to show this person.</source>
        <translation>双击查看此人。</translation>
    </message>
    <message>
        <source>Nothing to check.</source>
        <translation>没有需要核对的问题。</translation>
    </message>
    <message>
        <source>Select a post above to see that member&apos;s posts, trainings and appraisals.</source>
        <translation>请在上面选择一条任职记录，查看该成员的全部职务、培训和考核。</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>出生 %1</translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation>电话 %1</translation>
    </message>
    <message>
        <source>Posts (%1)</source>
        <translation>职务 (%1)</translation>
    </message>
    <message>
        <source>Trainings (%1)</source>
        <translation>培训 (%1)</translation>
    </message>
    <message>
        <source>Appraisals (%1)</source>
        <translation>考核 (%1)</translation>
    </message>
    <message>
        <source>Print roster</source>
        <translation>打印花名册</translation>
    </message>
    <message>
        <source>Printing the roster is not available in this version.</source>
        <translation>此版本还不能打印两委成员花名册。</translation>
    </message>
    <message>
        <source>Preparing the roster</source>
        <translation>正在生成花名册</translation>
    </message>
</context>
<context>
    <name>CountyLogin</name>
    <message>
        <source>Connecting to the county&apos;s database</source>
        <translation>正在连接县级数据库</translation>
    </message>
    <message>
        <source>County database</source>
        <translation>县级数据库</translation>
    </message>
</context>
<context>
    <name>CountyLoginDialog</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The county&apos;s database %1 on %2 asks for your password. Log in with the user name and password the county&apos;s database administrator gave you.</source>
        <translation>服务器 %2 上的县级数据库 %1 要求输入密码。请用县里的数据库管理员给您的用户名和密码登录。</translation>
    </message>
    <message>
        <source>The server did not let %1 in with this password. Check the user name and the password.</source>
        <translation>用户名 %1 和这个密码登录不了服务器。请检查用户名和密码。</translation>
    </message>
</context>
<context>
    <name>CountyRecords</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Previous entry&apos;s hash</source>
        <translation>前一条的校验值</translation>
    </message>
</context>
<context>
    <name>CountyWindow</name>
    <message>
        <source>%1 — county database — VillageDesk (logged in as %2)</source>
        <translation>%1 — 县级数据库 — 村务通（登录用户：%2）</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Townships and villages</source>
        <translation>乡镇与村</translation>
    </message>
    <message>
        <source>Database %1 on %2, user %3. Read only: township packages are imported with villagedesk import-package.</source>
        <translation>数据库 %1（服务器 %2），用户 %3。只读：乡镇数据包用 villagedesk import-package 导入。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>EndPostDialog</name>
    <message>
        <source>in office since %1</source>
        <translation>自 %1 起任职</translation>
    </message>
</context>
<context>
    <name>EndPostForm</name>
    <message>
        <source>End a post</source>
        <translation>离任登记</translation>
    </message>
    <message>
        <source>Last day in office</source>
        <translation>最后在任日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>离任原因</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Batch entry: one item for many households</source>
        <extracomment>The entries just saved (a list of rows), in both modes.</extracomment>
        <translation>批量登记：一个事项记给多户</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Choose the category, then the item.</source>
        <translation>请先选类别，再选事项。</translation>
    </message>
    <message>
        <source>No rule is in force on this date: add rules on the Rules tab.</source>
        <translation>这一天没有生效的积分细则：请在“细则”页添加。</translation>
    </message>
    <message>
        <source>at most %1 points per period</source>
        <translation>每期最多 %1 分</translation>
    </message>
    <message>
        <source>no cap per period</source>
        <translation>每期不设上限</translation>
    </message>
    <message>
        <source>%1 points %2; %3.</source>
        <translation>%2 %1 分；%3。</translation>
    </message>
    <message numerus="yes">
        <source>%1 points for each of %n household(s).</source>
        <translation>
            <numerusform>每户 %1 分，共 %n 户。</numerusform>
        </translation>
    </message>
    <message>
        <source>This entry: %1 points.</source>
        <translation>本次计 %1 分。</translation>
    </message>
    <message>
        <source>This period the household has %1 of at most %2 points for this item.</source>
        <translation>该户本期此项已记 %1 分，最多 %2 分。</translation>
    </message>
    <message>
        <source>Recorded, waiting for review: %1 %2 %3 points.</source>
        <translation>已登记，待审核：%1 %2 %3 分。</translation>
    </message>
</context>
<context>
    <name>EntryTab</name>
    <message>
        <source>One household</source>
        <translation>逐户登记</translation>
    </message>
    <message>
        <source>Recorded lately (newest first)</source>
        <translation>最近登记（新的在上）</translation>
    </message>
    <message>
        <source>Batch entry: many households…</source>
        <translation>批量登记（多户）…</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) recorded, waiting for review.</source>
        <translation>
            <numerusform>已登记 %n 条，等待审核。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Excel for the township</source>
        <translation>给乡镇的 Excel</translation>
    </message>
    <message>
        <source>One workbook with a sheet for each kind of record: households, persons, committee, points.</source>
        <translation>一个工作簿，每类记录一张表：户、人员、两委成员、积分等。</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The household register with full ID numbers, for internal files.</source>
        <translation>村民花名册（含完整身份证号），内部存档用。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Export Excel workbook…</source>
        <translation>导出 Excel 工作簿…</translation>
    </message>
    <message>
        <source>Print household register…</source>
        <translation>打印村民花名册…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Export Excel workbook</source>
        <translation>导出 Excel 工作簿</translation>
    </message>
    <message>
        <source>The workbook</source>
        <translation>这份工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>A copy of the database is made in the background after the program opens, when it changed since the last copy; the copies of the last days, weeks and months are kept. Keep one more copy away from this computer: back up to a USB stick now and then.</source>
        <translation>程序打开后，如果数据库自上次备份以来有改动，会在后台自动备份一份；保留最近几天、几周和几个月的备份。请不时备份到 U 盘，在这台电脑之外再留一份。</translation>
    </message>
    <message>
        <source>Back up to a USB stick…</source>
        <translation>备份到 U 盘…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Fill in the village profile first.</source>
        <translation>请先填写村庄信息。</translation>
    </message>
    <message>
        <source>Print household register</source>
        <translation>打印村民花名册</translation>
    </message>
    <message>
        <source>The household register</source>
        <translation>村民花名册</translation>
    </message>
    <message>
        <source>Preparing the register</source>
        <translation>正在生成花名册</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Back up to a USB stick</source>
        <translation>备份到 U 盘</translation>
    </message>
    <message>
        <source>The backup was written and checked whole:
%1</source>
        <translation>备份已写好，并已完整校验：
%1</translation>
    </message>
    <message>
        <source>Latest backup: %1</source>
        <translation>最近一次备份：%1</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>还没有备份。</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已经存在，要替换它吗？</translation>
    </message>
</context>
<context>
    <name>FirstHourDialog</name>
    <message>
        <source>Your first hour with VillageDesk</source>
        <translation>第一个小时：开始使用村务通</translation>
    </message>
    <message>
        <source>Four steps make the program ready for the village. Each button opens the right page or form; a step is ticked off as soon as its records are there.</source>
        <translation>做完下面四步，程序就可以为本村所用了。每个按钮会打开对应的页面或窗口；记录一有，这一步就自动打勾。</translation>
    </message>
    <message>
        <source>1. The village profile</source>
        <translation>1. 填写村庄信息</translation>
    </message>
    <message>
        <source>Name, code, township and the clerk: printed on every document.</source>
        <translation>村名、统一社会信用代码、乡镇和文书：每份打印件都带这些信息。</translation>
    </message>
    <message>
        <source>Fill in…</source>
        <translation>填写…</translation>
    </message>
    <message>
        <source>2. Import the household roster (花名册)</source>
        <translation>2. 导入花名册</translation>
    </message>
    <message>
        <source>An Excel roster: the program lists what it will add before it writes.</source>
        <translation>选一个 Excel 花名册：程序先列出要新增的内容，确认后才写入。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>3. Record the first points</source>
        <translation>3. 登记第一笔积分</translation>
    </message>
    <message>
        <source>Install the rule catalogue if asked, then record points for one household.</source>
        <translation>如有提示先装入积分细则，再为一户登记积分。</translation>
    </message>
    <message>
        <source>Open points</source>
        <translation>打开积分</translation>
    </message>
    <message>
        <source>4. Draft the first public notice</source>
        <translation>4. 起草第一份公开</translation>
    </message>
    <message>
        <source>Start from a template: finances, 低保, a project or a meeting&apos;s resolution.</source>
        <translation>从模板开始：财务收支、低保、工程项目或会议决议。</translation>
    </message>
    <message>
        <source>Choose a template…</source>
        <translation>选择模板…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>All four steps are done. Help → Manual (F1) explains the rest.</source>
        <translation>四步都已完成。其余用法见 帮助 → 使用说明（F1）。</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Set up VillageDesk</source>
        <translation>设置村务通</translation>
    </message>
    <message>
        <source>The village</source>
        <translation>本村</translation>
    </message>
    <message>
        <source>The first account: the village head&apos;s or party secretary&apos;s</source>
        <translation>第一个账户：村委会主任或书记的</translation>
    </message>
    <message>
        <source>From this version on, everyone who works with VillageDesk logs in with an account, and the village&apos;s file is encrypted. Check the village&apos;s details, then make the first account: the village head&apos;s or party secretary&apos;s, who adds the others. The file is encrypted as soon as it is made; nothing in it is changed or lost.</source>
        <translation>从这个版本起，使用村务通的每个人都用自己的账户登录，村里的数据文件也要加密。请核对本村信息，再建立第一个账户：村委会主任或书记的，由他添加其他人的账户。账户一建好文件就加密，里面的内容不会改动或丢失。</translation>
    </message>
    <message>
        <source>Welcome. Fill in the village&apos;s details and the first account: the village head&apos;s or party secretary&apos;s, who adds the others. The village&apos;s file is encrypted from the start.</source>
        <translation>欢迎使用。请填写本村信息和第一个账户：村委会主任或书记的，由他添加其他人的账户。村里的数据文件从一开始就加密。</translation>
    </message>
</context>
<context>
    <name>FontSize</name>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>特大</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save (Ctrl+S)</source>
        <extracomment>What the window system adds around a dialog (title bar, borders) beyond its own size. A screen smaller than this (free area) is a small laptop&apos;s: the main window opens maximised there. How long a confirmation stays in the status bar (ms).</extracomment>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close without saving? What you typed here will be lost.</source>
        <translation>不保存就关闭吗？这里填写的内容将会丢失。</translation>
    </message>
</context>
<context>
    <name>HolidayCalendar</name>
    <message>
        <source>Load holiday calendar</source>
        <translation>载入节假日日历</translation>
    </message>
    <message>
        <source>Holiday calendar (*.csv)</source>
        <translation>节假日日历 (*.csv)</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Committee members in office</source>
        <translation>在任两委成员</translation>
    </message>
    <message>
        <source>Requests open</source>
        <translation>诉求未办结</translation>
    </message>
    <message>
        <source>Requests closed this year</source>
        <translation>本年办结诉求</translation>
    </message>
    <message>
        <source>Notices posted this year</source>
        <translation>本年张贴公开</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>待办提醒</translation>
    </message>
    <message>
        <source>Double-click a line, or press Enter, to open what it names.</source>
        <translation>双击某一行或按回车键，打开它所说的记录。</translation>
    </message>
    <message>
        <source>Disclosure calendar</source>
        <translation>公开目录</translation>
    </message>
    <message>
        <source>Posting periods ending</source>
        <translation>公示期将满</translation>
    </message>
    <message>
        <source>Objections not answered</source>
        <translation>异议逾期未答复</translation>
    </message>
    <message>
        <source>Requests due or overdue</source>
        <translation>民情诉求到期或逾期</translation>
    </message>
    <message>
        <source>Points to review</source>
        <translation>积分待审核</translation>
    </message>
    <message>
        <source>Points to post</source>
        <translation>积分待公示</translation>
    </message>
    <message>
        <source>Points to lock</source>
        <translation>积分待锁定</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>两委班子</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>USB package</source>
        <translation>U 盘数据包</translation>
    </message>
    <message>
        <source>%1: %2, %3 overdue</source>
        <translation>%1：%2 条，其中逾期 %3 条</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2 条</translation>
    </message>
    <message>
        <source>… and %1 more like these: open the whole list</source>
        <translation>…… 同类还有 %1 条：打开完整列表</translation>
    </message>
    <message>
        <source>Nothing needs attention today.</source>
        <translation>今天没有需要处理的事项。</translation>
    </message>
    <message>
        <source>Needs attention (%1, %2 overdue)</source>
        <translation>待办提醒（共 %1 项，其中 %2 项已逾期）</translation>
    </message>
    <message>
        <source>%1 day(s) overdue (due %2)</source>
        <translation>已逾期 %1 天（期限 %2）</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>due %1, in %2 day(s)</source>
        <translation>%2 天后到期（%1）</translation>
    </message>
    <message>
        <source>Post “%1” for %2: %3</source>
        <translation>公开目录：“%1”（%2）%3</translation>
    </message>
    <message>
        <source>%1 “%2”: the posting period ends today</source>
        <translation>%1“%2”：公示期今天结束</translation>
    </message>
    <message>
        <source>%1 “%2”: the posting period ends on %3, in %4 day(s)</source>
        <translation>%1“%2”：公示期 %3 结束（还有 %4 天）</translation>
    </message>
    <message>
        <source>Objection by %1 to %2 “%3” not answered: %4</source>
        <translation>%1 对 %2“%3”的异议尚未答复：%4</translation>
    </message>
    <message>
        <source>Request %1 from %2, “%3”: %4</source>
        <translation>诉求 %1（%2）“%3”：%4</translation>
    </message>
    <message>
        <source>%1 points entries wait for review</source>
        <translation>%1 条积分待审核</translation>
    </message>
    <message>
        <source>The points of %1 are reviewed and the period is over: post them publicly</source>
        <translation>%1积分已审核完毕、考评期已结束：请张榜公示</translation>
    </message>
    <message>
        <source>Objections to the points of %1 closed on %2: lock the period after the review meeting</source>
        <translation>%1积分的异议期已于 %2 结束：讲评会后请锁定</translation>
    </message>
    <message>
        <source> (%1 objection(s) still to resolve first)</source>
        <translation>（还有 %1 条异议须先处理）</translation>
    </message>
    <message>
        <source>Committee: the %1 has no %2</source>
        <translation>两委：%1目前没有%2</translation>
    </message>
    <message>
        <source>Committee: the %1 has %2 member(s) in office; it needs 3 to 7</source>
        <translation>两委：%1现有 %2 人在任，应为 3–7 人</translation>
    </message>
    <message>
        <source>Committee: no term covers today; add the current term</source>
        <translation>两委：今天不在任何一届任期内，请登记本届届次</translation>
    </message>
    <message>
        <source>No backup of the records has been made yet: back up now</source>
        <translation>还没有做过数据备份：请立即备份</translation>
    </message>
    <message>
        <source>The last backup was made on %1, %2 days ago: back up now</source>
        <translation>上次备份是 %1，已过 %2 天：请立即备份</translation>
    </message>
    <message>
        <source>No USB package has been written for the township yet</source>
        <translation>还没有给乡镇生成过数据包</translation>
    </message>
    <message>
        <source>The last USB package was written on %1, %2 days ago: write a new one for the township</source>
        <translation>上次生成数据包是 %1，已过 %2 天：请给乡镇生成新的数据包</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>New household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>修改户信息</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>HH001</source>
        <translation>HH001</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <source>Head&apos;s name, pinyin initials (e.g. zs) or household code</source>
        <translation>户主姓名、拼音首字母（如 zs）或户编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>No household chosen yet: click one in the list.</source>
        <translation>尚未选择：请在列表中点选一户。</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) chosen: </source>
        <translation>
            <numerusform>已选 %n 户：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n matches are listed: type more to narrow the search.</source>
        <translation>
            <numerusform>只列出前 %n 条：请多输入几个字缩小范围。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Search: name, pinyin initials (e.g. zs), code, ID number or phone</source>
        <translation>搜索：姓名、拼音首字母（如 zs）、编号、身份证号或电话</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>Person code</source>
        <translation>人员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>在册人数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户籍</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Move to household…</source>
        <translation>迁到其他户…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Household %1 saved.</source>
        <translation>农户 %1 已保存。</translation>
    </message>
    <message>
        <source>Select a household first.</source>
        <translation>请先选中一户。</translation>
    </message>
    <message>
        <source>Archive person</source>
        <translation>人员归档</translation>
    </message>
    <message>
        <source>%1 will be archived, not deleted: the record stays in the register and can be shown with “Show archived”.</source>
        <translation>%1 将被归档，不会删除：记录仍留在名册中，勾选“显示已归档”即可看到。</translation>
    </message>
    <message>
        <source>Archive household</source>
        <translation>整户归档</translation>
    </message>
    <message>
        <source>Household %1 and all its members will be archived, not deleted.</source>
        <translation>户 %1 及其全部成员将被归档，不会删除。</translation>
    </message>
    <message>
        <source>Import household roster</source>
        <translation>导入村民花名册</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>锁定 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Leaving the desk: lock the window now</source>
        <translation>离开座位时：立即锁定窗口</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import check: %1</source>
        <translation>导入检查：%1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import only the rows without problems</source>
        <translation>只导入没有问题的行</translation>
    </message>
    <message>
        <source>Nothing has been written. Correct the rows below in Excel and import again, or import only the rows without problems.</source>
        <translation>尚未写入任何数据。请在 Excel 中改正下面列出的行后重新导入，或者只导入没有问题的行。</translation>
    </message>
    <message>
        <source>Nothing has been written. Correct the rows below in Excel and import again.</source>
        <translation>没有写入任何数据。请在 Excel 中改正下列各行后重新导入。</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>day of the period&apos;s first month, e.g. 20 (optional)</source>
        <translation>每期首月的第几日，如 20（可不填）</translation>
    </message>
    <message>
        <source>Edit calendar item</source>
        <translation>修改公开目录事项</translation>
    </message>
    <message>
        <source>New calendar item</source>
        <translation>新增公开目录事项</translation>
    </message>
</context>
<context>
    <name>JoinTownshipDialog</name>
    <message>
        <source>Change township</source>
        <translation>更换乡镇</translation>
    </message>
    <message>
        <source>Join township</source>
        <translation>加入乡镇</translation>
    </message>
    <message>
        <source>Township card of %1</source>
        <translation>%1的乡镇卡片</translation>
    </message>
    <message>
        <source>Call the township and ask them to read out the fingerprint of their card (it is also on their printed key sheet). Compare every group: join only if all eight are the same. A card that someone swapped on the way has another fingerprint, and the township could not open your packages.</source>
        <translation>请给乡镇打电话，请对方念出乡镇卡片的指纹（也印在乡镇的《密钥指纹登记表》上），逐组核对：八组全部相同才能加入。卡片如果在路上被人调换，指纹就会不同，乡镇也打不开本村的数据包。</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>This replaces the township joined before: %1 (fingerprint %2). The old card is kept in the records.</source>
        <translation>将替换原来加入的乡镇：%1（指纹 %2）。原来的卡片保留在记录中。</translation>
    </message>
    <message>
        <source>The fingerprint matches: join</source>
        <translation>指纹一致，确认加入</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <source>Search: head&apos;s name, pinyin initials, household code, item or date (2026-07, 2026-Q3)</source>
        <extracomment>Read for the entry chosen, in the pane below the list, not as columns of the list.</extracomment>
        <translation>搜索：户主姓名、拼音首字母、户编号、事项或日期（2026-07、2026-Q3）</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation>冲正…</translation>
    </message>
    <message>
        <source>Go to the end</source>
        <translation>到最后</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation>
            <numerusform>共 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see its evidence, who recorded and who reviewed it.</source>
        <translation>选择一条记录，查看它的凭证、登记人和审核人。</translation>
    </message>
    <message>
        <source>No. %1; evidence: %2; note: %3; recorded by: %4; reviewed by: %5 on %6; chain No.: %7</source>
        <translation>编号 %1&#x3000;凭证：%2&#x3000;备注：%3&#x3000;登记人：%4&#x3000;审核人：%5（%6）&#x3000;链序号：%7</translation>
    </message>
    <message>
        <source>Reverse entry No. %1</source>
        <translation>冲正第 %1 号积分</translation>
    </message>
    <message>
        <source>Approved points are never changed. A reversing entry of %1 points for %2 %3 is recorded; it counts once it is approved on the Review tab.</source>
        <translation>已审核的积分不再改动。将为 %2 “%3”登记一条 %1 分的冲正记录，在“审核”页审核通过后生效。</translation>
    </message>
</context>
<context>
    <name>LinkStageDialog</name>
    <message>
        <source>%1: the four stages are held in order, each at finalised minutes of its kind of meeting.</source>
        <translation>%1：四个环节须按顺序进行，每个环节对应一次已定稿的相应会议。</translation>
    </message>
    <message>
        <source>Finalised minutes of a %1 are offered, newest first.</source>
        <translation>列出已定稿的%1记录，最新的在前。</translation>
    </message>
    <message>
        <source>No finalised minutes of a %1 yet: record and finalise that meeting first.</source>
        <translation>还没有已定稿的%1记录：请先记录该会议并定稿。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>VillageDesk is locked after %1 minutes without use. %2 is logged in: type the password to go on. Whatever was open stays as it was.</source>
        <extracomment>The idle time before the lock, when the village set none (issue 17: ten minutes).</extracomment>
        <translation>村务通 %1 分钟没有操作，已锁定。当前登录的是 %2：输入密码继续。打开着的内容都原样保留。</translation>
    </message>
    <message>
        <source>VillageDesk is locked</source>
        <translation>村务通已锁定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Close VillageDesk</source>
        <translation>关闭村务通</translation>
    </message>
    <message>
        <source>Another person closes the program here and starts it again to log in.</source>
        <translation>换人使用时，在这里关闭程序，再重新打开登录。</translation>
    </message>
    <message>
        <source>A form is open: only the person logged in can unlock and finish it.</source>
        <translation>有正在填写的表单：只有当前登录的人能解锁并完成它。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — VillageDesk</source>
        <extracomment>Checks a login and password: returns what logging in gives (a Session), or raises UserError. How many seconds the next try of a login must wait (core&apos;s slow-down).</extracomment>
        <translation>登录 — 村务通</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的名字</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Wait %1 s</source>
        <translation>请等 %1 秒</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Forgot the password…</source>
        <translation>忘记密码…</translation>
    </message>
    <message>
        <source>%1 has a new password: log in with it.</source>
        <translation>%1 的密码已重设，请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>VillageDesk</source>
        <extracomment>The page commands of the File menu: the button keys each presses, and its shortcut. What _fill_menus makes: asking the window for one of them fills the menus first. Once, when the pages are all built after the first paint: the window&apos;s own start is over.</extracomment>
        <translation>村务通</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户籍</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>两委成员</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Requests ledger</source>
        <translation>民情台账</translation>
    </message>
    <message>
        <source>Public notices</source>
        <translation>村务公开</translation>
    </message>
    <message>
        <source>Export &amp; print</source>
        <translation>导出与打印</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print &amp;directly</source>
        <translation>直接打印(&amp;D)</translation>
    </message>
    <message>
        <source>Print the page&apos;s printout on the default printer, without the preview</source>
        <translation>不经预览，把本页的打印件直接送到默认打印机</translation>
    </message>
    <message>
        <source>Village &amp;profile…</source>
        <translation>村庄信息(&amp;P)…</translation>
    </message>
    <message>
        <source>Use as &amp;township database…</source>
        <translation>设为乡镇汇总数据库(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go to page</source>
        <translation>转到页面(&amp;G)</translation>
    </message>
    <message>
        <source>Text &amp;size</source>
        <translation>字号(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>使用说明(&amp;M)</translation>
    </message>
    <message>
        <source>Your &amp;first hour…</source>
        <translation>第一个小时(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;About VillageDesk</source>
        <translation>关于村务通(&amp;A)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Every change is saved as soon as it is made; Ctrl+S saves an open form.</source>
        <translation>每处改动都已随时保存；Ctrl+S 用于保存打开的填写窗口。</translation>
    </message>
    <message>
        <source>Nothing to do here: this page has no such button, or nothing is chosen for it.</source>
        <translation>本页没有这项操作，或还没有选中记录。</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U)：%1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>&amp;Search everything…</source>
        <translation>搜索全部(&amp;S)…</translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜索 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Persons, households, meetings, requests and notices by name, pinyin initials or code</source>
        <translation>按姓名、拼音首字母或编号查找村民、农户、会议、诉求和公开事项</translation>
    </message>
    <message>
        <source>Township database %1</source>
        <translation>乡镇汇总数据库 %1</translation>
    </message>
    <message>
        <source>Village profile not filled in</source>
        <translation>尚未填写村庄信息</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>各村汇总</translation>
    </message>
    <message>
        <source>About VillageDesk</source>
        <translation>关于村务通</translation>
    </message>
    <message>
        <source>VillageDesk %1
Offline records for the village clerk.</source>
        <translation>村务通 %1
村文书的离线村务记录工具。</translation>
    </message>
    <message>
        <source>This database was upgraded from data version %1 to %2 by VillageDesk %3 on %4. Every record was kept. A copy of the file as it was before is at:
%5</source>
        <translation>村务通 %3 已于 %4 把这个数据库从数据版本 %1 升级到 %2，所有记录都已保留。升级前的文件副本在：
%5</translation>
    </message>
    <message>
        <source>Database upgraded</source>
        <translation>数据库已升级</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>VillageDesk manual</source>
        <translation>村务通使用说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MatterDialog</name>
    <message>
        <source>Edit major matter</source>
        <translation>修改重大事项</translation>
    </message>
    <message>
        <source>New major matter (四议两公开)</source>
        <translation>新建重大事项（四议两公开）</translation>
    </message>
</context>
<context>
    <name>MattersTab</name>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Stages done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Meeting or date</source>
        <translation>会议或日期</translation>
    </message>
    <message>
        <source>Title or note</source>
        <translation>会议名称或说明</translation>
    </message>
    <message>
        <source>New matter…</source>
        <translation>新建事项…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Link a meeting…</source>
        <translation>登记环节会议…</translation>
    </message>
    <message>
        <source>Post the resolution…</source>
        <translation>决议公开…</translation>
    </message>
    <message>
        <source>Post the result…</source>
        <translation>实施结果公开…</translation>
    </message>
    <message>
        <source>Open the stage&apos;s minutes…</source>
        <translation>打开该环节的会议记录…</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>各环节</translation>
    </message>
    <message>
        <source>A major matter goes through four meetings in order: the party branch proposes, the two committees discuss, the party members review, the villagers (or their representatives) decide; then the resolution and later its result are posted publicly.</source>
        <translation>“四议两公开”：重大事项依次经过党支部提议、两委会议商议、党员大会审议、村民（代表）会议决议四个环节，然后公开决议，实施后公开结果。</translation>
    </message>
    <message>
        <source>All done</source>
        <translation>全部完成</translation>
    </message>
    <message>
        <source>No major matter yet: add one with “New matter…”.</source>
        <translation>还没有重大事项：请用“新建事项…”添加。</translation>
    </message>
    <message>
        <source>Next step: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>All four stages held and both postings made.</source>
        <translation>四议已全部完成，决议和实施结果均已公开。</translation>
    </message>
</context>
<context>
    <name>MeetingAgendaForm</name>
    <message>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>e.g. Hardening the road to Yangjiawan</source>
        <translation>如：杨家湾组级道路硬化</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>讨论情况</translation>
    </message>
    <message>
        <source>Who spoke and what was said</source>
        <translation>谁发了言，说了什么</translation>
    </message>
</context>
<context>
    <name>MeetingAmendmentForm</name>
    <message>
        <source>Add an amendment</source>
        <translation>添加更正说明</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amended by</source>
        <translation>更正人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. A name was written wrongly</source>
        <translation>如：参会人员姓名写错</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正内容</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Save and close</source>
        <extracomment>The tab each field core may name is on. Something was written (the page refreshes its list).</extracomment>
        <translation>保存并关闭</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Finalise…</source>
        <translation>定稿…</translation>
    </message>
    <message>
        <source>Add amendment…</source>
        <translation>添加更正说明…</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印会议记录…</translation>
    </message>
    <message>
        <source>New minutes: the meeting gets its number when first saved. Finalising needs the date, the chair, the recorder and at least one person present.</source>
        <translation>新会议记录：第一次保存时生成会议编号。定稿需要会议日期、主持人、记录人和至少一名出席人员。</translation>
    </message>
    <message>
        <source>Finalised: %1 is locked since %2 and reads as it was finalised. Corrections are added with “Add amendment…”.</source>
        <translation>已定稿：%1 自 %2 起锁定，内容保持定稿时的样子，不能再修改。如需更正，请点“添加更正说明…”。</translation>
    </message>
    <message>
        <source>%1 is a draft: change anything until it is finalised. Finalising needs the date, the chair, the recorder and at least one person present.</source>
        <translation>%1 是草稿，定稿前可随时修改。定稿需要会议日期、主持人、记录人和至少一名出席人员。</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>%1. Left empty, the number expected is counted from the register (or from those listed present and absent).</source>
        <translation>%1。应到人数留空时，按村民名册（或登记的出席、缺席人员）计算。</translation>
    </message>
    <message>
        <source>Save the changes to these minutes?</source>
        <translation>会议记录有修改，要保存吗？</translation>
    </message>
    <message>
        <source>Finalise the minutes</source>
        <translation>会议记录定稿</translation>
    </message>
    <message>
        <source>Finalise %1? The minutes are then locked for good; later corrections can only be added as amendments.</source>
        <translation>确定将 %1 定稿吗？定稿后记录永久锁定，以后的更正只能以更正说明的方式添加。</translation>
    </message>
    <message>
        <source>The chair or the recorder of the meeting signs.</source>
        <translation>由本次会议的主持人或记录人签字定稿。</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>Meeting minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>会议名称</translation>
    </message>
    <message>
        <source>e.g. Yangjiawan house meeting</source>
        <translation>如：杨家湾屋场会</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Place / 屋场</source>
        <translation>地点 / 屋场</translation>
    </message>
    <message>
        <source>Chair and recorder</source>
        <translation>主持人、记录人</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Tick those present: type a name or its pinyin initials (e.g. zs), then tick; ticks stay when you search again.</source>
        <translation>勾选出席人员：输入姓名或拼音首字母（如 zs）后勾选；重新搜索时已勾选的人仍保留。</translation>
    </message>
    <message>
        <source>Whole villager group:</source>
        <translation>整个村民小组：</translation>
    </message>
    <message>
        <source>aged 18 or over</source>
        <translation>仅十八周岁以上</translation>
    </message>
    <message>
        <source>Tick the group</source>
        <translation>全组勾选</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit or role, e.g. township cadre</source>
        <translation>单位或职务，如：乡驻村干部</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Agenda and discussion</source>
        <translation>议题与讨论</translation>
    </message>
    <message>
        <source>Resolutions and votes</source>
        <translation>决议与表决</translation>
    </message>
    <message>
        <source>Requests raised</source>
        <translation>会上诉求</translation>
    </message>
    <message>
        <source>Amendments</source>
        <translation>更正说明</translation>
    </message>
</context>
<context>
    <name>MeetingLinkForm</name>
    <message>
        <source>Link a meeting to a stage</source>
        <translation>登记环节会议</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
</context>
<context>
    <name>MeetingMatterForm</name>
    <message>
        <source>Major matter</source>
        <translation>重大事项</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>e.g. Hardening the road from the village office to Yangjiawan</source>
        <translation>如：村部至杨家湾道路硬化</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>事项说明</translation>
    </message>
</context>
<context>
    <name>MeetingPersonPicker</name>
    <message numerus="yes">
        <source>%n ticked: </source>
        <translation>
            <numerusform>已勾选 %n 人：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n matches are listed: type more to narrow the search.</source>
        <translation>
            <numerusform>只列出前 %n 条：请多输入几个字缩小范围。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingPostingForm</name>
    <message>
        <source>Post publicly</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>Posted on</source>
        <translation>公开日期</translation>
    </message>
    <message>
        <source>Result carried out</source>
        <translation>实施结果</translation>
    </message>
</context>
<context>
    <name>MeetingResolutionForm</name>
    <message>
        <source>Resolution</source>
        <translation>决议</translation>
    </message>
    <message>
        <source>Settles agenda item</source>
        <translation>对应议题</translation>
    </message>
    <message>
        <source>Put to a vote</source>
        <translation>进行了表决</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>表决票数</translation>
    </message>
    <message>
        <source>for</source>
        <translation>赞成</translation>
    </message>
    <message>
        <source>against</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>abstaining</source>
        <translation>弃权</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Major matters (四议两公开)</source>
        <translation>四议两公开</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>Search: title, place, code (HY0012) or date (2026-07)</source>
        <translation>搜索：会议名称、地点、编号（HY0012）或日期（2026-07）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Drafts and final</source>
        <translation>草稿和已定稿</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>会议名称</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>决议</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>New minutes…</source>
        <translation>新建会议记录…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Delete draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印会议记录…</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s).</source>
        <translation>
            <numerusform>共 %n 次会议。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Delete the draft minutes %1 “%2” with their attendance, agenda and resolutions?</source>
        <translation>删除草稿 %1“%2”及其参会人员、议题和决议吗？</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move %1 to another household</source>
        <translation>将 %1 迁到其他户</translation>
    </message>
</context>
<context>
    <name>MoveForm</name>
    <message>
        <source>Move person</source>
        <translation>人员迁移</translation>
    </message>
    <message>
        <source>Move to household</source>
        <translation>迁入户</translation>
    </message>
    <message>
        <source>Relation to new head</source>
        <translation>与新户主关系</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Edit notice %1</source>
        <translation>修改公示 %1</translation>
    </message>
    <message>
        <source>New notice from a template</source>
        <translation>从模板新建公开</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>新建公示</translation>
    </message>
    <message>
        <source>Full ID numbers</source>
        <translation>完整公开身份证号码</translation>
    </message>
    <message>
        <source>ID numbers are masked on public notices (first 6 and last 4 digits). Print them in full on this notice? The choice is recorded with the name of who approved it.</source>
        <translation>公示中的身份证号码默认隐去中间部分（只显示前 6 位和后 4 位）。确定在这份公示上完整公开身份证号码吗？此选择将连同批准人姓名一并记录。</translation>
    </message>
</context>
<context>
    <name>NoticeForm</name>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>公开类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>落款单位</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>落款日期</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Table title</source>
        <translation>表格标题</translation>
    </message>
    <message>
        <source>Print ID numbers in full on this notice</source>
        <translation>在本公示上完整公开身份证号码</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
</context>
<context>
    <name>NoticeItemForm</name>
    <message>
        <source>Disclosure calendar item</source>
        <translation>公开目录事项</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>公开频次</translation>
    </message>
    <message>
        <source>Fixed day</source>
        <translation>固定公开日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>NoticeListTab</name>
    <message>
        <source>Search: title, body, issuer, reviewer, number (GK0012) or date (2026-07)</source>
        <translation>搜索：标题、正文、落款单位、审核人、编号（GK0012）或日期（2026-07）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Not archived</source>
        <translation>未归档</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>落款日期</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Posted on</source>
        <translation>张贴日期</translation>
    </message>
    <message>
        <source>Posted until</source>
        <translation>公示截止</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Corrects</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>From a template…</source>
        <translation>从模板新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审核…</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Post…</source>
        <translation>张贴…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>归档…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>From a points ranking…</source>
        <translation>从积分排名生成…</translation>
    </message>
    <message>
        <source>From 四议两公开…</source>
        <translation>从四议两公开生成…</translation>
    </message>
    <message>
        <source>Load holiday calendar…</source>
        <translation>载入节假日日历…</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Selected notice</source>
        <translation>所选公示</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) listed.</source>
        <translation>
            <numerusform>共 %n 份公示。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a notice to see it and what can be done with it.</source>
        <translation>选择一份公示，查看其内容和可办理的操作。</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>%2 由 %1 审核</translation>
    </message>
    <message>
        <source>Posted %1 to %2</source>
        <translation>公示期 %1 至 %2</translation>
    </message>
    <message>
        <source>Draft %1 saved.</source>
        <translation>草稿 %1 已保存。</translation>
    </message>
    <message>
        <source>Edit notice</source>
        <translation>修改公示</translation>
    </message>
    <message>
        <source>%1 is reviewed and can be posted.</source>
        <translation>%1 已审核，可以张贴。</translation>
    </message>
    <message>
        <source>%1 goes back to draft; its review is cleared and it must be reviewed again.</source>
        <translation>%1 将退回草稿，审核记录清除，修改后须重新审核。</translation>
    </message>
    <message>
        <source>%1 is a draft again.</source>
        <translation>%1 已退回草稿。</translation>
    </message>
    <message>
        <source>%1 is posted (%2).</source>
        <translation>%1 已张贴（%2）。</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Archive %1? Its posting period is over.</source>
        <translation>将 %1 归档吗？其公示期已满。</translation>
    </message>
    <message>
        <source>%1 is archived.</source>
        <translation>%1 已归档。</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>归档 %1</translation>
    </message>
    <message>
        <source>This notice was never posted. Say why it is dropped; it stays in the archive.</source>
        <translation>这份公示没有张贴过。请写明不再公示的原因，公示仍保留存档。</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>A posted notice is not changed. A correction is a new draft that replaces %1 once it is posted; both stay in the archive. Start the correction?</source>
        <translation>已张贴的公示不能修改。更正公示是一份新草稿，张贴后替换 %1，两份都保留存档。现在新建更正公示吗？</translation>
    </message>
    <message>
        <source>Correction %1 drafted: edit it, have it reviewed and post it.</source>
        <translation>更正公示 %1 已建草稿：请修改后送审核，再张贴。</translation>
    </message>
    <message>
        <source>Notice from a points ranking</source>
        <translation>从积分排名生成公示</translation>
    </message>
    <message>
        <source>The ranking of the chosen period becomes the table of a new draft.</source>
        <translation>所选周期的积分排名将作为新草稿的表格。</translation>
    </message>
    <message>
        <source>Draft %1 made from the ranking.</source>
        <translation>已从积分排名生成草稿 %1。</translation>
    </message>
    <message>
        <source>Notice from 四议两公开</source>
        <translation>从四议两公开生成公示</translation>
    </message>
    <message>
        <source>The resolution of a matter whose four meetings are done becomes a new draft.</source>
        <translation>已完成四议的事项，其决议将生成一份新草稿。</translation>
    </message>
    <message>
        <source>Draft %1 made from the resolution.</source>
        <translation>已从决议生成草稿 %1。</translation>
    </message>
    <message>
        <source>Preparing the notice</source>
        <translation>正在生成公示</translation>
    </message>
</context>
<context>
    <name>NoticeObjectionForm</name>
    <message>
        <source>Record an objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>异议人</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
</context>
<context>
    <name>NoticePostForm</name>
    <message>
        <source>Post notice</source>
        <translation>张贴公示</translation>
    </message>
    <message>
        <source>Posted on</source>
        <translation>张贴日期</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>公示天数</translation>
    </message>
    <message>
        <source>Working days (public holidays and make-up working days as the State Council sets them)</source>
        <translation>按工作日计（法定节假日和调休按国务院安排）</translation>
    </message>
    <message>
        <source>Load holiday calendar…</source>
        <translation>载入节假日日历…</translation>
    </message>
    <message>
        <source>Posted until</source>
        <translation>公示截止</translation>
    </message>
</context>
<context>
    <name>NoticeReplyForm</name>
    <message>
        <source>Reply to an objection</source>
        <translation>答复异议</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Replied by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>答复日期</translation>
    </message>
</context>
<context>
    <name>NoticeReviewForm</name>
    <message>
        <source>Review notice</source>
        <translation>审核公示</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>审核日期</translation>
    </message>
</context>
<context>
    <name>NoticeSourceForm</name>
    <message>
        <source>Draft a notice</source>
        <translation>生成公示草稿</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices</source>
        <translation>公开事项</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Disclosure calendar</source>
        <translation>公开目录</translation>
    </message>
</context>
<context>
    <name>ObjectionDialog</name>
    <message>
        <source>Objection to the points of %1</source>
        <translation>对%1积分的异议</translation>
    </message>
    <message>
        <source>Choose the household, then the entry the objection is about.</source>
        <translation>请先选户，再选被提出异议的那条积分。</translation>
    </message>
    <message>
        <source>Objection to %1</source>
        <translation>对 %1 的异议</translation>
    </message>
    <message>
        <source>%1, posted %2 to %3. The objection is answered within %4 days.</source>
        <translation>%1，公示期 %2 至 %3。异议应在 %4 日内答复。</translation>
    </message>
</context>
<context>
    <name>ObjectionsTab</name>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>异议人</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Record an objection…</source>
        <translation>登记异议…</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <source>Overdue objections (all notices)</source>
        <translation>逾期未答复的异议（全部公示）</translation>
    </message>
    <message>
        <source>Objections to %1</source>
        <translation>%1 的异议</translation>
    </message>
    <message>
        <source>Select a notice under “Notices” to see its objections.</source>
        <translation>请在“公开事项”中选择一份公示，查看其异议。</translation>
    </message>
</context>
<context>
    <name>OpenPasswordBox</name>
    <message>
        <source>Set a password to open the file</source>
        <translation>设置打开密码</translation>
    </message>
    <message>
        <source>At least %1 characters: English letters, digits and symbols. Excel, WPS and PDF readers ask for it before they show the file. Keep it safe: without it the file cannot be opened, by anyone.</source>
        <translation>至少 %1 个字符，只用英文字母、数字和符号。Excel、WPS 和 PDF 阅读器打开文件前都要输入它。请记牢：忘了密码，谁也打不开这个文件。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>打开密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一次</translation>
    </message>
</context>
<context>
    <name>OpenPasswordDialog</name>
    <message>
        <source>%1 holds villagers&apos; full ID numbers and phones and is marked internal. With a password, a copy lost or left on a USB stick stays closed to others.</source>
        <translation>%1含村民的完整身份证号和电话，属内部资料。设了打开密码，U 盘上留下或丢失的副本别人也打不开。</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Saved to %1, with a password to open it.</source>
        <translation>已保存到 %1，已设打开密码。</translation>
    </message>
</context>
<context>
    <name>PackageBox</name>
    <message>
        <source>USB package for the township</source>
        <translation>给乡镇的 U 盘数据包</translation>
    </message>
    <message>
        <source>Everything changed since the last package, with the Excel workbook, in one file on the USB stick. The first package holds all records.</source>
        <translation>把上次以来改动过的记录连同 Excel 工作簿写成一个文件，存到 U 盘上交给乡镇。第一个数据包包含全部记录。</translation>
    </message>
    <message>
        <source>Full package (all records, when the township asks for one)</source>
        <translation>全量数据包（包含全部记录，乡镇要求时勾选）</translation>
    </message>
    <message>
        <source>Export to USB…</source>
        <translation>导出到 U 盘…</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>全量</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Points entries</source>
        <translation>积分明细</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>记录合计</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>增量</translation>
    </message>
    <message>
        <source>Packages written (newest first):</source>
        <translation>已生成的数据包（最新的在前）：</translation>
    </message>
    <message>
        <source>No package written yet.</source>
        <translation>还没有生成过数据包。</translation>
    </message>
    <message>
        <source>Choose a folder on the USB stick</source>
        <translation>选择 U 盘上的文件夹</translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation>正在生成数据包</translation>
    </message>
    <message>
        <source>Writing the package to %1…</source>
        <translation>正在把数据包写到 %1…</translation>
    </message>
    <message>
        <source>Package %1 written to %2.</source>
        <translation>数据包 %1 已写到 %2。</translation>
    </message>
    <message>
        <source>Export to USB</source>
        <translation>导出到 U 盘</translation>
    </message>
    <message>
        <source>Take the USB stick to the township.</source>
        <translation>请先安全弹出 U 盘，再交给乡镇。</translation>
    </message>
</context>
<context>
    <name>PackageReportDialog</name>
    <message>
        <source>Import packages: report</source>
        <translation>导入数据包：结果</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <source>Previous rows</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next rows</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设新密码</translation>
    </message>
    <message>
        <source>%1 (%2) logs in with this password from now on: let them type it here themselves, or tell it to them in person. Any old password no longer works.</source>
        <translation>%1（%2）今后用这个密码登录：请本人在这里输入，或当面告诉本人。原来的密码不再有效。</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preparing the minutes</source>
        <translation>正在生成会议记录</translation>
    </message>
    <message>
        <source>Preparing the requests ledger</source>
        <translation>正在生成民情台账</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>New person in household %1</source>
        <translation>在户 %1 中新增人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>修改人员信息</translation>
    </message>
    <message>
        <source>ID number is valid; gender and birth date filled in.</source>
        <translation>身份证号有效，已自动填入性别和出生日期。</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>18 characters; gender and birth date are filled in from it</source>
        <translation>18 位；性别和出生日期将据此自动填写</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>1980-01-02</source>
        <translation>1980-01-02</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, pinyin initials (e.g. zs), code or phone</source>
        <extracomment>Matches shown at most; a longer list means the clerk should type more. What is searched and chosen from; ``id_expr`` picks rows by id. Prefix of the search box&apos;s and the list&apos;s object names. Names listed under a multi picker at most; the rest are counted.</extracomment>
        <translation>姓名、拼音首字母（如 zs）、编号或电话</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Person code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>No one chosen yet: click a name in the list.</source>
        <translation>尚未选择：请在列表中点选一人。</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen: </source>
        <translation>
            <numerusform>已选 %n 人：</numerusform>
        </translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n matches are listed: type more to narrow the search.</source>
        <translation>
            <numerusform>只列出前 %n 条：请多输入几个字缩小范围。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsEntryForm</name>
    <message>
        <source>Record points</source>
        <translation>登记积分</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Whole villager group</source>
        <translation>整个村民小组</translation>
    </message>
    <message>
        <source>Tick the whole group</source>
        <translation>勾选全组</translation>
    </message>
    <message>
        <source>Clear ticks</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>times, persons or months, as the item counts</source>
        <translation>次数、人数或月数，按事项的计分单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>e.g. photo no., witness, meeting record</source>
        <translation>如照片编号、证明人、会议记录</translation>
    </message>
</context>
<context>
    <name>PointsGoodsForm</name>
    <message>
        <source>New goods</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>e.g. cooking oil 5 L</source>
        <translation>如 食用油 5 升</translation>
    </message>
    <message>
        <source>Price in points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>PointsObjectionForm</name>
    <message>
        <source>Record an objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Entry objected to</source>
        <translation>异议的积分</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>异议人</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>细则</translation>
    </message>
    <message>
        <source>Points shop</source>
        <translation>积分超市</translation>
    </message>
    <message>
        <source>Review (%1)</source>
        <translation>审核（%1）</translation>
    </message>
</context>
<context>
    <name>PointsRedeemForm</name>
    <message>
        <source>Redeem points</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>加入清单</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PointsResolveForm</name>
    <message>
        <source>Resolve an objection</source>
        <translation>处理异议</translation>
    </message>
    <message>
        <source>Upheld: the entry is reversed (the reversal is then reviewed)</source>
        <translation>异议成立：冲正这条积分（冲正记录再经审核）</translation>
    </message>
    <message>
        <source>Dismissed: the entry stands</source>
        <translation>异议不成立：积分不变</translation>
    </message>
    <message>
        <source>Decision and reason</source>
        <translation>处理意见</translation>
    </message>
</context>
<context>
    <name>PointsRestockForm</name>
    <message>
        <source>Restock</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Quantity added</source>
        <translation>入库数量</translation>
    </message>
</context>
<context>
    <name>PointsRetireForm</name>
    <message>
        <source>Retire a rule</source>
        <translation>停用细则</translation>
    </message>
    <message>
        <source>Last day in force</source>
        <translation>最后生效日</translation>
    </message>
</context>
<context>
    <name>PointsReviewForm</name>
    <message>
        <source>Review points</source>
        <translation>审核积分</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>PointsRuleForm</name>
    <message>
        <source>Scoring rule</source>
        <translation>积分细则</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>added: 5; deducted: -5</source>
        <translation>加分写 5，扣分写 -5</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计分单位</translation>
    </message>
    <message>
        <source>Cap per period</source>
        <translation>每期上限</translation>
    </message>
    <message>
        <source>empty: no cap</source>
        <translation>不限则留空</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PointsSchemeForm</name>
    <message>
        <source>Points scheme</source>
        <translation>积分办法</translation>
    </message>
    <message>
        <source>Scoring period</source>
        <translation>考评周期</translation>
    </message>
    <message>
        <source>Base points per period</source>
        <translation>每期基础分</translation>
    </message>
    <message>
        <source>Pass line</source>
        <translation>合格线</translation>
    </message>
    <message>
        <source>Scores for 1 to 5 stars</source>
        <translation>一星到五星分数线</translation>
    </message>
    <message>
        <source>Points start again from the base each period</source>
        <translation>每期从基础分重新计分</translation>
    </message>
    <message>
        <source>Base points can be spent in the points shop</source>
        <translation>基础分可以在积分超市兑换</translation>
    </message>
    <message>
        <source>Days open for objections</source>
        <translation>公示异议期（天）</translation>
    </message>
    <message>
        <source>Post a black list of households below a score</source>
        <translation>张贴黑榜（总分低于下面分数的户）</translation>
    </message>
    <message>
        <source>Black list below</source>
        <translation>黑榜分数线</translation>
    </message>
</context>
<context>
    <name>PointsTab</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Corrects No.</source>
        <translation>冲正编号</translation>
    </message>
    <message>
        <source>Reversed by No.</source>
        <translation>被冲正编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>审核日期</translation>
    </message>
    <message>
        <source>Chain No.</source>
        <translation>链序号</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <source>Post %1</source>
        <translation>张贴 %1</translation>
    </message>
    <message>
        <source>%1 goes up on the board. Objections may be raised until the last day of the posting period.</source>
        <translation>%1 将在公开栏张贴。公示期最后一天之前均可提出异议。</translation>
    </message>
    <message>
        <source>(give the first day and the number of days)</source>
        <translation>（请填写张贴日期和公示天数）</translation>
    </message>
</context>
<context>
    <name>PostForm</name>
    <message>
        <source>Start a post</source>
        <translation>任职登记</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>任职人员</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>In office from</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PostingDialog</name>
    <message>
        <source>Post the result</source>
        <translation>实施结果公开</translation>
    </message>
    <message>
        <source>%1: post how the decision was carried out (实施结果公开).</source>
        <translation>%1：公开决议的实施结果（实施结果公开）。</translation>
    </message>
    <message>
        <source>Post the resolution</source>
        <translation>决议公开</translation>
    </message>
    <message>
        <source>%1: the villagers&apos; decision is posted publicly (决议公开).</source>
        <translation>%1：将村民（代表）会议的决议公开（决议公开）。</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>The file does not exist (any more).</source>
        <extracomment>QSettings key of the preview window&apos;s geometry. Pages are rasterised for the printer at no more than this resolution. QSettings key naming a PDF file that direct prints go to instead of the default printer (tests, and a laptop whose printer is set up later).</extracomment>
        <translation>文件不存在（可能已被移走）。</translation>
    </message>
    <message>
        <source>The file is not a readable PDF; it may be damaged or still being written.</source>
        <translation>该文件不是可读的 PDF，可能已损坏或尚未写完。</translation>
    </message>
    <message>
        <source>The PDF is protected by a password and cannot be shown.</source>
        <translation>该 PDF 设有密码，无法显示。</translation>
    </message>
    <message>
        <source>The PDF could not be read.</source>
        <translation>无法读取该 PDF。</translation>
    </message>
    <message>
        <source>The PDF module of Qt (QtPdf) is missing from this installation.</source>
        <translation>本程序安装不完整，缺少 Qt 的 PDF 模块（QtPdf）。</translation>
    </message>
    <message>
        <source>Cannot open {path}: {reason}</source>
        <translation>无法打开 {path}：{reason}</translation>
    </message>
    <message>
        <source>None of the chosen pages is in this document; it has %n page(s).</source>
        <translation>所选页码都不在本文档中；本文档共 %n 页。</translation>
    </message>
    <message>
        <source>Page {page} of the PDF has no size and cannot be printed.</source>
        <translation>PDF 第 {page} 页没有页面尺寸，无法打印。</translation>
    </message>
    <message>
        <source>Page {page} could not be drawn for printing (not enough memory?).</source>
        <translation>第 {page} 页无法生成打印图像（可能内存不足）。</translation>
    </message>
    <message>
        <source>No default printer is set up on this computer. Choose Print… to pick a printer, or set a default printer in the system&apos;s settings.</source>
        <translation>这台电脑没有设置默认打印机。请点“打印…”选择打印机，或在系统设置里设好默认打印机。</translation>
    </message>
    <message>
        <source>The printer “{printer}” could not be started. Check that it is switched on and connected, then try again.</source>
        <translation>无法启动打印机“{printer}”。请检查打印机是否已开机并连接好，然后重试。</translation>
    </message>
    <message>
        <source>Print preview – {name}</source>
        <translation>打印预览 – {name}</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print every page on the default printer at once (Ctrl+P)</source>
        <translation>把全部页面直接送到默认打印机（Ctrl+P）</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Choose the printer, pages and copies first</source>
        <translation>先选择打印机、页码和份数</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无法预览</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Print {name}</source>
        <translation>打印 {name}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation>正在把页面发送到打印机…</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <extracomment>The next show() prints straight away instead of previewing (then it is cleared).</extracomment>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing was stopped.</source>
        <translation>打印已停止。</translation>
    </message>
    <message>
        <source>Save PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>{path} is a folder. Choose a file name.</source>
        <translation>{path} 是一个文件夹，请输入文件名。</translation>
    </message>
    <message>
        <source>permission denied. The file may be open in another program, or the folder may be read-only; close it or choose another place.</source>
        <translation>没有写入权限。该文件可能正被其他程序打开，或文件夹是只读的；请关闭该文件或换一个位置。</translation>
    </message>
    <message>
        <source>the PDF to save is gone; make it again.</source>
        <translation>要保存的 PDF 已不存在，请重新生成。</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>ProceedingsPart</name>
    <message>
        <source>Order</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>讨论情况</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加议题…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>决议</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>赞成 / 反对 / 弃权</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Add resolution…</source>
        <translation>添加决议…</translation>
    </message>
    <message>
        <source>Remove agenda item</source>
        <translation>删除议题</translation>
    </message>
    <message>
        <source>Remove agenda item %1 “%2” and its discussion notes?</source>
        <translation>删除第 %1 项议题“%2”及其讨论情况吗？</translation>
    </message>
    <message>
        <source>Move agenda item</source>
        <translation>调整议题顺序</translation>
    </message>
    <message>
        <source>Remove resolution</source>
        <translation>删除决议</translation>
    </message>
    <message>
        <source>Remove resolution %1?</source>
        <translation>删除第 %1 项决议吗？</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>The code is valid.</source>
        <translation>代码有效。</translation>
    </message>
    <message numerus="yes">
        <source>The code has 18 characters; %n entered.</source>
        <translation>
            <numerusform>代码共 18 位，已输入 %n 位。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>Village profile</source>
        <translation>村庄信息</translation>
    </message>
    <message>
        <source>Village name</source>
        <translation>村名</translation>
    </message>
    <message>
        <source>e.g. Youxiqiao Village</source>
        <translation>例如：油溪桥村</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>文书姓名</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Any rating</source>
        <extracomment>How many households 红榜 and 黑榜 name on screen.</extracomment>
        <translation>全部星级</translation>
    </message>
    <message>
        <source>No star</source>
        <translation>无星</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Taking part</source>
        <translation>参与率</translation>
    </message>
    <message>
        <source>Households passed</source>
        <translation>合格户数</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>成立</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>不成立</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>异议人</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Record objection…</source>
        <translation>登记异议…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Red list</source>
        <translation>红榜</translation>
    </message>
    <message>
        <source>Black list</source>
        <translation>黑榜</translation>
    </message>
    <message>
        <source>By group</source>
        <translation>各组比较</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>小组：</translation>
    </message>
    <message>
        <source>Stars:</source>
        <translation>星级：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Post publicly</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Lock after the review meeting</source>
        <translation>讲评后锁定</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解除锁定…</translation>
    </message>
    <message>
        <source>Print ranking…</source>
        <translation>打印排名…</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部小组</translation>
    </message>
    <message>
        <source>Objections (%1)</source>
        <translation>异议（%1）</translation>
    </message>
    <message>
        <source>%1 sums the scheme periods in it; each scheme period is posted and locked on its own.</source>
        <translation>%1为其中各考评期的合计；公示和锁定按各考评期分别进行。</translation>
    </message>
    <message>
        <source>%1: posted on %2, locked on %3 after the review meeting.</source>
        <translation>%1：%2 公示，%3 讲评后锁定。</translation>
    </message>
    <message>
        <source>%1: posted on %2; objections can be raised until %3.</source>
        <translation>%1：%2 公示，异议期至 %3。</translation>
    </message>
    <message>
        <source>%1: not posted yet. Only approved points count.</source>
        <translation>%1：尚未公示。只计已审核的积分。</translation>
    </message>
    <message>
        <source>%1 of %2 households passed (pass line %3).</source>
        <translation>%2 户中 %1 户合格（合格线 %3 分）。</translation>
    </message>
    <message>
        <source>%1 of %2 households passed every scheme period in it (pass line %3).</source>
        <translation>%2 户中 %1 户各考评期均合格（合格线 %3 分）。</translation>
    </message>
    <message>
        <source>Post the points of %1? Villagers may then object for %2 days, until %3. The ranking board opens next, to print for the notice board.</source>
        <translation>公示%1的积分吗？公示 %2 天，村民可提出异议至%3。接着会打开积分公示榜，打印后张贴。</translation>
    </message>
    <message>
        <source>Lock the period</source>
        <translation>锁定考评期</translation>
    </message>
    <message>
        <source>Lock %1 after the review meeting? No entry can then be recorded, approved or reversed in it unless it is unlocked with a reason.</source>
        <translation>讲评后锁定%1吗？锁定后不能再登记、审核或冲正这一期的积分，除非写明原因解除锁定。</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>解除%1的锁定</translation>
    </message>
    <message>
        <source>The reason is kept with the period. Lock it again after the correction.</source>
        <translation>原因将记入该考评期。更正后请重新锁定。</translation>
    </message>
    <message>
        <source>Print ranking</source>
        <translation>打印排名</translation>
    </message>
    <message>
        <source>Printing the ranking is not available in this version.</source>
        <translation>此版本还不能打印积分排名。</translation>
    </message>
    <message>
        <source>Preparing the ranking board</source>
        <translation>正在生成积分排名榜</translation>
    </message>
</context>
<context>
    <name>ReasonForm</name>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>RecordsPanel</name>
    <message>
        <source>Table:</source>
        <translation>表：</translation>
    </message>
    <message>
        <source>Choose a village to see its records. Nothing can be changed here: each village keeps its own records.</source>
        <translation>选一个村查看它的记录。这里不能修改：各村的记录由村里自己管理。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Reading the village&apos;s records</source>
        <translation>正在读取该村的记录</translation>
    </message>
    <message>
        <source>The county holds no records of this village.</source>
        <translation>县里没有这个村的记录。</translation>
    </message>
    <message>
        <source>%1 (%2), %3. Records as sent in its package No. %4 of %5; read only.</source>
        <translation>%1（%2），%3。记录为该村 %5 生成的第 %4 号数据包所带的内容，只读。</translation>
    </message>
    <message>
        <source>Carried by the township&apos;s package No. %1, imported on %2 by %3.</source>
        <translation>由乡镇第 %1 号数据包带来，%2 由 %3 导入。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Reading the records</source>
        <translation>正在读取记录</translation>
    </message>
    <message>
        <source>Rows %1–%2 of %3</source>
        <translation>第 %1–%2 行，共 %3 行</translation>
    </message>
    <message>
        <source>No rows.</source>
        <translation>没有记录。</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot the password</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>A village head or party secretary sets a new password with the recovery key from the recovery sheet in the archive cabinet (or the township&apos;s copy). Then they log in and set new passwords for the others on the Accounts page.</source>
        <translation>村委会主任或书记用档案柜里恢复密钥单上的恢复密钥（或乡镇保管的那份）重设自己的密码，登录后再在“账户”页为其他人重设。</translation>
    </message>
    <message>
        <source>The groups of letters and digits on the sheet</source>
        <translation>恢复密钥单上的各组字母和数字</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设新密码</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Login of the head</source>
        <translation>主任/书记的登录名</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>The recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>The database is now encrypted. %1 old backups, which were not encrypted, were removed; every backup from now on is encrypted too.</source>
        <translation>数据库已经加密。原来 %1 份没有加密的备份已删除；今后的每一份备份也都加密。</translation>
    </message>
    <message>
        <source>This recovery key opens the village&apos;s file and every backup when all passwords are forgotten or the password file is lost. It is shown only now and VillageDesk does not keep it: print the recovery sheet, put it in the archive cabinet and give a copy to the township.</source>
        <translation>密码全部忘记或密码文件丢失时，用这个恢复密钥可以打开村里的数据文件和每一份备份。它只显示这一次，村务通不保存它：请打印恢复密钥单，放入档案柜，并交一份给乡镇。</translation>
    </message>
    <message>
        <source>Print the recovery sheet…</source>
        <translation>打印恢复密钥单…</translation>
    </message>
    <message>
        <source>The recovery sheet is printed (or the key written down) and put away</source>
        <translation>恢复密钥单已打印（或密钥已抄下）并收好</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The database is encrypted</source>
        <translation>数据库已加密</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>从清单移除</translation>
    </message>
    <message>
        <source>%1 (%2 points, %3 in stock)</source>
        <translation>%1（%2 分，库存 %3）</translation>
    </message>
    <message>
        <source>Choose the household to see its points.</source>
        <translation>选择户后显示其可兑换积分。</translation>
    </message>
    <message>
        <source>Redeemable: %1 points. This period: points earned %2, score %3 (pass line %4).</source>
        <translation>可兑换积分 %1 分。本期得分 %2 分，总分 %3 分（合格线 %4 分）。</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Redeem for household %1: %2, %3 points in all?</source>
        <translation>为户 %1 兑换：%2，共用去 %3 分？</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>This costs %1 points.</source>
        <translation>本次需 %1 分。</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <source>Refer %1 to a department</source>
        <translation>转交 %1</translation>
    </message>
    <message>
        <source>%1 is handed to a department; the village still gives the villager the feedback and closes it.</source>
        <translation>%1 转交部门办理；办理结果仍由村里反馈给群众并办结。</translation>
    </message>
</context>
<context>
    <name>RegisterPickDialog</name>
    <message>
        <source>Add persons from the register</source>
        <translation>从名册添加人员</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen %1</source>
        <translation>重新办理 %1</translation>
    </message>
    <message>
        <source>%1 was closed on %2. The villager came back not satisfied: it goes back to “in hand”.</source>
        <translation>%1 已于 %2 办结。群众反映不满意：诉求退回“办理中”重新办理。</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Reply to the objection to %1</source>
        <translation>答复对 %1 的异议</translation>
    </message>
</context>
<context>
    <name>RequestCloseForm</name>
    <message>
        <source>Close with feedback</source>
        <translation>办结反馈</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>怎么办的，办得怎样</translation>
    </message>
    <message>
        <source>Feedback on</source>
        <translation>反馈日期</translation>
    </message>
    <message>
        <source>Feedback given by</source>
        <translation>反馈方式</translation>
    </message>
    <message>
        <source>Villager satisfied?</source>
        <translation>群众满意度</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Correct request %1</source>
        <extracomment>Departments a village refers requests to (the clerk may type any other). Meetings offered in the intake form&apos;s chooser (newest first), besides the one it was opened from.</extracomment>
        <translation>修改诉求 %1</translation>
    </message>
    <message>
        <source>Register a request</source>
        <translation>登记民情诉求</translation>
    </message>
    <message>
        <source>Directly (not at a meeting)</source>
        <translation>直接受理（不在会上）</translation>
    </message>
    <message>
        <source>Solved at once: the request is closed with the result and the villager&apos;s satisfaction.</source>
        <translation>当场解决：写明解决结果和群众满意度，诉求即办结。</translation>
    </message>
    <message>
        <source>Taken on with a deadline and someone in charge; it is overdue when still open after the deadline.</source>
        <translation>限期办理：须有责任人和办理期限，过了期限仍未办结即为逾期。</translation>
    </message>
    <message>
        <source>Referred to a department; the village follows it up and closes it with the feedback to the villager.</source>
        <translation>转交部门：由村里跟踪办理，向群众反馈后办结。</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>Register a request</source>
        <translation>登记民情诉求</translation>
    </message>
    <message>
        <source>Who raised it, where and when</source>
        <translation>诉求人、来源和日期</translation>
    </message>
    <message>
        <source>From the register</source>
        <translation>从名册中选</translation>
    </message>
    <message>
        <source>Or a name</source>
        <translation>或写姓名</translation>
    </message>
    <message>
        <source>Someone not in the register</source>
        <translation>不在名册中的人</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What, and how it is handled</source>
        <translation>诉求内容和办理</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>What the villager asks for, in a sentence or two</source>
        <translation>群众反映的问题或要求，一两句话写清楚</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>In charge</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>How it was solved on the spot</source>
        <translation>当场是怎么解决的</translation>
    </message>
    <message>
        <source>Villager satisfied?</source>
        <translation>群众满意度</translation>
    </message>
</context>
<context>
    <name>RequestReferForm</name>
    <message>
        <source>Refer to a department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>转交日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RequestReopenForm</name>
    <message>
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <source>Why the villager is not satisfied</source>
        <translation>群众不满意的原因</translation>
    </message>
    <message>
        <source>Reopened on</source>
        <translation>重新办理日期</translation>
    </message>
</context>
<context>
    <name>RequestStartForm</name>
    <message>
        <source>Start handling</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Search: content, name, pinyin initials, code (SQ000012) or date (2026-07)</source>
        <translation>搜索：诉求内容、姓名、拼音首字母、编号（SQ000012）或日期（2026-07）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation>当场解决</translation>
    </message>
    <message>
        <source>With deadline</source>
        <translation>限期办理</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Closed %</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>In charge</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重办</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>%1 time(s)</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>办理步骤</translation>
    </message>
    <message>
        <source>Status after</source>
        <translation>之后状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>In charge:</source>
        <translation>责任人：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>村民小组：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Meeting:</source>
        <translation>会议：</translation>
    </message>
    <message>
        <source>Register a request…</source>
        <translation>登记诉求…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Start handling…</source>
        <translation>开始办理…</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>转交部门…</translation>
    </message>
    <message>
        <source>Close with feedback…</source>
        <translation>办结反馈…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新办理…</translation>
    </message>
    <message>
        <source>Print ledger…</source>
        <translation>打印民情台账…</translation>
    </message>
    <message>
        <source>Selected request</source>
        <translation>所选诉求</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>%1 (%2 open)</source>
        <translation>%1（未办结 %2）</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部责任人</translation>
    </message>
    <message>
        <source>Any group</source>
        <translation>全部村民小组</translation>
    </message>
    <message>
        <source>Any meeting or none</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Raised directly (not at a meeting)</source>
        <translation>直接受理（不在会上）</translation>
    </message>
    <message>
        <source>Requests raised — %1</source>
        <translation>民情诉求办理情况：%1</translation>
    </message>
    <message>
        <source>Choose a period to print its ledger.</source>
        <translation>请先选择期间，再打印该期间的民情台账。</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) listed.</source>
        <translation>
            <numerusform>共 %n 条诉求。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a request to see it and how it was handled.</source>
        <translation>选中一条诉求，可查看详情和办理过程。</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>办理结果：%1</translation>
    </message>
    <message>
        <source>Feedback: %1, %2; %3</source>
        <translation>反馈：%1，%2；%3</translation>
    </message>
    <message>
        <source>Registered %1 (%2).</source>
        <translation>已登记 %1（%2）。</translation>
    </message>
    <message>
        <source>%1 is closed.</source>
        <translation>%1 已办结。</translation>
    </message>
    <message>
        <source>The villager is not satisfied: %1 goes back to “%2” to be handled again (reopened %3 time(s)).</source>
        <translation>群众不满意：%1 已退回“%2”重新办理（第 %3 次重办）。</translation>
    </message>
    <message>
        <source>%1 is handled again.</source>
        <translation>%1 已重新办理。</translation>
    </message>
</context>
<context>
    <name>ResolutionDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Resolution %1</source>
        <translation>第 %1 项决议</translation>
    </message>
    <message>
        <source>New resolution</source>
        <translation>添加决议</translation>
    </message>
    <message>
        <source>%1 present: enter the votes for, against and abstaining.</source>
        <translation>到会 %1 人：请填写赞成、反对、弃权票数。</translation>
    </message>
    <message>
        <source>Votes are whole numbers.</source>
        <translation>票数应为整数。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>%1 objects to %2 (%3 points): %4</source>
        <translation>%1 对 %2（%3 分）提出异议：%4</translation>
    </message>
</context>
<context>
    <name>RestockDialog</name>
    <message>
        <source>Restock %1</source>
        <translation>%1 入库</translation>
    </message>
    <message>
        <source>%1 in stock now.</source>
        <translation>现有库存 %1。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. Everything entered after it is replaced; the data as it is now is backed up first, so this can be undone.</source>
        <translation>请选择要恢复到的备份。备份之后录入的内容都会被替换；恢复前会先把现在的数据备份一份，所以可以撤回。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>备份原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Before upgrading the data</source>
        <translation>升级数据前</translation>
    </message>
    <message>
        <source>When the program was opened</source>
        <translation>打开程序时</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Replace all the data with the backup taken %1?

The data as it is now is backed up first.</source>
        <translation>要用 %1 的备份替换全部数据吗？

恢复前会先备份现在的数据。</translation>
    </message>
    <message>
        <source>Restored from the backup taken %1. The data as it was before is in %2.</source>
        <translation>已恢复到 %1 的备份。恢复前的数据保存在 %2。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
<context>
    <name>RetireDialog</name>
    <message>
        <source>“%1” will no longer be offered for entries after its last day. Entries already recorded under it stay as they are.</source>
        <translation>“%1”在最后生效日之后不能再用于登记。已按它登记的积分保持不变。</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Reject entries</source>
        <translation>驳回积分</translation>
    </message>
    <message numerus="yes">
        <source>Reject %n entry(s)? They will not count; the reason is kept with them.</source>
        <translation>
            <numerusform>驳回这 %n 条积分吗？驳回后不计分，理由随记录保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve entries</source>
        <translation>审核通过</translation>
    </message>
    <message numerus="yes">
        <source>Approve %n entry(s)? Approved points count in the ranking and are never changed again: a mistake is then corrected by a reversing entry.</source>
        <translation>
            <numerusform>审核通过这 %n 条积分吗？通过后计入排名，不能再改动；如有错误，只能登记冲正记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter who reviewed the entries.</source>
        <translation>请填写审核人。</translation>
    </message>
    <message>
        <source>Say why the entries are rejected.</source>
        <translation>请写明驳回理由。</translation>
    </message>
    <message>
        <source>Review %1</source>
        <translation>审核 %1</translation>
    </message>
    <message>
        <source>%1 is checked by a member of the village supervision committee, who is named on the notice.</source>
        <translation>%1 须由村务监督委员会成员审核，审核人署名于公示。</translation>
    </message>
    <message>
        <source>Nobody serves on the supervision committee today: record its members under Committee first.</source>
        <translation>今天没有在任的村务监督委员会成员：请先在“两委成员”中登记。</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Search: head&apos;s name, pinyin initials, household code, item or date (2026-07)</source>
        <translation>搜索：户主姓名、拼音首字母、户编号、事项或日期（2026-07）</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Approve selected…</source>
        <translation>审核通过所选…</translation>
    </message>
    <message>
        <source>Reject selected…</source>
        <translation>驳回所选…</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) waiting for review.</source>
        <translation>
            <numerusform>待审核 %n 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected.</source>
        <translation>
            <numerusform>已选 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejecting points</source>
        <translation>正在驳回积分</translation>
    </message>
    <message>
        <source>Approving points</source>
        <translation>正在审核积分</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) rejected.</source>
        <translation>
            <numerusform>已驳回 %n 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) approved.</source>
        <translation>
            <numerusform>已审核通过 %n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <source>Everyone in office today</source>
        <translation>今天在任的全体成员</translation>
    </message>
    <message>
        <source>Everyone who served in %1</source>
        <translation>%1任职过的全体成员</translation>
    </message>
</context>
<context>
    <name>RosterForm</name>
    <message>
        <source>Print the committee roster</source>
        <translation>打印两委成员花名册</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Public: no ID numbers, phones masked (138****1234)</source>
        <translation>公开版：不含身份证号，电话隐去中间四位（138****1234）</translation>
    </message>
    <message>
        <source>Internal: full ID numbers and phones, marked “internal” on every page</source>
        <translation>内部版：含完整身份证号和电话，每页标注“内部资料”</translation>
    </message>
</context>
<context>
    <name>RosterImport</name>
    <message>
        <source>Importing roster</source>
        <translation>正在导入花名册</translation>
    </message>
    <message>
        <source>Imported %1 new households and %2 persons.</source>
        <translation>已导入：新增 %1 户、%2 人。</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Checking roster</source>
        <translation>正在检查花名册</translation>
    </message>
</context>
<context>
    <name>RowMenu</name>
    <message>
        <source>Print directly</source>
        <extracomment>Free-text columns: they give up width first when a list is narrower than its columns, so the short ones beside them (amounts, status, dates) stay in view on a 1366-pixel laptop. Narrowest a free-text column is made (its text is then cut with &quot;…&quot;; the tooltip or the record&apos;s own view has it whole).</extracomment>
        <translation>直接打印</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Copy “%1”</source>
        <translation>复制“%1”</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>New rule</source>
        <translation>新增细则</translation>
    </message>
    <message>
        <source>New version of %1</source>
        <translation>修订细则：%1</translation>
    </message>
    <message>
        <source>Version %1 (in force since %2) ends the day before the new version starts. Entries already recorded keep the version they were scored under.</source>
        <translation>第 %1 版（%2 起生效）在新版本生效的前一天停止。已登记的积分仍按原版本计分。</translation>
    </message>
</context>
<context>
    <name>RulesImport</name>
    <message>
        <source>Added %1 rules, made %2 new versions, retired %3.</source>
        <translation>新增细则 %1 条，修订（新版本）%2 条，停用 %3 条。</translation>
    </message>
    <message>
        <source>Checking rule catalogue</source>
        <translation>正在检查积分细则</translation>
    </message>
    <message>
        <source>Importing rule catalogue</source>
        <translation>正在导入积分细则</translation>
    </message>
    <message>
        <source>Import rule catalogue</source>
        <translation>导入积分细则</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Show earlier versions and retired rules</source>
        <translation>显示旧版本和已停用的细则</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计分单位</translation>
    </message>
    <message>
        <source>Cap per period</source>
        <translation>每期上限</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Scheme settings…</source>
        <translation>积分办法…</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>新增细则…</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>修订（新版本）…</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Install default catalogue</source>
        <translation>装入默认细则</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Scored by %1; base %2 points; pass line %3; stars from %4.</source>
        <translation>按%1考评；基础分 %2 分；合格线 %3 分；星级分数线 %4。</translation>
    </message>
    <message>
        <source>Points start again each period.</source>
        <translation>每期重新计分。</translation>
    </message>
    <message>
        <source>Points carry over.</source>
        <translation>积分逐期累计。</translation>
    </message>
    <message>
        <source>Base points can be redeemed.</source>
        <translation>基础分可兑换。</translation>
    </message>
    <message>
        <source>Base points cannot be redeemed.</source>
        <translation>基础分不可兑换。</translation>
    </message>
    <message>
        <source>Objections within %1 days of posting.</source>
        <translation>公示后 %1 天内可提出异议。</translation>
    </message>
    <message>
        <source>Black list: households below %1.</source>
        <translation>黑榜：总分低于 %1 分的户。</translation>
    </message>
    <message>
        <source>No black list is posted.</source>
        <translation>不张贴黑榜。</translation>
    </message>
    <message>
        <source>Import rule catalogue</source>
        <translation>导入积分细则</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export rule catalogue</source>
        <translation>导出积分细则</translation>
    </message>
    <message>
        <source>Saved %1 rules (every version) to %2.</source>
        <translation>已导出 %1 条细则（含历史版本）：%2</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Install the default catalogue of %1 items (from real village rules), in force from %2? Change any item afterwards with “New version…”.</source>
        <translation>装入默认积分细则（共 %1 项，取自各地村规实例），自 %2 起生效吗？之后可用“修订（新版本）”修改任一项。</translation>
    </message>
</context>
<context>
    <name>SchemeDialog</name>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>the pass line</source>
        <translation>与合格线相同</translation>
    </message>
    <message>
        <source>Every household starts a period with the base points. Below the pass line it cannot redeem points and is marked on the board. A score of at least the first star score earns one star, and so on up to five. The black list names every household below its score, with the points it lost; a village that posts none turns it off.</source>
        <translation>每户每期从基础分起算。低于合格线的户不能兑换积分，并在公示榜上标出。总分达到一星分数线得一星，依此类推，最高五星。黑榜列出总分低于黑榜分数线的每一户及其扣分原因；不张贴黑榜的村可以关掉。</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Name, pinyin (zs or zhangsan), code or date</source>
        <translation>姓名、拼音（zs 或 zhangsan）、编号或日期</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>村民</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Public notices</source>
        <translation>公开事项</translation>
    </message>
    <message>
        <source>(archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>Show all %1 …</source>
        <translation>显示全部%1…</translation>
    </message>
    <message>
        <source>Enter or a click lists every match of this kind</source>
        <translation>按回车或单击，列出这一类的全部结果</translation>
    </message>
    <message>
        <source>Type a name, pinyin (zs or zhangsan), words, a code (HH001, HY0001, SQ000012, GK0001) or a date (2026-07). Up/Down choose, Enter opens, Esc closes.</source>
        <translation>输入姓名、拼音（zs 或 zhangsan）、词语、编号（HH001、HY0001、SQ000012、GK0001）或日期（2026-07）。上下键选择，回车打开，Esc 关闭。</translation>
    </message>
    <message>
        <source>%1 — the first %2</source>
        <translation>%1 — 前 %2 条</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>没有找到“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) listed. Enter opens the chosen one.</source>
        <translation>
            <numerusform>列出 %n 条。回车打开选中的一条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecondSignature</name>
    <message>
        <source>The signer types their own password</source>
        <extracomment>The object names of the two fields: a FormDialog marks them when a UserError names them.</extracomment>
        <translation>签字人输入自己的密码</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
    <message>
        <source>Signer&apos;s password</source>
        <translation>签字人密码</translation>
    </message>
    <message>
        <source>The person who signs sits at this desk and types the password; it is checked, not stored.</source>
        <translation>签字人本人在这台电脑前输入密码；密码只用来核对，不会保存。</translation>
    </message>
    <message>
        <source>No other account may sign this. A village head or party secretary adds one on the Accounts page.</source>
        <translation>没有其他可以签字的账户。请村委会主任或书记在“账户”页添加。</translation>
    </message>
    <message>
        <source>No other account may sign this.</source>
        <translation>没有其他可以签字的账户。</translation>
    </message>
    <message>
        <source>%1 types their password to sign.</source>
        <translation>请 %1 输入密码签字。</translation>
    </message>
</context>
<context>
    <name>ShopTab</name>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price in points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>兑换编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points spent</source>
        <translation>所用积分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Redemptions (newest first)</source>
        <translation>兑换记录（新的在上）</translation>
    </message>
    <message>
        <source>Add goods…</source>
        <translation>新增商品…</translation>
    </message>
    <message>
        <source>Restock…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Redeem…</source>
        <translation>兑换…</translation>
    </message>
    <message>
        <source>Print slip…</source>
        <translation>打印兑换单…</translation>
    </message>
    <message>
        <source>Void redemption…</source>
        <translation>作废兑换…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Redeemed. Print the slip now?</source>
        <translation>兑换成功。现在打印兑换单吗？</translation>
    </message>
    <message>
        <source>%1 goods redeemed. Print their slips now, one after another?</source>
        <translation>已兑换 %1 种商品。现在逐张打印兑换单吗？</translation>
    </message>
    <message>
        <source>Void redemption %1</source>
        <translation>作废兑换 %1</translation>
    </message>
    <message>
        <source>Void %1: %2 × %3 for household %4 (%5 points)? The redemption stays on file; a reversal gives the points back and returns the goods to stock. Why is it voided?</source>
        <translation>作废兑换 %1：户 %4 兑换的 %2 × %3（%5 分）？原记录保留，另记一条冲销记录，积分退回该户，商品退回库存。请写明作废原因：</translation>
    </message>
    <message>
        <source>Preparing the slip</source>
        <translation>正在生成兑换单</translation>
    </message>
</context>
<context>
    <name>SignForm</name>
    <message>
        <source>Sign</source>
        <translation>签字</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Start handling %1</source>
        <translation>开始办理 %1</translation>
    </message>
    <message>
        <source>%1 goes from “to do” to “in hand”.</source>
        <translation>%1 由“待办”转为“办理中”。</translation>
    </message>
</context>
<context>
    <name>StatementTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Print statement…</source>
        <translation>打印明细…</translation>
    </message>
    <message>
        <source>Corrects No. %1: %2</source>
        <translation>冲正第 %1 号：%2</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>驳回：%1</translation>
    </message>
    <message>
        <source>Choose a household on the left.</source>
        <translation>请在左侧选择一户。</translation>
    </message>
    <message>
        <source>%1, %2: base %3, score %4, balance after redemptions %5.</source>
        <translation>%1，%2：基础分 %3，总分 %4，兑换后余额 %5。</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>打印积分明细</translation>
    </message>
    <message>
        <source>Printing the statement is not available in this version.</source>
        <translation>此版本还不能打印积分明细。</translation>
    </message>
    <message>
        <source>Preparing the statement</source>
        <translation>正在生成积分明细</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Print summary…</source>
        <translation>打印汇总表…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村数</translation>
    </message>
    <message>
        <source>Villages with a head vacant</source>
        <translation>主职空缺的村</translation>
    </message>
    <message>
        <source>By township</source>
        <translation>按乡镇</translation>
    </message>
    <message>
        <source>By village</source>
        <translation>按村</translation>
    </message>
    <message>
        <source>Reading the county&apos;s figures</source>
        <translation>正在读取全县数字</translation>
    </message>
    <message>
        <source>County (%1 townships)</source>
        <translation>全县（%1 个乡镇）</translation>
    </message>
    <message>
        <source>No village yet: the county&apos;s figures come with the township packages (villagedesk import-package FILE --db URL).</source>
        <translation>还没有村：全县的数字随乡镇数据包而来（villagedesk import-package 文件 --db 地址）。</translation>
    </message>
    <message>
        <source>Figures as of the day each village wrote its newest package; the points and requests of the chosen period. The printed summary and the workbook hold the same lines.</source>
        <translation>各村数字截至其最新数据包生成之日；积分和诉求为所选期间的。打印的汇总表和工作簿与此相同。</translation>
    </message>
    <message>
        <source>Preparing the summary</source>
        <translation>正在生成汇总表</translation>
    </message>
    <message>
        <source>Export Excel workbook</source>
        <translation>导出 Excel 工作簿</translation>
    </message>
    <message>
        <source>The workbook</source>
        <translation>这份工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting the county&apos;s workbook</source>
        <translation>正在导出全县工作簿</translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <source>Column headings, separated by commas (e.g. 姓名，金额，备注)</source>
        <translation>列标题，用逗号分隔（如：姓名，金额，备注）</translation>
    </message>
    <message>
        <source>Balance brought forward in yuan (optional)</source>
        <translation>上期结余（元，可不填）</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>From the register…</source>
        <translation>从名册选择…</translation>
    </message>
    <message>
        <source>Income / expense</source>
        <translation>收入/支出</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>收支项目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>%1 person(s), total %2 yuan</source>
        <translation>共 %1 人，合计 %2 元</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <source>Left empty, the term ends on %1, five years after it starts.</source>
        <translation>不填则任期到 %1 结束（自开始起满五年）。</translation>
    </message>
</context>
<context>
    <name>TermForm</name>
    <message>
        <source>New term</source>
        <translation>登记届次</translation>
    </message>
    <message>
        <source>Term number</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>e.g. 11 for the 11th term</source>
        <translation>如第 11 届填 11</translation>
    </message>
    <message>
        <source>Election date</source>
        <translation>选举日期</translation>
    </message>
    <message>
        <source>Term starts</source>
        <translation>任期开始</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>任期结束</translation>
    </message>
    <message>
        <source>Leave empty for five years</source>
        <translation>不填则为五年</translation>
    </message>
</context>
<context>
    <name>TownshipBox</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Print key sheet…</source>
        <translation>打印密钥指纹登记表…</translation>
    </message>
    <message>
        <source>Not joined to a township yet: packages can be written once the village has taken its township&apos;s card (ask the township for it).</source>
        <translation>还没有加入乡镇：导入本乡镇的乡镇卡片（向乡镇索取）后，才能生成数据包。</translation>
    </message>
    <message>
        <source>Join township…</source>
        <translation>加入乡镇…</translation>
    </message>
    <message>
        <source>Packages are sealed for %1. Card fingerprint: %2</source>
        <translation>数据包只有%1能打开。乡镇卡片指纹：%2</translation>
    </message>
    <message>
        <source>Change township…</source>
        <translation>更换乡镇…</translation>
    </message>
</context>
<context>
    <name>TownshipCard</name>
    <message>
        <source>Join township</source>
        <translation>加入乡镇</translation>
    </message>
    <message>
        <source>Township cards (*.json);;All files (*)</source>
        <translation>乡镇卡片 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This village already joined %1 with this card (fingerprint %2). Nothing was changed.</source>
        <translation>本村已经用这张卡片加入%1（指纹 %2），没有任何改动。</translation>
    </message>
    <message>
        <source>Joined %1. From now on only this township can open the village&apos;s packages.</source>
        <translation>已加入%1。以后本村的数据包只有这个乡镇能打开。</translation>
    </message>
    <message>
        <source>Export township card</source>
        <translation>导出乡镇卡片</translation>
    </message>
    <message>
        <source>Township cards (*.json)</source>
        <translation>乡镇卡片 (*.json)</translation>
    </message>
    <message>
        <source>Township card saved to %1.

Fingerprint: %2

Give the card to the villages and tell each village clerk this fingerprint (by phone, or on the printed key sheet) to compare when joining.</source>
        <translation>乡镇卡片已保存到 %1。

指纹：%2

请把卡片交给各村，并把这个指纹告诉各村文书（电话或纸质《密钥指纹登记表》），让他们加入时核对。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Fill in the village profile first.</source>
        <translation>请先填写村庄信息。</translation>
    </message>
    <message>
        <source>Preparing the key sheet</source>
        <translation>正在生成密钥指纹登记表</translation>
    </message>
</context>
<context>
    <name>TownshipPage</name>
    <message>
        <source>Use as township database</source>
        <translation>设为乡镇汇总数据库</translation>
    </message>
    <message>
        <source>Use this database as the township&apos;s database?

It then imports the villages&apos; USB packages and shows them side by side; it keeps no village records of its own. A village clerk should answer No.</source>
        <translation>把这个数据库设为乡镇汇总数据库吗？

设好后用来导入各村 U 盘上的数据包、汇总比较各村情况，不再保存本村的记录。村里的文书请选“否”。</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>已导入 %1 个。</translation>
    </message>
    <message>
        <source>Imported before, nothing changed: %1.</source>
        <translation>以前已导入、无改动 %1 个。</translation>
    </message>
    <message>
        <source>Refused: %1.</source>
        <translation>拒绝 %1 个。</translation>
    </message>
    <message>
        <source>Not tried (stopped): %1.</source>
        <translation>因停止而未导入 %1 个。</translation>
    </message>
    <message>
        <source>Records: %1 new, %2 updated, %3 unchanged, %4 deleted.</source>
        <translation>记录：新增 %1 条，更新 %2 条，未变 %3 条，删除 %4 条。</translation>
    </message>
    <message>
        <source>Not imported: the import was stopped before this file.</source>
        <translation>未导入：在这个文件之前已停止导入。</translation>
    </message>
    <message>
        <source>Import packages…</source>
        <translation>导入数据包…</translation>
    </message>
    <message>
        <source>Browse records…</source>
        <translation>查看该村记录…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Print summary…</source>
        <translation>打印汇总表…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>生成日期</translation>
    </message>
    <message>
        <source>Days ago</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Committee heads</source>
        <translation>两委主职</translation>
    </message>
    <message>
        <source>Both heads</source>
        <translation>一肩挑</translation>
    </message>
    <message>
        <source>Points period</source>
        <translation>积分周期</translation>
    </message>
    <message>
        <source>Taking part</source>
        <translation>积分参与率</translation>
    </message>
    <message>
        <source>Requests open</source>
        <translation>诉求未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Notices on time</source>
        <translation>按时公开</translation>
    </message>
    <message>
        <source>Notices overdue</source>
        <translation>公开逾期</translation>
    </message>
    <message>
        <source>The workbook</source>
        <translation>这份工作簿</translation>
    </message>
    <message>
        <source>Packages received from %1 (credit code %2)</source>
        <translation>%1（统一社会信用代码 %2）报送的数据包</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第 %1 号</translation>
    </message>
    <message>
        <source>Current figures</source>
        <translation>各村当前数字</translation>
    </message>
    <message>
        <source>Export township card…</source>
        <translation>导出乡镇卡片…</translation>
    </message>
    <message>
        <source>Print key sheet…</source>
        <translation>打印密钥指纹登记表…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录在案</translation>
    </message>
    <message>
        <source>%1 event(s)</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>全量</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>增量</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>齐全</translation>
    </message>
    <message>
        <source>Vacant: %1</source>
        <translation>空缺：%1</translation>
    </message>
    <message>
        <source>No village yet. Import the packages the villages brought on their USB sticks with “Import packages…”.</source>
        <translation>还没有村的数据。请用“导入数据包…”导入各村用 U 盘送来的数据包。</translation>
    </message>
    <message numerus="yes">
        <source>%n village(s).</source>
        <translation>
            <numerusform>共 %n 个村。</numerusform>
        </translation>
    </message>
    <message>
        <source>No package for more than %1 days (marked): %2.</source>
        <translation>超过 %1 天没有新数据包（已标色）：%2。</translation>
    </message>
    <message>
        <source>Every village sent a package within %1 days.</source>
        <translation>各村在 %1 天内都报送了数据包。</translation>
    </message>
    <message>
        <source>Committee heads vacant: %1.</source>
        <translation>两委主职空缺：%1。</translation>
    </message>
    <message>
        <source>Figures as of the day each village wrote its package. Double-click a village to browse its records.</source>
        <translation>各项数字为各村生成数据包当天的数字。双击一个村可查看它的记录。</translation>
    </message>
    <message>
        <source>Export Excel workbook</source>
        <translation>导出 Excel 工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting the villages&apos; records</source>
        <translation>正在导出各村的记录</translation>
    </message>
    <message>
        <source>Preparing the summary</source>
        <translation>正在生成汇总表</translation>
    </message>
    <message>
        <source>Packages received: choose a village above</source>
        <translation>已收到的数据包：请在上面选择一个村</translation>
    </message>
    <message>
        <source>Signing key fingerprint: %1</source>
        <translation>签名密钥指纹：%1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>Accepted on confirmation and recorded:</source>
        <translation>经确认后接受并记录在案：</translation>
    </message>
    <message>
        <source>Import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Village packages (*.vdpkg)</source>
        <translation>村数据包 (*.vdpkg)</translation>
    </message>
    <message>
        <source>Importing packages</source>
        <translation>正在导入数据包</translation>
    </message>
    <message>
        <source>Village key changed</source>
        <translation>村的签名密钥变了</translation>
    </message>
    <message>
        <source>Take the new key? Only if the village confirms it reinstalled and reads you this fingerprint. The old key is retired and the change is recorded.</source>
        <translation>接受新密钥吗？只有村里确认重装了程序、并向您念出同样的指纹时才能接受。原来的密钥作废，此事记录在案。</translation>
    </message>
    <message>
        <source>Points history differs</source>
        <translation>积分历史不同</translation>
    </message>
    <message>
        <source>Take this package all the same? Its points history replaces the one held, and the difference is recorded for good.</source>
        <translation>仍然接受这个数据包吗？它的积分历史将取代本乡镇原有的，此事永久记录在案。</translation>
    </message>
    <message>
        <source>Village of another township</source>
        <translation>外乡镇的村</translation>
    </message>
    <message>
        <source>Import its packages all the same?</source>
        <translation>仍然导入该村的数据包吗？</translation>
    </message>
    <message>
        <source>New village</source>
        <translation>新加入的村</translation>
    </message>
    <message>
        <source>Does the village read you the same fingerprint (by phone or on its paper form)? Import its packages?</source>
        <translation>村里（电话中或纸质登记表上）念出的指纹与此相同吗？导入它的数据包吗？</translation>
    </message>
    <message>
        <source>(Not imported: you answered No.)</source>
        <translation>（未导入：您选择了“否”。）</translation>
    </message>
    <message>
        <source>Opening the village&apos;s records</source>
        <translation>正在打开该村的记录</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>(left office)</source>
        <translation>（已离任）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>Record a training</source>
        <translation>登记培训</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>培训日期</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训内容</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>e.g. 2 or 1.5</source>
        <translation>如 2 或 1.5</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织单位</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>Tick everyone now in office</source>
        <translation>勾选全部在任成员</translation>
    </message>
</context>
<context>
    <name>VillageRecordsDialog</name>
    <message>
        <source>%1: records (read only)</source>
        <translation>%1的记录（只读）</translation>
    </message>
    <message>
        <source>As sent in package No. %1 of %2. Nothing can be changed here: the village keeps its own records.</source>
        <translation>以下是该村第 %1 号数据包（%2 生成）报送的记录。这里不能修改：记录由村里自己维护。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>表：</translation>
    </message>
    <message>
        <source>Reading the sheet</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>Rows %1–%2 of %3, shown %4 at a time. The whole sheet is in the village&apos;s Excel workbook, inside its package.</source>
        <translation>第 %1–%2 行，共 %3 行，每页显示 %4 行。整张表在该村数据包里的 Excel 工作簿中。</translation>
    </message>
    <message>
        <source>%1 rows.</source>
        <translation>共 %1 行。</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Cancel</source>
        <extracomment>The progress dialog appears only when a job runs longer than this. How often the shown dialog reads the job&apos;s latest progress. The bar always runs 0..this, so totals beyond a C int (bytes) cannot overflow it.</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <source>An unexpected error stopped “{title}”:
{error}

Please tell the person who looks after this program what you were doing.</source>
        <translation>“{title}”因意外错误而中止：
{error}

请把当时正在做的操作告诉负责维护本程序的人员。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>VillageDesk</source>
        <translation>村务通</translation>
    </message>
</context>
</TS>
