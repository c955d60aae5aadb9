"""robots.txt via protego: obey, record (crawl but note) or ignore, as Settings.robots says."""
from __future__ import annotations

from protego import Protego

ROBOTS_AGENT = "govinspect"
MAX_ROBOTS_BYTES = 512 * 1024


class RobotsRules:
    def __init__(self, text: str | None, agent: str = ROBOTS_AGENT):
        self.text = text
        self.agent = agent
        self._parser = Protego.parse(text) if text else None

    def allowed(self, url: str) -> bool:
        if self._parser is None:
            return True
        try:
            return bool(self._parser.can_fetch(url, self.agent))
        except Exception:  # noqa: BLE001 - a malformed robots.txt must not stop the crawl
            return True

    def crawl_delay(self) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None
