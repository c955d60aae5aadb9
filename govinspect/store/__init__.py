"""Workspace store: registry, runs and their artifacts, probes, review decisions, users, 整改."""
from govinspect.store.workspace_store import Store, StoreOpenError, normalise_url

__all__ = ["Store", "StoreOpenError", "normalise_url"]
