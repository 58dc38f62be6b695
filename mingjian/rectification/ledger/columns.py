"""The 整改台账's columns and the bounds on what an uploaded one may make the server do."""

from __future__ import annotations

from mingjian.lib.xlsx import Column
from mingjian.rectification.models import Light, Problem, Task

SHEET = "整改台账"
TASK_NUMBER = "任务编号"
# The customary columns first; the last four help sorting in Excel and are optional on import.
# 问题 (what was found), 建议 (what the 纪委 recommended) and 整改措施 (what the unit committed to)
# are three different things, each in its own column. 任务编号 is the task's id: a re-imported
# ledger updates the rows it names instead of adding them again.
SPEC = (
    Column("序号", 5, "short"),
    Column(TASK_NUMBER, 7, "short"),
    Column("问题", 20),
    Column("建议", 14),
    Column("整改措施", 22),
    Column("责任单位", 12),
    Column("责任领导", 8, "short"),
    Column("责任人", 8, "short"),
    Column("完成时限", 10, "date"),
    Column("整改进展", 18),
    Column("状态", 7, "short"),
    Column("问题来源", 8, "short"),
    Column("问题类型", 9, "short"),
    Column("整改类别", 8, "short"),
    Column("预警", 5, "short"),
)
COLUMNS = tuple(c.name for c in SPEC)
REQUIRED_COLUMNS = ("问题", "整改措施", "责任单位", "责任领导", "责任人", "完成时限")
# Shown as exported, never written back: a changed cell is reported on the confirm page.
READ_ONLY = ("状态", "建议", "问题来源")
# Recomputed every day (预警) or only a row count (序号): a difference is no change at all.
IGNORED = ("序号", "预警")

CHUNK = 2_000
MAX_IMPORT_ROWS = 5_000
# Changes to existing tasks go one by one through their services (checks, audit): about 7 ms
# each inside the import's single write transaction, so this many keep it near two seconds.
MAX_UPDATES = 300
HEADER_SEARCH_ROWS = 10  # the title and the exporter line come before the header
# Bounds on what an uploaded ledger may make the server do (see reading.py).
MAX_SHEET_ROWS = 2 * MAX_IMPORT_ROWS
MAX_COLUMNS = 50
MAX_SHEETS = 20
MAX_MERGED_RANGES = 20_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 5,000 rows of long Chinese text stay well inside these; parsing runs at ~25 MB/s, so a file
# at the caps costs a couple of seconds (bench/ledger_import.py).
MAX_MEMBER_BYTES = 40 * 1024 * 1024
MAX_TOTAL_BYTES = 80 * 1024 * 1024

STATUS_LABELS = dict(Task.Status.choices)
SOURCE_LABELS = dict(Problem.Source.choices)
CATEGORY_LABELS = dict(Task.Category.choices)
CATEGORY_BY_LABEL = {label: value for value, label in Task.Category.choices}
LIGHT_LABELS = dict(Light.choices)
