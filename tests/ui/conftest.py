"""Window tests: a dialog poll never outlives its test (tests/ui/dialogs.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.dialogs import end_polls


@pytest.fixture(autouse=True)
def _polls_end_with_their_test() -> Iterator[None]:
    yield
    end_polls()
