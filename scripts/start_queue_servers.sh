#!/usr/bin/env bash
# Step 1 of a distributed scan on one machine: Redis and PostgreSQL running, a database `govinspect` the
# current user owns, govinspect installed in ./.venv with the [pg,dist,pdf] extras. Idempotent: what is
# installed or running already is left as it is. On a machine with systemd the Debian packages start their
# services themselves; without it (a container) the servers are started here. Prints the two URLs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
ME="$(id -un)"

missing=""
for p in postgresql redis-server python3-venv; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  # append-only: a restarted Redis keeps the queue (docs/deploy.md)
  $SUDO redis-server --bind 127.0.0.1 --port 6379 --appendonly yes --dir /var/lib/redis --daemonize yes
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  $SUDO pg_ctlcluster "$version" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$ME'" | grep -q 1 \
  || as_postgres createuser --createdb "$ME"
as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'govinspect'" | grep -q 1 \
  || as_postgres createdb -O "$ME" govinspect

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[pg,dist,pdf]'
command -v apt-get >/dev/null && { bash scripts/install_fonts.sh >/dev/null || true; }
echo "Redis:      redis://127.0.0.1:6379/0"
echo "PostgreSQL: postgresql:///govinspect   (socket, as $ME)"
