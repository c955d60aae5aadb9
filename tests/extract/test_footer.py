"""Footer extraction against the HAND-CHECKED truth in footer_expected.json (62 real pages)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from govinspect.extract.decode_html import decode_html
from govinspect.extract.footer import extract_footer, find_icp, find_police_filing, find_site_code

EXPECTED = json.loads((Path(__file__).parent / "footer_expected.json").read_text("utf-8"))["pages"]


def _icp_number(value: str | None) -> str | None:
    m = re.search(r"ICP备(\d+)", value or "")
    return m.group(1) if m else None


def _digits(value: str | None) -> str | None:
    m = re.search(r"\d{10,16}", value or "")
    return m.group(0) if m else None


def _score(realdata):
    """Per field: (true positives, expected count, reported count, wrong reports)."""
    stats = {f: [0, 0, 0, []] for f in ("site_code", "icp", "police_filing")}
    for page in EXPECTED:
        text, _ = decode_html((realdata / "html" / page["file"]).read_bytes(), None)
        got = extract_footer(text, "http://example.gov.cn/")
        pairs = {
            "site_code": ({page["site_code"]} - {None}, got.site_code),
            "icp": ({_icp_number(v) for v in page["icp"]}, _icp_number(got.icp)),
            "police_filing": ({page["police_filing"]} - {None}, _digits(got.police_filing)),
        }
        for field, (truth, value) in pairs.items():
            s = stats[field]
            s[1] += bool(truth)
            if value is not None:
                s[2] += 1
                if value in truth:
                    s[0] += 1
                else:
                    s[3].append((page["file"], value))
    return stats


def test_footer_fields_recall_and_precision(realdata):
    assert len(EXPECTED) == 62
    stats = _score(realdata)
    for field, (tp, expected, reported, wrong) in stats.items():
        recall = tp / expected
        precision = tp / reported if reported else 1.0
        assert not wrong, (field, wrong)
        assert precision == 1.0, field
        assert recall >= 0.95, (field, recall)


def test_footer_other_items(realdata):
    text, _ = decode_html((realdata / "html/articles/gne_www_gov_cn_article.html").read_bytes(), None)
    info = extract_footer(text, "http://www.gov.cn/")
    assert info.organizer == "国务院办公厅"
    text, _ = decode_html((realdata / "html/clones_mhxqwer/cxwxa.gov.cn.html").read_bytes(), None)
    info = extract_footer(text, "http://www.xa.gov.cn/")
    assert info.organizer == "西安市人民政府办公厅"


def test_footer_synthetic_items():
    html = """<html><body><div class="main">本次活动由市文联主办。</div><div id="footer">
    <span id="_ideConac"><a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="https://dcs.conac.cn/image/red.png"></a></span>
    <a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4201000003"><img alt="我为政府网站找错"></a>
    <p>主办单位：咸宁市人民政府办公室　联系电话：0715-8128000　地址：咸宁市温泉路20号</p>
    <p>网站标识码：4212000001　<a href="https://beian.miit.gov.cn">鄂ICP备05003414号-1</a>
    <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=42120202000001">鄂公网安备 42120202000001号</a></p>
    </div></body></html>"""
    info = extract_footer(html, "http://www.xianning.gov.cn/")
    assert info.conac_badge and info.error_report_entry
    assert info.site_code == "4212000001"
    assert info.icp == "鄂ICP备05003414号-1"
    assert info.police_filing == "鄂公网安备42120202000001号"
    assert info.organizer == "咸宁市人民政府办公室"
    assert "0715-8128000" in info.contact and "温泉路20号" in info.contact


def test_footer_negatives():
    empty = extract_footer("<html><body><p>版权所有</p><!-- 网站标识码：4212000001 鄂ICP备05003414号 --></body></html>",
                           "http://x.gov.cn/")
    assert empty.site_code is None and empty.icp is None and empty.police_filing is None
    assert not empty.conac_badge and not empty.error_report_entry
    assert find_site_code("标识码：42120000012") is None
    assert find_site_code("网站标识码bm01000001") == "bm01000001"
    assert find_icp("赣 ICP 备 17015617 号") == "赣ICP备17015617号"
    assert find_icp("鄂ICP备19031037-2号") == "鄂ICP备19031037-2号"
    assert find_police_filing("公安机关备案号： 36010802000157") == "36010802000157"
    assert find_police_filing("粤公网安备号 44030402003007") == "粤公网安备44030402003007号"


def test_footer_written_by_script_is_flagged(realdata):
    """Pages whose footer comes from footer.js / an empty #footer / a script after <!--页脚-->: a missing
    item there is not proven missing (F3 must not deduct on the static copy alone)."""
    for name in ("lgcwsjkw.sh.gov.cn.html", "dcy.liaoyang.gov.cn.html", "djjiangsu.gov.cn.html",
                 "xhyshanghai.gov.cn.html", "zyjhenan.gov.cn.html"):
        text, _ = decode_html((realdata / "html/clones_mhxqwer" / name).read_bytes(), None)
        info = extract_footer(text, "http://x.gov.cn/")
        assert info.loaded_by_script and info.site_code is None, name
    static = extract_footer("<html><body><div id='footer'><p>网站标识码：4212000001</p></div></body></html>",
                            "http://x.gov.cn/")
    assert not static.loaded_by_script
