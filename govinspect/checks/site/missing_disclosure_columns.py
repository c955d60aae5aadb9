"""D11 信息公开栏目（指南、目录、年报、财政资金、规划计划）."""
from __future__ import annotations

import re

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import (
    homepage_unread,
    make,
    only_homepage_read,
    option,
)
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.check_ids import DISCLOSURE_COLUMNS
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_disclosure_columns",
    name="信息公开栏目缺失",
    subject="one of 信息公开指南, 信息公开目录, 信息公开年报, 财政资金, 规划计划",
    title="信息公开栏目设置",
    failure_title="未按要求设置信息公开栏目",
    description=(
        "扣分项 D11（indicators.md §4.1）：信息公开指南、信息公开目录（或法定主动公开内容）、信息公开年报、财政资金、"
        "规划计划，每缺一项扣1分。按栏目类型和名称同义词在栏目树和页面链接中查找。识别到的栏目很少（默认少于8个，"
        "选项 disclosure_min_columns）时可能是栏目树没取全，列为待复核；只读取到首页时同样列为待复核。"),
    requires=("columns",),
    optional=("homepage", "links", "pages"),
    automation="H",
)

WANTED = {
    "信息公开指南": ({"disclosure_guide"}, re.compile(r"公开指南")),
    "信息公开目录": ({"disclosure_catalog"}, re.compile(r"公开目录|主动公开|法定主动")),
    "信息公开年报": ({"disclosure_report"}, re.compile(r"年报|年度报告")),
    "财政资金": ({"finance"}, re.compile(r"财政|预决算|预算|决算|资金")),
    "规划计划": ({"planning"}, re.compile(r"规划|计划")),
}


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    columns = artifacts.columns or []
    # menu entries only: article titles such as “2020年工作计划” are not columns
    names = [c.name for c in columns] + [link.text for link in artifacts.links or []
                                         if link.position == "nav" and not link.hidden_hints and len(link.text) <= 10]
    # a thin column tree, or a crawl that read only the homepage, cannot prove a column missing
    few = len(columns) < option(ctx, "disclosure_min_columns", 8) or only_homepage_read(artifacts)
    out = []
    for wanted in DISCLOSURE_COLUMNS:
        types, pattern = WANTED[wanted]
        if any(c.column_type in types for c in columns) or any(pattern.search(n or "") for n in names):
            continue
        out.append(make(SPEC.id, wanted, ctx, status="needs_review" if few else "fail", url=artifacts.url,
                        location="首页>信息公开", message=f"未按要求设置栏目：{wanted}",
                        columns_seen=len(columns)))
    return out
