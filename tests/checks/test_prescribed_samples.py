"""The prescribed samples are reproducible and bounded (indicators.md §11)."""
from __future__ import annotations

import random
from datetime import date

from govinspect.checks.kit.prescribed_samples import REVIEW_LIMIT, prescribed_sample
from govinspect.checks.run_checks import run_checks
from govinspect.model.artifacts import Article, Message, SiteArtifacts
from govinspect.model.findings import RunContext

CTX = RunContext(as_of=date(2020, 7, 17), site_code="4212000001")


def test_same_population_same_sample_whatever_the_crawl_order() -> None:
    urls = [f"http://x.gov.cn/zcwj/{i}.html" for i in range(40)]
    shuffled = urls[:]
    random.Random(3).shuffle(shuffled)
    first = prescribed_sample("missing_interpretations", urls, CTX)
    assert first == prescribed_sample("missing_interpretations", shuffled, CTX)
    assert len(first) == 3 and len(prescribed_sample("incomplete_message_replies", urls, CTX)) == 5
    other_site = RunContext(as_of=CTX.as_of, site_code="4212000002")
    other_seed = RunContext(as_of=CTX.as_of, site_code=CTX.site_code, seed=1)
    assert first != prescribed_sample("missing_interpretations", urls, other_site) or \
        first != prescribed_sample("missing_interpretations", urls, other_seed)
    assert prescribed_sample("missing_interpretations", urls[:2], CTX) == urls[:2]   # fewer than 3: all


def test_hostile_populations_give_bounded_findings() -> None:
    n = 3000
    arts = [Article(url=f"http://x/p/{i}.html", title=f"关于印发第{i}号实施办法的通知", kind="policy") for i in range(n)]
    arts += [Article(url=f"http://x/j/{i}.html", title=f"第{i}号解读", kind="interpretation") for i in range(n)]
    msgs = [Message(url=f"http://x/m/{i}", title="t", reply_text="r") for i in range(n)]
    art = SiteArtifacts(site_code="4212000001", url="http://x/", articles=arts, messages=msgs)
    found = run_checks(art, CTX, "x", only=["missing_interpretations", "unlinked_interpretations",
                                            "incomplete_message_replies"])
    per_check: dict[str, list] = {}
    for f in found:
        per_check.setdefault(f.check, []).append(f)
    assert len(per_check["missing_interpretations"]) <= 3 + REVIEW_LIMIT
    assert len(per_check["incomplete_message_replies"]) <= 5 + REVIEW_LIMIT
    assert len(per_check["unlinked_interpretations"]) <= 2 * (3 + REVIEW_LIMIT)
    assert sum(f.status == "fail" for f in per_check["missing_interpretations"]) == 3
