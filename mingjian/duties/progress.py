"""How far a list has come: items done (checked by hand, or filled by recorded acts) of all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mingjian.duties.acts import acts_for, acts_of_lists, holding
from mingjian.duties.documents import item_states
from mingjian.duties.models import DutyList


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(dlist: DutyList, viewer: Any) -> Progress:
    """The same rule as the list page (documents.ItemState.done), counted cheaply."""
    items = list(dlist.items.all())
    with_entries = set(dlist.entries.exclude(item=None).values_list("item_id", flat=True))
    sources = {i.source for i in items if i.source and not i.checked and i.pk not in with_entries}
    filled = {s for s, acts in acts_for(holding(dlist, viewer), sources).items() if acts}
    done = sum(1 for i in items if i.checked or i.pk in with_entries or (i.source and i.source in filled))
    return Progress(done, len(items))


def progress_of_lists(dlists: Sequence[DutyList], viewer: Any) -> dict[int, Progress]:
    """progress_of for a page of lists, by list id, with the acts read once per holder; the
    lists should come with items and entries prefetched."""
    by_list = acts_of_lists(dlists, viewer)
    out: dict[int, Progress] = {}
    for dlist in dlists:
        states = item_states(dlist, by_list[dlist.pk])
        out[dlist.pk] = Progress(sum(1 for s in states if s.done), len(states))
    return out
