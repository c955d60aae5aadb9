"""`python -m govinspect.demo [--sites N] [--pages N] [--skin-seed N] [--port P] [--truth FILE]`: serve the
demo city by hand."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from datetime import date
from pathlib import Path

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import serve_city


async def _serve(args: argparse.Namespace) -> None:
    city = build_city(seed=args.seed, sites=args.sites, pages_per_site=args.pages, accounts=args.accounts,
                      as_of=date.fromisoformat(args.as_of), defects=args.defects, skin_seed=args.skin_seed)
    async with serve_city(city, port=args.port) as running:
        if args.truth:
            city.write_ground_truth(Path(args.truth))
        if args.json:       # one machine-readable line first (CityInSubprocess reads it)
            print(json.dumps({"port": running.port, "ipv6": running.ipv6}), flush=True)
            await asyncio.Event().wait()
        print(f"演示城市已启动：端口 {running.port}（IPv6 {'可用' if running.ipv6 else '不可用'}），"
              f"{len(city.sites)} 个网站，{len(city.accounts)} 个新媒体账号。按 Ctrl-C 停止。")
        for site in city.sites:
            print(f"  curl --resolve {site.host}:{running.port}:127.0.0.1 {running.base_url(site)}"
                  f"    # {site.name}（{site.role}）")
        await asyncio.Event().wait()


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m govinspect.demo", description="在本机回环地址上运行演示城市")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sites", type=int, default=5)
    p.add_argument("--pages", type=int, default=50, help="每个网站的文章数")
    p.add_argument("--accounts", type=int, default=20)
    p.add_argument("--defects", choices=("all", "none"), default="all")
    p.add_argument("--as-of", default="2020-07-17", help="监测时间点 YYYY-MM-DD")
    p.add_argument("--skin-seed", type=int, default=None,
                   help="随机皮肤种子：各网站改用随机生成的页面标记（内容与标准答案不变），默认使用三种模板")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--json", action="store_true", help="只输出一行 JSON（端口、IPv6），供程序读取")
    p.add_argument("--truth", help="把标准答案（ground truth）写入此 JSON 文件")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(p.parse_args()))


if __name__ == "__main__":
    main()
