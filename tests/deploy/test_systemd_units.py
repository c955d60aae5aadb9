"""deploy/systemd: every unit is one a sysadmin can install as is. Structural checks always run (sections, the
dedicated user, hardening that keeps the app working, the command line parsed by the real click app, the
environment file's variables); `systemd-analyze verify` runs where systemd is installed."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govinspect.settings import load_settings
from tests.deploy.deploy_files import (
    BINARY,
    CONFIG_PATH,
    ENV_EXAMPLE,
    SYSTEMD,
    TOML_EXAMPLE,
    env_names_read_by_code,
    expand_exec,
    parse_command_line,
    read_env_file,
    read_unit,
    unit_environment,
)

SERVICES = {"govinspect-serve.service": "serve", "govinspect-worker@.service": "worker",
            "govinspect-monitor.service": "monitor"}
ENV_FILE = "/etc/govinspect/govinspect.env"
HARDENING = {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes", "ProtectHome": "yes",
             "Restart": "on-failure"}
# options that would break the app: Chromium (render_js, alert screenshots) needs a JIT, and Python's
# multiprocessing pools need /dev/shm
BREAKING = {"MemoryDenyWriteExecute": "yes", "PrivateIPC": "yes"}


def _one(unit: dict, section: str, key: str) -> str:
    values = unit.get(section, {}).get(key, [])
    assert len(values) == 1, f"[{section}] {key}: {values}"
    return values[0]


def test_the_shipped_files_are_all_there() -> None:
    assert sorted(p.name for p in SYSTEMD.iterdir()) == sorted(
        [*SERVICES, "govinspect.target", "govinspect.sysusers.conf"])


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_unit_structure_user_and_hardening(name: str) -> None:
    unit = read_unit(SYSTEMD / name)
    assert set(unit) == {"Unit", "Service", "Install"}
    assert _one(unit, "Unit", "Description") and _one(unit, "Unit", "PartOf") == "govinspect.target"
    assert _one(unit, "Install", "WantedBy") == "govinspect.target"
    assert _one(unit, "Service", "User") == _one(unit, "Service", "Group") == "govinspect"
    for key, value in HARDENING.items():
        assert _one(unit, "Service", key) == value, key
    for key, value in BREAKING.items():
        assert unit["Service"].get(key) != [value], f"{key}={value} breaks the app"
    # the workspace is the one writable place, and it is where the environment file puts it
    workspace = read_env_file(ENV_EXAMPLE)["GOVINSPECT_WORKSPACE"]
    assert _one(unit, "Service", "ReadWritePaths") == workspace
    assert f"/var/lib/{_one(unit, 'Service', 'StateDirectory')}" == workspace
    assert _one(unit, "Service", "WorkingDirectory") == workspace
    assert unit_environment(unit, {})["HOME"] == workspace      # caches (fontconfig, tldextract) land there
    assert _one(unit, "Service", "EnvironmentFile") == ENV_FILE  # required: a missing file fails loudly


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_exec_start_is_a_real_govinspect_command_line(name: str) -> None:
    unit = read_unit(SYSTEMD / name)
    argv = expand_exec(_one(unit, "Service", "ExecStart"), unit_environment(unit, read_env_file(ENV_EXAMPLE)))
    assert argv[0] == BINARY and argv[1:3] == ["--config", CONFIG_PATH]
    command, params = parse_command_line(argv[1:])
    assert command == SERVICES[name]
    if command == "serve":
        assert params["host"] == "127.0.0.1" and params["port"] == 8765
    if command == "monitor":
        assert params["per_day"] >= 20 and not params["test"]     # a real monitored week, not a test window
    if command == "worker":
        assert params["threads"] >= 1 and params["processes"] == 1  # one process per template instance


def test_worker_is_a_template_a_sysadmin_starts_n_times() -> None:
    unit = read_unit(SYSTEMD / "govinspect-worker@.service")
    assert "%i" in _one(unit, "Service", "SyslogIdentifier") and "%i" in _one(unit, "Unit", "Description")
    # a stop lets the jobs in hand finish for longer than systemd's 90 s default
    assert int(_one(unit, "Service", "TimeoutStopSec")) > 90


def test_environment_file_names_only_what_something_reads() -> None:
    env = read_env_file(ENV_EXAMPLE)
    exec_lines = " ".join(_one(read_unit(SYSTEMD / n), "Service", "ExecStart") for n in SERVICES)
    read = env_names_read_by_code()
    for key in env:
        assert key in read or f"${key}" in exec_lines or f"${{{key}}}" in exec_lines, f"{key} is read by nothing"
    assert {"GOVINSPECT_DB", "GOVINSPECT_REDIS", "GOVINSPECT_WORKSPACE"} <= set(env) & read
    assert env["GOVINSPECT_DB"] == ""                    # SQLite in the workspace until PostgreSQL is set
    assert ENV_FILE in ENV_EXAMPLE.read_text(encoding="utf-8")


def test_settings_example_loads_and_trusts_only_the_local_proxy() -> None:
    settings = load_settings(TOML_EXAMPLE)
    assert settings.trusted_proxies == ("127.0.0.1",) and settings.robots == "obey"
    assert settings.per_host_delay_s > 0


def test_dedicated_user_has_the_workspace_as_home() -> None:
    [line] = [ln for ln in (SYSTEMD / "govinspect.sysusers.conf").read_text(encoding="utf-8").splitlines()
              if ln and not ln.startswith("#")]
    kind, name, _id, _gecos_and_rest = line.split(" ", 3)
    assert (kind, name) == ("u", "govinspect")
    assert line.split()[-2:] == [read_env_file(ENV_EXAMPLE)["GOVINSPECT_WORKSPACE"], "/usr/sbin/nologin"]


def test_systemd_sysusers_creates_the_user(tmp_path: Path) -> None:
    sysusers = shutil.which("systemd-sysusers")
    if sysusers is None:
        pytest.skip("systemd-sysusers is not installed (Debian package systemd); the line was parsed above")
    (tmp_path / "etc").mkdir()
    out = subprocess.run([sysusers, f"--root={tmp_path}", str(SYSTEMD / "govinspect.sysusers.conf")], check=False,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    [user] = (tmp_path / "etc" / "passwd").read_text(encoding="utf-8").splitlines()
    name, _x, uid, gid, _gecos, home, shell = user.split(":")
    assert name == "govinspect" and int(uid) < 1000 and uid == gid      # a system user with its own group
    assert (home, shell) == (read_env_file(ENV_EXAMPLE)["GOVINSPECT_WORKSPACE"], "/usr/sbin/nologin")


def _govinspect_binary() -> str:
    found = Path(sys.executable).with_name("govinspect")
    return str(found) if found.exists() else (shutil.which("govinspect") or "")


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd); the structural checks above ran")
    binary = _govinspect_binary()
    assert binary, "the govinspect entry point is not installed in this environment"
    for src in SYSTEMD.iterdir():
        if src.suffix in (".service", ".target"):    # the one path that differs here: where govinspect is installed
            (tmp_path / src.name).write_text(src.read_text(encoding="utf-8").replace(BINARY, binary),
                                             encoding="utf-8")
    units = [str(tmp_path / n) for n in ("govinspect-serve.service", "govinspect-monitor.service",
                                         "govinspect.target", "govinspect-worker@1.service")]
    out = subprocess.run([analyze, "verify", "--man=no", *units], check=False, capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    ours = [ln for ln in (out.stdout + out.stderr).splitlines() if "govinspect" in ln]
    assert out.returncode == 0 and not ours, out.stdout + out.stderr
