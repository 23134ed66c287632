"""Command-line misuse is a usage error (exit 2), a bad input file an input error (exit 1):
either way exactly one line on stderr and nothing on stdout."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

LONG_ID = "a" * 112  # a valid source id, too long to start the figure ids ".us-syria" etc.
ADD = ("--url", "https://example.org/a", "--publisher", "Reuters", "--published", "2024-12-19")


def usage(command: str, message: str) -> str:
    """The one line of a usage error of ``troops COMMAND``."""
    return f"troops {command}: {message} (see 'troops {command} --help')"


MISUSE = [
    (
        ("table", "--series", "us-irak", "--data", "mini"),
        "troops table: Invalid value for '--series': unknown series us-irak "
        "(known: us-iraq, us-syria) (see 'troops table --help')",
    ),
    (
        ("table", "--steps", "--series", "us-iraq", "--series", "nato", "--data", "mini"),
        "troops table: Invalid value for '--series': unknown series nato "
        "(known: us-iraq, us-syria) (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-02-30", "--data", "mini"),
        "troops table: Invalid value for '--known-on': '2021-02-30' is not a calendar date "
        "(2021-02 has 28 days) (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-13", "--data", "mini"),
        "troops table: Invalid value for '--known-on': '2021-13' has no month 13 "
        "(see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "yesterday", "--data", "mini"),
        "troops table: Invalid value for '--known-on': 'yesterday' is not a date of the form "
        "YYYY, YYYY-MM or YYYY-MM-DD (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-06/2021-01", "--data", "mini"),
        "troops table: Invalid value for '--known-on': interval '2021-06/2021-01' ends before "
        "it starts (see 'troops table --help')",
    ),
    (
        ("table", "--since", "2022", "--until", "2021", "--data", "mini"),
        "troops table: --since 2022-01-01 is after --until 2021-12-31 (see 'troops table --help')",
    ),
    (
        ("table", "--csv", "--json", "--data", "mini"),
        "troops table: --csv and --json cannot be used together (see 'troops table --help')",
    ),
    (
        ("table", "--latex", "--steps", "--markdown", "--data", "mini"),
        "troops table: --latex and --markdown cannot be used together (see 'troops table --help')",
    ),
    (
        ("table", "--xlsx", "--data", "mini"),
        "troops table: No such option '--xlsx'. Did you mean '--latex'? "
        "(see 'troops table --help')",
    ),
    (
        ("validate", "--strict", "--data", "mini"),
        "troops validate: No such option '--strict'. (see 'troops validate --help')",
    ),
    (
        ("validate", "mini"),
        "troops validate: Got unexpected extra argument (mini) (see 'troops validate --help')",
    ),
    (("tabel",), "troops: No such command 'tabel'. (see 'troops --help')"),
    (("--colour",), "troops: No such option '--colour'. (see 'troops --help')"),
    (
        ("table", "--data", "mini/data/series.yaml"),
        "troops table: Invalid value for '--data': Directory 'mini/data/series.yaml' is a "
        "file. (see 'troops table --help')",
    ),
    (
        ("validate", "--data", "mini/seeds"),
        "troops validate: Invalid value for '--data': 'mini/seeds' is not a dataset root "
        "(a directory holding data/ and seeds/) (see 'troops validate --help')",
    ),
    (
        ("validate", "--data", "no-such-dir"),
        "troops validate: Invalid value for '--data': Directory 'no-such-dir' does not "
        "exist. (see 'troops validate --help')",
    ),
]


MISUSE += [
    # troops plot
    (("plot", "--series", "nope", "--data", "mini"),
     usage("plot", "Invalid value for '--series': unknown series nope (known: us-iraq, "
           "us-syria)")),
    (("plot", "--since", "2021-02-30", "--data", "mini"),
     usage("plot", "Invalid value for '--since': '2021-02-30' is not a calendar date "
           "(2021-02 has 28 days)")),
    (("plot", "--until", "2021-13", "--data", "mini"),
     usage("plot", "Invalid value for '--until': '2021-13' has no month 13")),
    (("plot", "--known-on", "yesterday", "--data", "mini"),
     usage("plot", "Invalid value for '--known-on': 'yesterday' is not a date of the form "
           "YYYY, YYYY-MM or YYYY-MM-DD")),
    (("plot", "--since", "2022", "--until", "2021", "--data", "mini"),
     usage("plot", "--since 2022-01-01 is after --until 2021-12-31")),
    (("plot", "--since", "2021-06-02", "--until", "2021-06-01", "--data", "mini"),
     usage("plot", "--since 2021-06-02 is after --until 2021-06-01")),
    (("plot", "-o", "nowhere/f.pdf", "--data", "mini"),
     usage("plot", "-o nowhere/f.pdf: directory 'nowhere' does not exist")),
    (("plot", "-o", "afile/f.pdf", "--data", "mini"),
     usage("plot", "-o afile/f.pdf: 'afile' is a file, not a directory")),
    (("plot", "-o", "mini", "--data", "mini"), usage("plot", "-o mini: is a directory")),
    (("plot", "-o", "f.svg", "--format", "pdf", "--data", "mini"),
     usage("plot", "--format pdf contradicts -o f.svg (a svg file name)")),
    (("plot", "--format", "png", "-o", "f.PDF", "--caption", "--data", "mini"),
     usage("plot", "--format png contradicts -o f.PDF (a pdf file name)")),
    (("plot", "-o", "chart", "--data", "mini"),
     usage("plot", "-o chart: no extension to name the format (use .pdf, .svg, .png, .pgf, "
           "or --format)")),
    (("plot", "-o", "f.gif", "--data", "mini"),
     usage("plot", "-o f.gif: unknown extension '.gif' (use .pdf, .svg, .png, .pgf, .html)")),
    (("plot", "--format", "gif", "--data", "mini"),
     usage("plot", "Invalid value for '--format': 'gif' is not one of 'pdf', 'svg', 'png', "
           "'pgf', 'html'.")),
    (("plot", "--width", "0", "--data", "mini"),
     usage("plot", "Invalid value for '--width': 0 in is outside 2.5-20 in")),
    (("plot", "--width", "-3", "--data", "mini"),
     usage("plot", "Invalid value for '--width': -3 in is outside 2.5-20 in")),
    (("plot", "--width", "wide", "--data", "mini"),
     usage("plot", "Invalid value for '--width': 'wide' is not 'column', 'page' or a width "
           "in inches")),
    (("plot", "--width", "nan", "--data", "mini"),
     usage("plot", "Invalid value for '--width': nan in is outside 2.5-20 in")),
    (("plot", "--width", "", "--data", "mini"),
     usage("plot", "Invalid value for '--width': '' is not 'column', 'page' or a width "
           "in inches")),
    (("plot", "--width", "--data", "mini"),
     usage("plot", "Got unexpected extra argument (mini)")),
    # troops cite
    (("cite", "--series", "us-iraq", "--series", "nope", "--data", "mini"),
     usage("cite", "Invalid value for '--series': unknown series nope (known: us-iraq, "
           "us-syria)")),
    (("cite", "--since", "2021-02-30", "--data", "mini"),
     usage("cite", "Invalid value for '--since': '2021-02-30' is not a calendar date "
           "(2021-02 has 28 days)")),
    (("cite", "--known-on", "2021-13", "--data", "mini"),
     usage("cite", "Invalid value for '--known-on': '2021-13' has no month 13")),
    (("cite", "--since", "2022", "--until", "2021", "--data", "mini"),
     usage("cite", "--since 2022-01-01 is after --until 2021-12-31")),
    (("cite", "--bibtex", "--csl-json", "--data", "mini"),
     usage("cite", "--bibtex and --csl-json cannot be used together")),
    (("cite", "--format", "bibtex", "--data", "mini"),
     usage("cite", "No such option '--format'.")),
    (("cite", "-o", "refs.bib", "--data", "mini"), usage("cite", "No such option '-o'.")),
    # troops conflicts
    (("conflicts", "--series", "nope", "--data", "mini"),
     usage("conflicts", "Invalid value for '--series': unknown series nope (known: us-iraq, "
           "us-syria)")),
    (("conflicts", "--known-on", "2021-02-30", "--data", "mini"),
     usage("conflicts", "Invalid value for '--known-on': '2021-02-30' is not a calendar date "
           "(2021-02 has 28 days)")),
    (("conflicts", "--csv", "--json", "--data", "mini"),
     usage("conflicts", "--csv and --json cannot be used together")),
    (("conflicts", "--since", "2021", "--data", "mini"),
     usage("conflicts", "No such option '--since'. Did you mean '--json'?")),
    # troops extract
    (("extract", "--data", "mini"), usage("extract", "Missing argument 'FILE'.")),
    (("extract", "a.txt", "--published", "2021-13", "--data", "mini"),
     usage("extract", "Invalid value for '--published': '2021-13' has no month 13")),
    (("extract", "a.txt", "--published", "2021/2022", "--data", "mini"),
     usage("extract", "Invalid value for '--published': '2021/2022' must be a single date, "
           "not an interval")),
    (("extract", "a.txt", "--source-id", "BAD ID", "--data", "mini"),
     usage("extract", "Invalid value for '--source-id': must be lower-case letters, digits, "
           "'.', '_' or '-' (at most 120) (got 'BAD ID')")),
    (("extract", "a.txt", "--source-id", LONG_ID, "--data", "mini"),
     usage("extract", f"Invalid value for '--source-id': '{LONG_ID}' is too long: the figure "
           f"id '{LONG_ID}.us-syria' would have 121 characters (at most 120)")),
    # troops add
    (("add", "a.txt", *ADD[2:], "--data", "mini"), usage("add", "Missing option '--url'.")),
    (("add", "--data", "mini", *ADD), usage("add", "Missing argument 'FILE'.")),
    (("add", "a.txt", *ADD, "--url", "example.org/a", "--data", "mini"),
     usage("add", "Invalid value for '--url': must be an http(s) URL without spaces "
           "(got 'example.org/a')")),
    (("add", "a.txt", *ADD, "--url", "https://exa mple.org", "--data", "mini"),
     usage("add", "Invalid value for '--url': must be an http(s) URL without spaces "
           "(got 'https://exa mple.org')")),
    (("add", "a.txt", *ADD, "--url", "javascript:alert(1)", "--data", "mini"),
     usage("add", "Invalid value for '--url': must be an http(s) URL without spaces "
           "(got 'javascript:alert(1)')")),
    (("add", "a.txt", *ADD, "--published", "soon", "--data", "mini"),
     usage("add", "Invalid value for '--published': 'soon' is not a date of the form YYYY, "
           "YYYY-MM or YYYY-MM-DD")),
    (("add", "a.txt", *ADD, "--published", "2024-02-30", "--data", "mini"),
     usage("add", "Invalid value for '--published': '2024-02-30' is not a calendar date "
           "(2024-02 has 29 days)")),
    (("add", "a.txt", *ADD, "--published", "2024-01/2024-02", "--data", "mini"),
     usage("add", "Invalid value for '--published': '2024-01/2024-02' must be a single date, "
           "not an interval")),
    (("add", "a.txt", *ADD, "--retrieved", "2024-13", "--data", "mini"),
     usage("add", "Invalid value for '--retrieved': '2024-13' has no month 13")),
    (("add", "a.txt", *ADD, "--id", "Bad Id", "--data", "mini"),
     usage("add", "Invalid value for '--id': must be lower-case letters, digits, '.', '_' "
           "or '-' (at most 120) (got 'Bad Id')")),
    (("add", "a.txt", *ADD, "--id", LONG_ID, "--data", "mini"),
     usage("add", f"Invalid value for '--id': '{LONG_ID}' is too long: the figure id "
           f"'{LONG_ID}.us-syria' would have 121 characters (at most 120)")),
    (("add", "a.txt", *ADD, "--subdir", "/tmp", "--data", "mini"),
     usage("add", "Invalid value for '--subdir': '/tmp' must be a folder inside seeds/")),
    # troops export
    (("export", "--data", "mini"), usage("export", "Missing argument 'DIR'.")),
    (("export", "afile", "--data", "mini"),
     usage("export", "Invalid value for 'DIR': Directory 'afile' is a file.")),
    (("export", "afile/pkg", "--data", "mini"),
     usage("export", "Invalid value for 'DIR': 'afile' is a file, not a directory")),
    (("export", "afile/deeper/pkg", "--data", "mini"),
     usage("export", "Invalid value for 'DIR': directory 'afile/deeper' does not exist")),
    (("export", "nowhere/pkg", "--data", "mini"),
     usage("export", "Invalid value for 'DIR': directory 'nowhere' does not exist")),
]  # fmt: skip

#: Input files that cannot be used: exit 1, one ``path:line: - -: message`` line.
INPUT_ERRORS = [
    (("extract", "nothing.txt", "--data", "mini"),
     "nothing.txt:1: - -: cannot read file: No such file or directory"),
    (("extract", "adir", "--data", "mini"), "adir:1: - -: holds no files to read"),
    (("extract", "image.png", "--data", "mini"), "image.png:3: - -: contains a NUL byte"),
    (("extract", "latin1.txt", "--data", "mini"),
     "latin1.txt:2: - -: is not valid UTF-8 (byte 0xe9)"),
    (("add", "nothing.txt", *ADD, "--data", "mini"),
     "nothing.txt:1: - -: cannot read file: No such file or directory"),
    (("add", "adir", *ADD, "--data", "mini"), "adir:1: - -: is a directory, not a regular file"),
    (("add", "image.png", *ADD, "--data", "mini"), "image.png:3: - -: contains a NUL byte"),
    (("add", "latin1.txt", *ADD, "--data", "mini"),
     "latin1.txt:2: - -: is not valid UTF-8 (byte 0xe9)"),
    (("add", "a.txt", *ADD, "--retrieved", "2024-12-01", "--data", "mini"),
     "mini/data/sources/reuters-2024-12-19.yaml:9: reuters-2024-12-19 retrieved: 2024-12-01 is "
     "before the publication date 2024-12-19"),
]  # fmt: skip


AREA = "(only troops add writes there); choose an output outside data/ and seeds/"
#: Outputs troops refuses to write over or into: exit 1, one line, nothing written.
REFUSED_OUTPUTS = [
    (("plot", "-o", "/dev/null", "--format", "pdf", "--data", "mini"),
     "troops plot: cannot write /dev/null: it is a character device, not a regular file "
     "(troops replaces regular files only)"),
    (("plot", "-o", "null.svg", "--data", "mini"),
     "troops plot: cannot write null.svg: it is a character device, not a regular file "
     "(troops replaces regular files only)"),
    (("plot", "-o", "fifo.png", "--data", "mini"),
     "troops plot: cannot write fifo.png: it is a FIFO (named pipe), not a regular file "
     "(troops replaces regular files only)"),
    (("plot", "-o", "loop.pdf", "--data", "mini"),
     "troops plot: cannot write loop.pdf: it is a broken or looping link, not a regular file "
     "(troops replaces regular files only)"),
    (("plot", "-o", "mini/seeds/fig.pdf", "--data", "mini"),
     f"troops plot: cannot write mini/seeds/fig.pdf: it lies in the dataset folder "
     f"mini/seeds/ {AREA}"),
    (("plot", "-o", "seedlink/fig.pdf", "--caption", "--data", "mini"),
     f"troops plot: cannot write seedlink/fig.pdf.caption.tex: it lies in the dataset folder "
     f"mini/seeds/ {AREA}"),
    (("export", "mini/data/pkg", "--data", "mini"),
     f"troops export: cannot write mini/data/pkg: it lies in the dataset folder mini/data/ "
     f"{AREA}"),
    (("export", "seedlink", "--data", "mini"),
     f"troops export: cannot write seedlink: it lies in the dataset folder mini/seeds/ {AREA}"),
    (("export", "adir2", "--data", "mini"),
     "troops export: cannot write adir2: it holds 'mine.txt', which troops did not write "
     "there; give a new or empty directory"),
]  # fmt: skip


@pytest.fixture
def inputs(mini: Root) -> Path:
    """Files the catalogue names, in the working directory (the parent of ``mini``)."""
    here = mini.path.parent
    (here / "a.txt").write_text("About 2,000 US troops are in Syria.\n", encoding="utf-8")
    (here / "afile").write_text("not a directory\n", encoding="utf-8")
    (here / "adir").mkdir()
    (here / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (here / "latin1.txt").write_bytes(b"About 2,000 troops\nin the caf\xe9.\n")
    (here / "null.svg").symlink_to(os.devnull)
    os.mkfifo(here / "fifo.png")
    (here / "loop.pdf").symlink_to(here / "loop.pdf")
    (here / "seedlink").symlink_to(mini.path / "seeds")
    (here / "adir2").mkdir()
    (here / "adir2" / "mine.txt").write_text("not a package\n", encoding="utf-8")
    return here


def files_below(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes (the dataset lock file aside)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".troops.lock"
    }


@pytest.mark.parametrize(("args", "line"), MISUSE, ids=[" ".join(a) for a, _ in MISUSE])
def test_misuse_is_one_usage_line(
    mini: Root, inputs: Path, run: Callable[..., Result], args: tuple[str, ...], line: str
) -> None:
    """Each misuse exits 2 with exactly its one usage line on stderr, nothing on stdout, and
    nothing written."""
    before = files_below(inputs)
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [line]
    assert files_below(inputs) == before


@pytest.mark.parametrize(("args", "line"), INPUT_ERRORS, ids=[" ".join(a) for a, _ in INPUT_ERRORS])
def test_bad_input_file_is_one_error_line(
    mini: Root, inputs: Path, run: Callable[..., Result], args: tuple[str, ...], line: str
) -> None:
    """A missing, binary or non-UTF-8 input file, or a directory, exits 1 with exactly its one
    error line on stderr, nothing on stdout, and nothing written."""
    before = files_below(inputs)
    result = run(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [line]
    assert files_below(inputs) == before


@pytest.mark.parametrize(
    ("args", "line"), REFUSED_OUTPUTS, ids=[" ".join(a) for a, _ in REFUSED_OUTPUTS]
)
def test_refused_output_is_one_error_line(
    mini: Root, inputs: Path, run: Callable[..., Result], args: tuple[str, ...], line: str
) -> None:
    """An output onto a device, FIFO, looping link, a dataset's data/ or seeds/ (links
    resolved) or a directory holding other files exits 1 with exactly its one line, nothing
    on stdout, and nothing written anywhere (the dataset still validates)."""
    before = files_below(inputs)
    result = run(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [line]
    assert files_below(inputs) == before
    assert run("validate", "--data", "mini").exit_code == 0


def test_missing_option_value_is_one_line(mini: Root, run: Callable[..., Result]) -> None:
    """An option given without its value is one usage line with exit 2."""
    result = run("table", "--data", "mini", "--series")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == ["troops: Option '--series' requires an argument."]


def test_no_command_prints_the_help_on_stderr(run: Callable[..., Result]) -> None:
    """`troops` with no command prints the whole help, line by line, on stderr and exits 2."""
    result = run()
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0] == "Usage: troops [OPTIONS] COMMAND [ARGS]..."
    assert "Commands:" in lines
    assert any(line.startswith("  plot ") for line in lines)


def test_data_naming_data_dir_still_works(mini: Root, run: Callable[..., Result]) -> None:
    """Naming the root's data/ directory itself is accepted, not a usage error."""
    result = run("validate", "--data", "mini/data")
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def unwritable() -> Iterator[Callable[[Path], str]]:
    """Make directories unwritable for this process (mode 555, plus the immutable attribute
    when running as root); each call returns the reason a file creation there fails with."""
    done: list[tuple[Path, bool]] = []

    def lock(directory: Path) -> str:
        directory.chmod(0o555)
        immutable = False
        if os.geteuid() == 0 and shutil.which("chattr"):
            proc = subprocess.run(["chattr", "+i", str(directory)], capture_output=True)
            immutable = proc.returncode == 0
        done.append((directory, immutable))
        try:
            (directory / ".probe").touch()
        except OSError as exc:
            return os.strerror(exc.errno or 0)
        (directory / ".probe").unlink()
        pytest.skip("cannot make a directory unwritable here (root without chattr +i)")

    yield lock
    for directory, immutable in reversed(done):
        if immutable:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
        directory.chmod(0o755)


UNWRITABLE = [
    (("plot", "-o", "ro/f.pdf"), usage("plot", "-o ro/f.pdf: directory 'ro' is not writable")),
    (("plot", "--caption", "-o", "ro/f.svg"),
     usage("plot", "-o ro/f.svg: directory 'ro' is not writable")),
    (("export", "ro"), usage("export", "Invalid value for 'DIR': directory 'ro' is not writable")),
    (("export", "ro/package"),
     usage("export", "Invalid value for 'DIR': directory 'ro' is not writable")),
]  # fmt: skip


@pytest.mark.parametrize(("args", "line"), UNWRITABLE, ids=[" ".join(a) for a, _ in UNWRITABLE])
def test_unwritable_output_is_one_usage_line(
    mini: Root,
    unwritable: Callable[[Path], str],
    run: Callable[..., Result],
    args: tuple[str, ...],
    line: str,
) -> None:
    """An output path in a directory without write permission is one usage line, exit 2."""
    Path("ro").mkdir()
    unwritable(Path("ro"))
    result = run(*args, "--data", "mini")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [line]
    assert list(Path("ro").iterdir()) == []


@pytest.mark.parametrize(
    ("folder", "line"),
    [
        ("seeds", "troops add: cannot create mini/seeds/reports: {reason}"),
        ("data", "troops add: cannot lock mini/data/.troops.lock: {reason}"),
        ("data/sources",
         "troops add: cannot write mini/data/sources/reuters-2024-12-19.yaml: {reason}"),
    ],
)  # fmt: skip
def test_add_to_unwritable_dataset_is_one_line(
    mini: Root,
    inputs: Path,
    unwritable: Callable[[Path], str],
    run: Callable[..., Result],
    folder: str,
    line: str,
) -> None:
    """`troops add` into a dataset folder it cannot write fails with one line, exit 1, and
    leaves every file of the dataset as it was."""
    before = files_below(mini.path)
    reason = unwritable(mini.file(folder))
    result = run("add", "a.txt", *ADD, "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [line.format(reason=reason)]
    assert files_below(mini.path) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_unread(mini: Root, run: Callable[..., Result]) -> None:
    """A device as input file (an endless /dev/zero) is one error line, not an endless read."""
    result = run("extract", "/dev/zero", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "/dev/zero:1: - -: is a device, pipe or socket, not a regular file"
    ]


def test_oversized_stdin_is_one_line(mini: Root, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input over the article size limit is one error line; the rest is not read."""
    from click.testing import CliRunner

    import troops.intake.article
    from troops.cli import cli

    monkeypatch.setattr(troops.intake.article, "MAX_ARTICLE_BYTES", 10)
    result = CliRunner().invoke(cli, ["extract", "-", "--data", "mini"], input=b"9" * 11)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == ["<stdin>:1: - -: input is over the limit of 10 bytes"]
