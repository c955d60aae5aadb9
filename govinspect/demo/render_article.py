"""The main part of detail pages: articles (policy documents and 解读 with their 双向关联 links), 留言,
办事指南 and 机构 entries, including the item-level plants (wording errors, missing 来源, attachments)."""
from __future__ import annotations

from html import escape

from govinspect.demo import personal_data_plants
from govinspect.demo.city_model import DemoColumn, DemoSite
from govinspect.demo.page_skins import Skin
from govinspect.demo.prose import interpretation_opening, paragraphs, pick, policy_opening
from govinspect.demo.site_content import Item, SiteContent


def wording_sentence(wrong: str) -> str:
    """A natural sentence carrying a planted wording error."""
    if wrong.endswith(("总局", "委员会", "部")):
        return f"根据{wrong}有关文件要求，各单位要认真开展自查自纠，切实抓好整改落实。"
    if wrong.startswith("国务院"):
        return f"{wrong}在湖北调研时强调，要统筹做好经济社会发展各项工作。"
    return f"会议要求，要深入学习贯彻{wrong}新时代中国特色社会主义思想，坚决落实各项工作部署。"


class ArticleMain:
    def __init__(self, site: DemoSite, content: SiteContent, skin: Skin):
        self.site, self.c, self.skin = site, content, skin

    def render(self, col: DemoColumn, index: int, item: Item, plant: dict, source: str | None) -> str:
        if col.kind == "messages":
            return self._message(col, index, item.title)
        if col.kind == "guides":
            return self._guide(index, item.title)
        if col.kind == "orgs":
            return self._org(index, item.title)
        return self._article_body(col, index, item, plant, source)

    def _article_body(self, col: DemoColumn, index: int, item: Item, plant: dict, source: str | None) -> str:
        site, c = self.site, self.c
        key = f"{c.key}|{col.cid}|{index}"
        index_no = f"{site.site_code[:6]}{col.cid:03d}/{item.date.year}-{index + 1:05d}"
        paras = paragraphs(key, site.unit, 3 + pick(f"{c.key}{index}", 3), c.topic(col, index))
        info = self.skin.article_info(item.title, item.date, site.unit, source, index_no)
        if col.column_type == "policy":
            number, written = c.policy_facts(col, index)
            info = self.skin.article_info(item.title, item.date, site.unit, source, index_no, number, written)
            info += f'<p class="wenhao">{number}</p>'
            paras = [policy_opening(item.title, key)] + paras[:2] + ["（此件公开发布）"]
            plant = {**plant, "attachment_link": plant.get("attachment_link")
                     or f"/uploadfiles/zcwj/{item.date:%Y%m}/fj_{col.cid}_{index + 1}.pdf"}
        elif col.column_type == "interpretation" and site.interp_policies:
            policy = site.columns_of_type("policy")[0]
            paras = interpretation_opening(c.title(policy, site.interp_policies[index]))
        if plant.get("wording"):
            paras.insert(1, wording_sentence(plant["wording"]))
        body = "".join(f"<p>{escape(p)}</p>" for p in paras)
        if plant.get("personal_table"):
            body += personal_data_plants.page_table(key)
        if plant.get("office_contact"):
            body += personal_data_plants.office_contact()
        if col.slug.endswith("tpxw"):       # 图片新闻 carry a photo (link checks cover images too)
            body = (f'<p style="text-align:center"><img src="/images/news/{item.date:%Y%m}/{col.cid}_{index}.jpg" '
                    f'alt="{escape(item.title)}" width="600"></p>') + body
        related = self._related(col, index)
        if plant.get("attachment_link"):
            name = "附件1" + plant["attachment_link"][plant["attachment_link"].rfind("."):]
            related += f'<p>附件：<a href="{plant["attachment_link"]}">{name}</a></p>'
        return f'<div class="article">{info}<div class="content" id="zoom">{body}</div>{related}</div>'

    def _related(self, col: DemoColumn, index: int) -> str:
        """Policy ↔ 解读 links (双向关联), unless a plant removes one direction."""
        site, c, p = self.site, self.c, self.site.plants
        interp_cols, policy_cols = site.columns_of_type("interpretation"), site.columns_of_type("policy")
        if not interp_cols or not policy_cols:
            return ""
        if col.column_type == "policy" and col is policy_cols[0]:
            if index in p.interp_no_link_from_policy or index not in site.interp_policies:
                return ""
            k = site.interp_policies.index(index)
            it = c.item(interp_cols[0], k)
            return f'<div class="related"><h3>相关解读</h3><a href="{it.path}">{escape(it.title)}</a></div>'
        if col.column_type == "interpretation" and col is interp_cols[0]:
            policy_index = site.interp_policies[index]
            if policy_index in p.interp_no_link_to_policy:
                return ""
            it = c.item(policy_cols[0], policy_index)
            return f'<div class="related"><h3>相关文件</h3><a href="{it.path}">{escape(it.title)}</a></div>'
        return ""

    def _message(self, col: DemoColumn, index: int, title: str) -> str:
        return self.skin.message_html(title, self.c.message(col, index))

    def _guide(self, index: int, title: str) -> str:
        present = self.c.guide_elements(index)
        name = title.removesuffix("办事指南")
        values = {
            "事项名称": name, "设定依据": "《中华人民共和国行政许可法》及相关法律法规",
            "申请条件": "符合法律法规规定条件的公民、法人或者其他组织", "办理材料": "1.申请表；2.身份证明材料；3.其他相关材料",
            "办理地点": f"{self.site.place}政务服务中心{1 + index % 3}号窗口", "办理机构": self.site.unit,
            "收费标准": "不收费", "办理时间": "工作日上午8:30-12:00，下午14:30-17:30",
            "联系电话": self.site.contact_phone, "办理流程": "申请—受理—审查—决定—送达",
        }
        form = f'<p>表格下载：<a href="/uploadfiles/bszn/sqb_{index + 1}.doc">申请表.doc</a></p>'
        return self.skin.guide_html(title, [(k, escape(values[k])) for k in present], form)

    def _org(self, index: int, title: str) -> str:
        contact = (f"<p>办公地址：{escape(self.site.place)}温泉路{30 + index}号</p>"
                   f"<p>联系电话：{self.site.contact_phone[:-2]}{10 + index:02d}</p>") \
            if self.c.org_has_contacts(index) else ""
        return (f'<div class="org"><h1>{escape(title)}</h1><p>主要职责：负责{escape(title)}日常工作，'
                f"承办领导交办的其他事项。</p><p>负责人：{escape(title[-3:])}负责同志</p>{contact}</div>")
