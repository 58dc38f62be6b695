"""Conduct: violations, disciplines (stated or inferred), 八项规定, named duty crimes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import DISCIPLINES

_STATED_RE = re.compile(r"(政治|组织|廉洁|群众|工作|生活)(?:人事)?纪律")
_CHARACTERISATION_RE = re.compile(r"严重违反(?:了)?党的[^。；]{0,40}纪律")

# 形式主义、官僚主义 (counted under 中央八项规定精神 and 工作纪律), as the notices describe it.
FORMALISM = (
    r"形式主义|官僚主义|层层加码|过度留痕|痕迹主义|文山会海|会议过多|过多过频|督查检查考核过多|检查考评过多"
    r"|加重基层负担|增加基层(?:干部)?负担|基层负担|不切实际|脱离实际|照搬照抄|重复转发|简单化|一刀切|应付式|敷衍应付"
    r"|不作为[、，]?慢作为|慢作为|乱作为|假作为|为官不为|弄虚作假|作风漂浮|浮于表面|流于形式|走过场"
    r"|打卡式|作秀|虚假整改|假整改|表面整改|敷衍整改|急功近利|好大喜功|搞变通|打折扣|(?:加重|增加)[^，。]{0,6}负担|无谓耗费"
    r"|(?:要求|强制)[^，。]{0,12}(?:投票|点赞|刷票|转发|下载)"
)
# Vanity projects: 群众纪律 (劳民伤财), and 八项规定 as formalism.
VANITY = r"面子工程|政绩工程|形象工程|盆景|劳民伤财"
_WASTE = r"挥霍浪费|铺张浪费|过紧日子"
# Subsidies paid to the people (高龄补贴, 低保金 …): taking them is 群众纪律, not a 八项规定 津补贴.
_PEOPLES_BENEFITS = (
    r"高龄|残疾|低保|危房|救助|救灾|养老|独生子女|地力|粮食|农机|惠农|耕地|困难|五保|特困|优抚|丧葬|生态|退耕"
)
# A lone 不作为 (in 疫情防控, in 环保) and 敷衍塞责 are failures of duty (失职): 工作纪律 without
# 八项规定; the 不作为、慢作为、乱作为 of a 典型问题 list and 为官不为 are bureaucratism (FORMALISM).
_DUTY_FAILURE = (
    r"[^，。；]{0,12}(?<!规定精神)不力|失职失责|不到位|把关不严|审核不严|不作为|敷衍塞责"
    r"|监管失职|疏于(?:监督|管理|监管)"
)


@dataclass(frozen=True)
class Conduct:
    """Wording of one kind of conduct, the discipline a 纪委 files it under (《中国共产党纪律处分
    条例》's six), and whether it breaks the 中央八项规定精神 — one table, so the two readings of
    a notice can never drift apart."""

    pattern: str
    discipline: str | None
    eight_point: bool = False


# 享乐主义、奢靡之风 (八项规定) are 廉洁纪律; 形式主义、官僚主义 (八项规定 too) are 工作纪律, or
# 群众纪律 where they hurt the people directly; the rest break a discipline without 八项规定.
CONDUCT: tuple[Conduct, ...] = (
    Conduct(
        r"对抗组织(?:审查|调查)|提供虚假情况|串供|转移赃款|销毁证据|伪造证据|对党不忠诚|两面派|迷信|信鬼神|妄议|团团伙伙|结党营私"
        r"|两个维护|(?:企图|试图)掩盖",
        "政治纪律",
    ),
    Conduct(
        r"个人有关事项|如实说明|如实报告|选人用人|用人导向|违规提拔|干部选拔任用|非组织活动|民主集中制|档案造假|出入境证件|拉票|贿选"
        r"|招录|招聘中|违规决策|未经集体研究",
        "组织纪律",
    ),
    Conduct(
        r"礼品|礼金|消费卡|购物卡|红包|宴请|吃喝|大吃大喝|公车|公务用车|私车公养|公务车辆|公款旅游|旅游安排|安排旅游|旅游活动|高尔夫"
        r"|津补贴|违规发放(?![^，。]{0,6}(?:"
        + _PEOPLES_BENEFITS
        + r"))[^，。]{0,6}(?:福利|奖金|补贴|补助)|婚丧喜庆|大操大办|超标准[^，。]{0,4}接待|超范围接待|私人会所|办公用房"
        r"|(?:工作日|工作时间|午间|中午)[^，。]{0,6}饮酒|违规饮酒|违规报销|报销[^，。]{0,8}(?:个人|私人|家庭)[^，。]{0,4}费用"
        r"|楼堂馆所|公款[^，。]{0,6}(?:送礼|宴请|报销|消费|旅游|出国|出境)|借用[^，。]{0,12}车辆|聚餐饮酒"
        r"|(?:擅自)?变更[^，。]{0,6}(?:出访|行程|路线)|参观游览|(?:提供|接受)[^，。]{0,14}(?:住宿|客房)"
        r"|套取[^。；]{0,24}发放[^，。]{0,8}补(?:贴|助)|(?:违规|套取|巧立名目)[^，。]{0,12}(?:发放|领取)"
        r"(?![^，。]{0,8}(?:" + _PEOPLES_BENEFITS + r"))[^，。]{0,8}(?:补(?:贴|助)|津贴|福利|奖金)"
        r"|过节费|节日福利|收受[^，。；]{0,10}微信|" + _WASTE,
        "廉洁纪律",
        eight_point=True,
    ),
    # 以权谋私: 权钱交易, favours for relatives in public works, money taken from the office.
    Conduct(
        r"营利活动|经商办企业|民间借贷|(?:由|让)[^，。]{1,12}支付|谋取私利|权钱交易|钱色交易|权权交易|特权"
        r"|收受[^，。]{0,12}(?:财物|好处费|现金|贿赂|回扣|股份|干股)|回扣|索要|套取[^，。]{0,16}(?:公款|资金)"
        r"|挪用[^，。；]{0,20}(?:个人|本人|家庭|私人|拒不归还)|侵吞|虚开发票|虚列[^，。]{0,8}支出|私分[^，。]{0,10}(?:资金|公款)"
        r"|(?:编造虚假|虚假)[^，。]{0,8}报账|赠送[^，。]{0,4}财物"
        r"|违规发包|发包给|承揽[^，。]{0,8}工程|插手[^，。]{0,8}工程|为[^，。]{0,6}亲属[^，。]{0,6}谋"
        r"|小金库|私分|收受[^，。]{0,12}钱物|挪用[^，。]{0,10}(?:集体|租金)|受贿|升学宴|谢师宴|消费券",
        "廉洁纪律",
    ),
    Conduct(r"漠视群众|推诿扯皮|消极应付|" + VANITY, "群众纪律", eight_point=True),
    # 侵害群众利益: benefits and fees of the people.
    Conduct(
        r"低保|优亲厚友|人情保|关系保|危房改造|扶贫|救助|救济|吃拿卡要|雁过拔毛|侵害群众利益|群众诉求|摊派|筹资筹劳"
        r"|盲目[^，。]{0,4}上项目|盲目(?:引进|决策)|克扣|惠农|惠民|补偿款|贫困户|公益性岗位|乱收费"
        r"|违规[^，。]{0,6}收取[^，。]{0,12}费|强制[^，。]{0,10}收取|冒领|截留|直补"
        r"|违规收费|强制[^，。]{0,10}(?:订购|购买|征订)|春荒|冬令|一卡通"
        r"|(?:" + _PEOPLES_BENEFITS + r")[^，。]{0,4}(?:补贴|补助|资金|金)",
        "群众纪律",
    ),
    Conduct(FORMALISM, "工作纪律", eight_point=True),
    # 失职失责: what 问责 answers for, 事故 and 事件 included.
    Conduct(
        r"失职|渎职|履职不力|不正确履行职责|未认真履行|不认真履行|数据造假|统计造假|干预插手|插手干预|泄露|不担当"
        r"|监管不力|(?:上班|工作时间|在岗|值班|(?:办公室|办公楼|信访办|机关|单位)[里内中])[^。；]{0,40}?"
        r"(?:打麻将|打牌|打扑克|玩[^，。]{0,4}游戏|打游戏|看电影|看股|炒股)"
        r"|脱岗|缺岗|离岗|未按时到岗|不在岗|(?:主体|监管|监督)责任[^，。；]{0,8}(?:不力|缺失|不到位)|擅离职守|干预[^，。]{0,10}工作|擅自变更[^，。]{0,10}用途|(?:事故|事件)[^。]{0,30}问责|问责[^。]{0,40}(?:事故|事件)|"
        + _DUTY_FAILURE,
        "工作纪律",
    ),
    Conduct(
        r"生活奢靡|贪图[^，。；]{0,2}享乐|低级趣味|不正当性关系|道德败坏|公序良俗|家风(?:不正|败坏)|失管失教|玩物丧志"
        r"|带彩",
        "生活纪律",
    ),
    Conduct(r"八项规定|享乐主义|奢靡", None, eight_point=True),
)
_CONDUCT_RES = tuple((c, re.compile(c.pattern)) for c in CONDUCT)

DUTY_CRIMES = (
    "利用影响力受贿",
    "对有影响力的人行贿",
    "非国家工作人员受贿",
    "对非国家工作人员行贿",
    "单位受贿",
    "单位行贿",
    "巨额财产来源不明",
    "隐瞒境外存款",
    "国有公司人员滥用职权",
    "国有公司人员失职",
    "国有企业人员滥用职权",
    "违规出具金融票证",
    "违法发放贷款",
    "非法经营同类营业",
    "为亲友非法牟利",
    "私分国有资产",
    "徇私枉法",
    "徇私舞弊",
    "挪用公款",
    "挪用资金",
    "职务侵占",
    "介绍贿赂",
    "贪污",
    "受贿",
    "行贿",
    "滥用职权",
    "玩忽职守",
    "内幕交易",
    "泄露内幕信息",
    "签订、履行合同失职被骗",
)
_CRIME_RE = re.compile("|".join(re.escape(c) for c in sorted(DUTY_CRIMES, key=len, reverse=True)))
_CRIME_CLAUSE_RES = (
    re.compile(r"涉嫌([^。；，]{1,40}?)(?:犯罪|罪)"),
    re.compile(r"([^。；，]{1,20}?)问题涉嫌犯罪"),
    re.compile(r"构成([^。；，]{1,30}?)罪"),
    re.compile(r"以([^。；，]{1,20}?)罪(?:被)?(?:判处|提起公诉|判决|追究|立案)"),
    re.compile(r"因(?:犯)?([^。；，]{1,20}?)罪"),
    re.compile(r"因([^。；，]{1,20}?)(?:等)?(?:违纪违法|违法犯罪)?(?:问题)?被(?:立案|查处|判处|逮捕|移送)"),
    re.compile(r"([^。；，]{1,12}?)案(?:一审|二审|宣判|开庭|公开审理|被提起公诉)"),
    # A crime name in the sentence that sends the case to the prosecutors (「玩忽职守」…移送司法机关).
    re.compile(r"([^。；]{1,80})移送(?:至|到)?(?:司法机关|检察机关|人民检察院)"),
)

_VIOLATION_VOCAB: tuple[tuple[str, str], ...] = (
    (r"对抗组织审查", "对抗组织审查"),
    (r"对党不忠诚", "对党不忠诚不老实"),
    (r"迷信|信鬼神", "搞迷信活动"),
    (r"收受[^，。；]{0,24}(?:礼品|礼金|红包)", "违规收受礼品礼金"),
    (r"收受[^，。；]{0,24}(?:消费卡|购物卡|储值卡|加油卡)", "收受购物卡消费卡"),
    (r"宴请", "接受宴请"),
    (r"公款吃喝|违规吃喝", "公款吃喝"),
    (r"公车私用", "公车私用"),
    (r"配备[^，。；]{0,6}公车|违规[^，。；]{0,4}公务用车", "违规配备使用公车"),
    (r"公款旅游|旅游安排|安排[^，。；]{0,12}旅游", "接受旅游安排"),
    (r"高尔夫", "违规打高尔夫球"),
    (r"违规发放[^，。；]{0,8}(?:津补贴|补贴|福利|奖金)", "违规发放津补贴"),
    (r"婚丧喜庆|大操大办", "违规操办婚丧喜庆事宜"),
    (r"个人有关事项", "不按规定报告个人有关事项"),
    (r"不如实(?:向组织)?说明", "不如实向组织说明问题"),
    (r"营利活动|经商办企业", "违规从事营利活动/经商办企业"),
    (r"钱色交易", "钱色交易"),
    (r"索要", "索要财物"),
    (r"生活奢靡", "生活奢靡"),
    (r"不正当性关系", "与他人发生不正当性关系"),
    (r"优亲厚友|人情保|关系保", "优亲厚友"),
    (r"低保", "违规办理低保"),
    (r"推诿扯皮|消极应付", "对群众诉求推诿扯皮、消极应付"),
    (r"漠视群众", "漠视群众利益"),
    (r"形式主义", "形式主义"),
    (r"官僚主义", "官僚主义"),
    (r"失职失责|履职不力", "失职失责"),
    (r"政绩工程|形象工程", "搞政绩工程形象工程"),
    (r"(?:还)?(?:存在)?其他(?:严重)?违纪(?:违法)?问题", "其他违纪违法问题"),
)
_VIOLATION_RES = tuple((re.compile(p), label) for p, label in _VIOLATION_VOCAB)
_MIN_SPLIT_CHARS = 4
_MIN_LABEL_CHARS = 2
_PAREN_RE = re.compile(r"^（[^）]{0,12}）")
_SUMMARY_END_RE = re.compile(r"^([^。]{2,80}?)(?:等)?问题[。：]")


def stated_disciplines(text: str) -> list[str]:
    found = {m.group(1) + "纪律" for m in _STATED_RE.finditer(text)}
    return [d for d in DISCIPLINES if d in found]


# A call to fight a style problem is no conduct of the case: 坚决反对和克服形式主义、官僚主义,
# 持续纠治享乐主义、奢靡之风.
_CALL_CLAUSE_RE = re.compile(
    r"[^，。；：！\n]*(?:反对|克服|纠治|整治|纠正|防止|力戒|破除|杜绝|纠“四风”)(?:和|、|并)?(?:克服|纠正|整治)?"
    r"(?:形式主义|官僚主义|享乐主义|奢靡之风|“四风”)[^，。；：！\n]*"
)


@lru_cache(maxsize=8)
def _matched(text: str) -> tuple[Conduct, ...]:
    """The conduct rows whose wording the text holds (one pass serves disciplines and 八项规定)."""
    facts = _CALL_CLAUSE_RE.sub("", text) if "主义" in text or "四风" in text else text
    return tuple(c for c, pattern in _CONDUCT_RES if pattern.search(facts))


def inferred_disciplines(text: str) -> list[str]:
    found = {c.discipline for c in _matched(text) if c.discipline}
    return [d for d in DISCIPLINES if d in found]


def inferred_marks(text: str) -> list[str]:
    """The disciplines that the text does not name but its conduct implies (for the confirm page)."""
    stated = set(stated_disciplines(text))
    return [d for d in disciplines(text)[0] if d not in stated]


# A 问责 for something that went wrong under a person's watch, when no other conduct is
# printed, is a failure of duty: 工作纪律 (the 纪委 files 失职失责 there).
_ACCOUNTABILITY_RE = re.compile(
    r"追责程序|问责程序|责任追究|追究[^，。；]{0,8}责任|启动问责|追责问责|一案双查|(?:进行了?|予以|被|严肃|受到)问责"
    r"|问责(?:处理|情况)|负有[^，。；]{0,6}(?:领导|直接|主要|重要)责任"
)


def disciplines(text: str) -> tuple[list[str], str]:
    """(disciplines, source) — stated ones win when the text characterises the case itself."""
    stated = stated_disciplines(text)
    if stated and _CHARACTERISATION_RE.search(text):
        return stated, "stated"
    inferred = inferred_disciplines(text)
    if not stated and not inferred and _ACCOUNTABILITY_RE.search(text):
        return ["工作纪律"], "inferred"
    merged = [d for d in DISCIPLINES if d in stated or d in inferred]
    if not stated:
        return merged, "inferred" if merged else ""
    return merged, "stated" if merged == stated else "mixed"


def eight_point_rules(text: str) -> bool:
    return any(c.eight_point for c in _matched(text))


def duty_crimes(text: str) -> list[str]:
    """Crimes the text names (涉嫌受贿犯罪, 受贿问题涉嫌犯罪 …), in order."""
    found: list[str] = []
    if not _CRIME_RE.search(text):
        return found  # no crime's name anywhere: none of the clauses below can name one
    for pattern in _CRIME_CLAUSE_RES:
        for m in pattern.finditer(text):
            for crime in _CRIME_RE.findall(m.group(1)):
                if crime not in found:
                    found.append(crime)
    return found


def _summary_labels(text: str, names: list[str]) -> list[str]:
    """Labels from an item heading ``[单位职务][姓名][概括]问题。``."""
    heading = text.split("。", 1)[0]
    ends = [heading.find(n) + len(n) for n in names if n and heading.find(n) >= 0]
    if not ends:
        return []
    m = _SUMMARY_END_RE.match(_PAREN_RE.sub("", text[max(ends) :]))
    if not m:
        return []
    labels: list[str] = []
    for part in re.split(r"[，；]", m.group(1)):
        pieces = part.split("、")
        if len(pieces) > 1 and all(len(p) >= _MIN_SPLIT_CHARS for p in pieces):
            labels.extend(pieces)
        elif part:
            labels.append(part)
    return [label.removesuffix("等") for label in labels if len(label) >= _MIN_LABEL_CHARS]


def _overlaps(label: str, existing: list[str]) -> bool:
    chars = set(label)
    return any(len(chars & set(e)) * 2 >= min(len(chars), len(set(e))) * 1.5 for e in existing)


def violations(text: str, names: list[str], crimes: list[str]) -> list[str]:
    """Short Chinese labels of the conduct."""
    labels = _summary_labels(text, names)
    for pattern, label in _VIOLATION_RES:
        if pattern.search(text) and not _overlaps(label, labels):
            labels.append(label)
    labels.extend(c for c in crimes if c not in labels)
    return labels
