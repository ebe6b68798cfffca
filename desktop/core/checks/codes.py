"""Finding codes: stable identifiers, each with its severity (SPEC §3) and a one-line meaning.

docs/checks.md documents the same list; tests/checks keep the two equal. A code is never renamed or
reused for another meaning: tools filter on it (`pledgecard check --json`).
"""

from __future__ import annotations

from desktop.core.findings import ERROR, WARNING, Severity

SUM_ROW = "sum.row"
SUM_COL = "sum.col"
BOUND_LE = "bound.le"
RATIO = "ratio"
RATIO_ROUNDING = "ratio.rounding"
FUTURE_AMOUNT = "future.amount"
CELL_NEGATIVE = "cell.negative"
FIGURE_SPLIT = "figure.split"
FIGURE_TOTAL = "figure.total"
FIGURE_SOURCE = "figure.source"
FIGURE_SOURCE_UNKNOWN = "figure.source_unknown"
FIGURE_UNIT = "figure.unit"
PROGRESS_RANGE = "progress.range"
STATUS_DONE = "status.done"
STATUS_NOT_DONE = "status.not_done"
YEARS_MISMATCH = "years.mismatch"
PERIOD_ORDER = "period.order"
BASE_DATE_PERIOD = "base_date.period"
NUMBER_DUPLICATE = "number.duplicate"
LINEAR = "linear"
CROSS_EQ = "cross.eq"
CROSS_LE = "cross.le"
DOCUMENT_EQ = "document.eq"

CODES: dict[str, tuple[Severity, str]] = {
    SUM_ROW: (ERROR, "행 합계(계 = 기투자 + 연도별 + 임기후 …)가 더한 값과 다름"),
    SUM_COL: (ERROR, "열 합계(총계 = 국비 + 시비 + 구비 + 기타 …)가 더한 값과 다름"),
    BOUND_LE: (WARNING, "투입(집행)이 소요(계획)보다 큼"),
    RATIO: (ERROR, "비율(집행율·달성도)이 계산값과 마지막 자리 2단위 이상 다름"),
    RATIO_ROUNDING: (WARNING, "비율이 계산값과 마지막 자리 1단위 다름 (반올림 습관)"),
    FUTURE_AMOUNT: (WARNING, "기준일 연도 이후 연도에 투입·집행 금액이 있음"),
    CELL_NEGATIVE: (WARNING, "음수를 허용하지 않는 칸에 음수가 저장되어 있음 (가져온 카드)"),
    FIGURE_SPLIT: (ERROR, "금액 항목의 재원 구분 합이 총액과 다름"),
    FIGURE_TOTAL: (ERROR, "머리 항목의 금액(소요예산 등)이 표의 값과 다름"),
    FIGURE_SOURCE: (ERROR, "머리 항목의 재원별 금액이 표의 재원 행과 다름"),
    FIGURE_SOURCE_UNKNOWN: (WARNING, "머리 항목의 재원 이름을 템플릿 재원에서 찾을 수 없음"),
    FIGURE_UNIT: (WARNING, "머리 항목과 표의 단위가 달라 비교할 수 없음"),
    PROGRESS_RANGE: (ERROR, "진도가 0~100 밖"),
    STATUS_DONE: (WARNING, "추진상황이 완료인데 진도가 100이 아님"),
    STATUS_NOT_DONE: (WARNING, "진도가 100인데 추진상황이 완료가 아님"),
    YEARS_MISMATCH: (ERROR, "표의 연도 열이 사업기간과 다름"),
    PERIOD_ORDER: (ERROR, "사업기간의 시작 연도가 끝 연도보다 늦음"),
    BASE_DATE_PERIOD: (ERROR, "기준일이 블록의 기간(추진실적 기간) 밖"),
    LINEAR: (ERROR, "부호 있는 관계(예상잔액 = 예산액 − 집행액 − 집행예정액 …)가 계산값과 다름"),
    CROSS_EQ: (ERROR, "카드 안의 다른 표(또는 항목)와 맞아야 할 값이 다름"),
    CROSS_LE: (WARNING, "카드 안의 다른 표의 값보다 큼 (집행액 > 예산액 …)"),
    DOCUMENT_EQ: (ERROR, "같은 문서의 다른 카드가 밝힌 값과 다름 (총괄표의 예산액 ≠ 사업 카드의 예산액 …)"),
    NUMBER_DUPLICATE: (ERROR, "같은 관리번호·같은 기준일의 카드가 둘 이상 있음 (여러 카드를 함께 검사할 때)"),
}


def severity(code: str) -> Severity:
    return CODES[code][0]
