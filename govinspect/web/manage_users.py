"""Create dashboard accounts (used by the CLI and by tests): admin, reviewer, or unit (自查, one 主办单位)."""
from __future__ import annotations

from govinspect.store import Store
from govinspect.web.passwords import hash_password

ROLES = {"admin": "管理员", "reviewer": "检查人员", "unit": "被检查单位"}


async def create_user(store: Store, username: str, password: str, role: str, organizer: str = "") -> None:
    username = username.strip()
    if not username:
        raise ValueError("用户名不能为空")
    if role not in ROLES:
        raise ValueError(f"未知角色 {role!r}；可选 {', '.join(ROLES)}")
    if role == "unit" and not organizer.strip():
        raise ValueError("单位账号必须指定主办单位（organizer），它只能看到本单位的网站和账号")
    if len(password) < 8:
        raise ValueError("密码至少 8 位")
    if await store.get_user(username) is not None:
        raise ValueError(f"用户 {username} 已存在")
    await store.add_user(username, hash_password(password), role, organizer.strip())
