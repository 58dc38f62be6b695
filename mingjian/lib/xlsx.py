"""Writing .xlsx: user text that starts like a formula stays text, and every export is printable.

openpyxl turns any string beginning with "=" into a live formula, and Excel, WPS and LibreOffice
treat "+", "-", "@" (and a leading tab or carriage return) as the start of one as soon as the
cell is edited — so a unit's progress text "=HYPERLINK(…)" or "=cmd|…" would run in the 纪委's
ledger. Every writer of user text passes its rows through `safe_row` (or one value through
`safe_value`): such a value becomes a string cell with Excel's quote-prefix style (what typing
a leading apostrophe does), so it shows, prints and reads back exactly as written and is never
evaluated. `PrintableSheet` (below) lays out every export the same way and does this for each
cell it writes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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


# ---- printable sheets -----------------------------------------------------------------------
#
# Every .xlsx the product exports is laid out the same way, so a clerk can print it as it is:
# a bold title merged across the columns naming what the sheet covers, a line with the exporter,
# the time and the filters, then the header — frozen, filtered, repeated on every printed page —
# and thin-bordered, wrapped rows on landscape A4, one page wide, numbered in the footer.
#
# openpyxl's write-only mode (which keeps a 100,000-row export streaming at flat memory) shapes
# this: column widths, row heights, the frozen pane and the fit-to-page flag are written before
# the first row, so they are set when the sheet is opened; named styles do not exist there, so
# each cell carries its own style — a copy of one prepared style per column, far cheaper than
# assigning fonts and borders cell by cell. What the file holds after the rows (merged cells,
# auto-filter, page setup, footer) and the print titles (a defined name of the workbook) can be
# set at any time before saving.

# Column-width units (the width of "0" in the default 11 pt font, about 1.85 mm) that fill
# landscape A4 between 10 mm margins: (297 - 20) mm / 1.85 mm ≈ 150. Wider column sets are
# scaled down to this, so fit-to-width never has to shrink the print much.
A4_LANDSCAPE_UNITS = 150.0
TITLE_ROWS = 3  # title, exporter line, header
DATE_FORMAT = "yyyy-mm-dd"
MARGIN_INCHES = 0.4
FOOTER = "第 &P 页，共 &N 页"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")


@dataclass(frozen=True)
class Column:
    """One exported column: its header, its width in column units and how its cells align."""

    name: str
    width: float
    kind: str = "text"  # "text" (wrapped, left), "short" (centred) or "date" (centred, a date)


def fit_widths(columns: Sequence[Column], budget: float = A4_LANDSCAPE_UNITS) -> list[float]:
    total = sum(c.width for c in columns)
    scale = min(1.0, budget / total) if total else 1.0
    return [round(c.width * scale, 1) for c in columns]


LINE_POINTS = 13.5  # one line of 10 pt text
MAX_ROW_POINTS = 409.0  # Excel's limit


def text_units(text: str) -> float:
    """Width of `text` in column units at 10 pt: a Chinese character about two, others one.
    (From the UTF-8 length, which is computed in C: CJK characters take three bytes.)"""
    return len(text) + (len(text.encode()) - len(text)) / 2


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Points for a row whose text wraps within `widths`. Excel refits rows on its own, but
    LibreOffice and WPS print the stored height, so wrapped text would be cut off there."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            usable = max(width - 1.5, 1.0)
            lines = max(lines, sum(math.ceil(text_units(part) / usable) or 1 for part in value.split("\n")))
    return min(lines * LINE_POINTS + 3, MAX_ROW_POINTS)


def _prepared(ws: Any, **style: Any) -> StyleArray:
    """A style registered in the workbook once; cells get copies of the returned array."""
    cell = WriteOnlyCell(ws)
    for name, value in style.items():
        setattr(cell, name, value)
    return StyleArray(cell._style)  # type: ignore[attr-defined]  # set by the setters above; not in the stubs


def _body_style(ws: Any, kind: str) -> StyleArray:
    centred = kind in ("short", "date")
    return _prepared(
        ws,
        font=Font(size=10),
        border=_BORDER,
        alignment=Alignment(horizontal="center" if centred else "left", vertical="center", wrap_text=True),
        number_format=DATE_FORMAT if kind == "date" else "General",
    )


class PrintableSheet:
    """A write-only sheet laid out for reading and printing (see the comment above).

    Open it, `append` rows (user text never becomes a formula: see `safe_value`), then `close`
    before the workbook is saved.
    """

    def __init__(self, wb: Workbook, *, name: str, title: str, subtitle: str, columns: Sequence[Column]):
        self.ws: Any = wb.create_sheet(name)
        self.columns = list(columns)
        self.rows = 0
        self._last = get_column_letter(len(self.columns))
        self._lay_out()
        self._styles = [_body_style(self.ws, c.kind) for c in self.columns]
        self._write_title_rows(title, subtitle)

    def _lay_out(self) -> None:
        ws = self.ws
        self._widths = fit_widths(self.columns)
        for i, width in enumerate(self._widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.row_dimensions[1].height = 30
        ws.row_dimensions[2].height = 18
        ws.freeze_panes = f"A{TITLE_ROWS + 1}"
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # written before the rows
        setup = ws.page_setup
        setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages long as needed
        ws.page_margins.left = ws.page_margins.right = MARGIN_INCHES
        ws.print_options.horizontalCentered = True
        ws.print_title_rows = f"1:{TITLE_ROWS}"
        ws.oddFooter.center.text = FOOTER
        ws.evenFooter.center.text = FOOTER

    def _merged(self, row: int, value: str, style: StyleArray) -> None:
        cells = [self._cell(value, style)]
        cells += [Cell(self.ws, row=1, column=1, style_array=StyleArray(style)) for _ in self.columns[1:]]
        self.ws.append(cells)
        self.ws.merged_cells.add(f"A{row}:{self._last}{row}")

    def _write_title_rows(self, title: str, subtitle: str) -> None:
        ws = self.ws
        centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self._merged(1, title, _prepared(ws, font=Font(bold=True, size=16), alignment=centred))
        left = Alignment(horizontal="left", vertical="center")
        self._merged(2, subtitle, _prepared(ws, font=Font(size=10), alignment=left))
        header = _prepared(
            ws, font=Font(bold=True, size=10), alignment=centred, border=_BORDER, fill=_HEADER_FILL
        )
        ws.append(
            [Cell(ws, row=1, column=1, value=c.name, style_array=StyleArray(header)) for c in self.columns]
        )

    def append(self, values: Sequence[Any]) -> None:
        number = TITLE_ROWS + self.rows + 1
        # A height per row, set just before it is written and dropped after, so memory stays flat.
        self.ws.row_dimensions[number].height = row_height(values, self._widths)
        self.ws.append([self._cell(v, style) for v, style in zip(values, self._styles, strict=True)])
        del self.ws.row_dimensions[number]
        self.rows += 1

    def _cell(self, value: Any, style: StyleArray) -> Cell:
        cell = Cell(self.ws, row=1, column=1, value=value, style_array=StyleArray(style))
        if starts_like_formula(value):  # user text stays text: see safe_value
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    def close(self) -> None:
        """Filter over the header and every row (the range is known only now)."""
        self.ws.auto_filter.ref = f"A{TITLE_ROWS}:{self._last}{TITLE_ROWS + self.rows}"
