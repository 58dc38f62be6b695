"""What a 公文 says, as plain data: the one input of the Word writer (and so of the PDF).

Every document the product writes (纪检监察建议书 now; 整改情况报告, 履责情况报告, 专项行动总结
later) is described by an `OfficialDocument`; the writer owns the layout, so callers never deal with
fonts, sizes or positions. Headings are numbered by the writer (一、 （一） 1. （1）), so a caller
only says which level a heading has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

HEADING_LEVELS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Heading:
    """A heading of its own line: level 1 "一、" 黑体, 2 "（一）" 楷体, 3 "1." and 4 "（1）" 仿宋."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text. `numbered` > 0 starts it with the next ordinal of that heading level, in that
    level's typeface, as for the items of a 建议书: "（一）健全……制度。"."""

    text: str
    numbered: int = 0


Block = Heading | Paragraph


@dataclass(frozen=True)
class OfficialDocument:
    issuers: tuple[str, ...]  # 发文机关 full names; several for a joint document (纪委 + 监委)
    number: str  # 发文字号, e.g. X纪建〔2026〕3号
    title: str
    addressees: str  # 主送机关, without the closing colon
    body: tuple[Block, ...]
    dated: date  # 成文日期
    signer: str = ""  # 签发人 (上行文 only)
    attachments: tuple[str, ...] = ()  # 附件说明: the attachments' names
    signatures: tuple[str, ...] = ()  # 发文机关署名; the issuers when empty
    note: str = ""  # 附注, printed in brackets under the date
    draft_mark: str = ""  # e.g. "（草稿，未生效）", in red under the date
    cc: tuple[str, ...] = ()  # 抄送机关
    printed_by: str = ""  # 印发机关: the issuer's office
    printed_on: date | None = None  # 印发日期; the 成文日期 when not given
    keep_words: tuple[str, ...] = ()  # names the title must not be broken inside
    created: datetime | None = None  # document properties; now when not given

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("公文内容不完整：" + "；".join(problems) + "。")

    def problems(self) -> list[str]:
        found = []
        if not any(name.strip() for name in self.issuers):
            found.append("缺少发文机关")
        if not self.title.strip():
            found.append("缺少标题")
        if not self.addressees.strip():
            found.append("缺少主送机关")
        if not self.printed_by.strip():
            found.append("缺少印发机关")
        for block in self.body:
            level = block.level if isinstance(block, Heading) else block.numbered
            if level and level not in HEADING_LEVELS:
                found.append(f"标题层级只能是1至4，不能是{level}")
        return found

    @property
    def signed_by(self) -> tuple[str, ...]:
        return self.signatures or self.issuers

    @property
    def printed_date(self) -> date:
        return self.printed_on or self.dated
