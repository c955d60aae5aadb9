"""The workspace schema (SQLAlchemy Core). Changed only through migrations/versions/."""
from __future__ import annotations

from sqlalchemy import (false, Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint, Index)

metadata = MetaData()

sites = Table(
    "sites", metadata,
    Column("site_code", String(16), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("url", String(1000), nullable=False),
    Column("organizer", String(200), nullable=False, default=""),
    Column("is_portal", Boolean, nullable=False, default=False),
    Column("region", String(100), nullable=False, default=""),
    Column("has_services", Boolean, nullable=False, default=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

accounts = Table(
    "accounts", metadata,
    Column("key", String(500), primary_key=True),       # platform:name:organizer
    Column("name", String(200), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("organizer", String(200), nullable=False, default=""),
    Column("region", String(100), nullable=False, default=""),
    Column("filed", Boolean, nullable=False, default=True),
    Column("feed_url", String(1000)),
    Column("last_post", Date),
    Column("interaction", Boolean),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("account_id", String(200), nullable=False, server_default=""),
    Column("never_posted", Boolean, nullable=False, server_default=false()),
)

runs = Table(
    "runs", metadata,
    Column("id", String(40), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("as_of", Date, nullable=False),
    Column("rulebook", String(100), nullable=False),
    Column("status", String(20), nullable=False),          # running | done | failed
    Column("source", Text, nullable=False, default="{}"),  # JSON: what was scanned, options
    Column("result", Text),                                # JSON result document when done
)

site_artifacts = Table(
    "site_artifacts", metadata,
    Column("run_id", String(40), primary_key=True),
    Column("site_code", String(16), primary_key=True),
    Column("data", Text, nullable=False),                  # JSON of SiteArtifacts
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

probes = Table(
    "probes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_code", String(16), nullable=False),
    Column("url", String(1000), nullable=False),
    Column("at", String(40), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("status", Integer),
    Column("ttfb_ms", Float),
    Column("total_ms", Float, nullable=False),
    Column("error_class", String(40)),
    Column("test", Boolean, nullable=False, server_default=false()),   # a test window (monitor --test), 0004
    Index("ix_probes_site_at", "site_code", "at"),
)

# monitor: each site's homepage fingerprint (baseline and latest round), 0004
monitor_state = Table(
    "monitor_state", metadata,
    Column("site_code", String(16), primary_key=True),
    Column("baseline", Text, nullable=False),
    Column("last", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# hijack/tampering alerts, one open alert per (site, cause_key) until the cause clears, 0004
monitor_alerts = Table(
    "monitor_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_code", String(16), nullable=False),
    Column("cause", String(40), nullable=False),
    Column("cause_key", String(300), nullable=False),
    Column("message", Text, nullable=False),
    Column("before", Text, nullable=False, server_default=""),
    Column("after", Text, nullable=False, server_default=""),
    Column("url", String(1000), nullable=False, server_default=""),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("cleared_at", DateTime(timezone=True)),
    Column("delivered_at", DateTime(timezone=True)),
    Column("delivery_error", Text, nullable=False, server_default=""),
    Index("ix_monitor_alerts_site_key", "site_code", "cause_key"),
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_key", String(500), nullable=False),        # site_code or account key
    Column("fingerprint", String(64)),                     # null for manual additions / 加分
    Column("action", String(20), nullable=False),          # confirm | dismiss | add | bonus
    Column("payload", Text, nullable=False, default="{}"), # JSON (manual finding, bonus item…)
    Column("reason", Text, nullable=False, default=""),
    Column("who", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_decisions_unit", "unit_key"),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),            # admin | reviewer | unit
    Column("organizer", String(200), nullable=False, default=""),  # a unit user's own 主办单位
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=false()),
)

# server-side dashboard sessions: the cookie holds a random token, the row its sha256 (0003)
sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(100), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("client", String(100), nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Index("ix_sessions_username", "username"),
)

# failed-login counters per account name and per client address (0003)
login_throttle = Table(
    "login_throttle", metadata,
    Column("key", String(300), primary_key=True),           # account:<name> | client:<address>
    Column("failures", Integer, nullable=False),
    Column("last_failure", DateTime(timezone=True), nullable=False),
    Column("locked_until", DateTime(timezone=True)),
)

# who did what, when, from where (0003)
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(100), nullable=False, server_default=""),
    Column("client", String(100), nullable=False, server_default=""),
    Column("action", String(40), nullable=False),
    Column("target", String(500), nullable=False, server_default=""),
    Column("outcome", String(20), nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default=""),
    Index("ix_audit_log_at", "at"),
)

rectifications = Table(
    "rectifications", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_key", String(500), nullable=False),
    Column("run_id", String(40), nullable=False),
    Column("deadline", Date, nullable=False),
    Column("state", String(20), nullable=False),           # 待整改 | 已整改 | 逾期
    Column("note", Text, nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("unit_key", "run_id", name="uq_rectification_unit_run"),
)

# a distributed run's units of work (one per site, one per batch of accounts) and their state (0005)
run_jobs = Table(
    "run_jobs", metadata,
    Column("run_id", String(40), primary_key=True),
    Column("unit", String(500), primary_key=True),           # site_code | accounts:<batch no.>
    Column("kind", String(10), nullable=False),              # site | accounts
    Column("payload", Text, nullable=False),                 # JSON: the site record / account records
    Column("state", String(10), nullable=False),             # queued | running | done | failed
    Column("starts", Integer, nullable=False, server_default="0"),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("worker", String(200), nullable=False, server_default=""),
    Column("lease_until", DateTime(timezone=True)),          # a running job renews it; expired = its worker died
    Column("pages", Integer, nullable=False, server_default="0"),
    Column("reason", Text, nullable=False, server_default=""),
    Column("entry", Text),                                   # JSON: the unit's result entry (entries) when ended
    Column("counts", Text),                                  # JSON: pages / links / probes gathered
    Column("started_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Index("ix_run_jobs_run_state", "run_id", "state"),
)

# a site's crawl journal kept in the shared store, so a job redelivered to another machine resumes (0005)
journal_pages = Table(
    "journal_pages", metadata,
    Column("run_id", String(40), primary_key=True),
    Column("site_code", String(16), primary_key=True),
    Column("url", String(2000), primary_key=True),
    Column("seq", Integer, nullable=False),                  # crawl order (replaying repeats its decisions)
    Column("data", LargeBinary, nullable=False),             # zlib JSON of the PageSnapshot
    Column("digest", LargeBinary),                           # zlib pickle of the PageDigest
)

journal_facts = Table(
    "journal_facts", metadata,
    Column("run_id", String(40), primary_key=True),
    Column("site_code", String(16), primary_key=True),
    Column("kind", String(60), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)
