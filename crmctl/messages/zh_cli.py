"""Chinese of the command line's own words: click's headings, usage, and the global options."""

ZH = {
    # click's help layout
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Examples:": "示例:",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default": "默认",
    "required": "必填",
    ": ": ": ",
    "; ": "; ",
    # what every command may print
    "crmctl: error: {message}": "crmctl: 错误: {message}",
    "crmctl: warning: {message}": "crmctl: 警告: {message}",
    "the change is saved but was not committed: {reason}": "修改已保存, 但未提交到 git: {reason}",
    "committed {commit}": "已提交 {commit}",
    "{files} unreadable record file(s) left out; run 'crmctl check'": (
        "有 {files} 个记录文件无法读取, 已略过; 请运行 'crmctl check'"
    ),
    "no records named (give ids, or - to read them from standard input)": (
        "未指定记录 (请给出编号, 或用 - 从标准输入读取)"
    ),
    "argument {arg!r} is not valid UTF-8 (check the terminal's encoding, LANG)": (
        "参数 {arg!r} 不是有效的 UTF-8 (请检查终端编码和 LANG)"
    ),
    # the input side: confirmations of writes, corrections, codes, mass changes
    "Edit a record in $VISUAL or $EDITOR, validated on save.": (
        "在编辑器 ($VISUAL 或 $EDITOR) 中修改一条记录, 保存时校验。"
    ),
    # confirmations of writes (one line on stderr; stdout keeps the ids)
    "logged visit {id} {name}": "已记录回访 {id} {name}",
    "next follow-up {day}": "下次回访 {day}",
    "call back {moment}": "约定回电 {moment}",
    "corrected visit {id}: {fields}": "已更正回访 {id}：{fields}",
    "voided visit {id}: {reason}": "已作废回访 {id}：{reason}",
    "undid {action} of {id} ({at}, {by}): status {status}": (
        "已撤销 {id} 的 {action}（{at}，{by}）：状态 {status}"
    ),
    "edited {kind} {id}: {fields}": "已修改 {kind} {id}：{fields}",
    "no change; nothing written": "未作修改, 未写入",
    "{kind} {id} left as it was: {problems}": "{kind} {id} 未修改：{problems}",
    "# crmctl edit {kind} {id}: change fields, save and quit; quit without saving to cancel.": (
        "# crmctl edit {kind} {id}：修改字段后保存退出；不保存退出即取消。"
    ),
    "# id, created, updated and history are kept by crmctl; the change becomes one history entry.": (
        "# id、created、updated 和 history 由 crmctl 维护；本次修改记为一条历史记录。"
    ),
    # the words of a write's confirmation line
    "added customer": "已新增客户",
    "changed customer": "已修改客户",
    "marked lost:": "已标记流失",
    "received complaint": "已受理投诉",
    "received suggestion": "已受理建议",
    "received inquiry": "已受理咨询",
    "received lookup": "已受理查询",
    "answered": "已答复",
    "converted into a complaint:": "已转为投诉:",
    "added plan": "已新增计划",
    "gave {count} record(s) to {staff}": "已将 {count} 条记录交给 {staff}",
    "gave {record} to {staff}": "已将 {record} 交给 {staff}",
    "planned an action in": "已新增计划事项:",
    "marked an action done in": "已完成计划事项:",
    "judged": "已判断",
    "investigated": "已调查",
    "proposed a solution for": "已提出方案",
    "approved the solution of": "已审批方案",
    "implemented": "已实施",
    "resolved": "已解决",
    "called back about": "已回访投诉",
    "closed": "已结案",
    "reopened": "已重新打开",
    "put on hold": "已暂停",
    "resumed": "已恢复",
    "replied to the customer about": "已回复客户",
    "recorded receivable": "已登记应收",
    "recorded a payment of": "已登记收款",
    "wrote off": "已核销",
    # empty results
    "no customers match": "没有符合条件的客户",
    "no visits match": "没有符合条件的回访记录",
    "no complaints match": "没有符合条件的投诉",
    "nothing due matches": "没有符合条件的待办",
    "no plans match": "没有符合条件的计划",
    "no receivables match": "没有符合条件的应收账款",
    "every customer reviewed has the grade the grade rules give": "所查客户的等级都符合分级规则",
    "crmctl edit opens $VISUAL or $EDITOR: neither is set, and there is no terminal for vi; set one, e.g. EDITOR=nano crmctl edit {ref}": (
        "crmctl edit 会打开 $VISUAL 或 $EDITOR: 两者都未设置, 且没有可运行 vi 的终端; "
        "请设置其一, 例如 EDITOR=nano crmctl edit {ref}"
    ),
    # an ambiguous reference on a terminal
    "'{ref}' names several records:": "'{ref}' 对应多条记录:",
    "which one? (1-{last}, Enter for none)": "选哪一条? (1-{last}, 直接回车表示都不选)",
    # codes and labels
    "{option} '{value}' is not one of: {accepted}": "{option} 没有 '{value}' 这一项；可选：{accepted}",
    # corrections refused
    "visit {id}: nothing to change (give the fields to correct)": (
        "回访 {id}：没有要修改的内容 (请给出要更正的字段)"
    ),
    "say why the visit is void: --reason TEXT": "请说明作废原因：--reason 原因",
    "visit {id} is already void ({reason})": "回访 {id} 已作废 ({reason})",
    "--at {moment} is in the future (now is {now})": "--at {moment} 在将来 (现在是 {now})",
    "complaint {id} has no step to undo (only its receipt)": "投诉 {id} 没有可撤销的步骤 (只有受理)",
    "the {action} of {at} is older than corrections.undo_within ({window}); take the next step "
    "instead, or ask a supervisor to correct it by hand (crmctl edit {id})": (
        "{at} 的 {action} 已超过 corrections.undo_within ({window})；请改为执行下一步, "
        "或请主管手工更正 (crmctl edit {id})"
    ),
    "{kind} {id} is not valid YAML": "{kind} {id} 不是有效的 YAML",
    "{kind} {id} is not valid": "{kind} {id} 无效",
    "(record): not a mapping": "(记录)：不是键值映射",
    "Do not ask before changing many records on a terminal.": "在终端上批量修改前不再询问。",
    "nothing changed (answered no)": "未作任何修改 (回答了否)",
    "apply these {count} change(s)?": "应用以上 {count} 项更改？",
    "; ask {whom} to run it: crmctl {command}": "；请{whom}执行：crmctl {command}",
    "a supervisor or manager": "主管或经理",
    "your {role} {staff}": "你的{role} {staff}",
    # import: how the file was read, the column plan, notes and the summary
    "reading {name}": "读取 {name}",
    "as {encoding} ({how}; --encoding to change)": "编码 {encoding}（{how}；可用 --encoding 更改）",
    "detected": "自动识别",
    "given": "由 --encoding 指定",
    "byte-order mark": "按字节顺序标记",
    "; also possible: {names}": "；也可能是 {names}",
    "sheet '{sheet}' (--sheet to choose)": "工作表 '{sheet}'（可用 --sheet 选择）",
    "header in row {row}, row(s) {rows} above it skipped": "表头在第 {row} 行，跳过其上第 {rows} 行",
    ", ": "，",
    "columns:": "列与字段：",
    "(skipped)": "（跳过）",
    "alias {header}": "别名 {header}",
    "field name": "字段名",
    "empty": "空列",
    "unknown": "未知列",
    "kept by crmctl itself": "由 crmctl 自己维护",
    "an export's extra column": "导出的 extra 列",
    "note: {line}": "注意: {line}",
    "customers": "客户",
    "visits": "回访记录",
    "complaints": "投诉",
    "would create {created}, would update {updated}, would leave {unchanged} unchanged {plural}": (
        "{plural}: 将新建 {created}，将更新 {updated}，不变 {unchanged}"
    ),
    "created {created}, updated {updated}, left {unchanged} unchanged {plural}": (
        "{plural}: 新建 {created}，更新 {updated}，不变 {unchanged}"
    ),
    # the morning view (a bare `crmctl`)
    "Not in a data root. To start: crmctl init DIR, then cd DIR (or --root DIR, CRMCTL_ROOT); "
    "crmctl --help lists the commands.": (
        "当前不在数据目录中。开始使用: crmctl init DIR, 然后 cd DIR (或用 --root DIR、CRMCTL_ROOT); "
        "crmctl --help 列出所有命令。"
    ),
    "Team: {overdue} overdue, {today} due today; {complaints} open complaints, "
    "{breached} past a deadline": (
        "团队: 逾期 {overdue} 项, 今天到期 {today} 项; 未处理完的投诉 {complaints} 条, 其中超时 {breached} 条"
    ),
    "Nothing is due today or overdue.": "今天没有到期或逾期的事项。",
    "Due today or overdue: {total} ({overdue} overdue, {today} today): {rules}": (
        "今天到期或已逾期: {total} 项 (逾期 {overdue} 项, 今天 {today} 项): {rules}"
    ),
    "… {more} more: crmctl due --mine --within today": (
        "… 还有 {more} 项: crmctl due --mine --within today"
    ),
    "Open complaints waiting on you: {count}": "等你处理的未结投诉: {count} 条",
    # due rules, by their codes (English shows the code, as --kind takes it)
    "cadence": "等级周期回访",
    "next_day": "次日回访",
    "new_owner": "新负责人首次联系",
    "handover": "移交后首次联系",
    "followup": "计划跟进",
    "callback": "约定回电",
    "lost": "流失回访",
    "occasion": "特色回访",
    "credit_review": "信用额度复核",
    "profile_refresh": "档案更新",
    "complaint_ack": "投诉受理时限",
    "complaint_resolve": "投诉解决时限",
    "complaint_reply": "答复客户时限",
    "complaint_callback": "投诉回访时限",
    "inquiry_answer": "咨询答复时限",
    "receivable_reminder": "到期提醒",
    "receivable_chase": "催收",
    "receivable_escalation": "催收上报",
    "reconciliation": "对账",
    "took back the write-off of": "已撤销核销",
    "took back payment {id} ({amount}) of": "已冲销收款 {id} ({amount}):",
    "balance {amount} {currency}": "余额 {amount} {currency}",
    "give either a PAYMENT to reverse or --write-off": "请给出要冲销的收款 (PAYMENT) 或 --write-off, 二者取一",
}
