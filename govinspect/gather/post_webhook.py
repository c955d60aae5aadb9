"""POST one JSON alert to a webhook (generic receivers, 企业微信 and 钉钉 group robots). Never raises: the
error comes back in words so the alert is kept and sent again next round."""
from __future__ import annotations

import json
from typing import Any

import aiohttp


async def post_json(url: str, payload: dict[str, Any], timeout_s: float = 10.0) -> str:
    """'' on a 2xx answer (and, for robots, errcode 0), else why it failed (Chinese)."""
    try:
        body_out = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s)) as session, \
                session.post(url, data=body_out, headers={"Content-Type": "application/json; charset=utf-8"}) as resp:
            body = await resp.read()
            if resp.status >= 300:
                return f"告警接收地址返回 HTTP {resp.status}"
        answer = json.loads(body or b"{}") if body[:1] == b"{" else {}
        if isinstance(answer, dict) and answer.get("errcode") not in (None, 0):
            return f"机器人拒收：{answer.get('errcode')} {answer.get('errmsg', '')}"[:200]
        return ""
    except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
        return f"告警发送失败：{type(exc).__name__} {exc}"[:200]
