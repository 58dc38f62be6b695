"""Free text of a 约谈 or 问责 record as a viewer may read it: when the record is linked to a case,
the case's people are masked (张某某) outside the 纪委, as everywhere else (cases.display)."""

from __future__ import annotations

from typing import Any

from mingjian.cases.display import case_text
from mingjian.cases.models import Case


def masked(text: str, case: Case | None, user: Any) -> str:
    return case_text(case, user, text) if case is not None else text
