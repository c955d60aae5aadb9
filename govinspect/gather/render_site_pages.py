"""`--render-js`: pages whose content is written by JavaScript are re-read from headless Chromium.

The homepage and the pages that look script-built (little visible text, scripts present) are rendered
in Debian's Chromium (``PageRenderer``); their snapshot text becomes the rendered DOM, a screenshot is
kept as evidence, and the homepage's links come back with computed visibility (``computed:`` hints) for
the 暗链 check. Without a browser nothing changes and the reason is recorded: static analysis stands.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from govinspect.gather.render_page import BrowserUnavailable, PageRenderer
from govinspect.gather.render_visibility import _VISIBILITY_JS, MAX_LINKS
from govinspect.model.artifacts import Link, PageSnapshot
from govinspect.settings import Settings

RENDER_LIMIT = 20


@dataclass
class RenderedSite:
    html: dict[int, str] = field(default_factory=dict)     # page index → rendered DOM
    links: list[Link] = field(default_factory=list)
    screenshots: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def render_site_pages(pages: list[PageSnapshot], settings: Settings, shots_dir: Path | None,
                            script_built: set[str], limit: int = RENDER_LIMIT) -> RenderedSite:
    """``script_built``: URLs of the pages that looked script-built when they were read (script_pages.py)."""
    out = RenderedSite()
    ok = [i for i, p in enumerate(pages) if p.readable and p.error_class is None]
    chosen = ok[:1] + [i for i in ok[1:] if pages[i].url in script_built][: limit - 1]
    if not chosen:
        return out
    try:
        async with PageRenderer(settings) as renderer:
            for n, i in enumerate(chosen):
                snap = pages[i]
                url = snap.final_url or snap.url
                shot = None
                if shots_dir is not None:
                    shot = shots_dir / (hashlib.sha1(url.encode()).hexdigest()[:16] + ".png")
                probe = (_VISIBILITY_JS, MAX_LINKS) if n == 0 else None
                rendered = await renderer.render(url, screenshot=shot, evaluate=probe)
                if rendered.error or not rendered.html:
                    out.errors.append(f"页面渲染失败：{url}（{rendered.error or '无内容'}）"[:300])
                    continue
                out.html[i] = rendered.html
                if rendered.screenshot is not None:
                    out.screenshots[url] = str(rendered.screenshot)
                if n == 0 and rendered.evaluated:
                    out.links = [Link(url=i["href"], text=i["text"], position="body", tag="a", title=i["title"],
                                      hidden_hints=tuple(f"computed:{h}" for h in i["hints"]))
                                 for i in rendered.evaluated]
    except BrowserUnavailable as exc:
        out.errors.append(f"未进行脚本渲染：{exc}")
    return out
