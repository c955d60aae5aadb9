#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine with Python 3.11, then runs them:
# system packages, a virtualenv with all extras, the import contracts (import-linter), pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install_system_deps.sh
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test,pg,dist,browser,pdf]'
export PATH="$PWD/.venv/bin:$PATH"
echo "== import contracts (import-linter)"
lint-imports
echo "== pytest"
set +e
python -m pytest -q -p no:cacheprovider "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$code"
