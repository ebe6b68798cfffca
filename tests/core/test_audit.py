"""The audit trail's hash chain: an edited, removed or reordered entry is found and named."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.audit import GENESIS, Entry, sealed, summarize, verify_chain
from desktop.core.carddiff import Change
from desktop.core.findings import Place

T0 = datetime(2025, 10, 1, 9, 0, tzinfo=UTC)


def chain(n: int) -> list[Entry]:
    out: list[Entry] = []
    prev = GENESIS
    for i in range(1, n + 1):
        e = sealed(Entry(seq=i, card_id=f"c{i % 3}", pledge_id="p", revision=i, at=T0 + timedelta(minutes=i),
                         who="김주무관", dept="일자리경제과", source="editor", summary=f"진도 {i}",
                         changes=({"kind": "changed", "old": str(i - 1), "new": str(i)},)), prev)
        out.append(e)
        prev = e.hash
    return out


def test_intact_chain() -> None:
    assert verify_chain(chain(5)) is None
    assert verify_chain([]) is None


def test_edited_entry_is_named() -> None:
    entries = chain(5)
    entries[2] = dataclasses.replace(entries[2], who="다른 사람")
    broken = verify_chain(entries)
    assert broken is not None and broken.seq == 3 and "바뀌었습니다" in broken.reason


def test_edited_and_rehashed_entry_breaks_the_next_link() -> None:
    entries = chain(5)
    forged = dataclasses.replace(entries[1], summary="위조")
    entries[1] = dataclasses.replace(forged, hash=forged.computed_hash())
    broken = verify_chain(entries)
    assert broken is not None and broken.seq == 3


def test_deleted_and_reordered_entries() -> None:
    entries = chain(5)
    broken = verify_chain(entries[:2] + entries[3:])
    assert broken is not None and broken.seq == 4 and "빠졌습니다" in broken.reason
    swapped = [entries[0], entries[2], entries[1], *entries[3:]]
    broken = verify_chain(swapped)
    assert broken is not None and broken.seq == 3


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 12), st.data())
def test_any_single_tampering_is_found(n: int, data: st.DataObject) -> None:
    entries = chain(n)
    k = data.draw(st.integers(0, n - 1))
    how = data.draw(st.sampled_from(["edit", "delete", "swap"]))
    if how == "edit":
        entries[k] = dataclasses.replace(entries[k], revision=entries[k].revision + 1)
    elif how == "delete":
        head = (entries[-1].seq, entries[-1].hash)
        del entries[k]
        assert verify_chain(entries, head) is not None
        return
    else:
        j = (k + 1) % n
        entries[k], entries[j] = entries[j], entries[k]
    assert verify_chain(entries) is not None


def test_last_entry_removed_is_found_by_the_head() -> None:
    entries = chain(4)
    head = (4, entries[-1].hash)
    assert verify_chain(entries, head) is None
    assert verify_chain(entries[:-1]) is None  # intact in itself ...
    broken = verify_chain(entries[:-1], head)  # ... but shorter than the database recorded
    assert broken is not None and broken.seq == 4


def test_summary_line() -> None:
    ch = [Change("changed", Place(field="progress"), "진도", "75%", "100%"),
          Change("added", Place(field="tasks", item=(0,)), "추진과제 › 1번째 줄", None, "새 과제"),
          Change("changed", Place(field="title"), "공약제목", "가", "나")]
    assert summarize(ch) == "진도: 75% → 100%, 추진과제 › 1번째 줄 추가 외 1곳"
    assert summarize([]) == "변경 없음"
