"""Jinja2 rendering with autoescape always on: crawled strings are only ever shown as text."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import Response

from govinspect.web.check_names import STATUS_NAMES, check_name
from govinspect.web.security import csrf_token

_env = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def safe_href(url: Any) -> str:
    """Only http(s) links become clickable; javascript:/data: URLs from crawled pages stay text."""
    text = str(url or "")
    return text if urlsplit(text).scheme.lower() in ("http", "https") else ""


def fmt_at(value: Any) -> str:
    """ISO timestamps as 2020-07-17 16:10."""
    return str(value or "")[:16].replace("T", " ")


def fmt_score(score: Any) -> str:
    return "—" if score is None else f"{float(score):.1f}"


_env.globals.update(check_name=check_name, status_name=lambda s: STATUS_NAMES.get(s, s), safe_href=safe_href,
                    fmt_score=fmt_score, fmt_at=fmt_at,
                    urlq=lambda s: quote(str(s), safe=""))
templates = Jinja2Templates(env=_env)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    ctx = {"csrf": csrf_token(request), "user": context.get("user"), **context}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
