<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Left office on</source>
        <translation>离任日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>离任原因</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Excel for the township</source>
        <translation>给乡镇的 Excel</translation>
    </message>
    <message>
        <source>One workbook with a sheet of households and a sheet of persons.</source>
        <translation>一个工作簿：一张“户”表，一张“人员”表。</translation>
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
        <source>A copy of the database is made every time the program opens.</source>
        <translation>每次打开程序时都会自动备份一次数据库。</translation>
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
        <source>Export Excel workbook</source>
        <translation>导出 Excel 工作簿</translation>
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
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
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
        <source>Preparing the register</source>
        <translation>正在生成花名册</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>VillageDesk</source>
        <translation>村务通</translation>
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
        <source>Export &amp; print</source>
        <translation>导出与打印</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Village &amp;profile…</source>
        <translation>村庄信息(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About VillageDesk</source>
        <translation>关于村务通(&amp;A)</translation>
    </message>
    <message>
        <source>Village profile not filled in</source>
        <translation>尚未填写村庄信息</translation>
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
        <extracomment>Matches shown at most; a longer list means the clerk should type more.</extracomment>
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
    <name>PrintPreviewDialog</name>
    <message>
        <source>The file does not exist (any more).</source>
        <extracomment>QSettings key of the folder the last PDF was saved to. QSettings key of the preview window&apos;s geometry. Pages are rasterised for the printer at no more than this resolution.</extracomment>
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
        <source>Print…</source>
        <translation>打印…</translation>
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
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已存在，要替换它吗？</translation>
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
        <source>Import roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>The roster has been imported.</source>
        <translation>花名册已导入。</translation>
    </message>
    <message>
        <source>Checking roster</source>
        <translation>正在检查花名册</translation>
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
