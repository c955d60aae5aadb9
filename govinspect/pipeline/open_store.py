"""Opens the workspace store named by the settings (creating the workspace folder for SQLite)."""
from __future__ import annotations

from govinspect.settings import Settings
from govinspect.store import Store


async def open_store(settings: Settings) -> Store:
    if settings.db_url is None:
        settings.workspace.mkdir(parents=True, exist_ok=True)
    return await Store.open(settings.database_url)
