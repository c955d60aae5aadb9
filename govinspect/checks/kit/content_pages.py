"""What the content-security checks share: no verdict without pages, hiding hints in words, page locations."""
from __future__ import annotations

from govinspect.checks.kit.findings import NOT_ASSESSED
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.content_reading import ContentReading
from govinspect.model.findings import Finding


def unusable(check: str, artifacts: SiteArtifacts, reading: ContentReading) -> list[Finding] | None:
    """A crawl without any HTML page is 未能检测, never 合格 (the runner handles a blocked site)."""
    if not reading.html_pages:
        return [Finding(check=check, subject=NOT_ASSESSED, status="error", url=artifacts.url,
                        message=f"{NOT_ASSESSED}：没有采集到可分析的网页内容",
                        evidence={"pages": len(artifacts.pages or [])})]
    return None


# hiding hints in the words of a notice
HINT_WORDS = {"display:none": "样式隐藏", "visibility:hidden": "不可见样式", "opacity:0": "透明度为0",
              "offscreen": "移出屏幕外", "text-indent": "文字缩进移出", "font-size:tiny": "极小字号",
              "zero-size": "零尺寸容器", "clip": "裁剪隐藏", "hidden-attr": "hidden属性", "marquee": "滚动字幕隐藏",
              "same-colour": "与背景同色"}


def hint_words(hints: tuple[str, ...] | list[str]) -> str:
    return "、".join(dict.fromkeys(HINT_WORDS.get(h.removeprefix("computed:"), h) for h in hints))


def location_of(page_url: str, artifacts: SiteArtifacts) -> str:
    """The location path (首页>…) of a page when the extract stage knows it."""
    key = page_url.rstrip("/")
    home = artifacts.homepage.final_url if artifacts.homepage else artifacts.url
    if key in (artifacts.url.rstrip("/"), (home or "").rstrip("/")):
        return "首页"
    for col in artifacts.columns or []:
        if col.url.rstrip("/") == key:
            return col.location
    for art in artifacts.articles or []:
        if art.url.rstrip("/") == key and art.column_path:
            return ">".join(art.column_path)
    return ""
