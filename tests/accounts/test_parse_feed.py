"""Feed bodies in the forms seen in the wild: encodings, date styles, RSSHub HTML descriptions."""
from __future__ import annotations

from datetime import date

import pytest

from govinspect.gather.feeds.feed_dates import parse_post_date
from govinspect.gather.feeds.parse_feed import parse_feed_bytes


@pytest.mark.parametrize("raw,want", [
    ("Fri, 17 Jul 2020 07:30:00 +0800", date(2020, 7, 17)),
    ("Thu, 16 Jul 2020 23:30:00 GMT", date(2020, 7, 17)),          # 07:30 in Beijing
    ("2020-07-16T23:30:00Z", date(2020, 7, 17)),
    ("2020-07-17 16:10:00", date(2020, 7, 17)),
    ("2020年07月17日", date(2020, 7, 17)),
    ("2020年7月3日 09:12", date(2020, 7, 3)),
    ("2020/7/3", date(2020, 7, 3)),
    ("2020.07.03", date(2020, 7, 3)),
    ("Fri Jul 17 09:30:00 +0800 2020", date(2020, 7, 17)),          # m.weibo.cn created_at
    (1594947600, date(2020, 7, 17)),                                # Unix seconds
    (1594947600000, date(2020, 7, 17)),                             # milliseconds
    ("", None), ("昨天", None), (None, None),
])
def test_post_dates(raw: object, want: date | None) -> None:
    assert parse_post_date(raw) == want


def test_gbk_rss_with_dc_date_and_html_description() -> None:
    body = ('<?xml version="1.0" encoding="gbk"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<channel><title>崇阳发布</title><link>http://x/</link><description>d</description>"
            "<item><title>县委常委会召开</title><link>http://x/1</link><dc:date>2020-07-15T10:00:00+08:00</dc:date>"
            "<description><![CDATA[<p>会议<img src='a.jpg'>强调</p><br>要落实]]></description></item>"
            "</channel></rss>").encode("gbk")
    parsed = parse_feed_bytes(body, "text/xml")
    assert parsed.status == "ok"
    post = parsed.posts[0]
    assert post.published_at == date(2020, 7, 15) and post.title == "县委常委会召开"
    assert post.text == "会议 强调 要落实"


def test_items_sorted_newest_first_and_undated_kept_last() -> None:
    body = ('<rss version="2.0"><channel><title>t</title>'
            "<item><title>旧</title><pubDate>2020-06-01 08:00:00</pubDate></item>"
            "<item><title>无日期</title></item>"
            "<item><title>新</title><pubDate>2020-07-10 08:00:00</pubDate></item></channel></rss>").encode()
    parsed = parse_feed_bytes(body)
    assert parsed.status == "ok" and [p.title for p in parsed.posts] == ["新", "旧", "无日期"]


def test_feed_with_only_undated_items_is_not_evidence() -> None:
    body = b'<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>'
    assert parse_feed_bytes(body).status == "parse_error"


def test_hostile_sizes_are_trimmed() -> None:
    items = "".join(f"<item><title>p{i}</title><pubDate>2020-07-{1 + i % 28:02d} 08:00:00</pubDate>"
                    f"<description>{'字' * (20500 if i == 27 else 10)}</description></item>" for i in range(205))
    parsed = parse_feed_bytes(f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode())
    assert parsed.status == "ok" and len(parsed.posts) == 200 and max(len(p.text) for p in parsed.posts) == 20000


def test_weibo_container_json() -> None:
    body = ('{"ok": 1, "data": {"cards": [{"card_type": 9, "mblog": {"created_at": "Fri Jul 03 09:30:00 +0800 2020",'
            ' "text": "<a href=\'/n/x\'>@咸宁发布</a> 防汛工作"}}, {"card_type": 11}]}}').encode()
    parsed = parse_feed_bytes(body, "application/json")
    assert parsed.status == "ok" and parsed.posts[0].published_at == date(2020, 7, 3)
    assert parsed.posts[0].text == "@咸宁发布 防汛工作"


def test_items_all_stamped_with_the_generator_clock_are_not_evidence() -> None:
    stamp = "Fri, 17 Jul 2020 10:00:00 +0800"
    items = "".join(f"<item><title>t{i}</title><pubDate>{stamp}</pubDate></item>" for i in range(12))
    parsed = parse_feed_bytes(f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode())
    assert parsed.status == "parse_error" and "完全相同" in parsed.detail
    push = "".join(f"<item><title>t{i}</title><pubDate>{stamp}</pubDate></item>" for i in range(8))  # one WeChat push
    assert parse_feed_bytes(f'<rss version="2.0"><channel><title>t</title>{push}</channel></rss>'.encode()).status == "ok"
    busy_day = "".join(f"<item><title>t{i}</title><pubDate>2020年07月17日</pubDate></item>" for i in range(12))
    assert parse_feed_bytes(f'<rss version="2.0"><channel><title>t</title>{busy_day}</channel></rss>'.encode()).status == "ok"
