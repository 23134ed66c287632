"""The bundled dataset: valid, complete for the seed articles, and usable from anywhere."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from click.testing import Result

import troops
from troops.dataset.discover import bundled

#: (series, kind, value, bound, as_of) of every troop figure the five seed articles report.
SEED_FIGURES = {
    ("us-iraq", "count", 5300, "exact", "2020-01/2020-05"),
    ("us-iraq", "count", 2500, "exact", "2021-01-20"),
    ("us-iraq", "count", 2500, "approx", "2021-03"),
    ("us-iraq", "count", 2500, "approx", "2021-11-21"),
    ("us-iraq", "count", 2500, "approx", "2021-12-10"),
    ("us-iraq", "target", None, "unknown", "2022-01-01"),
    ("us-iraq", "count", 2500, "exact", "2024-01-08"),
    ("coalition-iraq", "count", 1000, "approx", "2021-12-10"),
    ("us-syria", "count", 900, "exact", "2024-01-09"),
}


def test_bundled_dataset_validates(run: Callable[..., Result]) -> None:
    """`troops validate` on the bundled dataset exits 0."""
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith("ok: ")


def test_seed_figures_present() -> None:
    """Every troop figure of the seed articles is in the dataset with its source and quote."""
    ds = troops.load()
    seeds = {s.id for s in ds.source_records.values() if s.archive.startswith("articles/")}
    assert len(seeds) == 5
    got = {
        (f.series, f.kind, f.value, f.bound, f.as_of)
        for f in ds.figure_records
        if f.source in seeds
    }
    assert got == SEED_FIGURES


def test_every_figure_has_source_and_quote(run: Callable[..., Result]) -> None:
    """Each CSV row names its source and carries a non-empty quote."""
    result = run("table", "--csv")
    frame = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert (frame["source"] != "").all()
    assert (frame["quote"].str.len() > 10).all()


def test_csv_round_trips_through_pandas(run: Callable[..., Result]) -> None:
    """`troops table --csv` reads back with pandas with numeric values and parseable dates."""
    out = run("table", "--csv").stdout_bytes
    frame = pd.read_csv(io.BytesIO(out), parse_dates=["as_of_start", "as_of_end"])
    assert list(frame.columns) == [*troops.dataset.api.FIGURE_COLUMNS, "publisher_type"]  # type: ignore[attr-defined]
    for col in ("value", "low", "high"):
        assert pd.api.types.is_numeric_dtype(frame[col]), col
    assert pd.api.types.is_datetime64_any_dtype(frame["as_of_start"])
    assert pd.api.types.is_datetime64_any_dtype(frame["as_of_end"])
    api = troops.load().figures
    assert frame["id"].tolist() == api["id"].tolist()
    assert frame["value"].fillna(-1).astype(int).tolist() == api["value"].fillna(-1).tolist()
    for col in frame.columns:
        if pd.api.types.is_string_dtype(frame[col]):
            assert not frame[col].dropna().astype(str).str.match(r"^[=+\-@]").any(), col


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the bundled dataset root at <tmp>/ds, working directory <tmp>."""
    root = bundled().root
    dest = tmp_path / "ds"
    shutil.copytree(root / "data", dest / "data")
    shutil.copytree(root / "seeds", dest / "seeds")
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    monkeypatch.chdir(tmp_path)
    return dest


def test_one_character_of_a_quote(bundled_copy: Path, run: Callable[..., Result]) -> None:
    """Changing one character of a bundled quote fails validation at that file and line."""
    path = bundled_copy / "data/sources/sputnik-2021-12-09.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Troop numbers fell", "Troop numbers fall", 1), encoding="utf-8")
    line = text[: text.index("Troop numbers fell")].count("\n")  # the line of "quote: >-"
    result = run("validate", "--data", "ds")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"ds/data/sources/sputnik-2021-12-09.yaml:{line}: sputnik-2021-12-09.us-iraq-high quote: "
        "not found verbatim in seeds/articles/2021-12-09-sputnik-iraqi-security-advisor-claims-"
        "coalition-withdrawing.txt: 'Troop numbers fall from a high of 5,300 to 2,500 "
        "personne...'"
    ]


def test_one_character_of_an_archive(bundled_copy: Path, run: Callable[..., Result]) -> None:
    """Changing one character of an archived article fails validation on its sha256 line."""
    (archive,) = (bundled_copy / "seeds/articles").glob("2021-12-09-sputnik-*.txt")
    archive.write_bytes(archive.read_bytes().replace(b"5,300", b"5,301"))
    data = (bundled_copy / "data/sources/sputnik-2021-12-09.yaml").read_text(encoding="utf-8")
    line = data[: data.index("  sha256:")].count("\n") + 1
    result = run("validate", "--data", "ds")
    assert result.exit_code == 1
    (only,) = result.stderr.splitlines()
    assert only.startswith(
        f"ds/data/sources/sputnik-2021-12-09.yaml:{line}: sputnik-2021-12-09 sha256: does not match"
    )


def test_table_from_any_directory(tmp_path: Path) -> None:
    """`troops table --csv` works from an unrelated directory (the data ship with the package)."""
    proc = subprocess.run(
        [sys.executable, "-m", "troops", "table", "--csv"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"id,series,kind,as_of,")
    assert proc.stderr == b""


def _modules_after(args: list[str]) -> set[str]:
    script = (
        "import sys\n"
        "from troops.cli import cli\n"
        f"try:\n    cli.main(args={args!r}, prog_name='troops', standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES', ' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    line = proc.stdout.rsplit("MODULES", 1)[1]
    return set(line.split())


def test_help_imports_neither_pandas_nor_matplotlib() -> None:
    """`troops --help` imports neither pandas nor matplotlib (nor pydantic)."""
    mods = _modules_after(["--help"])
    assert "click" in mods
    assert not {"pandas", "matplotlib", "pydantic", "numpy"} & mods


def test_table_does_not_import_matplotlib() -> None:
    """`troops table --csv` never imports matplotlib."""
    mods = _modules_after(["table", "--csv"])
    assert "pydantic" in mods
    assert "matplotlib" not in mods
