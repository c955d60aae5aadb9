"""The adapter could not see the account's posts: 未能检测 (status ``error``), never a veto.

Raised for every feed health that is not evidence (``empty``, ``http_error``, ``timeout``, ``dead``,
``parse_error``, ``none``): the inspector must look at the account by hand (docs/new_media.md).
"""
from __future__ import annotations

from collections.abc import Iterable

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_feed_unavailable",
    name="订阅源不可用",
    subject="feed URL (or 订阅地址)",
    title="政务新媒体订阅源可用性",
    failure_title="未能获取账号发布内容",
    description=f"采集记录：订阅源出错、超时、为空、无法解析、疑似失效，或既无订阅地址也无登记日期时，账号{NOT_ASSESSED}，需人工查看；"
                "从不作为单项否决，也不作为“无更新”的证据。",
    requires=("health",),
    optional=("record",),
    target="account",
    automation="A",
)
REASONS = {
    "empty": "订阅源为空（没有任何条目）", "http_error": "订阅源访问出错", "timeout": "订阅源访问超时",
    "dead": "疑似失效的订阅源", "parse_error": "订阅源无法解析", "none": "无订阅地址，也未登记最近更新日期",
}


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    health = a.health
    if health is None or health.status in ("ok", "manual"):
        return []
    record = a.record
    subject = (record.feed_url if record and record.feed_url else "订阅地址")
    reason = REASONS.get(health.status, f"订阅源状态异常（{health.status}）")
    detail = f"：{health.detail}" if health.detail else ""
    return [Finding("account_feed_unavailable", subject, status="error", url=(record.feed_url or "") if record else "",
                    message=f"{NOT_ASSESSED}：{reason}{detail}，需人工查看账号",
                    evidence={"health": health.status, "http_status": health.http_status, "detail": health.detail})]
