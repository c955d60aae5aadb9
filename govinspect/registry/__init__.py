"""Registry of sites and new-media accounts: import of 报送系统 CSV/XLSX exports, 标识码 and region validation."""
