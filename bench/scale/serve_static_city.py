"""nginx serving an exported city (export_city.py) on loopback, unprivileged, with its own config.

    python bench/scale/serve_static_city.py EXPORT_DIR      # serve until Ctrl-C (manual checks)

One catch-all server block: the ``map`` on ``$host$request_uri`` picks the static file (every host of
the city, sites and "outside world", on one port; the hosts resolve to 127.0.0.1 in the crawlers).
Misses go to ``fallback_city.py`` through a keep-alive upstream and are logged to
``fallback.log`` (one line per request) so a run can report them. One nginx worker, access log off
for static files, no ETag, no Last-Modified (the demo sends neither).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Self

HERE = Path(__file__).resolve().parent
NOBODY = "65534"

CONF = """\
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  types {{
{types}  }}
  default_type application/octet-stream;
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 65; keepalive_requests 100000;
  server_tokens off; etag off; if_modified_since off;
  client_body_temp_path {run}/tmp-body; proxy_temp_path {run}/tmp-proxy; fastcgi_temp_path {run}/tmp-fcgi;
  uwsgi_temp_path {run}/tmp-uwsgi; scgi_temp_path {run}/tmp-scgi;
  map_hash_max_size 1048576; map_hash_bucket_size 256;
  map $host$request_uri $static_file {{
    default /__none__;
    include {export}/nginx-map.conf;
  }}
  upstream fallback {{ server 127.0.0.1:{fallback_port}; keepalive 32; }}
  server {{
    listen 127.0.0.1:{port} default_server backlog=4096;
    server_name _;
    root {export}/files;
    location / {{
      add_header Last-Modified "";
      try_files $static_file @fallback;
    }}
    location @fallback {{
      access_log {run}/fallback.log;
      proxy_pass http://fallback;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering on;
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on {port}")


class StaticCity:
    """Context manager: nginx + fallback for one export; ``.info`` is the export's city.json."""

    def __init__(self, export_dir: Path, run_dir: Path):
        self.export, self.run = export_dir.resolve(), run_dir.resolve()
        self.info = json.loads((self.export / "city.json").read_text(encoding="utf-8"))
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> Self:
        if self.run.exists():
            shutil.rmtree(self.run)
        self.run.mkdir(parents=True)
        port, fallback_port = self.info["port"], free_port()
        conf = CONF.format(run=self.run, export=self.export, port=port, fallback_port=fallback_port,
                           types=(self.export / "nginx-types.conf").read_text(encoding="utf-8"))
        (self.run / "nginx.conf").write_text(conf, encoding="utf-8")
        os.chmod(self.run, 0o777)               # nginx runs as nobody and writes its logs and temp files here
        fallback = subprocess.Popen([sys.executable, str(HERE / "fallback_city.py"), str(self.export),
                                     str(fallback_port)], stdout=subprocess.DEVNULL)
        self.procs.append(fallback)
        wait_listening(fallback_port, fallback, "fallback server")
        cmd = ["nginx", "-p", str(self.run), "-e", str(self.run / "error.log"), "-c", str(self.run / "nginx.conf")]
        if os.geteuid() == 0:                   # never serve as root: drop to nobody before nginx starts
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
        nginx = subprocess.Popen(cmd, stderr=open(self.run / "nginx.stderr", "w"))
        self.procs.append(nginx)
        wait_listening(port, nginx, "nginx (see nginx.stderr / error.log)")
        return self

    def server_pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def fallback_requests(self) -> int:
        log = self.run / "fallback.log"
        return sum(1 for _ in log.open(encoding="latin-1")) if log.exists() else 0

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self.procs):
            proc.send_signal(signal.SIGQUIT if proc is self.procs[-1] else signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    export = Path(sys.argv[1])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))      # stop nginx and the fallback on kill too
    with StaticCity(export, export.parent / f"{export.name}-serve") as served:
        print(f"serving {export} on 127.0.0.1:{served.info['port']} (Ctrl-C stops)", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
