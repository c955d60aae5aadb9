"""Readers shared by the deploy tests: systemd unit files, the environment file, and a govinspect command line
parsed by the real click app (without running it)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
ENV_EXAMPLE = DEPLOY / "govinspect.env.example"
TOML_EXAMPLE = DEPLOY / "govinspect.toml.example"
CONFIG_PATH = "/etc/govinspect/govinspect.toml"      # where the units and the image read the TOML settings
BINARY = "/opt/govinspect/venv/bin/govinspect"


def read_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """Sections → key → every value in order (systemd allows a key many times; configparser does not)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        assert not line.endswith("\\"), f"{path.name}:{n}: continuation lines are not used here"
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, sep, value = line.partition("=")
        assert sep and current is not None and key.strip() == key, f"{path.name}:{n}: not 'Key=value': {raw}"
        current.setdefault(key, []).append(value.strip())
    return sections


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile= reads them (no quotes used in ours)."""
    out: dict[str, str] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Z_][A-Z0-9_]*", key), f"{path.name}:{n}: not KEY=value: {raw}"
        assert not value.startswith(("'", '"')), f"{path.name}:{n}: keep values unquoted"
        out[key] = value
    return out


def unit_environment(unit: dict[str, dict[str, list[str]]], env_file: dict[str, str]) -> dict[str, str]:
    """Environment= assignments, then the environment file over them (systemd's order)."""
    env: dict[str, str] = {}
    for line in unit["Service"].get("Environment", []):
        for word in line.split():
            key, _, value = word.strip('"').partition("=")
            env[key] = value
    return {**env, **env_file}


def expand_exec(line: str, env: dict[str, str]) -> list[str]:
    """ExecStart= as systemd splits it: ${VAR} is one word, a bare $VAR word splits on whitespace and an
    empty one disappears. Every variable must be defined."""
    argv: list[str] = []
    for word in line.split():
        bare = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if bare:
            assert bare[1] in env, f"${bare[1]} is defined nowhere"
            argv.extend(env[bare[1]].split())
            continue
        for name in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", word):
            assert name in env, f"${{{name}}} is defined nowhere"
        argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env[m[1]], word))
    return argv


def parse_command_line(args: list[str]) -> tuple[str, dict]:
    """The subcommand and every parameter, parsed by the real `govinspect` click group exactly as a run would
    parse them (types, choices, existing files); raises click.UsageError on anything it would refuse. The
    TOML path the deployment uses is read from the shipped example."""
    from govinspect.cli import cli

    args = [str(TOML_EXAMPLE) if a == CONFIG_PATH else a for a in args]
    ctx = cli.make_context("govinspect", args)
    rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
    assert rest, "no subcommand"
    name, command, sub_args = cli.resolve_command(ctx, rest)
    assert name is not None and command is not None, f"unknown subcommand {rest[0]}"
    sub = command.make_context(name, sub_args, parent=ctx)
    return name, {**ctx.params, **sub.params}


def env_names_read_by_code() -> set[str]:
    """Every GOVINSPECT_* variable named in the package's source (what the app can actually read)."""
    names: set[str] = set()
    for py in (ROOT / "govinspect").rglob("*.py"):
        names |= set(re.findall(r"GOVINSPECT_[A-Z0-9_]+", py.read_text(encoding="utf-8")))
    return names

