"""No full 居民身份证号 anywhere we keep or show: the demo city serves planted personal data (a page table, an
xlsx 公示, a PDF, a docx); after a scan, the result JSON, every row of the store, the dashboard's unit page and
every notice format (docx, xlsx, html, pdf) hold no 18-digit number with a valid GB 11643 checksum — only the
masked forms (4212**********1234)."""
from __future__ import annotations

import asyncio
import io
import re
import sqlite3
import zipfile
from pathlib import Path

import httpx2

from govinspect.demo import personal_data_plants
from govinspect.demo.build_city import build_city
from govinspect.demo.run_demo import render_if_possible, run_demo
from govinspect.extract.attachment_text import attachment_text
from govinspect.extract.personal_data import id_number_valid
from govinspect.extract.scan_personal_data import scan_pages
from govinspect.model.artifacts import PageSnapshot
from govinspect.review.decisions import parse_decisions
from govinspect.review.rescore_result import rescore_result
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.web.app import create_app
from govinspect.web.manage_users import create_user
from tests.web.live_dashboard import CSRF_RE, start_server

EIGHTEEN = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")


def full_ids(text: str) -> list[str]:
    return [m for m in EIGHTEEN.findall(text) if id_number_valid(m)]


def _sqlite_text(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        parts = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                parts += [v if isinstance(v, str) else v.decode("utf-8", "replace") if isinstance(v, bytes) else ""
                          for v in row]
        return "\n".join(parts)
    finally:
        conn.close()


def _notice_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    if path.suffix == ".pdf":
        return "\n".join(attachment_text(data).lines)
    return data.decode("utf-8", "replace")


def test_the_demo_plants_are_real_full_numbers() -> None:
    """What the next test looks for is really served (otherwise "nothing found" would prove nothing), and the
    legitimate contact pages beside them carry mobiles that must stay silent."""
    city = build_city(seed=7, sites=3, pages_per_site=30)
    key = city.content(city.sites[0]).key
    assert len(full_ids(personal_data_plants.page_table(key))) == 3
    for path in personal_data_plants.FILES:
        assert full_ids("\n".join(attachment_text(personal_data_plants.attachment(path, key)).lines)), path
    city.bind(8080)
    for site in city.sites:
        resp = city.render(site.host, "/lxwm.html")
        text = resp.body.decode("gbk" if site.encoding != "utf-8" else "utf-8")
        assert personal_data_plants.OFFICE_MOBILE in text
        page = PageSnapshot(url="http://x/lxwm.html", final_url="http://x/lxwm.html", status=200, fetched_at="",
                            elapsed_ms=1.0, text=text)
        assert scan_pages([page], city.as_of)[1] == []


def test_no_full_id_number_in_result_store_dashboard_or_notices(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path, quiet=True)
    out = asyncio.run(run_demo(settings, tmp_path / "demo", sites=3, pages_per_site=30, accounts=2, seed=7))
    result = out["result"]
    portal = next(s for s in result["sites"] if s["site_code"] == "4212000001")
    leaks = [f for f in portal["findings"] if f["check"] == "personal_data_leaks"]
    assert len(leaks) == 4 and all(f["status"] == "needs_review" for f in leaks)
    # planted recall 1.0 and nothing else reported anywhere in the city (contact pages, 机构, 办事指南)
    stats = out["accuracy"]["per_check"]["personal_data_leaks"]
    assert (stats["tp"], stats["fp"], stats["fn"], stats["review"], stats["recall"]) == (4, 0, 0, 0, 1.0)
    assert sum(f["check"] == "personal_data_leaks" and f["status"] != "error"
               for s in result["sites"] for f in s["findings"]) == 4
    masked = re.compile(r"4212\*{10}[0-9X]{4}")
    assert masked.search(str(leaks)), leaks

    assert full_ids((tmp_path / "demo" / "result.json").read_text(encoding="utf-8")) == []
    assert full_ids(_sqlite_text(tmp_path / "govinspect.db")) == []
    notices = [Path(p) for p in out["files"] if Path(p).suffix in (".docx", ".xlsx", ".html", ".pdf")]
    # a reviewer confirms the four findings (→ fail, V1): the notices then print them, masked
    decisions = parse_decisions([{"unit": "4212000001", "action": "confirm", "fingerprint": f["fingerprint"],
                                  "who": "审核员"} for f in leaks])
    confirmed = {**result, **rescore_result(result, None, decisions)}
    notices += render_if_possible(confirmed, tmp_path / "confirmed", ("docx", "xlsx", "html", "pdf"))
    assert sorted(p.suffix for p in notices) == [".docx", ".docx", ".html", ".html", ".pdf", ".pdf", ".xlsx", ".xlsx"]
    for path in notices:
        assert full_ids(_notice_text(path)) == [], path
    # the confirmed findings reached the notices (V1 for the portal): the search looked where they are printed
    confirmed_portal = next(s for s in confirmed["sites"] if s["site_code"] == "4212000001")
    assert confirmed_portal["result"] == "不合格" and "personal_data_leaks" in confirmed_portal["vetoes"]
    assert all("泄密" in _notice_text(p) for p in notices[4:] if p.suffix != ".xlsx")   # the xlsx has no veto names

    async def add_admin() -> None:
        store = await Store.open(settings.database_url)
        try:
            await create_user(store, "admin", "Admin-pass-2020", "admin")
        finally:
            await store.close()
    asyncio.run(add_admin())
    server, thread, base = start_server(create_app(settings))
    try:
        c = httpx2.Client(base_url=base, follow_redirects=False, timeout=30)
        token = CSRF_RE.search(c.get("/login").text).group(1)
        assert c.post("/login", data={"username": "admin", "password": "Admin-pass-2020",
                                      "csrf_token": token}).status_code == 303
        page = c.get(f"/runs/{result['run_id']}/sites/4212000001").text
    finally:
        server.should_exit = True
        thread.join(timeout=20)
    assert masked.search(page) and full_ids(page) == []
