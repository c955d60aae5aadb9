"""Every command of contract.md exists with Chinese --help; bad input → clear message, non-zero, no traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = ["demo", "scan", "import", "sites", "probe", "monitor", "rescore", "report", "serve", "worker"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govinspect", *args], check=False, cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_top_level_help_lists_every_command(tmp_path: Path) -> None:
    out = run_cli("--help", cwd=tmp_path)
    assert out.returncode == 0
    for cmd in COMMANDS:
        assert cmd in out.stdout
    assert has_cjk(out.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_chinese_help(command: str, tmp_path: Path) -> None:
    out = run_cli(command, "--help", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert has_cjk(out.stdout)


BAD_INPUTS = [
    (["import", "missing.csv"], "不存在"),
    (["scan", "not a url or file", "--as-of", "2020-07-17"], "既不是"),
    (["scan", "http://www.a.gov.cn/", "--as-of", "2020-13-45"], "不是有效日期"),
    (["report", "nothing.json", "--out", "o"], "不存在"),
    (["rescore", "nothing.json", "--json", "o.json"], "不存在"),
    (["report", "r.json", "--out", "o", "--format", "doc"], "不支持的格式"),
    (["--db", "r.json", "sites"], "无法打开工作区数据库"),
    (["--db", "r.json", "serve", "--port", "1"], "无法打开工作区数据库"),
    (["--db", "mysql://u@127.0.0.1/x", "sites"], "不支持的数据库地址"),
    (["import", "r.xlsx"], "既不是 Excel 文件也不是文本表格"),
    (["rescore", str(Path(__file__).parents[1] / "web" / "fixtures" / "result_review.json"), "--json", "o.json",
      "--decisions", "gbk.yaml"], "不是 UTF-8 编码"),
    (["report", str(Path(__file__).parents[1] / "report" / "fixtures" / "result_2020q3.json"), "--out", "o",
      "--format", "html", "--options", "broken.yaml"], "不是有效的 YAML"),
    (["--config", "broken.toml", "sites"], "不是有效的 TOML"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_INPUTS)
def test_bad_input_is_a_clear_message_not_a_traceback(args: list[str], fragment: str, tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text("{}" + " " * 200, encoding="utf-8")
    (tmp_path / "r.xlsx").write_bytes(b"\x00\x01 binary \x00")
    (tmp_path / "broken.toml").write_text("concurrency = [\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    (tmp_path / "gbk.yaml").write_bytes("- {unit: x, action: bonus, item: 加分, points: 1}\n".encode("gbk"))
    out = run_cli(*args, cwd=tmp_path)
    assert out.returncode != 0
    assert fragment in out.stderr + out.stdout
    assert "Traceback" not in out.stderr + out.stdout


def test_import_reports_bad_rows_with_numbers_and_keeps_good_ones(tmp_path: Path) -> None:
    reg = tmp_path / "名录.csv"
    reg.write_text("网站标识码,网站名称,首页地址\n4212000001,咸宁市人民政府,www.xianning.gov.cn\n"
                   "123,坏标识码,http://x.gov.cn/\n", encoding="gbk")
    out = run_cli("import", str(reg), cwd=tmp_path)
    assert out.returncode == 1
    assert "第3行" in out.stdout and "格式错误" in out.stdout and "已导入网站 1 条" in out.stdout
    listed = run_cli("sites", cwd=tmp_path)
    assert listed.returncode == 0 and "4212000001" in listed.stdout


def test_serve_makes_a_new_workspace_like_every_other_command(tmp_path: Path) -> None:
    """`govinspect --workspace 新目录 serve` on a folder that does not exist yet starts (it used to stop with
    无法打开工作区数据库, while scan and import make the folder)."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workspace = tmp_path / "新工作区" / "2026"
    proc = subprocess.Popen([sys.executable, "-m", "govinspect", "--workspace", str(workspace), "serve",
                             "--port", str(port)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as resp:
                    status = resp.status
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200, proc.stderr.read() if proc.poll() is not None else "no answer in 60 s"
        assert (workspace / "govinspect.db").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
