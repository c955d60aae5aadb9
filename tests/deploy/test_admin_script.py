"""deploy/govinspect-admin runs a command as the service user with the units' environment file and settings:
the file's lines arrive as systemd reads them (a value with spaces stays one value, an empty one is empty), the
command starts in the workspace, and a real import + listing lands in the workspace the file names."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.deploy_files import DEPLOY, ENV_EXAMPLE, TOML_EXAMPLE, read_env_file

SCRIPT = DEPLOY / "govinspect-admin"


def _env_file(tmp_path: Path, workspace: Path) -> Path:
    text = ENV_EXAMPLE.read_text(encoding="utf-8").replace("GOVINSPECT_WORKSPACE=/var/lib/govinspect",
                                                          f"GOVINSPECT_WORKSPACE={workspace}")
    path = tmp_path / "govinspect.env"
    path.write_text(text, encoding="utf-8")
    return path


def _run(env_file: Path, binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "GOVINSPECT_ENV_FILE": str(env_file),
           "GOVINSPECT_CONFIG_FILE": str(TOML_EXAMPLE), "GOVINSPECT_BIN": binary, "GOVINSPECT_USER": "root"}
    return subprocess.run(["sh", str(SCRIPT), *args], check=False, capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture
def as_root() -> None:
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root and runuser (util-linux) to switch users; `sh -n` and the structure still checked")


def test_script_syntax_and_paths_match_the_units() -> None:
    assert subprocess.run(["sh", "-n", str(SCRIPT)], check=False).returncode == 0
    text = SCRIPT.read_text(encoding="utf-8")
    unit = (DEPLOY / "systemd" / "govinspect-serve.service").read_text(encoding="utf-8")
    for path in ("/etc/govinspect/govinspect.env", "/etc/govinspect/govinspect.toml",
                 "/opt/govinspect/venv/bin/govinspect"):
        assert path in text and path in unit, path
    assert os.access(SCRIPT, os.X_OK)


def test_environment_arrives_as_systemd_reads_it(tmp_path: Path, as_root: None) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    show = tmp_path / "show-env"
    show.write_text('#!/bin/sh\npwd\nenv\necho "ARGS: $*"\n', encoding="utf-8")
    show.chmod(0o755)
    out = _run(_env_file(tmp_path, workspace), str(show), "sites")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == str(workspace)
    expected = {**read_env_file(ENV_EXAMPLE), "GOVINSPECT_WORKSPACE": str(workspace)}
    for key, value in expected.items():
        assert f"{key}={value}" in lines, key          # e.g. "GOVINSPECT_MONITOR_OPTIONS=--per-day 24", "GOVINSPECT_DB="
    assert f"ARGS: --config {TOML_EXAMPLE} sites" in lines


def test_import_and_list_through_the_script(tmp_path: Path, as_root: None) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    registry = tmp_path / "名录.csv"
    registry.write_text("网站标识码,网站名称,首页地址\n4212230001,崇阳县人民政府,http://www.chongyang.gov.cn/\n",
                        encoding="utf-8")
    binary = str(Path(sys.executable).with_name("govinspect"))
    env_file = _env_file(tmp_path, workspace)
    imported = _run(env_file, binary, "import", str(registry))
    assert imported.returncode == 0, imported.stderr
    listed = _run(env_file, binary, "sites")
    assert listed.returncode == 0 and "崇阳县人民政府" in listed.stdout, listed.stdout + listed.stderr
    assert (workspace / "govinspect.db").is_file()
