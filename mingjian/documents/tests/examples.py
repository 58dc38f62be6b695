"""Documents for the tests, written here (no real data): a 建议书-like text of any length."""

from __future__ import annotations

from datetime import date

from mingjian.documents import Heading, OfficialDocument, Paragraph

ISSUERS = ("中共测试市纪律检查委员会", "测试市监察委员会")
TITLE = "关于测试县民政局农村低保审核审批中优亲厚友问题的纪检监察建议"
# 28 Chinese characters and no ASCII, so every full line of it holds exactly 28.
SENTENCE = "经查，该局审核把关不严，致使不合条件的亲属违规享受低保。"


def document(
    paragraphs: int, *, cc: tuple[str, ...] = ("测试县人民政府", "测试县财政局"), **extra: object
) -> OfficialDocument:
    body: list[Heading | Paragraph] = [Heading("问题来源及事实"), Paragraph("本委在查办案件中发现：")]
    body += [Paragraph(SENTENCE * (1 + i % 3)) for i in range(paragraphs)]
    body += [Heading("建议"), Paragraph("健全低保审核审批制度，落实民主评议和公示制度", numbered=2)]
    fields: dict[str, object] = {
        "issuers": ISSUERS,
        "number": "测纪建〔2026〕3号",
        "title": TITLE,
        "addressees": "测试县民政局",
        "body": tuple(body),
        "dated": date(2026, 11, 22),
        "cc": cc,
        "printed_by": "中共测试市纪律检查委员会办公室",
        "keep_words": ("测试县民政局",),
    }
    fields.update(extra)
    return OfficialDocument(**fields)  # type: ignore[arg-type]
