"""Which dataset commands and the API read, `troops init`, and the read-only installed copy."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO, Root

import troops
from troops.core.dates import first_day, last_day, to_day
from troops.core.errors import DataError
from troops.dataset import discover as disc
from troops.dataset.discover import ENV_VAR, Found, discover


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No TROOPS_DATA from the environment the tests run in."""
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_data_option_wins_over_everything(
    mini: Root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data` beats TROOPS_DATA, which beats the nearest root, which beats the bundled copy."""
    other = tmp_path / "other"
    shutil.copytree(mini.path, other)
    monkeypatch.setenv(ENV_VAR, str(other))
    monkeypatch.chdir(mini.path / "data")
    assert discover(mini.path) == Found(mini.path, "option")
    assert discover() == Found(other, "environment")
    monkeypatch.delenv(ENV_VAR)
    assert discover() == Found(mini.path.absolute(), "working directory")
    monkeypatch.chdir(tmp_path)
    assert discover().how == "bundled"


def test_nearest_root_is_found_from_deep_inside(
    mini: Root, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command run in any folder below a dataset root reads that root."""
    deep = mini.path / "seeds" / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert discover().root == mini.path.absolute()


def test_the_api_and_the_command_read_the_same_dataset(
    mini: Root, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """troops.load() and `troops table` without --data read the same (nearest) dataset."""
    monkeypatch.chdir(mini.path)
    api = troops.load()
    table = run("table", "--csv")
    assert table.exit_code == 0, table.stderr
    assert len(table.stdout.splitlines()) - 1 == len(api.figure_records) == 4
    assert api.root == mini.path.absolute()


def test_verbose_says_which_dataset_unless_bundled(
    mini: Root, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-v` prints one line naming a dataset that is not the bundled one, and nothing else."""
    result = run("table", "--csv", "-v", "--data", "mini")
    assert result.stderr == "troops: reading the dataset at mini (--data)\n"
    monkeypatch.setenv(ENV_VAR, "mini")
    result = run("table", "--csv", "-v")
    assert result.stderr == f"troops: reading the dataset at mini (${ENV_VAR})\n"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.chdir(REPO if disc.bundled().root == REPO else mini.path.parent)
    assert run("table", "--csv", "-v").stderr == ""


def test_validate_summary_names_a_dataset_that_is_not_bundled(
    mini: Root, run: Callable[..., Result]
) -> None:
    """`troops validate` ends its summary with the dataset it read when that is not bundled."""
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0
    assert result.stderr.rstrip().endswith("; reading the dataset at mini (--data)")


def installed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend the bundled dataset is an installed (read-only) copy at <tmp>/site/_dataset."""
    site = tmp_path / "site" / "_dataset"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", site)
    monkeypatch.setattr(disc, "bundled", lambda: Found(site, "bundled", read_only=True))
    return site


def tree_digest(root: Path) -> str:
    """One sha256 over the names and bytes of every file below ``root``."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(p.relative_to(root).as_posix().encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_add_refuses_the_installed_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """`troops add` with only the installed copy to write into says to use `troops init`, exit 1."""
    site = installed_copy(tmp_path, monkeypatch)
    before = tree_digest(site)
    (tmp_path / "r.txt").write_text("About 900 US troops remain in Syria.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(
        "add", "r.txt", "--url", "https://example.org/a", "--publisher", "Wire",
        "--published", "2024-12-19",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "never writes to" in line
    assert "troops init DIR" in line
    assert tree_digest(site) == before


def test_add_inside_a_copy_writes_into_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """After `troops init`, `troops add` run inside the copy writes there, not into the package."""
    site = installed_copy(tmp_path, monkeypatch)
    before = tree_digest(site)
    monkeypatch.chdir(tmp_path)
    made = run("init", "work")
    assert made.exit_code == 0, made.stderr
    assert made.stdout == "work\n"
    assert "--data work" in made.stderr
    (tmp_path / "r.txt").write_text("About 900 US troops remain in Syria.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    result = run(
        "add", "../r.txt", "--url", "https://example.org/a", "--publisher", "Wire",
        "--published", "2024-12-19", "--id", "wire-2024-12-19",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "work" / "data" / "sources" / "wire-2024-12-19.yaml").is_file()
    assert tree_digest(site) == before


def test_init_copies_a_valid_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """`troops init DIR` makes a dataset root that validates and holds the same figures."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "copy").exit_code == 0
    copy = troops.load(tmp_path / "copy")
    assert copy.digest == troops.load(disc.bundled().root).digest
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == ["data", "seeds"]


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """`troops init` into a folder holding anything is one line, exit 1, nothing touched."""
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("init", "full")
    assert result.exit_code == 1
    assert result.stderr == "full:1: - -: is not empty; troops init needs a new or empty folder\n"
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_init_into_an_empty_folder_works(tmp_path: Path) -> None:
    """An empty folder is as good as a new one for `troops init`."""
    (tmp_path / "empty").mkdir()
    disc.init(tmp_path / "empty")
    assert (tmp_path / "empty" / "data" / "series.yaml").is_file()


def test_no_bundled_copy_is_one_problem(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without a bundled copy and with no root around, discovery fails with a DataError."""
    monkeypatch.setattr(disc, "is_root", lambda path: False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="no bundled dataset"):
        discover()


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2021-03-15", date(2021, 3, 15), date(2021, 3, 15)),
        ("2019-10/2020-03", date(2019, 10, 1), date(2020, 3, 31)),
    ],
)
def test_one_date_rule(text: str, since: date, until: date) -> None:
    """`since` is a period's first day; `until` and `known_on` are its last day."""
    assert first_day(text) == to_day(text, "since") == since
    assert last_day(text) == to_day(text, "until") == to_day(text, "known_on") == until
    assert first_day(since) == since
    assert last_day(None) is None


def test_api_and_cli_select_the_same_figures_for_a_year(run: Callable[..., Result]) -> None:
    """ds.select(since="2021") and `troops table --since 2021` keep the same figures."""
    ds = troops.load()
    for since, until in (("2021", None), (None, "2021"), ("2021", "2021"), ("2024-12", None)):
        args = [*(("--since", since) if since else ()), *(("--until", until) if until else ())]
        result = run("table", "--csv", "--series", "us-iraq", *args)
        cli_ids = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
        api_ids = [f.id for f in ds.select("us-iraq", since=since, until=until)]
        assert cli_ids == api_ids, (since, until)
        assert api_ids


def _installed_troops() -> Path | None:
    """The directory of the imported troops package when it is a plain (not editable) install."""
    package = Path(troops.__file__).resolve().parent
    return package if (package / disc.BUNDLED_DIR).is_dir() else None


@pytest.mark.slow
def test_plain_install_add_in_a_clone_writes_into_the_clone(tmp_path: Path) -> None:
    """With troops installed plainly, `troops add` inside a clone changes the clone only."""
    package = _installed_troops()
    if package is None:
        reason = "troops is imported from a checkout, not a plain install (.ci/run makes one)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}")
        pytest.skip(reason)
    before = tree_digest(package)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    (tmp_path / "r.txt").write_text("About 900 US troops remain in Syria.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    troops_cmd = Path(sys.executable).with_name("troops")
    args = [
        str(troops_cmd), "add", "../r.txt", "--url", "https://example.org/a",
        "--publisher", "Wire", "--published", "2024-12-19", "--id", "wire-2024-12-19",
    ]  # fmt: skip
    done = subprocess.run(args, cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
    )
    assert "data/sources/wire-2024-12-19.yaml" in status.stdout
    assert tree_digest(package) == before
    api = subprocess.run(
        [sys.executable, "-c", "import troops; print(len(troops.load().figure_records))"],
        cwd=clone, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    table = subprocess.run(
        [str(troops_cmd), "table", "--csv"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert int(api.stdout) == len(table.stdout.splitlines()) - 1
