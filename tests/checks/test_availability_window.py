"""V2 (站点无法访问) on generated probe windows: only 7 days × ≥ 20 probes up to the 监测时间点 decide the ratio;
a shorter or thinner window goes to review naming what is missing."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from govinspect.checks.run_checks import run_checks
from govinspect.model.artifacts import Probe, SiteArtifacts
from govinspect.model.findings import RunContext

URL = "http://www.xianning.gov.cn/"
AS_OF = date(2020, 7, 17)


def _week(failures: int, per_day: dict[int, int] | None = None, days: int = 7, last: date = AS_OF) -> list[Probe]:
    probes = []
    for k in range(days):
        day = last - timedelta(days=days - 1 - k)
        for n in range((per_day or {}).get(k, 20)):
            at = datetime(day.year, day.month, day.day, n % 24, (n * 7) % 60).isoformat() + "+08:00"
            ok = len(probes) >= failures
            probes.append(Probe(url=URL, at=at, ok=ok, status=200 if ok else 502, ttfb_ms=5, total_ms=9,
                                error_class=None if ok else "http"))
    return probes


def _run(probes: list[Probe], as_of: date = AS_OF):
    art = SiteArtifacts(site_code="4212000001", url=URL, probes=probes)
    return run_checks(art, RunContext(as_of=as_of), "t", only=["homepage_unreachable"])


def test_a_monitored_week_decides_at_five_percent() -> None:
    [found] = _run(_week(7))                      # 7 of 140 = 5 %: 超过（含）5%
    assert found.status == "fail" and found.evidence["ratio"] == 0.05 and found.evidence["mode"] == "monitoring"
    assert list(found.evidence["window"].values()) == [20] * 7
    assert _run(_week(6)) == []


@pytest.mark.parametrize("probes, missing", [
    (_week(40, per_day={3: 19}), "07-14 19次"),                  # one thin day
    (_week(40, days=6), "1天无探测（07-11）"),                    # six days
    ([Probe(url=URL, at=f"2020-07-17T08:{m // 24:02d}:{m % 60:02d}+08:00", ok=m % 2 == 0, status=200,
            ttfb_ms=1, total_ms=2) for m in range(140)], "6天无探测"),   # 140 probes in six minutes
])
def test_a_short_or_thin_window_names_its_shortfall(probes: list[Probe], missing: str) -> None:
    [found] = _run(probes)
    assert found.status == "needs_review" and missing in found.message and missing in found.evidence["shortfall"]


def test_the_window_ends_at_the_monitoring_point() -> None:
    [found] = _run(_week(7), as_of=date(2020, 7, 16))            # the 17th is after the 监测时间点
    assert found.status == "needs_review"
