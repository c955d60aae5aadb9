"""A site's crawl state past ``crawl_state_in_memory`` goes to a spill file: the queue hands URLs out in the same
order, the link index gives the same targets in the same check order, and a whole gather is the same."""
from __future__ import annotations

import random
import sqlite3

from govinspect.gather import frontier, link_index
from govinspect.gather.frontier import Frontier
from govinspect.gather.gather_site import gather_site
from govinspect.gather.link_index import LinkIndex, check_order
from govinspect.gather.site_scope import SiteScope
from govinspect.gather.spill_file import open_spill
from govinspect.model.artifacts import Link
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.resume_child import comparable
from tests.gather.site_pages import small_site, small_site_page_count

PATHS = ["/xxgk/", "/zwdt/index_2.html", "/list/col{}.html", "/t2020071{}_{}.html", "/a/b{}.html", "/art/2020/{}/"]


def _url(rng: random.Random) -> str:
    return "http://x.cn" + rng.choice(PATHS).format(rng.randint(0, 90), rng.randint(0, 9))


def _frontier_run(bound: int, seed: int, budget: int = 10_000) -> tuple[list, list[str], int]:
    rng = random.Random(seed)
    f = Frontier("http://x.cn/", Settings(crawl_state_in_memory=bound, page_budget=budget, max_depth=4),
                 SiteScope("http://x.cn/"))
    f.add("http://x.cn/", 0, None, priority=0)
    order, spilled = [], 0
    for step in range(600):
        if rng.random() < 0.8:
            nav = rng.random() < 0.1
            link = Link(url=_url(rng), text=rng.choice(["下一页", "文章", "2"]), position="nav" if nav else "body")
            f.add(link.url, rng.randint(1, 5), f"http://x.cn/r{step % 7}.html", link)
        else:
            order.append(f.pop())
        if step == 300:     # as after a journal replay: pages fetched before leave the queue
            f.forget_fetched(["http://x.cn/a/b3.html", "http://x.cn/xxgk/", "http://x.cn/list/col7.html"])
        spilled = max(spilled, f._spilled)
        assert len(f) == len(f._heap) + f._spilled and len(f._heap) <= max(bound, 1)
    while (nxt := f.pop()) is not None:
        order.append(nxt)
    report = f.report()
    f.close()
    return order, report, spilled


def test_a_spilled_queue_hands_out_the_same_urls_in_the_same_order():
    for seed in range(5):
        whole, report, spilled = _frontier_run(1_000_000, seed)
        assert spilled == 0 and sum(1 for o in whole if o) > 50
        for bound in (1, 4, 17):
            order, spilled_report, spilled = _frontier_run(bound, seed)
            assert spilled > 0 and order == whole and spilled_report == report


def test_a_spilled_queue_counts_what_the_budget_left_out():
    whole, report, _ = _frontier_run(1_000_000, 3, budget=40)
    order, spilled_report, spilled = _frontier_run(5, 3, budget=40)
    assert spilled > 0 and order == whole and spilled_report == report
    assert any("超出页面预算" in line for line in report)


def _index_run(bound: int, seed: int) -> LinkIndex:
    rng = random.Random(seed)
    index = LinkIndex("http://x.cn/", bound)
    for page in range(60):
        page_url = "http://x.cn/" if page in (0, 30) else f"http://x.cn/p{page}.html"   # the homepage twice
        links = [Link(url=_url(rng) + rng.choice(["", "#top"]), text=f"链接{rng.randint(0, 9)}",
                      tag=rng.choice(["a", "a", "img", "attachment", "script"]), position=rng.choice(["nav", "body"]))
                 for _ in range(rng.randint(0, 12))]
        index.add_page(page_url, links)
        assert len(index.targets) <= bound       # memory holds at most the bound; the rest is in the file
    return index


def test_a_spilled_link_index_gives_the_same_targets_in_check_order():
    for seed in range(5):
        whole = _index_run(1 << 40, seed)
        for bound in (1, 5, 30):
            index = _index_run(bound, seed)
            assert index._spill is not None and len(index) == len(whole) > 30
            assert dict(index.items()) == dict(whole.items())
            assert index.ordered(10**6) == sorted(whole.items(), key=check_order)
            assert index.ordered(25) == whole.ordered(25) and index.ordered(0) == []
            drop = {t for t, _ in list(whole.items())[::3]}
            whole.drop(drop)
            index.drop(drop)
            assert len(index) == len(whole) and index.ordered(10**6) == whole.ordered(10**6)
            whole = _index_run(1 << 40, seed)


def test_a_homepage_link_replaces_a_spilled_one_seen_elsewhere_first():
    index = LinkIndex("http://x.cn/", 1)
    index.add_page("http://x.cn/a.html", [Link(url="http://x.cn/first.html", text="一", position="body")])
    index.add_page("http://x.cn/b.html", [Link(url="http://x.cn/t.html", text="别处", position="body")])
    index.add_page("http://x.cn/", [Link(url="http://x.cn/t.html", text="首页上", position="nav")])
    index.add_page("http://x.cn/c.html", [Link(url="http://x.cn/t.html", text="又一处", position="body")])
    ref = dict(index.items())["http://x.cn/t.html"]
    assert (ref.source_url, ref.anchor, ref.position, ref.on_homepage) == ("http://x.cn/", "首页上", "nav", True)
    assert index.ordered(1)[0][0] == "http://x.cn/t.html" and len(index) == 2


ARTICLES = 24
EXTRA = ('<a href="http://ext.test/a.html">外链</a><a href="/files/x.xlsx">附件</a><img src="/logo.png">'
         + "".join(f'<a href="/cal?date=2020-07-{d:02d}">{d}</a>' for d in range(1, 26)))


async def test_a_gather_with_its_state_spilled_equals_one_held_in_memory(tmp_path, monkeypatch):
    """One request at a time, so the crawl order is the frontier's order: the journal's page order, the pages,
    their digests, link checks and errors are the same whether the state was spilled or not."""
    opened: list[str] = []

    def counted(schema: str) -> sqlite3.Connection:
        opened.append(schema.split()[2])
        return open_spill(schema)
    monkeypatch.setattr(frontier, "open_spill", counted)
    monkeypatch.setattr(link_index, "open_spill", counted)
    async with serve_hosts({"s.test": small_site(ARTICLES, extra_links=EXTRA)}) as vh:
        site = SiteRecord(site_code="4200000002", name="溢出测试", url=vh.url("s.test"))
        outs, orders = [], []
        for bound in (None, 2):
            settings = loopback_settings(["s.test"], per_host_connections=1, concurrency=1, probe_interval_s=0.01)
            if bound is not None:
                settings = settings.with_(crawl_state_in_memory=bound)
            journal = tmp_path / f"j{bound}"
            outcome = await gather_site(site, settings, journal)
            assert sorted(opened) == ([] if bound is None else ["links", "queue"])
            with sqlite3.connect(next(journal.glob("*.gather.sqlite"))) as db:
                orders.append([u for (u,) in db.execute("SELECT url FROM pages ORDER BY seq")])
            outs.append(comparable(outcome))
    assert orders[0] == orders[1] and len(orders[0]) == small_site_page_count(ARTICLES) + 20
    assert outs[0] == outs[1]
    assert len(outs[0]["link_checks"]) > 20 and any("陷阱防护" in e for e in outs[0]["errors"])
