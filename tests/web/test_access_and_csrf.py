"""Roles, unit isolation by guessed URLs, CSRF on every form, session cookie flags — over real HTTP."""
from __future__ import annotations

from urllib.parse import quote

from .live_dashboard import CSRF_RE, LiveDashboard

OTHER_SITE = "4212000001"     # 咸宁市人民政府 (another organizer)
OWN_SITE = "4212000002"       # 咸宁市教育局
OTHER_ACCOUNT = quote("微信:咸宁林业:咸宁市林业局", safe="")


def test_unit_user_cannot_read_or_change_another_units_site(dashboard: LiveDashboard) -> None:
    c, token = dashboard.login("jiaoyu")
    run = f"/runs/{dashboard.run_id}"
    own = c.get(f"{run}/sites/{OWN_SITE}")
    assert own.status_code == 200 and "咸宁市教育局" in own.text
    listing = c.get(run).text
    assert "咸宁市教育局" in listing and "咸宁市人民政府" not in listing and "咸宁林业" not in listing
    for path in (f"{run}/sites/{OTHER_SITE}", f"{run}/sites/4212000003", f"{run}/accounts/{OTHER_ACCOUNT}",
                 f"{run}/sites/{OTHER_SITE}/screenshot/abc"):
        r = c.get(path)
        assert r.status_code == 404, path
        assert "咸宁市人民政府" not in r.text and "spam" not in r.text
    before = dashboard.decisions()
    fp = "anything"
    for form in ({"key": OTHER_SITE, "action": "dismiss", "fingerprint": fp, "reason": "x"},
                 {"key": OTHER_SITE, "action": "add", "subject": "s", "message": "m"}):
        r = c.post(f"{run}/review/site", data={**form, "csrf_token": token})
        assert r.status_code == 404
    # a unit may not decide even on its own site (decisions are the inspectors')
    r = c.post(f"{run}/review/site", data={"key": OWN_SITE, "action": "add", "subject": "s", "message": "m",
                                           "csrf_token": token})
    assert r.status_code == 403
    r = c.post(f"{run}/rectification", data={"kind": "site", "key": OTHER_SITE, "state": "已整改",
                                             "deadline": "2020-08-01", "csrf_token": token})
    assert r.status_code == 404
    assert c.post(f"{run}/recheck/{OTHER_SITE}", data={"csrf_token": token}).status_code == 404
    assert c.post(f"{run}/report", data={"formats": "docx", "csrf_token": token}).status_code == 403
    assert c.get(f"{run}/decisions.json").status_code == 403
    assert dashboard.decisions() == before


def test_forms_without_csrf_token_are_refused(dashboard: LiveDashboard) -> None:
    c, token = dashboard.login("shenhe")
    run = f"/runs/{dashboard.run_id}"
    page = c.get(f"{run}/sites/{OTHER_SITE}").text
    fp = page.split('data-fingerprint="', 1)[1].split('"', 1)[0]
    form = {"key": OTHER_SITE, "action": "dismiss", "fingerprint": fp, "reason": "误报"}
    for sent in ({}, {"csrf_token": ""}, {"csrf_token": token[:-2] + "xx"}):
        r = c.post(f"{run}/review/site", data={**form, **sent})
        assert r.status_code == 403 and "CSRF" in r.text
    r = c.post(f"{run}/review/site", data=form, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403
    for path, data in ((f"{run}/rectification", {"kind": "site", "key": OTHER_SITE, "deadline": "2020-08-01"}),
                       (f"{run}/report", {"formats": "docx"}), ("/logout", {})):
        assert c.post(path, data=data).status_code == 403, path
    assert dashboard.decisions() == []
    # a fresh client (other session) cannot use this session's token either
    other = dashboard.client()
    other.get("/login")
    assert other.post("/login", data={"username": "shenhe", "password": "Review-pass-2020",
                                      "csrf_token": token}).status_code == 403
    # the same request with the token (form field, or header as htmx sends it) is accepted
    assert c.post(f"{run}/review/site", data={**form, "csrf_token": token}).status_code == 303
    r = c.post(f"{run}/review/site", data={**form, "action": "confirm"},
               headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert r.status_code == 200 and 'id="unit-head"' in r.text
    assert [d["action"] for d in dashboard.decisions()] == ["dismiss", "confirm"]


def test_session_cookie_flags_and_login(dashboard: LiveDashboard) -> None:
    c = dashboard.client()
    assert c.get("/runs").status_code == 303                 # anonymous → login
    page = c.get("/login")
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["Content-Security-Policy"]
    token = CSRF_RE.search(page.text).group(1)
    bad = c.post("/login", data={"username": "shenhe", "password": "wrong", "csrf_token": token})
    assert bad.status_code == 401 and "用户名或密码不正确" in bad.text
    r = c.post("/login", data={"username": "shenhe", "password": "Review-pass-2020", "csrf_token": token})
    cookie = r.headers["set-cookie"].lower()
    assert r.status_code == 303 and "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    # the pre-login token is replaced at login (session fixation / login CSRF)
    assert CSRF_RE.search(c.get("/runs").text).group(1) != token
