"""V1 injected spam text: gambling/porn text in a page's title, meta or body, a hijacked title or site name,
spam appended at the end of a page, and cloaking (spam served only to search-engine spiders)."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.content_pages import page_locations, unusable
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.content_reading import CloakedView, SpamText
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="injected_spam_text",
    name="被植入违法违规内容",
    subject="page URL",
    title="页面被植入违规内容",
    failure_title="网页被篡改，植入赌博、色情等违法违规内容",
    description=(
        "单项否决 V1“安全、泄密事故等严重问题”第(3)(4)项（内容被篡改、发布色情等违法内容），indicators.md §3、§8.7。"
        "对每个页面的标题、meta keywords/description 和访客可见正文（隐藏内容除外，按约300字分段）用打分分类器判断："
        "至少两个不同违规词、其中一个为强特征词、总分≥12才判不合格，总分≥9的可疑段落列为待复核；“打击”“查处”"
        "等正当语境下的词只计四分之一分。页面末尾被追加（appended）、标题被劫持（hijacked_title）分别注明。"
        "伪装（cloaking）：以百度、360、搜狗、Google、Bing、神马（YisouSpider）蜘蛛 UA 或搜索引擎 Referer 采集的首页"
        "（spider_views）含有浏览器视图没有的"
        "违规内容，或页面脚本按蜘蛛 UA 输出违规内容，证据 cloaking=true。主题为页面 URL（伪装记在该首页 URL 上）。"),
    requires=("pages", "content_reading"),
    optional=("articles", "columns", "homepage"),
    automation="H",
)


def _form(segments: list[SpamText]) -> str:
    wheres = {s.where for s in segments}
    if "title" in wheres:
        return "hijacked_title"
    if any(w.startswith("meta:") for w in wheres):
        return "meta"
    if wheres == {"tail"}:
        return "appended"
    return "body"


_FORM_WORDS = {"hijacked_title": "网页标题被篡改为", "meta": "网页关键词/描述被植入", "appended": "页面末尾被植入",
               "body": "页面正文出现", "cloaking": "向搜索引擎蜘蛛展示（伪装）"}


def _segments_evidence(segments: list[SpamText]) -> list[dict[str, object]]:
    return [{"where": s.where, "text": s.text[:160], **s.verdict} for s in segments[:8]]


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    reading = artifacts.content_reading
    if (early := unusable(SPEC.id, artifacts, reading)) is not None:
        return early
    found: dict[str, Finding] = {}
    locate = page_locations(artifacts)
    for page in reading.pages:          # pages whose text the extract stage called spam or suspicious
        segments = page.spam or page.suspicious
        form = "cloaking" if not segments else _form(segments)
        status = "fail" if page.spam or page.scripted else "needs_review"
        shown = (segments or page.scripted)[0]
        found[page.url] = make(
            SPEC.id, page.url, ctx, status=status, url=page.url, location=locate(page.url),
            message=f"{_FORM_WORDS[form]}违规内容“{shown.excerpt[:40]}”" + ("，需复核" if status != "fail" else ""),
            form=form, cloaking=bool(page.scripted), segments=_segments_evidence(segments + page.scripted))
    _cloaking(reading.cloaked, ctx, found)
    return sorted(found.values(), key=lambda f: f.subject)


def _cloaking(cloaked: list[CloakedView], ctx: RunContext, found: dict[str, Finding]) -> None:
    """Spider views of the homepage that carry spam a browser is not shown (subject: the homepage URL)."""
    if not cloaked:
        return
    subject = cloaked[0].url
    spiders = [view.spider for view in cloaked]
    segments = [s for view in cloaked for s in view.segments]
    previous = found.get(subject)
    if previous is not None:          # the homepage also shows spam to browsers: one finding, both facts
        previous.evidence.update(cloaking=True, spider=spiders[0], spiders=spiders,
                                 cloaked_segments=_segments_evidence(segments))
        previous.status = "fail"
        return
    found[subject] = make(
        SPEC.id, subject, ctx, status="fail", url=subject, location="首页",
        message=f"首页{_FORM_WORDS['cloaking']}违规内容“{segments[0].excerpt[:40]}”，浏览器访问时不显示",
        form="cloaking", cloaking=True, spider=spiders[0], spiders=spiders, segments=_segments_evidence(segments))
