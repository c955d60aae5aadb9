"""Demo city accounts (planted cases) through the real adapters on loopback: the deterministic
checks at precision 1.0 and recall 1.0, and every verdict as the ground truth says."""
from __future__ import annotations

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import serve_city
from govinspect.gather.read_feeds import read_accounts
from govinspect.pipeline.assess_accounts import judge_accounts
from govinspect.settings import Settings

from .demo_accuracy import DETERMINISTIC, measure


async def test_demo_city_accounts_recall_and_precision() -> None:
    city = build_city(seed=7, sites=1, pages_per_site=5, accounts=40)
    city.slow_feed_seconds = 3.0
    async with serve_city(city, ipv6=False) as running:
        settings = Settings(resolve={h: tuple(ips) for h, ips in running.resolve_map.items()},
                            only_mapped_hosts=True, per_host_delay_s=0.0, total_timeout_s=1.5,
                            read_timeout_s=1.5, connect_timeout_s=1.0, retries=1, per_host_connections=8)
        arts = await read_accounts(city.account_records(), settings)
    entries = judge_accounts(arts, city.as_of).entries
    truth = city.ground_truth()["accounts"]
    got = measure(entries, truth, DETERMINISTIC + ("account_wording_errors",))
    assert got["expected"] >= 11, got                  # the planted cases are there
    assert got["precision"] == 1.0 and got["recall"] == 1.0, (got["missed"], got["extra"])
    by_name = {e["name"]: e for e in entries}
    for bad in ("咸宁教育", "咸宁交通", "咸宁水利", "咸宁民政"):            # empty, 500, slow, garbage
        assert by_name[bad]["result"] == "未能检测", by_name[bad]
    assert by_name["咸宁林业"]["result"] == "不合格"                      # healthy feed, 20 days old
    assert not got["wrong_verdicts"], got["wrong_verdicts"]       # every account's verdict as planted
