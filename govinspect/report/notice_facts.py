"""Every number and name the prose of the 通报 states, computed from the result document only.

The prose templates print these values and nothing else; tests/report/test_prose_numbers.py
recomputes each number from the JSON independently.
"""
from __future__ import annotations

from collections import Counter, OrderedDict
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from govinspect.model.result import Verdict
from govinspect.report.not_assessed_reasons import unit_reason
from govinspect.report.options import BLANK_DATE, CN_QUARTERS, ReportOptions, cn_date, quarter_of
from govinspect.report.pending_review import draft_notice, pending_summary
from govinspect.report.percent import format_percent, percent_value, points_change
from govinspect.report.problem_wording import account_rule, below_pass_mark, failed, veto_names

ABOVE = 90          # "90分以上" includes 90 (以上 includes the number itself)
CITY_REGION = "市直"


@lru_cache(maxsize=1)
def problem_groups() -> dict[str, Any]:
    text = resources.files("govinspect.report").joinpath("templates/problem_groups.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def region_order(units: list[dict[str, Any]], options: ReportOptions) -> list[str]:
    seen = list(OrderedDict.fromkeys(u["region"] for u in units))
    first = [r for r in options.region_order if r in seen]
    return first + [r for r in seen if r not in first]


def named(names: list[str], options: ReportOptions, unit: str = "家") -> str:
    """"A、B、C等19家" when truncated, "A、B共2家" when all are named."""
    unique = list(OrderedDict.fromkeys(names))
    if len(unique) > options.max_named:
        return f"{'、'.join(unique[:options.max_named])}等{len(unique)}{unit}"
    return f"{'、'.join(unique)}共{len(unique)}{unit}" if len(unique) > 1 else "".join(unique)


def named_sites(names: list[str], options: ReportOptions) -> str:
    """named() followed by the noun: "A、B共2家网站", or "A网站" — but "咸宁市人民政府门户网站" (a name
    that already says 网站/网) is not followed by a second 网站."""
    text = named(names, options)
    if len(OrderedDict.fromkeys(names)) == 1 and text.endswith(("网站", "网")):
        return text
    return text + "网站"


def _site_facts(sites: list[dict[str, Any]], options: ReportOptions) -> dict[str, Any]:
    assessed = [s for s in sites if s["result"] != Verdict.NOT_ASSESSED]
    qualified = [s for s in sites if s["result"] == Verdict.QUALIFIED]
    failed_sites = [s for s in sites if s["result"] == Verdict.FAILED]
    with_problems = [s for s in assessed if failed(s["findings"]) or s["vetoes"]]
    # "未发现问题" only where nothing is pending either: an undecided finding is not yet "no problem"
    clean = [s for s in assessed if not failed(s["findings"]) and not s["vetoes"]
             and not any(f["status"] == "needs_review" for f in s["findings"])]
    above = [s for s in assessed if s["score"] is not None and s["score"] >= ABOVE]
    ratio = options.sampling_ratio
    if not ratio and options.sites_registered:
        ratio = format_percent(min(len(sites), options.sites_registered), options.sites_registered)
    return {
        "total": len(sites), "portals": sum(1 for s in sites if s["is_portal"]),
        "departments": sum(1 for s in sites if not s["is_portal"]),
        "assessed": len(assessed), "qualified": len(qualified), "failed": len(failed_sites),
        "not_assessed": len(sites) - len(assessed),
        "pass_rate": format_percent(len(qualified), len(assessed)),
        "pass_rate_value": percent_value(len(qualified), len(assessed)),
        "with_problems": len(with_problems), "clean": len(clean),
        "clean_named": named([s["name"] for s in clean], options),
        "clean_units": named_sites([s["name"] for s in clean], options),   # with the noun: "…共2家网站"
        "above": len(above), "above_share": format_percent(len(above), len(assessed)),
        "failed_named": named([s["name"] for s in failed_sites], options),
        "failed_units": named_sites([s["name"] for s in failed_sites], options),
        "not_assessed_list": [{"name": s["name"], "reason": unit_reason(s)}
                              for s in sites if s["result"] == Verdict.NOT_ASSESSED],
        "sampling_ratio": ratio,
    }


def _account_facts(accounts: list[dict[str, Any]], options: ReportOptions) -> dict[str, Any]:
    assessed = [a for a in accounts if a["result"] != Verdict.NOT_ASSESSED]
    qualified = [a for a in accounts if a["result"] == Verdict.QUALIFIED]
    platforms = Counter(a["platform"] for a in accounts)
    ratio = ""
    if options.accounts_registered:
        ratio = format_percent(min(len(accounts), options.accounts_registered), options.accounts_registered)
    return {
        "total": len(accounts), "assessed": len(assessed), "qualified": len(qualified),
        "failed": sum(1 for a in accounts if a["result"] == Verdict.FAILED),
        "not_assessed": len(accounts) - len(assessed),
        "pass_rate": format_percent(len(qualified), len(assessed)),
        "pass_rate_value": percent_value(len(qualified), len(assessed)),
        "by_platform": "、".join(f"{p}{n}个" for p, n in platforms.most_common()),
        "city_level": sum(1 for a in accounts if a["region"] == CITY_REGION),
        "local": sum(1 for a in accounts if a["region"] != CITY_REGION),
        "unfiled": sum(1 for a in accounts if not a["filed"]),
        "not_assessed_list": [{"name": a["name"], "reason": unit_reason(a)}
                              for a in accounts if a["result"] == Verdict.NOT_ASSESSED],
        "sampling_ratio": ratio,
    }


def _worst_first(site: dict[str, Any]) -> tuple[int, float]:
    return (0 if site["vetoes"] else 1, site["score"] if site["score"] is not None else 0.0)


def _site_problem_groups(sites: list[dict[str, Any]], n_assessed: int, options: ReportOptions,
                         rulebook: dict[str, Any]) -> list[dict]:
    assessed = sorted((s for s in sites if s["result"] != Verdict.NOT_ASSESSED), key=_worst_first)
    groups = []
    vetoed = [s for s in assessed if s["vetoes"]]
    if vetoed:
        official = [str(v.get("title", "")) for v in (rulebook.get("vetoes") or {}).values() if isinstance(v, dict)]
        names = list(OrderedDict.fromkeys(n for s in vetoed for n in veto_names(s, rulebook)))
        reasons = sorted(names, key=lambda n: (official.index(n) if n in official else len(official), names.index(n)))
        groups.append({"heading": "部分单位网站触发单项否决", "count": len(vetoed),
                       "text": f"{named_sites([s['name'] for s in vetoed], options)}存在"
                               f"{''.join('“' + r + '”' for r in reasons)}等单项否决情形，判定为不合格。"})
    below = [s for s in assessed if not s["vetoes"] and s["result"] == Verdict.FAILED]
    if below:
        below_mark = below_pass_mark(rulebook)
        groups.append({"heading": f"个别单位网站得分{below_mark}", "count": len(below),
                       "text": f"{named_sites([s['name'] for s in below], options)}扣分较多，得分{below_mark}，"
                               f"判定为不合格。"})
    ranked = []
    for order, spec in enumerate(problem_groups()["site_groups"]):
        checks = set(spec["checks"])
        units = [s for s in assessed if any(f["check"] in checks for f in failed(s["findings"]))]
        if units:
            share = format_percent(len(units), n_assessed)
            ranked.append((-len(units), order, {
                "heading": spec["heading"], "count": len(units), "share": share,
                "text": f"{named_sites([s['name'] for s in units], options)}{spec['phrase']}，占比{share}。"}))
    return groups + [g for _, _, g in sorted(ranked, key=lambda t: t[:2])]


def _account_problem_groups(accounts: list[dict[str, Any]], regions: list[str], options: ReportOptions,
                            rulebook: dict[str, Any]) -> list[dict]:
    """The 政务新媒体 paragraphs of the notice, worded with the result rulebook's account vetoes (M1–M3)."""
    groups = []
    stale = [a for a in accounts if any(f["check"] == "account_not_updated" for f in failed(a["findings"]))]
    if stale:
        per_region = Counter(a["region"] for a in stale)
        never = [a for a in stale if any(f["check"] == "account_not_updated" and f["subject"] in ("", "无更新")
                                         for f in failed(a["findings"]))]
        text = ("、".join(f"{r}{per_region[r]}个" for r in regions if per_region[r])
                + f"政务新媒体{account_rule(rulebook, 'account_not_updated')}，共{len(stale)}个。")
        if never:
            text += f"其中{named(['“' + a['name'] + '”' for a in never], options, '个')}账号自开设以来未发布任何信息。"
        groups.append({"heading": "部分政务新媒体更新不及时", "count": len(stale), "text": text})
    wording = account_rule(rulebook, "account_wording_errors")      # M1 words the heading too
    for check, heading, phrase in (
        ("account_without_interaction", "部分政务新媒体互动功能缺失", account_rule(rulebook, "account_without_interaction")),
        ("account_wording_errors", f"个别政务新媒体{wording}", wording),
        ("duplicate_accounts", "部分单位重复开设政务新媒体", "存在同一主办单位在同一平台重复开设账号的情况"),
    ):
        units = [a for a in accounts if any(f["check"] == check for f in failed(a["findings"]))]
        if units:
            groups.append({"heading": heading, "count": len(units),
                           "text": f"{named(['“' + a['name'] + '”' for a in units], options, '个')}政务新媒体{phrase}。"})
    unfiled = [a for a in accounts if not a["filed"]]
    if unfiled:
        groups.append({"heading": "部分政务新媒体未完成备案", "count": len(unfiled),
                       "text": f"{named(['“' + a['name'] + '”' for a in unfiled], options, '个')}政务新媒体"
                               f"未在全国政务新媒体信息报送系统完成备案，不符合“先备案、再开设”的管理要求。"})
    return groups


def _key_site(s: dict[str, Any]) -> str:
    return s["site_code"] or s["url"] or s["name"]


def _key_account(a: dict[str, Any]) -> str:
    return a.get("key") or f"{a['platform']}:{a['name']}:{a['organizer']}"


def comparison(result: dict[str, Any], previous: dict[str, Any] | None, cur_sites: dict, cur_accounts: dict,
               options: ReportOptions) -> dict[str, Any] | None:
    """Quarter over quarter: rates, units named again (再次点名), units rectified (已整改)."""
    if previous is None:
        return None
    prev_sites = _site_facts(previous["sites"], options)
    prev_accounts = _account_facts(previous["accounts"], options)
    prev_as_of = date.fromisoformat(previous["as_of"])
    label = options.previous_label or f"{prev_as_of.year}年第{CN_QUARTERS[quarter_of(prev_as_of)]}季度"

    def matched(key, prev_units, cur_units):
        prev_bad = {key(u) for u in prev_units if u["result"] == Verdict.FAILED}
        again = [u["name"] for u in cur_units if u["result"] == Verdict.FAILED and key(u) in prev_bad]
        fixed = [u["name"] for u in cur_units if u["result"] == Verdict.QUALIFIED and key(u) in prev_bad]
        return again, fixed

    sites_again, sites_fixed = matched(_key_site, previous["sites"], result["sites"])
    acc_again, acc_fixed = matched(_key_account, previous["accounts"], result["accounts"])
    return {
        "label": label,
        "site_rate_before": prev_sites["pass_rate"], "site_rate_now": cur_sites["pass_rate"],
        "site_change": points_change(prev_sites["pass_rate_value"], cur_sites["pass_rate_value"]),
        "account_rate_before": prev_accounts["pass_rate"], "account_rate_now": cur_accounts["pass_rate"],
        "account_change": points_change(prev_accounts["pass_rate_value"], cur_accounts["pass_rate_value"]),
        "sites_again": sites_again, "sites_fixed": sites_fixed,
        "accounts_again": acc_again, "accounts_fixed": acc_fixed,
        "sites_again_named": named(sites_again, options), "sites_fixed_named": named(sites_fixed, options),
        # with the noun (a user's older template keeps printing "*_named" followed by its own "网站")
        "sites_again_units": named_sites(sites_again, options), "sites_fixed_units": named_sites(sites_fixed, options),
        "accounts_again_named": named(['“' + n + '”' for n in acc_again], options, "个"),
        "accounts_fixed_named": named(['“' + n + '”' for n in acc_fixed], options, "个"),
    }


def notice_facts(result: dict[str, Any], options: ReportOptions,
                 previous: dict[str, Any] | None = None, annex_titles: list[str] | None = None) -> dict[str, Any]:
    as_of = date.fromisoformat(result["as_of"])
    year = options.year or as_of.year
    quarter = options.quarter or quarter_of(as_of)
    period = f"{year}年第{CN_QUARTERS[quarter]}季度"
    sites = _site_facts(result["sites"], options)
    accounts = _account_facts(result["accounts"], options)
    has_sites, has_accounts = bool(result["sites"]), bool(result["accounts"])
    subject = "政府网站和政务新媒体" if has_sites and has_accounts else ("政务新媒体" if has_accounts else "政府网站")
    regions = region_order(result["accounts"], options)
    site_groups = _site_problem_groups(result["sites"], sites["assessed"], options, result["rulebook"])
    account_groups = _account_problem_groups(result["accounts"], regions, options, result["rulebook"])
    pending = pending_summary(result)
    return {
        "title": options.title or f"关于{period}{options.region_name}{subject}抽查情况的通报",
        "period": period, "year": year, "quarter": quarter, "subject": subject,
        "as_of": cn_date(as_of), "region_name": options.region_name,
        "office": options.issuing_office, "addressees": options.addressees,
        "date": options.date or BLANK_DATE,
        "deadline": options.deadline, "contacts": options.contacts,
        "requirements": list(options.requirements),
        "sites": sites, "accounts": accounts, "has_sites": has_sites, "has_accounts": has_accounts,
        "problem_groups": site_groups + account_groups,
        "comparison": comparison(result, previous, sites, accounts, options),
        "annexes": annex_titles or [],
        "not_assessed_annex": "附件",
        "rulebook_title": result["rulebook"].get("title", ""),
        # undecided needs_review findings: the notice is a draft ("" when everything is decided)
        "draft": draft_notice(pending),
        "pending": {"sites": pending.sites, "accounts": pending.accounts, "veto_sites": pending.veto_sites,
                    "veto_accounts": pending.veto_accounts},
    }
