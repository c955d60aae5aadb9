"""`govinspect import FILE`: parse a registry file and upsert its good rows in one transaction."""
from __future__ import annotations

from pathlib import Path

from govinspect.registry.parse_registry import ParsedRegistry, parse_registry_file
from govinspect.store import Store


async def import_registry(store: Store, path: Path) -> tuple[ParsedRegistry, int, int]:
    """Returns (parsed, inserted, updated). Bad rows are in ``parsed.errors``; good rows are kept.
    A file-level problem raises RegistryFileError before anything is written."""
    parsed = parse_registry_file(path)
    if parsed.kind == "sites":
        inserted, updated = await store.upsert_sites(parsed.sites)
    else:
        inserted, updated = await store.upsert_accounts(parsed.accounts)
    return parsed, inserted, updated
