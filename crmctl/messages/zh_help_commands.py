"""Chinese of the help of the daily commands (customer, visit, complaint, due, assign, escalate,
handover, history, edit), the reports and import/export: docstrings and option help= texts, the
templates of import/export help included."""

ZH = {
    # visit void
    "Mark a visit logged by mistake void: it stays on file, marked with the reason, and no longer\ncounts (no cadence reset, no follow-up, not in the reports). Log the right one with `visit\nlog`.": "把误记的回访记录作废: 记录仍然保留, 标明作废原因, 但不再计入 (不重置回访周期, 不产生跟进,\n不进入报表)。正确的记录请用 `visit log` 重新记录。",
    # visit void reason
    "Why the visit is void (作废原因).": "作废原因。",
    # visit edit
    "Correct a visit: the fields given change, one history entry records what and why, and\nnothing is lost. Whoever made the visit corrects it, or a supervisor or manager.": "更正回访记录: 只改给出的字段, 一条历史记录写明改了什么、为什么, 不丢失任何内容。\n由做这次回访的人更正, 或由主管、经理更正。",
    # visit edit channel
    "Channel, code or label.": "回访方式, 代码或名称。",
    # visit edit purpose
    "Visit purpose, code or label.": "回访目的, 代码或名称。",
    # visit edit reached
    "Whether the customer was reached.": "是否联系上了客户。",
    # visit edit next_followup
    "Next follow-up day.": "下次跟进日期。",
    # visit edit callback_at
    "Call-back time.": "约定回电时间。",
    # visit edit at
    "When the contact happened.": "联系发生的时间。",
    # visit list customer
    "Only this customer: id, its start or short reference (C3SDX), exact name, phone, part of the name or its pinyin (huafeng, hfjc); - reads it from standard input.": "只看该客户: 编号、编号开头或短编号 (C3SDX)、完整名称、电话、名称的一部分或其拼音 (huafeng, hfjc); - 从标准输入读取。",
    # visit list channel
    "Channel, code or label; repeatable.": "回访方式, 代码或名称; 可重复。",
    # visit list purpose
    "Visit purpose, code or label; repeatable.": "回访目的, 代码或名称; 可重复。",
    # visit log
    "Log a visit or call you made to CUSTOMER (an id, its start or short reference, the exact\nname, a phone number, part of the name or its pinyin; - reads it from stdin); prints its id\n(and, with --complaint, the complaint's).": "记录你对 CUSTOMER 的一次拜访或电话 (编号、编号开头或短编号、完整名称、电话、名称的一部分\n或其拼音; - 从标准输入读取); 打印新记录的编号 (用 --complaint 时也打印投诉的编号)。",
    # visit log
    "The acting user (--as) is the one who made the contact. Specialists log visits only for\ncustomers they own or are a secondary contact of; supervisors and managers for any customer.\nA reached contact on a two-way channel resets the grade cadence; an unanswered call or an SMS\ndoes not. Logging a visit never changes the customer record.": "操作人 (--as) 就是做这次联系的人。客服专员只能为自己负责或协助的客户记录回访; 主管和经理\n可以为任何客户记录。在双向渠道上联系上客户会重置等级回访周期; 未接通的电话或短信不会。\n记录回访从不修改客户档案。",
    # visit log
    "--complaint TEXT raises a complaint from the visit (as `complaint log` would, received at the\nvisit's time on the during-a-visit channel, you its first responder) and links the two records;\n--complaint ID links an existing complaint of the customer instead, adding the visit to its\nlinks. Something written like an id (T, a digit, id characters) that names no complaint is an\nerror, not a complaint text. The visit and the complaint are written together or not at all; the\nids of both are printed.": "--complaint 文字: 由这次回访生成一条投诉 (相当于 `complaint log`, 受理时间为回访时间, 渠道为\n回访中, 你是首问责任人), 并把两条记录互相关联; --complaint 编号: 关联该客户已有的一条投诉,\n把这次回访加入它的关联。形如编号 (T、数字、编号字符) 却找不到对应投诉的, 视为错误, 而不是\n投诉内容。回访和投诉要么一起写入, 要么都不写入; 两者的编号都会打印。",
    # visit log channel
    "A channel of crmctl.yaml, code or label: phone/电话, onsite/上门, qq, wechat/微信, sms/短信, email/邮件, walkin/来访.": "crmctl.yaml 中的回访方式, 代码或名称: phone/电话, onsite/上门, qq, wechat/微信, sms/短信, email/邮件, walkin/来访。",
    # visit log purpose
    "A visit purpose of crmctl.yaml, code or label (default: the first, routine/常规回访).": "crmctl.yaml 中的回访目的, 代码或名称 (默认: 第一个, routine/常规回访)。",
    # report customers grade
    "Grade, its label, or a grade letter (A = A1 and A2); repeatable.": "等级、等级名称或等级字母 (A = A1 和 A2); 可重复。",
    # report customers status
    "prospect/潜在, active/活跃 or lost/流失; repeatable.": "prospect/潜在, active/活跃 或 lost/流失; 可重复。",
    # report aging customer
    "Only this customer's: id, its start or short reference (C3SDX), exact name, phone, part of the name or its pinyin (huafeng, hfjc); - reads it from standard input.": "只看该客户的: 编号、编号开头或短编号 (C3SDX)、完整名称、电话、名称的一部分或其拼音 (huafeng, hfjc); - 从标准输入读取。",
    # report weekly
    "Complaints and inquiries of a week (投诉及咨询信息周报, 002): the ledger of one ISO week, Monday to Sunday.": "一周的投诉及咨询 (投诉及咨询信息周报, 002): 一个 ISO 周 (周一至周日) 的台帐。",
    # report weekly
    "\x08\nRows (ledger): every complaint, suggestion, inquiry and lookup RECEIVED in\nthe period, with its state at the cutoff:\n  acknowledged   when it was judged (判断: the acknowledgement)\n  ack office h   office hours from receipt to acknowledgement, counted on\n                 the working calendar of crmctl.yaml (rest days, holidays\n                 and time outside office_hours do not count)\n  resolved       when handling ended: the customer accepted a solution, or\n                 an invalid (不成立) complaint was closed\n  resolve office h  office hours from receipt to that end (holds included)\n  breached       deadlines missed by the cutoff (crmctl.yaml deadlines):\n                 acknowledge and resolve targets of its severity (resolve\n                 moves back by holds), the reply date promised to the\n                 customer, the callback after resolution. A target met late\n                 stays a breach.\n  satisfaction   the callback's 满意 / 一般 / 不满意\nCounts: per kind, severity, category, responsible department, status:\ncomplaints, still open at the cutoff, with at least one breach.\nSummary: received (in the period), handled (handling ended in the period,\nwhenever received), open at cutoff (received by the cutoff, any period,\nnot handled), breached (of those received), breaches per deadline,\ncallbacks by satisfaction.\nInquiries (咨询信息报表): inquiries and lookups logged without a severity\n(the light path: answer, close) are listed and counted apart: received in\nthe period, answered, answered in time (by the close of the working day\ndeadlines.inquiry gives), and that share in percent.": "\x08\n行 (台帐): 期间内受理的每一条投诉、建议、咨询和查询, 及其截止时的状态:\n  确认时间       判断的时间 (判断即确认)\n  确认用时       从受理到确认的办公时间, 按 crmctl.yaml 的工作日历计算\n                 (休息日、节假日和 office_hours 以外的时间不计)\n  解决时间       处理结束的时间: 客户接受了解决方案, 或不成立的投诉已结案\n  解决用时       从受理到处理结束的办公时间 (含挂起时间)\n  超时           截止时已错过的期限 (crmctl.yaml 的 deadlines): 该级别的\n                 确认和解决期限 (解决期限随挂起顺延)、向客户承诺的答复\n                 日期、解决后的回访。期限迟到完成仍算超时。\n  满意度         回访结果: 满意 / 一般 / 不满意\n计数: 按类别、级别、问题分类、责任部门、状态统计: 投诉数, 截止时仍未结的,\n至少超时一次的。\n汇总: 受理 (期间内), 已处理 (期间内处理结束, 不论何时受理), 截止时未结\n(截止前受理, 任何期间, 尚未处理), 超时 (受理中的), 各期限的超时次数,\n各满意度的回访数。\n咨询 (咨询信息报表): 没有级别的咨询和查询 (简易流程: 答复, 结案) 单独列出\n和统计: 期间内受理的、已答复的、按时答复的 (在 deadlines.inquiry 给出的\n工作日结束前), 以及按时答复所占的百分比。",
    # report ledger
    "The complaint ledger (投诉台帐) of a month.": "一个月的投诉台帐。",
    # import complaints
    "Import {plural} from FILE: CSV, XLSX, legacy XLS, JSON Lines or YAML, chosen by\nthe file's ending. The encoding of a text file is detected (UTF-8, UTF-16, GBK/GB18030, cp1252, …)\nand always said; a doubtful guess is refused with the candidates (--encoding to choose). In a\nworkbook the first sheet is read (--sheet), its header found among the first rows below any title\nor instructions (--header-row N to name it).": "从 FILE 导入{plural}: CSV、XLSX、旧版 XLS、JSON Lines 或 YAML, 按文件扩展名识别。文本文件的\n编码会自动识别 (UTF-8、UTF-16、GBK/GB18030、cp1252 …) 并总会说明; 拿不准时列出候选编码并\n拒绝导入 (用 --encoding 指定)。工作簿读取第一个工作表 (--sheet), 表头在标题或说明之下的前\n几行中自动查找 (用 --header-row N 指定)。",
    # import complaints
    "Columns are matched to fields by their header, in Chinese or English: each field's name and label,\nand {aliases}. Other columns stop the import until you --map them to a field, skip them\n(--map COLUMN=-) or keep them under the record's `extra` mapping of text (--keep-extra, or\n--map COLUMN=extra.NAME).": "列按表头 (中文或英文) 对应到字段: 每个字段的名称和标签, 以及 {aliases}。其他列会使导入\n停止, 直到你用 --map 把它对应到字段、跳过 (--map COLUMN=-) 或放进记录的 `extra` 文本映射\n(--keep-extra, 或 --map COLUMN=extra.NAME)。",
    # import complaints
    "Cells may be written as people type them: dates as 2026-11-23, 2026/11/23, 2026年11月23日 or\nspreadsheet dates; staff by id, name or email; grades and other codes by code or label (A1, A一级);\nlists separated by commas or 、; phones as (0571)88881234, 0571.8888.1234, +86 138 0571 1239 or\n0571-88881234转8001 (several numbers in one cell fill mobile and phone, or the whole cell is also\nkept under extra, with a note). Other systems' codes are read as crmctl's with\n--value COLUMN:FROM=TO or a --value-file. A creation date in the file (建档日期, Created Date) is\nkept as the record's `created`, and said in its history. An empty cell sets nothing (and clears\nnothing on update).": "单元格可以按人们的习惯书写: 日期写作 2026-11-23、2026/11/23、2026年11月23日 或电子表格日期;\n员工写编号、姓名或邮箱; 等级和其他代码写代码或名称 (A1, A一级); 列表用逗号或 、 分隔; 电话写作\n(0571)88881234、0571.8888.1234、+86 138 0571 1239 或 0571-88881234转8001 (一个单元格里有多个\n号码时分别填入手机和电话, 否则整个单元格另存到 extra, 并附说明)。其他系统的代码可用\n--value COLUMN:FROM=TO 或 --value-file 读作 crmctl 的代码。文件中的建档日期 (建档日期, Created\nDate) 保存为记录的 `created`, 并写入历史。空单元格不设置任何内容 (更新时也不清空)。",
    # import complaints
    "All or nothing: if any row is wrong, the problems are listed, one line per column and reason with\nits first rows (--all-errors: every row), the command exits 1 and nothing is written. --dry-run\nshows first which field each column fills and why. Likely duplicates within the file or against the\narchive stop the import too, unless --allow-duplicate.": "要么全部导入, 要么都不导入: 只要有一行有错, 就按列和原因逐行列出问题及其最先出现的行\n(--all-errors: 每一行), 命令以 1 退出, 不写入任何内容。--dry-run 先显示每列填入哪个字段以及\n原因。文件内部或与档案中疑似重复的记录也会使导入停止, 除非使用 --allow-duplicate。",
    # import complaints
    "--key FIELD matches rows to existing records by that field (id when the file has an id column), so\nthey are updated instead of duplicated; importing the same file again changes nothing. Every\ncreated record's history starts with an `import` entry, every updated one gets one.": "--key FIELD 按该字段把行对应到已有记录 (文件有 id 列时按 id), 于是更新而不是重复创建; 再次\n导入同一文件不会有任何改动。每条新建记录的历史以一条 `import` 记录开始, 每条更新的记录也\n添加一条。",
    # import complaints
    "{lifecycle}{permissions} Prints the ids created or updated (--dry-run: what each row would do).": "{lifecycle}{permissions} 打印新建或更新的编号 (--dry-run: 每行将做什么)。",
    # import complaints
    "Anyone on the team may import complaints; a specialist only those they first received or handle.": "团队中任何人都可以导入投诉; 客服专员只能导入自己首问或处理的投诉。",
    # import complaints
    "A complaint is imported as it stands, historical ones included (received, like its steps, not in the future): with its status and the parts that status needs (a closed one its judgement, reply and closing, …), checked like any complaint write. Left out, kind is complaint, severity normal (none for an inquiry or lookup: the light path), status received and the first responder the importing user. Steps taken elsewhere are known to the deadlines by their times, judged_at (判断时间), resolved_at (解决时间), replied_at (回复时间) and called_back_at (回访时间): each becomes a history entry of its step, before the `import` entry, for a new complaint only (history is append-only); without them its deadlines show as missed. Export writes these columns (the times that met each deadline), so a copy keeps its breaches. Complaints and visits naming each other: import the complaints with --map visits=-, then the visits, then the complaints again. Tickets closed in another system come in as history: status closed with a closing time (closed_elsewhere: 结案时间, Close date) and what the file has (resolution, reply), no further lifecycle part needed and no deadline counted; the time shows in the complaint.": "投诉按原样导入, 包括历史投诉 (受理时间和各步骤时间都不能在将来): 带着它的状态以及该状态所需的部分 (已结案的要有判断、答复和结案总结, …), 像任何投诉写入一样校验。未给出时, 类别为投诉, 级别为一般 (咨询或查询没有级别: 简易流程), 状态为受理, 首问责任人为导入的人。在别处完成的步骤按它们的时间计入期限: judged_at (判断时间)、resolved_at (解决时间)、replied_at (回复时间) 和 called_back_at (回访时间): 每个时间成为该步骤的一条历史记录, 位于 `import` 记录之前, 只对新投诉如此 (历史只增不改); 没有这些时间, 它的期限会显示为已超时。导出会写出这些列 (满足各期限的时间), 所以副本保留它的超时情况。投诉和回访互相引用时: 先用 --map visits=- 导入投诉, 再导入回访, 然后再次导入投诉。在其他系统中已结案的工单作为历史导入: 状态为已结案并带结案时间 (closed_elsewhere: 结案时间, Close date) 和文件中已有的内容 (处理结果、答复), 不需要其他生命周期部分, 也不计算期限; 该时间显示在投诉中。",
    # import visits
    "Anyone on the team may import visits; a specialist only their own (staff themselves).": "团队中任何人都可以导入回访记录; 客服专员只能导入自己的 (回访人是自己)。",
    # import visits
    "A visit is filed by its time (records/visits/YYYY/MM), which cannot lie in the future. Left out, staff is the importing user, purpose the first visit purpose of crmctl.yaml, and reached true (a contact with a summary). The customer is named by id, exact name, phone or email. A visit at the same time with the same customer as another is a likely duplicate. A visit naming a complaint needs the complaint first (see import complaints).": "回访记录按时间存放 (records/visits/YYYY/MM), 时间不能在将来。未给出时, 回访人为导入的人, 目的为 crmctl.yaml 的第一个回访目的, 并视为已联系上 (有内容的一次联系)。客户用编号、完整名称、电话或邮箱指定。与另一条回访同一时间、同一客户的, 视为疑似重复。引用投诉的回访需要先有该投诉 (见 import complaints)。",
    # import customers
    "Anyone on the team may import customers; a specialist only creates or updates their own (owner empty or themselves); setting another owner is for supervisors and managers.": "团队中任何人都可以导入客户; 客服专员只能新建或更新自己的客户 (负责人为空或是自己); 设置别人为负责人需要主管或经理。",
    # edit
    "Edit a record (a customer as every command names one, or a visit's or complaint's id) in\n$VISUAL or $EDITOR. On save it is validated like any change; if it is not valid the editor\nopens again with the problems on top. The change is written with one history entry listing\nthe fields changed; history is never edited. Saving unchanged or not saving writes nothing.": "在 $VISUAL 或 $EDITOR 中编辑一条记录 (客户可用任何命令都接受的方式指定, 回访或投诉用编号)。\n保存时像任何修改一样校验; 不合规时编辑器会再次打开, 问题列在最上面。修改写入时附一条历史\n记录, 列出改动的字段; 历史永远不可编辑。未改动就保存或不保存, 都不写入任何内容。",
    # history
    "Who changed a record and when: its own history entries and the git commits that touched its\nfile (author, date, commit, message), oldest first. REF is an id, its start or short reference\nof any record, or a customer as every command names one (name, phone, part of the name,\npinyin).": "谁在何时修改了记录: 记录自身的历史, 以及改动过其文件的 git 提交 (作者、日期、提交、说明),\n按时间先后。REF 是任何记录的编号、编号开头或短编号, 或按任何命令都接受的方式指定的客户\n(名称、电话、名称的一部分、拼音)。",
    # handover
    "When someone leaves (004 第14条): every customer and open complaint moves, they become\ninactive.": "有人离职时 (004 第14条): 所有客户和未结投诉都移交出去, 此人设为停用。",
    # handover
    "Customers get a first-contact follow-up by their new owner (from the history's `handover`\nentries); a complaint's first-responder duty moves to its handler. All or nothing: if anything\nwould be left without an owner, nothing changes. On a terminal the plan is shown and asked for\nfirst (--yes does not ask).": "客户会由新负责人做一次首次联系跟进 (依据历史中的 `handover` 记录); 投诉的首问责任移交给其\n处理人。要么全部移交, 要么都不移交: 只要有任何东西会没有负责人, 就什么都不改。在终端上会先\n显示计划并询问 (--yes 不询问)。",
    # export complaints
    "Export {plural}, filtered like `{singular} list`, without their history (nor what\n`list` derives, such as a complaint's breaches; but a complaint's judged_at, resolved_at,\nreplied_at and called_back_at: the times that met its deadlines, which import reads back).\nLists whose items hold commas are written as JSON lists; mappings (extra, a complaint's\njudgement, …) as one `field.key` column per key. Cells starting with = + - @ get a leading '\nso a spreadsheet never runs them; `crmctl import` removes it again, so an export imports\nback unchanged: into another archive with the same ids, into this one as updates matched by\nthe id column. A --redact export is for reading only: import refuses its masked cells.": "导出{plural}, 筛选方式同 `{singular} list`, 不含历史 (也不含 `list` 推算出的内容, 例如投诉的\n超时情况; 但包括投诉的 judged_at、resolved_at、replied_at 和 called_back_at: 满足各期限的时间,\n导入时会读回)。列表项中含逗号的列表写成 JSON 列表; 映射 (extra、投诉的判断, …) 每个键一列\n`field.key`。以 = + - @ 开头的单元格前面加一个 ', 使电子表格不会执行它们; `crmctl import` 会\n再去掉它, 所以导出的文件可以原样导回: 导入另一个编号相同的档案, 或作为按 id 列匹配的更新导入\n本档案。--redact 的导出只供阅读: 导入会拒绝其中被遮盖的单元格。",
    # export complaints status
    "Lifecycle status, code or label (received/受理 … closed/已结案); repeatable.": "生命周期状态, 代码或名称 (received/受理 … closed/已结案); 可重复。",
    # export complaints severity
    "normal/一般投诉, major/重大投诉, crisis/危机事件; repeatable.": "normal/一般投诉, major/重大投诉, crisis/危机事件; 可重复。",
    "complaint/投诉, suggestion/建议, inquiry/咨询, lookup/查询; repeatable.": "complaint/投诉, suggestion/建议, inquiry/咨询, lookup/查询; 可重复。",
    # escalate
    "Move a complaint's handler one level up the reports_to chain (specialist → supervisor →\nmanager).": "把投诉的处理人沿 reports_to 链上升一级 (客服专员 → 主管 → 经理)。",
    # escalate
    "--auto applies the levels of crmctl.yaml (escalation.levels, or escalation.targets.<target>)\nwhose time has come after each missed target: the acknowledgement, the resolution (not while on\nhold) and the reply promised to the customer; each level once per target, crisis complaints\nfirst. It is idempotent: a second run at the same time changes nothing. On a terminal it shows\nthe plan and asks first (--yes does not ask).": "--auto 按 crmctl.yaml (escalation.levels 或 escalation.targets.<target>) 中的级别, 在每个期限\n错过后、到了时间的就升级: 确认、解决 (挂起期间除外) 以及向客户承诺的答复; 每个期限每一级\n只升一次, 危机事件优先。重复运行结果相同: 同一时间再运行一次不会有任何改动。在终端上会先\n显示计划并询问 (--yes 不询问)。",
    # due
    "What must be done, and what is already late: grade cadence, next-day calls after a meeting,\nfirst contacts of new owners and handovers, planned follow-ups and agreed call-backs,\nlost-customer visits and occasions, and complaint deadlines (acknowledge, resolve, the reply the\nfirst responder promised, the callback); collection (receivables.* of crmctl.yaml): a reminder\nbefore an invoice falls due, the overdue chase (催收) by its collector every chase_every (after\na payment or a 催收/对账 visit; the day after the date the customer promised, if that visit\nrecorded one), escalated to the collector's supervisor after escalate_after, the reconciliation\n(对账) of each key account that owes, and the credit-limit review (信用额度复核); the planned\nactions of development and service plans not done yet (plan_action). Computed from the records\n(kept per customer in the index until that customer's records, the config or an occasion\nchange). Dates that fall on a rest day or holiday move to the next working day; phone follow-ups\nshow the call window. OVERDUE is the number of days late (negative: days left). A complaint\ndeadline with less than 1 - escalation.warn_at of its time left says \"warning: … left\" in its\nreason (JSON: warning true).": '待办的跟进, 以及已经逾期的: 等级回访周期、见面后的次日电话、新负责人和移交后的首次联系、\n计划的跟进和约定的回电、流失客户回访和纪念日, 以及投诉期限 (确认、解决、首问责任人承诺的\n答复、回访); 收款 (crmctl.yaml 的 receivables.*): 发票到期前的提醒, 逾期后由收款人每隔\nchase_every 催收 (从一次回款或一次 催收/对账 拜访起算; 如果那次拜访记录了客户承诺的日期,\n则从承诺日期的次日起算), 超过 escalate_after 后升级到收款人的主管, 每个欠款大客户的对账,\n以及信用额度复核; 开发计划和服务计划中尚未完成的事项 (plan_action)。由记录计算得出 (按客户\n保存在索引中, 直到该客户的记录、配置或纪念日变化)。落在休息日或节假日的日期顺延到下一个\n工作日; 电话跟进会显示通话时段。逾期天数为迟了多少天 (负数: 还剩几天)。投诉期限剩余时间\n不足 1 - escalation.warn_at 时, 原因中写明 "警告: 还剩 …" (JSON: warning true)。',
    # customer grade
    "Compare recorded grades with the grade rules of crmctl.yaml (分级管理). With --apply on a\nterminal, the changes are shown and asked for first (--yes does not ask).": "把记录中的等级与 crmctl.yaml 的分级规则比较 (分级管理)。在终端上用 --apply 时, 会先显示\n改动并询问 (--yes 不询问)。",
    # customer edit
    "Change fields of a customer; history records what changed, who and when. Without --set,\nthe customer opens in $VISUAL or $EDITOR (as `crmctl edit`).": "修改客户的字段; 历史记录改了什么、谁改的、何时改的。不带 --set 时, 在 $VISUAL 或 $EDITOR\n中打开该客户 (同 `crmctl edit`)。",
    # customer show
    "Show customers named by id, id start or short reference, exact name, phone, part of the\nname or its pinyin, in that order of precedence (- reads them from stdin), with the open\nbalance of their receivables and a warning when it exceeds the credit limit (信用额度).": "查看客户, 按以下优先顺序指定: 编号、编号开头或短编号、完整名称、电话、名称的一部分或其拼音\n(- 从标准输入读取), 并显示其应收账款的未收余额, 超过信用额度时给出警告。",
    "On a terminal each customer is a card of one screen: profile, owner, grade and cadence, the\nlast contacts, open complaints and what is due, and the history in brief; --wide, piped or\nanother --format gives every field.": "在终端上每个客户显示为一屏的卡片: 档案、负责人、等级和联系周期、最近的联系、\n未结投诉、到期事项和历史摘要; --wide、管道输出或其他 --format 显示全部字段。",
    # customer add grade
    "Grade of crmctl.yaml, code or label (A1, A2, B1, B2, C, D by default).": "crmctl.yaml 中的等级, 代码或名称 (默认 A1, A2, B1, B2, C, D)。",
    # customer add owner
    "Responsible staff member (负责客服专员): id, email or name.": "负责客服专员: 编号、邮箱或姓名。",
    # complaint
    "Complaints, suggestions and inquiries (建议和投诉): log, follow the lifecycle, list, show.": "建议、投诉和咨询: 记录、跟踪生命周期、列出、查看。",
    # complaint
    "\x08 Lifecycle: received → judge → investigate → propose → approve → implement → resolve →\ncallback → close (an invalid complaint goes from judge to close; reopen after a callback with an\nunhappy customer). hold/resume pause the resolution clock; reply logs the answer the first\nresponder owes the customer.": "\x08 生命周期: 受理 → 判断 → 调查 → 提出方案 → 批准 → 实施 → 解决 →\n回访 → 结案 (不成立的投诉由判断直接到结案; 回访时客户不满意可重新打开)。\nhold/resume 暂停和恢复解决期限的计时; reply 记录首问责任人欠客户的答复。",
    # complaint undo
    "Take back a complaint's last step (a judgement, a proposal, an approval…): the fields it\nchanged are restored and an `undo` history entry records it; the step's own entry stays. By\nwhoever took the step, or a supervisor or manager, within corrections.undo_within of\ncrmctl.yaml. Undo again to take back the step before.": "撤回投诉的最后一步 (一次判断、一个方案、一次批准…): 该步骤改动的字段恢复原样, 一条 `undo`\n历史记录写明此事; 该步骤自己的历史记录保留。由做这一步的人, 或主管、经理, 在 crmctl.yaml 的\ncorrections.undo_within 期限内撤回。再次撤回可撤回前一步。",
    # complaint convert
    "Turn an inquiry or lookup that is really a complaint into one, at received (history kept).": "把实际上是投诉的咨询或查询转为投诉, 从受理开始 (保留历史)。",
    # complaint convert severity
    "normal/一般投诉, major/重大投诉 or crisis/危机事件.": "normal/一般投诉, major/重大投诉 或 crisis/危机事件。",
    # complaint answer
    "Answer an inquiry or lookup (咨询, 查询) logged without a severity; then close it.": "答复没有级别的咨询或查询; 然后结案。",
    # complaint answer text
    "The answer given to the customer.": "给客户的答复。",
    # complaint investigate cause
    "Cause category, code or label (defaults to the complaint's category).": "原因类别, 代码或名称 (默认为投诉的问题分类)。",
    # complaint judge department
    "Responsible department (责任部门): a department of crmctl.yaml, code or label (logistics/物流部 …).": "责任部门: crmctl.yaml 中的部门, 代码或名称 (logistics/物流部 …)。",
    # complaint show
    "The complaint, its deadlines, the steps allowed now and its timeline (- reads ids from\nstdin).": "投诉、它的期限、现在允许的步骤及其时间线 (- 从标准输入读取编号)。",
    # complaint log kind
    "The complaint's kind: complaint/投诉 (the default), suggestion/建议, inquiry/咨询 or lookup/查询.": "投诉的类别: complaint/投诉 (默认), suggestion/建议, inquiry/咨询 或 lookup/查询。",
    # complaint log severity
    "The complaint's severity: normal/一般投诉 (the default), major/重大投诉 or crisis/危机事件; an inquiry or lookup without one takes the light path: answer, then close.": "投诉的级别: normal/一般投诉 (默认), major/重大投诉 或 crisis/危机事件; 没有级别的咨询或查询走简易流程: 答复, 然后结案。",
    # complaint log channel
    "How it came in: phone/来电, in_person/来人, fax/传真, email/邮件, web/网站, visit/回访中.": "受理渠道: phone/来电, in_person/来人, fax/传真, email/邮件, web/网站, visit/回访中。",
    # complaint log category
    "The complaint's category: product/产品质量, delivery/物流配送, service/服务态度, billing/价格账务, other/其他 (the config's categories).": "投诉的问题分类: product/产品质量, delivery/物流配送, service/服务态度, billing/价格账务, other/其他 (配置中的问题分类)。",
    # assign
    "Give customers (owner) and complaints (handler) to staff; supervisors and managers only.": "把客户 (负责人) 和投诉 (处理人) 分配给员工; 仅限主管和经理。",
    # assign
    "Ids, id prefixes, customer names or phones; - reads ids from standard input. --auto balances by\neach person's active customers plus open complaints, divided by their weight; away and inactive\nstaff get nothing, A-grade customers go to managers, complaints to people skilled in their\ncategory. On a terminal --auto shows the plan and asks first (--yes does not ask).": "编号、编号前缀、客户名称或电话; - 从标准输入读取编号。--auto 按每人的活跃客户数加未结投诉数\n除以其权重来平衡; 休假和停用的员工不分配, A 级客户分给经理, 投诉分给擅长该问题分类的人。\n在终端上 --auto 会先显示计划并询问 (--yes 不询问)。",
}
