"""The root-relative fast path of extract.links.absolute_url (a scan hot spot) resolves exactly as urljoin."""
from __future__ import annotations

import random
from urllib.parse import urldefrag, urljoin

from govinspect.extract.links import absolute_url

BASES = ["http://www.hd.gov.cn/", "http://www.hd.gov.cn/xxgk/zcwj/index_3.html", "https://a.b.gov.cn:8443/x/y?z=1",
         "http://u:p@h.gov.cn/a;p?q#f", "http://h.gov.cn?x=1", "http://h.gov.cn", "http://[::1]:8080/a/b/",
         "HTTP://Upper.gov.cn/a/", "http://h.gov.cn/a/b/../c/"]
PARTS = ["", "/", "a", "b.html", "index_1.html", "?x=1", "?u=http://e.com/", "#top", ";jsessionid=1", ".", "..",
         "//", "%2F", "政策", " ", "&y=2", "~u", "\t"]


def _reference(href: str, base: str) -> str | None:
    url, _ = urldefrag(urljoin(base, href.strip().replace("\\", "/")))
    return url if url.lower().startswith(("http://", "https://")) else None


def test_root_relative_links_resolve_like_urljoin() -> None:
    rng = random.Random(7)
    hrefs = ["/", "/a", "/a/b.html", "/a/b/?x=1#f", "/a#", "/?x", "/a;p?q", "/政策/文件.html", "/a b"]
    hrefs += ["/" + "".join(rng.choice(PARTS) for _ in range(rng.randint(1, 5))) for _ in range(800)]
    for base in BASES:
        for href in hrefs:
            if "\t" in href:     # absolute_url strips tab/CR/LF inside URLs first, as browsers do
                continue
            expected = _reference(href, base)
            assert absolute_url(href, base) == expected, (href, base)
