"""The complaint lifecycle (建议和投诉处理流程, 001): which step may follow which, and what each
demands.

received 受理 → judged 判断 → investigating 调查 → proposed 方案 → approved 审批 → implementing 实施
→ resolved → followed_up 回访 → closed 总结评价; an invalid complaint (不成立) goes from judged
straight to closed, and `reopen` sends a followed-up complaint whose customer is still unhappy back
to investigating.

Inquiries and lookups (咨询, 查询; 004 第七条) logged without a severity take a light path: received
→ answered (the answer and who gave it) → closed, no judging; `convert` turns one that is really a
complaint into a complaint at received, its history kept.
"""

from __future__ import annotations

import datetime as dt

from ..errors import CrmError
from . import proposals

STATUSES = (
    "received",
    "judged",
    "investigating",
    "proposed",
    "approved",
    "implementing",
    "resolved",
    "followed_up",
    "closed",
    "answered",  # inquiries and lookups only
)
LIGHT_KINDS = ("inquiry", "lookup")
LIGHT_FLOW = {"received": ("answer", "convert"), "answered": ("close", "convert"), "closed": ()}
CLOCK_RUNNING = STATUSES[:6]  # before resolution: the resolution clock runs, and can be put on hold

# status -> the steps that may follow it, for a complaint judged valid (or not judged yet)
FLOW = {
    "received": ("judge",),
    "judged": ("investigate",),
    "investigating": ("propose",),
    "proposed": ("propose", "approve"),
    "approved": ("implement",),
    "implementing": ("resolve",),
    "resolved": ("callback",),
    "followed_up": ("close", "reopen"),
    "closed": (),
}
INVALID_FLOW = {"judged": ("close",)}  # 不成立: reply tactfully, then close
UNFINISHED = tuple(
    status for status in STATUSES if FLOW.get(status, True)
)  # closed is final: nothing follows it

TARGET = {
    "judge": "judged",
    "investigate": "investigating",
    "propose": "proposed",
    "approve": "approved",
    "implement": "implementing",
    "resolve": "resolved",
    "callback": "followed_up",
    "close": "closed",
    "reopen": "investigating",
    "answer": "answered",
    "convert": "received",
}

# The part of the record each status needs (cumulative along the valid path), for `check` and
# writes.
PARTS = (
    ("judged", "judgement"),
    ("investigating", "investigation"),
    ("proposed", "proposals"),
    ("approved", "approved_proposal"),
    ("implementing", "implementation"),
    ("resolved", "resolution"),
    ("followed_up", "callback"),
    ("closed", "closing"),
)
CLEARED_BY_REOPEN = ("approved_proposal", "implementation", "resolution", "callback")
INVALID_STATUSES = ("judged", "closed")  # where an invalid complaint (不成立) can be
INVALID_PARTS = ("judgement", "closing")  # the only parts it has


def is_light(complaint: dict) -> bool:
    """An inquiry or lookup on the light path: logged without a severity."""
    return complaint.get("kind") in LIGHT_KINDS and not complaint.get("severity")


def is_invalid(complaint: dict) -> bool:
    return complaint.get("judgement", {}).get("valid") is False


def on_hold(complaint: dict) -> bool:
    return bool(complaint.get("hold_reason"))


def allowed_steps(complaint: dict) -> list[str]:
    """The steps allowed now, lifecycle steps first, then hold/resume and reply."""
    status = complaint["status"]
    if is_light(complaint):
        return list(LIGHT_FLOW.get(status, ()))
    if on_hold(complaint):
        return ["resume", "reply"]
    flow = INVALID_FLOW if is_invalid(complaint) and status in INVALID_FLOW else FLOW
    steps = list(flow[status])
    if status in CLOCK_RUNNING and not is_invalid(complaint):
        steps.append("hold")
    if status != "closed":
        steps.append("reply")
    return steps


def check_allowed(complaint: dict, step: str) -> None:
    allowed = allowed_steps(complaint)
    if step not in allowed:
        held = f", on hold ({complaint['hold_reason']})" if on_hold(complaint) else ""
        raise CrmError(
            f"complaint {complaint['id']} is {complaint['status']}{held}: '{step}' is not allowed "
            f"now; "
            f"allowed: {', '.join(allowed) or 'nothing (closed)'}"
        )


def _demand(step: str, inputs: dict, *names: str) -> None:
    missing = [name for name in names if inputs.get(name) in (None, "", ())]
    if missing:
        raise CrmError(
            f"{step} needs {', '.join('--' + name.replace('_', '-') for name in missing)}"
        )


def _judge(complaint, inputs, today):
    _demand("judge", inputs, "reason")
    if inputs.get("valid") is None:
        raise CrmError("judge needs --valid (成立) or --invalid (不成立)")
    if not inputs["valid"]:
        return {"judgement": {"valid": False, "reason": inputs["reason"]}}
    _demand("judging a valid complaint", inputs, "department", "reply_by")
    if inputs["reply_by"] < today:
        raise CrmError(f"--reply-by {inputs['reply_by']} is in the past")
    return {
        "judgement": {
            "valid": True,
            "reason": inputs["reason"],
            "department": inputs["department"],
            "reply_by": inputs["reply_by"].isoformat(),
        }
    }


def _investigate(complaint, inputs, today):
    _demand("investigate", inputs, "root_cause", "responsible")
    return {
        "investigation": {
            "root_cause": inputs["root_cause"],
            "responsible": inputs["responsible"],
            "cause": inputs.get("cause") or complaint.get("category"),
        }
    }


def _propose(complaint, inputs, today):
    _demand("propose", inputs, "proposals")
    return {"proposals": [*complaint.get("proposals", ()), *inputs["proposals"]]}


def _approve(complaint, inputs, today):
    _demand("approve", inputs, "proposal")
    return {"approved_proposal": proposals.chosen(complaint, inputs["proposal"])}


def _implement(complaint, inputs, today):
    _demand("implement", inputs, "actions")
    return {
        "implementation": {key: inputs.get(key) for key in ("actions", "compensation", "penalty")}
    }


def _resolve(complaint, inputs, today):
    _demand("resolve (the customer's acceptance of the solution)", inputs, "acceptance")
    return {"resolution": inputs["acceptance"]}


def _callback(complaint, inputs, today):
    _demand("callback", inputs, "satisfaction")
    return {
        "callback": {
            "satisfaction": inputs["satisfaction"],
            "note": inputs.get("comment"),
            "visit": inputs.get("visit"),
        }
    }


def is_callback_visit(complaint: dict, visit: dict) -> bool:
    """A visit that reached the customer of a resolved complaint and recorded how satisfied they
    are: the callback itself (a 投诉回访 need not be entered twice)."""
    return (
        complaint["status"] == "resolved"
        and not on_hold(complaint)
        and bool(visit.get("reached"))
        and visit.get("satisfaction") is not None
    )


def _answer(complaint, inputs, today):
    _demand("answer", inputs, "text")
    return {"answer": {"text": inputs["text"].strip(), "by": inputs["by"]}}


def _convert(complaint, inputs, today):
    """An inquiry that is really a complaint: a complaint at received, its answer kept if any."""
    _demand("convert", inputs, "severity")
    return {"kind": "complaint", "severity": inputs["severity"], "handler": inputs.get("handler")}


def _close(complaint, inputs, today):
    if is_light(complaint):
        return {}
    _demand("close", inputs, "summary")
    if not is_invalid(complaint):
        _demand("closing a valid complaint", inputs, "improvement")
    if not complaint.get("reply"):
        raise CrmError(
            f"complaint {complaint['id']} cannot close before the reply to the customer is logged "
            "(首问负责制: crmctl complaint reply ID --text …)"
        )
    return {"closing": {"summary": inputs["summary"], "improvement": inputs.get("improvement")}}


def _reopen(complaint, inputs, today):
    _demand("reopen", inputs, "reason")
    return {key: None for key in CLEARED_BY_REOPEN}


BUILDERS = {
    "judge": _judge,
    "investigate": _investigate,
    "propose": _propose,
    "approve": _approve,
    "implement": _implement,
    "resolve": _resolve,
    "callback": _callback,
    "close": _close,
    "reopen": _reopen,
    "answer": _answer,
    "convert": _convert,
}


def apply_step(complaint: dict, step: str, inputs: dict, today: dt.date) -> dict:
    """The complaint after `step` with `inputs`; raises CrmError naming the allowed steps or what is
    missing."""
    check_allowed(complaint, step)
    changes = BUILDERS[step](complaint, inputs, today)
    return _compact({**complaint, **changes, "status": TARGET[step]})


def _compact(record: dict) -> dict:
    """Without empty values, so a record compares equal to how it reads back from its file."""
    out = {}
    for key, value in record.items():
        kept = (
            {k: v for k, v in value.items() if v is not None} if isinstance(value, dict) else value
        )
        if kept is not None:
            out[key] = kept
    return out


def hold(complaint: dict, reason: str) -> dict:
    check_allowed(complaint, "hold")
    if not reason.strip():
        raise CrmError("hold needs --reason (waiting for the customer, or for which department)")
    return {**complaint, "hold_reason": reason.strip()}


def resume(complaint: dict) -> dict:
    check_allowed(complaint, "resume")
    return _compact({**complaint, "hold_reason": None})


def reply(complaint: dict, text: str) -> dict:
    check_allowed(complaint, "reply")
    if not text.strip():
        raise CrmError("reply needs --text: what the customer was told")
    return {**complaint, "reply": text.strip()}


CLOSED_ELSEWHERE = "closed_elsewhere"  # imported history: when another system closed it


def _light_problems(complaint: dict, status: str) -> list[tuple[tuple, str]]:
    if not is_light(complaint):
        return [(("status",), "only an inquiry or lookup without a severity is answered")]
    if status not in LIGHT_FLOW:
        return [(("status",), f"an inquiry or lookup without a severity cannot be {status}")]
    if status != "received" and not complaint.get("answer"):
        return [(("answer",), f"a {status} inquiry needs its answer")]
    return []


def state_problems(complaint: dict) -> list[tuple[tuple, str]]:
    """Parts a complaint in its status must have (a closed complaint has its summary, …)."""
    status = complaint.get("status")
    if complaint.get(CLOSED_ELSEWHERE) and status != "closed":
        return [((CLOSED_ELSEWHERE,), "a complaint closed elsewhere (imported history) is closed")]
    if status not in STATUSES or complaint.get(CLOSED_ELSEWHERE):
        return []  # history from another system has what that system kept
    if is_light(complaint) or status == "answered":
        return _light_problems(complaint, status)
    reached = STATUSES.index(status)
    invalid = is_invalid(complaint)
    problems = _missing_parts(complaint, reached, invalid)
    if invalid and status not in INVALID_STATUSES:
        problems.append((("status",), f"an invalid complaint (不成立) cannot be {status}"))
    problems += proposals.approval_problems(complaint)
    if status == "closed":
        problems += _closing_problems(complaint, invalid)
    if on_hold(complaint):
        problems += _hold_problems(status, invalid)
    return problems + _parts_beyond(complaint, reached, invalid)


def _missing_parts(complaint: dict, reached: int, invalid: bool) -> list[tuple[tuple, str]]:
    """Parts the steps up to the complaint's status write and it lacks (an invalid complaint gets
    only some)."""
    status = complaint["status"]
    return [
        (("status",), f"a {status} complaint needs its {part}")
        for part_status, part in PARTS
        if STATUSES.index(part_status) <= reached
        and not (invalid and part not in INVALID_PARTS)
        and complaint.get(part) in (None, "", [])
    ]


def _closing_problems(complaint: dict, invalid: bool) -> list[tuple[tuple, str]]:
    """What a closed complaint lacks: the reply, and for a valid one the improvement measure."""
    problems: list[tuple[tuple, str]] = []
    if not complaint.get("reply"):
        problems.append((("status",), "a closed complaint needs the reply to the customer"))
    if not invalid and not complaint.get("closing", {}).get("improvement"):
        problems.append(
            (("closing", "improvement"), "a closed valid complaint needs its improvement measure")
        )
    return problems


def _hold_problems(status: str, invalid: bool) -> list[tuple[tuple, str]]:
    """Why a complaint on hold cannot be: its clock is not running, or it was judged invalid."""
    problems = []
    if status not in CLOCK_RUNNING:
        problems.append((("hold_reason",), f"a {status} complaint cannot be on hold"))
    if invalid:
        problems.append((("hold_reason",), "an invalid complaint (不成立) cannot be on hold"))
    return problems


def _parts_beyond(complaint: dict, reached: int, invalid: bool) -> list[tuple[tuple, str]]:
    """Parts written by steps the complaint has not reached (a reopened one keeps its investigation
    and proposals), or that an invalid complaint never gets."""
    status = complaint["status"]
    if invalid and status not in INVALID_STATUSES:
        return []  # reported as the status it cannot have, not part by part
    kept_by_reopen = STATUSES.index("investigating")
    problems = []
    for part_status, part in PARTS:
        if complaint.get(part) in (None, "", []):
            continue
        beyond = STATUSES.index(part_status) > reached and (
            part in (*CLEARED_BY_REOPEN, "closing") or reached < kept_by_reopen
        )
        if beyond or (invalid and part not in INVALID_PARTS):
            problems.append(
                (
                    (part,),
                    f"a {status} complaint{' judged invalid' if invalid else ''} cannot have its "
                    f"{part}",
                )
            )
    return problems
