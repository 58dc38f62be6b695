"""Scoring functions of the eval command (no Django needed)."""

import json
from pathlib import Path

from mingjian.cases.notice.evaluate import (
    Report,
    char_dice,
    evaluate_dir,
    format_report,
    match_counts,
    scalar_equal,
    score_case,
)


def test_scalar_equality_rules() -> None:
    assert scalar_equal("amount_yuan", 267600, 267600.0)
    assert not scalar_equal("amount_yuan", None, 5)
    assert scalar_equal("unit", "甲县委;乙市政府", "甲县委；乙市政府")
    assert scalar_equal("position", "原党组书记,局长", "原党组书记，局长")
    assert not scalar_equal("eight_point_rules", True, False)


def test_strict_and_lenient_matching() -> None:
    assert match_counts(["警告", "免职"], ["免职", "调离"]) == (1, 1, 1)
    assert match_counts(["违规收受礼品礼金"], ["违规收受礼金"], lenient=True) == (1, 0, 0)
    assert match_counts(["公车私用"], ["违规发放补贴"], lenient=True) == (0, 1, 1)
    assert char_dice("公车私用", "公车私用") == 1.0


def test_report_counts_and_mismatches() -> None:
    report = Report()
    labels = {
        "person_masked": "孙某",
        "party_sanction": "警告",
        "disciplines": ["廉洁纪律"],
        "amount_yuan": None,
    }
    got = {"person": "孙某", "party_sanction": "严重警告", "disciplines": ["廉洁纪律", "工作纪律"]}
    score_case(report, "x", labels, got)
    assert report.scores["person"].accuracy == 1.0
    assert report.scores["party_sanction"].accuracy == 0.0
    assert report.scores["disciplines"].f1 == 2 / 3
    assert any(m.field == "party_sanction" for m in report.mismatches)
    assert "party_sanction" in format_report(report)


def test_evaluate_dir(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(
        "甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。", encoding="utf-8"
    )
    labels = {"person_masked": "孙某", "party_sanction": "警告", "govt_sanction": None, "level": "乡科级"}
    (tmp_path / "001.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    report = evaluate_dir(tmp_path)
    assert report.files == 1
    assert report.scores["party_sanction"].accuracy == 1.0
    assert report.scores["level"].accuracy == 1.0
