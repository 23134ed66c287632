"""Nothing lost: atomic writes survive SIGKILL, the dataset lock serialises writers, and troops
never modifies an archive."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from troops.io.fsio import TEMP_PREFIX, atomic_write, clean_stale, dataset_lock

REPO = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL and flock")
SIZE = 1024 * 1024

#: A writer that rewrites the target forever, version after version; each version is SIZE
#: copies of one byte, so a partial or mixed file is easy to see.
WRITER = textwrap.dedent(
    f"""
    import sys
    from troops.io.fsio import atomic_write
    target = sys.argv[1]
    n = int(sys.argv[2])
    print("ready", flush=True)
    while True:
        n += 1
        atomic_write(target, bytes([65 + n % 26]) * {SIZE})
    """
)


def litter(directory: Path) -> list[str]:
    """Temporary files left in ``directory``."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(TEMP_PREFIX))


def assert_whole(target: Path) -> None:
    """The target holds one complete version: SIZE copies of a single letter."""
    data = target.read_bytes()
    assert len(data) == SIZE
    assert data == data[:1] * SIZE
    assert data[:1].isalpha()


def kill_writers(tmp_path: Path, rounds: int, seed: int) -> int:
    """Start a writer, SIGKILL it after a random delay, check the target, ``rounds`` times;
    return how many kills left a temporary file behind."""
    rng = random.Random(seed)
    target = tmp_path / "figure.pdf"
    atomic_write(target, b"A" * SIZE)
    litter_seen = 0
    for i in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(i)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.06))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert_whole(target)
        litter_seen += bool(litter(tmp_path))
    return litter_seen


@POSIX
def test_sigkill_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """Writers killed at random points (25 real processes) leave the old or new file, whole."""
    kill_writers(tmp_path, 25, seed=1)
    clean_stale(tmp_path, min_age=0)
    assert litter(tmp_path) == []
    assert_whole(tmp_path / "figure.pdf")


@POSIX
@pytest.mark.slow
def test_sigkill_many_times(tmp_path: Path) -> None:
    """Two hundred killed writers never leave a partial file, and their litter is cleaned."""
    seen = kill_writers(tmp_path, 200, seed=2)
    assert seen > 0  # kills do land mid-write: the cleaning below is needed
    clean_stale(tmp_path, min_age=0)
    assert litter(tmp_path) == []


@POSIX
def test_next_write_removes_stale_litter(tmp_path: Path) -> None:
    """A killed writer's old temporary file is removed by the next write to the directory."""
    stale = tmp_path / f"{TEMP_PREFIX}dead.part"
    stale.write_bytes(b"half a fig")
    young = tmp_path / f"{TEMP_PREFIX}young.part"
    young.write_bytes(b"maybe in progress")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    atomic_write(tmp_path / "caption.tex", "Figure 1.\n")
    assert litter(tmp_path) == [young.name]
    assert (tmp_path / "caption.tex").read_text() == "Figure 1.\n"


@POSIX
def test_write_in_progress_is_not_cleaned(tmp_path: Path) -> None:
    """A temporary file whose writer is alive (it holds the lock) is never removed."""
    import fcntl

    busy = tmp_path / f"{TEMP_PREFIX}busy.part"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import fcntl, os, sys, time
            fd = os.open({str(busy)!r}, os.O_RDWR | os.O_CREAT)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("locked", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdin is not None
    assert holder.stdout.readline() == "locked\n"
    try:
        assert clean_stale(tmp_path, min_age=0) == []
        assert busy.exists()
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()
    assert clean_stale(tmp_path, min_age=0) == [busy]
    assert fcntl is not None


COUNTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from troops.io.fsio import atomic_write, dataset_lock
    root = Path(sys.argv[1])
    log = root / "data" / "counter.txt"
    for _ in range(int(sys.argv[2])):
        with dataset_lock(root, timeout=60):
            n = int(log.read_text())
            atomic_write(log, f"{n + 1}\\n")
    """
)


@POSIX
def test_dataset_lock_loses_no_update(tmp_path: Path) -> None:
    """Two processes each adding 150 records under the lock lose none of them."""
    (tmp_path / "data").mkdir()
    counter = tmp_path / "data" / "counter.txt"
    counter.write_text("0\n")
    procs = [
        subprocess.Popen([sys.executable, "-c", COUNTER, str(tmp_path), "150"]) for _ in range(2)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert counter.read_text() == "300\n"


@POSIX
def test_dataset_lock_times_out_cleanly(tmp_path: Path) -> None:
    """While one process holds the lock, another waits and then fails with a clear message."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from troops.io.fsio import dataset_lock
            with dataset_lock({str(tmp_path)!r}):
                print("holding", flush=True)
                sys.stdin.read()
        """)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdin is not None
    assert holder.stdout.readline() == "holding\n"
    try:
        start = time.monotonic()
        with pytest.raises(TimeoutError) as info, dataset_lock(tmp_path, timeout=0.3):
            pass
        assert 0.3 <= time.monotonic() - start < 5
        assert str(info.value) == (
            f"{tmp_path}/data/.troops.lock: another troops process is changing this dataset"
        )
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()
    with dataset_lock(tmp_path, timeout=1):  # released when the holder exits
        pass


def tree_state(root: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime (ns) of every file below ``root``."""
    state = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
            state[p.relative_to(root).as_posix()] = (digest, p.stat().st_mtime_ns)
    return state


def test_troops_never_modifies_archives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """After validate and every table format, seeds/ and data/ are byte-for-byte unchanged."""
    root = tmp_path / "ds"
    for part in ("data", "seeds"):
        shutil.copytree(REPO / part, root / part)
    monkeypatch.chdir(tmp_path)
    before = tree_state(root)
    assert run("validate", "--data", "ds").exit_code == 0
    for args in ((), ("--csv",), ("--json",), ("--markdown",), ("--latex",), ("--steps",)):
        assert run("table", *args, "--data", "ds").exit_code == 0
    assert tree_state(root) == before
    assert any(name.startswith("seeds/") for name in before)


#: Calls that write or move files without going through troops.io.fsio.atomic_write.
DIRECT_WRITES = {
    "write_text", "write_bytes", "replace", "rename", "copy", "copy2", "copyfile",
    "copytree", "move", "tofile", "to_csv", "to_excel", "to_parquet", "to_pickle",
}  # fmt: skip


def direct_writes(source: str) -> list[str]:
    """Calls in ``source`` that would write a file directly (not through atomic_write):
    the methods above with arguments, ``open`` in a writing mode, and ``savefig`` to
    anything but an in-memory buffer made by ``io.BytesIO()`` in the same module."""
    import ast

    tree = ast.parse(source)
    buffers = {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func) in ("io.BytesIO", "BytesIO")
        for t in node.targets
        if isinstance(t, ast.Name)
    }

    def writes(call: ast.Call) -> bool:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "open":
            modes = [*call.args[:2], *(k.value for k in call.keywords if k.arg == "mode")]
            texts = [m.value for m in modes if isinstance(m, ast.Constant)]
            return any(isinstance(m, str) and len(m) <= 3 and set(m) & set("wax+") for m in texts)
        if name == "savefig":
            first = call.args[0] if call.args else None
            return not (isinstance(first, ast.Name) and first.id in buffers)
        if name == "replace" and isinstance(func, ast.Attribute):
            return ast.unparse(func.value) in ("os", "shutil")  # not str.replace
        return name in DIRECT_WRITES and isinstance(func, ast.Attribute) and bool(call.args)

    hits = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and writes(n)]
    return [f"{n.lineno}: {ast.unparse(n)}" for n in sorted(hits, key=lambda n: n.lineno)]


def test_every_write_goes_through_atomic_write() -> None:
    """No module of the package but troops/io/fsio.py (files) and troops/io/trees.py (a
    directory swapped in whole) writes, copies or moves a file itself."""
    offenders = []
    for path in sorted((REPO / "troops").rglob("*.py")):
        if path.relative_to(REPO).as_posix() in ("troops/io/fsio.py", "troops/io/trees.py"):
            continue
        rel = path.relative_to(REPO).as_posix()
        offenders += [f"{rel}:{hit}" for hit in direct_writes(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_direct_write_finder_finds_direct_writes() -> None:
    """The scan above reports each kind of direct write it looks for, and no string method."""
    source = textwrap.dedent("""
        import io, os, shutil
        def f(path, fig, df, text):
            path.write_text("x")
            open(path, "w").write("x")
            with path.open("ab") as h:
                pass
            shutil.copy(path, "b")
            os.replace("a", path)
            df.to_csv(path)
            fig.savefig(path)
            buf = io.BytesIO()
            fig.savefig(buf, format="pdf")
            open(path, "rb").read()
            return text.replace("a", "b"), df.to_csv()
    """)
    assert [hit.split(":")[0] for hit in direct_writes(source)] == [
        "4", "5", "6", "8", "9", "10", "11",
    ]  # fmt: skip


def test_write_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    """Writing to a symbolic link replaces the file it points to and leaves the link, also
    when the link dangles."""
    (tmp_path / "paper").mkdir()
    (tmp_path / "out").mkdir()
    real = tmp_path / "paper" / "fig.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "out" / "fig.pdf"
    link.symlink_to(Path("..", "paper", "fig.pdf"))
    dangling = tmp_path / "out" / "caption.tex"
    dangling.symlink_to(Path("..", "paper", "caption.tex"))
    assert atomic_write(link, b"new") == link
    atomic_write(dangling, "Figure 1.\n")
    assert (link.is_symlink(), link.read_bytes(), real.read_bytes()) == (True, b"new", b"new")
    assert dangling.is_symlink()
    assert (tmp_path / "paper" / "caption.tex").read_text() == "Figure 1.\n"
    assert litter(tmp_path / "out") == litter(tmp_path / "paper") == []
