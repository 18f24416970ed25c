<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>About Report Auditor</source>
        <translation>关于年报审核助手</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Python %1, Qt %2, PySide6 %3</source>
        <translation>Python %1，Qt %2，PySide6 %3</translation>
    </message>
    <message>
        <source>Audits annual reports on government information disclosure, offline.</source>
        <translation>审核政府信息公开工作年度报告，全部在本机完成。</translation>
    </message>
    <message>
        <source>Libraries shipped with the program and their licences:</source>
        <translation>程序附带的软件库及其许可证：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>%1
Corrections cannot be kept between sessions: save often.</source>
        <translation>%1
更正无法在下次启动时恢复，请及时保存审核结果。</translation>
    </message>
    <message>
        <source>Workspace not available</source>
        <translation>工作区不可用</translation>
    </message>
</context>
<context>
    <name>BatchLoading</name>
    <message>
        <source>No report files found.</source>
        <translation>未找到报告文件。</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Reading stopped: %1</source>
        <translation>读取中断：%1</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Set %1 to %2</source>
        <translation>将 %1 改为 %2</translation>
    </message>
    <message>
        <source>Revert %1</source>
        <translation>还原 %1</translation>
    </message>
    <message>
        <source>Change agency</source>
        <translation>修改机关名称</translation>
    </message>
    <message>
        <source>Change year</source>
        <translation>修改年度</translation>
    </message>
    <message>
        <source>Change format</source>
        <translation>修改表格格式</translation>
    </message>
    <message>
        <source>Accept suggestion: %1 = %2</source>
        <translation>采纳建议：%1 改为 %2</translation>
    </message>
    <message>
        <source>Accept suggestion: %1 cells</source>
        <translation>采纳建议：%1 个单元格</translation>
    </message>
    <message>
        <source>Accept reading %1</source>
        <translation>采纳读法 %1</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>程序出错：%1</translation>
    </message>
    <message>
        <source>The details were written to the log:
%1
Your corrections are not lost.</source>
        <translation>详细信息已写入日志：
%1
您所做的更正不会丢失。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the text</source>
        <translation>在原文中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一处（Shift+F3）</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一处（F3）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 处</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>What this rule checks, with an example (click, or Shift+F1)</source>
        <translation>查看该规则检查什么，并附示例（点击，或按 Shift+F1）</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <source>Revert to parsed value</source>
        <translation>还原为识别值</translation>
    </message>
    <message>
        <source>Not a number: “%1”. Enter a number, or leave the cell blank.</source>
        <translation>“%1”不是数字。请输入数字，或留空。</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Report Auditor Guide</source>
        <translation>年报审核助手使用指南</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>2019</source>
        <translation>2019版</translation>
    </message>
    <message>
        <source>2021</source>
        <translation>2021版</translation>
    </message>
    <message>
        <source>Pre-2019</source>
        <translation>2019年以前</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>Table 2</source>
        <translation>表二</translation>
    </message>
    <message>
        <source>Table 3</source>
        <translation>表三</translation>
    </message>
    <message>
        <source>Table 4</source>
        <translation>表四</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>无法确定</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>The figure could not be placed with certainty and was left blank (?): check the source</source>
        <translation>识别时无法确定该数字，已留空（?），请对照原文填写</translation>
    </message>
    <message>
        <source>F8 next problem · type to correct · Enter commits · Ctrl+Enter accepts</source>
        <translation>F8 下一个问题 · 直接输入即可更正 · 回车确认 · Ctrl+回车 采纳建议</translation>
    </message>
    <message>
        <source>F8 / Shift+F8 next / previous problem · type to replace a figure · Enter commits and goes to the next problem · Ctrl+Enter accepts a suggestion · right-click to revert · Ctrl+F finds in the text</source>
        <translation>F8 / Shift+F8 下一个 / 上一个问题 · 直接输入即可替换数字 · 回车确认并转到下一个问题 · Ctrl+回车 采纳建议 · 右键还原 · Ctrl+F 在原文中查找</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Report Auditor</source>
        <translation>年报审核助手</translation>
    </message>
    <message>
        <source>Open Reports</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Reports (%1)</source>
        <translation>年度报告 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>MetaForm</name>
    <message>
        <source>Not found in the report</source>
        <translation>报告中未找到</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
</context>
<context>
    <name>Persistence</name>
    <message>
        <source>&amp;Save Audit Results</source>
        <translation>保存审核结果(&amp;S)</translation>
    </message>
    <message>
        <source>Save Audit Results &amp;As…</source>
        <translation>审核结果另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>全部保存(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export Summary…</source>
        <translation>导出汇总(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Where to Save Audit Workbooks…</source>
        <translation>审核工作簿保存位置(&amp;W)…</translation>
    </message>
    <message>
        <source>%1: %2 correction(s) restored.</source>
        <translation>%1：已恢复 %2 处更正。</translation>
    </message>
    <message>
        <source>Save Audit Results As</source>
        <translation>审核结果另存为</translation>
    </message>
    <message>
        <source>Audit summary.xlsx</source>
        <translation>审核汇总.xlsx</translation>
    </message>
    <message>
        <source>Export Summary</source>
        <translation>导出汇总</translation>
    </message>
    <message>
        <source>No reports to export.</source>
        <translation>没有可导出的报告。</translation>
    </message>
    <message>
        <source>Writing the summary of %1 report(s)…</source>
        <translation>正在写入 %1 份报告的汇总…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Summary written to %1</source>
        <translation>汇总已写入：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未能保存</translation>
    </message>
    <message>
        <source>These files are no longer there; their corrections are kept in the workspace:
%1</source>
        <translation>以下文件已不存在，其更正仍保留在工作区中：
%1</translation>
    </message>
    <message>
        <source>Files not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>The previous corrections were discarded.</source>
        <translation>已放弃上次的更正。</translation>
    </message>
    <message>
        <source>Corrections not restored</source>
        <translation>更正未恢复</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print the audit of this report, with a preview first (Ctrl+P)</source>
        <translation>打印本报告的审核结果，先显示打印预览（Ctrl+P）</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Print Preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>The printer could not be used: %1</source>
        <translation>无法使用打印机：%1</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF written to %1</source>
        <translation>已导出 PDF：%1</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>未写入：%1</translation>
    </message>
    <message>
        <source>Not written</source>
        <translation>未写入</translation>
    </message>
</context>
<context>
    <name>ProblemSteps</name>
    <message>
        <source>No problems in the open reports.</source>
        <translation>已打开的报告中没有问题。</translation>
    </message>
    <message>
        <source>Back to the first report with problems: %1</source>
        <translation>已到最后一份，回到第一份有问题的报告：%1</translation>
    </message>
    <message>
        <source>Back to the last report with problems: %1</source>
        <translation>已到第一份，回到最后一份有问题的报告：%1</translation>
    </message>
    <message>
        <source>Next report with problems: %1</source>
        <translation>下一份有问题的报告：%1</translation>
    </message>
    <message>
        <source>Previous report with problems: %1</source>
        <translation>上一份有问题的报告：%1</translation>
    </message>
    <message>
        <source>No other report has problems: back to the first problem of this one.</source>
        <translation>其他报告没有问题，回到本报告的第一个问题。</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <source>[Sample] %1</source>
        <translation>［示例］%1</translation>
    </message>
    <message>
        <source>A sample report bundled with the program; it closes when you open your own files.</source>
        <translation>程序自带的示例报告；打开您自己的文件时会自动关闭。</translation>
    </message>
    <message>
        <source>Opened together with its audit workbook %1: the source&apos;s text, with the workbook&apos;s %2 correction(s) over it. Saving writes to that workbook.</source>
        <translation>已与其审核工作簿 %1 一并打开：显示原文，并套用工作簿中的 %2 处修改。保存时写入该工作簿。</translation>
    </message>
    <message>
        <source>[+Workbook] %1</source>
        <translation>［含审核工作簿］%1</translation>
    </message>
    <message>
        <source>[Workbook not applied] %1</source>
        <translation>［审核工作簿未套用］%1</translation>
    </message>
    <message>
        <source>Its audit workbook %1 was saved from an earlier version of this file: its corrections are not applied to the changed text. Open the workbook on its own to see them.</source>
        <translation>其审核工作簿 %1 保存于该文件改动之前，工作簿中的修改不套用到改动后的内容。可单独打开该工作簿查看。</translation>
    </message>
    <message>
        <source>Corrections not saved to the workbook yet (Ctrl+S saves)</source>
        <translation>有尚未保存到工作簿的更正（Ctrl+S 保存）</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Not an annual report</source>
        <translation>不是年度报告</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Agency that published the report</source>
        <translation>发布报告的机关</translation>
    </message>
    <message>
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <source>Table format</source>
        <translation>表格格式</translation>
    </message>
    <message>
        <source>Number of error findings</source>
        <translation>错误数量</translation>
    </message>
    <message>
        <source>Number of warning findings</source>
        <translation>警告数量</translation>
    </message>
</context>
<context>
    <name>ReportListPanel</name>
    <message>
        <source>Filter by file or agency</source>
        <translation>按文件名或机关筛选</translation>
    </message>
    <message>
        <source>With problems only</source>
        <translation>只看有问题的</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s)</source>
        <translation>
            <numerusform>%n 份报告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Not printed in this report; not counted in the sums.</source>
        <translation>本报告未列出此行，不计入合计。</translation>
    </message>
    <message>
        <source>Corrected; the parser read %1 (right-click › Revert)</source>
        <translation>已更正；原识别值为 %1（右键 › 还原）</translation>
    </message>
    <message>
        <source>Text in the report: %1</source>
        <translation>报告原文：%1</translation>
    </message>
    <message>
        <source>Suggested: %1 (%2 accepts)</source>
        <translation>建议改为 %1（按 %2 采纳）</translation>
    </message>
</context>
<context>
    <name>RestoreBar</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Last time %1 report(s) with %2 correction(s) were open; %3 of them have corrections not yet saved to Excel. Restore them? Discard forgets those corrections.</source>
        <translation>上次打开了 %1 份报告，共有 %2 处更正，其中 %3 份报告的更正尚未保存到 Excel。是否恢复？选择“放弃”将清除这些更正。</translation>
    </message>
</context>
<context>
    <name>SavePlaceQuestion</name>
    <message>
        <source>Where should audit workbooks be saved?</source>
        <translation>审核工作簿保存在哪里？</translation>
    </message>
    <message>
        <source>Each report&apos;s audit workbook (its tables, marks, findings and corrections) is saved as &lt;name&gt;.审核.xlsx. Where should these workbooks go? The choice is remembered; File → Where to Save Audit Workbooks… changes it.</source>
        <translation>每份报告的审核工作簿（表格、颜色标记、问题清单和修改记录）保存为“原文件名.审核.xlsx”。这些工作簿放在哪里？您的选择会被记住，可在“文件 → 审核工作簿保存位置”中更改。</translation>
    </message>
    <message>
        <source>&amp;Next to each source file</source>
        <translation>与原文件放在同一文件夹(&amp;N)</translation>
    </message>
    <message>
        <source>Opening the folder again opens each report together with its workbook.</source>
        <translation>以后再打开该文件夹时，每份报告会与它的审核工作簿一并打开。</translation>
    </message>
    <message>
        <source>&amp;All in one folder:</source>
        <translation>统一保存到此文件夹(&amp;A)：</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>请选择文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Folder for Audit Workbooks</source>
        <translation>审核工作簿文件夹</translation>
    </message>
    <message>
        <source>Choose a folder that exists.</source>
        <translation>请选择一个已存在的文件夹。</translation>
    </message>
</context>
<context>
    <name>SavedLink</name>
    <message>
        <source>Click to open the folder that holds %1</source>
        <translation>点击打开 %1 所在的文件夹</translation>
    </message>
</context>
<context>
    <name>Saver</name>
    <message>
        <source>%1 could not be read; there is nothing to save.</source>
        <translation>%1 未能读取，没有可保存的内容。</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Report Auditor</source>
        <translation>年报审核助手</translation>
    </message>
    <message>
        <source>Audits annual reports on government information disclosure: open report files (text, web pages, Word, PDF, Excel) or a whole folder, then check the marked cells and findings. Everything stays on this computer.</source>
        <translation>审核政府信息公开工作年度报告：打开报告文件（文本、网页、Word、PDF、Excel）或整个文件夹，然后查看标出的单元格和问题。所有处理都在本机完成。</translation>
    </message>
    <message>
        <source>Open Files… (Ctrl+O)</source>
        <translation>打开文件…（Ctrl+O）</translation>
    </message>
    <message>
        <source>Open Folder… (Ctrl+Shift+O)</source>
        <translation>打开文件夹…（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>View Sample Reports</source>
        <translation>查看示例报告</translation>
    </message>
    <message>
        <source>The samples open labelled as samples, and close when you open your own files.</source>
        <translation>示例报告在列表中标有“示例”，打开您自己的文件时自动关闭。</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <source>No files opened yet.</source>
        <translation>还没有打开过文件。</translation>
    </message>
    <message>
        <source>Files and folders can also be dropped on this window. F1 opens the guide.</source>
        <translation>也可以把文件或文件夹拖到本窗口。按 F1 查看使用指南。</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Errors: %1  Warnings: %2</source>
        <translation>错误 %1  警告 %2</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n file(s) not opened.</source>
        <translation>
            <numerusform>已取消：%n 个文件未打开。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) open.</source>
        <translation>
            <numerusform>已打开 %n 份报告。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggestion accepted (%n cell(s)); Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>已采纳建议（%n 个单元格）；按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>无法确定</translation>
    </message>
    <message>
        <source>%1 %2: the figures “%3” can be read more than one way; choose the reading:</source>
        <translation>%1%2：数字“%3”有多种读法，请选择：</translation>
    </message>
    <message>
        <source>%1 %2: the figures “%3” fit the form only one way:</source>
        <translation>%1%2：数字“%3”只有一种读法符合表格：</translation>
    </message>
    <message>
        <source>Fill the cells with this reading; Ctrl+Z undoes it.</source>
        <translation>按此读法填写这些单元格；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>%1 — press %2 to accept; Ctrl+Z undoes it.</source>
        <translation>%1。按 %2 采纳，Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Accept (%1)</source>
        <translation>采纳（%1）</translation>
    </message>
</context>
<context>
    <name>SuggestionOffer</name>
    <message>
        <source>Accept &amp;Suggestion</source>
        <translation>采纳建议(&amp;S)</translation>
    </message>
    <message>
        <source>Accept Reading &amp;%1</source>
        <translation>采纳读法 &amp;%1</translation>
    </message>
</context>
<context>
    <name>TablesPanel</name>
    <message>
        <source>No report selected.</source>
        <translation>未选择报告。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>This file could not be read:
%1</source>
        <translation>无法读取此文件：
%1</translation>
    </message>
    <message>
        <source>No annual report was recognised in this file: it has no report title, none of the six sections and none of the form&apos;s tables. Its text is shown on the left.</source>
        <translation>未能在此文件中识别出年度报告：没有报告标题、六个部分和规定的表格。文件内容显示在左侧。</translation>
    </message>
    <message>
        <source>This report has no standard tables (format: %1).</source>
        <translation>此报告没有标准表格（格式：%1）。</translation>
    </message>
    <message>
        <source>%1: %2 error(s), %3 warning(s)</source>
        <translation>%1：错误 %2 个，警告 %3 个</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
</context>
<context>
    <name>UnsavedQuestion</name>
    <message>
        <source>Unsaved corrections</source>
        <translation>未保存的更正</translation>
    </message>
    <message>
        <source>%1 report(s) have corrections not yet saved to Excel:
%2</source>
        <translation>以下 %1 份报告的更正尚未保存到 Excel：
%2</translation>
    </message>
    <message>
        <source>Save All writes each report&apos;s audit workbook. Close Without Saving writes no workbook; the corrections stay in the workspace and are offered for restoring the next time the program starts.</source>
        <translation>“全部保存”为每份报告写入审核工作簿。“不保存并关闭”不写入工作簿；更正仍保存在工作区中，下次启动程序时可以恢复。</translation>
    </message>
    <message>
        <source>Save writes the report&apos;s audit workbook. Close Without Saving removes the report and its corrections from the workspace; they cannot be restored.</source>
        <translation>“保存”写入该报告的审核工作簿。“不保存并关闭”将把该报告及其更正从工作区中删除，之后无法恢复。</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>全部保存</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close Without Saving</source>
        <translation>不保存并关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Close Report</source>
        <translation>关闭报告(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Re&amp;vert Cell</source>
        <translation>还原单元格(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Next Problem</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Problem</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Find in Text…</source>
        <translation>在原文中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find Ne&amp;xt</source>
        <translation>查找下一处(&amp;X)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一处(&amp;V)</translation>
    </message>
    <message>
        <source>Report &amp;List</source>
        <translation>报告列表(&amp;L)</translation>
    </message>
    <message>
        <source>Report &amp;Text</source>
        <translation>报告原文(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation>表格(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>问题清单(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>About This &amp;Rule</source>
        <translation>该规则的说明(&amp;R)</translation>
    </message>
    <message>
        <source>View &amp;Sample Reports</source>
        <translation>查看示例报告(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Report Auditor</source>
        <translation>关于年报审核助手(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>WorkspaceLink</name>
    <message>
        <source>%1 has changed since it was corrected; its %2 earlier correction(s) were not applied.</source>
        <translation>%1 在更正之后已被修改，之前的 %2 处更正未能恢复（只有内容未变的文件才会恢复更正）。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>In nearly unchanged paragraphs, words struck through in red were deleted since the earlier year and words underlined in blue were added.</source>
        <translation>基本未改动的段落中，红色删除线的文字为较早年度有而本年删去的，蓝色下划线的文字为本年新增的。</translation>
    </message>
    <message>
        <source>Compare Years</source>
        <translation>年度对比</translation>
    </message>
    <message>
        <source>Earlier:</source>
        <translation>较早年度：</translation>
    </message>
    <message>
        <source>Later:</source>
        <translation>较晚年度：</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>互换</translation>
    </message>
    <message>
        <source>Save as Workbook…</source>
        <translation>保存为工作簿…</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Choose two reports to compare.</source>
        <translation>请选择两份报告进行对比。</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>较早年度</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>较晚年度</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Swing: at least fivefold up or down on the earlier year, with 10 cases or more on one side</source>
        <translation>大幅变化：较上一年度增至5倍以上或降至五分之一以下，且一方不少于10件</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改动</translation>
    </message>
    <message>
        <source>nearly unchanged</source>
        <translation>基本未改动</translation>
    </message>
    <message>
        <source>rewritten</source>
        <translation>有改写</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删去</translation>
    </message>
    <message>
        <source>Earlier year:</source>
        <translation>较早年度：</translation>
    </message>
    <message>
        <source>Whole text</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>(no text outside the tables)</source>
        <translation>（表格之外没有文字）</translation>
    </message>
    <message>
        <source>%1 → %2: %3 swing(s) in the tables; text: %4 paragraph(s) unchanged, %5 nearly unchanged, %6 rewritten, %7 new, %8 removed.</source>
        <translation>%1 → %2：表格中大幅变化 %3 处；正文：未改动 %4 段，基本未改动 %5 段，有改写 %6 段，新增 %7 段，删去 %8 段。</translation>
    </message>
    <message>
        <source>Save Comparison</source>
        <translation>保存年度对比</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Agencies with the most problems</source>
        <translation>问题最多的单位</translation>
    </message>
    <message>
        <source>Problems by rule</source>
        <translation>各规则的问题数</translation>
    </message>
    <message>
        <source>Applications received by year</source>
        <translation>各年度收到的申请</translation>
    </message>
    <message>
        <source>Batch Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>问题规则</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Heat Map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Save as Workbook…</source>
        <translation>保存为工作簿…</translation>
    </message>
    <message>
        <source>%1 report(s) of %2 agency(ies); %3 problem(s). Click a figure to select its reports.</source>
        <translation>共 %1 份报告，%2 个单位，%3 个问题。单击数字即可在列表中选中相应的报告。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题合计</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>本年新收申请</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>予以公开</translation>
    </message>
    <message>
        <source>Partly granted</source>
        <translation>部分公开</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予公开</translation>
    </message>
    <message>
        <source>Unable to provide</source>
        <translation>无法提供</translation>
    </message>
    <message>
        <source>Not processed</source>
        <translation>不予处理</translation>
    </message>
    <message>
        <source>Other outcome</source>
        <translation>其他处理</translation>
    </message>
    <message>
        <source>Total processed</source>
        <translation>办理结果总计</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) behind the sum</source>
        <translation>
            <numerusform>合计来自 %n 份报告（空白单元格不计入）</numerusform>
        </translation>
    </message>
    <message>
        <source>Save Overview</source>
        <translation>保存概览</translation>
    </message>
</context>
<context>
    <name>BatchViews</name>
    <message>
        <source>&amp;Compare Years…</source>
        <translation>年度对比(&amp;C)…</translation>
    </message>
    <message>
        <source>Report &amp;Beside the Sum of Others…</source>
        <translation>报告与其他报告合计对照(&amp;B)…</translation>
    </message>
    <message>
        <source>Batch &amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>Save &amp;Roll-up of Listed Reports…</source>
        <translation>合计列表中的报告并保存(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Roll-up</source>
        <translation>保存合计表</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) behind the figure</source>
        <translation>
            <numerusform>该数字对应 %n 份报告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BesideView</name>
    <message>
        <source>Report Beside the Sum of Others</source>
        <translation>报告与其他报告合计对照</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>报告(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Beside the sum of (checked):</source>
        <translation>对照以下报告的合计（勾选）(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Listed</source>
        <translation>列表中的报告(&amp;L)</translation>
    </message>
    <message>
        <source>Check the reports the list shows (as filtered)</source>
        <translation>勾选报告列表当前显示（按筛选）的报告</translation>
    </message>
    <message>
        <source>&amp;All</source>
        <translation>全部(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>全不选(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save as Workbook…</source>
        <translation>保存为工作簿(&amp;S)…</translation>
    </message>
    <message>
        <source>No report with tables of the 2019 or 2021 form is open.</source>
        <translation>没有打开含2019版或2021版表格的报告。</translation>
    </message>
    <message>
        <source>This report</source>
        <translation>本报告</translation>
    </message>
    <message>
        <source>Sum of others</source>
        <translation>其他报告合计</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>计入份数</translation>
    </message>
    <message>
        <source>Not on both forms: not summed, not compared</source>
        <translation>两种表式不共有：未合计，未对照</translation>
    </message>
    <message>
        <source>Not compared: a side is blank</source>
        <translation>未对照：一方为空白</translation>
    </message>
    <message>
        <source>Equal to the sum of the others</source>
        <translation>与其他报告合计一致</translation>
    </message>
    <message>
        <source>Differs: this report %1, the others' sum %2, difference %3</source>
        <translation>不一致：本报告 %1，其他报告合计 %2，差额 %3</translation>
    </message>
    <message>
        <source>Check the reports whose sum the report is put beside.</source>
        <translation>请勾选要合计并与本报告对照的报告。</translation>
    </message>
    <message>
        <source>%1 beside the sum of %2 report(s): %3 cell(s) differ (orange).</source>
        <translation>%1 与其他 %2 份报告的合计对照：%3 个单元格不一致（橙色）。</translation>
    </message>
    <message>
        <source>The reports are of both forms: only the cells both forms share are summed and compared; not compared (grey): %1.</source>
        <translation>所选报告两种表式都有：只合计和对照两种表式共有的单元格；未对照（灰色）：%1。</translation>
    </message>
    <message>
        <source>Not summed (no tables of the form): %1.</source>
        <translation>未计入合计（没有规定表式的表格）：%1。</translation>
    </message>
    <message>
        <source>Save Comparison with the Sum</source>
        <translation>保存对照合计</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) behind the sum</source>
        <translation>
            <numerusform>计入合计的报告 %n 份</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n left it blank (not summed)</source>
        <translation>
            <numerusform>；%n 份空白（未计入）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>上一页（PgUp）</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>下一页（PgDn）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page to the width of the pane (Ctrl+0)</source>
        <translation>按窗格宽度显示整页宽度（Ctrl+0）</translation>
    </message>
    <message>
        <source>Page %1 / %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>The page image cannot be shown: %1</source>
        <translation>无法显示原件图像：%1</translation>
    </message>
</context>
<context>
    <name>SourcePane</name>
    <message>
        <source>Recognised text</source>
        <translation>识别文字</translation>
    </message>
    <message>
        <source>Page image</source>
        <translation>原件图像</translation>
    </message>
    <message>
        <source>The scanned page, with the selected cell framed</source>
        <translation>扫描原件，所选单元格已框出</translation>
    </message>
</context>
</TS>
