"""Issue 17: a writer SIGKILLed in the middle of writing review decisions loses nothing it committed and
leaves no half-written state — on SQLite (WAL) and on a real PostgreSQL.

The child commits decisions in a loop (each with a large payload and a checksum, so a torn row would show)
and, in the same loop, rewrites one site's artifacts (a delete + insert transaction, so a half transaction
would show as a missing row). After each commit it prints the decision's number and id; the parent kills
it at a random moment, reopens the store and checks every printed decision is there, whole, and that
nothing else is, except at most the one whose commit the kill raced."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govinspect.store import Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = r"""
import asyncio, hashlib, json, sys
from govinspect.store import Store

def body(i):
    return ("决定" * 4000 + str(i))[: 6000 + i % 3000]

async def main(url):
    store = await Store.open(url)
    i = 0
    while True:
        text = body(i)
        payload = {"i": i, "body": text, "sha": hashlib.sha256(text.encode()).hexdigest()}
        new_id = await store.append_decision(unit_key=f"42120000{i % 7:02d}", action="dismiss", who="压测",
                                             reason=f"误报-{i}", fingerprint=f"{i:064x}", payload=payload)
        await store.save_site_artifacts("run-kill", "4212000001", {"i": i, "pages": [text] * 5})
        print(i, new_id, flush=True)
        i += 1

asyncio.run(main(sys.argv[1]))
"""


def _body(i: int) -> str:
    return ("决定" * 4000 + str(i))[: 6000 + i % 3000]


def _run_and_kill(url: str, after_lines: int) -> list[tuple[int, int]]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    committed: list[tuple[int, int]] = []
    assert proc.stdout is not None
    try:
        while len(committed) < after_lines:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer ended: {proc.stderr.read()[-2000:]}")
            i, new_id = map(int, line.split())
            committed.append((i, new_id))
        time.sleep(random.uniform(0, 0.05))       # land the kill anywhere in the next writes
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()                  # lines already in the pipe were committed too
        committed += [tuple(map(int, ln.split())) for ln in rest.splitlines() if ln.strip()]
    finally:
        proc.kill()
        proc.wait(timeout=10)
    return committed


@pytest.mark.parametrize("round_", range(3))
async def test_killed_decision_writer_loses_nothing_committed_and_leaves_no_half_state(
        store_url: str, round_: int) -> None:
    random.seed(round_)
    committed = await asyncio.to_thread(_run_and_kill, store_url, 40 + 20 * round_)
    assert len(committed) >= 40
    store = await Store.open(store_url)
    try:
        rows = await store.list_decisions()
        artifacts = await store.load_site_artifacts("run-kill", "4212000001")
        if store.is_sqlite:
            async with store.engine.connect() as conn:
                assert (await conn.exec_driver_sql("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        await store.close()
    by_id = {r["id"]: r for r in rows}
    for i, new_id in committed:                     # nothing committed is lost…
        row = by_id.get(new_id)
        assert row is not None, (i, new_id)
        assert row["payload"]["i"] == i and row["reason"] == f"误报-{i}" and row["fingerprint"] == f"{i:064x}"
    last = committed[-1][0]
    seen = sorted(r["payload"]["i"] for r in rows)
    # …and nothing else is there but, at most, the one write whose commit raced the kill
    assert seen[: len(committed)] == [i for i, _ in committed] and len(seen) - len(committed) in (0, 1)
    for r in rows:                                  # every row is whole
        p = r["payload"]
        assert p["body"] == _body(p["i"]) and hashlib.sha256(p["body"].encode()).hexdigest() == p["sha"]
    # the artifacts' delete + insert is one transaction: the row is there, and of a committed step
    assert artifacts is not None and artifacts["i"] in (last, last + 1)
    assert artifacts["pages"] == [_body(artifacts["i"])] * 5
    print(f"round {round_}: {len(committed)} committed before the kill, {len(seen)} in the store")
    assert json.dumps(artifacts, ensure_ascii=False)
