"""Hijack and tampering signals in a homepage fingerprint, against the site's baseline: spam in the title or
meta, a new external script host, cloaking (crawlers shown spam the browser is not), mass hidden links to
outside hosts. A changed news list changes only the visible text: no signal."""
from __future__ import annotations

from dataclasses import dataclass

from govinspect.extract.security.classify_spam import is_government_host
from govinspect.extract.security.homepage_fingerprint import Fingerprint, host_of

MASS_HIDDEN_LINKS = 5
CAUSE_NAMES = {"spam_title_meta": "标题/关键词被篡改为违规内容", "new_script_host": "首页新增外部脚本来源",
               "cloaking": "向搜索引擎蜘蛛展示违规内容（伪装）", "hidden_links": "首页出现隐藏的违规外链（暗链）"}


@dataclass(frozen=True)
class Signal:
    cause: str              # one of CAUSE_NAMES
    key: str                # cause plus what it concerns: one open alert per (site, key)
    message: str
    before: str
    after: str


def _head(f: Fingerprint) -> str:
    return " | ".join(x for x in (f.title, f.keywords, f.description) if x)


def hijack_signals(now: Fingerprint, baseline: Fingerprint | None) -> list[Signal]:
    """What in ``now`` looks like a hijack. ``baseline`` (the first healthy fingerprint) tells new script hosts
    apart; the other causes are states, alarming whenever they hold."""
    out: list[Signal] = []
    base = baseline or Fingerprint(url=now.url)
    if now.title_meta_spam:
        out.append(Signal("spam_title_meta", "spam_title_meta",
                          f"{CAUSE_NAMES['spam_title_meta']}：{'、'.join(now.title_meta_spam[:5])}",
                          _head(base)[:300], _head(now)[:300]))
    if baseline is not None:
        site_host = host_of(now.url)
        for host in sorted(set(now.script_hosts) - set(baseline.script_hosts)):
            if not is_government_host(host, site_host):
                out.append(Signal("new_script_host", f"new_script_host:{host}",
                                  f"{CAUSE_NAMES['new_script_host']}：{host}",
                                  "、".join(baseline.script_hosts) or "（无外部脚本）", "、".join(now.script_hosts)))
    if now.cloaked:
        spiders = sorted(now.cloaked)
        out.append(Signal("cloaking", "cloaking", f"{CAUSE_NAMES['cloaking']}：{'、'.join(spiders)}",
                          f"浏览器看到：{now.title}", f"{spiders[0]} 看到：{now.cloaked[spiders[0]]}"))
    # hidden spam links are a state; hidden links to ordinary outside hosts (a 友情链接 drop-down to 新华网, 中国
    # 科学院…) alarm only when many appear since the baseline
    grown = baseline is not None and len(now.hidden_links) - len(baseline.hidden_links) >= MASS_HIDDEN_LINKS
    if now.hidden_spam_links or grown:
        shown = now.hidden_spam_links or now.hidden_links
        out.append(Signal("hidden_links", "hidden_links",
                          f"{CAUSE_NAMES['hidden_links']}：{len(shown)}个",
                          f"{len(base.hidden_links)}个隐藏外链", "；".join(shown[:8])))
    return out
