"""The office's overview in the window (SPEC §8): the dashboard beside the card list — counts,
cross tables, finance and rates, changes, 오류/경고, charts — every number clicking through to its
cards in the list. The numbers are desktop/core/overview.py's, the charts desktop/pdf/charts.py's."""
