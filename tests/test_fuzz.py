"""Fuzzing: mutated real data files never crash `troops validate` or `troops table`.

A small dataset root is built from real files of the bundled dataset (series, hedges, two
source files with their archives, and a CSV table holding copies of real figures).  Each
example mutates one file (lines deleted, duplicated or swapped, characters flipped, the file
cut short, bytes inserted, invisible, bidi or control characters and YAML escapes for
them put in, long runs of spaces, markup or digits inserted) and runs both commands
in-process: each must exit 0, or exit 1 with every stderr line in the problem format --
never a traceback, never "internal error".
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import troops
from troops.cli import cli

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("sputnik-2021-12-09", "pentagon-not-planning-2024-01-09")
PROBLEM = re.compile(r"^[^\n]+:[0-9]+: \S+ \S+: \S.*$")
SUMMARY = re.compile(r"^ok: \d+ series, \d+ sources, \d+ figures(, \d+ marked for review)?, ")
CSV_COLUMNS = ("id", "series", "source", "kind", "as_of", "value", "hedge", "bound", "low",
               "high", "claimant", "quote", "revises", "inferred", "note")  # fmt: skip


def build_root(dest: Path) -> list[Path]:
    """Copy real data files into ``dest`` and add a CSV table; return the files to mutate."""
    ds = troops.load(REPO)
    (dest / "data" / "sources").mkdir(parents=True)
    (dest / "data" / "figures").mkdir()
    for name in ("series.yaml", "hedges.yaml"):
        shutil.copy(REPO / "data" / name, dest / "data" / name)
    for sid in SOURCES:
        shutil.copy(REPO / "data" / "sources" / f"{sid}.yaml", dest / "data" / "sources")
        archive = Path("seeds") / ds.source_records[sid].archive
        (dest / archive).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / archive, dest / archive)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    raw = {f.id: f for e in troops.load(REPO).figure_records for f in [e] if f.source in SOURCES}
    for fig in raw.values():
        cells = fig.model_dump()
        cells.update(id=f"{fig.id}.csv", bound="", low=None, high=None)
        cells["revises"] = " ".join(cells["revises"])
        cells["inferred"] = " | ".join(f"{k}={v}" for k, v in fig.inferred.items())
        writer.writerow(["" if cells[c] is None else cells[c] for c in CSV_COLUMNS])
    (dest / "data" / "figures" / "copies.csv").write_text(buf.getvalue(), encoding="utf-8")
    return sorted(p for p in (dest / "data").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A dataset root made of real files, shared by all examples of a module."""
    root = tmp_path_factory.mktemp("fuzz") / "root"
    files = build_root(root)
    return root, files


MUTATION = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(
        st.just("flip"),
        st.integers(0, 100_000),
        st.sampled_from(
            [
                *" :-'\"[]{}#&*!|>%@`,=+\t\n\\/?0159aZ.\x00\xe9\u2019\ufeff",
                *"\u200b\u00ad\u2060\u202e\u2067\x9b\x1b\u0301",  # invisible, bidi, controls
                "\\e[2J",
                "\\u202e",
                "\\x9b",
                "0x",
                "_",
                "**",
                "[...]",
                "](9000)",
            ]
        ),
    ),
    # long runs of one thing (spaces, markup, digits): must stay cheap (linear text passes)
    st.tuples(
        st.just("run"),
        st.integers(0, 100_000),
        st.sampled_from([" ", "\t", "*", "**a ", "[", "[a](", "1", "1,000", "nine "]),
        st.integers(1_000, 40_000),
    ),
    st.tuples(st.just("truncate"), st.integers(0, 100_000)),
    st.tuples(st.just("insert"), st.integers(0, 100_000), st.binary(min_size=1, max_size=8)),
)


def mutate(data: bytes, mutation: tuple[object, ...]) -> bytes:
    """Apply one mutation to a file's bytes."""
    kind = mutation[0]
    lines = data.splitlines(keepends=True) or [b""]
    if kind in ("delete", "duplicate", "swap"):
        i = int(mutation[1]) % len(lines)  # type: ignore[call-overload]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = int(mutation[2]) % len(lines)  # type: ignore[call-overload]
            lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)
    pos = int(mutation[1]) % (len(data) + 1)  # type: ignore[call-overload]
    if kind == "flip":
        char = str(mutation[2]).encode("utf-8")
        return data[:pos] + char + data[pos + 1 :]
    if kind == "truncate":
        return data[:pos]
    if kind == "run":
        run = str(mutation[2]).encode("utf-8") * int(mutation[3])  # type: ignore[call-overload]
        return data[:pos] + run + data[pos:]
    return data[:pos] + bytes(mutation[2]) + data[pos:]  # type: ignore[call-overload]


def check_clean(root: Path, files: list[Path], which: int, mutation: tuple[object, ...]) -> None:
    """Mutate one file, run validate and table, require a clean outcome, restore the file."""
    path = files[which % len(files)]
    original = path.read_bytes()
    path.write_bytes(mutate(original, mutation))
    runner = CliRunner()
    try:
        for args in (("validate",), ("table", "--csv")):
            result = runner.invoke(cli, [*args, "--data", str(root)], catch_exceptions=False)
            assert result.exit_code in (0, 1), (args, result.output)
            assert "Traceback" not in result.stderr
            assert "internal error" not in result.stderr
            for line in result.stderr.splitlines():
                assert PROBLEM.match(line) or SUMMARY.match(line), (args, line)
            if result.exit_code == 1:
                assert result.stdout == ""
                assert result.stderr.strip(), args
    finally:
        path.write_bytes(original)


def test_fuzz_root_is_valid(fuzz_root: tuple[Path, list[Path]]) -> None:
    """The unmutated fuzz root, real files plus a CSV of real figures, validates cleanly."""
    root, files = fuzz_root
    assert [p.relative_to(root).as_posix() for p in files] == [
        "data/figures/copies.csv",
        "data/hedges.yaml",
        "data/series.yaml",
        f"data/sources/{SOURCES[1]}.yaml",
        f"data/sources/{SOURCES[0]}.yaml",
    ]
    result = CliRunner().invoke(cli, ["validate", "--data", str(root)])
    assert result.exit_code == 0, result.stderr
    assert "ok: 5 series, 2 sources, 8 figures, 6 events" in result.stderr


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(which=st.integers(0, 4), mutation=MUTATION)
def test_mutated_data_fails_cleanly(
    fuzz_root: tuple[Path, list[Path]], which: int, mutation: tuple[object, ...]
) -> None:
    """A mutated data file (300 examples) gives exit 0 or clean problem lines, never a crash."""
    check_clean(*fuzz_root, which, mutation)


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(which=st.integers(0, 4), mutation=MUTATION)
def test_mutated_data_fails_cleanly_10k(
    fuzz_root: tuple[Path, list[Path]], which: int, mutation: tuple[object, ...]
) -> None:
    """Ten thousand mutated data files give exit 0 or clean problem lines, never a crash."""
    check_clean(*fuzz_root, which, mutation)
