"""`troops add`: archive, source file with candidates for review, validation, rollback."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

from troops.add import NewReport, add_report
from troops.fsio import WriteError, dataset_lock

TEXT = (
    "Pentagon says 2,000 troops in Syria\n\n"
    "WASHINGTON (Reuters) - About 2,000 US troops are in Syria, the Pentagon said on Thursday.\n"
    "The attack came at least 100 times since 2023.\n"
)
ARGS = (
    "--url", "https://example.org/syria", "--publisher", "Reuters", "--published",
    "2024-12-19", "--title", "Pentagon says 2,000 troops in Syria", "--retrieved",
    "2024-12-20", "--data", "mini",
)  # fmt: skip
SOURCE = "mini/data/sources/reuters-2024-12-19.yaml"
ARCHIVE = "mini/seeds/reports/reuters-2024-12-19.txt"
SOURCE_YAML = """\
# Added by `troops add` from syria.txt. The figures are candidates read by
# `troops extract`: check each one, then delete its `review:` line.
source:
  id: reuters-2024-12-19
  title: Pentagon says 2,000 troops in Syria
  publisher: Reuters
  published: '2024-12-19'
  url: https://example.org/syria
  retrieved: '2024-12-20'
  archive: reports/reuters-2024-12-19.txt
  sha256: {sha}
figures:
  - id: reuters-2024-12-19.us-syria
    series: us-syria
    kind: count
    as_of: '2024-12-19'
    value: 2000
    hedge: about
    bound: approx
    claimant: The Pentagon
    quote: >-
      WASHINGTON (Reuters) - About 2,000 US troops are in Syria, the Pentagon said on Thursday.
    inferred:
      as_of: >-
        the publication date (troops extract dates each figure by its report)
    review: >-
      candidate proposed by troops extract; check series, kind, value, hedge, as_of and claimant
      against the quote, then delete this line
"""


def files(root: Root) -> set[str]:
    """Every file under the root (relative paths), the lock file aside."""
    return {
        p.relative_to(root.path).as_posix()
        for p in root.path.rglob("*")
        if p.is_file() and p.name != ".troops.lock"
    }


def test_add_archives_writes_and_validates(mini: Root, run: Callable[..., Result]) -> None:
    """A new report is archived read-only, gets a source file with candidates, and validates."""
    mini.write("../syria.txt", TEXT)
    result = run("add", "syria.txt", *ARGS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{SOURCE}\n"
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"troops add: archived {ARCHIVE} (sha256 {sha})",
        f"troops add: wrote {SOURCE} with 1 candidate figure marked for review",
    ]
    assert lines[2].startswith(
        f"{SOURCE}:26: warning: reuters-2024-12-19.us-syria review: marked for review"
    )
    assert lines[3].startswith("ok: 2 series, 3 sources, 4 figures, 1 marked for review, ")
    assert Path(SOURCE).read_text(encoding="utf-8") == SOURCE_YAML.format(sha=sha)
    assert Path(ARCHIVE).read_bytes() == TEXT.encode()
    assert stat.S_IMODE(Path(ARCHIVE).stat().st_mode) == 0o444
    table = run("table", "--csv", "--data", "mini")
    assert "reuters-2024-12-19" not in table.stdout


def test_taken_id_fails_and_changes_nothing(mini: Root, run: Callable[..., Result]) -> None:
    """Adding a report whose source id exists fails with one line and leaves every file as is."""
    mini.write("../syria.txt", TEXT)
    assert run("add", "syria.txt", *ARGS).exit_code == 0
    before = {p: Path(mini.path, p).read_bytes() for p in files(mini)}
    mini.write("../other.txt", "About 900 US troops are in Syria.")
    result = run("add", "other.txt", *ARGS)
    assert result.exit_code == 1
    assert result.stderr == f"{SOURCE}:1: - -: already exists; choose another --id\n"
    assert {p: Path(mini.path, p).read_bytes() for p in files(mini)} == before


def test_existing_archive_is_never_replaced(mini: Root, run: Callable[..., Result]) -> None:
    """An archive file already at the target path is kept, and nothing is written."""
    archive = mini.write("seeds/reports/reuters-2024-12-19.txt", "older text")
    mini.write("../syria.txt", TEXT)
    result = run("add", "syria.txt", *ARGS)
    assert result.exit_code == 1
    assert result.stderr == f"{ARCHIVE}:1: - -: already exists; choose another --id\n"
    assert archive.read_text(encoding="utf-8") == "older text"
    assert not Path(SOURCE).exists()


def test_validation_failure_removes_what_add_created(
    mini: Root, run: Callable[..., Result]
) -> None:
    """When the dataset does not validate after the addition, the new files are removed."""
    mini.edit("data/sources/mini-2021-03-05.yaml", "remain in Iraq", "remained in Iraq")
    before = files(mini)
    mini.write("../syria.txt", TEXT)
    result = run("add", "syria.txt", *ARGS)
    assert result.exit_code == 1
    assert result.stderr.startswith("mini/data/sources/mini-2021-03-05.yaml:18: mini.us-iraq ")
    assert files(mini) == before
    assert not (mini.path / "seeds" / "reports").exists()


def test_unreadable_text_writes_nothing(mini: Root, run: Callable[..., Result]) -> None:
    """Text with a byte-order mark is refused with one line before anything is written."""
    mini.write("../bom.txt", b"\xef\xbb\xbfAbout 900 US troops are in Syria.")
    before = files(mini)
    result = run("add", "bom.txt", *ARGS)
    assert result.exit_code == 1
    assert result.stderr == (
        "bom.txt:1: - -: starts with a byte-order mark; save it as UTF-8 without BOM\n"
    )
    assert files(mini) == before


def test_failed_write_is_rolled_back(mini: Root, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing after the archive was made removes the archive again."""
    import troops.add

    real = troops.add.atomic_write
    calls: list[Path] = []

    def flaky(path: Path, data: bytes | str, **kw: object) -> Path:
        calls.append(Path(path))
        if len(calls) == 2:
            raise WriteError(28, f"cannot write {path}: No space left on device")
        return real(path, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(troops.add, "atomic_write", flaky)
    article = mini.write("../syria.txt", TEXT)
    before = files(mini)
    report = NewReport("https://example.org/syria", "Reuters", "2024-12-19")
    with pytest.raises(WriteError, match="No space left on device"):
        add_report(mini.path, article, report)
    assert [p.name for p in calls] == ["reuters-2024-12-19.txt", "reuters-2024-12-19.yaml"]
    assert files(mini) == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--url", "ftp://example.org", "Invalid value for '--url': must be an http(s) URL "
         "without spaces (got 'ftp://example.org')"),
        ("--id", "Bad Id", "Invalid value for '--id': must be lower-case letters, digits, '.', "
         "'_' or '-' (at most 120) (got 'Bad Id')"),
        ("--subdir", "../elsewhere", "Invalid value for '--subdir': '../elsewhere' must be a "
         "folder inside seeds/"),
        ("--published", "2024-02-30", "Invalid value for '--published': '2024-02-30' is not a "
         "calendar date (2024-02 has 29 days)"),
    ],
)  # fmt: skip
def test_bad_details_are_usage_errors(
    mini: Root, run: Callable[..., Result], option: str, value: str, message: str
) -> None:
    """Bad report details are usage errors (one line, exit 2) and write nothing."""
    mini.write("../syria.txt", TEXT)
    before = files(mini)
    result = run("add", "syria.txt", *ARGS, option, value)
    assert result.exit_code == 2
    assert result.stderr == f"troops add: {message} (see 'troops add --help')\n"
    assert files(mini) == before


def _add_process(cwd: Path, article: str, source_id: str) -> subprocess.Popen[bytes]:
    args = [a for a in ARGS if a != "--title"]
    args.remove("Pentagon says 2,000 troops in Syria")
    return subprocess.Popen(
        [sys.executable, "-m", "troops", "add", article, *args, "--id", source_id],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _race(mini: Root, ids: tuple[str, str]) -> list[tuple[int, bytes]]:
    """Start two `troops add` processes while holding the lock, then let them run together."""
    cwd = mini.path.parent
    mini.write("../a.txt", "About 2,000 US troops are in Syria.")
    mini.write("../b.txt", "About 2,500 US troops are in Iraq.")
    with dataset_lock(mini.path):
        procs = [_add_process(cwd, "a.txt", ids[0]), _add_process(cwd, "b.txt", ids[1])]
        time.sleep(1.0)  # both start and wait for the lock
    outs = [p.communicate(timeout=60) for p in procs]
    return [(p.returncode, err) for p, (_, err) in zip(procs, outs, strict=True)]


@pytest.mark.slow
def test_two_concurrent_adds_both_succeed(mini: Root, run: Callable[..., Result]) -> None:
    """Two `troops add` processes racing on one dataset both succeed and both records stay."""
    results = _race(mini, ("first-2024", "second-2024"))
    assert [code for code, _ in results] == [0, 0], results
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "4 sources, 4 figures, 2 marked for review" in check.stderr
    assert (mini.path / "data/sources/first-2024.yaml").exists()
    assert (mini.path / "data/sources/second-2024.yaml").exists()


@pytest.mark.slow
def test_two_concurrent_adds_of_one_id(mini: Root, run: Callable[..., Result]) -> None:
    """Two processes adding the same source id: one succeeds, the other fails cleanly."""
    results = _race(mini, ("same-2024", "same-2024"))
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    (failed,) = [err for code, err in results if code == 1]
    assert failed.decode() == (
        "mini/data/sources/same-2024.yaml:1: - -: already exists; choose another --id\n"
    )
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "3 sources, 4 figures, 1 marked for review" in check.stderr
