"""Applies the named alembic migrations (migrations/versions/) to a connection."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
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


def upgrade_to_head(connection: Connection) -> None:
    """Services started together on a new (or just upgraded) database would race through the same migration
    and all but one fail (duplicate tables): the first takes a lock that its transaction's commit releases,
    the others wait for it and then find the schema at head."""
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
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise SchemaFromNewerVersion(current)
