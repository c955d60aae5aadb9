"""The loader of real-site material, on a throwaway git repository (no fetched data involved)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.realsites import realsite_material as rm


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    work = tmp_path / "work"
    (work / "site" / "xxgk").mkdir(parents=True)
    (work / "site" / "index.html").write_text("<html>home</html>", encoding="utf-8")
    (work / "site" / "xxgk" / "index.html").write_text("<html>list</html>", encoding="utf-8")
    (work / "other.txt").write_text("not the site", encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x")
    sha = _git(work, "rev-parse", "HEAD")
    mirrors = tmp_path / "mirrors"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / "someone+saved" / "repo.git")], check=True)
    monkeypatch.setenv("GOVINSPECT_REALSITE_MIRRORS", str(mirrors))
    return "someone/saved", sha


def test_materialize_extracts_only_the_site_root(mirror, tmp_path):
    repo, sha = mirror
    site = rm.RealSite("x", {}, repo, sha, "site")
    assert rm.why_absent(site) is None
    root = rm.materialize(site, tmp_path / "out")
    assert root is not None
    assert (root / "index.html").read_text(encoding="utf-8") == "<html>home</html>"
    assert (root / "xxgk" / "index.html").is_file()
    assert not (root / "other.txt").exists()


def test_absent_mirror_or_commit_gives_a_reason_not_an_error(mirror, tmp_path):
    repo, sha = mirror
    missing_repo = rm.RealSite("x", {}, "nobody/nothing", sha, "")
    assert "no mirror" in rm.why_absent(missing_repo)
    assert rm.materialize(missing_repo, tmp_path / "a") is None
    missing_commit = rm.RealSite("x", {}, repo, "0" * 40, "site")
    assert "lacks" in rm.why_absent(missing_commit)
    assert rm.materialize(missing_commit, tmp_path / "b") is None


def test_every_site_folder_names_its_source():
    for name in rm.site_names():
        site = rm.load_site(name)
        assert len(site.commit) == 40, f"{name}: pin the full commit sha"
        assert (rm.HERE / name / "SOURCE.md").is_file(), f"{name}: SOURCE.md missing"


def test_a_blob_the_snapshot_lacks_is_left_out_not_fatal(mirror, tmp_path):
    repo, sha = mirror
    git_dir = rm.find_git_dir(repo)
    blob = _git(tmp_path, f"--git-dir={git_dir}", "rev-parse", f"{sha}:site/xxgk/index.html")
    (git_dir / "objects" / blob[:2] / blob[2:]).unlink()
    site = rm.RealSite("x", {}, repo, sha, "site")
    assert rm.missing_blobs(git_dir, f"{sha}:site") == ["xxgk/index.html"]
    root = rm.materialize(site, tmp_path / "out")
    assert root is not None and (root / "index.html").is_file()
    assert not (root / "xxgk" / "index.html").exists()


def test_prefix_empty_is_the_repository_root(mirror, tmp_path):
    repo, sha = mirror
    site = rm.RealSite("x", {}, repo, sha, "")
    assert rm.why_absent(site) is None
    root = rm.materialize(site, tmp_path / "out")
    assert root is not None and (root / "other.txt").is_file() and (root / "site" / "index.html").is_file()
