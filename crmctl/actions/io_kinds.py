"""What import and export need to know about each record kind. Visits and complaints plug in
with one `IoKind` each: the column headers people use, the fields that name staff or config
codes, the defaults of a new record, who may write it and how it is listed for export."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..rules import permissions
from ..rules.duplicates import duplicate_groups
from ..store.kinds import KINDS, Kind
from . import customers


@dataclass(frozen=True)
class IoKind:
    kind: Kind
    plural: str  # as typed on the command line
    aliases: dict[str, tuple[str, ...]]  # field -> column headers people use (field names and labels work anyway)
    list_records: Callable  # (session, **filters) -> records, the same filters as the kind's `list`
    may_write: Callable  # (user, before or None, after) -> why not, or None
    permissions: str  # who may import, for --help
    staff_fields: tuple[str, ...] = ()  # values name a staff member (id, email or name)
    vocabularies: dict[str, str] = field(default_factory=dict)  # field -> config vocabulary, or "grades"
    defaults: dict = field(default_factory=dict)  # fields of a created record the file may leave out
    duplicates: Callable | None = None  # (records) -> [(field, value, ids)] likely duplicates


CUSTOMERS = IoKind(
    kind=KINDS["customer"],
    plural="customers",
    aliases={
        "name": ("客户名称", "公司", "客户名", "客户", "名称", "公司名称", "单位", "单位名称", "企业名称", "姓名",
                 "customer", "customer name", "company", "company name"),
        "contact": ("联系人", "联系人姓名", "contact person"),
        "mobile": ("手机", "联系电话", "手机号", "手机号码", "移动电话", "mobile phone", "cell", "cellphone"),
        "phone": ("电话", "座机", "固定电话", "固话", "办公电话", "tel", "telephone", "landline"),
        "email": ("邮箱", "电子邮箱", "电子邮件", "e-mail", "mail"),
        "qq": ("qq号", "qq号码"),
        "wechat": ("微信号",),
        "address": ("地址", "联系地址", "详细地址", "公司地址", "单位地址"),
        "region": ("地区", "片区", "所属区域"),
        "preferred_channel": ("首选渠道", "preferred channel"),
        "grade": ("等级", "客户等级", "级别", "客户级别", "分级"),
        "owner": ("负责人", "负责客服", "客服专员", "客服", "业务员", "account manager"),
        "secondary_contacts": ("协助人", "其他负责人", "secondary contacts"),
        "status": ("状态", "客户状态"),
        "lost_reason": ("流失原因", "lost reason"),
        "source": ("来源", "客户来源"),
        "birthday": ("生日", "出生日期"),
        "anniversary": ("纪念日", "周年纪念日", "成立日期"),
        "annual_volume": ("年用量", "年用量万元", "年采购额", "annual volume"),
        "credit": ("回款信誉", "信誉", "信用"),
        "margin": ("利润率",),
        "tags": ("标签",),
        "notes": ("备注", "说明"),
        "type": ("类型", "客户类型"),
    },
    list_records=customers.list_customers,
    may_write=permissions.may_write_customer,
    permissions="Anyone on the team may import customers; a specialist only creates or updates their own "
                "(owner empty or themselves); setting another owner is for supervisors and managers.",
    staff_fields=("owner", "secondary_contacts"),
    vocabularies={"grade": "grades", "preferred_channel": "channels", "source": "sources"},
    defaults={"status": "prospect"},
    duplicates=duplicate_groups,
)

IO_KINDS = {io_kind.plural: io_kind for io_kind in (CUSTOMERS,)}
