"""Opens the workspace store named by the settings (creating the workspace folder for SQLite)."""
from __future__ import annotations

from govinspect.settings import Settings
from govinspect.store import Store


async def open_store(settings: Settings, migrate_apart: bool = False) -> Store:
    """``migrate_apart``: a migration the store needs runs in a child process (a long scan then never
    holds alembic)."""
    if settings.db_url is None:
        settings.workspace.mkdir(parents=True, exist_ok=True)
    if migrate_apart:
        await Store.migrate_apart(settings.database_url)
    return await Store.open(settings.database_url)
