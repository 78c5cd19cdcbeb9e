"""What import and export need to know about each record kind: the column headers people use,
the fields that name staff, customers or config codes, the defaults of a new record, who may
write it and how it is listed for export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..archive.kinds import KINDS, Kind
from ..errors import Ambiguous, CrmError, NotFound
from ..messages import _
from ..rules import complaint_lifecycle as lifecycle
from ..rules import permissions
from ..rules.complaint_deadlines import targets
from ..rules.duplicates import KEYS as DUPLICATE_KEYS
from ..rules.satisfaction import parse_satisfaction
from ..timeutil import iso
from . import complaints, customers, visits
from .lookup import CustomerDirectory
from .session import Session


@dataclass(frozen=True)
class IoKind:
    kind: Kind
    plural: str  # as typed on the command line
    aliases: dict[
        str, tuple[str, ...]
    ]  # field -> column headers people use (field names and labels work anyway)
    list_records: Callable  # (session, **filters) -> records, the same filters as the kind's `list`
    may_write: Callable  # (user, before or None, after) -> why not, or None
    permissions: str  # who may import, for --help
    staff_fields: tuple[str, ...] = ()  # values name a staff member (id, email or name)
    vocabularies: dict[str, str] = field(
        default_factory=dict
    )  # field -> config vocabulary, or "grades"
    defaults: Callable = (
        lambda session: {}
    )  # (session) -> fields of a created record the file may leave out
    completed: Callable = lambda record: (
        record
    )  # a new record -> with the defaults that depend on its other fields
    readers: dict[str, Callable] = field(
        default_factory=dict
    )  # field -> (session) -> (cell text) -> value
    duplicate_keys: tuple[str, ...] = ()  # a value shared with another record: a likely duplicate
    duplicate_within: str | None = None  # ... among the records sharing this field (a customer)
    lifecycle: str = ""  # what importing means for the kind's records, for --help
    title_field: str = "name"  # what a person recognises a record by in an import plan
    steps: dict[str, str] = field(
        default_factory=dict
    )  # column -> history action: a step taken before crmctl
    step_times: Callable = (
        lambda session, record: {}
    )  # (session, record) -> {column: when}, for export
    past_fields: tuple[
        str, ...
    ] = ()  # times that cannot lie after now (what happened, not what is planned)
    phone_fields: tuple[str, ...] = ()  # read as phone numbers, several in a cell split among them


def _with_severity(record: dict) -> dict:
    """Severity normal when left out, but for an inquiry or lookup: it takes the light path."""
    if record.get("severity") or record.get("kind") in lifecycle.LIGHT_KINDS:
        return record
    return {**record, "severity": "normal"}


def customer_reader(session: Session) -> Callable[[str], str]:
    """Customer ids from what a file names them by: one look-up table for the whole import."""
    directory = CustomerDirectory(session.store.records(KINDS["customer"]))

    def customer_id(text: str) -> str:
        try:
            return directory.find(text)["id"]
        except Ambiguous as exc:
            found = ", ".join(candidate.split()[0] for candidate in exc.candidates)
            raise ValueError(
                _(
                    "names {candidates} customers ({found}); give the id, phone or email",
                    candidates=exc.total,
                    found=found,
                )
            ) from None
        except NotFound:
            raise ValueError(
                _("no such customer (give the id, the exact name, a phone number or the email)")
            ) from None

    return customer_id


def _value_error(parse: Callable) -> Callable:
    """A command-line parser as a cell reader: its refusal becomes the cell's problem."""

    def read(text: str):
        try:
            return parse(text)
        except CrmError as exc:
            raise ValueError(str(exc)) from None

    return read


CUSTOMERS = IoKind(
    kind=KINDS["customer"],
    plural="customers",
    aliases={
        "name": (
            "客户名称",
            "公司",
            "客户名",
            "客户",
            "名称",
            "公司名称",
            "单位",
            "单位名称",
            "企业名称",
            "姓名",
            "customer",
            "customer name",
            "company",
            "company name",
            "account name",
            "display name",
            "客户姓名",
        ),
        "contact": ("联系人", "联系人姓名", "contact person", "contact name"),
        "mobile": (
            "手机",
            "联系电话",
            "手机号",
            "手机号码",
            "移动电话",
            "mobile phone",
            "cell",
            "cellphone",
            "mobile phone number",
            "mobile number",
        ),
        "phone": (
            "电话",
            "座机",
            "固定电话",
            "固话",
            "办公电话",
            "tel",
            "telephone",
            "landline",
            "phone number",
            "business phone",
        ),
        "email": ("邮箱", "电子邮箱", "电子邮件", "e-mail", "mail", "email address"),
        "qq": ("qq号", "qq号码"),
        "wechat": ("微信号",),
        "address": (
            "地址",
            "联系地址",
            "详细地址",
            "公司地址",
            "单位地址",
            "street",
            "street address",
            "billing street",
        ),
        "region": ("地区", "片区", "所属区域"),
        "preferred_channel": ("首选渠道", "preferred channel"),
        "grade": ("等级", "客户等级", "级别", "客户级别", "分级"),
        "owner": (
            "负责人",
            "负责客服",
            "客服专员",
            "客服",
            "业务员",
            "account manager",
            "account owner",
            "contact owner",
            "salesperson",
        ),
        "secondary_contacts": ("协助人", "其他负责人", "secondary contacts"),
        "status": ("状态", "客户状态"),
        "lost_reason": ("流失原因", "lost reason"),
        "source": ("来源", "客户来源"),
        "birthday": ("生日", "出生日期"),
        "anniversary": ("纪念日", "周年纪念日"),
        "annual_volume": ("年用量", "年用量万元", "年采购额", "annual volume"),
        "credit": ("回款信誉", "信誉", "信用"),
        "margin": ("利润率",),
        "tags": ("标签",),
        "notes": ("备注", "说明", "description"),
        "type": ("类型", "客户类型"),
    },
    list_records=customers.list_customers,
    may_write=permissions.may_write_customer,
    permissions="Anyone on the team may import customers; a specialist only creates or updates "
    "their own "
    "(owner empty or themselves); setting another owner is for supervisors and managers.",
    staff_fields=("owner", "secondary_contacts"),
    vocabularies={"grade": "grades", "preferred_channel": "channels", "source": "sources"},
    defaults=lambda session: {"status": "prospect"},
    duplicate_keys=DUPLICATE_KEYS,
    phone_fields=("mobile", "phone"),
)

# Visits and complaints name their customer by the same columns in other systems' exports.
CUSTOMER_REFERENCE_ALIASES = (
    "客户名称",
    "客户名",
    "公司",
    "公司名称",
    "单位",
    "客户编号",
    "customer name",
    "customer id",
    "customer email",
    "客户邮箱",
    "associated company",
    "associated contact",
)


VISITS = IoKind(
    kind=KINDS["visit"],
    plural="visits",
    aliases={
        # a call centre's sheet names the customer by the number called
        "customer": (*CUSTOMER_REFERENCE_ALIASES, "客户电话", "来电号码", "主叫号码", "被叫号码"),
        "staff": (
            "回访人",
            "拜访人",
            "客服",
            "客服专员",
            "负责人",
            "业务员",
            "联系人员",
            "坐席",
            "坐席人员",
            "staff member",
            "visited by",
            "agent",
        ),
        "at": (
            "回访时间",
            "拜访时间",
            "拜访日期",
            "回访日期",
            "联系时间",
            "来电时间",
            "通话时间",
            "呼叫时间",
            "日期",
            "date",
            "time",
            "visited at",
            "call time",
        ),
        "channel": ("回访方式", "拜访方式", "联系方式", "渠道", "方式"),
        "purpose": ("回访目的", "拜访目的", "回访类型", "目的", "类型"),
        "reached": ("是否接通", "接通", "是否联系上", "联系上", "通话结果", "呼叫结果"),
        "summary": ("回访内容", "摘要", "内容", "拜访内容", "沟通内容", "记录", "notes"),
        "needs": ("需求", "客户要求", "requests"),
        "satisfaction": ("客户满意度", "满意程度", "rating"),
        "next_followup": (
            "下次回访日期",
            "下次回访时间",
            "下次联系",
            "next follow-up",
            "next followup",
        ),
        "callback_at": ("约定回电时间", "回电时间", "callback"),
        "complaint": ("投诉编号", "complaint id"),
    },
    list_records=visits.list_visits,
    may_write=permissions.may_import_visit,
    permissions="Anyone on the team may import visits; a specialist only their own (staff "
    "themselves).",
    staff_fields=("staff",),
    vocabularies={"channel": "channels", "purpose": "visit_purposes"},
    defaults=lambda session: {
        "staff": session.user.id,
        "reached": True,
        "purpose": visits.default_purpose(session.config),
    },
    readers={
        "customer": customer_reader,
        "satisfaction": lambda session: _value_error(parse_satisfaction),
    },
    duplicate_keys=("at",),
    duplicate_within="customer",
    title_field="summary",
    past_fields=("at",),
    lifecycle="A visit is filed by its time (records/visits/YYYY/MM), which cannot lie in the "
    "future. Left out, staff is the importing user, "
    "purpose the first visit purpose of crmctl.yaml, and reached true (a contact with a summary). "
    "The customer is named by id, exact name, phone or email. A visit at the same time with the "
    "same "
    "customer as another is a likely duplicate. A visit naming a complaint needs the complaint "
    "first "
    "(see import complaints).",
)

# A complaint's steps that meet its deadlines, as columns: column -> (history action, deadline it
# meets).
COMPLAINT_STEPS = {
    "judged_at": ("judge", "acknowledge"),
    "resolved_at": ("resolve", "resolve"),
    "replied_at": ("reply", "reply"),
    "called_back_at": ("callback", "callback"),
}


def _complaint_step_times(session: Session, complaint: dict) -> dict:
    met = {
        target.name: target.met_at
        for target in targets(complaint, session.config, session.calendar, session.now)
    }
    return {
        column: iso(moment)
        for column, (_, deadline) in COMPLAINT_STEPS.items()
        if (moment := met.get(deadline))
    }


COMPLAINTS = IoKind(
    kind=KINDS["complaint"],
    plural="complaints",
    aliases={
        "customer": CUSTOMER_REFERENCE_ALIASES,
        "complainant": ("投诉人", "建议和投诉人", "反映人"),
        "kind": ("类型", "性质", "type"),
        "severity": ("严重程度", "投诉级别", "等级", "优先级", "priority"),
        "channel": ("投诉渠道", "受理渠道", "渠道", "来源", "投诉方式", "方式"),
        "category": ("投诉类型", "问题类型", "投诉分类", "分类"),
        "summary": (
            "投诉内容",
            "建议和投诉内容",
            "内容",
            "摘要",
            "问题描述",
            "description",
            "ticket description",
        ),
        "received": (
            "投诉时间",
            "受理日期",
            "投诉日期",
            "登记时间",
            "日期",
            "received at",
            "date",
            "create date",
            "created date",
        ),
        "first_responder": ("受理人", "首问人", "接待人", "登记人"),
        "handler": ("处理人员", "负责人", "责任客服"),
        "status": ("处理状态", "进度", "ticket status"),
        "proposals": ("处理方案", "解决方案"),
        "reply": ("回复内容", "答复", "答复客户"),
        "resolution": ("处理结果", "客户意见"),
        "judgement.valid": ("是否成立",),
        "judgement.reason": ("判断理由", "成立理由"),
        "judgement.department": ("责任部门",),
        "judgement.reply_by": ("承诺回复日期", "答复期限"),
        "investigation.root_cause": ("原因分析", "原因"),
        "investigation.responsible": ("责任人",),
        "investigation.cause": ("原因类别",),
        "approved_proposal": ("采用方案", "批准方案"),
        "implementation.actions": ("实施措施", "处理措施"),
        "implementation.compensation": ("赔偿", "补偿"),
        "implementation.penalty": ("处罚", "考核"),
        "callback.satisfaction": ("回访结果", "回访满意度", "满意度"),
        "callback.note": ("回访意见",),
        "judged_at": ("判断时间", "确认时间", "judged"),
        "resolved_at": ("解决时间", "处理完成时间", "完成时间", "resolved"),
        "replied_at": ("回复时间", "答复时间", "replied"),
        "called_back_at": ("回访时间", "called back"),
        "closed_elsewhere": (
            "结案时间",
            "结案日期",
            "关闭时间",
            "关闭日期",
            "完结时间",
            "close date",
            "closed date",
            "closed at",
            "closed",
        ),
        "closing.summary": ("总结评价", "结案总结"),
        "closing.improvement": ("改进对策", "改进措施"),
    },
    list_records=complaints.list_complaints,
    may_write=permissions.may_import_complaint,
    permissions="Anyone on the team may import complaints; a specialist only those they first "
    "received or handle.",
    staff_fields=("first_responder", "handler"),
    vocabularies={
        "kind": "complaint_kinds",
        "severity": "severities",
        "channel": "complaint_channels",
        "category": "categories",
        "judgement.department": "departments",
        "investigation.cause": "categories",
    },
    defaults=lambda session: {
        "kind": "complaint",
        "first_responder": session.user.id,
        "status": "received",
    },
    completed=_with_severity,
    readers={"customer": customer_reader},
    duplicate_keys=("received",),
    duplicate_within="customer",
    title_field="summary",
    past_fields=("received", "closed_elsewhere"),
    steps={column: action for column, (action, _deadline) in COMPLAINT_STEPS.items()},
    step_times=_complaint_step_times,
    lifecycle="A complaint is imported as it stands, historical ones included (received, like its "
    "steps, not in the "
    "future): with its status and the parts "
    "that status needs (a closed one its judgement, reply and closing, …), checked like any "
    "complaint "
    "write. Left out, kind is complaint, severity normal (none for an inquiry or lookup: the "
    "light path), status received and the first responder "
    "the importing user. Steps taken elsewhere are known to the deadlines by their times, "
    "judged_at (判断时间), resolved_at (解决时间), replied_at (回复时间) and called_back_at "
    "(回访时间): "
    "each becomes a history entry of its step, before the `import` entry, for a new complaint only "
    "(history is append-only); without them its deadlines show as missed. Export writes these "
    "columns (the times that met each deadline), so a copy keeps its breaches. Complaints and "
    "visits naming each other: import the complaints with --map visits=-, then the visits, then "
    "the "
    "complaints again. Tickets closed in another system come in as history: status closed with a "
    "closing time (closed_elsewhere: 结案时间, Close date) and what the file has (resolution, "
    "reply), "
    "no further lifecycle part needed and no deadline counted; the time shows in the complaint.",
)
