"""What an uploaded 整改台账 can make the server do: time and peak memory of
`mingjian.rectification.ledger.read_rows` (the import's reading step, before any database work)
for legitimate files and for hostile ones at and past the caps.

    .venv/bin/python bench/ledger_import.py

Files are built in memory: a realistic 5,000-row ledger, one with texts so long that the
sheet is just under the cap, a zip bomb, a sheet whose rows are numbered a million apart
and one declaring 16,384 columns. Figures: bench/README.md.
"""

from __future__ import annotations

import io
import os
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MINGJIAN_VAR_DIR", str(ROOT / "var" / "bench"))

import django  # noqa: E402

django.setup()

from openpyxl import Workbook  # noqa: E402

from mingjian.rectification import ledger  # noqa: E402


def _book(rows: int, text: str, extra_columns: int = 0) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(ledger.SHEET)
    ws.append(list(ledger.COLUMNS))
    for i in range(rows):
        ws.append(
            [i + 1, f"问题{i}", text, "测试市民政局", "boss", "王科长", "2027-01-01", text, "整改中"]
            + [text] * extra_columns
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, rewrite: Callable[[str], str]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = rewrite(body.decode()).encode()
            dst.writestr(item.filename, body)
    return out.getvalue()


def _far_rows(xml: str) -> str:
    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>尾</t></is></c></row>'
    return xml.replace("</sheetData>", last + "</sheetData>").replace(
        "<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>', 1
    )


def _sheet_bytes(data: bytes) -> int:
    return max(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())


CASES: list[tuple[str, Callable[[], bytes]]] = [
    ("5,000 rows, short texts", lambda: _book(5_000, "修订低保审核办法，建立近亲属回避制度")),
    # Three text columns of 480 characters: the sheet lands just under the 40 MB cap.
    ("5,000 rows, 480-char texts", lambda: _book(5_000, "整改进展情况说明" * 60)),
    (
        "zip bomb (sheet over the cap)",
        lambda: _with_sheet(
            _book(10, "x"),
            lambda x: x.replace("</worksheet>", " " * (ledger.MAX_MEMBER_BYTES + 1) + "</worksheet>"),
        ),
    ),
    ("row 1,048,576 × column XFD", lambda: _with_sheet(_book(10, "x"), _far_rows)),
]


def _read(data: bytes) -> str:
    try:
        return f"{len(ledger.read_rows(data))} rows read"
    except ledger.LedgerFileError as e:
        return f"refused: {e}"


def _measure(data: bytes) -> tuple[float, float, str]:
    """Wall time of one read, then (a second read, since tracing slows it) the traced peak."""
    started = time.perf_counter()
    outcome = _read(data)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    _read(data)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return elapsed, peak, outcome


def main() -> None:
    print(
        f"caps: member {ledger.MAX_MEMBER_BYTES >> 20} MB, total {ledger.MAX_TOTAL_BYTES >> 20} MB, "
        f"{ledger.MAX_SHEET_ROWS:,} sheet rows, {ledger.MAX_COLUMNS} columns, {ledger.MAX_IMPORT_ROWS:,} tasks"
    )
    for name, build in CASES:
        data = build()
        inflated = _sheet_bytes(data)
        elapsed, peak, outcome = _measure(data)
        print(
            f"{name:32} {len(data) / 1024:8.0f} KB zip {inflated / 1048576:7.1f} MB sheet "
            f"{elapsed:6.2f} s  peak {peak:6.1f} MB  {outcome[:70]}"
        )


if __name__ == "__main__":
    main()
