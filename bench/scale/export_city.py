"""Export a demo city to static files once, for nginx to serve (the server should cost almost nothing).

    python bench/scale/export_city.py --sites 16 --pages 1600 --port 18480 --out DIR

Walks every site from its homepage, robots.txt and sitemap (breadth first, in process, through
``DemoCity.render``), following every href/src on the city's hosts (the sites and the mapped "outside
world": gov.cn, 备案 sites…). Each 200 response is written to ``DIR/files/<host>/<n>.<type key>`` and
listed in ``DIR/nginx-map.conf`` under the key ``$host$request_uri`` — an nginx ``map`` instead of a
file tree because the jcms/hanweb URL schemes carry their pages in query strings
(``/News/Show.aspx?id=1200007``). The type key is an extension that ``DIR/nginx-types.conf`` maps back to
the exact Content-Type the demo sends (charset included). Non-200 responses (404s), URLs the walk
cannot know (search queries, probes of missing pages) and over-long keys are left to a fallback that
renders through the demo city (``fallback_city.py``); nginx logs each fallback request, so a run
reports how many there were.

The port is part of every absolute link the city prints, so an export is made for one port. Writes
``DIR/city.json`` (port, resolve map, sites, counts) last: its presence marks a complete export.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import time
from collections import deque
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from govinspect.demo.build_city import build_city

LINK = re.compile(rb"""(?:href|src)\s*=\s*["']([^"'<>]+)["']""", re.IGNORECASE)
SAFE = "/%:@!$&'()*+,;=-._~?"
MAX_KEY = 200                  # nginx map_hash_bucket_size in serve_static_city.py is 256
BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def request_uri(url: str) -> tuple[str, str] | None:
    """(host, path?query) as an HTTP client sends it, or None for non-http links."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return None
    target = quote(parts.path or "/", safe=SAFE) + (f"?{quote(parts.query, safe=SAFE)}" if parts.query else "")
    return parts.hostname.lower(), target


def sorted_query(key: str) -> str:
    base, sep, query = key.partition("?")
    return f"{base}?{'&'.join(sorted(query.split('&')))}" if sep and "&" in query else key


def export(sites: int, pages: int, port: int, out: Path, seed: int = 7) -> dict:
    city = build_city(seed=seed, sites=sites, pages_per_site=pages, accounts=0, defects="none")
    city.ipv6 = False
    city.bind(port)
    hosts = set(city.resolve_map())
    if out.exists():
        shutil.rmtree(out)
    (out / "files").mkdir(parents=True)
    seen: set[tuple[str, str]] = set()
    queue: deque[tuple[str, str]] = deque()

    def push(host: str, target: str) -> None:
        if host in hosts and (host, target) not in seen:
            seen.add((host, target))
            queue.append((host, target))

    for s in city.sites:
        for target in ("/", "/robots.txt", city.content(s).scheme.sitemap):
            push(s.host, target)
    types: dict[str, str] = {}
    entries: list[str] = []
    keys: set[str] = set()
    counts = {"exported": 0, "bytes": 0, "non_200": 0, "too_long": 0, "case_clash": 0, "spider_differs": 0}
    started = time.perf_counter()
    while queue:
        host, target = queue.popleft()
        resp = city.render(host, target, {"User-Agent": BROWSER_UA})
        body = resp.body
        ctype = next((v for k, v in resp.headers.items() if k.lower() == "content-type"), "application/octet-stream")
        if ctype.startswith("text/html"):
            for raw in LINK.findall(body):
                href = html.unescape(raw.decode("latin-1")).strip()
                found = request_uri(urljoin(f"http://{host}:{port}{target}", href.split("#")[0]))
                if found:
                    push(*found)
        if target == "/" and city.site_by_host(host):      # defects="none": no cloaking, a spider sees the same
            spider = city.render(host, target, {"User-Agent": "Baiduspider"})
            counts["spider_differs"] += spider.body != body
        key = f"{host}{target}"
        if resp.status != 200:
            counts["non_200"] += 1
            continue
        if len(key) > MAX_KEY:
            counts["too_long"] += 1
            continue
        if key.lower() in keys:                            # nginx map keys are case-insensitive
            counts["case_clash"] += 1
            continue
        tkey = types.setdefault(ctype, f"t{len(types)}")
        rel = f"{host}/{counts['exported']}.{tkey}"
        path = out / "files" / rel
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(body)
        for alias in (key, sorted_query(key)):             # govinspect requests queries with sorted parameters
            if alias.lower() not in keys:
                keys.add(alias.lower())
                entries.append(f'    "{alias.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}" /{rel};\n')
        counts["exported"] += 1
        counts["bytes"] += len(body)
    (out / "nginx-map.conf").write_text("".join(entries), encoding="utf-8")
    (out / "nginx-types.conf").write_text("".join(f'    "{t}" {k};\n' for t, k in types.items()), encoding="utf-8")
    city.write_registry(out)
    (out / "accounts.csv").unlink()                        # accounts 0: the registry lists sites only
    info = {"sites_n": sites, "pages_per_site": pages, "seed": seed, "port": port,
            "resolve": {h: ["127.0.0.1"] for h in sorted(hosts)},
            "sites": [{"code": r.site_code, "name": r.name, "url": r.url} for r in city.site_records()],
            "as_of": city.as_of.isoformat(), "pages_planned": city.summary()["pages"],
            "requests_walked": len(seen), **counts, "export_seconds": round(time.perf_counter() - started, 1)}
    (out / "city.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, required=True)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    info = export(args.sites, args.pages, args.port, args.out, args.seed)
    print(json.dumps({k: v for k, v in info.items() if k not in ("resolve", "sites")}, ensure_ascii=False))


if __name__ == "__main__":
    main()
