"""What troops writes over: only regular files, with their mode kept, new files under the
umask, and never into a dataset's data/ or seeds/ (links resolved); `-o -` is stdout."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

from troops.io.fsio import WriteError, atomic_write, dataset_area, not_regular

DEVICE = Path("/dev/null")


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test and restore it after."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask) and None
    os.umask(old)


def test_refuses_a_device_and_a_link_to_one(tmp_path: Path) -> None:
    """A character device, and a link naming one, is never replaced (even as root)."""
    before = os.stat(DEVICE)
    link = tmp_path / "fig.pdf"
    link.symlink_to(DEVICE)
    for target in (DEVICE, link):
        with pytest.raises(WriteError, match="character device, not a regular file"):
            atomic_write(target, b"x")
    after = os.stat(DEVICE)
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_ino == before.st_ino
    assert link.is_symlink()


def test_refuses_fifo_socket_directory_and_loop(tmp_path: Path) -> None:
    """A FIFO, a socket, a directory and a looping link are refused, each left in place."""
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.svg"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    folder = tmp_path / "dir.svg"
    folder.mkdir()
    loop = tmp_path / "loop.svg"
    loop.symlink_to(loop)
    cases = {fifo: "FIFO", sock_path: "socket", folder: "directory", loop: "looping link"}
    try:
        for path, kind in cases.items():
            with pytest.raises(WriteError, match=kind):
                atomic_write(path, "x")
            assert os.lstat(path)  # still there
    finally:
        sock.close()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert stat.S_ISSOCK(sock_path.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".troops")] == []


def test_not_regular_names_every_kind() -> None:
    """Every non-regular kind of file gets a name; a regular file gets none."""
    assert not_regular(stat.S_IFREG | 0o644) is None
    names = {not_regular(m) for m in (stat.S_IFDIR, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO,
                                      stat.S_IFSOCK, stat.S_IFLNK)}  # fmt: skip
    assert len(names) == 6
    assert None not in names


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    """A chmod 600 (or 640, 755) file keeps its mode when troops replaces it."""
    for mode in (0o600, 0o640, 0o755):
        target = tmp_path / f"fig-{mode:o}.pdf"
        target.write_bytes(b"old")
        target.chmod(mode)
        atomic_write(target, b"new")
        assert target.read_bytes() == b"new"
        assert stat.S_IMODE(target.stat().st_mode) == mode


def test_new_file_follows_the_umask(tmp_path: Path, umask: Callable[[int], None]) -> None:
    """A new file gets 0666 less the umask: 0600 under umask 077, 0644 under 022."""
    for mask, expected in ((0o077, 0o600), (0o022, 0o644), (0o027, 0o640)):
        umask(mask)
        target = tmp_path / f"new-{mask:o}.txt"
        atomic_write(target, "x")
        assert stat.S_IMODE(target.stat().st_mode) == expected


def test_dataset_folders_are_refused_through_links(mini: Root, tmp_path: Path) -> None:
    """A path in data/ or seeds/, directly or through a link, is a dataset area; one beside
    them is not."""
    (tmp_path / "to-seeds").symlink_to(mini.path / "seeds")
    (tmp_path / "to-root").symlink_to(mini.path)
    inside = [
        mini.path / "seeds" / "mini-gazette.txt",
        mini.path / "data" / "new" / "x.csv",
        tmp_path / "to-seeds" / "fig.pdf",
        tmp_path / "to-root" / "data" / "fig.pdf",
    ]
    for path in inside:
        assert dataset_area(path) is not None, path
        with pytest.raises(WriteError, match="dataset folder"):
            atomic_write(path, "x")
    assert dataset_area(mini.path / "fig.pdf") is None
    assert dataset_area(tmp_path / "elsewhere" / "data" / "x") is None  # no dataset root
    assert (mini.path / "seeds" / "mini-gazette.txt").read_bytes().startswith(b"")


def _problem_line(result: Result) -> str:
    """The one stderr line of a failed command (asserting it is one line, exit 1)."""
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_plot_refuses_device_and_dataset_targets(
    mini: Root, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """`plot -o` onto /dev/null, a link to it, a file in seeds/ (also through a link) is one
    line and exit 1, and nothing is changed."""
    (tmp_path / "null.pdf").symlink_to(DEVICE)
    (tmp_path / "seedlink").symlink_to(mini.path / "seeds")
    archive = mini.file("seeds/mini-gazette.txt").read_bytes()
    for out, what in (
        (["-o", str(DEVICE), "--format", "pdf"], "character device"),
        (["-o", "null.pdf"], "character device"),
        (["-o", "mini/seeds/x.pdf"], "dataset folder"),
        (["-o", "seedlink/fig.svg"], "dataset folder"),
        (["-o", "mini/data/fig.svg", "--caption"], "dataset folder"),
    ):
        line = _problem_line(run("plot", *out, "--data", "mini"))
        assert line.startswith("troops plot: cannot write"), line
        assert what in line, line
    assert stat.S_ISCHR(os.stat(DEVICE).st_mode)
    assert mini.file("seeds/mini-gazette.txt").read_bytes() == archive
    assert not mini.file("data/fig.svg").exists()
    assert not mini.file("data/fig.caption.tex").exists()


def test_plot_to_stdout(mini: Root, run: Callable[..., Result]) -> None:
    """`plot -o - --format svg` writes the figure itself on stdout (and no path); with
    --caption it is a usage error."""
    result = run("plot", "-o", "-", "--format", "svg", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<?xml")
    assert result.stdout.rstrip().endswith("</svg>")
    bad = run("plot", "-o", "-", "--caption", "--data", "mini")
    assert bad.exit_code == 2
    assert "captions need a file name" in bad.stderr


def test_export_refuses_dataset_folders_and_foreign_directories(
    mini: Root, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """`export` into data/ or seeds/ (or through a link there), or over a directory holding
    files troops did not write, is one line, exit 1, and leaves everything as it was."""
    (tmp_path / "link").symlink_to(mini.path / "data")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep me")
    for target, what in (
        ("mini/data/pkg", "dataset folder"),
        ("mini/seeds", "dataset folder"),
        ("link/pkg", "dataset folder"),
        ("notes", "'mine.txt', which troops did not write"),
        ("mini", "which troops did not write"),
    ):
        line = _problem_line(run("export", target, "--data", "mini"))
        assert line.startswith("troops export: cannot write"), line
        assert what in line, line
    assert (notes / "mine.txt").read_text() == "keep me"
    assert not mini.file("data/pkg").exists()
    assert run("validate", "--data", "mini").exit_code == 0


def test_add_subdir_link_out_of_seeds(
    mini: Root, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """`add --subdir` naming a link that leads out of seeds/ writes nothing anywhere."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep")
    (mini.path / "seeds" / "out").symlink_to(outside)
    article = tmp_path / "article.txt"
    article.write_text("Pentagon: about 2,000 US troops are in Syria.\n")
    result = run(
        "add", str(article), "--url", "https://example.org/a", "--publisher", "Reuters",
        "--published", "2024-12-19", "--subdir", "out", "--data", "mini",
    )  # fmt: skip
    assert result.exit_code != 0
    assert "outside seeds/" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert not list((mini.path / "data" / "sources").glob("reuters-*"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("table",),
        ("table", "--csv"),
        ("cite", "--bibtex"),
        ("table", "--json"),
        ("plot", "-o", "-", "--format", "svg"),
    ],
)
def test_stdout_on_a_full_device(mini: Root, args: tuple[str, ...]) -> None:
    """Data on stdout to a full device (`> /dev/full`) is one clean line and exit 1."""
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "troops", *args, "--data", "mini"],
            stdout=full, stderr=subprocess.PIPE, check=False,
        )  # fmt: skip
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.splitlines() == [
        "troops: cannot write to standard output: No space left on device"
    ], err
