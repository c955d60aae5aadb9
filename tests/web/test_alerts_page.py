"""The dashboard's alert list shows what `monitor` raised, with before/after excerpts; a unit sees its own
sites' alerts only; the nav links to it. Live uvicorn over SQLite and real PostgreSQL."""
from __future__ import annotations

import asyncio

from govinspect.pipeline.monitor_alerts import screenshot_path
from govinspect.store import Store
from govinspect.store import monitor_queries as mq

from .live_dashboard import LiveDashboard


def _seed_alerts(url: str) -> int:
    async def go() -> int:
        store = await Store.open(url)
        try:
            first = await mq.add_alert(store, "4212000001", cause="spam_title_meta", cause_key="spam_title_meta",
                               message="标题/关键词被篡改为违规内容：365bet", before="咸宁市人民政府",
                               after="365bet体育在线_咸宁市人民政府", url="http://www.xianning.gov.cn/")
            second = await mq.add_alert(store, "4212000002", cause="new_script_host",
                                        cause_key="new_script_host:js.evil-cdn.com",
                                        message="首页新增外部脚本来源：js.evil-cdn.com", before="（无外部脚本）",
                                        after="js.evil-cdn.com", url="http://jyj.xianning.gov.cn/")
            await mq.clear_alerts(store, [second])
            return first
        finally:
            await store.close()
    return asyncio.run(go())


def test_alert_list(dashboard: LiveDashboard) -> None:
    first = _seed_alerts(dashboard.store_url)
    shot = screenshot_path(dashboard.workspace, first)
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    c, _ = dashboard.login("shenhe")
    page = c.get("/alerts")
    assert page.status_code == 200
    text = page.text
    assert 'href="/alerts"' in text and "365bet体育在线_咸宁市人民政府" in text and "js.evil-cdn.com" in text
    assert "未消除" in text and "已消除" in text and text.index("js.evil-cdn.com") < text.index("365bet体育在线")
    assert f'href="/alerts/{first}/screenshot"' in text
    image = c.get(f"/alerts/{first}/screenshot")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    unit, _ = dashboard.login("jiaoyu")                       # 咸宁市教育局: its own site only
    mine = unit.get("/alerts").text
    assert "js.evil-cdn.com" in mine and "365bet" not in mine
    assert unit.get(f"/alerts/{first}/screenshot").status_code == 404
    assert dashboard.client().get("/alerts").status_code in (302, 303, 401)   # not logged in
