"""整改台账 in Excel: the export every filter of the task list can print, and the import that
takes what clerks really have — new tasks from the issuing side, and a re-imported export
updating the rows its 任务编号 names.

    export.py    the printable ledger (lib.xlsx.PrintableSheet), streamed
    reading.py   .xlsx / .xls / .csv → rows, the sheet found by its header, merged cells carried down
    checking.py  rows → new TaskPlans and per-cell changes of existing tasks, or every bad row's reason
    applying.py  the checked plan written in one short transaction (then issued in small ones)
    jobs.py      the same as background jobs with progress, a confirm step and a result
"""

from mingjian.rectification.ledger.applying import apply_plan, issue_in_chunks
from mingjian.rectification.ledger.checking import Change, ImportPlan, check_import, check_rows, parse_due
from mingjian.rectification.ledger.columns import (
    COLUMNS,
    MAX_COLUMNS,
    MAX_IMPORT_ROWS,
    MAX_MEMBER_BYTES,
    MAX_SHEET_ROWS,
    MAX_TOTAL_BYTES,
    MAX_UPDATES,
    MAX_UPLOAD_BYTES,
    REQUIRED_COLUMNS,
    SHEET,
    TASK_NUMBER,
)
from mingjian.rectification.ledger.errors import LedgerFileError, LedgerRowsError
from mingjian.rectification.ledger.export import (
    describe_filters,
    export_scope,
    ledger_filename,
    ledger_rows,
    record_export,
    write_ledger,
)
from mingjian.rectification.ledger.imports import import_ledger
from mingjian.rectification.ledger.reading import LedgerFile, read_ledger, read_rows

__all__ = [
    "COLUMNS",
    "MAX_COLUMNS",
    "MAX_IMPORT_ROWS",
    "MAX_MEMBER_BYTES",
    "MAX_SHEET_ROWS",
    "MAX_TOTAL_BYTES",
    "MAX_UPDATES",
    "MAX_UPLOAD_BYTES",
    "REQUIRED_COLUMNS",
    "SHEET",
    "TASK_NUMBER",
    "Change",
    "ImportPlan",
    "LedgerFile",
    "LedgerFileError",
    "LedgerRowsError",
    "apply_plan",
    "check_import",
    "check_rows",
    "describe_filters",
    "export_scope",
    "import_ledger",
    "issue_in_chunks",
    "ledger_filename",
    "ledger_rows",
    "parse_due",
    "read_ledger",
    "read_rows",
    "record_export",
    "write_ledger",
]
