"""What the content-security checks share: no verdict without pages, hiding hints in words, page locations."""
from __future__ import annotations

from collections.abc import Callable

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


def page_locations(artifacts: SiteArtifacts) -> Callable[[str], str]:
    """page URL → its location path (首页>…) when the extract stage knows it, else "". The site's columns and
    articles are read once, on the first call (a large site's articles are packed: reading them for each
    finding would unpack them all each time)."""
    home = artifacts.homepage.final_url if artifacts.homepage else artifacts.url
    homes = (artifacts.url.rstrip("/"), (home or "").rstrip("/"))
    known: dict[str, str] = {}

    def locate(page_url: str) -> str:
        key = page_url.rstrip("/")
        if key in homes:
            return "首页"
        if not known:
            known[""] = ""     # read once, even when nothing is known
            for col in artifacts.columns or []:
                known.setdefault(col.url.rstrip("/"), col.location)          # the first column of a URL
            for art in artifacts.articles or []:
                if art.column_path:
                    known.setdefault(art.url.rstrip("/"), ">".join(art.column_path))
        return known.get(key, "")

    return locate
