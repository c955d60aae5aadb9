"""One frozen Settings object (TOML file + environment), passed in — never a mutable global."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_UA = "Mozilla/5.0 (compatible; govinspect/0.1; +政府网站检查)"


@dataclass(frozen=True)
class Settings:
    # workspace and store
    workspace: Path = Path("govinspect-data")
    db_url: str | None = None            # default: sqlite in the workspace
    # politeness (gentle defaults for small government servers)
    user_agent: str = DEFAULT_UA
    concurrency: int = 32                # global open requests
    per_host_connections: int = 2
    per_host_delay_s: float = 0.5        # minimum gap between requests to one host
    robots: str = "obey"                 # obey | record | ignore
    # timeouts (seconds)
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 15.0
    total_timeout_s: float = 30.0
    retries: int = 2
    # bounds against hostile or broken sites
    max_page_bytes: int = 5 * 1024 * 1024
    max_decompressed_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    page_budget: int = 500               # pages crawled per site
    max_depth: int = 6
    max_query_variants: int = 20         # per path: guards calendar / permutation traps
    scope_aliases: tuple[str, ...] = ()  # extra hosts treated as the same site
    crawl_state_in_memory: int = 2048    # per site: queued URLs and link targets held in memory, the rest spilled to disk
    # links
    check_external_links: bool = True
    link_check_budget: int = 2000
    # probes (indicators.md V2)
    probe_count: int = 3
    probe_interval_s: float = 1.0
    probe_fail_after_s: float = 15.0
    probe_test_window: bool = False      # probes are a test (demo, tests): they may decide V2 without a monitored week
    # attachments read for personal data (checks/site/personal_data_leaks.py)
    attachment_budget: int = 40          # files per site
    max_attachment_bytes: int = 20 * 1024 * 1024
    attachment_timeout_s: float = 30.0   # download, per file (reading: extract/scan_personal_data.SECONDS_PER_FILE)
    # host -> IPs override, like curl --resolve; with only_mapped_hosts nothing else is contacted
    resolve: dict[str, tuple[str, ...]] = field(default_factory=dict)
    only_mapped_hosts: bool = False
    # optional headless Chromium (Debian package), never downloaded
    render_js: bool = False
    render_script_lists: bool = True     # list pages whose items a script loads: render them when Chromium is installed
    chromium_path: str = "/usr/bin/chromium"
    quiet: bool = False
    # dashboard sessions and the proxy in front of it (docs/security.md)
    session_idle_minutes: float = 30.0   # a session unused this long ends
    session_max_hours: float = 8.0       # and every session ends this long after login
    trusted_proxies: tuple[str, ...] = ()  # addresses whose X-Forwarded-For / -Proto are believed
    # distributed scans: a worker silent this long is dead and its units go to others
    worker_heartbeat_s: float = 60.0

    @property
    def database_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite+aiosqlite:///{(self.workspace / 'govinspect.db').resolve()}"

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def crawl_part(self) -> dict[str, Any]:
        """How to crawl, as JSON: what a distributed run gives its workers (never the store, the workspace
        or the dashboard's settings, which are each machine's own)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name not in _MACHINE_OWN}

    def with_crawl_part(self, crawl: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(self)} - _MACHINE_OWN
        changes: dict[str, Any] = {k: v for k, v in crawl.items() if k in known}
        if "resolve" in changes:
            changes["resolve"] = {h: tuple(ips) for h, ips in dict(changes["resolve"]).items()}
        if "scope_aliases" in changes:
            changes["scope_aliases"] = tuple(changes["scope_aliases"])
        return replace(self, **changes)


_MACHINE_OWN = frozenset({"workspace", "db_url", "quiet", "chromium_path", "session_idle_minutes",
                          "session_max_hours", "trusted_proxies", "worker_heartbeat_s"})


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Path) else value


_ENV = {
    "GOVINSPECT_DB": "db_url",
    "GOVINSPECT_WORKSPACE": "workspace",
    "GOVINSPECT_CHROMIUM": "chromium_path",
}


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults < TOML file (``[govinspect]`` table or top level) < environment < explicit overrides."""
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    if config_file is not None:
        data = tomllib.loads(Path(config_file).read_text(encoding="utf-8"))
        data = data.get("govinspect", data)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"配置文件 {config_file} 含未知设置项：{', '.join(sorted(unknown))}")
        values.update(data)
    for env, name in _ENV.items():
        if os.environ.get(env):
            values[name] = os.environ[env]
    values.update({k: v for k, v in overrides.items() if v is not None})
    if "workspace" in values:
        values["workspace"] = Path(values["workspace"])
    if "resolve" in values:
        values["resolve"] = {h: tuple(ips) for h, ips in dict(values["resolve"]).items()}
    if "scope_aliases" in values:
        values["scope_aliases"] = tuple(values["scope_aliases"])
    if "trusted_proxies" in values:
        values["trusted_proxies"] = tuple(values["trusted_proxies"])
    return Settings(**values)
