"""The thin management commands (need Django settings, no database)."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mingjian.cases.notice import CONTRACT_KEYS

LIST = "1.甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。\n2.乙县某局科长钱某某公车私用问题。钱某某受到政务记过处分。"


def test_parse_notice_prints_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(LIST, encoding="utf-8")
    out = io.StringIO()
    call_command("parse_notice", str(path), stdout=out)
    data = json.loads(out.getvalue())
    assert tuple(data) == CONTRACT_KEYS
    assert data["person"] == "孙某"
    out = io.StringIO()
    call_command("parse_notice", str(path), "--all", stdout=out)
    assert [c["person"] for c in json.loads(out.getvalue())] == ["孙某", "钱某某"]


def test_parse_notice_errors_are_chinese(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("parse_notice", str(tmp_path / "missing.txt"))
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="Word"):
        call_command("parse_notice", str(fake))


def test_eval_notices(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(LIST.split("\n", maxsplit=1)[0], encoding="utf-8")
    (tmp_path / "001.json").write_text(json.dumps({"person_masked": "孙某"}), encoding="utf-8")
    out = io.StringIO()
    call_command("eval_notices", str(tmp_path), stdout=out)
    assert "person" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("eval_notices", str(tmp_path / "nope"))


def test_eval_notices_with_a_labels_file_manifest_and_half(tmp_path: Path) -> None:
    text = LIST.split("\n", maxsplit=1)[0]
    (tmp_path / "001.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"id": "001", "names": ["孙某"]})
        + "\n"
        + json.dumps({"id": "002", "names": ["钱某某"]})
        + "\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"id": "001", "url": "u", "sha256": digest, "form": "f"}) + "\n", encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "eval_notices",
        str(tmp_path),
        "--labels",
        str(labels),
        "--manifest",
        str(manifest),
        stdout=out,
        stderr=err,
    )
    assert "文件数: 1" in out.getvalue()
    assert "002" in err.getvalue()  # the labelled notice whose text is absent is named, not scored
    mine = "tune" if int(digest, 16) % 2 == 0 else "held-out"
    other = "held-out" if mine == "tune" else "tune"
    out = io.StringIO()
    call_command(
        "eval_notices", str(tmp_path), "--labels", str(labels), "--half", mine, "--quiet", stdout=out
    )
    assert "文件数: 1" in out.getvalue() and "mismatches" not in out.getvalue()
    with pytest.raises(CommandError, match="没有可评估"):
        call_command(
            "eval_notices", str(tmp_path), "--labels", str(labels), "--half", other, stderr=io.StringIO()
        )
    with pytest.raises(CommandError, match="--labels"):
        call_command("eval_notices", str(tmp_path), "--half", "tune")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("eval_notices", str(tmp_path), "--labels", str(tmp_path / "none.jsonl"))
