"""Nothing lost when a writing command dies: real `troops plot`, `troops export` and `troops
add` processes get SIGKILL at random points.  Every file written before is then its old
version or a complete new one (byte for byte: outputs are deterministic), the temporary
files of killed writers go with the next write, and after a killed `troops add` the dataset
validates with the report added in full or not at all (a leftover archive is a warning, and
running the same add again finishes it)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import Result
from conftest import MINI, Root, add_source

from troops.io.fsio import TEMP_PREFIX

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL and flock")

#: Runs the troops command line with every fsync slowed down by argv[1] seconds, as on a
#: slow or network disk: the window in which a write is in progress grows, so a kill lands
#: inside it often.  Everything else is the real command.
SLOW_DISK = """
import os, sys, time
delay = float(sys.argv[1])
real_fsync = os.fsync
def slow_fsync(fd):
    time.sleep(delay)
    real_fsync(fd)
os.fsync = slow_fsync
from troops.cli import main
main(sys.argv[2:])
"""


def troops_argv(args: Sequence[str], fsync_delay: float | None = None) -> list[str]:
    """The argv of a real `troops ARGS` process (on a slow disk when a delay is given)."""
    if fsync_delay is None:
        return [sys.executable, "-m", "troops", *args]
    return [sys.executable, "-c", SLOW_DISK, str(fsync_delay), *args]


def run_to_end(args: Sequence[str], cwd: Path) -> float:
    """Run `troops ARGS` to completion (it must succeed); return how long it took."""
    start = time.monotonic()
    proc = subprocess.run(troops_argv(args), cwd=cwd, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return time.monotonic() - start


def litter(folders: Sequence[Path]) -> list[Path]:
    """Temporary files of writers in ``folders``."""
    return sorted(p for d in folders if d.is_dir() for p in d.glob(f"{TEMP_PREFIX}*"))


def age(paths: Sequence[Path]) -> None:
    """Make files look an hour old (as litter is when the next write comes much later)."""
    old = time.time() - 3600
    for p in paths:
        os.utime(p, (old, old))


def contents(folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` (temporary files aside) with their bytes."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(TEMP_PREFIX)
    }


@dataclass
class Killer:
    """Starts a command and SIGKILLs it at a random point; counts where the kills landed.

    Half the runs are killed at a uniformly random time of the command's run (start-up,
    reading, drawing or writing); the other half run on a slow disk and are killed at a
    random moment after a temporary file appeared, that is while a write is in progress
    or in the steps right after it.
    """

    cwd: Path
    watch: Sequence[Path]
    duration: float
    rng: random.Random
    stats: Counter[str] = field(default_factory=Counter)
    seen: set[Path] = field(default_factory=set)

    def run(self, args: Sequence[str]) -> None:
        """Run `troops ARGS` once and kill it unless it finishes first."""
        if self.rng.random() < 0.5:
            proc = self._start(args, None)
            self._kill_after(proc, self.rng.uniform(0, 1.2 * self.duration))
            mode = "anytime"
        else:
            delay = self.rng.uniform(0.02, 0.08)
            old = set(litter(self.watch))  # left by earlier kills: not a sign of this write
            proc = self._start(args, delay)
            deadline = time.monotonic() + 10 * self.duration + 5
            while (
                proc.poll() is None
                and not set(litter(self.watch)) - old
                and time.monotonic() < deadline
            ):
                time.sleep(0.001)
            self._kill_after(proc, self.rng.uniform(0, 3 * delay))
            mode = "mid-write"
        _, err = proc.communicate()
        assert proc.returncode in (0, -signal.SIGKILL), err.decode()
        outcome = "finished" if proc.returncode == 0 else "killed"
        self.stats[f"{mode} {outcome}"] += 1
        left = set(litter(self.watch)) - self.seen
        self.seen |= left
        self.stats["kills leaving a temporary file"] += bool(left)

    def _start(self, args: Sequence[str], delay: float | None) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            troops_argv(args, delay), cwd=self.cwd, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip

    @staticmethod
    def _kill_after(proc: subprocess.Popen[bytes], seconds: float) -> None:
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)


def report(name: str, stats: Counter[str]) -> None:
    """Print where the kills landed (shown with ``pytest -s``)."""
    print(f"\n{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))


# ---------------------------------------------------------------- plot and export


def kill_file_writer(
    tmp: Path,
    out: Path,
    variants: dict[str, list[str]],
    kills: int,
    seed: int,
    differ: Sequence[str],
    together: Callable[[dict[str, bytes], dict[str, bytes], dict[str, bytes]], None],
) -> Counter[str]:
    """Kill a command that writes files into ``out`` ``kills`` times, alternating randomly
    between ``variants`` (name -> argv) that write the same files (the ``differ`` ones with
    different bytes).

    After every kill each file holds the bytes it held before or the complete bytes of the
    variant that was running, and ``together(before, now, new)`` checks that the files
    changed as one set; after the last kill one more complete run removes all litter (in
    ``out`` and beside it).
    """
    refs: dict[str, dict[str, bytes]] = {}
    durations = []
    for name, args in variants.items():
        durations.append(run_to_end(args, tmp))
        refs[name] = contents(out)
    names = list(variants)
    assert all(refs[n].keys() == refs[names[0]].keys() for n in names)
    for file in differ:
        assert len({refs[n][file] for n in names}) == len(names), f"{file} never changes"
    rng = random.Random(seed)
    watch = [out, out.parent]  # a package is built beside its directory
    killer = Killer(tmp, watch, max(durations), rng)
    current = contents(out)
    for _ in range(kills):
        name = rng.choice(names)
        killer.run(variants[name])
        now = contents(out)
        assert now.keys() == current.keys()
        for file, data in now.items():
            assert data in (current[file], refs[name][file]), f"{file} is damaged"
        together(current, now, refs[name])
        killer.stats["kills leaving a mix"] += now not in (current, refs[name])
        current = now
    age(litter(watch))  # as if the next write came much later
    run_to_end(variants[names[0]], tmp)
    assert litter(watch) == []
    assert contents(out) == refs[names[0]]
    return killer.stats


def whole_package(before: dict[str, bytes], now: dict[str, bytes], new: dict[str, bytes]) -> None:
    """A package is the old one or the new one, never some files of each (one swap)."""
    assert now in (before, new), sorted(f for f in now if now[f] != before[f])


def figure_last(before: dict[str, bytes], now: dict[str, bytes], new: dict[str, bytes]) -> None:
    """A new figure has its new captions beside it (captions are written first)."""
    figure = next(f for f in now if not f.endswith((".caption.tex", ".caption.txt")))
    if now[figure] != before[figure]:
        assert now == new, "new figure beside old captions"


def plot_variants(fmt: str) -> dict[str, list[str]]:
    """Two `troops plot --caption` runs that write different bytes to the same files."""
    args = ["plot", "-o", f"out/fig.{fmt}", "--caption", "--data", "mini"]
    return {"story": args, "evidence": [*args, "--evidence"]}


def plot_kills(tmp: Path, fmt: str, kills: int, seed: int) -> Counter[str]:
    """Kill `troops plot -o out/fig.FMT --caption` at random points ``kills`` times."""
    shutil.copytree(MINI, tmp / "mini")
    (tmp / "out").mkdir()
    differ = [f"fig.{fmt}", f"fig.{fmt}.caption.tex", f"fig.{fmt}.caption.txt"]
    variants = plot_variants(fmt)
    return kill_file_writer(tmp, tmp / "out", variants, kills, seed, differ, figure_last)


def export_kills(tmp: Path, kills: int, seed: int) -> Counter[str]:
    """Kill `troops export pkg` of two datasets at random points ``kills`` times."""
    shutil.copytree(MINI, tmp / "mini")
    shutil.copytree(MINI, tmp / "bigger")
    add_source(
        Root(tmp / "bigger"),
        "extra-2022-01-10",
        published="2022-01-10",
        figures=[{
            "id": "extra.us-iraq", "series": "us-iraq", "kind": "count", "as_of": "2022-01",
            "value": 2000, "claimant": "Test Wire", "quote": "There are 2,000 US troops in Iraq.",
        }],
    )  # fmt: skip
    variants = {
        "mini": ["export", "pkg", "--data", "mini"],
        "bigger": ["export", "pkg", "--data", "bigger"],
    }
    differ = ["figures.csv", "sources.csv", "steps.csv", "datapackage.json", "README.md"]
    return kill_file_writer(tmp, tmp / "pkg", variants, kills, seed, differ, whole_package)


def test_killed_plot_leaves_old_or_new_files(tmp_path: Path) -> None:
    """`troops plot -o fig.pdf --caption` killed at random points (3 real processes) leaves
    every figure and caption file whole, old or new, a new figure only beside its new
    captions, and the next write removes litter."""
    report("plot pdf", plot_kills(tmp_path, "pdf", 3, seed=11))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_killed_plot_many_times(tmp_path: Path, fmt: str) -> None:
    """Twenty-five killed `troops plot --caption` runs per format never damage a file, and
    kills do land while a file is being written."""
    stats = plot_kills(tmp_path, fmt, 25, seed={"pdf": 21, "svg": 22, "png": 23}[fmt])
    report(f"plot {fmt}", stats)
    assert stats["kills leaving a temporary file"] > 0


def test_killed_export_leaves_old_or_new_files(tmp_path: Path) -> None:
    """`troops export DIR` killed at random points (5 real processes) leaves the package
    whole, all old or all new, and the next write removes litter."""
    report("export", export_kills(tmp_path, 5, seed=12))


@pytest.mark.slow
def test_killed_export_many_times(tmp_path: Path) -> None:
    """Sixty killed `troops export` runs never leave a damaged or mixed package, and kills
    do land while the new package is being built."""
    stats = export_kills(tmp_path, 60, seed=13)
    report("export", stats)
    assert stats["kills leaving a temporary file"] > 0
    assert stats["kills leaving a mix"] == 0


# ---------------------------------------------------------------- add

ARTICLE = "Pentagon: about 2,000 US troops are in Syria.\n"
ADD = [
    "add", "article.txt", "--url", "https://example.org/syria", "--publisher", "Reuters",
    "--published", "2024-12-19", "--retrieved", "2024-12-20", "--data", "ds",
]  # fmt: skip
SOURCE = "data/sources/reuters-2024-12-19.yaml"
ARCHIVE = "seeds/reports/reuters-2024-12-19.txt"


def dataset_files(root: Path) -> dict[str, bytes]:
    """Every file of a dataset (lock and temporary files aside) with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".troops.lock" and not p.name.startswith(TEMP_PREFIX)
    }


def add_kills(tmp: Path, run: Callable[..., Result], kills: int, seed: int) -> Counter[str]:
    """Kill `troops add` on a fresh copy of the mini dataset ``kills`` times; after each kill
    the dataset validates with the report added in full, not at all, or with only its
    archive (a warning), and running the same add again completes it."""
    ds = tmp / "ds"
    (tmp / "article.txt").write_text(ARTICLE, encoding="utf-8")

    def fresh() -> None:
        shutil.rmtree(ds, ignore_errors=True)
        shutil.copytree(MINI, ds)

    def validate() -> list[str]:
        result = run("validate", "--data", "ds")
        assert (result.exit_code, result.stdout) == (0, ""), result.stderr
        return result.stderr.splitlines()

    fresh()
    before, valid_before = dataset_files(ds), validate()
    duration = run_to_end(ADD, tmp)
    after, valid_after = dataset_files(ds), validate()
    assert after.keys() - before.keys() == {SOURCE, ARCHIVE}
    assert after[ARCHIVE] == ARTICLE.encode()
    orphan = (
        f"ds/{ARCHIVE}:1: - archive: warning: no source refers to this file (left by an "
        "interrupted troops add? run that add again, which reuses the file, or delete it)"
    )
    rng = random.Random(seed)
    stats: Counter[str] = Counter()
    watch = [ds / "seeds/reports", ds / "data/sources"]
    for _ in range(kills):
        fresh()
        killer = Killer(tmp, watch, duration, rng, stats)
        killer.run(ADD)
        now = dataset_files(ds)
        if now == before:
            state, expected = "not added", valid_before
        elif now == {**before, ARCHIVE: after[ARCHIVE]}:
            state, expected = "archive only", [orphan, *valid_before]
        else:
            assert now == after, f"partial add: {sorted(now.keys() ^ after.keys())}"
            state, expected = "added", valid_after
        stats[state] += 1
        assert validate() == expected
        age(litter(watch))  # as if the rerun came much later
        run_to_end(ADD, tmp)
        assert dataset_files(ds) == after
        assert litter(watch) == []
        assert validate() == valid_after
    return stats


def test_killed_add_adds_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """`troops add` killed at random points (6 real processes) leaves a valid dataset, and
    running the add again completes it without litter."""
    monkeypatch.chdir(tmp_path)
    report("add", add_kills(tmp_path, run, 6, seed=14))


@pytest.mark.slow
def test_killed_add_many_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """Sixty killed `troops add` runs leave a valid dataset every time, and kills do land
    both before anything is written and between the archive and the source file."""
    monkeypatch.chdir(tmp_path)
    stats = add_kills(tmp_path, run, 60, seed=15)
    report("add", stats)
    assert stats["not added"] > 0
    assert stats["archive only"] > 0
