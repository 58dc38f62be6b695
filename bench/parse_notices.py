"""Throughput benchmark for the 通报 parser: notices per second on one core.

Usage: .venv/bin/python bench/parse_notices.py [DIR]   (DIR: extra *.txt notices, e.g. a dev set)
Needs no Django settings.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mingjian.cases.notice import parse_notices

UNITS = ("甲县民政局", "宜春市水利局", "丙镇人民政府", "东坡村", "乙县农业农村局", "某某建设有限公司")
POSTS = ("原局长", "党组书记、局长", "副镇长", "党支部书记", "总经理", "科员")
NAMES = ("张某某", "王某", "李某某", "赵某", "孙某某", "周某")
CONDUCT = (
    "违规收受礼品礼金{amt}",
    "违规公款吃喝，费用{amt}由单位承担",
    "在低保审核中优亲厚友，涉及低保金{amt}",
    "公车私用，油费{amt}由公司承担",
    "对群众诉求推诿扯皮、消极应付",
)
OUTCOMES = (
    "{n}受到党内警告处分",
    "{n}受到党内严重警告处分，违纪所得予以收缴",
    "{n}受到留党察看一年、政务撤职处分",
    "给予{n}开除党籍处分；由监委给予其开除公职处分；将其涉嫌受贿犯罪问题移送检察机关依法审查起诉",
    "{n}受到政务记过处分，并被免职",
)


def synthetic_notice(rng: random.Random, items: int) -> str:
    """A 典型问题通报 with ``items`` numbered cases written from templates."""
    lines = [f"某市纪委监委通报{items}起典型问题。现将有关情况通报如下："]
    for i in range(1, items + 1):
        name = rng.choice(NAMES)
        amt = f"{rng.randint(1, 999) / 10:g}万元"
        conduct = rng.choice(CONDUCT).format(amt=amt)
        outcome = rng.choice(OUTCOMES).format(n=name)
        lines.append(
            f"{i}.{rng.choice(UNITS)}{rng.choice(POSTS)}{name}{conduct}问题。"
            f"2020年至2022年，{name}{conduct}，造成不良影响。{outcome}。"
        )
    lines.append("通报强调，全市各级党组织要引以为戒。")
    return "\n".join(lines)


def load_texts(directory: str | None, count: int = 400) -> list[str]:
    rng = random.Random(20240601)
    texts = [synthetic_notice(rng, 1 if i % 2 else rng.randint(2, 5)) for i in range(count)]
    if directory:
        texts += [p.read_text(encoding="utf-8-sig") for p in sorted(Path(directory).glob("*.txt"))]
    return texts


def long_text(rng: random.Random, chars: int) -> str:
    """One unnumbered text of about ``chars`` characters with many distinct names (worst case)."""
    parts = ["某市纪委监委通报典型问题。"]
    while sum(map(len, parts)) < chars:
        name = (
            rng.choice("王李张刘陈杨黄赵吴周") + rng.choice("伟芳敏静强磊军洋勇杰") + rng.choice("明超平刚华")
        )
        parts.append(
            f"{rng.choice(UNITS)}{rng.choice(POSTS)}{name}违规收受礼金{rng.randint(1, 99)}万元，{name}受到党内警告处分；"
        )
    return "".join(parts)


def bench_long(rng: random.Random) -> None:
    """Seconds per text length: linear means the per-1,000-character figure stays flat."""
    for chars in (7_000, 14_000, 28_000, 57_000):
        text = long_text(rng, chars)
        start = time.process_time()
        parse_notices(text)
        cpu = time.process_time() - start
        print(
            f"long text {len(text):>6,} chars: {cpu:.3f}s cpu, {cpu * 1000 / len(text) * 1000:.2f} ms per 1,000 chars"
        )


def main(argv: list[str]) -> None:
    bench_long(random.Random(7))
    texts = load_texts(argv[1] if len(argv) > 1 else None)
    parse_notices(texts[0])  # warm up
    start, cpu_start = time.perf_counter(), time.process_time()
    cases = sum(len(parse_notices(text)) for text in texts)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"notices: {len(texts)}  cases: {cases}  wall: {elapsed:.3f}s  cpu: {cpu:.3f}s")
    print(f"throughput: {len(texts) / cpu:,.0f} notices/s, {cases / cpu:,.0f} cases/s (CPU time, one core)")
    print(f"wall-clock: {len(texts) / elapsed:,.0f} notices/s (lower when the machine is busy)")


if __name__ == "__main__":
    main(sys.argv)
