"""Trees troops walks (data/, seeds/) cannot crash it: link loops, links out of the root,
folders a thousand levels deep and numbers of thousands of digits are each one clean line."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

from troops.io.trees import walk_files

COMMANDS = (("validate",), ("table", "--csv"), ("conflicts",), ("cite",))
BIG = "9" * 5000


def _deep(base: Path, depth: int) -> Path:
    """Make ``depth`` nested folders under ``base`` one at a time (no recursion); return the
    innermost."""
    folder = base
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return folder


@pytest.fixture
def deep_trees() -> Iterator[list[Path]]:
    """Folders whose deep trees a test made; removed bottom up after it (shutil.rmtree, as
    pytest's clean-up uses it, recurses once per level and would fail on them)."""
    made: list[Path] = []
    yield made
    for base in made:
        folders, stack = [], [base]
        while stack:
            folder = stack.pop()
            folders.append(folder)
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    else:
                        os.unlink(entry.path)
        for folder in reversed(folders[1:]):
            folder.rmdir()


def _clean(result: Result) -> list[str]:
    """The stderr lines of a command that must not have crashed."""
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_walk_without_recursion_or_links(tmp_path: Path, deep_trees: list[Path]) -> None:
    """walk_files lists a file 1,200 folders deep, skips hidden names, never enters a link
    to a folder (a loop back up, a link out of the root) and passes a looping link to
    on_error."""
    root = tmp_path / "root"
    root.mkdir()
    deep_trees.append(root)
    deep = _deep(root, 1200)
    (deep / "deep.txt").write_text("x")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "h.txt").write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "out").symlink_to(outside)
    (root / "up").symlink_to(root)
    (root / "l1").symlink_to(root / "l2")
    (root / "l2").symlink_to(root / "l1")
    (root / "file-link.txt").symlink_to(outside / "secret.txt")
    errors: list[tuple[str, int | None]] = []
    found = list(walk_files(root, on_error=lambda p, e: errors.append((p.name, e.errno))))
    assert [p.name for p in found] == ["file-link.txt", "deep.txt"]  # files before folders
    assert len(found[1].relative_to(root).parts) == 1201
    assert errors == [("l1", errno.ELOOP), ("l2", errno.ELOOP)]


@pytest.mark.parametrize("folder", ["data", "seeds"])
def test_link_loop_is_one_line_per_link(
    mini: Root, run: Callable[..., Result], folder: str
) -> None:
    """A pair of links pointing at each other in data/ or seeds/ gives every command one line
    per link and exit 1, never an internal error."""
    a, b = mini.file(f"{folder}/loop-a"), mini.file(f"{folder}/loop-b")
    a.symlink_to(b)
    b.symlink_to(a)
    field = "archive" if folder == "seeds" else "-"
    for command in COMMANDS:
        result = run(*command, "--data", "mini")
        assert result.exit_code == 1, (command, result.stderr)
        assert _clean(result) == [
            f"mini/{folder}/loop-{x}:1: - {field}: cannot read: Too many levels of symbolic "
            "links (a link loop?)"
            for x in "ab"
        ], command


def test_link_to_a_folder_out_of_seeds_is_not_walked(
    mini: Root, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """A link in seeds/ to a folder outside (or to the root above) is not walked: no file
    out there is reported or read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stray.txt").write_text("not an archive")
    mini.file("seeds/out").symlink_to(outside)
    mini.file("seeds/up").symlink_to(mini.path)
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert _clean(result)[-1].startswith("ok:")


@pytest.mark.parametrize("folder", ["data", "seeds"])
def test_thousand_deep_folders(
    mini: Root, run: Callable[..., Result], folder: str, deep_trees: list[Path]
) -> None:
    """A file 1,000 folders deep in data/ (a stray: error) or seeds/ (an unnamed archive: a
    warning) is reported in one line, without recursion errors."""
    deep_trees.append(mini.file(folder))
    deep = _deep(mini.file(folder), 1000)
    (deep / "x.txt").write_text("x")
    result = run("validate", "--data", "mini")
    lines = _clean(result)
    rel = os.path.join(f"mini/{folder}", *["d"] * 1000, "x.txt")
    if folder == "data":
        assert result.exit_code == 1
        assert lines == [f"{rel}:1: - -: unexpected file in data/ (troops reads series.yaml, "
                         "hedges.yaml, sources/*.yaml and figures/*.csv)"]  # fmt: skip
    else:
        assert result.exit_code == 0
        assert lines[0].startswith(f"{rel}:1: - archive: warning: no source refers")


def test_five_thousand_digit_numbers(mini: Root, run: Callable[..., Result]) -> None:
    """A 5,000-digit number as a CSV value cell, a YAML value, or inside a quote is one
    clean line (int()'s 4,300-digit limit is never reached)."""
    second = "data/sources/second-2021-06-01.yaml"
    text = mini.file(second).read_text(encoding="utf-8")
    mini.write(second, text.split("figures:")[0])
    header = "id,series,source,kind,as_of,value,claimant,quote,revises"
    mini.write("data/figures/big.csv", f'{header}\nx.a,us-iraq,second-2021-06-01,count,'
               f'2021-06,{BIG},officials,"3,000 US troops",\n')  # fmt: skip
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    lines = _clean(result)
    assert len(lines) == 1, lines
    assert lines[0].endswith("...")
    assert len(lines[0]) < 200
    assert lines[0].startswith(
        "mini/data/figures/big.csv:2: x.a value: input should be a valid integer, got text '999"
    )
    mini.file("data/figures/big.csv").unlink()
    mini.write(second, text)
    mini.edit("data/sources/mini-2021-03-05.yaml", "About 2,500 US", f"About {BIG} US")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    lines = _clean(result)
    assert len(lines) == 2, lines
    assert "2500 does not occur in the quote" in lines[0]
    mini.edit("data/sources/mini-2021-03-05.yaml", f"About {BIG} US", "About 2,500 US")
    mini.edit("data/sources/mini-2021-03-05.yaml", "value: 2500", f"value: {BIG}")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert len(_clean(result)) == 1, result.stderr
