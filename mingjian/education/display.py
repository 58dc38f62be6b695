"""How an event's cases read to a viewer: in full on the 纪委's own pages, with every concerned
person's name masked (张某某) elsewhere — on case labels, and on the event's own title and
description, which an organiser may have written with a name in it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mingjian.cases.models import Case, mask_name
from mingjian.cases.permissions import sees_real_names


def case_label(case: Case, user: Any) -> str:
    return case.title if sees_real_names(user, case.unit) else case.masked_title


def masked_text(text: str, cases: Iterable[Case], user: Any) -> str:
    for case in cases:
        if sees_real_names(user, case.unit):
            continue
        for person in case.persons.all():
            if person.name:
                text = text.replace(person.name, mask_name(person.name))
    return text
