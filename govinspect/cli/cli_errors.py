"""Bad input prints a clear Chinese message and exits non-zero — never a traceback."""
from __future__ import annotations

import click
from rich.console import Console
from rich.markup import escape

err_console = Console(stderr=True)


class UserError(click.ClickException):
    """A problem with the user's input or environment, worded for the user."""

    def show(self, file=None) -> None:
        # escaped: "[pdf]" in "pip install 'govinspect[pdf]'" is text, not a rich style tag
        err_console.print(f"[bold red]错误：[/]{escape(self.message)}", soft_wrap=True)   # the terminal wraps


def run_friendly(group: click.Group) -> int:
    try:
        group.main(standalone_mode=False)
        return 0
    except click.exceptions.Abort:
        err_console.print("[yellow]已取消[/]")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (ValueError, OSError) as exc:
        err_console.print(f"[bold red]错误：[/]{escape(str(exc))}", soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err_console.print("[yellow]已中断；再次运行同一命令并加 --resume 可继续[/]")
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
        err_console.print(f"[bold red]内部错误：[/]{escape(f'{type(exc).__name__}: {exc}')}\n请带上命令与此信息报告问题。")
        return 70
