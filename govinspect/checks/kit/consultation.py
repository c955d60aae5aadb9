"""What the 互动交流 checks share: recognising a 政务咨询 channel (not 信访/纪检举报, V5a)."""
from __future__ import annotations

import re

from govinspect.model.artifacts import SiteArtifacts

# section names such as 互动交流/政民互动 are not channels: their sub-columns may be 访谈 and 征集 only
CHANNEL = re.compile(r"咨询|留言|信箱|意见箱|建言|问政|诉求|12345|我要写信|网上问答|民意征集")
SPECIAL = re.compile(r"信访|纪检|举报|监察")
ENTRY_MAX = 16          # an entry (menu item, button), not an article title mentioning 咨询


def consultation_entries(artifacts: SiteArtifacts) -> list[str]:
    """URLs of columns/links that look like an effective 咨询建言 channel."""
    found = [c.url for c in artifacts.columns or []
             if (c.column_type == "consultation" or CHANNEL.search(c.name)) and not SPECIAL.search(c.name)]
    found += [link.url for link in artifacts.links or []
              if link.tag == "a" and not link.hidden_hints and len(link.text or link.title) <= ENTRY_MAX
              and CHANNEL.search(link.text or link.title) and not SPECIAL.search(link.text or link.title)]
    return list(dict.fromkeys(found))


NEAR_CHANNEL = re.compile(r"征求意见|意见征集|征集意见")


def near_channels(artifacts: SiteArtifacts) -> set[str]:
    """Entries that may double as a 建言 channel (征求意见, 意见征集) without being one by name."""
    names = {c.name for c in artifacts.columns or [] if NEAR_CHANNEL.search(c.name)}
    names |= {link.text for link in artifacts.links or []
              if link.tag == "a" and not link.hidden_hints and link.text and len(link.text) <= ENTRY_MAX
              and NEAR_CHANNEL.search(link.text)}
    return names
