"""Real multi-page government sites, read from a fetched mirror and never committed here.

Each site is a folder ``tests/realsites/<short_name>/`` holding only what the project wrote:
``SOURCE.md`` (where the pages come from, for people) and ``truth.yaml`` (the hand-written truth,
see ``docs/accuracy/real_sites.md``). ``truth.yaml`` carries the machine-readable source too::

    source:
      repo: owner/name          # public GitHub repository holding the saved pages
      commit: 0123abc...        # the commit the truth was written against (full sha)
      prefix: some/dir          # folder inside the repository that is the site root ("" = repo root)

The pages stay in the snapshot that the library's ``fetch`` brings to ``/work/.mirror/owner+name/…``
(override the root with ``GOVINSPECT_REALSITE_MIRRORS``). :func:`materialize` copies the site root at
that commit into a temporary folder with ``git archive``; when the mirror or the commit is missing it
returns ``None`` and :func:`why_absent` says why, so tests skip instead of failing. Blobs the snapshot
lists but does not hold (a large image, say) are left out of the copy rather than failing it.
"""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_MIRRORS = Path("/work/.mirror")


@dataclass(frozen=True)
class RealSite:
    name: str  # the folder name under tests/realsites/
    truth: dict
    repo: str
    commit: str
    prefix: str


def mirrors_root() -> Path:
    return Path(os.environ.get("GOVINSPECT_REALSITE_MIRRORS", DEFAULT_MIRRORS))


def site_names() -> list[str]:
    """Every site folder that has a truth file, sorted."""
    return sorted(p.parent.name for p in HERE.glob("*/truth.yaml"))


def load_site(name: str) -> RealSite:
    truth = yaml.safe_load((HERE / name / "truth.yaml").read_text(encoding="utf-8"))
    src = truth.get("source") or {}
    for key in ("repo", "commit"):
        if not src.get(key):
            raise ValueError(f"{name}/truth.yaml: source.{key} is missing")
    return RealSite(name, truth, src["repo"], str(src["commit"]), str(src.get("prefix") or "").strip("/"))


def _git(git_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=False)


def find_git_dir(repo: str) -> Path | None:
    """The bare git directory of ``repo``'s snapshot under the mirrors root, if there is one."""
    base = mirrors_root() / repo.replace("/", "+")
    if not base.is_dir():
        return None
    candidates = [base, *sorted(p for p in base.rglob("*") if p.is_dir() and p.name.endswith(".git"))]
    candidates += sorted(p for p in base.iterdir() if p.is_dir())
    for cand in candidates:
        if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
            return cand
    return None


def why_absent(site: RealSite) -> str | None:
    """``None`` when the site can be materialized, else a one-line reason (for ``pytest.skip``)."""
    git_dir = find_git_dir(site.repo)
    if git_dir is None:
        return f"no mirror of {site.repo} under {mirrors_root()} (fetch github:{site.repo})"
    treeish = f"{site.commit}:{site.prefix}"   # "<commit>:" is the root tree
    kind = _git(git_dir, "cat-file", "-t", treeish)
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        return f"{site.repo} mirror at {git_dir} lacks {treeish}"
    return None


def missing_blobs(git_dir: Path, treeish: str) -> list[str]:
    """Paths under ``treeish`` whose blob the mirror lacks (listed in the tree, object absent)."""
    listed = _git(git_dir, "ls-tree", "-r", "-z", treeish)
    if listed.returncode != 0:
        return []
    entries = [e.split(b"\t", 1) for e in listed.stdout.split(b"\0") if e]
    blobs = [(meta.split()[2], path) for meta, path in entries if meta.split()[1] == b"blob"]
    check = subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "--batch-check"],
                           input=b"".join(sha + b"\n" for sha, _ in blobs), capture_output=True, check=False)
    answers = check.stdout.splitlines()
    return [path.decode("utf-8", "surrogateescape") for (_, path), ans in zip(blobs, answers, strict=False)
            if ans.endswith(b" missing")]


def materialize(site: RealSite | str, dest: Path) -> Path | None:
    """Extract the site root at the pinned commit into ``dest`` and return ``dest`` (or ``None``)."""
    if isinstance(site, str):
        site = load_site(site)
    if why_absent(site) is not None:
        return None
    git_dir = find_git_dir(site.repo)
    assert git_dir is not None
    treeish = f"{site.commit}:{site.prefix}"   # "<commit>:" is the root tree
    out = _git(git_dir, "archive", "--format=tar", treeish)
    if out.returncode != 0:
        # A snapshot may list a (large) blob it does not hold: archive the rest of the tree.
        absent = missing_blobs(git_dir, treeish)
        if not absent:
            return None
        out = _git(git_dir, "archive", "--format=tar", treeish, "--", ".", *(f":(exclude,literal){p}" for p in absent))
        if out.returncode != 0:
            return None
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(out.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest
