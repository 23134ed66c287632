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

from troops.intake.add import NewReport, add_report
from troops.io.fsio import WriteError, dataset_lock

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
  inferred:
    published: >-
      The date given to troops add (--published); troops did not read it from the archived
      text or the URL.
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
    review: check every field against the quote, then delete this line
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
        f"{SOURCE}:30: reuters-2024-12-19.us-syria review: warning: marked for review"
    )
    assert lines[3].startswith("ok: 2 series, 3 sources, 4 figures, 1 marked for review, ")
    assert Path(SOURCE).read_text(encoding="utf-8") == SOURCE_YAML.format(sha=sha)
    assert Path(ARCHIVE).read_bytes() == TEXT.encode()
    assert stat.S_IMODE(Path(ARCHIVE).stat().st_mode) == 0o444
    table = run("table", "--csv", "--data", "mini")
    assert "reuters-2024-12-19" not in table.stdout


def test_deleting_the_review_line_clears_the_mark(mini: Root, run: Callable[..., Result]) -> None:
    """Doing what the file says -- deleting each `review:` line -- leaves a valid dataset in
    which the figure is no longer marked and appears in the table."""
    mini.write("../syria.txt", TEXT)
    assert run("add", "syria.txt", *ARGS).exit_code == 0
    path = Path(SOURCE)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.lstrip().startswith("review:")), "utf-8")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert "marked for review" not in result.stderr
    assert "reuters-2024-12-19.us-syria" in run("table", "--csv", "--data", "mini").stdout


def test_file_name_with_a_line_break_stays_in_the_comment(
    mini: Root, run: Callable[..., Result]
) -> None:
    """A line break in the article's file name cannot escape the header comment."""
    mini.write("../nl\nx: y.txt", TEXT)
    result = run("add", "nl\nx: y.txt", *ARGS)
    assert result.exit_code == 0, result.stderr
    header = Path(SOURCE).read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "# Added by `troops add` from nl\\nx: y.txt. The figures are candidates read by"
    )


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


ORPHAN = (
    f"{ARCHIVE}:1: - archive: warning: no source refers to this file (left by an interrupted "
    "troops add? run that add again, which reuses the file, or delete it)"
)


def test_validate_warns_about_an_archive_no_source_names(
    mini: Root, run: Callable[..., Result]
) -> None:
    """An archive no source refers to (what a killed add leaves) is one warning; hidden and
    temporary files under seeds/ are not archives and are not mentioned."""
    mini.write("seeds/reports/reuters-2024-12-19.txt", TEXT)
    mini.write("seeds/reports/.troops-tmp-x.part", "half")
    mini.write("seeds/.hidden/notes.txt", "curator notes")
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (0, "")
    lines = result.stderr.splitlines()
    assert lines[0] == ORPHAN
    assert lines[1].startswith("ok: 2 series, 2 sources, 4 figures, 1 events ")
    assert len(lines) == 2


def test_rerun_reuses_the_archive_an_interrupted_add_left(
    mini: Root, run: Callable[..., Result]
) -> None:
    """When an add died after archiving, the same add again reuses that archive and finishes."""
    mini.write("../syria.txt", TEXT)
    archive = mini.write("seeds/reports/reuters-2024-12-19.txt", TEXT)
    archive.chmod(0o444)
    result = run("add", "syria.txt", *ARGS)
    assert result.exit_code == 0, result.stderr
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    assert result.stderr.splitlines()[:2] == [
        f"troops add: reused {ARCHIVE} (sha256 {sha})",
        f"troops add: wrote {SOURCE} with 1 candidate figure marked for review",
    ]
    assert Path(SOURCE).read_text(encoding="utf-8") == SOURCE_YAML.format(sha=sha)
    assert ORPHAN not in result.stderr


def test_rerun_after_a_complete_add_changes_nothing(mini: Root, run: Callable[..., Result]) -> None:
    """Running an add that already completed again succeeds, says so, and writes nothing."""
    mini.write("../syria.txt", TEXT)
    assert run("add", "syria.txt", *ARGS).exit_code == 0
    before = {p: (mini.file(p).read_bytes(), mini.file(p).stat().st_mtime_ns) for p in files(mini)}
    result = run("add", "syria.txt", *ARGS)
    assert (result.exit_code, result.stdout) == (0, f"{SOURCE}\n")
    assert result.stderr.splitlines()[0] == (
        f"troops add: {SOURCE} already holds this report; nothing written"
    )
    after = {p: (mini.file(p).read_bytes(), mini.file(p).stat().st_mtime_ns) for p in files(mini)}
    assert after == before


def test_rerun_with_other_details_is_refused(mini: Root, run: Callable[..., Result]) -> None:
    """The same text and id with other details (another title) is no rerun: the id is taken."""
    mini.write("../syria.txt", TEXT)
    assert run("add", "syria.txt", *ARGS).exit_code == 0
    result = run("add", "syria.txt", *ARGS, "--title", "Another headline")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{SOURCE}:1: - -: already exists; choose another --id\n"


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
    import troops.intake.add

    real = troops.intake.add.atomic_write
    calls: list[Path] = []

    def flaky(path: Path, data: bytes | str, **kw: object) -> Path:
        calls.append(Path(path))
        if len(calls) == 2:
            raise WriteError(28, f"cannot write {path}: No space left on device")
        return real(path, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(troops.intake.add, "atomic_write", flaky)
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


def _race(
    mini: Root, ids: tuple[str, str], texts: tuple[str, str] = ("a.txt", "b.txt")
) -> list[tuple[int, bytes]]:
    """Start two `troops add` processes while holding the lock, then let them run together."""
    cwd = mini.path.parent
    mini.write("../a.txt", "About 2,000 US troops are in Syria.")
    mini.write("../b.txt", "About 2,500 US troops are in Iraq.")
    with dataset_lock(mini.path):
        procs = [_add_process(cwd, texts[0], ids[0]), _add_process(cwd, texts[1], ids[1])]
        time.sleep(1.0)  # both start and wait for the lock
    outs = [p.communicate(timeout=60) for p in procs]
    return [(p.returncode, err) for p, (_, err) in zip(procs, outs, strict=True)]


def _assert_added(mini: Root, source_id: str, text: str) -> None:
    """The report ``source_id`` is in the dataset in full: its archive holds ``text``, and
    its source file pins that archive and proposes the figure of the text."""
    archive = mini.file(f"seeds/reports/{source_id}.txt")
    assert archive.read_text(encoding="utf-8") == text
    source = mini.file(f"data/sources/{source_id}.yaml").read_text(encoding="utf-8")
    assert f"  id: {source_id}\n" in source
    assert f"  sha256: {hashlib.sha256(text.encode()).hexdigest()}\n" in source
    assert f"  - id: {source_id}.us-" in source
    assert f"    quote: {text}\n" in source


@pytest.mark.slow
def test_two_concurrent_adds_both_succeed(mini: Root, run: Callable[..., Result]) -> None:
    """Two `troops add` processes racing on one dataset both succeed and both records stay."""
    results = _race(mini, ("first-2024", "second-2024"))
    assert [code for code, _ in results] == [0, 0], results
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "4 sources, 4 figures, 2 marked for review" in check.stderr
    _assert_added(mini, "first-2024", "About 2,000 US troops are in Syria.")
    _assert_added(mini, "second-2024", "About 2,500 US troops are in Iraq.")


def test_adds_started_together_both_land(mini: Root, run: Callable[..., Result]) -> None:
    """Two `troops add` processes of different reports started at the same moment (no lock
    held by the test) both succeed, and both reports are in the dataset in full."""
    texts = {"alpha-2024": "About 2,000 US troops are in Syria.",
             "beta-2024": "About 2,500 US troops are in Iraq."}  # fmt: skip
    for sid, text in texts.items():
        mini.write(f"../{sid}.txt", text)
    procs = [_add_process(mini.path.parent, f"{sid}.txt", sid) for sid in texts]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [out for out, _ in outs] == [f"mini/data/sources/{sid}.yaml\n".encode() for sid in texts]
    for sid, text in texts.items():
        _assert_added(mini, sid, text)
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "ok: 2 series, 4 sources, 4 figures, 2 marked for review, " in check.stderr


@pytest.mark.slow
def test_many_rounds_of_concurrent_adds(mini: Root, run: Callable[..., Result]) -> None:
    """Eight rounds of two `troops add` processes started together, each with its own
    report, lose no report: all sixteen are in the dataset in full."""
    added = {}
    for r in range(8):
        texts = {f"r{r}-{side}": f"About {1000 + 10 * r + k} US troops are in Syria."
                 for k, side in enumerate("ab")}  # fmt: skip
        for sid, text in texts.items():
            mini.write(f"../{sid}.txt", text)
        procs = [_add_process(mini.path.parent, f"{sid}.txt", sid) for sid in texts]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        added.update(texts)
    for sid, text in added.items():
        _assert_added(mini, sid, text)
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "ok: 2 series, 18 sources, 4 figures, 16 marked for review, " in check.stderr


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


@pytest.mark.slow
def test_one_report_added_twice_at_once(mini: Root, run: Callable[..., Result]) -> None:
    """The same report added by two processes at once is added once; both succeed, and the
    second says the dataset already holds it."""
    results = _race(mini, ("same-2024", "same-2024"), texts=("a.txt", "a.txt"))
    assert [code for code, _ in results] == [0, 0], results
    notes = sorted(err.decode().splitlines()[0] for _, err in results)
    assert notes == [
        "troops add: archived mini/seeds/reports/same-2024.txt (sha256 "
        f"{hashlib.sha256(b'About 2,000 US troops are in Syria.').hexdigest()})",
        "troops add: mini/data/sources/same-2024.yaml already holds this report; nothing written",
    ]
    _assert_added(mini, "same-2024", "About 2,000 US troops are in Syria.")
    check = run("validate", "--data", "mini")
    assert check.exit_code == 0
    assert "ok: 2 series, 3 sources, 4 figures, 1 marked for review, " in check.stderr
