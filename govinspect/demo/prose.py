"""Deterministic, realistic government prose for demo pages.

Titles and paragraphs are assembled from phrase pools in the style of 2019–2020 county and city
portals. The pools deliberately avoid leaders' names, retired institution names and anything a spam
or wording detector could mistake for a defect: clean pages must stay clean.
"""
from __future__ import annotations

import hashlib


def pick(key: str, n: int) -> int:
    """A stable number in [0, n) for ``key`` (blake2b; independent of PYTHONHASHSEED)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n


def fraction(key: str) -> float:
    return pick(key, 1_000_000) / 1_000_000


TOPICS = (
    "防汛抗旱", "疫情防控", "复工复产", "脱贫攻坚", "优化营商环境", "乡村振兴", "安全生产", "森林防火",
    "河湖长制", "农村人居环境整治", "全国文明城市创建", "扫黑除恶专项斗争", "“放管服”改革", "垃圾分类",
    "政务公开", "稳就业保民生", "招商引资", "项目建设", "生态环境保护", "食品安全", "消防安全",
    "城乡医疗救助", "义务教育均衡发展", "农田水利建设", "减税降费", "一网通办", "网格化管理",
    "农村公路建设", "城镇老旧小区改造", "高标准农田建设", "秸秆禁烧", "道路交通安全", "文化惠民",
    "全民健身", "养老服务体系建设", "农村饮水安全", "城市管理", "社会信用体系建设", "质量强市",
    "生猪稳产保供", "中小企业发展", "退役军人服务保障", "残疾人帮扶", "旅游产业发展", "科技创新",
)
SPECIALS = ("{t}专题", "{t}专栏", "聚焦{t}")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ("建国", "志强", "海燕", "文华", "晓东", "国平", "丽娟", "振华", "红梅", "立新", "德明", "春燕")

SENTENCES = (
    "会议强调，要提高政治站位，切实增强做好{t}工作的责任感和紧迫感。",
    "要坚持问题导向，聚焦薄弱环节，细化工作措施，确保各项任务落到实处。",
    "各地各部门要加强统筹协调，压实工作责任，形成齐抓共管的工作合力。",
    "{u}将以此为契机，持续推进{t}工作，不断提升群众的获得感和满意度。",
    "截至目前，已累计开展检查{n}次，发现并整改问题{m}个。",
    "下一步，{u}将进一步完善工作机制，建立健全长效管理制度。",
    "与会人员围绕{t}工作进行了深入交流，并就下一阶段工作提出了意见建议。",
    "要严格落实工作责任制，加强督促检查，对工作不力的单位进行通报。",
    "活动现场共发放宣传资料{n}余份，接受群众咨询{m}人次。",
    "要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。",
    "此次培训采取集中授课与现场观摩相结合的方式，取得了良好效果。",
    "会议传达学习了上级有关文件精神，通报了前一阶段{t}工作进展情况。",
)


def person_name(key: str) -> str:
    return SURNAMES[pick(key + "s", len(SURNAMES))] + GIVEN[pick(key + "g", len(GIVEN))]


def topic(key: str) -> str:
    return TOPICS[pick(key + "t", len(TOPICS))]


def paragraphs(key: str, unit: str, count: int = 4, subject: str | None = None) -> list[str]:
    """``count`` paragraphs of 2–3 sentences each about ``subject`` (a topic); no sentence repeats."""
    t = subject or topic(key)
    order = sorted(range(len(SENTENCES)), key=lambda i: pick(f"{key}|o{i}", 1 << 30))
    out, used = [], 0
    for p in range(count):
        n_sent = 2 + pick(f"{key}|n{p}", 2)
        sents = [SENTENCES[order[(used + s) % len(order)]] for s in range(n_sent)]
        used += n_sent
        out.append("".join(sents).format(t=t, u=unit, n=20 + pick(f"{key}|{p}n", 900),
                                         m=3 + pick(f"{key}|{p}m", 90)))
    return out


def document_name(title: str) -> str:
    """《…》 inside a policy title, else the title itself (for 解读 titles)."""
    start, end = title.find("《"), title.rfind("》")
    return title[start + 1:end] if 0 <= start < end else title


def policy_opening(title: str, key: str) -> str:
    """The opening paragraph of a policy document."""
    name = document_name(title)
    if name != title:
        return f"各有关单位：现将《{name}》印发给你们，请结合实际，认真贯彻执行。"
    return f"各有关单位：为进一步做好{topic(key)}工作，经研究，现提出如下意见。"


def interpretation_opening(policy_title: str) -> list[str]:
    name = document_name(policy_title)
    return [f"为便于社会公众准确理解《{name}》的主要内容，现就有关问题解读如下。",
            "一、起草背景。为深入贯彻落实上级决策部署，结合本地实际，起草了本文件。",
            "二、主要内容。文件明确了总体要求、重点任务和保障措施，细化了责任分工和工作时限。",
            "三、适用范围。本文件适用于本行政区域内的相关单位和个人。"]


def special_name(key: str) -> str:
    return SPECIALS[pick(key + "f", len(SPECIALS))].format(t=topic(key))
