"""Item titles for demo columns: realistic, deterministic and (for documents) unique within a column.

A title is a combination of a topic, a format and, for dated series, the item's year or month. The
combination is a mixed-radix reading of the item index (plus a per-column salt), so consecutive items
differ and no two policy documents, notices or guides of a column share a title (解读 and search are
matched on titles).
"""
from __future__ import annotations

from datetime import date

from govinspect.demo.prose import GIVEN, SURNAMES, TOPICS

ACTIONS = (
    "召开{t}工作推进会", "部署{t}重点工作", "开展{t}专项检查", "召开{t}专题会议", "推进{t}工作落实",
    "组织{t}业务培训", "督导{t}工作开展情况", "召开{t}工作调度会", "开展{t}集中宣传活动",
    "召开{y}年{t}工作会议", "调研{t}工作", "召开{t}现场推进会", "开展{t}“回头看”", "举办{t}知识讲座",
)
NOTICES = (
    "关于做好{y}年{t}工作的通知", "关于开展{t}专项行动的通知", "关于{t}工作有关事项的公告",
    "关于{t}项目的公示", "关于印发{y}年{t}工作要点的通知", "关于调整{t}工作领导小组成员的通知",
    "关于{t}工作检查情况的通报", "关于组织申报{y}年{t}项目的通知",
)
POLICY_NOUNS = ("实施方案", "管理办法", "工作方案", "行动计划", "实施细则", "若干措施", "考核办法")
POLICIES = (      # every format names the document (《…》) so 解读 titles can point at it
    "{u}关于印发《{p}{t}{n}》的通知", "{u}办公室关于印发《{p}{y}年{t}{n}》的通知",
    "{u}关于印发《{p}{t}{n}（修订）》的通知", "{u}关于转发《{t}{n}》的通知",
)
PERSONNEL = (
    "关于{n}等同志任职的通知", "关于{n}同志免职的通知", "{u}{y}年公开招聘工作人员公告（第{k}批）",
    "{u}干部任前公示（{n}等{k}人）", "{u}{y}年拟聘用人员名单公示（第{k}批）",
)
PLANNING = ("{u}{y}年{t}工作要点", "{u}{y}年{t}工作计划", "{u}{y}年上半年{t}工作总结", "{u}{y}年{t}项目投资计划",
            "{u}{t}专项规划（{y}—{z}年）")
FINANCE = ("{u}{y}年{m}月财政收支情况", "{u}{y}年{m}月财政专项资金分配情况公示", "{u}{y}年{m}月政府采购信息公开",
           "{u}{y}年{m}月“三公”经费支出情况")
STATISTICS = ("{u}{y}年{m}月主要统计数据", "{p}{y}年{m}月国民经济运行情况")
INTERVIEWS = ("“{t}”在线访谈", "聚焦{t}——{u}负责人做客在线访谈", "{t}政策解答在线访谈")
SURVEYS = ("关于《{t}实施办法（征求意见稿）》公开征求意见的公告", "{t}满意度问卷调查", "{t}工作意见建议征集")
MESSAGES = ("关于{t}有关问题的咨询", "反映{t}工作中存在的问题", "咨询{t}相关政策", "对{t}工作的建议")
SERVICE_ITEMS = ("居民身份证换领", "城乡居民基本养老保险参保登记", "最低生活保障申请", "建设工程规划许可证核发",
                 "林木采伐许可证核发", "食品经营许可", "教师资格认定", "残疾人证办理", "不动产登记",
                 "个体工商户设立登记", "医师执业注册", "道路运输经营许可", "取水许可", "排污许可证核发",
                 "建筑工程施工许可证核发", "户外广告设置许可", "临时救助申请", "高龄津贴申领", "就业失业登记",
                 "社会保障卡申领", "药品零售企业许可", "公共场所卫生许可", "烟花爆竹经营许可", "农药经营许可")
SERVICE_VARIANTS = ("", "（变更）", "（延续）", "（注销）", "（补办）")

FORMATS = {"news": ACTIONS, "special": ACTIONS, "notice": NOTICES, "policy": POLICIES,
           "personnel": PERSONNEL, "planning": PLANNING, "finance": FINANCE, "statistics": STATISTICS,
           "interview": INTERVIEWS, "survey": SURVEYS, "consultation": MESSAGES}


def digits(index: int, salt: int, sizes: tuple[int, ...]) -> tuple[int, ...]:
    """Mixed-radix digits of ``index + salt``: distinct for distinct indices below prod(sizes)."""
    n, out = index + salt, []
    for size in sizes:
        out.append(n % size)
        n //= size
    return tuple(out)


def item_topic(index: int, salt: int) -> str:
    return TOPICS[digits(index, salt, (len(TOPICS),))[0]]


# Dated series: the format changes fastest, so items close in time (same year or month) differ.
SERIES = ("finance", "statistics", "planning", "personnel")


def item_title(column_type: str, index: int, salt: int, unit: str, place: str, d: date) -> str:
    """The title of item ``index`` of a column of ``column_type`` (``salt`` varies it per column)."""
    formats = FORMATS.get(column_type, ACTIONS)
    if column_type in SERIES:
        f_i, t_i, n_i = digits(index, salt, (len(formats), len(TOPICS), len(POLICY_NOUNS)))
    else:
        t_i, f_i, n_i = digits(index, salt, (len(TOPICS), len(formats), len(POLICY_NOUNS)))
    text = formats[f_i].format(t=TOPICS[t_i], y=d.year, z=d.year + 2, m=d.month, u=unit, p=place,
                               n=POLICY_NOUNS[n_i] if column_type == "policy" else person_of(index, salt),
                               k=1 + t_i % 12)
    return f"{unit}{text}" if column_type in ("news", "special") else text


def person_of(index: int, salt: int) -> str:
    """A name that differs for every index below 360 (surname fastest)."""
    surname, given = digits(index, salt, (len(SURNAMES), len(GIVEN)))
    return SURNAMES[surname] + GIVEN[given]


def guide_title(index: int, salt: int) -> str:
    item, variant = digits(index, salt, (len(SERVICE_ITEMS), len(SERVICE_VARIANTS)))
    return f"{SERVICE_ITEMS[item]}{SERVICE_VARIANTS[variant]}办事指南"
