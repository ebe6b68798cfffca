"""The shared vocabulary of the office's overview: status definitions and colours, what a budget source
means across templates, and the money units. Defaults follow the evaluators (한국매니페스토실천본부);
a template overrides them with its optional keys (statuses.info, sources[].meaning).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.core.templates import Source, Template

NONE = "-"  # a card without 추진상황 (구로구) is counted under "-"


def norm(text: str) -> str:
    """Spaces do not make a different name: "이행후 계속추진" = "이행후계속추진", "구비 (기금포함)"."""
    return "".join(text.split())


# ---------------------------------------------------------------- statuses

@dataclass(frozen=True)
class StatusInfo:
    definition: str
    color: str  # "#RRGGBB", muted (a government report, not a toy)
    group: str  # the evaluators' grouping: 완료 / 추진중 / 보류 / 폐기


# The evaluators' 이행 단계 (order = the order of every table and chart), then the 금정구 card's 추진중.
STANDARD_STATUSES: dict[str, StatusInfo] = {
    "완료": StatusInfo("공약의 목표를 달성하여 이행을 마친 공약", "#2f4f7f", "완료"),
    "이행후계속추진": StatusInfo("목표를 달성한 뒤에도 사업이 이어지는 공약 (연례·반복 사업 등)", "#5b7fae", "완료"),
    "정상추진": StatusInfo("계획한 일정과 내용대로 추진되고 있는 공약", "#4f8a63", "추진중"),
    "추진중": StatusInfo("완료되지 않고 추진되고 있는 공약 (정상·일부를 나누지 않는 양식)", "#7fa88b", "추진중"),
    "일부추진": StatusInfo("계획보다 늦어지거나 일부만 추진되고 있는 공약", "#c9a04a", "추진중"),
    "보류": StatusInfo("여건 변화 등으로 추진을 멈추거나 미룬 공약", "#8c8c8c", "보류"),
    "폐기": StatusInfo("공약 조정 절차를 거쳐 추진하지 않기로 한 공약", "#9c4a45", "폐기"),
}
GROUP_ORDER = ["완료", "추진중", "보류", "폐기"]
DEFAULT_DONE = {"완료", "이행후계속추진"}
OTHER_COLOR = "#a6a6a6"
NONE_COLOR = "#d0d0d0"
NONE_DEFINITION = "추진상황을 적지 않았거나 적는 칸이 없는 양식의 카드"


def status_info(name: str, template: Template | None) -> StatusInfo:
    """A status's definition, colour and group: the template's words where it gives them, else the
    evaluators' for their vocabulary, else plain."""
    if not name or name == NONE:
        return StatusInfo(NONE_DEFINITION, NONE_COLOR, NONE)
    std = STANDARD_STATUSES.get(norm(name))
    own = template.status_info.get(name, {}) if template else {}
    group = ""
    if template:
        group = next((g for g, members in template.status_groups.items()
                      if norm(name) in {norm(m) for m in members}), "")
    return StatusInfo(
        definition=own.get("definition") or (std.definition if std else ""),
        color=own.get("color") or (std.color if std else OTHER_COLOR),
        group=group or (std.group if std else name),
    )


def is_done(name: str, template: Template | None) -> bool:
    """완료 for the 완료율: the template's `done` statuses, else the evaluators' 완료 and 이행후 계속추진."""
    if not name:
        return False
    done = {norm(s) for s in template.done_statuses} if template and template.done_statuses else DEFAULT_DONE
    return norm(name) in done


def status_rank(name: str) -> tuple[int, int]:
    order = list(STANDARD_STATUSES)
    key = norm(name)
    if name == NONE:
        return (2, 0)
    return (0, order.index(key)) if key in order else (1, 0)


# ---------------------------------------------------------------- sources

MEANINGS = ["국비", "시도비", "구비", "군비", "기타"]
UNMAPPED = "기타(미분류)"
_DEFAULT_MEANING = {
    "국비": "국비", "국": "국비", "국고": "국비",
    "시비": "시도비", "시": "시도비", "도비": "시도비", "도": "시도비", "시도비": "시도비", "시·도비": "시도비",
    "광역시비": "시도비",
    "구비": "구비", "구": "구비",
    "군비": "군비", "군": "군비",
    "기타": "기타", "기": "기타", "민자": "기타",
}


def source_meaning(source: Source) -> str:
    """What the source is across templates: its declared `meaning`, else what its name (then its
    aliases) means in the common vocabulary, else "기타(미분류): <label>" — shown apart, never dropped."""
    if source.meaning:
        return source.meaning
    for name in source.names():
        found = _DEFAULT_MEANING.get(norm(name))
        if found:
            return found
    return f"{UNMAPPED}: {source.label}"


def meaning_rank(meaning: str) -> tuple[int, int, str]:
    if meaning in MEANINGS:
        return (0, MEANINGS.index(meaning), "")
    if meaning.startswith(UNMAPPED):
        return (2, 0, meaning)
    return (1, 0, meaning)


# ---------------------------------------------------------------- units

UNIT = "백만원"  # every amount of the overview, exactly (Decimal)
_WON: dict[str, Decimal] = {
    "원": Decimal(1), "천원": Decimal(1000), "만원": Decimal(10_000), "백만원": Decimal(1_000_000),
    "억원": Decimal(100_000_000),
}


def to_unit(value: Decimal, unit: str) -> Decimal | None:
    """`value` stated in `unit`, in 백만원 (exact); None for a unit that is not money."""
    factor = _WON.get(norm(unit))
    if factor is None:
        return None
    return value * factor / _WON[UNIT]
