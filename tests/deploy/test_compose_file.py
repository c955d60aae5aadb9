"""deploy/compose.yaml and deploy/Dockerfile (the image is not built here: no network). The compose file is read
with PyYAML and checked: services, every govinspect command parsed by the real click app, one database and
one Redis that the services' URLs actually name, the shared workspace volume, health checks and start order.
`docker compose config` (or `docker-compose config`) runs where it is installed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sqlalchemy import make_url

from tests.deploy.deploy_files import DEPLOY, ROOT, env_names_read_by_code, parse_command_line

COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
GOVINSPECT = {"migrate": "sites", "dashboard": "serve", "worker": "worker", "monitor": "monitor"}
PASSWORD = "s3cret-for-the-test"


def _defaults(text: str) -> str:
    """Compose interpolation with the values a fresh deploy/.env gives."""
    text = re.sub(r"\$\{POSTGRES_PASSWORD:\?[^}]*\}", PASSWORD, text)
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(_defaults(COMPOSE.read_text(encoding="utf-8")))


def _entrypoint() -> list[str]:
    [line] = [ln for ln in DOCKERFILE.read_text(encoding="utf-8").splitlines() if ln.startswith("ENTRYPOINT ")]
    return json.loads(line.removeprefix("ENTRYPOINT "))


def test_services_and_their_govinspect_commands(compose: dict) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "redis", *GOVINSPECT}
    entry = _entrypoint()
    assert entry[0] == "govinspect"
    for name, expected in GOVINSPECT.items():
        svc = services[name]
        assert svc["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert svc["image"] == "govinspect:latest"
        command, params = parse_command_line([*entry[1:], *svc["command"]])
        assert command == expected, name
        if command == "serve":           # listens inside the container; published on the host's loopback only
            assert params["host"] == "0.0.0.0"
            assert svc["ports"] == [f"127.0.0.1:{params['port']}:{params['port']}"]
        if command == "monitor":
            assert params["per_day"] >= 20 and not params["test"]


def test_urls_name_the_database_and_redis_of_this_file(compose: dict) -> None:
    services = compose["services"]
    pg = services["postgres"]["environment"]
    for name in GOVINSPECT:
        env = services[name]["environment"]
        db = make_url(env["GOVINSPECT_DB"])
        assert db.drivername == "postgresql" and db.host == "postgres" and db.port == 5432
        assert (db.username, db.password, db.database) == (pg["POSTGRES_USER"], PASSWORD, pg["POSTGRES_DB"])
        redis = make_url(env["GOVINSPECT_REDIS"])
        assert redis.drivername == "redis" and redis.host == "redis"
        assert set(env) <= env_names_read_by_code(), set(env) - env_names_read_by_code()


def test_one_workspace_volume_mounted_where_the_settings_look(compose: dict) -> None:
    declared = set(compose["volumes"])
    for name in GOVINSPECT:
        svc = compose["services"][name]
        mounts = dict(v.split(":", 1) for v in svc["volumes"])
        assert mounts == {"workspace": svc["environment"]["GOVINSPECT_WORKSPACE"]}
    assert compose["services"]["postgres"]["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    assert compose["services"]["redis"]["volumes"] == ["redisdata:/data"]
    assert declared == {"workspace", "pgdata", "redisdata"}
    # the image's own default workspace is the same path (VOLUME, ENV)
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert 'VOLUME ["/var/lib/govinspect"]' in text and "GOVINSPECT_WORKSPACE=/var/lib/govinspect" in text


def test_health_checks_and_start_order(compose: dict) -> None:
    services = compose["services"]
    assert services["postgres"]["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "--appendonly" in services["redis"]["command"]          # queued jobs survive a Redis restart
    assert services["worker"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"}, "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"}}
    for name in ("dashboard", "monitor"):
        deps = services[name]["depends_on"]
        assert deps["postgres"] == {"condition": "service_healthy"}
        assert deps["migrate"] == {"condition": "service_completed_successfully"}
    assert services["migrate"]["restart"] == "no"
    # workers scale: no fixed container name, a replica count from .env
    assert "container_name" not in services["worker"] and int(services["worker"]["deploy"]["replicas"]) >= 1


def test_dockerfile_is_debian_python_311_and_copies_what_exists() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert "bash scripts/install_fonts.sh" in text and "postgresql-client" in text and "chromium" in text
    assert re.search(r'extras="pg,dist,pdf"', text) and "USER govinspect" in text
    for src, _dst in re.findall(r"^COPY (\S+) (\S+)$", text, re.MULTILINE):
        assert (ROOT / src).exists(), src
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    for src, _dst in re.findall(r"^COPY (\S+) (\S+)$", text, re.MULTILINE):
        assert f"!{src.rstrip('/')}" in [ln.rstrip("/") for ln in ignore], f"{src} is not in the build context"


def _compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], check=False, capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_config_accepts_it(tmp_path: Path) -> None:
    cli = _compose_cli()
    if cli is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed; the PyYAML checks above ran")
    env = {**os.environ, "POSTGRES_PASSWORD": PASSWORD}
    (tmp_path / "empty.env").write_text("", encoding="utf-8")     # not the deploy/.env of this machine
    argv = [*cli, "-f", str(COMPOSE), "--env-file", str(tmp_path / "empty.env"), "config"]
    out = subprocess.run(argv, check=False, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    resolved = yaml.safe_load(out.stdout)["services"]
    assert set(resolved) == {"postgres", "redis", *GOVINSPECT}
    assert resolved["worker"]["command"] == ["worker"]
    assert PASSWORD in resolved["dashboard"]["environment"]["GOVINSPECT_DB"]
    # without the password the file refuses to start rather than running with an empty one
    env.pop("POSTGRES_PASSWORD")
    refused = subprocess.run(argv, check=False, capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr
