"""Seed list of problem types (reference data): (category, name, field, keywords)."""

from __future__ import annotations

PROBLEM_TYPES: list[tuple[str, str, str, str]] = [
    ("approval", "审核把关不严", "", "审核|把关|审批|核查不严"),
    ("approval", "低保等救助对象认定不准", "civil_affairs", "低保|救助|特困|优亲厚友|人情保|关系保"),
    ("approval", "入户调查和民主评议流于形式", "civil_affairs", "入户调查|民主评议|公示"),
    ("funds", "资金发放管理不规范", "", "资金发放|发放|冒领|套取|截留"),
    ("funds", "财政资金拨付监管不严", "finance", "拨付|财政资金|专项资金"),
    ("funds", "政府采购程序不规范", "finance", "政府采购|采购|招投标"),
    ("integrity", "违规收受礼品礼金", "", "礼品|礼金|购物卡|消费卡|红包"),
    ("integrity", "违规吃喝和接受宴请", "", "宴请|吃喝|公款"),
    ("integrity", "利用职权为亲属谋利", "", "亲属|特定关系人|谋利|谋取利益"),
    ("style", "形式主义官僚主义", "", "形式主义|官僚主义|层层加码|过度留痕"),
    ("style", "侵害群众利益", "", "群众利益|吃拿卡要|推诿"),
    ("rules", "制度缺失或不健全", "", "制度|办法|规定|建立健全|修订完善"),
    ("rules", "制度执行不到位", "", "执行|落实不到位"),
    ("supervision", "内部监督缺位", "", "监督|抽查|复核|制约"),
    ("supervision", "权力运行风险防控不力", "", "风险|权力运行"),
    ("responsibility", "主体责任落实不力", "", "主体责任|党组|全面从严治党"),
    # Stock work of every 建议书 (an action to take, not a class of problem; never recurrence).
    ("action", "警示教育", "", ""),
    ("action", "举一反三自查自纠", "", ""),
    # A 专项行动 phase (动员部署, 学习教育 …) each target unit carries out.
    ("action", "专项行动阶段任务", "", ""),
    ("other", "其他问题", "", ""),
]
