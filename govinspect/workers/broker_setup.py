"""One dramatiq Redis broker per process, configured from a URL (never a hidden global default)."""
from __future__ import annotations

import threading

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AsyncIO

QUEUE = "govinspect-units"
_configured: dict[tuple[str, int], RedisBroker] = {}
_lock = threading.Lock()


def use_redis(url: str, heartbeat_s: float = 60.0) -> RedisBroker:
    """The broker for ``url``, made the global one (actors bind to it when first imported).

    ``heartbeat_s``: how long a worker may be silent before the messages it held are given to others
    (a SIGKILLed worker's site is redelivered after this). Requeueing dead workers' messages is broker
    maintenance; it runs on one command in ten here (dramatiq's default, one in a thousand, leaves a
    killed worker's site waiting for many minutes on a queue of long jobs, where commands are few)."""
    key = (url, int(heartbeat_s * 1000))
    with _lock:
        if key not in _configured:
            broker = RedisBroker(url=url, heartbeat_timeout=key[1], maintenance_chance=100_000)
            broker.add_middleware(AsyncIO())
            _configured[key] = broker
        broker = _configured[key]
        dramatiq.set_broker(broker)
        return broker


def outstanding(broker: RedisBroker) -> int:
    """Messages of our queue anywhere in Redis: waiting, delayed for a retry, or held by a worker."""
    return int(broker.do_qsize(QUEUE))
