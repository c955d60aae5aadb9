"""The only place stages are wired: scan = gather → extract → check → score → result.

cli/, web/ and workers/ call these functions; the stages never call each other's orchestration.
"""
