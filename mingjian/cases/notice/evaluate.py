"""Score the parser against labelled notices (used by ``eval_notices``).

Labels come either as NNN.json beside each NNN.txt, or as one JSON-lines file (one object per
notice, keyed by ``id``) read against a directory of NNN.txt: the labels can then live in the
repository while the texts stay outside it. A manifest (id, url, sha256, form) pins each text;
its SHA-256 also splits a set into a tune half (even) and a held-out half (odd).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .normalize import normalize_chars
from .parser import parse_notice

SCALAR_FIELDS: tuple[str, ...] = (
    "person",
    "names",
    "unit",
    "position",
    "level",
    "eight_point_rules",
    "party_sanction",
    "govt_sanction",
    "transferred_to_prosecution",
    "amount_yuan",
)
SET_FIELDS: tuple[str, ...] = (
    "named_persons",
    "violations",
    "disciplines",
    "duty_crimes",
    "org_handling",
    "other_measures",
    "amounts_all_yuan",
)
LENIENT_THRESHOLD = 0.5
_AMOUNT_TOLERANCE = 0.5


@dataclass
class Mismatch:
    file: str
    field: str
    expected: Any
    got: Any


@dataclass
class FieldScore:
    """Accuracy counts (scalar fields) or tp/fp/fn (set fields)."""

    correct: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 1.0


@dataclass
class Report:
    files: int = 0
    scores: dict[str, FieldScore] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)


def _norm_text(value: Any) -> str:
    text = normalize_chars(str(value or ""))
    return "".join(text.split()).replace("，", "、").replace("；", ";")


def expected_names(labels: dict[str, Any]) -> list[str]:
    """Real names of the case (``names`` when labelled, else ``person_masked`` split on 、)."""
    if "names" in labels:
        return [str(n) for n in labels["names"]]
    printed = str(labels.get("person_masked", labels.get("person", "")) or "")
    return [n for n in printed.split("、") if n]


def got_value(got: dict[str, Any], name: str) -> Any:
    """The parser's value for a scored field (``names``/``named_persons`` come from ``persons``)."""
    if name in ("names", "named_persons"):
        return [str(p.get("name", "")) for p in got.get("persons") or [] if p.get("name")]
    return got.get(name)


def expected_value(labels: dict[str, Any], name: str) -> Any:
    """The label for a contract field (``person`` is stored as ``person_masked``)."""
    if name == "person":
        return "、".join(expected_names(labels))
    if name in ("names", "named_persons"):
        return expected_names(labels)
    return labels.get(name)


def scalar_equal(name: str, expected: Any, got: Any) -> bool:
    if name == "amount_yuan":
        if expected is None or got is None:
            return expected is None and got is None
        return abs(float(expected) - float(got)) < _AMOUNT_TOLERANCE
    if name == "names":
        return sorted(_norm_text(n) for n in expected) == sorted(_norm_text(n) for n in got)
    if isinstance(expected, bool) or isinstance(got, bool) or expected is None or got is None:
        return bool(expected == got)
    return _norm_text(expected) == _norm_text(got)


def char_dice(a: str, b: str) -> float:
    """Character-set Dice similarity of two labels (0–1)."""
    sa, sb = set(_norm_text(a)), set(_norm_text(b))
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa or sb else 1.0


def _strict_match(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < _AMOUNT_TOLERANCE
    return _norm_text(a) == _norm_text(b)


def _lenient_match(a: Any, b: Any) -> bool:
    return char_dice(str(a), str(b)) >= LENIENT_THRESHOLD


def match_counts(expected: Iterable[Any], got: Iterable[Any], lenient: bool = False) -> tuple[int, int, int]:
    """(tp, fp, fn) with greedy one-to-one matching."""
    same: Callable[[Any, Any], bool] = _lenient_match if lenient else _strict_match
    remaining = list(got)
    tp = 0
    exp = list(expected)
    for item in exp:
        hit = next((g for g in remaining if same(item, g)), None)
        if hit is not None:
            remaining.remove(hit)
            tp += 1
    return tp, len(remaining), len(exp) - tp


def score_case(report: Report, file: str, labels: dict[str, Any], got: dict[str, Any]) -> None:
    """Add one labelled case to the report."""
    report.files += 1
    for name in SCALAR_FIELDS:
        score = report.scores.setdefault(name, FieldScore())
        expected, value = expected_value(labels, name), got_value(got, name)
        score.total += 1
        if scalar_equal(name, expected, value):
            score.correct += 1
        else:
            report.mismatches.append(Mismatch(file, name, expected, value))
    for name in SET_FIELDS:
        score = report.scores.setdefault(name, FieldScore())
        expected_items = expected_value(labels, name) or []
        got_items = got_value(got, name) or []
        tp, fp, fn = match_counts(expected_items, got_items, lenient=name == "violations")
        score.tp, score.fp, score.fn = score.tp + tp, score.fp + fp, score.fn + fn
        if fp or fn:
            report.mismatches.append(Mismatch(file, name, expected_items, got_items))


def load_pairs(directory: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(file stem, notice text, labels) for each NNN.txt that has an NNN.json."""
    pairs = []
    for txt in sorted(directory.glob("*.txt")):
        label_path = txt.with_suffix(".json")
        if label_path.exists():
            labels = json.loads(label_path.read_text(encoding="utf-8"))
            pairs.append((txt.stem, txt.read_text(encoding="utf-8-sig"), labels))
    return pairs


HALVES: tuple[str, ...] = ("tune", "held-out")


class LabelSetError(ValueError):
    """A labels or manifest file that cannot be read, or texts that do not match it."""


def half_of(sha256: str) -> str:
    """``tune`` for an even SHA-256 (read as a number), ``held-out`` for an odd one."""
    return HALVES[int(sha256, 16) % 2]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelSetError(f"{path.name} 第 {number} 行不是 JSON：{exc.msg}") from exc
        if not isinstance(row, dict) or not str(row.get("id", "")):
            raise LabelSetError(f"{path.name} 第 {number} 行缺少 id")
        rows.append(row)
    return rows


@dataclass
class LabelledSet:
    """Texts read against a labels file: the pairs, and the ids whose text was not found."""

    pairs: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)


def read_id_list(path: Path) -> set[str]:
    """Ids listed one a line (the first tab-separated column; blank lines and ``#`` comments skipped)."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        head = line.split("\t", 1)[0].strip()
        if head and not head.startswith("#"):
            ids.add(head)
    return ids


def load_labelled_set(
    directory: Path,
    labels_path: Path,
    manifest_path: Path | None = None,
    half: str | None = None,
    allow_mismatch: frozenset[str] | set[str] = frozenset(),
) -> LabelledSet:
    """(id, text, labels) for each labelled id whose ``directory/<id>.txt`` exists.

    With a manifest, a text whose SHA-256 differs from the manifest's is an error (it is not the
    text that was labelled), unless its id is in ``allow_mismatch`` (a text found again and checked
    by hand against its labels; listed in ``mismatched``); ``half`` selects by the manifest's hash,
    without a manifest by the text's own hash.
    """
    if half is not None and half not in HALVES:
        raise LabelSetError(f"未知的半集：{half}（可选 {' / '.join(HALVES)}）")
    pinned = (
        {str(r["id"]): str(r.get("sha256", "")) for r in _read_jsonl(manifest_path)} if manifest_path else {}
    )
    result = LabelledSet()
    for labels in _read_jsonl(labels_path):
        stem = str(labels["id"])
        txt = directory / f"{stem}.txt"
        if not txt.exists():
            result.missing.append(stem)
            continue
        data = txt.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if manifest_path is not None:
            if stem not in pinned:
                raise LabelSetError(f"清单中没有 {stem}")
            if pinned[stem] != digest:
                if stem not in allow_mismatch:
                    raise LabelSetError(f"{txt.name} 的 SHA-256 与清单不符（文本已改动或不是标注时的文本）")
                result.mismatched.append(stem)
            digest = pinned[stem]
        if half is not None and half_of(digest) != half:
            continue
        result.pairs.append((stem, data.decode("utf-8-sig"), labels))
    return result


def evaluate_pairs(pairs: Iterable[tuple[str, str, dict[str, Any]]]) -> Report:
    """Parse and score each (name, text, labels)."""
    report = Report()
    for stem, text, labels in pairs:
        score_case(report, stem, labels, parse_notice(text).to_contract())
    return report


def evaluate_dir(directory: Path) -> Report:
    """Parse every labelled notice of ``directory`` and score it."""
    return evaluate_pairs(load_pairs(directory))


def format_report(report: Report, show_mismatches: bool = True) -> str:
    """A plain-text table of per-field scores, then the mismatches."""
    lines = [f"文件数: {report.files}", f"{'field':<28}{'metric':<10}{'score':>8}"]
    for name in SCALAR_FIELDS:
        score = report.scores.get(name, FieldScore())
        lines.append(f"{name:<28}{'accuracy':<10}{score.accuracy:>8.3f}")
    for name in SET_FIELDS:
        score = report.scores.get(name, FieldScore())
        metric = "F1~" if name == "violations" else "micro-F1"
        lines.append(f"{name:<28}{metric:<10}{score.f1:>8.3f}")
    if show_mismatches and report.mismatches:
        lines.append("")
        lines.append("mismatches (file / field / expected / got):")
        for m in report.mismatches:
            expected = json.dumps(m.expected, ensure_ascii=False)
            got = json.dumps(m.got, ensure_ascii=False)
            lines.append(f"{m.file}\t{m.field}\t{expected}\t{got}")
    return "\n".join(lines)
