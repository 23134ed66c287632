"""Shared helpers for the benchmarks: run commands several times, report medians and ratios.

Each benchmark runs its command and its baseline alternately in the same process, so load
on the machine hits both alike; it prints the median wall time, the median CPU time (user +
system of the child: less disturbed than wall time by other jobs on a shared machine), the
peak memory (max RSS of the child) and the ratios command/baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Every benchmark measures troops reading and validating its dataset, as before the
# validated-dataset cache existed; bench_story.py turns the cache on for its warm runs.
os.environ.setdefault("TROOPS_CACHE", "off")


def options(repeat: int = 9) -> tuple[argparse.Namespace, list[str]]:
    """The options of a benchmark on a dataset (``--repeat N``, ``--data DIR``), parsed,
    and the ``--data`` arguments to pass on to every troops command it runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    return args, (["--data", args.data] if args.data else [])


def tool(name: str) -> str:
    """The path of a console script installed next to this Python (or on PATH)."""
    local = BIN / name
    return str(local) if local.exists() else (shutil.which(name) or name)


@dataclass
class Runs:
    """Wall times (s), CPU times (s) and peak RSS (MiB) of one command over several runs."""

    label: str
    argv: Sequence[str]
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system) in seconds."""
        return statistics.median(self.cpus)

    @property
    def peak(self) -> float:
        """Largest peak RSS over the runs, MiB."""
        return max(self.peaks)


def run_once(
    argv: Sequence[str], cwd: Path | None = None, *, inside: bool = False
) -> tuple[float, float, float]:
    """Run ``argv`` once; return (wall s, peak RSS MiB, CPU s) of the whole process, or with
    ``inside`` the wall and CPU seconds the process itself prints (``WALL CPU`` on stdout:
    the part of its work it timed) with its peak RSS."""
    start = time.perf_counter()
    out = subprocess.PIPE if inside else subprocess.DEVNULL
    proc = subprocess.Popen(list(argv), cwd=cwd, stdout=out, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    printed = proc.stdout.read() if proc.stdout is not None else b""  # a few bytes at most
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-500:]}")
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # RSS in KiB
    if inside:
        elapsed, cpu = (float(x) for x in printed.split())
    return elapsed, peak, cpu


def compare(
    runs: Sequence[Runs],
    repeat: int,
    cwd: Path | None = None,
    warmup: int = 1,
    *,
    inside: bool = False,
) -> None:
    """Run every command ``repeat`` times, interleaved, after ``warmup`` unrecorded rounds
    (``inside``: record the times the commands print, see :func:`run_once`)."""
    for round_ in range(warmup + repeat):
        for r in runs:
            elapsed, peak, cpu = run_once(r.argv, cwd, inside=inside)
            if round_ >= warmup:
                r.times.append(elapsed)
                r.peaks.append(peak)
                r.cpus.append(cpu)


def report(title: str, subject: Runs, baselines: Sequence[tuple[Runs, str]]) -> list[str]:
    """Print and return Markdown lines: each command's medians, peak memory and the ratios
    (wall time; CPU time in brackets)."""
    lines = [
        f"### {title}",
        "",
        "| command | median wall | median CPU | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for r in (subject, *(b for b, _ in baselines)):
        lines.append(
            f"| `{r.label}` | {r.median * 1000:.0f} ms | {r.cpu * 1000:.0f} ms | {r.peak:.0f} MiB |"
        )
    lines.append("")
    for base, target in baselines:
        ratio = subject.median / base.median
        lines.append(
            f"- ratio `{subject.label}` / `{base.label}`: **{ratio:.2f}x** wall "
            f"(inverse {1 / ratio:.1f}x; CPU {subject.cpu / base.cpu:.2f}x; target {target})"
        )
    lines.append(f"- runs per command: {len(subject.times)} (medians)")
    print("\n".join(lines))
    return lines


def machine() -> str:
    """One line naming the CPU, cores, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for dist in ("click", "pandas", "numpy", "pydantic", "PyYAML", "matplotlib", "frictionless"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, " + ", ".join(
        versions
    )
