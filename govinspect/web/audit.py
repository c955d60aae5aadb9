"""The audit log: who, when, from which address, did what, with what outcome.

Logins, logouts and user administration are recorded by their routes. Every other state-changing request
of a logged-in user (review decisions, 通报 generation, 整改, 复查 …) is recorded by AuditRequests after
the response, with the route's name and the outcome; a review decision is recorded with its number as
the store assigned it (AuditedStore), so a request that saved nothing is never logged as a decision.
"""
from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govinspect.store import Store, access_store
from govinspect.web.server_sessions import now_utc

ACTIONS = {
    "login": "登录成功", "login_failed": "登录失败", "login_refused": "登录被限制", "logout": "退出登录",
    "user_create": "创建用户", "user_disable": "停用用户", "user_enable": "启用用户",
    "password_reset": "重置密码", "password_change": "修改本人密码", "role_change": "修改角色/单位", "sessions_end": "强制下线",
    "unlock": "解除登录锁定", "decision": "复核决定", "report": "生成通报", "rectification": "整改状态",
    "recheck": "复查", "audit_export": "导出审计日志", "request": "其他操作",
}
# routes recorded by AuditRequests (those not listed fall under "request")
_ROUTES = [(re.compile(r"^/runs/[^/]+/review/"), "decision"), (re.compile(r"^/runs/[^/]+/report$"), "report"),
           (re.compile(r"^/runs/[^/]+/rectification"), "rectification"),
           (re.compile(r"^/runs/[^/]+/recheck/"), "recheck")]
_SELF_AUDITED = ("/login", "/logout", "/admin/")
_FORM_FIELDS = ("key", "action", "fingerprint", "state", "deadline", "formats")


@dataclass
class RequestAudit:
    """What the current request wrote that the audit log must name."""
    decisions: list[dict[str, Any]] = field(default_factory=list)


_CURRENT: contextvars.ContextVar[RequestAudit | None] = contextvars.ContextVar("govinspect_audit", default=None)


class AuditedStore(Store):
    """The dashboard's store: notes each decision it appends for the request's audit entry."""

    async def append_decision(self, **kwargs: Any) -> int:
        number = await super().append_decision(**kwargs)
        current = _CURRENT.get()
        if current is not None:
            current.decisions.append({"id": number, **kwargs})
        return number


async def record(request: Request, action: str, *, who: str = "", target: str = "", outcome: str = "成功",
                 detail: str = "") -> None:
    client = request.client.host if request.client else ""
    who = who or str(request.session.get("user") or "")
    await access_store.add_audit(request.app.state.store, at=now_utc(), who=who, client=client, action=action,
                                 target=target, outcome=outcome, detail=detail)


class AuditRequests:
    """Records each state-changing request of a logged-in user once its response status is known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE") \
                or path.startswith(_SELF_AUDITED):
            await self.app(scope, receive, send)
            return
        status = 500
        current = RequestAudit()
        token = _CURRENT.set(current)

        async def note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, note_status)
        finally:
            _CURRENT.reset(token)
            await self._write(scope, path, status, current)

    async def _write(self, scope: Scope, path: str, status: int, current: RequestAudit) -> None:
        request = Request(scope)
        who = str(scope.get("session", {}).get("user") or "")
        if not who:
            return                       # anonymous: refused before anything happened (login redirect / CSRF)
        for d in current.decisions:
            detail = f"第 {d['id']} 号决定：{d.get('action')}"
            if d.get("fingerprint"):
                detail += f" 问题 {d['fingerprint']}"
            await record(request, "decision", who=who, target=str(d.get("unit_key") or ""), detail=detail)
        if current.decisions:
            return
        action = next((name for pattern, name in _ROUTES if pattern.search(path)), "request")
        outcome = "成功" if status < 400 else f"失败（{status}）"
        if action == "decision" and status < 400:
            outcome = "未保存"           # the form was answered with its error; nothing was appended
        form = scope.get("govinspect_form")
        detail = "；".join(f"{k}={','.join(str(v)[:200] for v in form.getlist(k))}"
                          for k in _FORM_FIELDS if form is not None and form.get(k))
        await record(request, action, who=who, target=path, outcome=outcome, detail=detail)
