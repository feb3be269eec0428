"""The one table shape the analytics return and the console shows: columns, rows, drill-down.

Every figure the console shows comes from a :class:`Table`, so "export any table to CSV"
is one function, and every cell can name the example conversations behind it
(``examples[(row, column)]``). Cells are plain values; customer text in a cell is data,
never markup, and CSV cells that a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

MAX_EXAMPLES = 20
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_SPECIAL = (",", '"', "\r", "\n")


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open UTC interval ``[start, end)``; None on a side means unbounded."""

    start: datetime | None = None
    end: datetime | None = None

    @classmethod
    def last_days(cls, days: int, now: datetime | None = None) -> Period:
        now = now or datetime.now(UTC)
        return cls(now - timedelta(days=days), None)

    @classmethod
    def for_days(cls, first: date, last: date) -> Period:
        """Whole UTC days ``first`` .. ``last`` inclusive."""
        start = datetime(first.year, first.month, first.day, tzinfo=UTC)
        end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
        return cls(start, end)

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        return _utc(self.start), _utc(self.end)


ALL_TIME = Period()


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_day(value: datetime) -> date:
    """The UTC calendar day of a stored timestamp (SQLite returns naive UTC)."""
    aware = _utc(value)
    assert aware is not None
    return aware.date()


@dataclass(slots=True)
class Table:
    """A titled table: ``rows[i][j]`` is the value of ``columns[j]``."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    # (row index, column name) -> example conversation ids behind that figure
    examples: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)

    def column(self, name: str) -> list[Any]:
        j = self.columns.index(name)
        return [row[j] for row in self.rows]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def row_for(self, key: Any) -> dict[str, Any] | None:
        """The row whose first cell equals ``key``."""
        for row in self.rows:
            if row[0] == key:
                return dict(zip(self.columns, row, strict=True))
        return None

    def drill(self, row: int, column: str) -> tuple[str, ...]:
        """Example conversation ids behind one cell (empty when there are none)."""
        return self.examples.get((row, column), ())

    def to_csv(self, target: Path | str | None = None) -> str:
        """Write the table as CSV (UTF-8 with BOM so spreadsheets read Chinese); returns the text.

        Records end in LF; a cell holding a comma, a quote, a CR or an LF is quoted (RFC 4180),
        so a line break inside customer text never splits its row.
        """
        lines = [_csv_record(self.columns), *(_csv_record([csv_cell(v) for v in row]) for row in self.rows)]
        text = "".join(lines)
        if target is not None:
            Path(target).write_text(text, encoding="utf-8-sig", newline="")  # bytes as returned
        return text


def _csv_record(cells: Sequence[str]) -> str:
    """One CSV record. (``csv.writer`` quotes only the characters of its line terminator, so
    with LF records it left a bare CR in a cell unquoted, and a spreadsheet split the row.)"""
    return ",".join(_csv_quoted(c) for c in cells) + "\n"


def _csv_quoted(cell: str) -> str:
    if any(ch in cell for ch in _CSV_SPECIAL):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_cell(value: Any) -> str:
    """A cell as CSV text: floats rounded, text that looks like a formula prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    if isinstance(value, bool | int):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def add_examples(
    store: dict[tuple[int, str], list[str]], row: int, column: str, conversation_id: str
) -> None:
    ids = store.setdefault((row, column), [])
    if conversation_id not in ids and len(ids) < MAX_EXAMPLES:
        ids.append(conversation_id)


def freeze_examples(store: dict[tuple[int, str], list[str]]) -> dict[tuple[int, str], tuple[str, ...]]:
    return {key: tuple(sorted(ids)) for key, ids in store.items()}


def ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a binomial proportion (NaN, NaN when n is 0)."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# Student's t, two-sided 95% (the 0.975 quantile) by degrees of freedom; above the last row the
# nearest smaller one is used (slightly wide: never narrower than the truth)
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
_T975.update({10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110})
_T975.update({18: 2.101, 19: 2.093, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980})


def mean_interval(values: Sequence[float]) -> tuple[float, float, float]:
    """``(mean, low, high)``: the mean with its 95% Student-t interval (NaN where undefined)."""
    n = len(values)
    if n == 0:
        return (float("nan"), float("nan"), float("nan"))
    mean = sum(values) / n
    if n == 1:
        return (mean, float("nan"), float("nan"))
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    t = _T975[max(df for df in _T975 if df <= n - 1)]
    half = t * sd / math.sqrt(n)
    return (mean, mean - half, mean + half)
