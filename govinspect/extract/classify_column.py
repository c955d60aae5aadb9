"""A 栏目's type (model COLUMN_TYPES) from its name and its place in the tree, with a confidence.

Rules are ordered: the first that matches wins, so the specific ones (政策解读 before 政策,
信息公开指南 before 信息公开) come first. A column placed under 专题专栏 is a special whatever its
name. Historical specials (历史性专题: a past year, an anniversary, an ended campaign) are marked
``historical`` and left for a reviewer to confirm (needs_review), since they are excluded from
staleness and a wrong exclusion hides a veto.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

REVIEW_BELOW = 0.7

# (type, pattern, confidence)
_RULES: tuple[tuple[str, str, float], ...] = (
    ("special", r"专题|专栏|^聚焦|主题教育|系列活动|庆祝|纪念|周年", 0.9),
    ("disclosure_guide", r"公开指南|信息公开指引", 0.98),
    ("disclosure_report", r"公开年报|公开工作年度报告|信息公开年度报告|年度报告|年报", 0.95),
    ("disclosure_catalog", r"公开目录|法定主动公开|主动公开内容|主动公开目录", 0.95),
    ("interpretation", r"解读|图解|政策问答|回应关切|答记者问", 0.95),
    ("interview", r"访谈|在线直播|网络直播|新闻发布会|发布会", 0.9),
    ("survey", r"征集|调查|意见建议|民意|问卷|听证", 0.9),
    ("consultation", r"咨询|留言|信箱|建言|建议|投诉|12345|问政|互动|诉求|来信|网上求助|热线", 0.85),
    ("personnel", r"人事|任免|招录|招聘|招考|公务员|选调|干部|录用|职称", 0.9),
    ("planning", r"规划|计划|发展战略|工作总结|工作要点", 0.85),
    ("finance", r"财政|预算|决算|预决算|资金|三公|收费|采购|债务|专项资金", 0.9),
    ("statistics", r"统计|数据发布|数据解读|经济运行|数据", 0.85),
    ("notice", r"通知|公告|公示|通告|公报|(?i:notice|announcement|bulletin)", 0.9),
    ("policy", r"政策|文件|法规|规章|政府令|决定|意见|办法|规定", 0.88),
    ("news", r"要闻|动态(?!调整)|新闻|资讯|工作进展|快讯|快报|播报|图片|视频|简报|头条|聚焦|热点|媒体|领导活动|(?i:news)", 0.88),
    # "X信息" (党建信息, 政务信息) is often but not always news: a stale one goes to a reviewer
    ("news", r"信息$", 0.45),
    ("service", r"办事|服务|指南|事项|表格下载|在线办理|便民|网上办|审批", 0.85),
    ("overview", r"概况|简介|职能|机构|领导|负责人|组织|走进|地理|历史沿革|市情|县情|区情|介绍|设置|分工", 0.85),
)
_COMPILED = tuple((t, re.compile(p), c) for t, p, c in _RULES)
# Channels that look like consultation but are special channels (V5: do not count).
_SPECIAL_CHANNELS = re.compile(r"信访|纪检|监察|举报|检举")
_CONTAINER_HINT = re.compile(r"^(政务公开|信息公开|政府信息公开|政民互动|互动交流|公众参与|政务服务|办事服务|新闻中心|"
                             r"新闻动态|走进.{1,6}|专题专栏)$")
_HISTORICAL = re.compile(r"(19|20)\d{2}年?|周年|已结束|往期|历史|回头看|两会|会议精神|主题教育|百年|七十年|七一|"
                         r"党史学习|不忘初心|第[一二三四五六七八九十]+次")


@dataclass(frozen=True, slots=True)
class ColumnClass:
    column_type: str
    confidence: float
    needs_review: bool
    historical: bool = False


def classify_column(name: str, path: tuple[str, ...] = (), as_of: date | None = None) -> ColumnClass:
    """Type of a column called ``name`` at ``path`` (the full location path, ending with ``name``)."""
    clean = re.sub(r"\s+", "", name or "")
    parents = [re.sub(r"\s+", "", p) for p in path[:-1]] if path else []
    under_special = any(re.search(r"专题|专栏", p) for p in parents[1:])
    if under_special:
        return _special(clean, as_of, 0.85)
    if _SPECIAL_CHANNELS.search(clean):
        return ColumnClass("other", 0.8, False)
    for column_type, regex, confidence in _COMPILED:
        if regex.search(clean):
            if column_type == "special":
                return _special(clean, as_of, confidence)
            # "信息公开" as a whole section is a container; its type is decided by its children.
            if column_type == "consultation" and "互动交流" == clean:
                return ColumnClass("other", 0.6, False)
            return ColumnClass(column_type, confidence, confidence < REVIEW_BELOW)
    if _CONTAINER_HINT.match(clean):
        return ColumnClass("other", 0.6, False)
    # Place helps when the name does not: under 信息公开 a nameless-looking column is catalogue content.
    if any("公开" in p for p in parents[1:]):
        return ColumnClass("disclosure_catalog", 0.5, True)
    return ColumnClass("other", 0.3, True)


def _special(name: str, as_of: date | None, confidence: float) -> ColumnClass:
    historical = bool(_HISTORICAL.search(name))
    if historical and as_of is not None:
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", name)]
        # "2024年…专题" in 2024 is current work, not history.
        if years and max(years) >= as_of.year:
            historical = False
    return ColumnClass("special", confidence, historical, historical)


# What the items are, for a column whose name says nothing: 公告/通知 lists are notices, 印发/办法 lists policies.
_ITEM_TYPES = (
    ("notice", re.compile(r"通知|公告|公示|通告|(?i:announcement|notice|notification)")),
    ("policy", re.compile(r"关于印发|办法|规定|条例|实施意见|(?i:regulation|measures)")),
)
ITEM_SHARE = 0.6
ITEM_CONFIDENCE = 0.6


def classify_by_items(cls: ColumnClass, titles: list[str]) -> ColumnClass:
    """A name-less type ("other", unsure) from the column's own items, when most of them say what they are."""
    if cls.column_type != "other" or cls.confidence >= 0.5 or len(titles) < 3:
        return cls
    for column_type, regex in _ITEM_TYPES:
        if sum(1 for t in titles if regex.search(t)) >= ITEM_SHARE * len(titles):
            return ColumnClass(column_type, ITEM_CONFIDENCE, False, cls.historical)
    return cls
