"""``manage.py eval_notices DIR`` — score the notice parser against labelled notices.

Labels as NNN.json beside NNN.txt, or ``--labels FILE.jsonl`` (one object per notice, with ``id``)
against the NNN.txt of DIR; ``--manifest`` checks each text's SHA-256 and ``--half`` keeps the
tune (even hash) or held-out (odd hash) half; ``--allow-mismatch FILE`` lists ids whose text differs
from the manifest but was checked by hand against its labels (scored in the manifest's half).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.cases.notice.evaluate import (
    HALVES,
    LabelSetError,
    evaluate_dir,
    evaluate_pairs,
    format_report,
    load_labelled_set,
    read_id_list,
)


class Command(BaseCommand):
    help = "用带标注的通报评估解析器，输出各字段得分与不一致项。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="包含 NNN.txt（及 NNN.json）的目录")
        parser.add_argument("--quiet", action="store_true", help="只输出得分表，不列出不一致项")
        parser.add_argument("--labels", help="标注文件（JSON Lines，每行一篇，含 id），代替目录中的 NNN.json")
        parser.add_argument(
            "--manifest", help="清单文件（JSON Lines：id、url、sha256、form），核对文本的 SHA-256"
        )
        parser.add_argument(
            "--allow-mismatch",
            help="与 --manifest 一起使用：列出 SHA-256 与清单不符、但已逐篇对照标注核对过的文本 id（每行一个，制表符后可写说明）",
        )
        parser.add_argument(
            "--half", choices=HALVES, help="只评 SHA-256 为偶数（tune）或奇数（held-out）的一半"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"目录不存在：{directory}")
        if options["labels"]:
            report, missing = self._from_label_file(directory, options)
            if missing:
                self.stderr.write(f"有 {len(missing)} 篇标注找不到文本：{'、'.join(missing[:10])}")
        elif options["manifest"] or options["half"] or options["allow_mismatch"]:
            raise CommandError("--manifest、--half 与 --allow-mismatch 需要与 --labels 一起使用")
        else:
            report = evaluate_dir(directory)
        if report.files == 0:
            raise CommandError(f"没有可评估的通报（需要成对的 NNN.txt / 标注）：{directory}")
        self.stdout.write(format_report(report, show_mismatches=not options["quiet"]))

    def _from_label_file(self, directory: Path, options: dict[str, Any]) -> tuple[Any, list[str]]:
        labels = Path(options["labels"])
        manifest = Path(options["manifest"]) if options["manifest"] else None
        allowed = Path(options["allow_mismatch"]) if options["allow_mismatch"] else None
        if allowed is not None and manifest is None:
            raise CommandError("--allow-mismatch 需要与 --manifest 一起使用")
        for path in (labels, manifest, allowed):
            if path is not None and not path.is_file():
                raise CommandError(f"文件不存在：{path}")
        try:
            labelled = load_labelled_set(
                directory,
                labels,
                manifest,
                options["half"],
                read_id_list(allowed) if allowed else frozenset(),
            )
        except LabelSetError as exc:
            raise CommandError(str(exc)) from exc
        if labelled.mismatched:
            self.stderr.write(
                f"有 {len(labelled.mismatched)} 篇文本与清单的 SHA-256 不符、按 --allow-mismatch 核对后计分："
                f"{'、'.join(labelled.mismatched)}"
            )
        return evaluate_pairs(labelled.pairs), labelled.missing
