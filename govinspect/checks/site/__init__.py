"""Website checks (indicators.md §3–§4, §11): one module per check id, each with SPEC and run()."""
