"""Levels from the order in which styles appear: level 1 is the top visible level.

A stack holds the styles open above the current heading. A style already on the stack closes
everything below it (a sibling); a new style nests under the current heading, except that a
numbered style closes the numbered styles junior to it and any run-in points (一是, 一要) above
them (a 第X章/部分/节/条 closes 第一/首先 points too). When a heading closes the whole stack, everything before it stood under a top-level
heading the text does not show (it starts mid-document): those headings move one level down —
nothing is invented for the missing parent.
"""

from __future__ import annotations

from .markers import Style


def _cut(stack: list[Style], style: Style) -> int | None:
    """Where a numbered style not yet open cuts the stack (None: it nests under all of it)."""
    assert style.rank is not None  # noqa: S101 - only numbered styles cut
    for i, open_style in enumerate(stack):
        if open_style.rank is not None and open_style.rank > style.rank:
            return i
        if open_style.rank is None and (style.rank <= 0 or not open_style.structural):
            return i  # a run-in point, or any point when a 章/部分/节/条 opens
    return None


def assign_levels(styles: list[Style]) -> list[int]:
    stack: list[Style] = []
    levels: list[int] = []
    for style in styles:
        if style in stack:
            del stack[stack.index(style) + 1 :]
        elif style.rank is not None and (cut := _cut(stack, style)) is not None:
            del stack[cut:]
            if cut == 0:
                levels = [level + 1 for level in levels]
            stack.append(style)
        else:
            stack.append(style)
        levels.append(len(stack))
    return levels
