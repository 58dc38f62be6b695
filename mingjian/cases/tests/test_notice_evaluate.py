"""Scoring functions of the eval command (no Django needed)."""

import hashlib
import json
from pathlib import Path

import pytest

from mingjian.cases.notice.evaluate import (
    LabelSetError,
    Report,
    char_dice,
    evaluate_dir,
    evaluate_pairs,
    format_report,
    half_of,
    load_labelled_set,
    match_counts,
    read_id_list,
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


def _write_set(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Two notices of my own, a labels file (with one id whose text is absent) and a manifest."""
    texts = {
        "001": "甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。",
        "002": "乙镇某村党支部书记钱某某违规发放补贴问题。钱某某受到党内严重警告处分。",
    }
    digests = {}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        digests[stem] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    labels = tmp_path / "labels.jsonl"
    rows = [
        {"id": "001", "names": ["孙某"], "party_sanction": "警告"},
        {"id": "002", "names": ["钱某某"], "party_sanction": "严重警告"},
        {"id": "003", "names": ["李某"]},
    ]
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        "".join(
            json.dumps({"id": s, "url": "x", "sha256": d, "form": "f"}) + "\n" for s, d in digests.items()
        ),
        encoding="utf-8",
    )
    return labels, manifest, digests


def test_half_of_reads_the_hash_as_a_number() -> None:
    assert half_of("0" * 63 + "a") == "tune"
    assert half_of("f" * 63 + "b") == "held-out"


def test_labels_file_against_a_text_directory(tmp_path: Path) -> None:
    labels, manifest, digests = _write_set(tmp_path)
    labelled = load_labelled_set(tmp_path, labels, manifest)
    assert [stem for stem, _, _ in labelled.pairs] == ["001", "002"]
    assert labelled.missing == ["003"]
    report = evaluate_pairs(labelled.pairs)
    assert report.files == 2
    assert report.scores["party_sanction"].accuracy == 1.0
    tune = load_labelled_set(tmp_path, labels, manifest, "tune").pairs
    held = load_labelled_set(tmp_path, labels, manifest, "held-out").pairs
    assert sorted(s for s, _, _ in tune + held) == ["001", "002"]
    assert all(half_of(digests[s]) == "tune" for s, _, _ in tune)
    assert all(half_of(digests[s]) == "held-out" for s, _, _ in held)


def test_a_changed_text_or_a_bad_file_is_refused(tmp_path: Path) -> None:
    labels, manifest, _ = _write_set(tmp_path)
    (tmp_path / "002.txt").write_text("另一篇文本。", encoding="utf-8")
    with pytest.raises(LabelSetError, match="SHA-256"):
        load_labelled_set(tmp_path, labels, manifest)
    assert len(load_labelled_set(tmp_path, labels).pairs) == 2  # without a manifest nothing is pinned
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "001"}\nnot json\n', encoding="utf-8")
    with pytest.raises(LabelSetError, match="第 2 行"):
        load_labelled_set(tmp_path, broken)
    with pytest.raises(LabelSetError, match="半集"):
        load_labelled_set(tmp_path, labels, half="all")


def test_a_changed_text_checked_by_hand_is_scored_in_its_manifest_half(tmp_path: Path) -> None:
    labels, manifest, digests = _write_set(tmp_path)
    (tmp_path / "002.txt").write_text(
        "乙镇某村党支部书记钱某某违规发放补贴。钱某某受到党内严重警告处分。", encoding="utf-8"
    )
    with pytest.raises(LabelSetError, match="SHA-256"):
        load_labelled_set(tmp_path, labels, manifest, allow_mismatch={"001"})
    labelled = load_labelled_set(tmp_path, labels, manifest, allow_mismatch={"002"})
    assert [stem for stem, _, _ in labelled.pairs] == ["001", "002"]
    assert labelled.mismatched == ["002"]
    half = half_of(digests["002"])
    assert "002" in [
        stem for stem, _, _ in load_labelled_set(tmp_path, labels, manifest, half, {"002"}).pairs
    ]


def test_id_list_takes_the_first_column_and_skips_comments(tmp_path: Path) -> None:
    listed = tmp_path / "ids.tsv"
    listed.write_text("# checked by hand\n003\tnote\n\n 007 \n", encoding="utf-8")
    assert read_id_list(listed) == {"003", "007"}
