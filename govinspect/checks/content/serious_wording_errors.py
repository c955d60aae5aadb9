"""V1(1) 严重表述错误: leaders' names and titles, retired organ names, fixed formulations."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.content_reading import WordingError
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="serious_wording_errors",
    name="严重表述错误",
    subject="the wrong text as it appears",
    title="严重表述错误",
    failure_title="文章中发现严重表述错误（领导人姓名职务、机构名称、规范表述）",
    description=(
        "单项否决 V1“安全、泄密事故等严重问题”第(1)项，indicators.md §3、§11。对文章页的标题和正文（不含页脚、"
        "备案号、网址、代码），用包内版本化词库（党和国家领导人姓名、职务及任期，2018/2023年机构改革撤销的机构名称，"
        "规范政治表述，行政区划错误写法）通过同音/形近字混淆集匹配，按文章发布日期判断（没有发布日期时按监测时间点、"
        "最多列为待复核）：领导人姓名错字（在其职务或专属语境旁）、职务与任期不符（“时任”“原”等历史语境除外）、"
        "撤销机构名称在撤销一年后仍作为现行名称使用、规范表述错字。每条给出正确写法和词库出处。主题为错误文字原文。"),
    requires=("articles", "content_reading"),
    automation="H",
)


def _message(hit: WordingError) -> str:
    if hit.kind == "leader_title":
        return f"“{hit.wrong}”职务与任期不符：{hit.reason}（{hit.correct}）"
    return f"“{hit.wrong}”应为“{hit.correct}”（{hit.reason}）"


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    reading = artifacts.content_reading
    found: dict[str, Finding] = {}
    for hit in reading.wording:         # matched by the extract stage, article by article
        status = hit.status if hit.dated else "needs_review"
        previous = found.get(hit.wrong)
        if previous is not None:
            urls = previous.evidence.setdefault("urls", [])
            if hit.article_url not in urls and len(urls) < 20:
                urls.append(hit.article_url)
            if status == "fail":
                previous.status = "fail"
            continue
        found[hit.wrong] = make(
            SPEC.id, hit.wrong, ctx, status=status, url=hit.article_url, location=hit.location,
            message=_message(hit) + ("，需复核" if status != "fail" else ""),
            correct=hit.correct, kind=hit.kind, reason=hit.reason, source=hit.source,
            gazetteer_version=reading.gazetteer_version, context=hit.context,
            pub_date=hit.pub_date, urls=[hit.article_url], **{"judged_on": hit.judged_on, **hit.evidence})
    return sorted(found.values(), key=lambda f: f.subject)
