"""Dashboard accounts (CLI, admin pages, tests): admin, reviewer, or unit (自查, one 主办单位).

Every change of password, role, organizer or status ends the user's sessions in the same transaction.
"""
from __future__ import annotations

from govinspect.store import Store, access_store
from govinspect.web.passwords import hash_password
from govinspect.web.security import same_organizer

ROLES = {"admin": "管理员", "reviewer": "检查人员", "unit": "被检查单位"}


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise ValueError("密码至少 8 位")


def _check_role(role: str, organizer: str) -> None:
    if role not in ROLES:
        raise ValueError(f"未知角色 {role!r}；可选 {', '.join(ROLES)}")
    if role == "unit" and not organizer.strip():
        raise ValueError("单位账号必须指定主办单位（organizer），它只能看到本单位的网站和账号")


async def create_user(store: Store, username: str, password: str, role: str, organizer: str = "") -> None:
    username = username.strip()
    if not username:
        raise ValueError("用户名不能为空")
    if len(username) > 100:
        raise ValueError("用户名不能超过 100 个字符")
    _check_role(role, organizer)
    _check_password(password)
    if await store.get_user(username) is not None:
        raise ValueError(f"用户 {username} 已存在")
    await store.add_user(username, hash_password(password), role, organizer.strip() if role == "unit" else "")


async def _existing(store: Store, username: str) -> dict:
    user = await store.get_user(username)
    if user is None:
        raise ValueError(f"用户 {username} 不存在")
    return user


async def set_role(store: Store, username: str, role: str, organizer: str = "") -> None:
    await _existing(store, username)
    _check_role(role, organizer)
    await access_store.update_user(store, username, role=role,
                                   organizer=organizer.strip() if role == "unit" else "")


async def reset_password(store: Store, username: str, password: str) -> None:
    await _existing(store, username)
    _check_password(password)
    await access_store.update_user(store, username, password_hash=hash_password(password))


async def set_disabled(store: Store, username: str, disabled: bool) -> None:
    await _existing(store, username)
    await access_store.update_user(store, username, disabled=disabled)


async def known_organizers(store: Store) -> list[str]:
    """The 主办单位 of the registry's sites and accounts: the pick-list for unit accounts."""
    names = {" ".join(s.organizer.split()) for s in await store.list_sites()}
    names |= {" ".join(a.organizer.split()) for a in await store.list_accounts()}
    return sorted(n for n in names if n)


async def organizer_warning(store: Store, organizer: str) -> str:
    """A Chinese warning when a unit account's organizer matches no unit of the registry, else ""."""
    if not organizer.strip():
        return ""
    known = await known_organizers(store)
    if any(same_organizer(organizer, k) for k in known):
        return ""
    if not known:
        return f"警告：登记册为空，无法核对主办单位「{organizer.strip()}」；该账号在导入登记册前看不到任何网站"
    return (f"警告：主办单位「{organizer.strip()}」与登记册中的任何单位都不匹配，该账号将看不到任何网站或账号；"
            "请核对名称（须与登记册“主办单位”一致）")
