"""New-media accounts of the demo city (政务新媒体) and their feeds on the mapped feed host.

Planted behaviours (``defects="all"``), in account order; accounts beyond these are healthy:
fresh RSS · healthy but newest post 20 days old · empty channel · HTTP 500 · slow (times out) ·
garbage · a duplicate pair (same 主办单位 + 平台) · unfiled · no interaction (registry column) ·
Chinese pubDate ``2020年07月17日`` · Atom · JSON feed · manual ``last_post`` fresh / stale (no feed) ·
a wording error in a post.
"""
from __future__ import annotations

from datetime import date, timedelta

from govinspect.demo.city_model import DemoAccount
from govinspect.demo.xianning_units import COUNTIES

FEED_HOST = "rsshub.demo.gov.cn"

# (name, platform, organizer, region, behaviour, feed kind, extra)
PLANTED: tuple[tuple[str, str, str, str, str, str | None, dict], ...] = (
    ("咸宁发布", "微信", "咸宁市人民政府办公室", "市直", "fresh", "rss", {}),
    ("咸宁林业", "微信", "咸宁市林业局", "市直", "stale", "rss", {}),
    ("咸宁教育", "微博", "咸宁市教育局", "市直", "empty", "rss", {}),
    ("咸宁交通", "微信", "咸宁市交通运输局", "市直", "http500", "rss", {}),
    ("咸宁水利", "微信", "咸宁市水利和湖泊局", "市直", "slow", "rss", {}),
    ("咸宁民政", "微博", "咸宁市民政局", "市直", "garbage", "atom", {}),
    ("崇阳医保", "微信", "崇阳县医疗保障局", "崇阳县", "fresh", "rss", {}),
    ("崇阳医保服务", "微信", "崇阳县医疗保障局", "崇阳县", "fresh", "rss", {}),
    ("通山财政", "微信", "通山县财政局", "通山县", "fresh", "rss", {"filed": False}),
    ("咸安政务服务", "抖音", "咸安区政务服务和大数据管理局", "咸安区", "fresh", "json", {"interaction": False}),
    ("赤壁发布", "微信", "赤壁市人民政府办公室", "赤壁市", "fresh", "rss", {"chinese_dates": True}),
    ("嘉鱼发布", "微博", "嘉鱼县人民政府办公室", "嘉鱼县", "fresh", "atom", {}),
    ("通城融媒", "抖音", "通城县融媒体中心", "通城县", "fresh", "json", {}),
    ("咸宁审计", "头条号", "咸宁市审计局", "市直", "manual_fresh", None, {}),
    ("咸宁司法", "头条号", "咸宁市司法局", "市直", "manual_stale", None, {}),
    ("咸宁卫健", "微信", "咸宁市卫生健康委员会", "市直", "fresh", "rss", {"wording": "习进平"}),
)
HEALTHY_PLATFORMS = (("微信", "rss"), ("微博", "atom"), ("抖音", "json"), ("头条号", "rss"))
HEALTHY_UNITS = ("人力资源和社会保障局", "生态环境局", "农业农村局", "商务局", "文化和旅游局", "应急管理局",
                 "市场监督管理局", "自然资源和规划局", "统计局", "财政局")


def _healthy(i: int) -> tuple[str, str, str, str, str, str | None, dict]:
    region = COUNTIES[i % len(COUNTIES)]
    unit = HEALTHY_UNITS[i % len(HEALTHY_UNITS)]
    platform, kind = HEALTHY_PLATFORMS[i % len(HEALTHY_PLATFORMS)]
    suffix = ("发布", "在线", "之声", "服务", "微讯")[i % 5] + (str(i // 30) if i >= 30 else "")
    return (f"{region.name[:2]}{unit[:2]}{suffix}", platform, f"{region.name}{unit}", region.name,
            "fresh", kind, {})


def build_accounts(count: int, as_of: date, defects: str) -> list[DemoAccount]:
    specs = list(PLANTED) if defects != "none" else []
    specs = specs[:count] + [_healthy(i) for i in range(max(0, count - len(specs)))]
    out = []
    for i, (name, platform, organizer, region, behaviour, kind, extra) in enumerate(specs):
        newest: date | None = as_of - timedelta(days=i % 3)
        last_post = None
        if behaviour == "stale":
            newest = as_of - timedelta(days=20)
        elif behaviour == "empty":
            newest = None
        elif behaviour == "manual_fresh":
            newest = last_post = as_of - timedelta(days=5)
        elif behaviour == "manual_stale":
            newest = last_post = as_of - timedelta(days=60)
        path = None
        if kind is not None:
            route = {"微信": "wechat/mp", "微博": "weibo/user", "抖音": "douyin/user", "头条号": "toutiao/user"}[platform]
            path = f"/{route}/{2000 + i}" + (".json" if kind == "json" else "")
        out.append(DemoAccount(
            key=f"{platform}:{name}:{organizer}", name=name, platform=platform, organizer=organizer,
            region=region, filed=extra.get("filed", True), feed_kind=kind, feed_path=path,
            behaviour=behaviour, newest=newest, post_count=0 if newest is None or kind is None else 12,
            interaction=extra.get("interaction", True), last_post=last_post, wording=extra.get("wording"),
            chinese_dates=extra.get("chinese_dates", False)))
    return out
