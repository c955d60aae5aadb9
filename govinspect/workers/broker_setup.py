"""One dramatiq Redis broker per process, configured from a URL (never a hidden global default)."""
from __future__ import annotations

import threading

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AsyncIO

_configured: dict[str, RedisBroker] = {}
_lock = threading.Lock()


def use_redis(url: str) -> RedisBroker:
    """The broker for ``url``, made the global one (actors bind to it when first imported)."""
    with _lock:
        if url not in _configured:
            broker = RedisBroker(url=url)
            broker.add_middleware(AsyncIO())
            _configured[url] = broker
        broker = _configured[url]
        dramatiq.set_broker(broker)
        return broker
