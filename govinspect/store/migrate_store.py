"""Applies the named alembic migrations (migrations/versions/) to a connection.

alembic (~11 MB in every process that opens a store) is imported only when there is something to
migrate: the revisions the migration files declare are read from their text, and a store whose version
row is the head opens without it."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
_DECLARED = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


class SchemaFromNewerVersion(Exception):
    """The database was migrated by a newer govinspect than this one: never touch it (a downgrade would lose
    data, and writing with an older schema in mind would corrupt it)."""

    def __init__(self, revision: str):
        super().__init__(revision)
        self.revision = revision


MIGRATION_LOCK = 0x60F1A5EC7     # PostgreSQL advisory lock key: govinspect's schema migration


@cache
def script_revisions() -> tuple[frozenset[str], str | None]:
    """Every revision the migration files declare, and their one head — None when the files are not one
    plain chain (a merge, a branch, a form this reading does not know): then alembic decides."""
    known: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        declared = dict(_DECLARED.findall(path.read_text(encoding="utf-8")))
        if "revision" not in declared:
            continue                       # __init__.py
        try:
            revision = ast.literal_eval(declared["revision"])
            down = ast.literal_eval(declared.get("down_revision", "None"))
        except (ValueError, SyntaxError):
            return frozenset(known), None
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return frozenset(known), None
        known.add(revision)
        if down is not None:
            parents.add(down)
    heads = known - parents
    return frozenset(known), next(iter(heads)) if len(heads) == 1 and parents <= known else None


def stored_revisions(connection: Connection) -> list[str] | None:
    """The database's version rows (None: no version table yet, a new database); reading them opens no
    write transaction."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return list(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())


def at_head(connection: Connection) -> bool:
    """The store needs no migration (its one version row is the files' head); False also when alembic must
    decide (a new database, a newer or unknown revision, not one plain chain)."""
    current = stored_revisions(connection)
    return current is not None and current == [script_revisions()[1]]


def upgrade_to_head(connection: Connection) -> None:
    """Services started together on a new (or just upgraded) database would race through the same migration
    and all but one fail (duplicate tables): the first takes a lock that its transaction's commit releases,
    the others wait for it and then find the schema at head."""
    known, head = script_revisions()
    current = stored_revisions(connection)
    if current is not None and len(current) == 1 and head is not None:
        if current[0] not in known:
            raise SchemaFromNewerVersion(current[0])
        if current[0] == head:
            return                         # up to date: no lock, no alembic
    _upgrade(connection)


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(connection)
    _refuse_newer(connection, ScriptDirectory.from_config(config))
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
    elif connection.dialect.name == "sqlite":
        # SQLite's one write lock, taken only when there is something to migrate (an up-to-date store opens
        # without waiting for another process's writes); reading the version opens no transaction
        head = ScriptDirectory.from_config(config).get_current_head()
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE")      # waits up to busy_timeout for the lock
    command.upgrade(config, "head")


def _refuse_newer(connection: Connection, script: ScriptDirectory) -> None:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise SchemaFromNewerVersion(current)
