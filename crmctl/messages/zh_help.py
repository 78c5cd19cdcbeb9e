"""Chinese of the help: what each command and option does (the English is the command's docstring or
the option's help= text, as click shows it)."""

ZH = {
    # crmctl
    "crmctl: a git-friendly CRM for customer-service and key-account teams.\n\n"
    "Without a command: your day (what is due or overdue, complaints waiting on you).\n\n"
    "The customer archive, complaints and visit logs are YAML files in a data root (a directory "
    "with\n"
    "crmctl.yaml), one file per record, meant to live in git.": (
        "crmctl: 适合用 git 管理的客服部 / 大客户部客户关系管理工具。\n\n"
        "不带命令运行: 显示你今天的工作 (到期和逾期的事项、等你处理的投诉)。\n\n"
        "客户档案、投诉和回访记录以 YAML 文件保存在数据目录中 (含 crmctl.yaml 的目录),\n"
        "每条记录一个文件, 适合放进 git。"
    ),
    "Data root (env CRMCTL_ROOT; default: found upwards from here).": (
        "数据目录 (环境变量 CRMCTL_ROOT; 默认从当前目录向上查找)。"
    ),
    "Act as this staff member: id, email or name (env CRMCTL_USER; default: git user.email / "
    "user.name).": (
        "以该员工身份操作: 编号、邮箱或姓名 (环境变量 CRMCTL_USER; 默认 git 的 user.email / "
        "user.name)。"
    ),
    "Pretend it is this time, e.g. 2026-11-23T09:30 (env CRMCTL_NOW).": (
        "假定当前时间, 例如 2026-11-23T09:30 (环境变量 CRMCTL_NOW)。"
    ),
    "Output format (env CRMCTL_FORMAT).": "输出格式 (环境变量 CRMCTL_FORMAT)。",
    "Tables in full on a terminal too: every column, whole texts and ids (env CRMCTL_WIDE).": (
        "在终端上也显示完整表格: 所有列、完整文字和编号 (环境变量 CRMCTL_WIDE)。"
    ),
    "Colour late and warning rows: auto (on a terminal, unless NO_COLOR is set), always or "
    "never (env CRMCTL_COLOR).": (
        "为逾期和预警的行着色: auto (在终端上, 除非设置了 NO_COLOR)、always 或 never "
        "(环境变量 CRMCTL_COLOR)。"
    ),
    "Output format (also a global option; env CRMCTL_FORMAT).": (
        "输出格式 (也是全局选项; 环境变量 CRMCTL_FORMAT)。"
    ),
    "Language of messages, help and labels (env CRMCTL_LANG; default from the locale).": (
        "提示、帮助和标签的语言 (环境变量 CRMCTL_LANG; 默认取自系统语言环境)。"
    ),
    "Commit each change to git, only the files it touched (env CRMCTL_COMMIT; default: "
    "git.autocommit in crmctl.yaml).": (
        "每次修改都提交到 git, 只提交改动的文件 (环境变量 CRMCTL_COMMIT; 默认见 crmctl.yaml 的 "
        "git.autocommit)。"
    ),
    # the list of commands
    "Give customers and complaints to staff (supervisors and managers).": (
        "把客户和投诉分配给员工 (主管和经理)。"
    ),
    "Prove from git that every record's history only ever grew.": "用 git 证明每条记录的历史只增不改。",
    "Print the shell's completion script.": "输出命令行补全脚本。",
    "Print the script that makes SHELL complete crmctl's commands, options, staff, codes of\n"
    "crmctl.yaml, customers' names and complaint ids.": (
        "输出补全脚本, 让 SHELL 能补全 crmctl 的命令、选项、员工、crmctl.yaml 中的代码、\n"
        "客户名称和投诉编号。"
    ),
    "Validate crmctl.yaml and every record.": "校验 crmctl.yaml 和所有记录。",
    "Complaints, suggestions and inquiries (建议和投诉).": "建议、投诉和咨询。",
    "The customer archive (客户档案).": "客户档案。",
    "What must be done, and what is already late.": "待办的跟进, 以及已经逾期的。",
    "Move a complaint's handler one level up.": "把投诉的处理人上升一级。",
    "Export records to CSV, XLSX, JSON Lines or YAML.": "把记录导出为 CSV、XLSX、JSON Lines 或 YAML。",
    "Hand a leaving colleague's customers and complaints over.": "移交离职同事的客户和投诉。",
    "Who changed a record and when.": "谁在何时修改了记录。",
    "Import records from a table, all or nothing.": "从表格导入记录, 要么全部成功要么全不导入。",
    "Create a data root.": "新建数据目录。",
    "Complaint ledger, weekly, monthly and customer-base reports.": (
        "投诉台帐、周报、服务月报和客户统计。"
    ),
    "Receivables (应收账款): amounts owed and payments.": "应收账款: 欠款与回款。",
    "Development and service plans (开发计划, 服务计划).": "大客户开发计划与售后服务计划。",
    "Pull, check and push the archive.": "拉取、校验并推送档案。",
    "Visits and calls (拜访 / 回访记录).": "拜访 / 回访记录。",
    # plan
    "development (prospects) or service (key accounts).": "development (开发计划, 潜在客户) 或 service (服务计划, 大客户)。",
    "First day of the period.": "计划期的第一天。",
    "Last day of the period.": "计划期的最后一天。",
    "Who answers for it (default: you).": "计划负责人 (默认: 你)。",
    "A customer it covers; repeatable.": "计划覆盖的客户; 可重复。",
    "Aims, channels, steps (004 第9–10条).": "目标、渠道与步骤 (004 第9–10条)。",
    "Visit purpose the matching visit must have (visit_purposes).": "完成该事项的拜访须有的目的 (visit_purposes)。",
    "To be done by.": "最迟完成日期。",
    "Who does it (default: the customer's owner).": "执行人 (默认: 客户的负责人)。",
    "What exactly.": "具体内容。",
    "When it was done (default: today).": "完成日期 (默认: 今天)。",
    "Who answers for it; repeatable.": "计划负责人; 可重复。",
    "Only plans whose period holds today.": "只列今天在计划期内的计划。",
}
