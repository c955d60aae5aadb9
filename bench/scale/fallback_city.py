"""Fallback behind nginx: what the static export does not hold (404s, search queries, probes of
missing pages) is rendered by the demo city itself, cached, over a minimal keep-alive server.

    python bench/scale/fallback_city.py EXPORT_DIR FALLBACK_PORT
The city is built from EXPORT_DIR/city.json's arguments and bound to nginx's port, so the absolute
links it prints are the ones the static pages print. Prints "ready" when listening.
"""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "crawl"))
from serve_cached_city import CachedCityProtocol

from govinspect.demo.build_city import build_city


async def main(export_dir: Path, port: int) -> None:
    info = json.loads((export_dir / "city.json").read_text(encoding="utf-8"))
    city = build_city(seed=info["seed"], sites=info["sites_n"], pages_per_site=info["pages_per_site"], accounts=0,
                      defects="none")
    city.ipv6 = False
    city.bind(info["port"])
    cache: dict[tuple[str, str], bytes] = {}
    loop = asyncio.get_running_loop()
    await loop.create_server(lambda: CachedCityProtocol(city, cache), "127.0.0.1", port, backlog=1024)
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
