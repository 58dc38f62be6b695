"""Score the parser against labelled NNN.txt + NNN.json pairs (used by ``eval_outlines``).

Per document: exact match of the whole heading tree (every level, marker and heading, in order)
and of the title. Per heading: precision and recall of (level, marker, heading) triples, and of
(marker, heading) pairs ignoring the level.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import parse_outline

Row = tuple[int, str, str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: list[Any], got: list[Any]) -> None:
        e, g = Counter(expected), Counter(got)
        hit = sum((e & g).values())
        self.tp += hit
        self.fp += sum(g.values()) - hit
        self.fn += sum(e.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class DocResult:
    name: str
    tree_exact: bool
    title_exact: bool
    missing: list[Row]
    extra: list[Row]
    title: tuple[str | None, str | None]  # expected, got


@dataclass
class Report:
    docs: list[DocResult] = field(default_factory=list)
    headings: Counts = field(default_factory=Counts)
    unleveled: Counts = field(default_factory=Counts)

    @property
    def files(self) -> int:
        return len(self.docs)


def _rows(outline: list[dict[str, Any]]) -> list[Row]:
    return [(int(x["level"]), str(x["marker"]), str(x["heading"])) for x in outline]


def score(name: str, expected: dict[str, Any], got: dict[str, Any], report: Report) -> DocResult:
    want, have = _rows(expected["outline"]), _rows(got["outline"])
    report.headings.add(want, have)
    report.unleveled.add([r[1:] for r in want], [r[1:] for r in have])
    missing, extra = Counter(want) - Counter(have), Counter(have) - Counter(want)
    result = DocResult(
        name,
        want == have,
        expected["title"] == got["title"],
        list(missing.elements()),
        list(extra.elements()),
        (expected["title"], got["title"]),
    )
    report.docs.append(result)
    return result


def evaluate_dir(directory: Path) -> Report:
    report = Report()
    for label in sorted(directory.glob("*.json")):
        text_file = label.with_suffix(".txt")
        if text_file.exists():
            expected = json.loads(label.read_text(encoding="utf-8"))
            got = parse_outline(text_file.read_text(encoding="utf-8")).to_contract()
            score(label.stem, expected, got, report)
    return report


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def format_report(report: Report, *, show_mismatches: bool = True) -> str:
    n = report.files
    h, u = report.headings, report.unleveled
    lines = [
        f"文档数 documents: {n}",
        f"标题树完全一致 tree exact: {_pct(sum(d.tree_exact for d in report.docs), n)}",
        f"标题一致 title exact: {_pct(sum(d.title_exact for d in report.docs), n)}",
        f"标题树与标题均一致 both exact: {_pct(sum(d.tree_exact and d.title_exact for d in report.docs), n)}",
        f"标题项 headings (level, marker, heading): precision {h.precision:.3f} recall {h.recall:.3f} "
        f"(tp {h.tp}, fp {h.fp}, fn {h.fn})",
        f"不计层级 ignoring level (marker, heading): precision {u.precision:.3f} recall {u.recall:.3f}",
    ]
    if show_mismatches:
        lines += ["", "逐篇 per document (tree, title):"]
        lines += [f"{d.name} {_mark(d.tree_exact)} {_mark(d.title_exact)}" for d in report.docs]
        lines += _mismatch_lines(report)
    return "\n".join(lines)


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _mismatch_lines(report: Report) -> list[str]:
    out = []
    for d in report.docs:
        if not d.title_exact:
            out.append(f"{d.name} title: expected {d.title[0]!r} got {d.title[1]!r}")
        for level, marker, heading in d.missing:
            out.append(f"{d.name} missing: {level} {marker} {heading}")
        for level, marker, heading in d.extra:
            out.append(f"{d.name} extra:   {level} {marker} {heading}")
    return ["", "不一致项 mismatches:", *out] if out else []
