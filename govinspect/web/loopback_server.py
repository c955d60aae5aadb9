"""The dashboard on 127.0.0.1 in a background thread: for the tests and the screenshot script."""
from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_in_thread(app: Any, timeout_s: float = 20) -> tuple[uvicorn.Server, threading.Thread, str]:
    """(server, thread, base URL); stop with ``server.should_exit = True`` and ``thread.join()``."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + timeout_s
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("dashboard did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"
