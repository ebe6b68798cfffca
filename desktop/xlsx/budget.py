"""Moved to desktop.core.budget (the print's 총괄표 reads it too); kept so older imports still work."""

from desktop.core.budget import Budget, find_budget

__all__ = ["Budget", "find_budget"]
