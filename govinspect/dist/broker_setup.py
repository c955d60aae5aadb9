"""One dramatiq Redis broker per process, configured from a URL (never a hidden global default)."""
from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AsyncIO

_configured: dict[str, RedisBroker] = {}


def use_redis(url: str) -> RedisBroker:
    if url not in _configured:
        broker = RedisBroker(url=url)
        broker.add_middleware(AsyncIO())
        _configured[url] = broker
    broker = _configured[url]
    dramatiq.set_broker(broker)
    return broker
