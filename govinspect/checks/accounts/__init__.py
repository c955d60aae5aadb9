"""New-media account checks (indicators.md §6); see docs/new_media.md."""
