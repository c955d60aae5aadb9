"""V1 暗链: hidden (or script-written) links to gambling, porn and other illegal content."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.content_pages import hint_words, page_locations, unusable
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.content_reading import SpamLink
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="hidden_spam_links",
    name="暗链",
    subject="link target URL",
    title="网站暗链",
    failure_title="网站存在暗链（隐藏的赌博、色情等违法违规链接）",
    description=(
        "单项否决 V1“安全、泄密事故等严重问题”第(3)(4)项，indicators.md §3、§8.7。对每个采集到的页面做静态分析："
        "行内样式与<style>/外部样式表规则（display:none、visibility、opacity 0、移出屏幕、text-indent、极小字号、"
        "与背景同色、零尺寸容器、marquee、hidden 属性）以及 JavaScript 写入的链接（document.write、eval、base64、"
        "转义字符串）；装有[browser]时采集阶段的计算可见性一并使用。链接文字、标题和目标经打分分类器判断"
        "（Aho-Corasick 关键词库＋域名黑名单＋域名特征），至少两类独立证据（违规文字、违规目标、隐藏）才判为"
        "不合格，证据不足的列为待复核；下拉菜单、跳转链接、登录框、移动端菜单等正常隐藏内容不是暗链。"
        "主题为链接目标 URL。"),
    requires=("pages", "content_reading"),
    optional=("articles", "columns", "homepage"),
    automation="H",
)


def _status(link: SpamLink, hidden: bool) -> str | None:
    if link.level == "spam":
        return "fail"
    if link.level == "suspicious" and hidden:
        return "needs_review"
    return None


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    reading = artifacts.content_reading
    if (early := unusable(SPEC.id, artifacts, reading)) is not None:
        return early
    found: dict[str, Finding] = {}
    locate = page_locations(artifacts)
    for link in reading.links:          # classified by the extract stage, in page order, static hints first
        target, hints, js, page_url = link.url, link.hidden_hints, link.js_written, link.page_url
        hidden = bool(hints) or js
        status = _status(link, hidden)
        if status is None:
            continue
        previous = found.get(target)
        if previous is not None and (previous.status == "fail" or status != "fail"):
            pages = previous.evidence.setdefault("pages", [])
            if page_url not in pages and len(pages) < 20:
                pages.append(page_url)
            continue
        why = "、".join(w for w in (hint_words(hints), "脚本写入" if js else "") if w) if hidden \
            else "链接文字和目标均指向违规内容"
        found[target] = make(
            SPEC.id, target, ctx, status=status, url=page_url, location=locate(page_url),
            message=(f"页面存在{'隐藏的' if hidden else ''}违规链接“{link.text or target}”（{why}）"
                     + ("，需复核" if status == "needs_review" else "")),
            anchor=link.text, hiding=list(hints), js_written=js, detected_by=link.detected_by, pages=[page_url],
            **link.verdict)
    return sorted(found.values(), key=lambda f: f.subject)
