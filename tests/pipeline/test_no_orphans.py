"""Issue 17: nothing a command starts outlives it. `govinspect scan` (process-pool workers, the resource
tracker, Chromium when it renders) and `govinspect demo` are SIGKILLed mid-run; a few seconds later no
process of their session is left running. `govinspect serve` is checked the same way.

Each command runs in its own session (start_new_session), so its descendants are found by session id even
after the kernel re-parents them; zombies (already dead, waiting for init to reap them) do not count."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import CityInThread

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _processes() -> dict[int, tuple[int, int, str, int, str]]:
    """pid → (ppid, session, state, start time, command line) of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        table[int(entry)] = (int(fields[1]), int(fields[3]), fields[0], int(fields[19]), cmdline.strip())
    return table


def _session(sid: int) -> list[tuple[int, str]]:
    """Live processes of session ``sid`` other than its leader: (pid, command line)."""
    return [(pid, p[4]) for pid, p in _processes().items() if pid != sid and p[1] == sid and p[2] != "Z"]


def _descendants(root: int) -> dict[int, int]:
    """pid → start time of every descendant of ``root``, also those that left its session (Chromium
    is launched with setsid)."""
    table = _processes()
    found: dict[int, int] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, p in table.items():
            if p[0] == parent and pid not in found:
                found[pid] = p[3]
                frontier.append(pid)
    return found


def _alive(sid: int, tracked: dict[int, int]) -> list[tuple[int, str]]:
    table = _processes()
    return sorted({(pid, p[4]) for pid, p in table.items() if p[2] != "Z" and pid != sid and (
        p[1] == sid or tracked.get(pid) == p[3])})


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "govinspect", "-q", "--workspace", str(cwd / "ws"), *args],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_children(proc: subprocess.Popen[bytes], at_least: int, timeout: float) -> list[tuple[int, str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"command ended before it was killed: {proc.stderr.read().decode()[-2000:]}")
        kids = _session(proc.pid)
        if len(kids) >= at_least:
            return kids
        time.sleep(0.2)
    pytest.fail(f"only {len(_session(proc.pid))} children after {timeout}s")


def _kill_and_count(proc: subprocess.Popen[bytes], wait_s: float = 5.0) -> list[tuple[int, str]]:
    tracked = _descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + wait_s
    while (left := _alive(proc.pid, tracked)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid, _ in left:                 # do not leak them into the rest of the test run
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def test_a_killed_scan_leaves_no_worker_behind(tmp_path: Path) -> None:
    city = build_city(seed=5, sites=5, pages_per_site=150, accounts=0)
    with CityInThread(city) as running:
        sites_csv, _ = city.write_registry(tmp_path)
        resolve = [f"--resolve={h}={ip}" for h, ips in running.resolve_map.items() for ip in ips]
        (tmp_path / "fast.toml").write_text("per_host_delay_s = 0.0\nper_host_connections = 8\n", encoding="utf-8")
        proc = _start(["--config", str(tmp_path / "fast.toml"), "scan", str(sites_csv), "--as-of", "2020-07-17",
                       "--only-mapped", *resolve], tmp_path)
        try:
            kids = _wait_for_children(proc, at_least=2, timeout=120)   # the pool's workers are up
            time.sleep(1.0)
            assert proc.poll() is None, "the scan finished before it could be killed mid-run"
            left = _kill_and_count(proc)
        finally:
            if proc.poll() is None:
                proc.kill()
    print(f"children before the kill: {len(kids)}; alive 5 s after: {len(left)}")
    assert any("multiprocessing" in cmd for _, cmd in kids), kids
    assert left == [], left


def test_a_killed_demo_leaves_no_worker_behind(tmp_path: Path) -> None:
    proc = _start(["demo", "--sites", "4", "--pages", "120", "--accounts", "0", "--out", str(tmp_path / "d")],
                  tmp_path)
    try:
        kids = _wait_for_children(proc, at_least=2, timeout=120)
        time.sleep(1.0)
        left = _kill_and_count(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    print(f"children before the kill: {len(kids)}; alive 5 s after: {len(left)}")
    assert kids and left == [], left


def test_a_killed_dashboard_leaves_nothing_behind(tmp_path: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    (tmp_path / "ws").mkdir()
    proc = _start(["serve", "--port", str(port)], tmp_path)
    try:
        for _ in range(300):              # up to a minute for uvicorn to listen
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("the dashboard did not start")
        left = _kill_and_count(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert left == [], left


def test_a_killed_report_leaves_no_pdf_worker_behind(tmp_path: Path) -> None:
    """`report` lays the PDF out in forked workers; killed while they work, none is left waiting."""
    pytest.importorskip("weasyprint")
    fixture = ROOT / "tests" / "report" / "fixtures" / "result_2020q3.json"
    proc = _start(["report", str(fixture), "--format", "docx,xlsx,html,pdf", "--out", str(tmp_path / "out")],
                  tmp_path)
    try:
        kids = _wait_for_children(proc, at_least=1, timeout=60)
        left = _kill_and_count(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    print(f"children before the kill: {len(kids)}; alive 5 s after: {len(left)}")
    assert left == [], left


CHROMIUM_HOLDER = """
import asyncio, sys
from govinspect.gather.render_page import PageRenderer
from govinspect.settings import Settings

async def main():
    async with PageRenderer(Settings()):
        print("ready", flush=True)
        await asyncio.sleep(120)

asyncio.run(main())
"""


@pytest.mark.browser
def test_a_killed_process_rendering_with_chromium_leaves_no_browser_behind(tmp_path: Path) -> None:
    """Playwright's driver (node) reads its parent's pipe; its EOF closes the browser it launched."""
    pytest.importorskip("playwright")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    proc = subprocess.Popen([sys.executable, "-c", CHROMIUM_HOLDER], cwd=tmp_path, env={
        **os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready", proc.stderr.read()
        tree = _processes()
        kids = [(pid, tree[pid][4]) for pid in _descendants(proc.pid) if pid in tree]
        assert any("chromium" in cmd for _, cmd in kids), kids
        left = _kill_and_count(proc, wait_s=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    print(f"children before the kill: {len(kids)}; alive after: {len(left)}")
    assert left == [], left
