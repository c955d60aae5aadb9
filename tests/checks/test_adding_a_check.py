"""docs/adding_a_check.md, executed: in a temporary copy of the package a toy check is added as the page says
(one module + one YAML fixture, then the generator), and the catalogue, the fixture runner, the declared-
artifact test and the catalogue tests take it, with no other file of the package edited by hand."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOY = "missing_sitemap"

MODULE = '''"""A toy check written by tests/checks/test_adding_a_check.py, following docs/adding_a_check.md."""
from __future__ import annotations

import re

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import homepage_unread, make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.check_ids import SITE_WIDE
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_sitemap", name="无网站地图", subject="全站",
    title="网站地图", failure_title="未提供网站地图",
    description="示例检查：首页及已采集页面上没有“网站地图”链接时判为不合格。",
    requires=("links",),
    optional=("homepage",),
    automation="H")

SITEMAP = re.compile(r"网站地图|站点地图")


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if (unread := homepage_unread(SPEC.id, artifacts)):
        return unread
    if any(SITEMAP.search(link.text or "") for link in artifacts.links or []):
        return []
    return [make(SPEC.id, SITE_WIDE, ctx, url=artifacts.url, location="全站", message="未提供网站地图",
                 links=len(artifacts.links or []))]
'''

FIXTURE = '''check: missing_sitemap
cases:
  - name: no sitemap link
    as_of: 2020-07-17
    artifacts:
      links: [{url: "http://www.xianning.gov.cn/zwgk/", text: 政务公开, position: nav}]
    expect: [{subject: 全站, status: fail}]
  - name: a sitemap link in the footer
    as_of: 2020-07-17
    artifacts:
      links: [{url: "http://www.xianning.gov.cn/map/", text: 网站地图, position: footer}]
    expect: []
  - name: links not gathered
    as_of: 2020-07-17
    artifacts: {}
    expect: [{subject: 未能检测, status: error}]
  - name: a site that refused us is not judged
    as_of: 2020-07-17
    artifacts:
      blocked: true
      gather_errors: ["HTTP 403"]
      links: []
    expect: [{subject: 未能检测, status: error}]
'''

GENERATED = {"govinspect/model/check_table.json", "govinspect/scoring/check_evidence_keys.json", "docs/checks.md"}
TESTS = ("test_check_fixtures.py", "test_check_catalogue.py", "test_declared_artifacts.py", "test_check_docs.py")


def _digests(base: Path) -> dict[str, str]:
    return {str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def test_a_new_check_is_one_module_and_one_fixture(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "govinspect", copy / "govinspect", ignore=ignore)
    shutil.copytree(ROOT / "tests" / "checks" / "fixtures", copy / "tests" / "checks" / "fixtures")
    for name in TESTS:
        shutil.copy(ROOT / "tests" / "checks" / name, copy / "tests" / "checks" / name)
    (copy / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "generate_check_docs.py", copy / "scripts")
    (copy / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "checks.md", copy / "docs")
    before = _digests(copy)

    # steps 2 and 3 of the page: the module and its fixture
    (copy / "govinspect" / "checks" / "site" / f"{TOY}.py").write_text(MODULE, encoding="utf-8")
    (copy / "tests" / "checks" / "fixtures" / f"{TOY}.yaml").write_text(FIXTURE, encoding="utf-8")
    # step 4: regenerate the tables and docs
    gen = _run(["scripts/generate_check_docs.py"], copy)
    assert gen.returncode == 0, gen.stderr

    probe = ("import govinspect; from govinspect.checks.catalogue import all_checks; "
             "from govinspect.model.check_ids import WEBSITE_CHECKS; "
             f"print(govinspect.__file__, {TOY!r} in all_checks(), WEBSITE_CHECKS.get({TOY!r}))")
    found = _run(["-c", probe], copy)
    assert found.returncode == 0, found.stderr
    where, discovered, subject = found.stdout.split()
    assert where.startswith(str(copy)), "the copy, not the working tree, was imported"
    assert discovered == "True" and subject == "全站"
    assert TOY in (copy / "docs" / "checks.md").read_text(encoding="utf-8")

    tests = _run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/checks"], copy)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    ran = _run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/checks/test_check_fixtures.py",
                "-k", TOY], copy)
    assert "4 passed" in ran.stdout, ran.stdout[-2000:]

    after = _digests(copy)
    added = set(after) - set(before)
    changed = {p for p in before if after.get(p) != before[p]}
    assert added == {f"govinspect/checks/site/{TOY}.py", f"tests/checks/fixtures/{TOY}.yaml"}, added
    assert changed <= GENERATED, f"files edited beyond the generated tables: {sorted(changed - GENERATED)}"


def _code_blocks(doc: str, lang: str) -> list[str]:
    """The page's fenced ``lang`` blocks, dedented (they sit inside a numbered list)."""
    fence = re.compile(rf"^( *)```{lang}\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
    return [textwrap.dedent(m.group(2)) for m in fence.finditer(doc)]


def test_the_page_s_own_code_runs_against_the_package() -> None:
    """The module and fixture the page shows are the real API: its imports resolve, its SPEC builds and
    declares real artifact fields, and its fixture case builds artifacts through the fixture runner."""
    import dataclasses
    import importlib.util
    from datetime import date

    import yaml

    from govinspect.checks.check_spec import CheckSpec
    from govinspect.model.artifacts import SiteArtifacts

    doc = (ROOT / "docs" / "adding_a_check.md").read_text(encoding="utf-8")
    (module,) = _code_blocks(doc, "python")
    space: dict = {}
    exec(compile(module, "docs/adding_a_check.md", "exec"), space)  # noqa: S102 - the page's own example
    spec = space["SPEC"]
    assert isinstance(spec, CheckSpec) and callable(space["run"])
    fields = {f.name for f in dataclasses.fields(SiteArtifacts)}
    assert set(spec.requires) | set(spec.optional) <= fields
    (fixture_text,) = _code_blocks(doc, "yaml")
    fixture = yaml.safe_load(fixture_text)
    assert fixture["check"] == spec.id
    path = Path(__file__).with_name("test_check_fixtures.py")
    loader = importlib.util.spec_from_file_location("check_fixture_cases_doc", path)
    runner = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(runner)
    for case in fixture["cases"]:
        built = runner.build_artifacts(spec.target, case["artifacts"], date.fromisoformat(str(case["as_of"])))
        assert not built.missing(spec.requires), case["name"]
    # the steps name the files and the command the test above uses
    for named in ("python scripts/generate_check_docs.py", "tests/checks/fixtures/<check_id>.yaml", *GENERATED):
        assert named in doc, named
