"""The README tells the truth: its two commands exist, and its console sessions are real."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
FIRST = "pip install . && troops plot"
SECOND = "pip install '.[test]' && pytest"


def sh_blocks() -> list[str]:
    """The ```sh blocks of the README, in order."""
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def console_sessions() -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of a ```console block with the output lines shown under it."""
    sessions: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                sessions.append((line[2:], []))
            elif sessions:
                sessions[-1][1].append(line)
    return sessions


def test_the_two_commands_come_first() -> None:
    """The README's first two commands install and draw, then install and test, and CI runs
    the same test command."""
    blocks = [b.strip() for b in sh_blocks()]
    assert blocks[:2] == [FIRST, SECOND]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    last = [ln for ln in ci.splitlines() if ln.strip() and not ln.startswith("#")][-1]
    assert last.strip() == SECOND.split(" && ")[1]
    assert 'pip install --quiet --upgrade --upgrade-strategy eager ".[test]"' in ci


def test_first_command_draws_the_default_figure(tmp_path: Path) -> None:
    """`troops plot` (the first command's second half) writes figures/troops-page.pdf."""
    proc = subprocess.run(
        [sys.executable, "-m", "troops", "plot"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "figures/troops-page.pdf\n"
    assert (tmp_path / "figures" / "troops-page.pdf").read_bytes().startswith(b"%PDF-")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Compare output lines; an expected line ``...`` stands for any lines, and an expected
    line ending in ``...`` for any line starting with what comes before it."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    line = actual[0]
    ok = line.startswith(head[:-3]) if head.endswith("...") else line == head
    return ok and matches(rest, actual[1:])


@pytest.mark.slow
@pytest.mark.parametrize(("command", "expected"), console_sessions())
def test_console_sessions_are_real(command: str, expected: list[str], tmp_path: Path) -> None:
    """Every `$ command` shown in the README prints exactly the output shown (run in a
    scratch directory that sees the repository's seeds/ and bench/)."""
    for name in ("seeds", "bench"):
        (tmp_path / name).symlink_to(REPO / name)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env["COLUMNS"] = "200"
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} 2>&1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    shown = shlex.split(command)[0]
    assert proc.returncode == 0 or (shown == "troops" and "head" in command), proc.stdout
    actual = proc.stdout.splitlines()
    assert matches(expected, actual), "\n".join(actual)
