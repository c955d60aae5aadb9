"""D7 随机抽查3个政策文件，被解读的文件数量每少一个扣1分."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.checks.kit.interpretation_pairing import (
    Pairing,
    interpretation_titles,
    interpretations,
    policies,
)
from govinspect.checks.kit.prescribed_samples import prescribed_sample, sample_then_others
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_interpretations",
    name="政策文件无解读",
    subject="policy document URL",
    title="政策文件解读",
    failure_title="抽查的政策文件未解读",
    description=(
        "扣分项 D7（indicators.md §4.1）：随机抽查3个以本地区本部门（或其办公室）名义印发的政策文件，没有解读的每个"
        "扣1分。抽样以 ctx.seed 和网站标识码为种子，可复现，抽中的文件记录在证据中。解读的认定：解读稿与文件互相"
        "链接，或解读标题含文件标题（解读稿未采集到时也看解读栏目的列表标题）。未抽中但同样没有解读的文件列为"
        "待复核。“涉及面广、社会关注度高”由复核人员确认。"),
    requires=("articles",),
    optional=("columns",),
    automation="H",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    docs = sorted(policies(artifacts), key=lambda a: a.url)
    if not docs:
        return []
    pairing = Pairing(docs, interpretations(artifacts), interpretation_titles(artifacts))
    sample = prescribed_sample(SPEC.id, [x.url for x in docs], ctx)
    sampled = set(sample)
    out = []
    for doc in sample_then_others(docs, sampled, key=lambda a: a.url):
        if pairing.has_interpretation(doc):
            continue
        inside = doc.url in sampled
        out.append(make(SPEC.id, doc.url, ctx, status="fail" if inside else "needs_review", url=doc.url,
                        location=">".join(doc.column_path),
                        message=f"政策文件“{doc.title}”未发现解读" + ("" if inside else "（未在抽样范围内）"),
                        title=doc.title, pub_date=doc.pub_date, sampled=inside, sample=sorted(sampled),
                        population=len(docs)))
    return out
