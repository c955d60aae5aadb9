"""Services started together on a new database (`systemctl start govinspect.target`, `docker compose up`, a
row of workers) all open the store at once; each open migrates. Without a lock all but one failed
("duplicate key … pg_type", "table accounts already exists"); now every one starts. SQLite and PostgreSQL."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

STARTS = 6


def test_services_started_together_on_a_new_database_all_start(tmp_path: Path, store_url: str) -> None:
    argv = [sys.executable, "-m", "govinspect", "--db", store_url, "--workspace", str(tmp_path), "sites"]
    procs = [subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(STARTS)]
    outs = [p.communicate(timeout=120) for p in procs]
    failed = [err for p, (_out, err) in zip(procs, outs) if p.returncode != 0]
    assert not failed, failed
    assert all("网站 0 个" in out for out, _err in outs)
