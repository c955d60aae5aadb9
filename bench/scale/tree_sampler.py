"""Run a command and sample its whole process tree from /proc: summed RSS, CPU, process count.

Every ``interval`` seconds the sampler lists /proc, finds the command's process and all its
descendants (pool workers, a Chromium, …) and sums their VmRSS; the peak of that sum is what the
issue-13 budget is about (RSS summed over processes counts pages shared between them once per
process, so it is an upper bound on the tree's memory). CPU (user + system) of the whole tree comes
from wait4's rusage of the command, which includes every descendant it reaped; the sampler's own
per-process CPU totals are kept as a cross-check (they miss at most one interval per process).
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _proc_table() -> dict[int, tuple[int, float, int]]:
    """pid → (ppid, utime + stime seconds, rss bytes) for every process readable now."""
    out: dict[int, tuple[int, float, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields after the command: state ppid … utime(12th) stime(13th) … rss(22nd), counted from state = 0
        out[int(entry.name)] = (int(stat[1]), (int(stat[11]) + int(stat[12])) / TICK, int(stat[21]) * PAGE)
    return out


def _tree(table: dict[int, tuple[int, float, int]], root: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            out.append(pid)
            todo += kids.get(pid, [])
    return out


def run_sampled(cmd: list[str], *, cwd: Path, stdout: Path, stderr: Path, interval: float = 0.2,
                timeout: float = 7200, env: dict[str, str] | None = None, rss_limit_mb: float = 0) -> dict:
    """Run ``cmd`` to completion; returns wall, peak summed RSS, tree CPU, and the RSS timeline.
    With ``rss_limit_mb`` the whole tree is killed when its summed RSS passes it (a shared machine)."""
    load0 = os.getloadavg()
    started = time.perf_counter()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
    samples: list[tuple[float, float, int]] = []
    cpu_seen: dict[int, float] = {}
    root_cpu = [0.0]
    cpu_line: list[tuple[float, float]] = []     # (time, CPU seconds the tree has used so far)
    loads: list[float] = []
    done = threading.Event()
    killed: list[float] = []
    # per process: its own peak, its RSS at the tree's peak, and a sparse timeline (who holds what)
    per_pid: dict[int, dict] = {}
    at_peak: list[dict] = []
    peak_sum = [0]

    def sample() -> None:
        while not done.is_set():
            table = _proc_table()
            pids = _tree(table, proc.pid)
            if pids:
                rss = sum(table[p][2] for p in pids)
                now = round(time.perf_counter() - started, 2)
                for p in pids:
                    mb = round(table[p][2] / 2**20, 1)
                    info = per_pid.setdefault(p, {"pid": p, "role": _role(p, proc.pid), "peak_mb": 0.0,
                                                  "timeline": []})
                    info["peak_mb"] = max(info["peak_mb"], mb)
                    info["timeline"].append([now, mb])
                if rss > peak_sum[0]:
                    peak_sum[0] = rss
                    at_peak[:] = [{"pid": p, "role": per_pid[p]["role"], "mb": round(table[p][2] / 2**20, 1)}
                                  for p in pids]
                samples.append((round(time.perf_counter() - started, 2), round(rss / 2**20, 1), len(pids)))
                for p in pids:
                    cpu_seen[p] = max(cpu_seen.get(p, 0.0), table[p][1])
                root_cpu[0] = table[proc.pid][1] if proc.pid in table else root_cpu[0]
                cpu_line.append((now, round(sum(cpu_seen.values()), 2)))
                if rss_limit_mb and rss / 2**20 > rss_limit_mb and not killed:
                    killed.append(round(rss / 2**20, 1))
                    for p in pids:
                        try:
                            os.kill(p, 9)
                        except OSError:
                            pass
            loads.append(os.getloadavg()[0])
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    timer.cancel()
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = max(samples, key=lambda s: s[1]) if samples else (0.0, 0.0, 0)
    return {
        "returncode": proc.returncode, "wall_s": round(wall, 2), "killed_at_rss_limit": killed[0] if killed else None,
        "peak_rss_sum_mb": peak[1], "peak_at_s": peak[0], "procs_at_peak": peak[2],
        "max_procs": max((s[2] for s in samples), default=0),
        "peak_rss_single_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_user_s": round(usage.ru_utime, 2), "cpu_sys_s": round(usage.ru_stime, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "cpu_root_s": round(root_cpu[0], 2), "cpu_sampled_tree_s": round(sum(cpu_seen.values()), 2),
        "load_avg_1m": {"start": load0[0], "max": max(loads, default=load0[0]), "end": os.getloadavg()[0]},
        "rss_timeline": [[t, mb, n] for t, mb, n in samples[:: max(1, len(samples) // 300)]],
        # cores busy over time: where a run leaves the machine idle (start-up, the last sites)
        "cpu_timeline": [[t, c] for t, c in cpu_line[:: max(1, len(cpu_line) // 300)]],
        "processes_at_peak": at_peak,
        "processes": [{**info, "timeline": info["timeline"][:: max(1, len(info["timeline"]) // 150)]}
                      for info in per_pid.values()],
    }


def _role(pid: int, root: int) -> str:
    """What a process of the tree is: the command itself, multiprocessing's resource tracker, a worker…"""
    if pid == root:
        return "root"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in cmd:
        return "resource_tracker"
    if "spawn_main" in cmd or "forkserver" in cmd:
        return "worker"
    return cmd[:80]
