"""Chinese of errors and warnings."""

ZH: dict[str, str] = {
    # plans
    "plan {title} is not valid": "计划 {title} 不合规",
    "the plan's title is empty": "计划标题为空",
    "{customer} has no owner: say who does it with --owner": "{customer} 没有负责人: 请用 --owner 指定执行人",
    "action '{ref}'": "计划事项 '{ref}'",
    "plan {plan} has no action '{ref}'": "计划 {plan} 中没有事项 '{ref}'",
    "--date {day} is in the future": "--date {day} 是将来的日期",
    "action {action} is already marked done": "事项 {action} 已标记为完成",
    # import
    "nothing was imported: {count} problem(s)": "未导入任何记录: {count} 个问题",
    " (--all-errors: each)": " (--all-errors 逐行列出)",
}
