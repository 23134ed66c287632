"""Shared helpers for the benchmarks: run commands several times, report medians and ratios.

Each benchmark runs its command and its baseline alternately in the same process, so load
on the machine hits both alike; it prints the median wall time, the peak memory (max RSS of
the child) and the ratio command/baseline.
"""

from __future__ import annotations

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


def tool(name: str) -> str:
    """The path of a console script installed next to this Python (or on PATH)."""
    local = BIN / name
    return str(local) if local.exists() else (shutil.which(name) or name)


@dataclass
class Runs:
    """Wall times (s) and peak RSS (MiB) of one command over several runs."""

    label: str
    argv: Sequence[str]
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        """Largest peak RSS over the runs, MiB."""
        return max(self.peaks)


def run_once(argv: Sequence[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run ``argv`` once with output discarded; return (wall seconds, peak RSS MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def compare(runs: Sequence[Runs], repeat: int, cwd: Path | None = None, warmup: int = 1) -> None:
    """Run every command ``repeat`` times, interleaved, after ``warmup`` unrecorded rounds."""
    for round_ in range(warmup + repeat):
        for r in runs:
            elapsed, peak = run_once(r.argv, cwd)
            if round_ >= warmup:
                r.times.append(elapsed)
                r.peaks.append(peak)


def report(title: str, subject: Runs, baselines: Sequence[tuple[Runs, str]]) -> list[str]:
    """Print and return Markdown lines: each command's median, peak memory and the ratios."""
    lines = [f"### {title}", "", "| command | median | peak RSS |", "|---|---:|---:|"]
    for r in (subject, *(b for b, _ in baselines)):
        lines.append(f"| `{r.label}` | {r.median * 1000:.0f} ms | {r.peak:.0f} MiB |")
    lines.append("")
    for base, target in baselines:
        ratio = subject.median / base.median
        lines.append(
            f"- ratio `{subject.label}` / `{base.label}`: **{ratio:.2f}x** "
            f"(inverse {1 / ratio:.1f}x; target {target})"
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
    for dist in ("click", "pandas", "numpy", "pydantic", "PyYAML", "frictionless"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, " + ", ".join(
        versions
    )
