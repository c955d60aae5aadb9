"""Distributed scans: dramatiq actors over Redis, one job per site, artifacts into the shared store
(PostgreSQL). The jobs call the same pipeline functions as a local scan."""
