"""D8 随机抽查3个解读稿：解读稿与政策文件双向关联."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.checks.kit.interpretation_pairing import Pairing, interpretations, norm_url, policies
from govinspect.checks.kit.prescribed_samples import prescribed_sample, sample_then_others
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="unlinked_interpretations",
    name="政策与解读未相互关联",
    subject="解读 URL + '|to_policy' or '|from_policy' (one per missing direction)",
    title="解读与政策文件双向关联",
    failure_title="解读稿与被解读的政策文件未相互关联",
    description=(
        "扣分项 D8（indicators.md §4.1）：随机抽查3个解读稿（不足3个查全部），解读稿未链接被解读的政策文件扣0.5分"
        "（subject 后缀 |to_policy），政策文件未链接回该解读稿再扣0.5分（|from_policy）。抽样可复现（ctx.seed、网站"
        "标识码），抽中的解读稿记录在证据中；未抽中的问题列为待复核。找不到被解读的政策文件页面时，反向关联无法"
        "判断，列为待复核。"),
    requires=("articles",),
    optional=("columns",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    interps = sorted(interpretations(artifacts), key=lambda a: a.url)
    sample = prescribed_sample(SPEC.id, [x.url for x in interps], ctx)
    sampled = set(sample)
    pairing = Pairing(policies(artifacts), interps, [])
    out = []
    for interp in sample_then_others(interps, sampled, key=lambda a: a.url):
        inside = interp.url in sampled
        status = "fail" if inside else "needs_review"
        tail = "" if inside else "（未在抽样范围内）"
        common = {"title": interp.title, "sampled": inside, "sample": sorted(sampled), "population": len(interps)}
        policy = pairing.policy_of(interp)
        if not interp.related_urls:
            out.append(make(SPEC.id, f"{interp.url}|to_policy", ctx, status=status, url=interp.url,
                            location=">".join(interp.column_path),
                            message=f"解读稿“{interp.title}”未与被解读的政策文件相关联{tail}",
                            direction="to_policy", policy_url=policy.url if policy else None, **common))
        if policy is None:
            out.append(make(SPEC.id, f"{interp.url}|from_policy", ctx, status="needs_review", url=interp.url,
                            location=">".join(interp.column_path),
                            message=f"未找到解读稿“{interp.title}”对应的政策文件页面，无法判断政策文件是否链接回解读稿",
                            direction="from_policy", policy_url=None, **common))
        elif norm_url(interp.url) not in {norm_url(u) for u in policy.related_urls}:
            out.append(make(SPEC.id, f"{interp.url}|from_policy", ctx, status=status, url=policy.url,
                            location=">".join(policy.column_path),
                            message=f"政策文件“{policy.title}”未与解读稿“{interp.title}”相关联{tail}",
                            direction="from_policy", policy_url=policy.url, **common))
    return out
