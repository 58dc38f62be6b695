"""Word lists shared by the extractors (surnames, posts, unit suffixes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "公孙",
    "长孙",
    "宇文",
    "夏侯",
    "司徒",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "轩辕",
    "呼延",
    "澹台",
    "万俟",
    "申屠",
    "钟离",
    # Yi (彝族) family names of Liangshan, printed before a Chinese-style given name (沙马建波).
    "沙马",
    "沙玛",
    "阿苏",
    "吉克",
    "曲比",
    "海来",
    "吉伍",
    "俄木",
    "勒格",
    "日火",
)

# Characters that cannot end a person's given name in this genre (verbs and particles that follow it).
NAME_STOP_CHARS = frozenset("在对将把被受因等违收接从与及的了是也还又已曾未仍涉身担室")

# How Tibetan names commonly begin (多杰先, 才让多杰): names with no surname, some of whose
# characters (多, 才) otherwise end a name-like run.
_MINORITY_NAME_HEAD_TEXT = """多杰 多吉 才让 扎西 尼玛 达瓦 旦增 丹增 格桑 索朗 次仁 洛桑 拉巴 普布 央金 卓玛 德吉
    阿旺 桑杰 更登 仁青 公保 加措 嘉措 完玛 吉美 才旦 贡保 华旦 周加 多布 然丁"""
MINORITY_NAME_HEADS = frozenset(_MINORITY_NAME_HEAD_TEXT.split())

# Words that follow a name at its first mention (the problem summary or the verb).
NAME_FOLLOWERS = (
    "严重违纪违法",
    "涉嫌",
    "违规",
    "违反",
    "违纪",
    "利用",
    "收受",
    "接受",
    "套取",
    "侵占",
    "贪污",
    "挪用",
    "公车",
    "公款",
    "失职",
    "履职",
    "履行",
    "因",
    "给予",
    "不担当",
    "不作为",
    "在",
    "于",
    "等",
    "问题",
    "从事",
    "多次",
    "先后",
    "擅自",
    "借",
    "对",
    "为",
    "虚报",
    "冒领",
    "骗取",
    "截留",
    "私分",
    "弄虚作假",
    "滥用",
    "玩忽",
    "搞",
    "大操大办",
    "酒驾",
    "醉驾",
    "酒后",
    "醉酒",
    "饮酒后",
    "组织",
    "参与",
    "安排",
    "要求",
    "指使",
    "默许",
    "工作",
    "同志",
    "受到",
    "被",
    "负有",
    "长期",
    "经常",
    "本人",
    "还",
    "将",
    "以",
    "作为",
    "二人",
    "两人",
    "三人",
    "四人",
    "五人",
    *(f"{n}人" for n in range(2, 10)),
    "两名",
    "三名",
    "四名",
    "均",
    "分别",
    "及其",
    "与家人",
    "和",
    "（",
    "，",
    "。",
    "（",
    "、",
)

# Staff posts (also POST_WORDS): whoever holds one is no cadre of a rank (级别 other).
STAFF_POSTS = (
    "保管员",
    "收费员",
    "管理员",
    "核算员",
    "业务员",
    "营业员",
    "柜员",
    "司机",
    "辅导员",
    "班主任",
    "医师",
    "药剂师",
    "协警",
    "兽医",
    "防疫员",
    "专干",
    "联络员",
    "信息员",
    "护林员",
    "安全员",
    "质检员",
    "检验员",
    "稽查员",
    "执法队员",
    "审批员",
    "操作员",
    "保安员",
    "调度员",
    "收银员",
    "讲师",
    "研究员",
    "副研究员",
    "记账员",
    "资料员",
)

# Post words (longest first when matched). Used to find where a position starts and ends.
POST_WORDS = (
    "党组书记",
    "党委书记",
    "党委副书记",
    "党组副书记",
    "党工委书记",
    "党工委副书记",
    "党工委委员",
    "纪工委书记",
    "党支部书记",
    "党支部副书记",
    "党支部委员",
    "党总支书记",
    "党组成员",
    "党委委员",
    "党委常委",
    "常委",
    "副书记",
    "书记",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副局长",
    "局长",
    "副县长",
    "县长",
    "副区长",
    "区长",
    "副市长",
    "市长",
    "副省长",
    "省长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副厅长",
    "厅长",
    "副部长",
    "部长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "副股长",
    "股长",
    "副所长",
    "所长",
    "副站长",
    "站长",
    "副院长",
    "院长",
    "副校长",
    "校长",
    "副行长",
    "行长",
    "副经理",
    "总经理",
    "经理",
    "董事长",
    "副董事长",
    "董事",
    "监事",
    "副司长",
    "司长",
    "总队长",
    "副总队长",
    "支队长",
    "团长",
    "副团长",
    "理事长",
    "副师长",
    "师长",
    "副总经理",
    "副总裁",
    "总裁",
    "安全总监",
    "副会长",
    "会长",
    "干事",
    "组织委员",
    "宣传委员",
    "小组长",
    "工程师",
    "指挥长",
    "副指挥长",
    "总指挥",
    "副总指挥",
    "单元长",
    "副秘书长",
    "秘书长",
    "检察长",
    "副检察长",
    "庭长",
    "副庭长",
    "队长",
    "副队长",
    "组长",
    "副组长",
    "会计",
    "出纳",
    "文书",
    "报账员",
    "委员",
    "一级巡视员",
    "二级巡视员",
    "副巡视员",
    "巡视员",
    "一级调研员",
    "二级调研员",
    "三级调研员",
    "四级调研员",
    "调研员",
    "主任科员",
    "科员",
    "员工",
    "职工",
    "工作人员",
    "干部",
    "网格员",
    "协管员",
    "负责人",
    "法定代表人",
    "法人代表",
    "实际出资人",
    "实际控制人",
    "馆长",
    "社长",
    "厂长",
    "主管",
    "护士长",
    "医生",
    "教师",
    "法官",
    "检察官",
    "审判员",
    "书记员",
    "执行员",
    "民警",
    "辅警",
    "村医",
    "驾驶员",
    "专员",
    "审计员",
    "监察员",
    "统计员",
    "信贷员",
    "客户经理",
    "大队长",
    "中队长",
    "指导员",
    "教导员",
    "政委",
    "总监",
    "总工程师",
    "总会计师",
    "总规划师",
    "总经济师",
    "职员",
    "党员",
    # Staff posts (级别 other) and heads of small units, as notices print them before a name.
    "网格长",
    "监事长",
    "审计长",
    "督察长",
    "警长",
    "党小组长",
    "副主任科员",
    *STAFF_POSTS,
    "村支书",
    "支书",
    "副园长",
    "园长",
    "副教授",
    "教授",
)


def word_alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, written as a trie (党(?:委(?:书记|…)|…)):
    the engine tests one branch per character instead of every word at every position."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def occurrences(text: str, word: str, start: int = 0) -> list[int]:
    """Where ``word`` occurs in ``text`` from ``start`` (non-overlapping, like re.finditer on the
    escaped word, without building a pattern per name)."""
    found: list[int] = []
    at = text.find(word, start) if word else -1
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found


_POST_SET = frozenset(POST_WORDS)
_POST_LENGTHS = sorted({len(w) for w in POST_WORDS}, reverse=True)
_POST_LAST_CHARS = frozenset(w[-1] for w in POST_WORDS)


def post_suffix(text: str) -> str:
    """The longest post word ``text`` ends with ('' if none): a few set lookups, where an
    alternation of every post anchored at the end would be tried at every position."""
    if not text or text[-1] not in _POST_LAST_CHARS:
        return ""
    for size in _POST_LENGTHS:
        if len(text) >= size and text[-size:] in _POST_SET:
            return text[-size:]
    return ""


# Two-character words that start with a surname character but are not names.
_NOT_NAME_WORDS = """
    党内 党纪 党员 党组 党委 党支 党政 党风 党性 严重 严肃 严格 时任 时间 时期 期间
    全部 全市 全县 全区 全省 全面 单位 高档 高尔 金额 公款 公车 公司 公务 公职 公开
    方面 项目 其他 相关 相应 原因 原任 明知 向其 连续 管理 安排 安全 和其 于是 余元
    万元 余万 于年 程序 程度 成员 成本 左右 关于 关系 文件 龙头 平台 江湖 卫生 谷物
    车辆 宋体 武装 黄金 白酒 红包 华为 强制 任职 任期 任务 路费 路线 费用 经费 宣传
    包括 包庇 宁可 向上 常委 常务 常住 常年 林地 林业 水利 农业 雷同 钱款 钱物 钱财
    计划 计算 计入 史上 史料 易地 上级 尚未 齐全 乔装 左侧 钟点 鲁莽 乐意 利用 毛利
    米面 谈话 许可 许多 于其 苏醒 金融 金条 信访 信息 信用 冷库 应当 应急 应予 应该
    国家 国有 国库 国务 能源 强调 强化 通过 干部 干事 同志 和其 于此 于同 成立 成为 连同 向组 时期
    于当 任上 上述 常态 施工 文化 宣传 经营 经济 金额 全额 党群 管护
    应付 简单 项目 解决 高档 高消 安装 时任 原任 原主 原副 原党 原总 原处 原村 原局 原县 原市 原镇 原乡 原科
    但最 但是 但在 但其 但仍 但未 但因
"""
NOT_NAME_PREFIXES = frozenset(_NOT_NAME_WORDS.split())

_COUNT_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
COUNT_RE = r"[两二三四五六七八九十]|\d{1,2}"


def count_value(raw: str) -> int:
    """The number a head count is printed with (两, 九, 12)."""
    return int(raw) if raw.isdigit() else _COUNT_NUMERALS[raw]


# Prefecture-level cities (地级市, without 市). A 市 not listed is read as a county-level city.
_PREFECTURE_CITY_NAMES = """
    石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治
    晋城 朔州 晋中 运城 忻州 临汾 吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔
    巴彦淖尔 乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳
    葫芦岛 长春 吉林 四平 辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆
    伊春 佳木斯 七台河 牡丹江 黑河 绥化 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城
    扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 合肥
    芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州
    厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安
    宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州
    聊城 滨州 菏泽 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳
    商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州
    长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 广州 韶关 深圳
    珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州
    揭阳 云浮 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
    海口 三亚 三沙 儋州 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山
    宜宾 广安 达州 雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 昆明 曲靖 玉溪 保山
    昭通 丽江 普洱 临沧 拉萨 日喀则 昌都 林芝 山南 那曲 西安 铜川 宝鸡 咸阳 渭南 延安
    汉中 榆林 安康 商洛 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南
    西宁 海东 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 莱芜
"""
# Checked against the 2020 administrative-division table of the ``cpca`` wheel (not a dependency:
# it needs pandas): 莱芜 was a prefecture until 2019. County-level cities whose name ends in a
# prefecture's (峨眉山 in 眉山) are listed so the suffix test does not promote them.
PREFECTURE_CITIES = frozenset(_PREFECTURE_CITY_NAMES.split())
COUNTY_CITIES_LIKE_PREFECTURES = frozenset({"峨眉山"})
MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
# 副省级城市: their districts rank as 副厅级 (a municipality's as 厅级), a level above a county.
SUB_PROVINCIAL_CITIES = frozenset(
    {
        "哈尔滨",
        "长春",
        "沈阳",
        "大连",
        "济南",
        "青岛",
        "南京",
        "杭州",
        "宁波",
        "厦门",
        "武汉",
        "广州",
        "深圳",
        "成都",
        "西安",
    }
)
