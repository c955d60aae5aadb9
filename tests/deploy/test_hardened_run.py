"""The units' hardening does not break the app: each command the units (and a worker's scan) run is run here
under an emulation of it — every mount read-only except the workspace (ProtectSystem=strict +
ReadWritePaths), a private temporary directory (PrivateTmp), HOME in the workspace, no new privileges
(NoNewPrivileges) and an unprivileged user (User=) — in a mount namespace of its own (unshare, as root).
Real HTTP on 127.0.0.1, Debian's Chromium for --render-js, WeasyPrint for the PDF 通报.

Not emulated (systemd alone applies them): PrivateDevices, RestrictNamespaces, RestrictAddressFamilies,
SystemCallArchitectures and the kernel protections; `systemd-analyze verify` checks how they are written."""
from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HOST = "www.hardened.gov.cn"
PAGES = {"/": "<html><head><title>通山县人民政府</title></head><body><div class='nav'><a href='/zwgk/'>政务公开</a>"
              "</div><ul><li><a href='/zwgk/1.html'>关于做好防汛工作的通知</a><span>2020-07-10</span></li></ul>"
              "<div class='footer'>主办单位：通山县人民政府办公室 网站标识码：4212240001</div></body></html>",
         "/zwgk/": "<html><head><title>政务公开</title></head><body><ul><li><a href='/zwgk/1.html'>关于做好防汛工作的通知"
                   "</a><span>2020-07-10</span></li></ul></body></html>",
         "/zwgk/1.html": "<html><head><title>关于做好防汛工作的通知</title></head><body><h1>关于做好防汛工作的通知</h1>"
                         "<p>各乡镇人民政府：请做好防汛工作。</p><p>2020-07-10</p></body></html>"}
# every mount read-only except the workspace and the private temporary directory, which become mounts of
# their own first (so they keep their write bit); /proc, /sys, /dev as systemd leaves them
EMULATE = r"""set -eu
ws="$1"; ptmp="$2"; outside="$3"; shift 3
mount --bind "$ws" "$ws"
mount --bind "$ptmp" "$ptmp"
awk '{print $5}' /proc/self/mountinfo | while read -r mp; do
  case "$mp" in "$ws"|"$ptmp"|/proc|/proc/*|/sys|/sys/*|/dev|/dev/*) continue ;; esac
  mount -o remount,bind,ro "$mp" 2>/dev/null || true
done
if touch "$outside/written" 2>/dev/null; then echo "emulation does not hold: $outside is writable" >&2; exit 97; fi
exec setpriv --no-new-privs --reuid=nobody --regid=nogroup --clear-groups -- "$@"
"""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:          # http.server calls it by this name
        body = PAGES.get(self.path.split("?")[0])
        self.send_response(200 if body else 404)
        data = (body or "未找到").encode()
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


@pytest.fixture(scope="module")
def hardened(tmp_path_factory: pytest.TempPathFactory, site: int) -> Iterator[dict]:
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("unshare", "setpriv", "mount")):
        pytest.skip("the emulation needs root, unshare, setpriv and mount (util-linux)")
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], check=False,
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespaces here: {probe.stderr.decode(errors='replace').strip()}")
    nobody = pwd.getpwnam("nobody")
    root = Path(tempfile.mkdtemp(prefix="govinspect-hardened-", dir="/var/tmp"))   # /tmp/pytest-of-root is 0700
    ws, ptmp, outside = root / "ws", root / "tmp", root / "outside"
    for d in (ws, ptmp, outside):
        d.mkdir()
    for d in (root, ws, ptmp):
        os.chown(d, nobody.pw_uid, nobody.pw_gid)
    root.chmod(0o755)
    (ws / "govinspect.toml").write_text(f'[govinspect]\nonly_mapped_hosts = true\nper_host_delay_s = 0.0\n'
                                        f'probe_fail_after_s = 5.0\nprobe_interval_s = 0.1\n'
                                        f'[govinspect.resolve]\n"{HOST}" = ["127.0.0.1"]\n', encoding="utf-8")
    yield {"ws": ws, "ptmp": ptmp, "outside": outside, "url": f"http://{HOST}:{site}/"}
    shutil.rmtree(root, ignore_errors=True)


def _argv(h: dict, *args: str) -> list[str]:
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", EMULATE, "sh", str(h["ws"]),
            str(h["ptmp"]), str(h["outside"]), sys.executable, "-m", "govinspect", "--config",
            str(h["ws"] / "govinspect.toml"), *args]


def _env(h: dict) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(h["ws"]), "TMPDIR": str(h["ptmp"]),
            "GOVINSPECT_WORKSPACE": str(h["ws"]), "GOVINSPECT_CHROMIUM": "/usr/bin/chromium", "LANG": "C.UTF-8"}


def _run(h: dict, *args: str, timeout: float = 300) -> str:
    out = subprocess.run(_argv(h, *args), check=False, capture_output=True, text=True, env=_env(h),
                         cwd=h["ws"], timeout=timeout)
    assert out.returncode == 0, f"{args[0]} exited {out.returncode}:\n{out.stdout}\n{out.stderr}"
    assert "Traceback" not in out.stderr and "内部错误" not in out.stderr, out.stderr
    return out.stdout


def test_registry_and_monitor_rounds(hardened: dict) -> None:
    csv = hardened["ws"] / "名录.csv"
    csv.write_text(f"网站标识码,网站名称,首页地址\n4212240001,通山县人民政府,{hardened['url']}\n", encoding="utf-8")
    _run(hardened, "import", str(csv))
    _run(hardened, "monitor", "--rounds", "2", "--per-day", "43200")       # 2 s apart
    assert (hardened["ws"] / "govinspect.db").stat().st_uid == pwd.getpwnam("nobody").pw_uid
    assert len(list((hardened["ws"] / "snapshots").rglob("*.html"))) == 1
    assert "通山县人民政府" in _run(hardened, "sites")
    assert not list(hardened["outside"].iterdir())


def test_scan_with_chromium_and_the_pdf_notice(hardened: dict) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    result = hardened["ws"] / "result.json"
    _run(hardened, "scan", hardened["url"], "--as-of", "2020-07-17", "--pages", "5", "--render-js",
         "--json", str(result))
    assert result.stat().st_size > 1000
    assert list((hardened["ws"] / "runs").rglob("*.png")), "Chromium rendered nothing"   # its screenshots
    out = hardened["ws"] / "通报"
    _run(hardened, "report", str(result), "--format", "docx,xlsx,html,pdf", "--out", str(out))
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".pdf", ".xlsx"]
    assert not list(hardened["outside"].iterdir())


def test_dashboard_serves(hardened: dict) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(_argv(hardened, "serve", "--port", str(port)), env=_env(hardened), cwd=hardened["ws"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and status is None:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as resp:
                    status, page = resp.status, resp.read().decode()
            except OSError:
                time.sleep(0.3)
        assert status == 200 and "登录" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
