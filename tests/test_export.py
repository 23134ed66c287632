"""`troops export`: a Frictionless data package that validates without troops or network."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

FIGURES_CSV = (
    "id,series,kind,as_of,as_of_start,as_of_end,value,low,high,bound,hedge,direction,claimant,"
    "source,quote,revises,inferred,note\r\n"
    "second.us-iraq,us-iraq,count,2021-03,2021-03-01,2021-03-31,3000,3000,3000,exact,,,Pentagon,"
    'second-2021-06-01,"The Pentagon said 3,000 US troops were in Iraq in March, not the 2,500 '
    'it reported then.",mini.us-iraq,,\r\n'
    "mini.us-iraq,us-iraq,count,2021-03-05,2021-03-05,2021-03-05,2500,2250,2750,approx,about,,"
    'officials,mini-2021-03-05,"About 2,500 US troops remain in Iraq, officials said on '
    'Friday.",,,\r\n'
    "mini.us-iraq-after,us-iraq,target,2022,2022-01-01,2022-12-31,,,,unknown,unknown number,,"
    "Mini Gazette,mini-2021-03-05,An unknown number will stay after 2021.,,,\r\n"
    "mini.us-syria,us-syria,count,2021-03,2021-03-01,2021-03-31,900,900,,at_least,more than,,"
    "Mini Gazette,mini-2021-03-05,More than nine hundred troops are in Syria.,,,\r\n"
)
STEPS_CSV = (
    "series,start,start_latest,end,value,low,high,bound,figures,sources\r\n"
    "us-iraq,2021-03-01,2021-03-31,2022-01-01,3000,3000,3000,exact,second.us-iraq,"
    "second-2021-06-01\r\n"
    "us-iraq,2022-01-01,2022-12-31,,,,,unknown,mini.us-iraq-after,mini-2021-03-05\r\n"
    "us-syria,2021-03-01,2021-03-31,,900,900,,at_least,mini.us-syria,mini-2021-03-05\r\n"
)
FILES = [
    "README.md", "datapackage.json", "event_sources.csv", "events.csv", "figures.csv",
    "hedges.csv",
    "publishers.csv", "series.csv", "sources.csv", "steps.csv",
]  # fmt: skip


def frictionless(package: Path) -> dict[str, object]:
    """Run `frictionless validate --json` on a package with every network request refused
    (skipped without frictionless; with CI set its absence fails)."""
    if importlib.util.find_spec("frictionless") is None:
        reason = "frictionless is not installed (pip install '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, but CI is set")
        pytest.skip(reason)
    env = dict(os.environ)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env[name] = "http://127.0.0.1:9"  # a closed port: any download attempt fails
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    proc = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=package,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    report: dict[str, object] = json.loads(proc.stdout)
    return report


def error_types(package: Path) -> list[str]:
    """The types of the errors `frictionless validate` finds in an invalid package."""
    report = frictionless(package)
    assert report["valid"] is False
    tasks = report["tasks"]
    assert isinstance(tasks, list)
    return [e["type"] for t in tasks for e in t["errors"]]


def test_export_writes_the_package(mini: Root, run: Callable[..., Result]) -> None:
    """Export writes the ten files, prints DIR, and the CSV hold the figures and steps."""
    result = run("export", "pkg", "--data", "mini")
    assert result.exit_code == 0
    assert result.stdout == "pkg\n"
    assert result.stderr == "troops export: wrote 10 files to pkg\n"
    assert sorted(p.name for p in Path("pkg").iterdir()) == FILES
    assert Path("pkg/figures.csv").read_bytes().decode() == FIGURES_CSV
    assert Path("pkg/steps.csv").read_bytes().decode() == STEPS_CSV


def test_frictionless_validates_the_package(mini: Root, run: Callable[..., Result]) -> None:
    """`frictionless validate` passes on the package, offline, with every row checked."""
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    report = frictionless(Path("pkg"))
    assert report["valid"] is True, report
    tasks = report["tasks"]
    assert isinstance(tasks, list)
    rows = {t["name"]: t["stats"].get("rows", 0) for t in tasks}  # no count for an empty table
    assert rows == {
        "figures": 4, "sources": 2, "events": 1, "event_sources": 1, "steps": 3, "series": 2,
        "hedges": 3, "publishers": 0,
    }  # fmt: skip


def test_frictionless_catches_a_broken_foreign_key(mini: Root, run: Callable[..., Result]) -> None:
    """The schema's foreign keys are checked: a figure naming an unknown source fails."""
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    path = Path("pkg/figures.csv")
    path.write_bytes(path.read_bytes().replace(b",second-2021-06-01,", b",nowhere,"))
    assert error_types(Path("pkg")) == ["foreign-key"]


ALSO = (
    "    quote: The agreement was signed on 1 March 2021.\n"
    "    also:\n"
    "      - source: second-2021-06-01\n"
    "        quote: The Pentagon said 3,000 US troops were in Iraq in March\n"
    "        note: A later report.\n"
)


def test_events_carry_their_further_sources(mini: Root, run: Callable[..., Result]) -> None:
    """An event's `also` sources are in events.csv and, with their quotes, in event_sources.csv;
    its series, claimant and completed flag are columns too."""
    mini.edit(
        "data/sources/mini-2021-03-05.yaml",
        "    quote: The agreement was signed on 1 March 2021.\n",
        ALSO,
    )
    assert run("validate", "--data", "mini").exit_code == 0
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    events = Path("pkg/events.csv").read_bytes().decode().splitlines()
    assert events[0].split(",")[-8:] == [
        "series", "claimant", "completed", "source", "quote", "also", "inferred", "note",
    ]  # fmt: skip
    assert ",,false,mini-2021-03-05," in events[1]  # no series, no claimant, not completed
    assert events[1].endswith(",The agreement was signed on 1 March 2021.,second-2021-06-01,,")
    assert Path("pkg/event_sources.csv").read_bytes().decode() == (
        "event,source,role,quote,note\r\n"
        "mini.agreement,mini-2021-03-05,source,The agreement was signed on 1 March 2021.,\r\n"
        "mini.agreement,second-2021-06-01,also,"
        '"The Pentagon said 3,000 US troops were in Iraq in March",A later report.\r\n'
    )
    desc = json.loads(Path("pkg/datapackage.json").read_text(encoding="utf-8"))
    table = next(r for r in desc["resources"] if r["name"] == "event_sources")
    assert table["schema"]["primaryKey"] == ["event", "source"]
    keys = [(k["fields"], k["reference"]["resource"]) for k in table["schema"]["foreignKeys"]]
    assert keys == [("event", "events"), ("source", "sources")]
    assert "## event_sources.csv" in Path("pkg/README.md").read_text(encoding="utf-8")
    report = frictionless(Path("pkg"))
    assert report["valid"] is True, report
    tasks = report["tasks"]
    assert isinstance(tasks, list)
    assert {t["name"]: t["stats"].get("rows", 0) for t in tasks}["event_sources"] == 2


def test_frictionless_validates_the_bundled_export(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The package of the bundled data (completed withdrawals, further event sources, every
    publisher type) is valid Frictionless, every table read in full."""
    assert run("export", str(tmp_path / "pkg")).exit_code == 0
    report = frictionless(tmp_path / "pkg")
    assert report["valid"] is True, report
    tasks = report["tasks"]
    assert isinstance(tasks, list)
    rows = {t["name"]: t["stats"].get("rows", 0) for t in tasks}
    assert rows["event_sources"] > rows["events"] > 0


def test_frictionless_catches_an_unknown_event_source(
    mini: Root, run: Callable[..., Result]
) -> None:
    """event_sources' foreign keys are checked: a row naming an unknown event fails."""
    mini.edit(
        "data/sources/mini-2021-03-05.yaml",
        "    quote: The agreement was signed on 1 March 2021.\n",
        ALSO,
    )
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    path = Path("pkg/event_sources.csv")
    path.write_bytes(path.read_bytes().replace(b"\nmini.agreement,second", b"\nnowhere,second"))
    assert error_types(Path("pkg")) == ["foreign-key"]


def test_descriptor_keys_and_sources(mini: Root, run: Callable[..., Result]) -> None:
    """datapackage.json declares primary and foreign keys, types and the list of sources."""
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    desc = json.loads(Path("pkg/datapackage.json").read_text(encoding="utf-8"))
    assert desc["profile"] == "tabular-data-package"
    assert desc["sources"] == [
        {"title": "Mini Gazette: Troops stay (2021-03-05)", "path": "https://example.org/mini"},
        {"title": "Second Courier: Pentagon corrects count (2021-06-01)"},
    ]
    figures = desc["resources"][0]["schema"]
    assert figures["primaryKey"] == ["id"]
    assert [(k["fields"], k["reference"]["resource"]) for k in figures["foreignKeys"]] == [
        ("series", "series"),
        ("source", "sources"),
        ("hedge", "hedges"),
    ]
    types = {f["name"]: f["type"] for f in figures["fields"]}
    assert (types["value"], types["as_of_start"], types["quote"]) == ("integer", "date", "string")
    kind = next(f for f in figures["fields"] if f["name"] == "kind")
    assert kind["constraints"] == {"required": True, "enum": ["count", "cap", "target", "movement"]}


def test_readme_hedge_rules_come_from_the_table(mini: Root, run: Callable[..., Result]) -> None:
    """The README lists the hedge rules of data/hedges.yaml as they are."""
    mini.edit("data/hedges.yaml", "low: -0.10, high: 0.10", "low: -0.20, high: 0.20")
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    readme = Path("pkg/README.md").read_text(encoding="utf-8")
    rules = readme.split("## Hedge rules\n", 1)[1].splitlines()[-3:]
    assert rules == [
        "- 'about' read as ±20 % (approx)",
        "- 'more than' read as a lower bound (at_least)",
        "- 'unknown number' read as unknown (unknown)",
    ]
    assert "| `value` | integer | The number (empty for 'an unknown number'). |" in readme


def test_figures_for_review_are_left_out(mini: Root, run: Callable[..., Result]) -> None:
    """A figure marked for review is not published in the package."""
    mini.edit(
        "data/sources/mini-2021-03-05.yaml",
        "    quote: More than nine hundred troops are in Syria.\n",
        "    quote: More than nine hundred troops are in Syria.\n    review: check the hedge\n",
    )
    assert run("export", "pkg", "--data", "mini").exit_code == 0
    assert "mini.us-syria" not in Path("pkg/figures.csv").read_text(encoding="utf-8")
    assert "mini.us-syria" not in Path("pkg/steps.csv").read_text(encoding="utf-8")


def test_export_is_deterministic(mini: Root, run: Callable[..., Result]) -> None:
    """Exporting the same data twice gives byte-identical files."""
    assert run("export", "one", "--data", "mini").exit_code == 0
    assert run("export", "two", "--data", "mini").exit_code == 0
    for name in FILES:
        assert Path("one", name).read_bytes() == Path("two", name).read_bytes(), name


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("afile", 2, "troops export: Invalid value for 'DIR': Directory 'afile' is a file. "
         "(see 'troops export --help')"),
        ("afile/sub", 2, "troops export: Invalid value for 'DIR': 'afile' is a file, not a "
         "directory (see 'troops export --help')"),
    ],
)  # fmt: skip
def test_unwritable_target_is_one_line(
    mini: Root, run: Callable[..., Result], target: str, code: int, message: str
) -> None:
    """A target that is a file, or lies under one, is a usage error: one line, exit 2."""
    Path("afile").write_text("x", encoding="utf-8")
    result = run("export", target, "--data", "mini")
    assert result.exit_code == code
    assert result.stderr == f"{message}\n"
