"""The seed list of violation types (reference data): (discipline, name, keywords, 八项规定).

Loaded by a data migration; administrators may extend the table later. Keywords are matched
against the parser's violation labels and the 通报 sentences."""

from __future__ import annotations

VIOLATION_TYPES: list[tuple[str, str, str, bool]] = [
    ("political", "对抗组织审查", "对抗组织审查|串供|转移赃款|隐匿|销毁证据|伪造证据|提供虚假情况", False),
    ("political", "贯彻落实决策部署不力", "决策部署不力|搞变通|打折扣", False),
    ("political", "对党不忠诚不老实", "不忠诚不老实|两面派|两面人", False),
    ("political", "搞团团伙伙", "团团伙伙|结党营私|七个有之", False),
    ("political", "妄议党中央大政方针", "妄议|不当言论", False),
    ("political", "搞迷信活动", "迷信|信鬼神", False),
    ("organizational", "不按规定报告个人有关事项", "报告个人有关事项|瞒报", False),
    ("organizational", "不如实向组织说明问题", "不如实向组织说明|不如实说明", False),
    ("organizational", "违规选人用人", "选人用人|干部选拔任用|提拔调整|拉票", False),
    ("organizational", "违反民主集中制", "民主集中制|个人说了算", False),
    ("organizational", "违规办理持有因私出入境证件", "出入境证件|因私出国", False),
    ("organizational", "在招录招聘中为他人谋利", "招录|招聘", False),
    ("integrity", "违规收受礼品礼金", "礼品|礼金|消费卡|购物卡|红包", True),
    ("integrity", "违规接受宴请", "宴请|吃喝|内部食堂", True),
    ("integrity", "公款旅游或接受旅游安排", "旅游|旅行", True),
    ("integrity", "违规配备使用公车", "公车|公务用车|车辆", True),
    ("integrity", "违规发放津补贴或福利", "津补贴|津贴|补贴|福利|奖金", True),
    ("integrity", "违规操办婚丧喜庆事宜", "婚丧喜庆|操办|升学宴", True),
    ("integrity", "违规占用办公用房住房", "办公用房|住房", True),
    ("integrity", "违规从事营利活动", "营利活动|经商办企业|入股|兼职取酬", False),
    ("integrity", "利用职权为亲属谋利", "为亲属|特定关系人|承揽工程|亲友", False),
    ("integrity", "权权交易或利用职务影响谋利", "谋取利益|谋利|权权交易|职务影响", False),
    ("mass", "在社会救助中优亲厚友", "优亲厚友|低保|人情保|关系保|救助|救济|特困|扶贫", False),
    ("mass", "侵害群众利益", "侵害群众|吃拿卡要|雁过拔毛|截留|克扣|套取|冒领", False),
    ("mass", "违规向群众摊派", "摊派|筹资筹劳|乱收费", False),
    ("mass", "搞政绩工程形象工程", "政绩工程|形象工程|劳民伤财|盲目上项目", False),
    ("work", "形式主义官僚主义", "形式主义|官僚主义|层层加码|过度留痕|数据造假|文山会海", False),
    ("work", "履职不力失职失责", "履职不力|失职|失责|不正确履行职责|监管不力|审核把关不严", False),
    ("work", "主体责任落实不力", "主体责任", False),
    ("work", "违规干预插手", "干预|插手", False),
    ("work", "泄露秘密", "泄露", False),
    ("life", "生活奢靡追求低级趣味", "奢靡|享乐|低级趣味|玩物丧志", False),
    ("life", "与他人发生不正当性关系", "不正当性关系|不正当关系", False),
    ("life", "家风不正", "家风|失管失教", False),
]
