"""Compare person-name recognition: the parser's rules vs jieba's POS tagger (nr), on labelled notices.

Usage: .venv/bin/python bench/notice_taggers.py DIR [DIR ...]   (needs ``pip install jieba==0.42.1``;
jieba ships its model in the wheel, nothing is downloaded). Prints precision/recall/exact-set
accuracy of real names and the time per notice for each method.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.evaluate import expected_names, load_pairs
from mingjian.cases.notice.normalize import normalize

_SANCTION_SENTENCE = re.compile(r"[^。；\n]*(?:处分|开除|诫勉|免职|通报批评|立案审查|追究)[^。；\n]*")


def rule_names(text: str) -> set[str]:
    return {p.name for p in parse_notice(text).persons if p.name}


def jieba_names(text: str, *, sanction_only: bool) -> set[str]:
    import jieba.posseg

    norm = normalize(text)
    scope = " ".join(_SANCTION_SENTENCE.findall(norm)) if sanction_only else norm
    return {w.word for w in jieba.posseg.cut(scope) if w.flag == "nr" and 2 <= len(w.word) <= 4}


def score(method: str, pairs: list[tuple[str, str, dict[str, object]]], fn: object) -> None:
    tp = fp = fn_ = exact = 0
    start = time.process_time()
    for _, text, labels in pairs:
        got = fn(text)  # type: ignore[operator]
        want = set(expected_names(labels))
        tp, fp, fn_ = tp + len(got & want), fp + len(got - want), fn_ + len(want - got)
        exact += got == want
    cpu = time.process_time() - start
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn_) if tp + fn_ else 0.0
    print(
        f"{method:<28} P={p:.3f} R={r:.3f} exact={exact / len(pairs):.3f}  {cpu * 1000 / len(pairs):.2f} ms/notice"
    )


def main(argv: list[str]) -> None:
    pairs = [pair for d in argv[1:] for pair in load_pairs(Path(d))]
    print(f"notices: {len(pairs)}")
    import jieba

    start = time.perf_counter()
    jieba.initialize()
    print(f"jieba initialise: {time.perf_counter() - start:.2f}s")
    score("rules", pairs, rule_names)
    score("jieba nr (whole text)", pairs, lambda t: jieba_names(t, sanction_only=False))
    score("jieba nr (sanction sentences)", pairs, lambda t: jieba_names(t, sanction_only=True))
    score("rules ∪ jieba (sanction)", pairs, lambda t: rule_names(t) | jieba_names(t, sanction_only=True))


if __name__ == "__main__":
    main(sys.argv)
