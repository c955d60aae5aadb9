"""New-media feed adapters: bounded fetch, RSS/Atom/JSON parsing, post dates (see docs/new_media.md)."""
