"""The ``troops`` command line: a thin layer of click over the library API.

Subcommands live one per module and are imported only when run (or listed by ``--help``),
and those modules import nothing heavy at import time, so ``troops --help`` loads click
and nothing else.  Exit codes: 0 ok, 1 data or input error, 2 usage error.
"""

from __future__ import annotations

import errno
import os
import sys
from importlib import import_module
from typing import Any

import click

from troops import __version__

#: Subcommand name -> "module:attribute"; each module keeps heavy imports inside functions.
COMMANDS = {
    "validate": "troops.cli.validate:validate",
    "table": "troops.cli.table:table",
    "plot": "troops.cli.plot:plot",
    "cite": "troops.cli.cite:cite",
    "conflicts": "troops.cli.conflicts:conflicts",
    "extract": "troops.cli.extract:extract",
    "add": "troops.cli.add:add",
    "export": "troops.cli.export:export",
    "init": "troops.cli.init:init",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that command is needed.

    It also owns error reporting for the whole command line: a usage error is one line on
    stderr with exit status 2, a data error one line per problem with exit status 1, a
    closed pipe a quiet exit, and an unexpected crash one line instead of a traceback.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command = getattr(import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()  # a full disk under `> file` shows here, not at exit
        except click.exceptions.NoArgsIsHelpError as exc:
            # `troops` alone: the whole help, as written, on stderr (it is not data), exit 2.
            _fail(exc.format_message().rstrip("\n"), 2, standalone_mode)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "troops"
            hint = f" (see '{where} --help')" if exc.ctx is not None else ""
            _fail(f"{where}: {' '.join(usage_text(exc).split())}{hint}", 2, standalone_mode)
        except click.ClickException as exc:
            exc.show()
            _fail(None, exc.exit_code, standalone_mode)
        except click.Abort:
            _fail("troops: aborted", 1, standalone_mode)
        except BrokenPipeError:
            # The reader went away (`troops table | head`): stop quietly, like other tools.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            _fail(None, 0, standalone_mode)
        except OSError as exc:
            if exc.errno not in OUTPUT_ERRNOS or os.environ.get("TROOPS_DEBUG"):
                raise
            # Files troops writes fail as WriteError inside the commands; a bare OSError
            # of this kind is standard output (`troops table > /dev/full`).
            _drop_stdout()
            _fail(f"troops: cannot write to standard output: {exc.strerror}", 1, standalone_mode)
        except Exception as exc:
            if os.environ.get("TROOPS_DEBUG"):
                raise
            _fail(
                f"troops: internal error: {type(exc).__name__}: {exc} "
                "(set TROOPS_DEBUG=1 for a traceback, and please report it)",
                1,
                standalone_mode,
            )
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


def usage_text(exc: click.UsageError) -> str:
    """The words of a usage error, written by troops rather than taken from click's messages
    (which change between click versions): the same line whatever click is installed."""
    ctx = exc.ctx
    if isinstance(exc, click.NoSuchOption):
        text = f"No such option {exc.option_name!r}."
        if exc.possibilities:
            text += f" Did you mean {', '.join(repr(p) for p in sorted(exc.possibilities))}?"
        return text
    if isinstance(exc, click.BadParameter) and exc.param is not None and ctx is not None:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else None
        hint = hint or exc.param.get_error_hint(ctx)
        if isinstance(exc, click.MissingParameter):
            kind = "argument" if isinstance(exc.param, click.Argument) else "option"
            return f"Missing {kind} {hint}."
        return f"Invalid value for {hint}: {exc.message}"
    return exc.format_message()


#: Errors of a write to a full or failing device.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _drop_stdout() -> None:
    """Point standard output at the null device, so the exit does not retry the write."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _fail(message: str | None, code: int, standalone: bool) -> None:
    if message:
        click.echo(message, err=True)
    if standalone:
        sys.exit(code)
    raise click.exceptions.Exit(code)


@click.group("troops", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="troops")
def cli() -> None:
    """Reported US and coalition troop figures for Iraq and Syria, each tied to its source.

    Data go to stdout, messages to stderr.  Exit status: 0 ok, 1 data or input error,
    2 usage error.  Every command reads the bundled dataset unless given --data DIR.
    """


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="troops")
