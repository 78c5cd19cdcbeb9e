"""What each report counts and how, for the help of `crmctl report …`: the definitions a reader
checks a figure against."""

PERIOD_HELP = """\b
Period and cutoff: the month (or ISO week) containing --now unless
--month/--week names one; every figure is measured at the cutoff, the
period's end, or now while the period runs (the heading says "not over").
Records count as they stood at the cutoff: later history entries are undone,
so a finished period reads the same whenever it is printed again."""

LEDGER_HELP = """\b
Rows (ledger): every complaint, suggestion, inquiry and lookup RECEIVED in
the period, with its state at the cutoff:
  acknowledged   when it was judged (判断: the acknowledgement)
  ack office h   office hours from receipt to acknowledgement, counted on
                 the working calendar of crmctl.yaml (rest days, holidays
                 and time outside office_hours do not count)
  resolved       when handling ended: the customer accepted a solution, or
                 an invalid (不成立) complaint was closed
  resolve office h  office hours from receipt to that end (holds included)
  breached       deadlines missed by the cutoff (crmctl.yaml deadlines):
                 acknowledge and resolve targets of its severity (resolve
                 moves back by holds), the reply date promised to the
                 customer, the callback after resolution. A target met late
                 stays a breach.
  satisfaction   the callback's 满意 / 一般 / 不满意
Counts: per kind, severity, category, responsible department, status:
complaints, still open at the cutoff, with at least one breach.
Summary: received (in the period), handled (handling ended in the period,
whenever received), open at cutoff (received by the cutoff, any period,
not handled), breached (of those received), breaches per deadline,
callbacks by satisfaction.
Inquiries (咨询信息报表): inquiries and lookups logged without a severity
(the light path: answer, close) are listed and counted apart: received in
the period, answered, answered in time (by the close of the working day
deadlines.inquiry gives), and that share in percent."""

MONTHLY_HELP = """\b
Definitions:
  visits           contacts logged in the month; reached = a two-way
                   contact (reached, on a channel that reaches the
                   customer: not SMS or email); not reached = the rest
  satisfied        a reached visit rated reports.satisfied_at (4 in the
                   template) or more on 1-5; satisfied % = satisfied / rated visits,
                   against reports.satisfaction_target (95%)
  key accounts     customers of a key_account grade (A一级, A二级) not lost
                   at the cutoff; coverage % = those with a two-way contact
                   in the month / all of them, target 100% (必须保证优质客户
                   的100%的回访); every one missed is listed
  first contacts   new-owner and handover first contacts (crmctl due rules
                   new_owner, handover) whose due date fell in the month:
                   on time = the owner reached the customer by the end of
                   the due day; late = after it; missing = not by the cutoff
                   (the ownership a customer had at the cutoff counts)
  overdue          what `crmctl due --overdue` showed at the cutoff
  complaints       as in `crmctl report ledger` (received, handled, open,
                   breached); inquiries and lookups on the light path
                   are counted apart (inquiry figures: received,
                   answered, answered in time, that share in percent);
                   lost = customers whose lost_at is in the
                   month, with the reason and whether a 流失回访 was made
  collection       回款, 欠费率 and 托收率 (below)
  rates            as in `crmctl report quarterly` (below)
A "met" column says no whenever a figure misses its target."""

COLLECTION_HELP = """\b
Collection (002), per currency; key accounts are customers of a
key_account grade at the cutoff:
  回款 collected   payments dated in the period (by the cutoff), every
                   customer, less the payments reversed in the period
  billed due       amounts of key accounts' receivables due in the period
                   before the cutoff's day
  欠费率 overdue    what of those is unpaid at the cutoff, written off
                   included / billed due; target reports.overdue_rate_target
                   at most (5‰)
  托收率 collection what of them was paid by its due date and not reversed /
                   billed due;
                   target reports.collection_rate_target at least (70%)
Rates in percent, two decimals."""

RATES_HELP = """\b
Rates (002), in percent, with what was counted and out of what:
  流失率 churn     customers lost in the period (lost_at in it) / customers
                   active at its start; target reports.churn_rate_target
                   at most (30%)
  新客户开发率      customers active at the cutoff that were not active at
                   the start (new, or prospects won) / (reports.
                   new_customers_per_month x months of the period); target
                   reports.new_customer_rate_target at least (70%)
  投诉成立率        complaints (kind complaint, not inquiries or
                   suggestions) received in the period and judged by the
                   cutoff that were judged valid (成立) / those judged
  投诉率            those complaints received per 100 customers active at
                   the cutoff
  satisfaction by grade  visits of the period rated 1-5 that are rated
                   reports.satisfied_at or more / rated visits, by the
                   grade of the customer at the cutoff; target
                   reports.grade_satisfaction_target (98%, 大客户满意度)"""
