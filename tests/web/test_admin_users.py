"""Admin pages for users (create, role/organizer from the registry's pick-list, password reset, disable),
admins only, CSRF-protected; `govinspect user` warns on an organizer no registry unit has."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .auth_server import try_login
from .live_dashboard import LiveDashboard, fixture_result


def test_only_admins_reach_the_admin_pages(dashboard: LiveDashboard) -> None:
    for name in ("shenhe", "jiaoyu"):
        c, token = dashboard.login(name)
        for path in ("/admin/users", "/admin/audit", "/admin/audit.csv"):
            assert c.get(path).status_code == 403, (name, path)
        r = c.post("/admin/users", data={"username": "x1", "password": "Some-pass-2020", "role": "admin",
                                         "csrf_token": token})
        assert r.status_code == 403
        assert "/admin/users" not in c.get("/runs").text          # no admin link in their header
    assert dashboard.client().get("/admin/users").status_code == 303   # anonymous → login


def test_admin_creates_a_unit_account_from_the_pick_list(dashboard: LiveDashboard) -> None:
    admin, token = dashboard.login("admin")
    page = admin.get("/admin/users").text
    organizers = sorted({s["organizer"] for s in fixture_result()["sites"]})
    for o in organizers:
        assert f"<option>{o}</option>" in page
    assert 'href="/admin/users"' in admin.get("/runs").text     # the header links the admin pages
    # an organizer typed in (not one of the registry's units) is refused and nothing is created
    r = admin.post("/admin/users", data={"username": "caizheng", "password": "Unit-pass-cz-1", "role": "unit",
                                         "organizer": "嘉鱼县财政所", "csrf_token": token})
    assert r.status_code == 400 and "请从列表中选择登记册中的主办单位" in r.text
    _c, r = try_login(dashboard.base_url, "caizheng", "Unit-pass-cz-1")
    assert r.status_code == 401
    r = admin.post("/admin/users", data={"username": "caizheng", "password": "Unit-pass-cz-1", "role": "unit",
                                         "organizer": "嘉鱼县财政局", "csrf_token": token})
    assert r.status_code == 303
    unit, r = try_login(dashboard.base_url, "caizheng", "Unit-pass-cz-1")
    assert r.status_code == 303
    listing = unit.get(f"/runs/{dashboard.run_id}").text
    assert "嘉鱼县财政局" in listing and "咸宁市教育局" not in listing
    # without the CSRF token nothing happens
    r = admin.post("/admin/users", data={"username": "x2", "password": "Some-pass-2020", "role": "reviewer"})
    assert r.status_code == 403
    for bad, why in (({"username": "x3", "password": "short", "role": "reviewer"}, "8 位"),
                     ({"username": "caizheng", "password": "Some-pass-2020", "role": "reviewer"}, "已存在"),
                     ({"username": "x4", "password": "Some-pass-2020", "role": "root"}, "未知角色")):
        r = admin.post("/admin/users", data={**bad, "csrf_token": token})
        assert r.status_code == 400 and why in r.text


def test_role_password_and_status_changes(dashboard: LiveDashboard) -> None:
    admin, token = dashboard.login("admin")
    post = lambda path, **form: admin.post(path, data={**form, "csrf_token": token})
    assert post("/admin/users/role", username="shenhe", role="unit", organizer="咸宁市教育局").status_code == 303
    c, r = try_login(dashboard.base_url, "shenhe")
    assert r.status_code == 303 and "咸宁市人民政府办公室" not in c.get(f"/runs/{dashboard.run_id}").text
    assert post("/admin/users/password", username="shenhe", password="Another-pass-9").status_code == 303
    assert try_login(dashboard.base_url, "shenhe")[1].status_code == 401
    assert try_login(dashboard.base_url, "shenhe", "Another-pass-9")[1].status_code == 303
    assert post("/admin/users/disable", username="shenhe", disabled="1").status_code == 303
    assert "已停用" in admin.get("/admin/users").text
    assert try_login(dashboard.base_url, "shenhe", "Another-pass-9")[1].status_code == 401
    assert post("/admin/users/disable", username="shenhe", disabled="0").status_code == 303
    assert try_login(dashboard.base_url, "shenhe", "Another-pass-9")[1].status_code == 303
    # an admin cannot lock themselves out; unknown users are named, not a traceback
    for path, form, why in (("/admin/users/disable", {"username": "admin", "disabled": "1"}, "不能停用自己"),
                            ("/admin/users/role", {"username": "admin", "role": "reviewer"}, "不能降级自己"),
                            ("/admin/users/password", {"username": "ghost", "password": "Whatever-99"}, "不存在")):
        r = post(path, **form)
        assert r.status_code == 400 and why in r.text, path
    assert admin.get("/admin/users").status_code == 200


def test_cli_user_warns_on_an_organizer_no_unit_has(seeded_store_url: str, tmp_path: Path) -> None:
    def user(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "govinspect", "--db", seeded_store_url, "user", *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)

    typo = user("jyj2", "--role", "unit", "--organizer", "咸宁市教育厅", "--password", "Unit-pass-jyj-2")
    assert typo.returncode == 0 and "已创建用户 jyj2" in typo.stdout
    assert "警告" in typo.stdout and "咸宁市教育厅" in typo.stdout and "不匹配" in typo.stdout
    good = user("jyj3", "--role", "unit", "--organizer", " 咸宁市教育局 ", "--password", "Unit-pass-jyj-3")
    assert good.returncode == 0 and "警告" not in good.stdout
    dup = user("jyj3", "--role", "reviewer", "--password", "Unit-pass-jyj-3")
    assert dup.returncode != 0 and "已存在" in (dup.stdout + dup.stderr) and "Traceback" not in dup.stderr
