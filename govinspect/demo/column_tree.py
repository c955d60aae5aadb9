"""The 栏目 tree of a demo site and the clean (healthy) dates and sizes of its columns.

plan_defects.py then bends some columns (stale, blank, missing) on the sites that carry plants.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from govinspect.demo.city_model import DemoColumn
from govinspect.demo.prose import pick, special_name


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    slug: str
    name: str
    column_type: str
    kind: str = "list"
    weight: float = 0.0          # share of pages_per_site
    cap: float = 30.0            # largest mean interval between items (days)
    fresh: tuple[int, int] = (0, 3)   # newest item is as_of minus this many days (range)
    fixed: int = 0               # fixed item count (0 = from weight)
    portal_only: bool = False
    historical: bool = False


def standard_specs(is_portal: bool, consultation_name: str) -> list[ColumnSpec]:
    """Slugs name the parent by prefix: ``zwgk/czzj`` is a child of ``zwgk``."""
    specs = [
        ColumnSpec("zwgk", "政府信息公开", "other", "container"),
        ColumnSpec("zwgk/xxgkzn", "政府信息公开指南", "disclosure_guide", fixed=2, cap=300, fresh=(60, 200)),
        ColumnSpec("zwgk/xxgkml", "政府信息公开目录", "disclosure_catalog", "container"),
        ColumnSpec("zwgk/xxgkml/zfjg", "政府机构", "overview", "orgs", fixed=6, cap=1, fresh=(30, 90)),
        ColumnSpec("zwgk/xxgkml/jgzn", "机构职能", "overview", fixed=3, cap=20, fresh=(30, 120)),
        ColumnSpec("zwgk/xxgknb", "政府信息公开年报", "disclosure_report", fixed=3, cap=365, fresh=(-1, -1)),
        ColumnSpec("zwgk/czzj", "财政资金", "finance", weight=0.5, cap=30, fresh=(3, 40)),
        ColumnSpec("zwgk/ghjh", "规划计划", "planning", weight=0.3, cap=90, fresh=(20, 150)),
        ColumnSpec("zwgk/tjsj", "统计数据", "statistics", weight=0.3, cap=30, fresh=(5, 25)),
        ColumnSpec("dtyw", "动态要闻", "news", "container"),
        ColumnSpec("dtyw/bdyw", "本地要闻" if is_portal else "工作动态", "news", weight=4, cap=2),
        ColumnSpec("dtyw/bmdt", "部门动态" if is_portal else "媒体关注", "news", weight=2, cap=4),
        ColumnSpec("dtyw/xzdt", "乡镇动态", "news", weight=2, cap=4, portal_only=True),
        ColumnSpec("dtyw/tpxw", "图片新闻", "news", weight=1, cap=5, fresh=(1, 6)),
        ColumnSpec("tzgg", "通知公告", "notice", weight=2, cap=20, fresh=(0, 10)),
        ColumnSpec("zcwj", "政策文件", "policy", weight=1.2, cap=40, fresh=(5, 40)),
        ColumnSpec("zcjd", "政策解读", "interpretation"),          # mirrors 政策文件 (see build_city)
        ColumnSpec("rsxx", "人事信息", "personnel", weight=0.6, cap=60, fresh=(10, 120)),
        ColumnSpec("hdjl", "互动交流", "other", "container"),
        ColumnSpec("hdjl/ldxx", consultation_name, "consultation", "messages", weight=1.2, cap=5, fresh=(6, 9)),
        ColumnSpec("hdjl/zxft", "在线访谈", "interview", weight=0.3, cap=40, fresh=(5, 45)),
        ColumnSpec("hdjl/dczj", "调查征集", "survey", weight=0.3, cap=40, fresh=(5, 45)),
        ColumnSpec("bsfw", "办事服务", "service", "container"),
        ColumnSpec("bsfw/bszn", "办事指南", "service", "guides", weight=0.4, cap=20, fresh=(10, 60)),
        ColumnSpec("ztzl", "专题专栏", "special", "container"),
        ColumnSpec("ztzl/zt01", "", "special", weight=0.4, cap=10, fresh=(1, 12)),
        ColumnSpec("ztzl/zt02", "", "special", weight=0.3, cap=12, fresh=(2, 20)),
        ColumnSpec("ztzl/lszt", "庆祝中华人民共和国成立70周年", "special", weight=0.2, cap=5,
                   historical=True),
    ]
    return [s for s in specs if is_portal or not s.portal_only]


def newest_for(spec: ColumnSpec, as_of: date, key: str) -> date:
    if spec.historical:      # the 70th-anniversary special closed in October 2019
        return min(date(2019, 10, 8), as_of - timedelta(days=200))
    if spec.column_type == "disclosure_report":      # 年报 published by 31 January / end of March
        year = as_of.year if as_of >= date(as_of.year, 3, 1) else as_of.year - 1
        return date(year, 1, 20 + pick(key, 10))
    lo, hi = spec.fresh
    return as_of - timedelta(days=lo + pick(key, hi - lo + 1))


def build_columns(specs: list[ColumnSpec], pages: int, as_of: date, key: str) -> list[DemoColumn]:
    """Columns with clean dates; item counts share ``pages`` by weight (at least 3 per list)."""
    total_weight = sum(s.weight for s in specs) or 1.0
    columns: list[DemoColumn] = []
    by_slug: dict[str, DemoColumn] = {}
    for cid, spec in enumerate(specs):
        parent = by_slug.get(spec.slug.rpartition("/")[0])
        name = spec.name or special_name(f"{key}|{spec.slug}")
        path = (parent.path if parent else ("首页",)) + (name,)
        col = DemoColumn(cid=cid, name=name, path=path, slug=spec.slug, column_type=spec.column_type,
                         level=len(path) - 1, kind=spec.kind, historical=spec.historical,
                         parent=parent.cid if parent else None)
        if spec.kind != "container":
            col.count = spec.fixed or max(3, round(pages * spec.weight / total_weight))
            col.newest = newest_for(spec, as_of, f"{key}|{spec.slug}|new")
            col.interval = spec.cap if spec.fixed else min(spec.cap, 720 / col.count)
        if parent:
            parent.children.append(cid)
        columns.append(col)
        by_slug[spec.slug] = col
    return columns
