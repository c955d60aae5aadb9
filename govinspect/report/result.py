"""The result document lives in ``govinspect.model.result`` (typed entries, the one builder, validation
on write and read); this name is kept so existing imports and scripts keep working."""
from govinspect.model.result import (  # noqa: F401
    DEFAULT_RULEBOOK,
    SCHEMA_VERSION,
    FindingStatus,
    ResultError,
    Verdict,
    build_result,
    compute_summary,
    load_result,
    write_result,
)
