"""I1 随机抽查5条已公开的网民留言：留言时间、答复时间、答复单位、答复内容."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.checks.kit.prescribed_samples import prescribed_sample, sample_then_others
from govinspect.model.artifacts import Message, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="incomplete_message_replies",
    name="留言答复不规范",
    subject="message URL",
    title="留言答复要素",
    failure_title="公开留言未公开留言时间、答复时间、答复单位、答复内容",
    description=(
        "扣分项 I1（indicators.md §4.3）：随机抽查5条已公开（已答复）的网民留言，缺少留言时间、答复时间、答复单位、"
        "答复内容任一项的每条扣1分。抽样以 ctx.seed 和网站标识码为种子，可复现，抽中的留言记录在证据中；"
        "未抽中但同样缺要素的留言列为待复核，不扣分。未答复的留言由 unanswered_messages 判定。"),
    requires=("messages",),
    automation="A",
)

FIELDS = {"留言时间": "asked_at", "答复时间": "replied_at", "答复单位": "reply_unit", "答复内容": "reply_text"}


def _missing(m: Message) -> list[str]:
    return [name for name, attr in FIELDS.items() if not getattr(m, attr)]


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    answered = list({m.url: m for m in artifacts.messages or [] if m.reply_text or m.replied_at}.values())
    sample = prescribed_sample(SPEC.id, [x.url for x in answered], ctx)
    sampled = set(sample)
    out = []
    for m in sample_then_others(answered, sampled, key=lambda m: m.url):
        missing = _missing(m)
        if not missing:
            continue
        inside = m.url in sampled
        out.append(make(SPEC.id, m.url, ctx, status="fail" if inside else "needs_review", url=m.url,
                        message=f"留言“{m.title}”未公开{'、'.join(missing)}" + ("" if inside else "（未在抽样范围内）"),
                        missing=missing, sampled=inside, sample=sorted(sampled), population=len(answered)))
    return out
