"""Chinese names of the check ids for the dashboard, from the check specs (failure titles win when present)."""
from __future__ import annotations

from functools import cache

from govinspect.checks.catalogue import check_names
from govinspect.model.result import FindingStatus, Verdict


def _spec_names() -> dict[str, str]:
    try:
        return check_names()
    except Exception:  # noqa: BLE001 - a broken check module must not take the dashboard down
        return {}


NAMES = {**_spec_names(), "manual": "人工录入问题"}
# what a reviewer may add by hand beyond the check ids (indicators no check automates)
MANUAL_KINDS = {
    "manual": "其他（人工录入）", "inaccurate_profile": "概况信息不准确", "inaccurate_functions": "机构职能信息不准确",
    "incomplete_leaders": "负责人信息不全", "no_response_to_concerns": "未回应社会关切",
}
# (the indicator a manual kind feeds is the rulebook's: `manual_kind` in scoring/rulebooks/*.yaml)
STATUS_NAMES = {FindingStatus.FAIL: "问题", FindingStatus.NEEDS_REVIEW: "待人工判定",
                FindingStatus.ERROR: Verdict.NOT_ASSESSED.value, FindingStatus.NOT_APPLICABLE: "不适用"}


@cache
def _spec_titles() -> dict[str, str]:
    try:
        from govinspect.checks.catalogue import all_checks
        return {cid: reg.spec.failure_title for cid, reg in all_checks().items() if reg.spec.failure_title}
    except Exception:  # a broken check module must not take the dashboard down
        return {}


def check_name(check_id: str) -> str:
    return _spec_titles().get(check_id) or NAMES.get(check_id) or MANUAL_KINDS.get(check_id) or check_id
