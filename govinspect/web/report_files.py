"""Where generated 通报 files live: <workspace>/reports/<run id>/<batch>/; downloads only by listed name."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govinspect.settings import Settings

_SAFE = re.compile(r"^[0-9A-Za-z_.-]+$")


def reports_root(settings: Settings, run_id: str) -> Path:
    if not _SAFE.match(run_id):
        raise ValueError("运行编号不合法")
    return Path(settings.workspace).resolve() / "reports" / run_id


def new_batch_dir(settings: Settings, run_id: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = reports_root(settings, run_id) / stamp
    path.mkdir(parents=True, exist_ok=False)
    return path


def list_batches(settings: Settings, run_id: str) -> list[dict[str, Any]]:
    try:
        root = reports_root(settings, run_id)
    except ValueError:
        return []
    if not root.is_dir():
        return []
    out = []
    for batch in sorted((p for p in root.iterdir() if p.is_dir()), reverse=True):
        files = sorted(f.name for f in batch.iterdir() if f.is_file())
        if files:
            out.append({"batch": batch.name, "files": files})
    return out


def batch_file(settings: Settings, run_id: str, batch: str, name: str) -> Path | None:
    """The file only if it is listed in that batch (no path from the URL is ever joined blindly)."""
    for entry in list_batches(settings, run_id):
        if entry["batch"] == batch and name in entry["files"]:
            return reports_root(settings, run_id) / batch / name
    return None
