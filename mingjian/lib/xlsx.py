"""Writing user text into .xlsx safely: a value that starts like a formula stays text.

openpyxl turns any string beginning with "=" into a live formula, and Excel, WPS and LibreOffice
treat "+", "-", "@" (and a leading tab or carriage return) as the start of one as soon as the
cell is edited — so a unit's progress text "=HYPERLINK(…)" or "=cmd|…" would run in the 纪委's
ledger. Every writer of user text passes its rows through `safe_row` (or one value through
`safe_value`): such a value becomes a string cell with Excel's quote-prefix style (what typing
a leading apostrophe does), so it shows, prints and reads back exactly as written and is never
evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_value(ws: Any, value: Any) -> Any:
    """`value` itself, or a text cell (quote-prefixed) for a string that starts like a formula.

    `ws` is the worksheet the cell will be appended to (write-only or normal)."""
    if not starts_like_formula(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # openpyxl has just made it "f" (formula) for a leading "="
    cell.quotePrefix = True
    return cell


def safe_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    return [safe_value(ws, v) for v in values]
