"""Local accounts: salted scrypt hashes, validation of roles and unit organizers."""
from __future__ import annotations

import asyncio

import pytest

from govinspect.store import Store
from govinspect.web.manage_users import create_user
from govinspect.web.passwords import hash_password, verify_password


def test_hash_is_salted_and_verifies() -> None:
    a, b = hash_password("Review-pass-2020"), hash_password("Review-pass-2020")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("Review-pass-2020", a)
    assert not verify_password("review-pass-2020", a)
    assert not verify_password("x", "garbage")


def test_create_user_rules(store_url: str) -> None:
    async def go() -> None:
        store = await Store.open(store_url)
        try:
            await create_user(store, "shenhe", "Review-pass-2020", "reviewer")
            with pytest.raises(ValueError, match="已存在"):
                await create_user(store, "shenhe", "Review-pass-2020", "reviewer")
            with pytest.raises(ValueError, match="主办单位"):
                await create_user(store, "unit1", "Unit-pass-2020", "unit")
            with pytest.raises(ValueError, match="未知角色"):
                await create_user(store, "x", "Some-pass-2020", "root")
            with pytest.raises(ValueError, match="8 位"):
                await create_user(store, "y", "short", "admin")
            user = await store.get_user("shenhe")
            assert user["role"] == "reviewer" and "Review-pass" not in user["password_hash"]
            assert verify_password("Review-pass-2020", user["password_hash"])
        finally:
            await store.close()
    asyncio.run(go())
