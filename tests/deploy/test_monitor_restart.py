"""`govinspect monitor` as the real long-running process a systemd unit starts: SIGKILLed mid-run and started
again (what Restart=on-failure does after a crash), it keeps every probe it had stored, appends new ones after
them (no duplicate, no gap, no replayed round), keeps its hijack baselines, and its daily snapshots are whole.
Real HTTP on 127.0.0.1; SQLite and a real PostgreSQL."""
from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

from aiohttp import web
from sqlalchemy import select

from govinspect.model.records import SiteRecord
from govinspect.store import Store
from govinspect.store import tables as t
from tests.gather.loopback import serve_hosts

UP, DOWN = "www.up.gov.cn", "www.down.gov.cn"
PER_DAY = 86400          # one round a second
HOME = ("<html><head><title>崇阳县人民政府</title></head><body><a href='/zwgk/'>政务公开</a>"
        "<ul><li><a href='/a/1.html'>县政府常务会议</a><span>2020-07-10</span></li></ul></body></html>")


async def _home(request: web.Request) -> web.Response:
    return web.Response(text=HOME, content_type="text/html")


async def _down(request: web.Request) -> web.Response:
    return web.Response(status=503, text="维护中")


def _config(path: Path) -> Path:
    hosts = "\n".join(f'"{h}" = ["127.0.0.1"]' for h in (UP, DOWN))
    path.write_text("[govinspect]\nonly_mapped_hosts = true\nper_host_delay_s = 0.0\nprobe_fail_after_s = 5.0\n"
                    "connect_timeout_s = 2.0\nread_timeout_s = 2.0\ntotal_timeout_s = 3.0\nretries = 0\n"
                    f"[govinspect.resolve]\n{hosts}\n", encoding="utf-8")
    return path


async def _start(argv: list[str], log: Path) -> asyncio.subprocess.Process:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(log.parent), "PYTHONUNBUFFERED": "1"}
    return await asyncio.create_subprocess_exec(*argv, stdout=log.open("ab"), stderr=asyncio.subprocess.STDOUT,
                                                env=env, start_new_session=True)


async def _probes(url: str) -> list[dict]:
    store = await Store.open(url)
    try:
        async with store.engine.connect() as conn:
            rows = (await conn.execute(select(t.probes).order_by(t.probes.c.id))).mappings()
            return [dict(r) for r in rows]
    finally:
        await store.close()


async def _baselines(url: str) -> dict[str, str]:
    store = await Store.open(url)
    try:
        async with store.engine.connect() as conn:
            rows = await conn.execute(select(t.monitor_state.c.site_code, t.monitor_state.c.baseline))
            return {code: baseline for code, baseline in rows}
    finally:
        await store.close()


async def _wait_for_probes(url: str, at_least: int, proc: asyncio.subprocess.Process, log: Path) -> None:
    deadline = time.monotonic() + 90
    while len(await _probes(url)) < at_least:
        assert proc.returncode is None, f"monitor exited {proc.returncode}:\n{log.read_text(errors='replace')}"
        assert time.monotonic() < deadline, f"fewer than {at_least} probes in 90 s:\n{log.read_text(errors='replace')}"
        await asyncio.sleep(0.2)


async def test_monitor_killed_and_restarted_keeps_and_extends_its_probe_history(tmp_path: Path,
                                                                                store_url: str) -> None:
    ws = tmp_path / "ws"
    async with serve_hosts({UP: _home, DOWN: _down}) as hosts:
        store = await Store.open(store_url)
        await store.upsert_sites([SiteRecord("4212230001", "崇阳县人民政府", hosts.url(UP)),
                                  SiteRecord("4212230002", "崇阳县某局", hosts.url(DOWN))])
        await store.close()
        argv = [sys.executable, "-m", "govinspect", "--db", store_url, "--workspace", str(ws),
                "--config", str(_config(tmp_path / "monitor.toml")), "monitor", "--per-day", str(PER_DAY)]
        first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"

        first = await _start(argv, first_log)
        await _wait_for_probes(store_url, 6, first, first_log)           # three rounds of two sites
        await asyncio.sleep(random.uniform(0.0, 86400 / PER_DAY))       # anywhere in a round
        first.send_signal(signal.SIGKILL)
        assert await first.wait() == -signal.SIGKILL
        killed_at = time.time()
        before = await _probes(store_url)
        baselines = await _baselines(store_url)
        rounds_reported = len(re.findall(r"第\d+轮", first_log.read_text(errors="replace")))

        second = await _start(argv, second_log)
        await _wait_for_probes(store_url, len(before) + 6, second, second_log)
        second.send_signal(signal.SIGTERM)
        await second.wait()
        after = await _probes(store_url)

    # nothing lost: every round the first process reported has its two probes, and every stored row is still
    # there, unchanged, in its place
    assert rounds_reported >= 3 and len(before) >= 2 * rounds_reported, (rounds_reported, len(before))
    assert after[:len(before)] == before
    # appended after them: new ids, later times, both sites, nothing replayed from before the kill
    new = after[len(before):]
    assert len(new) >= 6
    assert min(r["id"] for r in new) > max(r["id"] for r in before)
    assert min(r["at"] for r in new) > max(r["at"] for r in before)
    assert {r["site_code"] for r in new} == {"4212230001", "4212230002"}
    from datetime import datetime

    assert all(datetime.fromisoformat(r["at"]).timestamp() > killed_at - 0.001 for r in new)
    # no duplicates (one probe per site and instant) and the history reads right: up answered, down did not
    assert len({(r["site_code"], r["at"]) for r in after}) == len(after)
    assert {r["ok"] for r in after if r["site_code"] == "4212230001"} == {True}
    assert {(r["ok"], r["status"]) for r in after if r["site_code"] == "4212230002"} == {(False, 503)}
    # the hijack baseline survives the restart (a tampering during the downtime would still be caught)
    assert set(baselines) == {"4212230001"} and await _baselines(store_url) == baselines
    # the daily snapshot is whole (written atomically, so a kill mid-write cannot leave half a page)
    snapshots = list((ws / "snapshots").rglob("*.html"))
    assert len(snapshots) == 1 and snapshots[0].read_text(encoding="utf-8") == HOME
    assert not list((ws / "snapshots").rglob("*.part"))
    for log in (first_log, second_log):
        assert "Traceback" not in log.read_text(errors="replace")
