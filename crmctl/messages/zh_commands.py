"""Chinese of the help of each command and option (the English is the docstring or help= text)."""

ZH = {
    # customer show's card on a terminal (cli/card.py)
    "Last contacts: {shown} of {total}": "最近联系: {shown} 次 (共 {total} 次)",
    "Open complaints: {count}": "未结投诉: {count}",
    "Due: {count}": "到期事项: {count}",
    "contact every {cadence}": "每 {cadence} 联系一次",
    "{changes} entries; created {at} by {by}": "{changes} 条记录; {at} 由 {by} 创建",
    "; last {action} {at} by {by}": "; 最近一次 {at} 由 {by} {action}",
    "… {more} more: {command}": "… 另有 {more} 条: {command}",
    # progress bars of long work (crmctl/progress.py)
    "reading {kind}": "读取{kind}",
    "checking the records": "检查记录",
    "exporting": "导出",
    "receivables": "应收账款",
    "plans": "计划",
    "Visits and calls (拜访 / 回访记录): log, list, show.": ("拜访 / 回访记录: 记录、列出、查看。"),
    "Show visits by id or unique id prefix (- reads ids from stdin).": (
        "按编号或唯一的编号前缀查看回访记录 (- 从标准输入读取编号)。"
    ),
    "List visits, oldest first.": ("列出回访记录, 按时间先后。"),
    "Only this customer (id, id prefix, exact name or phone).": (
        "只看这个客户的 (编号、编号前缀、准确名称或电话)。"
    ),
    "Only visits by this staff member (id, email or name); repeatable.": (
        "只看该员工的回访 (编号、邮箱或姓名); 可重复。"
    ),
    "From this day on: 2026-11-01, -7d or 7d (a week ago), -2w, yesterday, monday (the last one), 上周一, 3天前.": (
        "从这一天起: 2026-11-01、-7d 或 7d (一周前)、-2w、yesterday、monday (最近的一个)、上周一、3天前。"
    ),
    "Up to and including this day (the same forms).": ("截至这一天 (含当天; 写法同上)。"),
    "Channel code; repeatable.": ("渠道代码; 可重复。"),
    "Visit purpose code; repeatable.": ("回访目的代码; 可重复。"),
    "Log a visit or call you made to CUSTOMER (id, id prefix, exact name or phone); prints its id\n(and, with --complaint, the complaint's).\n\nThe acting user (--as) is the one who made the contact. Specialists log visits only for\ncustomers they own or are a secondary contact of; supervisors and managers for any customer.\nA reached contact on a two-way channel resets the grade cadence; an unanswered call or an SMS\ndoes not. Logging a visit never changes the customer record.\n\n--complaint TEXT raises a complaint from the visit (as `complaint log` would, received at the\nvisit's time on the during-a-visit channel, you its first responder) and links the two records;\n--complaint ID links an existing complaint of the customer instead, adding the visit to its links.\nSomething written like an id (T, a digit, id characters) that names no complaint is an error, not\na complaint text. The visit and the complaint are written together or not at all; the ids of both\nare printed.": (
        "记录你对客户 CUSTOMER (编号、编号前缀、准确名称或电话) 的一次拜访或电话; 输出其编号\n(用 --complaint 时也输出投诉的编号)。\n\n当前用户 (--as) 即联系人。专员只能为自己负责或作为协同联系人的客户记录回访; 主管和经理可为任何客户记录。\n在双向渠道上联系上客户会重置等级回访周期; 未接通的电话或短信不会。记录回访从不修改客户档案。\n\n--complaint TEXT 从这次回访新建一条投诉 (如同 `complaint log`, 受理时间为回访时间, 渠道为回访中, 你是首问责任人) 并关联两条记录;\n--complaint ID 则关联该客户已有的投诉, 把这次回访加入其关联。\n形如编号 (T、数字、编号字符) 却找不到对应投诉的内容视为错误, 而不是投诉内容。回访和投诉要么一起写入要么都不写入; 两者的编号都会输出。"
    ),
    "A channel code of crmctl.yaml: phone, onsite, qq, wechat, sms, email, walkin.": (
        "crmctl.yaml 中的渠道代码: phone、onsite、qq、wechat、sms、email、walkin。"
    ),
    "A visit_purposes code of crmctl.yaml (default: the first, routine).": (
        "crmctl.yaml 中 visit_purposes 的代码 (默认第一个, 即 routine 常规回访)。"
    ),
    "Whether the customer was reached (required).": ("是否联系上了客户 (必填)。"),
    "What was said or done (回访内容).": ("说了什么或做了什么 (回访内容)。"),
    "Needs or requests the customer raised (客户需求).": ("客户提出的需求或要求 (客户需求)。"),
    "1-5, or 满意 (5) / 一般 (3) / 不满意 (1).": ("1-5, 或 满意 (5) / 一般 (3) / 不满意 (1)。"),
    "Next follow-up day: 2026-12-14, +30d, +2wd, friday, next monday, 明天, 下周一, 3天后 (relative forms count from the visit's day).": (
        "下次回访日期: 2026-12-14、+30d、+2wd、friday、next monday、明天、下周一、3天后 (相对写法从回访当天算起)。"
    ),
    "A call-back time agreed with the customer: '2026-12-08 14:00', 'tomorrow 15:00', 明天下午3点.": (
        "与客户约定的回电时间: '2026-12-08 14:00'、'tomorrow 15:00'、明天下午3点。"
    ),
    "When the contact happened, if earlier than now: '2026-11-20 16:00', 'yesterday 15:00', 上周五下午4点.": (
        "联系发生的时间 (若早于现在): '2026-11-20 16:00'、'yesterday 15:00'、上周五下午4点。"
    ),
    "The date the customer promised to pay by (催收 / 对账 visits): the chase waits for it.": (
        "客户承诺的付款日期 (催收 / 对账回访): 催收会等到这一天。"
    ),
    "What the customer complained about, raising a new complaint; or the id (or unique prefix) of an existing complaint of this customer, to link it.": (
        "客户投诉的内容, 据此新建一条投诉; 或该客户已有投诉的编号 (或唯一前缀), 用于关联。"
    ),
    "Kind of the new complaint: complaint (default), suggestion, inquiry, lookup.": (
        "新投诉的类别: complaint (投诉, 默认)、suggestion (建议)、inquiry (咨询)、lookup (查询)。"
    ),
    "Severity of the new complaint: normal (default), major, crisis.": (
        "新投诉的级别: normal (一般, 默认)、major (重大)、crisis (危机)。"
    ),
    "Category of the new complaint: product, delivery, service, billing, other.": (
        "新投诉的问题类别: product、delivery、service、billing、other。"
    ),
    "Share the archive: pull from the upstream branch (record files merged field by field), run\n`check`, and push only if the archive passes. On a conflict or a failed check nothing is pushed\nand every problem is listed as `path:line: …` for you to fix and commit.": (
        "共享档案: 从上游分支拉取 (记录文件逐字段合并), 运行 `check`, 只有档案通过校验才推送。遇到冲突或校验失败时不推送, 并以 `path:line: …` 列出每个问题, 供你修正后提交。"
    ),
    "Reports: complaint ledger, weekly complaints, monthly service report, customer base.": (
        "报告: 投诉台帐、每周投诉、服务月报、客户统计。"
    ),
    'The customer base (客户统计) by grade, status, owner and region.\n\n\x08\nDefinitions (every figure counts customer records in the archive that\nmatch the filters, the same ones `customer list` takes, whatever their status):\n  customers  customers whose grade/status/owner/region is this value;\n             "(none)" counts those with the field empty\n  active, prospect, lost\n             of those, how many have this status (活跃 / 潜在 / 流失)\n  share %    customers / all matching customers x 100, one decimal\n  total      all matching customers; each dimension\'s rows add up to it': (
        '按等级、状态、负责人和区域统计客户 (客户统计)。\n\n\x08\n定义 (每个数字统计档案中符合筛选条件的客户记录, 筛选条件与 `customer list` 相同, 不论状态):\n  客户数      等级/状态/负责人/区域为该值的客户;\n              "(无)" 统计该字段为空的客户\n  活跃、潜在、流失\n              其中处于该状态的客户数\n  占比%       客户数 / 全部符合条件的客户数 x 100, 保留一位小数\n  合计        全部符合条件的客户; 每个维度的各行相加等于它'
    ),
    "Grade or grade letter (A = A1 and A2); repeatable.": (
        "Grade 等级或等级字母 (A 即 A1 和 A2); 可重复。"
    ),
    "Owner (staff id, email or name); repeatable.": ("负责人 (员工编号、邮箱或姓名); 可重复。"),
    'The monthly service report (服务月报): visits, key-account coverage, first contacts, overdue follow-ups, satisfaction, complaints, lost customers. Shortfalls are listed beside the figures they spoil (杜绝报喜不报忧).\n\n\x08\nPeriod and cutoff: the month (or ISO week) containing --now unless\n--month/--week names one; every figure is measured at the cutoff, the\nperiod\'s end, or now while the period runs (the heading says "not over").\nRecords count as they stood at the cutoff: later history entries are undone,\nso a finished period reads the same whenever it is printed again.\n\n\x08\nDefinitions:\n  visits           contacts logged in the month; reached = a two-way\n                   contact (reached, on a channel that reaches the\n                   customer: not SMS or email); not reached = the rest\n  satisfied        a reached visit rated reports.satisfied_at (4 in the\n                   template) or more on 1-5; satisfied % = satisfied / rated visits,\n                   against reports.satisfaction_target (95%)\n  key accounts     customers of a key_account grade (A一级, A二级) not lost\n                   at the cutoff; coverage % = those with a two-way contact\n                   in the month / all of them, target 100% (必须保证优质客户\n                   的100%的回访); every one missed is listed\n  first contacts   new-owner and handover first contacts (crmctl due rules\n                   new_owner, handover) whose due date fell in the month:\n                   on time = the owner reached the customer by the end of\n                   the due day; late = after it; missing = not by the cutoff\n                   (the ownership a customer had at the cutoff counts)\n  overdue          what `crmctl due --overdue` showed at the cutoff\n  complaints       as in `crmctl report ledger` (received, handled, open,\n                   breached); inquiries and lookups on the light path\n                   are counted apart (inquiry figures: received,\n                   answered, answered in time, that share in percent);\n                   lost = customers whose lost_at is in the\n                   month, with the reason and whether a 流失回访 was made\n  collection       money of receivables (key accounts: customers of a\n                   key_account grade at the cutoff), per currency:\n                   collected = payments dated in the month (by the\n                   cutoff), every customer (回款); billed due = amounts of\n                   key accounts\' receivables due in the month before the\n                   cutoff\'s day; overdue rate (欠费率) = what of those is\n                   unpaid at the cutoff, written off included / billed due,\n                   target reports.overdue_rate_target at most (5‰); collection\n                   rate (托收率) = what of them was paid by its due date /\n                   billed due, target reports.collection_rate_target at\n                   least (70%); rates in percent, two decimals\nA "met" column says no whenever a figure misses its target.': (
        '服务月报: 回访、大客户回访覆盖、首次联系、逾期跟进、满意度、投诉、流失客户。未达标之处列在受影响的数字旁边 (杜绝报喜不报忧)。\n\n\x08\n期间和截止时间: 默认为 --now 所在的月 (或 ISO 周), 可用 --month/--week 指定; 每个数字都在截止时间计量, 即期间结束时, 或期间未结束时的现在 (标题会注明 "未结束")。\n记录按截止时间的状态计算: 之后的历史条目会被撤回, 因此已结束的期间无论何时重新输出, 结果都相同。\n\n\x08\n定义:\n  回访数           当月记录的联系; 已联系上 = 双向联系 (联系上, 且渠道能触达客户: 不是短信或邮件); 未联系上 = 其余的\n  满意             联系上且评分达到 reports.satisfied_at (模板中为 4) 或以上 (1-5 分) 的回访; 满意率% = 满意 / 有评分的回访, 对照 reports.satisfaction_target (95%)\n  大客户数         截止时未流失的大客户等级 (key_account: A一级, A二级) 客户; 大客户回访覆盖率% = 当月有双向联系的 / 全部, 目标 100% (必须保证优质客户的100%的回访); 逐一列出遗漏的客户\n  首次联系         当月到期的新负责人和移交首次联系 (crmctl due 的新负责人首次联系、移交后首次联系规则): 按时 = 负责人在到期日结束前联系上客户; 逾期完成 = 在其之后; 未完成 = 截止时仍未联系 (按截止时的负责关系计算)\n  逾期跟进         截止时 `crmctl due --overdue` 显示的内容\n  投诉             同 `crmctl report ledger` (受理、处理完毕、未处理完、超时); 走简易流程的咨询和查询另行统计 (咨询情况: 受理、已答复、按时答复及其百分比); 流失客户 = lost_at 在当月的客户, 附原因及是否做了流失回访\n  回款与欠费       应收账款的款项 (大客户: 截止时属于 key_account 等级的客户), 按币种:\n                   回款 = 当月 (截止前) 日期的回款, 所有客户; 本月到期应收 = 大客户在当月截止日前到期的应收金额;\n                   大客户欠费率% = 其中截止时未付的部分 (含核销) / 本月到期应收, 目标不超过 reports.overdue_rate_target (5‰);\n                   大客户托收率% = 其中到期前已付的部分 / 本月到期应收, 目标至少 reports.collection_rate_target (70%); 比率为百分数, 保留两位小数\n"达标" 列在数字未达到目标时显示否。'
    ),
    "The month: 2026-11, 2026年11月, 11月, 上月 (default: the one containing --now).": (
        "月份: 2026-11、2026年11月、11月、上月 (默认 --now 所在的月份)。"
    ),
    "Write the report as one self-contained HTML page with charts ('-': standard output).": (
        "把报告写成一个带图表的独立 HTML 页面 ('-': 标准输出)。"
    ),
    "Only this part (csv shows one part: the first, headline, unless this names another).": (
        "只输出这一部分 (csv 只输出一部分: 默认第一部分 headline, 除非这里指定其他部分)。"
    ),
    "Complaints and inquiries of a week (投诉及咨询信息周报, 002): the ledger of one ISO week, Monday to Sunday.\n\n\x08\nPeriod and cutoff: the month (or ISO week) containing --now unless\n--month/--week names one; every figure is measured at the cutoff, the\nperiod's end, or now while the period runs (the heading says \"not over\").\nRecords count as they stood at the cutoff: later history entries are undone,\nso a finished period reads the same whenever it is printed again.\n\n\x08\nRows (ledger): every complaint, suggestion, inquiry and lookup RECEIVED in\nthe period, with its state at the cutoff:\n  acknowledged   when it was judged (判断: the acknowledgement)\n  ack office h   office hours from receipt to acknowledgement, counted on\n                 the working calendar of crmctl.yaml (rest days, holidays\n                 and time outside office_hours do not count)\n  resolved       when handling ended: the customer accepted a solution, or\n                 an invalid (不成立) complaint was closed\n  resolve office h  office hours from receipt to that end (holds included)\n  breached       deadlines missed by the cutoff (crmctl.yaml deadlines):\n                 acknowledge and resolve targets of its severity (resolve\n                 moves back by holds), the reply date promised to the\n                 customer, the callback after resolution. A target met late\n                 stays a breach.\n  satisfaction   the callback's 满意 / 一般 / 不满意\nCounts: per kind, severity, category, responsible department, status:\ncomplaints, still open at the cutoff, with at least one breach.\nSummary: received (in the period), handled (handling ended in the period,\nwhenever received), open at cutoff (received by the cutoff, any period,\nnot handled), breached (of those received), breaches per deadline,\ncallbacks by satisfaction.": (
        '一周的投诉及咨询 (投诉及咨询信息周报, 002): 一个 ISO 周 (周一到周日) 的台帐。\n\n\x08\n期间和截止时间: 默认为 --now 所在的月 (或 ISO 周), 可用 --month/--week 指定; 每个数字都在截止时间计量, 即期间结束时, 或期间未结束时的现在 (标题会注明 "未结束")。\n记录按截止时间的状态计算: 之后的历史条目会被撤回, 因此已结束的期间无论何时重新输出, 结果都相同。\n\n\x08\n行 (台帐): 期间内受理的每条投诉、建议、咨询和查询, 及其在截止时间的状态:\n  acknowledged   判断的时间 (判断: 即受理确认)\n  ack office h   从受理到判断的办公小时数, 按 crmctl.yaml 的工作日历计算 (休息日、节假日和 office_hours 以外的时间不计)\n  resolved       处理结束的时间: 客户认可了处理方案, 或不成立的投诉已结案\n  resolve office h  从受理到处理结束的办公小时数 (含暂停时间)\n  breached       截止时已错过的时限 (crmctl.yaml 的 deadlines): 按级别的受理和解决时限 (解决时限按暂停时间顺延)、向客户承诺的答复日期、处理后的回访。逾期完成的仍算超时。\n  satisfaction   回访时的 满意 / 一般 / 不满意\n分类统计: 按类别、级别、问题类别、责任部门、状态: 投诉数、截止时未处理完的、至少超时一次的。\n汇总: 受理 (期间内)、处理完毕 (期间内处理结束, 不论何时受理)、截止时未处理完 (截止前受理、任何期间、未处理完)、超时 (期间内受理的)、各时限的超时次数、按满意度统计的回访。'
    ),
    "The ISO week, e.g. 2026-W48 (default: the one containing --now).": (
        "ISO 周, 例如 2026-W48 (默认 --now 所在的周)。"
    ),
    "Only this part (csv shows one part: the first, ledger, unless this names another).": (
        "只输出这一部分 (csv 只输出一部分: 默认第一部分 ledger, 除非这里指定其他部分)。"
    ),
    "The complaint ledger (投诉台帐) of a month.\n\n\x08\nPeriod and cutoff: the month (or ISO week) containing --now unless\n--month/--week names one; every figure is measured at the cutoff, the\nperiod's end, or now while the period runs (the heading says \"not over\").\nRecords count as they stood at the cutoff: later history entries are undone,\nso a finished period reads the same whenever it is printed again.\n\n\x08\nRows (ledger): every complaint, suggestion, inquiry and lookup RECEIVED in\nthe period, with its state at the cutoff:\n  acknowledged   when it was judged (判断: the acknowledgement)\n  ack office h   office hours from receipt to acknowledgement, counted on\n                 the working calendar of crmctl.yaml (rest days, holidays\n                 and time outside office_hours do not count)\n  resolved       when handling ended: the customer accepted a solution, or\n                 an invalid (不成立) complaint was closed\n  resolve office h  office hours from receipt to that end (holds included)\n  breached       deadlines missed by the cutoff (crmctl.yaml deadlines):\n                 acknowledge and resolve targets of its severity (resolve\n                 moves back by holds), the reply date promised to the\n                 customer, the callback after resolution. A target met late\n                 stays a breach.\n  satisfaction   the callback's 满意 / 一般 / 不满意\nCounts: per kind, severity, category, responsible department, status:\ncomplaints, still open at the cutoff, with at least one breach.\nSummary: received (in the period), handled (handling ended in the period,\nwhenever received), open at cutoff (received by the cutoff, any period,\nnot handled), breached (of those received), breaches per deadline,\ncallbacks by satisfaction.": (
        '一个月的投诉台帐。\n\n\x08\n期间和截止时间: 默认为 --now 所在的月 (或 ISO 周), 可用 --month/--week 指定; 每个数字都在截止时间计量, 即期间结束时, 或期间未结束时的现在 (标题会注明 "未结束")。\n记录按截止时间的状态计算: 之后的历史条目会被撤回, 因此已结束的期间无论何时重新输出, 结果都相同。\n\n\x08\n行 (台帐): 期间内受理的每条投诉、建议、咨询和查询, 及其在截止时间的状态:\n  acknowledged   判断的时间 (判断: 即受理确认)\n  ack office h   从受理到判断的办公小时数, 按 crmctl.yaml 的工作日历计算 (休息日、节假日和 office_hours 以外的时间不计)\n  resolved       处理结束的时间: 客户认可了处理方案, 或不成立的投诉已结案\n  resolve office h  从受理到处理结束的办公小时数 (含暂停时间)\n  breached       截止时已错过的时限 (crmctl.yaml 的 deadlines): 按级别的受理和解决时限 (解决时限按暂停时间顺延)、向客户承诺的答复日期、处理后的回访。逾期完成的仍算超时。\n  satisfaction   回访时的 满意 / 一般 / 不满意\n分类统计: 按类别、级别、问题类别、责任部门、状态: 投诉数、截止时未处理完的、至少超时一次的。\n汇总: 受理 (期间内)、处理完毕 (期间内处理结束, 不论何时受理)、截止时未处理完 (截止前受理、任何期间、未处理完)、超时 (期间内受理的)、各时限的超时次数、按满意度统计的回访。'
    ),
    "Receivables (应收账款): add, pay, reverse, write-off, show, list.": (
        "应收账款: 新增、回款、冲销、核销、查看、列出。"
    ),
    "List receivables, oldest due first: OVERDUE is days past due, AGING its bucket (账龄).": (
        "列出应收账款, 最早到期的在前: OVERDUE 为逾期天数, AGING 为账龄区间。"
    ),
    "Only this customer's (id, name or phone).": ("只看这个客户的 (编号、名称或电话)。"),
    "Collector, else the customer's owner (staff id, email or name); repeatable.": (
        "催收人, 未指定则为客户负责人 (员工编号、邮箱或姓名); 可重复。"
    ),
    "Only balances past their due date.": ("只看已过到期日的余额。"),
    "Aging bucket (账龄): current, 1-30, 31-60, 61-90, over_90 (receivables.aging_buckets); repeatable.": (
        "账龄区间: current、1-30、31-60、61-90、over_90 (receivables.aging_buckets); 可重复。"
    ),
    "Show receivables with paid, balance, status and aging (- reads ids from stdin).": (
        "查看应收账款及已收、余额、状态和账龄 (- 从标准输入读取编号)。"
    ),
    "Write off a receivable's open balance (坏账核销; supervisors and managers).": (
        "核销一笔应收账款的未收余额 (坏账核销; 限主管和经理)。"
    ),
    "Why it cannot be collected.": ("无法收回的原因。"),
    "Record a payment of AMOUNT against a receivable (never more than is open).": (
        "对一笔应收账款记录金额为 AMOUNT 的回款 (不超过未收余额)。"
    ),
    "When the money arrived (default: today).": ("到账日期 (默认今天)。"),
    "Bank slip, remarks.": ("银行回单、备注。"),
    "Record an invoice or statement (NUMBER) a CUSTOMER owes: AMOUNT is an exact decimal.": (
        "记录客户 CUSTOMER 应付的发票或对账单 (编号 NUMBER): AMOUNT 为精确的小数金额。"
    ),
    "ISO code (default: receivables.currency of crmctl.yaml).": (
        "ISO 币种代码 (默认 crmctl.yaml 中的 receivables.currency)。"
    ),
    "Issue date (default: today).": ("开票日期 (默认今天)。"),
    "Due date (default: issued + --terms).": ("到期日 (默认开票日期加 --terms)。"),
    "Payment terms, 30d or 20wd (default: receivables.terms).": (
        "付款期限, 如 30d 或 20wd (默认 receivables.terms)。"
    ),
    "Who chases it (default: the customer's owner).": ("负责催收的人 (默认客户负责人)。"),
    "Notes.": ("备注。"),
    "Create a data root in DIRECTORY: crmctl.yaml with a sample team, records/, schemas/ for\neditors (VS Code settings included), .gitignore and .gitattributes. In a git repository it also\nregisters the merge driver that merges record files field by field.": (
        "在 DIRECTORY 中新建数据目录: 含示例团队的 crmctl.yaml、records/、供编辑器使用的 schemas/ (含 VS Code 设置)、.gitignore 和 .gitattributes。在 git 仓库中还会注册按字段合并记录文件的合并驱动。"
    ),
    "Run 'git init' if DIRECTORY is not in a repository, and register the record merge driver; in an existing data root, do only that.": (
        "若 DIRECTORY 不在 git 仓库中则运行 'git init', 并注册记录合并驱动; 在已有的数据目录中只做这些。"
    ),
    "Import records from CSV, XLSX, JSON Lines or YAML, all or nothing.": (
        "从 CSV、XLSX、JSON Lines 或 YAML 导入记录, 要么全部成功要么全不导入。"
    ),
    "Show what each row would do; write nothing.": ("只显示每一行将做什么; 不写入任何内容。"),
    "Update the record whose FIELD equals the row's (e.g. mobile, email, extra.erp_id) instead of creating one.": (
        "更新 FIELD 与该行相同的记录 (例如 mobile、email、extra.erp_id), 而不是新建。"
    ),
    "Column to field (FIELD, extra.NAME, or - to skip the column); repeatable.": (
        "列对应的字段 (FIELD、extra.NAME, 或 - 跳过该列); 可重复。"
    ),
    "Keep unknown columns under the record's extra mapping.": ("未知的列保存在记录的 extra 中。"),
    "Encoding of a CSV file (default: detected; e.g. gbk, gb18030, utf-8).": (
        "CSV 文件的编码 (默认自动识别; 例如 gbk、gb18030、utf-8)。"
    ),
    "Worksheet of an .xlsx/.xls workbook, by name or number (default: first).": (
        ".xlsx/.xls 工作簿中的工作表, 按名称或序号 (默认第一个)。"
    ),
    "Row N holds the column headers (default: found among the first rows).": (
        "第 N 行是列标题 (默认在前几行中查找)。"
    ),
    "Read FROM in COLUMN as TO (e.g. Priority:Urgent=crisis); repeatable.": (
        "把 COLUMN 列中的 FROM 读作 TO (例如 Priority:Urgent=crisis); 可重复。"
    ),
    "YAML of COLUMN: {FROM: TO, …} for many codes at once.": (
        "COLUMN 的 YAML 映射 {FROM: TO, …}, 一次指定多个代码。"
    ),
    "Import rows that look like duplicates of others.": ("导入看起来与其他记录重复的行。"),
    "List every row's problem, not a few of each kind.": ("列出每一行的问题, 而不是每类只列几个。"),
    "Who changed a record and when: its own history entries and the git commits that touched its\nfile (author, date, commit, message), oldest first. REF is an id or unique id prefix of any record,\nor a customer's exact name or phone.": (
        "谁在何时修改了记录: 记录自身的历史条目, 以及改动过该文件的 git 提交 (作者、日期、提交、说明), 按时间先后。REF 为任意记录的编号或唯一编号前缀, 或客户的准确名称或电话。"
    ),
    "When someone leaves (004 第14条): every customer and open complaint moves, they become inactive.\n\nCustomers get a first-contact follow-up by their new owner (from the history's `handover` entries);\na complaint's first-responder duty moves to its handler. All or nothing: if anything would be left\nwithout an owner, nothing changes.": (
        "有人离职时 (004 第14条): 其所有客户和未结投诉都转给他人, 本人设为停用。\n\n客户由新负责人进行首次联系 (依据历史中的 `handover` 条目); 投诉的首问责任转给其处理人。要么全部完成要么什么都不改: 只要有任何事项会无人负责, 就不做任何修改。"
    ),
    "Give everything to this staff member (id, email or name).": (
        "全部交给该员工 (编号、邮箱或姓名)。"
    ),
    "Share it out, balanced like assign --auto.": ("像 assign --auto 一样均衡分配。"),
    "Show the plan, write nothing.": ("显示计划, 不写入任何内容。"),
    "Lifecycle status; repeatable.": ("生命周期状态; 可重复。"),
    "normal, major, crisis; repeatable.": ("normal (一般)、major (重大)、crisis (危机); 可重复。"),
    "Staff member handling it (id, email or name); repeatable.": (
        "处理该投诉的员工 (编号、邮箱或姓名); 可重复。"
    ),
    "Staff member who received it (id, email or name); repeatable.": (
        "受理该投诉的员工 (编号、邮箱或姓名); 可重复。"
    ),
    "Customer id, name or phone.": ("客户编号、名称或电话。"),
    "Only complaints that missed a deadline (even if met since).": (
        "只看错过时限的投诉 (即使之后已完成)。"
    ),
    "Only complaints not closed.": ("只看未结案的投诉。"),
    "File format (default: from the ending of --output, else csv).": (
        "文件格式 (默认取 --output 的扩展名, 否则为 csv)。"
    ),
    "Write to this file (default: standard output).": ("写入该文件 (默认标准输出)。"),
    "Mask personal data: phones (138****1234), email, address, QQ/WeChat, and phone, email and id numbers inside any text.": (
        "遮蔽个人信息: 电话 (138****1234)、邮箱、地址、QQ/微信, 以及任何文本中的电话、邮箱和证件号码。"
    ),
    "Encoding of CSV and JSON Lines (default UTF-8, with a BOM in a CSV file so Excel shows Chinese; gbk for old Excel versions).": (
        "CSV 和 JSON Lines 的编码 (默认 UTF-8, CSV 文件带 BOM 以便 Excel 正确显示中文; 旧版 Excel 用 gbk)。"
    ),
    "Move a complaint's handler one level up the reports_to chain (specialist → supervisor → manager).\n\n--auto applies the levels of crmctl.yaml whose time has come after a missed resolution target; it is\nidempotent: a second run at the same time changes nothing.": (
        "把投诉的处理人沿 reports_to 链上升一级 (专员 → 主管 → 经理)。\n\n--auto 在错过解决时限后, 应用 crmctl.yaml 中已到时间的各级升级; 可重复运行: 同一时间再运行一次不会有任何改动。"
    ),
    "Why (needed to escalate by hand).": ("原因 (手动升级时必填)。"),
    "Apply every timed level reached (escalation.levels), once each.": (
        "应用已到时间的每一级升级 (escalation.levels), 每级一次。"
    ),
    "With --auto: show the plan, write nothing.": ("与 --auto 一起用: 显示计划, 不写入任何内容。"),
    "What must be done, and what is already late: grade cadence, next-day calls after a meeting,\nfirst contacts of new owners and handovers, planned follow-ups and agreed call-backs, lost-customer\nvisits and occasions, and complaint deadlines (acknowledge, resolve, the reply the first responder\npromised, the callback); collection (receivables.* of crmctl.yaml): a reminder before an invoice\nfalls due, the overdue chase (催收) by its collector every chase_every (after a payment or a\n催收/对账 visit; the day after the date the customer promised, if that visit recorded one),\nescalated to the collector's supervisor after escalate_after, the reconciliation (对账) of each\nkey account that owes, and the credit-limit review (信用额度复核). Computed from the records (kept per customer in the index until that\ncustomer's records, the config or an occasion change). Dates that fall on a\nrest day or holiday move to the next working day; phone follow-ups show the call window.\nOVERDUE is the number of days late (negative: days left). A complaint deadline with less than\n1 - escalation.warn_at of its time left says \"warning: … left\" in its reason (JSON: warning true).": (
        '待办的跟进, 以及已经逾期的: 等级回访周期、面谈后的次日回访、新负责人和移交后的首次联系、计划的跟进和约定的回电、流失客户回访和特色回访, 以及投诉时限 (受理、解决、首问责任人承诺的答复、回访); 收款 (crmctl.yaml 的 receivables.*): 发票到期前的提醒、由催收人每隔 chase_every 进行的逾期催收 (从一次回款或一次催收/对账回访起算; 若该回访记录了客户承诺的日期, 则从其次日起算)、超过 escalate_after 后上报催收人的主管、每个欠款大客户的对账, 以及信用额度复核。由记录计算得出 (按客户缓存在索引中, 直到该客户的记录、配置或特色日期变化)。落在休息日或节假日的日期顺延到下一个工作日; 电话跟进显示建议通话时段。\nOVERDUE 为逾期天数 (负数: 剩余天数)。投诉时限剩余时间少于 1 - escalation.warn_at 时, 原因中会写 "warning: … left" (JSON: warning true)。'
    ),
    "Only work owned by this staff member (id, email or name); repeatable.": (
        "只看该员工负责的事项 (编号、邮箱或姓名); 可重复。"
    ),
    "Only my work (the acting user, --as).": ("只看我的事项 (当前用户, --as)。"),
    "Due within this time from today: 7d, 2w, 5wd, or up to a day: friday, 下周一, 2026-12-31 (default: followups.due_horizon of crmctl.yaml).": (
        "今天起这段时间内到期: 7d、2w、5wd, 或截至某一天: friday、下周一、2026-12-31 (默认 crmctl.yaml 中的 followups.due_horizon)。"
    ),
    "Only what is already late.": ("只看已经逾期的。"),
    "Only those I handle or first responded to (the acting user).": (
        "只看我处理的或我首问的 (当前用户)。"
    ),
    "Counts instead of items: per owner and rule, how many fall due and how many are late.": (
        "只看数目: 每位负责人每条规则有多少到期、多少已逾期。"
    ),
    "Only this rule: cadence, next_day, new_owner, handover, followup, callback, lost, occasion, credit_review, receivable_reminder, receivable_chase, receivable_escalation, reconciliation (complaint matches every complaint_… rule, receivable every receivable_… rule); repeatable.": (
        "只看这条规则: cadence、next_day、new_owner、handover、followup、callback、lost、occasion、credit_review、receivable_reminder、receivable_chase、receivable_escalation、reconciliation (complaint 匹配所有 complaint_… 规则, receivable 匹配所有 receivable_… 规则); 可重复。"
    ),
    "The customer archive (客户档案): add, show, edit, list, lose, grade.": (
        "客户档案: 新增、查看、修改、列出、流失、分级。"
    ),
    "Compare recorded grades with the grade rules of crmctl.yaml (分级管理).": (
        "按 crmctl.yaml 的分级规则核对已记录的等级 (分级管理)。"
    ),
    "Show every customer, not only disagreements.": ("显示每个客户, 而不只是不一致的。"),
    "Set the suggested grade where it disagrees (supervisors, managers).": (
        "在不一致处设为建议等级 (限主管、经理)。"
    ),
    "Mark a customer lost (流失/失单); a lost-customer visit falls due.": (
        "把客户标记为流失 (流失/失单); 随之产生一次流失回访。"
    ),
    "Why the customer was lost (流失原因).": ("客户流失的原因 (流失原因)。"),
    "List customers, filtered; TEXT searches name, contact, phone and email.": (
        "列出客户, 可筛选; TEXT 搜索名称、联系人、电话和邮箱。"
    ),
    "Change fields of a customer; history records what changed, who and when.": (
        "修改客户的字段; 历史中记录改了什么、谁改的、何时改的。"
    ),
    "Field to change; an empty value clears it; lists comma-separated.": (
        "要修改的字段; 值为空则清除; 列表用逗号分隔。"
    ),
    "Why, for the history.": ("原因, 记入历史。"),
    "Accept a name, phone or email another customer already has.": (
        "接受与其他客户相同的名称、电话或邮箱。"
    ),
    "Show customers by id, id prefix, exact name or phone (- reads ids from stdin), with the open\nbalance of their receivables and a warning when it exceeds the credit limit (信用额度).": (
        "按编号、编号前缀、准确名称或电话查看客户 (- 从标准输入读取编号), 含其应收账款的未收余额, 超过信用额度时给出警告。"
    ),
    "Add a customer; prints its id.": ("新增客户; 输出其编号。"),
    "Grade code from crmctl.yaml (A1, A2, B1, B2, C, D by default).": (
        "crmctl.yaml 中的等级代码 (默认 A1、A2、B1、B2、C、D)。"
    ),
    "Responsible staff member (负责客服专员).": ("负责客服专员。"),
    "Mobile number (手机).": ("手机号码。"),
    "Landline (座机).": ("座机。"),
    "Contact person (联系人).": ("联系人。"),
    "Any other field; lists comma-separated.": ("任何其他字段; 列表用逗号分隔。"),
    "Add even if a customer with the same name or phone exists.": (
        "即使已有同名或同电话的客户也新增。"
    ),
    "Complaints, suggestions and inquiries (建议和投诉): log, follow the lifecycle, list, show.\n\n\x08\nLifecycle: received → judge → investigate → propose → approve → implement → resolve → callback → close\n(an invalid complaint goes from judge to close; reopen after a callback with an unhappy customer).\nhold/resume pause the resolution clock; reply logs the answer the first responder owes the customer.": (
        "建议、投诉和咨询: 记录、跟进生命周期、列出、查看。\n\n\x08\n生命周期: 受理 → 判断 judge → 调查 investigate → 方案 propose → 审批 approve → 实施 implement → 解决 resolve → 回访 callback → 结案 close\n(不成立的投诉从判断直接到结案; 回访时客户仍不满意可 reopen 重新打开)。\nhold/resume 暂停和恢复解决计时; reply 记录首问责任人对客户的答复。"
    ),
    "Restart the resolution clock; its target moves back by the office time spent on hold.": (
        "重新开始解决计时; 其时限按暂停期间的办公时间顺延。"
    ),
    "A remark for the history.": ("备注, 记入历史。"),
    "Pause the resolution clock while waiting for the customer or another department.": (
        "等待客户或其他部门期间暂停解决计时。"
    ),
    "What it waits for: the customer, or which department.": ("等待的是什么: 客户, 或哪个部门。"),
    "Log the reply to the customer that the first responder owes (首问负责制: 并回复客户).": (
        "记录首问责任人答复客户的内容 (首问负责制: 并回复客户)。"
    ),
    "What the customer was told.": ("告诉客户的内容。"),
    "Reopen after a callback found the customer still unhappy: back to investigating.": (
        "回访发现客户仍不满意后重新打开: 回到调查阶段。"
    ),
    "Why it is reopened.": ("重新打开的原因。"),
    "Close it (总结评价) with a summary and, for a valid complaint, an improvement measure.": (
        "结案 (总结评价): 写明总结, 对成立的投诉写明改进对策。"
    ),
    "Summary and evaluation.": ("总结和评价。"),
    "Improvement measure (改进对策).": ("改进对策。"),
    "The callback after resolution (回访) and the customer's satisfaction.": (
        "处理完毕后的回访及客户满意度。"
    ),
    "满意 / 一般 / 不满意.": ("满意 / 一般 / 不满意。"),
    "What the customer said.": ("客户说了什么。"),
    "The visit of the callback; repeatable.": ("回访对应的回访记录; 可重复。"),
    "The customer accepts the solution.": ("客户认可处理方案。"),
    "How the customer accepted it.": ("客户如何认可的。"),
    "Record the implementation (实施): actions, compensation, penalty.": (
        "记录实施情况 (实施): 措施、补偿、处罚。"
    ),
    "What was done, and that the customer was told.": ("做了什么, 以及已告知客户。"),
    "Compensation to the customer, if any.": ("给客户的补偿 (如有)。"),
    "Penalty on the responsible party, if any.": ("对责任方的处罚 (如有)。"),
    "Pick one proposal (审批); supervisors and managers only.": (
        "选定一个方案 (审批); 限主管和经理。"
    ),
    "The proposal picked: its number as 'complaint show' lists it (1 = first) or its id.": (
        "选定的方案: 'complaint show' 列出的序号 (1 = 第一个) 或方案编号。"
    ),
    "Put forward solutions (处理方案); repeat --proposal for alternatives, run again to add more.": (
        "提出处理方案; 多个备选方案可重复 --proposal, 再次运行可继续添加。"
    ),
    "A solution; repeatable.": ("一个方案; 可重复。"),
    "Record the investigation (调查): root cause and the person responsible.": (
        "记录调查结果 (调查): 根本原因和责任人。"
    ),
    "What caused it.": ("造成问题的原因。"),
    "The person responsible (责任人).": ("责任人。"),
    "Cause category (defaults to the complaint's category).": ("原因类别 (默认为投诉的问题类别)。"),
    "Judge it (判断): valid (成立) with a responsible department and a reply-by date, or invalid.": (
        "判断 (判断): 成立, 并指定责任部门和答复客户的日期; 或不成立。"
    ),
    "成立 / 不成立.": ("成立 / 不成立。"),
    "Why it is (not) valid.": ("成立 (或不成立) 的理由。"),
    "Responsible department (责任部门), a code of the config's departments.": (
        "责任部门, crmctl.yaml 中 departments 的代码。"
    ),
    "Reply date promised to the customer: 2026-12-10, +3d, +2wd, friday, 后天, 下周一.": (
        "向客户承诺的答复日期: 2026-12-10、+3d、+2wd、friday、后天、下周一。"
    ),
    "List complaints, filtered; `breaches` names the deadlines missed.": (
        "列出投诉, 可筛选; `breaches` 列出错过的时限。"
    ),
    "The complaint, its deadlines, the steps allowed now and its timeline (- reads ids from stdin).": (
        "查看投诉及其时限、当前允许的步骤和时间线 (- 从标准输入读取编号)。"
    ),
    "Receive a complaint (受理); you become its first responder (首问责任人). Prints its id.": (
        "受理投诉 (受理); 你成为其首问责任人。输出其编号。"
    ),
    "What the customer said (建议和投诉内容).": ("客户说了什么 (建议和投诉内容)。"),
    "complaint, suggestion, inquiry or lookup.": (
        "complaint (投诉)、suggestion (建议)、inquiry (咨询) 或 lookup (查询)。"
    ),
    "normal, major or crisis.": ("normal (一般)、major (重大) 或 crisis (危机)。"),
    "How it came in: phone, in_person, fax, email, web, visit.": (
        "来源渠道: phone、in_person、fax、email、web、visit。"
    ),
    "product, delivery, service, billing, other (the config's categories).": (
        "product、delivery、service、billing、other (crmctl.yaml 中的 categories)。"
    ),
    "Who complained, if not the customer's contact.": ("投诉人, 若不是客户的联系人。"),
    "When it was received, if earlier than now: '2026-11-20 16:00', 'yesterday 15:00', 昨天下午3点.": (
        "受理时间 (若早于现在): '2026-11-20 16:00'、'yesterday 15:00'、昨天下午3点。"
    ),
    "A visit id it was raised in; repeatable.": ("提出该投诉时的回访记录编号; 可重复。"),
    "Validate crmctl.yaml and every record: schemas, references, duplicate ids, merge-conflict\nleftovers, unreadable files. Prints every problem as `path:line: field: message`; exits 1 if\nthere is any error (warnings alone pass).": (
        "校验 crmctl.yaml 和每条记录: 模式、引用、重复编号、合并冲突残留、无法读取的文件。每个问题输出为 `path:line: field: message`; 有任何错误时退出码为 1 (只有警告则通过)。"
    ),
    "Give customers (owner) and complaints (handler) to staff; supervisors and managers only.\n\nIds, id prefixes, customer names or phones; - reads ids from standard input. --auto balances by each\nperson's active customers plus open complaints, divided by their weight; away and inactive staff get\nnothing, A-grade customers go to managers, complaints to people skilled in their category.": (
        "把客户 (负责人) 和投诉 (处理人) 分配给员工; 限主管和经理。\n\n编号、编号前缀、客户名称或电话; - 从标准输入读取编号。--auto 按每人的活跃客户数加未结投诉数除以其权重来均衡; 休假和停用的员工不分配, A 级客户分给经理, 投诉分给擅长该类别的人。"
    ),
    "Give them all to this staff member (id, email or name).": (
        "全部交给该员工 (编号、邮箱或姓名)。"
    ),
    "Balanced by load and weight; without ids: everything nobody owns.": (
        "按负荷和权重均衡; 不给编号时: 分配所有无人负责的事项。"
    ),
    "Show the plan, write nothing (with --auto).": (
        "显示计划, 不写入任何内容 (与 --auto 一起用)。"
    ),
    "Share the archive: commit pending record changes (with --commit; without it they are\nrefused), pull from the upstream branch (record files merged field by field), check each\ncommit about to be pushed and the archive they leave, audit those commits, and push only if\nall pass; if the remote moved meanwhile, pull and check once more. On a conflict or a failure\nnothing is pushed, every problem is listed as `path:line: …`, and a problem someone else's\ncommit brought in is named with that commit and its author.": (
        "共享档案: 提交待提交的记录修改 (需 --commit; 否则拒绝), 从上游分支拉取 (记录文件逐字段合并), 校验每个待推送的提交及其推送后的档案, 审计这些提交, 全部通过才推送;\n若远端在此期间有变化, 再拉取并校验一次。遇到冲突或失败时不推送, 每个问题以 `path:line: …` 列出, 由他人提交带入的问题会注明该提交及其作者。"
    ),
    "Aging of open receivables (账龄) today, per customer and per owner.\n\n\x08\nEach row adds up the balance still to collect (amount less payments;\nnothing once written off) by days past the due date: current (not yet\ndue), 1-30, 31-60, 61-90, over 90 (receivables.aging_buckets), and its\ntotal. The owner is the collector, else the customer's owner. Filters as\n`receivable list`; amounts are exact, per currency.": (
        "今天的未收应收账款账龄 (账龄), 按客户和按负责人统计。\n\n\x08\n每行按逾期天数累计尚待收回的余额 (金额减去回款; 核销后为零):\n未到期、1-30、31-60、61-90、90 天以上 (receivables.aging_buckets), 以及合计。\n负责人为催收人, 未指定则为客户负责人。筛选条件同 `receivable list`; 金额为精确值, 按币种分列。"
    ),
    "Only this part.": ("只输出这一部分。"),
    "Move a complaint's handler one level up the reports_to chain (specialist → supervisor → manager).\n\n--auto applies the levels of crmctl.yaml (escalation.levels, or escalation.targets.<target>)\nwhose time has come after each missed target: the acknowledgement, the resolution (not while on\nhold) and the reply promised to the customer; each level once per target, crisis complaints\nfirst. It is idempotent: a second run at the same time changes nothing.": (
        "把投诉的处理人沿 reports_to 链上升一级 (专员 → 主管 → 经理)。\n\n--auto 对每个错过的时限 (受理确认、解决 (暂停期间除外) 和向客户承诺的答复), 应用 crmctl.yaml 中已到时间的升级级别 (escalation.levels 或 escalation.targets.<target>); 每个时限每级一次, 危机投诉优先。可重复运行: 同一时间再运行一次不会有任何改动。"
    ),
    "Apply every timed level reached of every missed target, once each.": (
        "对每个错过的时限, 应用已到时间的每一级升级, 每级一次。"
    ),
    "Only this rule: cadence, next_day, new_owner, handover, followup, callback, lost, occasion, credit_review, profile_refresh, receivable_reminder, receivable_chase, receivable_escalation, reconciliation (complaint matches every complaint_… rule, receivable every receivable_… rule); repeatable.": (
        "只看这条规则: cadence、next_day、new_owner、handover、followup、callback、lost、occasion、credit_review、profile_refresh、receivable_reminder、receivable_chase、receivable_escalation、reconciliation (complaint 匹配所有 complaint_… 规则, receivable 匹配所有 receivable_… 规则); 可重复。"
    ),
    "The callback after resolution (回访) and the customer's satisfaction; a reached visit logged with --complaint and --satisfaction is the callback by itself.": (
        "处理完毕后的回访及客户满意度; 用 --complaint 和 --satisfaction 记录的联系上的回访本身就是这次回访。"
    ),
    "As for visit log: 1-5, or 满意 (5) / 一般 (3) / 不满意 (1); recorded as satisfied (from reports.satisfied_at), neutral or unsatisfied.": (
        "同 visit log: 1-5, 或 满意 (5) / 一般 (3) / 不满意 (1); 记为满意 (按 reports.satisfied_at)、一般或不满意。"
    ),
    "Prove from git that every record's history only ever grew: walk the commits of REV-RANGE\n(git log's revision arguments; default: all of HEAD's) and report each commit that removed or\naltered a history entry, changed a field without one, or removed a record, with its author\nand the file. Merges are\ncompared with every parent. Commits made outside crmctl are noted, not refused, when they keep\nevery entry. Exits 1 if any commit fails.": (
        "用 git 证明每条记录的历史只增不改: 遍历 REV-RANGE 中的提交\n(git log 的版本参数; 默认 HEAD 的全部提交), 报告每个删除或改动了历史条目、改了字段却没有历史条目、或删除了记录的提交, 附作者和文件。合并提交与每个父提交比较。crmctl 之外做的提交只要保留了每个条目, 只提示不拒绝。有任何提交不合格时退出码为 1。"
    ),
    "Only this customer's (id, id prefix, exact name or phone).": "只看这个客户的 (编号、编号前缀、准确名称或电话)。",
    "Plans against what was done (计划执行): the plans named, or those whose period holds today.": (
        "计划执行情况 (计划执行): 指定的计划, 或期间包含今天的计划。"
    ),
    "\x08\nplan actions   every planned action: on_time = done by its target\n               date, late = done after it, open = not done and not yet\n               due, overdue = not done, target passed. A planned visit or\n               call is done by a matching logged visit (the customer,\n               reached, in the plan's period, of the planned purpose; a\n               call not face to face), each visit counting once; reviews\n               and events by `plan done`\nby account, by owner\n               planned, done (on_time + late), open, overdue, done % =\n               done / planned, and a total row": (
        "\x08\n计划事项       每个计划事项: 按时 (on_time) = 在目标日期前完成, 逾期完成 (late) = 之后完成, 未完成 (open) = 未完成且未到期, 逾期未做 (overdue) = 未完成且已过目标日期。\n               计划的拜访或电话由相符的回访记录完成 (同一客户、联系上、在计划期间内、目的相符; 电话须非面谈), 每条回访只算一次; 评审和活动用 `plan done` 标记\n按客户、按负责人\n               计划数、已完成 (按时 + 逾期完成)、未完成、逾期未做、完成率% = 已完成 / 计划数, 以及合计行"
    ),
    "The rates of a year, as `report quarterly` counts them.": (
        "一年的各项比率, 计算方法同 `report quarterly`。"
    ),
    '\x08\nPeriod and cutoff: the month (or ISO week) containing --now unless\n--month/--week names one; every figure is measured at the cutoff, the\nperiod\'s end, or now while the period runs (the heading says "not over").\nRecords count as they stood at the cutoff: later history entries are undone,\nso a finished period reads the same whenever it is printed again.': (
        '\x08\n期间和截止时间: 默认为 --now 所在的月 (或 ISO 周), 可用 --month/--week 指定; 每个数字都在截止时间计量, 即期间结束时, 或期间未结束时的现在 (标题会注明 "未结束")。\n记录按截止时间的状态计算: 之后的历史条目会被撤回, 因此已结束的期间无论何时重新输出, 结果都相同。'
    ),
    "\x08\nRates (002), in percent, with what was counted and out of what:\n  流失率 churn     customers lost in the period (lost_at in it) / customers\n                   active at its start; target reports.churn_rate_target\n                   at most (30%)\n  新客户开发率      customers active at the cutoff that were not active at\n                   the start (new, or prospects won) / (reports.\n                   new_customers_per_month x months of the period); target\n                   reports.new_customer_rate_target at least (70%)\n  投诉成立率        complaints (kind complaint, not inquiries or\n                   suggestions) received in the period and judged by the\n                   cutoff that were judged valid (成立) / those judged\n  投诉率            those complaints received per 100 customers active at\n                   the cutoff\n  satisfaction by grade  visits of the period rated 1-5 that are rated\n                   reports.satisfied_at or more / rated visits, by the\n                   grade of the customer at the cutoff; target\n                   reports.grade_satisfaction_target (98%, 大客户满意度)": (
        "\x08\n比率 (002), 以百分数表示, 并给出分子和分母:\n  流失率%          期间内流失的客户 (lost_at 在期间内) / 期初活跃客户; 目标不超过 reports.churn_rate_target (30%)\n  新客户开发率      截止时活跃而期初不活跃的客户 (新客户或转化的潜在客户) / (reports.new_customers_per_month x 期间月数); 目标至少 reports.new_customer_rate_target (70%)\n  投诉成立率        期间内受理且截止前已判断的投诉 (类别为 complaint, 不含咨询和建议) 中判断为成立的 / 已判断的\n  投诉率            每 100 个截止时活跃的客户对应的上述投诉数\n  分级满意度       期间内评分 1-5 的回访中评分达到 reports.satisfied_at 或以上的 / 有评分的回访, 按截止时客户的等级; 目标 reports.grade_satisfaction_target (98%, 大客户满意度)"
    ),
    "The year (default: the one containing --now).": ("年份 (默认 --now 所在的年份)。"),
    "Only this part (csv shows one part: the first, rates, unless this names another).": (
        "只输出这一部分 (csv 只输出一部分: 默认第一部分 rates, 除非这里指定其他部分)。"
    ),
    "The rates of a quarter (流失率, 新客户开发率, 投诉成立率, 投诉率, satisfaction by grade) against the 002 targets.": (
        "一个季度的各项比率 (流失率、新客户开发率、投诉成立率、投诉率、按等级的满意度), 对照 002 的目标。"
    ),
    "The quarter (default: the one containing --now).": ("季度 (默认 --now 所在的季度)。"),
    "The monthly service report (服务月报): visits, key-account coverage, first contacts, overdue follow-ups, satisfaction, complaints, lost customers. Shortfalls are listed beside the figures they spoil (杜绝报喜不报忧).": (
        "服务月报: 回访、大客户回访覆盖、首次联系、逾期跟进、满意度、投诉、流失客户。未达标之处列在受影响的数字旁边 (杜绝报喜不报忧)。"
    ),
    '\x08\nDefinitions:\n  visits           contacts logged in the month; reached = a two-way\n                   contact (reached, on a channel that reaches the\n                   customer: not SMS or email); not reached = the rest\n  satisfied        a reached visit rated reports.satisfied_at (4 in the\n                   template) or more on 1-5; satisfied % = satisfied / rated visits,\n                   against reports.satisfaction_target (95%)\n  key accounts     customers of a key_account grade (A一级, A二级) not lost\n                   at the cutoff; coverage % = those with a two-way contact\n                   in the month / all of them, target 100% (必须保证优质客户\n                   的100%的回访); every one missed is listed\n  first contacts   new-owner and handover first contacts (crmctl due rules\n                   new_owner, handover) whose due date fell in the month:\n                   on time = the owner reached the customer by the end of\n                   the due day; late = after it; missing = not by the cutoff\n                   (the ownership a customer had at the cutoff counts)\n  overdue          what `crmctl due --overdue` showed at the cutoff\n  complaints       as in `crmctl report ledger` (received, handled, open,\n                   breached); inquiries and lookups on the light path\n                   are counted apart (inquiry figures: received,\n                   answered, answered in time, that share in percent);\n                   lost = customers whose lost_at is in the\n                   month, with the reason and whether a 流失回访 was made\n  collection       回款, 欠费率 and 托收率 (below)\n  rates            as in `crmctl report quarterly` (below)\nA "met" column says no whenever a figure misses its target.': (
        '\x08\n定义:\n  回访数           当月记录的联系; 已联系上 = 双向联系 (联系上, 且渠道能触达客户: 不是短信或邮件); 未联系上 = 其余的\n  满意             联系上且评分达到 reports.satisfied_at (模板中为 4) 或以上 (1-5 分) 的回访; 满意率% = 满意 / 有评分的回访, 对照 reports.satisfaction_target (95%)\n  大客户数         截止时未流失的大客户等级 (key_account: A一级, A二级) 客户; 大客户回访覆盖率% = 当月有双向联系的 / 全部, 目标 100% (必须保证优质客户的100%的回访); 逐一列出遗漏的客户\n  首次联系         当月到期的新负责人和移交首次联系 (crmctl due 的新负责人首次联系、移交后首次联系规则): 按时 = 负责人在到期日结束前联系上客户; 逾期完成 = 在其之后; 未完成 = 截止时仍未联系 (按截止时的负责关系计算)\n  逾期跟进         截止时 `crmctl due --overdue` 显示的内容\n  投诉             同 `crmctl report ledger` (受理、处理完毕、未处理完、超时); 走简易流程的咨询和查询另行统计 (咨询情况: 受理、已答复、按时答复及其百分比); 流失客户 = lost_at 在当月的客户, 附原因及是否做了流失回访\n  回款与欠费       回款、欠费率和托收率 (见下)\n  考核指标         同 `crmctl report quarterly` (见下)\n"达标" 列在数字未达到目标时显示否。'
    ),
    "Development and service plans: add, action, done, show, list.": (
        "开发计划和服务计划: 新增、事项、完成、查看、列出。"
    ),
    "List plans: ACCOUNTS and ACTIONS are counts in tables.": (
        "列出计划: 表格中 ACCOUNTS 和 ACTIONS 为数量。"
    ),
    "Show a plan and each planned action with its status today: on_time, late, open, overdue.": (
        "查看计划及每个计划事项今天的状态: on_time、late、open、overdue。"
    ),
    "Mark a planned action done (its owner, a supervisor or a manager).": (
        "把计划事项标记为完成 (限其负责人、主管或经理)。"
    ),
    "Plan an action for CUSTOMER in plan REF. A visit or call is done by a matching logged visit\n(same customer, reached, in the period, of the purpose if given; a call not face to face); a\nreview or event is marked done with `plan done`.": (
        "在计划 REF 中为客户 CUSTOMER 安排一个事项。拜访或电话由相符的回访记录完成\n(同一客户、联系上、在期间内、目的相符 (如指定); 电话须非面谈); 评审或活动用 `plan done` 标记完成。"
    ),
    "Make a plan for a period (supervisors and managers); prints its id.": (
        "为一个期间制定计划 (限主管和经理); 输出其编号。"
    ),
    "What must be done, and what is already late: grade cadence, next-day calls after a meeting,\nfirst contacts of new owners and handovers, planned follow-ups and agreed call-backs, lost-customer\nvisits and occasions, and complaint deadlines (acknowledge, resolve, the reply the first responder\npromised, the callback); collection (receivables.* of crmctl.yaml): a reminder before an invoice\nfalls due, the overdue chase (催收) by its collector every chase_every (after a payment or a\n催收/对账 visit; the day after the date the customer promised, if that visit recorded one),\nescalated to the collector's supervisor after escalate_after, the reconciliation (对账) of each\nkey account that owes, and the credit-limit review (信用额度复核); the planned actions of\ndevelopment and service plans not done yet (plan_action). Computed from the records (kept per customer in the index until that\ncustomer's records, the config or an occasion change). Dates that fall on a\nrest day or holiday move to the next working day; phone follow-ups show the call window.\nOVERDUE is the number of days late (negative: days left). A complaint deadline with less than\n1 - escalation.warn_at of its time left says \"warning: … left\" in its reason (JSON: warning true).": (
        '待办的跟进, 以及已经逾期的: 等级回访周期、面谈后的次日回访、新负责人和移交后的首次联系、计划的跟进和约定的回电、流失客户回访和特色回访, 以及投诉时限 (受理、解决、首问责任人承诺的答复、回访); 收款 (crmctl.yaml 的 receivables.*): 发票到期前的提醒、由催收人每隔 chase_every 进行的逾期催收 (从一次回款或一次催收/对账回访起算; 若该回访记录了客户承诺的日期, 则从其次日起算)、超过 escalate_after 后上报催收人的主管、每个欠款大客户的对账, 以及信用额度复核; 开发计划和服务计划中尚未完成的事项 (plan_action)。由记录计算得出 (按客户缓存在索引中, 直到该客户的记录、配置或特色日期变化)。落在休息日或节假日的日期顺延到下一个工作日; 电话跟进显示建议通话时段。\nOVERDUE 为逾期天数 (负数: 剩余天数)。投诉时限剩余时间少于 1 - escalation.warn_at 时, 原因中会写 "warning: … left" (JSON: warning true)。'
    ),
    "Only this rule: cadence, next_day, new_owner, handover, followup, callback, lost, occasion, credit_review, profile_refresh, receivable_reminder, receivable_chase, receivable_escalation, reconciliation, plan_action (complaint matches every complaint_… rule, receivable every receivable_… rule); repeatable.": (
        "只看这条规则: cadence、next_day、new_owner、handover、followup、callback、lost、occasion、credit_review、profile_refresh、receivable_reminder、receivable_chase、receivable_escalation、reconciliation、plan_action (complaint 匹配所有 complaint_… 规则, receivable 匹配所有 receivable_… 规则); 可重复。"
    ),
    "Finish git's merge of record files it left unmerged (a field both sides changed, or two\nsteps that cannot both apply) by keeping one side's fields: ours is this clone's side (during\na rebase, the upstream being rebased onto), theirs the side being merged in. Every history\nentry of both sides stays, an entry (action: merge) records what the choice changed, and the\nfile is staged; then finish with the command printed.": (
        "完成 git 未能合并的记录文件 (双方都改了同一字段, 或两个不能同时成立的步骤) 的合并, 保留一方的字段:\nours 是本克隆的一方 (变基时为被变基到的上游), theirs 是被合并进来的一方。双方的每条历史记录都保留,\n一条记录 (action: merge) 写明这一选择改变了什么, 文件随即暂存; 然后用打印出的命令完成合并。"
    ),
    "Finish a merge of record files by keeping one side's fields.": (
        "保留一方的字段, 完成记录文件的合并。"
    ),
    "\x08\nCollection (002), per currency; key accounts are customers of a\nkey_account grade at the cutoff:\n  回款 collected   payments dated in the period (by the cutoff), every\n                   customer, less the payments reversed in the period\n  billed due       amounts of key accounts' receivables due in the period\n                   before the cutoff's day\n  欠费率 overdue    what of those is unpaid at the cutoff, written off\n                   included / billed due; target reports.overdue_rate_target\n                   at most (5‰)\n  托收率 collection what of them was paid by its due date and not reversed /\n                   billed due;\n                   target reports.collection_rate_target at least (70%)\nRates in percent, two decimals.": (
        "\x08\n回款与欠费 (002), 按币种; 大客户指截止时属于 key_account 等级的客户:\n  回款 collected   期间内 (截止前) 日期的回款, 所有客户, 减去期间内冲销的回款\n  billed due       大客户在期间内、截止日之前到期的应收金额\n  欠费率 overdue    其中截止时未付的部分 (含核销) / billed due; 目标不超过 reports.overdue_rate_target (5‰)\n  托收率 collection 其中在到期日前已付且未冲销的部分 / billed due; 目标至少 reports.collection_rate_target (70%)\n比率为百分数, 保留两位小数。"
    ),
    "Take back a PAYMENT recorded wrongly or bounced (its number as `show` lists it, 1 = first,\nor its id), or with --write-off the write-off. Nothing is removed: it stays on record marked\nreversed (who, when, why), no longer counts, and the status and balance follow again. A\nwritten-off receivable's payments are reversed after its write-off.": (
        "冲销一笔记错或退票的收款 PAYMENT (`show` 列出的序号, 1 为第一笔, 或其编号), 或用 --write-off 撤销核销。\n不删除任何内容: 它仍留在记录中, 标记为已冲销 (谁、何时、为何), 不再计入, 状态和余额随之重新计算。\n已核销的应收账款须先撤销核销, 再冲销其收款。"
    ),
    "Take back the write-off instead (supervisors and managers).": (
        "改为撤销核销 (限主管和经理)。"
    ),
    "Why it is taken back (recorded with it).": ("冲销的原因 (随冲销记录)。"),
}
