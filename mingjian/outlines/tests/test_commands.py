"""``manage.py outline FILE`` and ``manage.py eval_outlines DIR`` on files written here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

SPEECH = "关于做好以案促改工作的讲话\n同志们：\n一、提高认识\n（一）认清形势。形势严峻。\n二、抓好落实\n"
EXPECTED = {
    "title": "关于做好以案促改工作的讲话",
    "outline": [
        {"level": 1, "marker": "一、", "heading": "提高认识"},
        {"level": 2, "marker": "（一）", "heading": "认清形势"},
        {"level": 1, "marker": "二、", "heading": "抓好落实"},
    ],
}


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_outline_prints_exactly_the_contract_for_utf8_gb18030_and_word(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_text(SPEECH, encoding="utf-8")
    gbk = tmp_path / "b.txt"
    gbk.write_bytes(SPEECH.encode("gb18030"))
    word = tmp_path / "c.docx"
    document = docx.Document()
    for line in SPEECH.splitlines():
        document.add_paragraph(line)
    document.save(str(word))
    for path in (utf8, gbk, word):
        printed = _run("outline", str(path))
        assert json.loads(printed) == EXPECTED
        assert "关于做好" in printed  # ensure_ascii is off: Chinese is printed as is


def test_outline_names_what_is_wrong_with_the_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="文件不存在"):
        _run("outline", str(tmp_path / "missing.txt"))
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="不支持的文件类型"):
        _run("outline", str(pdf))


def test_eval_outlines_scores_whole_trees_and_headings(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "001.json").write_text(json.dumps(EXPECTED, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "002.txt").write_text("一、甲\n二、乙\n", encoding="utf-8")
    wrong = {
        "title": None,
        "outline": [
            {"level": 1, "marker": "一、", "heading": "甲"},
            {"level": 2, "marker": "二、", "heading": "乙"},
        ],
    }
    (tmp_path / "002.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    report = _run("eval_outlines", str(tmp_path))
    assert "文档数 documents: 2" in report
    assert "标题树完全一致 tree exact: 1/2 (50%)" in report
    assert "precision 0.800 recall 0.800 (tp 4, fp 1, fn 1)" in report
    assert "不计层级 ignoring level (marker, heading): precision 1.000 recall 1.000" in report
    assert "001 ✓ ✓\n002 ✗ ✓\n" in report
    assert "002 missing: 2 二、 乙" in report
    assert "002 extra:   1 二、 乙" in report


def test_eval_outlines_refuses_a_directory_without_pairs(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="没有成对"):
        _run("eval_outlines", str(tmp_path))
    with pytest.raises(CommandError, match="目录不存在"):
        _run("eval_outlines", str(tmp_path / "nope"))
