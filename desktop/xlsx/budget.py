"""Where a card's budget is: moved to desktop/core/budget.py (the overview reads it too); kept here
so the workbook's imports stay as they were."""

from desktop.core.budget import Budget, find_budget

__all__ = ["Budget", "find_budget"]
