"""The document as a flow of paragraphs with their typefaces and metrics, before any Word XML.

Both the Word writer and the page estimator read this one list, so what is estimated is what is
written. Spacing follows GB/T 9704-2012 7.2 (版头) and 7.3 (主体); the 版记 is not part of the
flow: it is a box pinned to the foot of the last page (see `colophon`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mingjian.documents import geometry as g
from mingjian.documents.spec import Heading, OfficialDocument
from mingjian.documents.text import chinese_ordinal, format_date, nest_quotes, running_text, width_units
from mingjian.documents.titles import split_title

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
RED = "C00000"

Align = Literal["left", "center", "right", "both"]
LEVEL_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
SIGNATURE_SPACERS = 2  # blank lines between the text and the 署名, where the seal is pressed
DATE_RIGHT_CHARS = 4  # 成文日期 右空四字


@dataclass(frozen=True)
class Run:
    text: str
    font: str = FANGSONG
    size: float = g.SIZE_3
    bold: bool = False
    color: str = ""
    condensed: bool = True  # the quarter-point condensing that gives 28 characters a line


@dataclass(frozen=True)
class Tab:
    position: float
    align: Literal["left", "center", "right"]


@dataclass(frozen=True)
class Para:
    lines: tuple[tuple[Run, ...], ...]  # explicit lines (Word line breaks between them)
    role: str
    line: float = g.LINE  # exact line height
    before: float = 0.0
    align: Align = "both"
    indent_chars: int = 0  # first-line indent in 三号 characters (2 for running text)
    left: float = 0.0
    right: float = 0.0
    hanging: float = 0.0
    right_chars: int = 0  # right indent in 三号 characters, as Word's w:rightChars
    tabs: tuple[Tab, ...] = ()
    keep_next: bool = False
    top_rule: tuple[int, str] | None = None  # (eighths of a point, colour) drawn above the line

    @property
    def text(self) -> str:
        return "\n".join("".join(run.text for run in line) for line in self.lines)


def one_line(*runs: Run) -> tuple[tuple[Run, ...], ...]:
    return (runs,)


@dataclass
class Flow:
    """The paragraphs of a document in order, split where the layout plan needs to know."""

    head: list[Para] = field(default_factory=list)  # 版头, title and 主送
    body: list[Para] = field(default_factory=list)  # 正文 and 附件说明
    signature: list[Para] = field(default_factory=list)  # 署名, 成文日期, 附注 (spacers not included)


def build_flow(doc: OfficialDocument) -> Flow:
    return Flow(head=_head(doc), body=_body(doc) + _attachments(doc), signature=_signature(doc))


# --- 版头 ----------------------------------------------------------------------------------------


def masthead_size(names: tuple[str, ...]) -> float:
    """As large as fits on one line, between 二号 and 小初: the standard sizes the 发文机关标志 to
    look balanced, and long names would otherwise wrap."""
    widest = max(width_units(name) for name in names)
    return float(max(int(g.SIZE_2), min(int(g.SIZE_XIAOCHU), int(g.TEXT_WIDTH / max(widest, 1)))))


def _head(doc: OfficialDocument) -> list[Para]:
    names = tuple(name.strip() for name in doc.issuers if name.strip())
    size = masthead_size(names)
    mark_line = round(g.MARK_LINE_RATIO * size, 1)
    mark = Para(
        tuple((Run(name, XIAOBIAOSONG, size, color=RED, condensed=False),) for name in names),
        "mark",
        line=mark_line,
        # The face of the first line 35 mm below the 版心 top.
        before=g.MARK_TOP - (g.face_top(0, mark_line, size)),
        align="center",
    )
    number = _number(doc, after=(mark_line, size))
    return [mark, number, _red_rule(), _title(doc), _addressee(doc)]


def _number(doc: OfficialDocument, *, after: tuple[float, float]) -> Para:
    before = g.gap_before(g.NUMBER_GAP_LINES * g.LINE, above=after, below=(g.LINE, g.SIZE_3))
    if not doc.signer:
        return Para(one_line(Run(doc.number)), "number", before=before, align="center")
    # 上行文: 发文字号 one character in from the left, 签发人 one character in from the right.
    runs = (Run(doc.number + "\t签发人："), Run(doc.signer, KAITI))
    tab = Tab(g.TEXT_WIDTH - g.SIZE_3, "right")  # tab stops count from the margin, not the indent
    return Para(one_line(*runs), "number", before=before, align="left", left=g.SIZE_3, tabs=(tab,))


def _red_rule() -> Para:
    # 4 mm below the face of the 发文字号, which sits in the line box before this paragraph.
    number_bottom = g.face_bottom(0, g.LINE, g.SIZE_3)
    return Para(
        ((Run(""),),),
        "rule",
        line=1.0,
        before=number_bottom + g.RED_RULE_GAP - g.LINE,
        top_rule=(g.RED_RULE_WIDTH_EIGHTHS, RED),
    )


def _title(doc: OfficialDocument) -> Para:
    lines = split_title(nest_quotes(doc.title), keep=(*doc.keep_words, *doc.issuers))
    return Para(
        tuple((Run(line, XIAOBIAOSONG, g.SIZE_2, condensed=False),) for line in lines),
        "title",
        line=g.TITLE_LINE,
        # Two lines of white under the rule (the rule paragraph is 1 pt tall, the rule its top).
        before=g.TITLE_GAP_LINES * g.LINE - 1.0 - g.face_top(0, g.TITLE_LINE, g.SIZE_2),
        align="center",
    )


def _addressee(doc: OfficialDocument) -> Para:
    # 主送机关: one line below the title, flush left, wrapped lines flush left, then a full colon.
    before = g.gap_before(
        g.ADDRESSEE_GAP_LINES * g.LINE, above=(g.TITLE_LINE, g.SIZE_2), below=(g.LINE, g.SIZE_3)
    )
    return Para(one_line(Run(doc.addressees.strip().rstrip("：:") + "：")), "addressee", before=before)


# --- 主体 ----------------------------------------------------------------------------------------


def _prefix(level: int, n: int) -> str:
    return {1: f"{chinese_ordinal(n)}、", 2: f"（{chinese_ordinal(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _body(doc: OfficialDocument) -> list[Para]:
    counters = [0, 0, 0, 0, 0]
    paras = []
    for block in doc.body:
        level = block.level if isinstance(block, Heading) else block.numbered
        prefix = ""
        if level:
            counters[level] += 1
            counters[level + 1 :] = [0] * (len(counters) - level - 1)
            prefix = _prefix(level, counters[level])
        if isinstance(block, Heading):
            run = Run(prefix + nest_quotes(block.text.strip()), LEVEL_FONTS[level])
            paras.append(Para(one_line(run), "heading", indent_chars=2))
        else:
            runs = (Run(prefix, LEVEL_FONTS[level]),) if prefix else ()
            paras.append(Para(one_line(*runs, Run(running_text(block.text))), "body", indent_chars=2))
    return paras


def _attachments(doc: OfficialDocument) -> list[Para]:
    names = [name.strip().rstrip("。.；;，,") for name in doc.attachments if name.strip()]
    lead = "附件："
    paras = []
    for n, name in enumerate(names, start=1):
        number = f"{n}." if len(names) > 1 else ""
        # Wrapped lines align with the first character of the name (7.3.4).
        hang = (width_units(lead) + width_units(number)) * g.SIZE_3
        text = (lead if n == 1 else "") + number + name
        paras.append(
            Para(
                one_line(Run(text)),
                "attachment",
                before=g.LINE if n == 1 else 0.0,  # 正文下空一行
                left=2 * g.SIZE_3 + hang,
                hanging=hang if n == 1 else width_units(number) * g.SIZE_3,
                align="left",
            )
        )
    return paras


# --- 署名, 成文日期 ---------------------------------------------------------------------------------


def _signature(doc: OfficialDocument) -> list[Para]:
    dated = format_date(doc.dated)
    paras = [_signers(doc.signed_by, dated), Para(one_line(Run(dated)), "date", align="right", right_chars=4)]
    if doc.note.strip():
        note = "（" + doc.note.strip().strip("（）()") + "）"
        paras.append(Para(one_line(Run(note)), "note", indent_chars=2))
    if doc.draft_mark:
        mark = Run(doc.draft_mark, bold=True, color=RED)
        paras.append(Para(one_line(mark), "draft", align="right", right_chars=DATE_RIGHT_CHARS))
    return paras


def _signers(names: tuple[str, ...], dated: str) -> Para:
    """署名 centred over the 成文日期 (7.3.5.1); several issuers side by side, the last one over
    the date, each over its own seal."""
    date_centre = g.TEXT_WIDTH - DATE_RIGHT_CHARS * g.SIZE_3 - width_units(dated) * g.SIZE_3 / 2
    if len(names) == 1:
        offset = DATE_RIGHT_CHARS + (width_units(dated) - width_units(names[0])) / 2
        return Para(one_line(Run(names[0])), "signature", align="right", right=max(offset, 0) * g.SIZE_3)
    step = date_centre / len(names)
    tabs = tuple(Tab(date_centre - step * (len(names) - 1 - i), "center") for i in range(len(names)))
    return Para(one_line(Run("\t" + "\t".join(names))), "signature", align="left", tabs=tabs)


def spacer(*, keep_next: bool = False) -> Para:
    return Para(((Run(""),),), "spacer", keep_next=keep_next)
