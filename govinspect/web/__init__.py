"""The review dashboard (`govinspect serve`): FastAPI + Jinja2 + vendored htmx; calls review/ and report/."""
