"""Compare person-name recognition: the parser's rules vs rjieba's POS tagger (nr), on labelled notices.

Usage: .venv/bin/python bench/notice_taggers.py DIR [DIR ...]
rjieba (a pinned dependency) ships jieba's dictionary and HMM in its wheel; nothing is downloaded.
Prints precision/recall/exact-set accuracy of real names and the CPU time per notice for each
method. The parser itself asks rjieba only where its rules cannot tell where a name ends (a name
listed after a post without a word after it that the rules know); this script shows why the
tagger is not used on its own.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import rjieba

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.evaluate import expected_names, load_pairs
from mingjian.cases.notice.normalize import normalize

_SANCTION_SENTENCE = re.compile(r"[^。；\n]*(?:处分|开除|诫勉|免职|通报批评|立案审查|追究)[^。；\n]*")
_MIN_CHARS, _MAX_CHARS = 2, 4


def rule_names(text: str) -> set[str]:
    return {p.name for p in parse_notice(text).persons if p.name}


def tagger_names(text: str, *, sanction_only: bool) -> set[str]:
    norm = normalize(text)
    scope = " ".join(_SANCTION_SENTENCE.findall(norm)) if sanction_only else norm
    return {w for w, flag in rjieba.tag(scope) if flag == "nr" and _MIN_CHARS <= len(w) <= _MAX_CHARS}


def score(
    method: str, pairs: list[tuple[str, str, dict[str, object]]], fn: Callable[[str], set[str]]
) -> None:
    tp = fp = fn_ = exact = 0
    start = time.process_time()
    for _, text, labels in pairs:
        got = fn(text)
        want = set(expected_names(labels))
        tp, fp, fn_ = tp + len(got & want), fp + len(got - want), fn_ + len(want - got)
        exact += got == want
    cpu = time.process_time() - start
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn_) if tp + fn_ else 0.0
    print(
        f"{method:<30} P={p:.3f} R={r:.3f} exact={exact / len(pairs):.3f}  {cpu * 1000 / len(pairs):.2f} ms/notice"
    )


def main(argv: list[str]) -> None:
    pairs = [pair for d in argv[1:] for pair in load_pairs(Path(d))]
    print(f"notices: {len(pairs)}")
    rjieba.tag("初始化")  # loads the dictionary once, outside the timings
    score("rules", pairs, rule_names)
    score("rjieba nr (whole text)", pairs, lambda t: tagger_names(t, sanction_only=False))
    score("rjieba nr (sanction sentences)", pairs, lambda t: tagger_names(t, sanction_only=True))
    score("rules ∪ rjieba (sanction)", pairs, lambda t: rule_names(t) | tagger_names(t, sanction_only=True))


if __name__ == "__main__":
    main(sys.argv)
