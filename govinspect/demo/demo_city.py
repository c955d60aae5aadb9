"""The DemoCity: structure in memory, pages rendered on request, registry rows, resolve map."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from govinspect.demo.city_model import DemoAccount, DemoResponse, DemoSite
from govinspect.demo.demo_accounts import FEED_HOST
from govinspect.demo.ground_truth import city_ground_truth
from govinspect.demo.render_feeds import SLOW_FEED_SECONDS, posts, render_feed
from govinspect.demo.render_site import PNG_1PX, SiteRenderer
from govinspect.demo.site_chrome import (
    CONAC_HOST,
    CONAC_IMG_HOST,
    ERROR_REPORT_HOST,
    GOV_CN_HOST,
    ICP_HOST,
    POLICE_HOST,
    PROVINCE_HOST,
)
from govinspect.demo.site_content import SiteContent
from govinspect.demo.spam_plants import SPAM_HOSTS
from govinspect.model.records import AccountRecord, SiteRecord

# Mapped hosts that are not inspected sites ("the outside world", all on loopback).
OUTSIDE_HOSTS = (GOV_CN_HOST, PROVINCE_HOST, CONAC_HOST, CONAC_IMG_HOST, ERROR_REPORT_HOST, ICP_HOST,
                 POLICE_HOST, FEED_HOST) + SPAM_HOSTS
DEAD_OUTSIDE_PATHS = ("/zhengce/xxgk/2019gk.htm",)    # planted broken external link on www.gov.cn

SITE_HEADER = ("网站标识码", "网站名称", "首页地址", "主办单位", "是否门户", "所属地区", "有无办事服务")
ACCOUNT_HEADER = ("账号名称", "平台", "主办单位", "所属地区", "是否备案", "订阅地址", "最近更新", "有无互动功能")


@dataclass
class DemoCity:
    seed: int
    as_of: date
    defects: str
    sites: list[DemoSite]
    accounts: list[DemoAccount]
    pages_per_site: int
    port: int | None = None
    slow_feed_seconds: float = SLOW_FEED_SECONDS
    ipv6: bool = True                      # the server also listens on ::1 (set by serve_city)
    # opt-in for probe tests (not in the ground truth): host -> N, every Nth homepage request answers 503
    flaky_homepages: dict[str, int] = field(default_factory=dict)
    _homepage_hits: dict[str, int] = field(default_factory=dict, repr=False)
    _renderers: dict[str, SiteRenderer] = field(default_factory=dict, repr=False)

    # addressing --------------------------------------------------------------------------------
    def bind(self, port: int | None) -> None:
        """Set the port every absolute URL carries (serve_city calls this)."""
        self.port = port
        self._renderers.clear()

    @property
    def port_suffix(self) -> str:
        return f":{self.port}" if self.port and self.port != 80 else ""

    def site_url(self, site: DemoSite) -> str:
        return f"http://{site.host}{self.port_suffix}/"

    def absolute(self, site: DemoSite, path_or_url: str) -> str:
        if path_or_url.startswith("http://"):
            host, _, rest = path_or_url[7:].partition("/")
            return f"http://{host.split(':')[0]}{self.port_suffix}/{rest}"
        return f"http://{site.host}{self.port_suffix}{path_or_url}"

    def site_by_host(self, host: str) -> DemoSite | None:
        return next((s for s in self.sites if s.host == host), None)

    def content(self, site: DemoSite) -> SiteContent:
        return self.renderer(site).c

    def renderer(self, site: DemoSite) -> SiteRenderer:
        r = self._renderers.get(site.host)
        if r is None:
            r = SiteRenderer(site, SiteContent(site, self.seed, self.as_of), self.port_suffix)
            self._renderers[site.host] = r
        return r

    def resolve_map(self) -> dict[str, list[str]]:
        """host → addresses (like curl --resolve). ``::1`` only for sites that support IPv6."""
        v6 = ["::1"] if self.ipv6 else []
        out = {s.host: ["127.0.0.1"] + ([] if s.plants.no_ipv6 else v6) for s in self.sites}
        out.update({h: ["127.0.0.1"] + v6 for h in OUTSIDE_HOSTS})
        return out

    # rendering ---------------------------------------------------------------------------------
    def render(self, host: str, path_qs: str, headers: dict[str, str] | None = None,
               via_ipv6: bool = False) -> DemoResponse:
        """The response for ``http://host/path_qs``; ``headers`` (User-Agent, Referer) drive cloaking."""
        host = host.split(":")[0].lower() if not host.startswith("[") else host
        h = {k.lower(): v for k, v in (headers or {}).items()}
        site = self.site_by_host(host)
        if site is not None:
            if via_ipv6 and site.plants.no_ipv6:
                return DemoResponse(421, {"Content-Type": "text/plain"}, b"Misdirected Request")
            if host in self.flaky_homepages and path_qs.split("?")[0] in ("/", "/index.html"):
                hits = self._homepage_hits[host] = self._homepage_hits.get(host, 0) + 1
                if hits % self.flaky_homepages[host] == 0:
                    return DemoResponse(503, {"Content-Type": "text/html"}, b"<h1>503 Service Unavailable</h1>")
            return self.renderer(site).render(path_qs, h.get("user-agent", ""), h.get("referer", ""))
        if host == FEED_HOST:
            return self._feed(path_qs)
        if host in OUTSIDE_HOSTS:
            return self._outside(host, path_qs)
        return DemoResponse(421, {"Content-Type": "text/plain"}, f"unknown demo host {host}".encode())

    def _feed(self, path_qs: str) -> DemoResponse:
        path = path_qs.split("?")[0]
        feed_path, _, post = path.partition("/p/")
        acc = next((a for a in self.accounts if a.feed_path == feed_path), None)
        if acc is None:
            return DemoResponse(404, {"Content-Type": "text/plain"}, b"route not found")
        if post:
            return self._post_page(acc, post)
        return render_feed(acc, self.seed, f"http://{FEED_HOST}{self.port_suffix}{path}", self.slow_feed_seconds)

    def _post_page(self, acc: DemoAccount, post: str) -> DemoResponse:
        shown = posts(acc, self.seed)
        if not post.isdigit() or int(post) >= len(shown):
            return DemoResponse(404, {"Content-Type": "text/plain"}, b"post not found")
        d, title, text = shown[int(post)]
        body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head><body>"
                f"<h1>{escape(title)}</h1><p>{escape(acc.name)} {d.isoformat()}</p><p>{escape(text)}</p></body></html>")
        return DemoResponse(200, {"Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8"))

    def _outside(self, host: str, path_qs: str) -> DemoResponse:
        path = path_qs.split("?")[0]
        if path in DEAD_OUTSIDE_PATHS:
            return DemoResponse(404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>404 Not Found</h1>")
        if path.endswith((".png", ".gif", ".jpg")):
            return DemoResponse(200, {"Content-Type": "image/png"}, PNG_1PX)
        if path.endswith(".js"):
            return DemoResponse(200, {"Content-Type": "application/javascript"}, b"/* conac */")
        title = {GOV_CN_HOST: "中国政府网", PROVINCE_HOST: "湖北省人民政府门户网站"}.get(host, host)
        if host in SPAM_HOSTS:
            title = "365bet体育在线_澳门新葡京娱乐场_真人百家乐"
        body = f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head>" \
               f"<body><h1>{escape(title)}</h1></body></html>"
        return DemoResponse(200, {"Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8"))

    # registry ----------------------------------------------------------------------------------
    def site_records(self) -> list[SiteRecord]:
        return [SiteRecord(site_code=s.site_code, name=s.name, url=self.site_url(s), organizer=s.organizer,
                           is_portal=s.is_portal, region=s.region, has_services=s.has_services)
                for s in self.sites]

    def feed_url(self, acc: DemoAccount) -> str | None:
        return f"http://{FEED_HOST}{self.port_suffix}{acc.feed_path}" if acc.feed_path else None

    def account_records(self) -> list[AccountRecord]:
        return [AccountRecord(name=a.name, platform=a.platform, organizer=a.organizer, region=a.region,
                              filed=a.filed, feed_url=self.feed_url(a), last_post=a.last_post,
                              interaction=a.interaction) for a in self.accounts]

    def registry_rows(self) -> dict[str, list[dict[str, str]]]:
        """Rows in the contract.md registry formats (Chinese headers), URLs with the served port."""
        yes = {True: "是", False: "否"}
        sites = [dict(zip(SITE_HEADER, (r.site_code, r.name, r.url, r.organizer, yes[r.is_portal], r.region,
                                        yes[r.has_services]))) for r in self.site_records()]
        accounts = [dict(zip(ACCOUNT_HEADER, (r.name, r.platform, r.organizer, r.region, yes[r.filed],
                                              r.feed_url or "", r.last_post.isoformat() if r.last_post else "",
                                              yes[bool(r.interaction)])))
                    for r in self.account_records()]
        return {"sites": sites, "accounts": accounts}

    def write_registry(self, folder: Path) -> tuple[Path, Path]:
        """Write ``sites.csv`` and ``accounts.csv`` (UTF-8 with BOM, as Excel saves them)."""
        folder.mkdir(parents=True, exist_ok=True)
        rows = self.registry_rows()
        paths = []
        for name, header in (("sites", SITE_HEADER), ("accounts", ACCOUNT_HEADER)):
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=header)
            w.writeheader()
            w.writerows(rows[name])
            path = folder / f"{name}.csv"
            path.write_text(buf.getvalue(), encoding="utf-8-sig")
            paths.append(path)
        return paths[0], paths[1]

    # ground truth and summary ------------------------------------------------------------------
    def ground_truth(self) -> dict[str, Any]:
        return city_ground_truth(self)

    def write_ground_truth(self, path: Path) -> Path:
        path.write_text(json.dumps(self.ground_truth(), ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def summary(self) -> dict[str, int]:
        truth = self.ground_truth()
        return {
            "sites": len(self.sites),
            "columns": sum(1 for s in self.sites for c in s.columns if not c.is_container),
            "pages": sum(c.count for s in self.sites for c in s.columns),
            "accounts": len(self.accounts),
            "planted_site_findings": sum(len(s["expected_findings"]) for s in truth["sites"]),
            "planted_account_findings": sum(len(a["expected_findings"]) for a in truth["accounts"]),
        }
