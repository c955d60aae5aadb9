"""V1 candidate: citizens' personal data or 涉密 markings published on a page or in an attachment."""
from __future__ import annotations

from collections import defaultdict

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make, option
from govinspect.extract.personal_data import KIND_NAMES
from govinspect.extract.scan_personal_data import scan_pages
from govinspect.model.artifacts import PersonalDataHit, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="personal_data_leaks",
    name="泄露个人信息或涉密信息",
    subject="page or attachment URL",
    title="个人信息与涉密标识",
    failure_title="泄露公民个人信息或涉密信息",
    description=(
        "单项否决 V1“安全、泄密事故等严重问题”的候选（indicators.md §3）：页面和网站链接的附件（docx、xlsx、xls、pdf，"
        "以及实为这些格式的 wps/et；每站最多40个，每个不超过20 MB、下载30秒、读取10秒，逐个记录大小、耗时和读取结果）"
        "中出现：18位居民身份证号（GB 11643 校验码正确、出生日期真实且不晚于监测时间点、省级代码有效）；银行卡号"
        "（16–19位、Luhn 校验正确、前30字内有“银行卡/卡号/储蓄卡”等词，对公账户除外）；个人手机号码（仅在个人语境："
        "与身份证号或银行卡号同行、含“姓名”及性别/住址/补贴等个人栏目的名单表格、“姓名：”标注的个人信息；"
        "单位公开的联系电话、联系人、咨询电话一律不算）；涉密标识（单独成行的“绝密★/机密★/秘密★”及“内部资料 "
        "注意保密”）。每个页面或附件一条，主题为其 URL；证据一律脱敏（身份证号 4201**********1234、姓名只留首尾字），"
        "页面在保存前即已脱敏。默认列为待复核（需人工确认是否确属泄露）；评分规则写 check_options: "
        "{personal_data_leaks_status: fail} 时判为不合格（计入 V1）。"
        "未能读取的附件（过大、超时、扫描件无文本、格式不支持）记录在证据中，不作结论。准确率（docs/personal_data.md）："
        "演示城市植入4处（通知公告正文表格、xlsx公示、有文本层的PDF、docx）全部检出（召回率1.0），其余页面（含各站"
        "联系我们的值班手机、以手机号公布的联系人、机构与办事指南的办公电话）0条（精确率1.0）；69个真实政府网页0条。"),
    requires=("pages",),
    optional=("attachments", "personal_data"),
    automation="H",
)

_SEVERITY = ("secret_marking", "id_card", "bank_card", "mobile")


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    hits = artifacts.personal_data
    pages_only = hits is None      # artifacts stored before attachments were read: scan the (kept) pages
    if hits is None:
        _, hits = scan_pages(list(artifacts.pages or []), ctx.as_of)
    by_url: dict[str, list[PersonalDataHit]] = defaultdict(list)
    for h in hits:
        by_url[h.url].append(h)
    unread = [{"url": a.url, "outcome": a.outcome, "detail": a.detail, "size": a.size}
              for a in artifacts.attachments or [] if a.outcome not in ("read",)]
    status = "fail" if option(ctx, "personal_data_leaks_status", "needs_review") == "fail" else "needs_review"
    ask = "，需人工确认是否泄露" if status == "needs_review" else ""
    out = []
    for url, found in sorted(by_url.items()):
        kinds = sorted({h.kind for h in found}, key=_SEVERITY.index)
        counts = {k: sum(1 for h in found if h.kind == k) for k in kinds}
        first = found[0]
        what = "、".join(f"{KIND_NAMES[k]}{counts[k]}处" for k in kinds)
        place = "附件" if first.where == "attachment" else "页面"
        out.append(make(
            SPEC.id, url, ctx, status=status, url=url, location=place,
            message=f"{place}公开了{what}（已脱敏：{first.masked}）{ask}",
            kind=kinds[0], kinds=kinds, counts=counts, where=first.where, source_url=first.source_url,
            items=[{"kind": h.kind, "masked": h.masked, "excerpt": h.excerpt, "place": h.place} for h in found[:20]],
            attachments_read=len(artifacts.attachments or []), attachments_unread=unread[:20],
            pages_only=pages_only))
    return out

