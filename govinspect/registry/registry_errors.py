"""Errors of registry import: a whole-file problem, or one row's problem with its row number."""
from __future__ import annotations

from dataclasses import dataclass


class RegistryFileError(ValueError):
    """The file as a whole cannot be read (encoding, type, header)."""


@dataclass(frozen=True)
class RowError:
    row: int          # spreadsheet row number (header = 1)
    reason: str       # Chinese, names the field and the value

    def __str__(self) -> str:
        return f"第{self.row}行：{self.reason}"
