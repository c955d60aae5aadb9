"""Checks: one module per check under checks/<topic>/<check_id>.py, each exposing ``SPEC`` and ``run``."""
