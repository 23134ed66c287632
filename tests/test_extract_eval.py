"""bench/extract_eval.py scores extraction against curated figures with exact arithmetic."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def evaluation() -> ModuleType:
    """The evaluation script, imported as a module."""
    spec = importlib.util.spec_from_file_location("extract_eval", REPO / "bench/extract_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_seed_articles_score_perfectly(capsys: pytest.CaptureFixture[str]) -> None:
    """On the five seed articles extraction finds every curated figure and nothing else."""
    assert evaluation().main(["--prefix", "articles/"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        "candidates 9, references 9, matched 9",
        "precision 1.000  recall 1.000   (series, value, bound, kind)",
        "precision 1.000  recall 1.000   (series, value)",
        "value     precision 1.000  recall 1.000   (aligned by value: 9)",
        "series    agreement 1.000   (aligned pairs)",
        "bound     agreement 1.000   (aligned pairs)",
        "kind      agreement 1.000   (aligned pairs)",
    ]


def test_report_list_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report list is scored per field: one exact match, one kind disagreement, one miss."""
    reports = tmp_path / "reports.yaml"
    reports.write_text(
        """\
- url: https://example.org/1
  title: null
  quote: About 900 US troops are in Syria. The US will send 300 more troops to Iraq.
  figures:
    - {series: us-syria, value: 900, bound: approx, kind: count}
    - {series: us-iraq, value: 300, bound: exact, kind: target}
- url: https://example.org/2
  title: null
  quote: The weather was fine.
  figures:
    - {series: us-iraq, value: 2500, bound: exact, kind: count}
""",
        encoding="utf-8",
    )
    assert evaluation().main(["--from-yaml", str(reports), "-v"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        "candidates 2, references 3, matched 1",
        "precision 0.500  recall 0.333   (series, value, bound, kind)",
        "precision 1.000  recall 0.667   (series, value)",
        "value     precision 1.000  recall 0.667   (aligned by value: 2)",
        "series    agreement 1.000   (aligned pairs)",
        "bound     agreement 1.000   (aligned pairs)",
        "kind      agreement 0.500   (aligned pairs)",
        "#1 None None: extra   ('us-iraq', 300, 'exact', 'movement')",
        "    The US will send 300 more troops to Iraq.",
        "#1 None None: missing ('us-iraq', 300, 'exact', 'target')",
        "#2 None None: missing ('us-iraq', 2500, 'exact', 'count')",
    ]


def _scores(lines: list[str], part: str) -> dict[str, tuple[float, float]]:
    """Precision and recall of one part of the default output, by what they match on."""
    start = next(n for n, line in enumerate(lines) if line.startswith(f"{part}: "))
    found = {}
    for line in lines[start + 1 : start + 4]:
        m = re.fullmatch(r"  precision (\d\.\d+)  recall (\d\.\d+)   \((.*)\)", line)
        if m is not None:
            found[m[3]] = (float(m[1]), float(m[2]))
    return found


def _held_out(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, tuple[float, float]], str]:
    """The held-out scores and the negatives line of one evaluation run."""
    assert evaluation().main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("curated reports ")
    assert min(_scores(lines, "development")["series, value"]) >= 0.9
    return _scores(lines, "held-out"), lines[-1]


def test_held_out_part_meets_the_targets(capsys: pytest.CaptureFixture[str]) -> None:
    """On the held-out curated reports precision and recall are >= 0.95 on (series, value)
    and >= 0.85 on all four fields (the issue's targets)."""
    held, _ = _held_out(capsys)
    assert min(held["series, value"]) >= 0.95
    assert min(held["series, value, bound, kind"]) >= 0.85


def test_held_out_part_does_not_fall_back(capsys: pytest.CaptureFixture[str]) -> None:
    """The held-out scores stay at least where they were measured (0.962 / 0.980 on
    (series, value), 0.942 / 0.961 on all four fields) and no negative passage gives a
    candidate."""
    held, negatives = _held_out(capsys)
    precision, recall = held["series, value"]
    assert precision >= 0.96
    assert recall >= 0.98
    full_precision, full_recall = held["series, value, bound, kind"]
    assert full_precision >= 0.94
    assert full_recall >= 0.96
    assert negatives == (
        "negatives: 47 synthetic passages (tests/fixtures/extract/negatives.yaml), 0 candidates"
    )


def test_split_is_the_written_one() -> None:
    """bench/extract_split.txt agrees with the fixed-seed rule for every source it lists, lists
    the sources of the dataset, holds out about 40 % of them, and the rule does not depend
    on other sources (one added later moves none)."""
    ev = evaluation()
    reports, _ = ev.from_dataset(ev.discover(None).root)
    ids = [r.name for r in reports]
    written = dict(
        reversed(line.split()) for line in ev.SPLIT_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )  # fmt: skip
    assert written
    assert all((part == ev.TEST) == ev.held_out(i) for i, part in written.items())
    assert len(set(ids) & set(written)) >= 71
    held = [i for i in ids if ev.held_out(i)]
    assert 0.3 < len(held) / len(ids) < 0.5
    assert ev.split_text(ids[:10]).splitlines()[2:] == ev.split_text(ids).splitlines()[2:12]


def test_verbose_never_lists_held_out_mismatches(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """-v lists mismatches of the development part only (with an extractor that finds
    nothing, so that both parts miss every figure): the held-out part is for measuring."""
    ev = evaluation()
    monkeypatch.setattr(ev, "extract", lambda *args, **kwargs: [])
    assert ev.main(["-v"]) == 0
    out = capsys.readouterr().out
    named = {m[1] for m in re.finditer(r"^(\S+): (?:extra|missing) ", out, flags=re.M)}
    assert named
    assert not any(ev.held_out(name) for name in named)


def test_negatives_are_labelled_synthetic() -> None:
    """The negative passages are marked as synthetic test text, never data."""
    import yaml

    ev = evaluation()
    raw = ev.NEGATIVES.read_text(encoding="utf-8")
    assert raw.startswith("# SYNTHETIC TEST TEXT -- NOT DATA.")
    assert yaml.safe_load(raw)["synthetic"] is True
    topics = {r.name.split()[1].split("-")[0] for r in ev.negatives()}
    assert {"afghanistan", "casualties", "strikes", "budget", "bases"} <= topics


def test_verbose_lists_each_mismatch_with_its_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-v names the report and the (series, value, bound, kind) of each mismatch, then its quote."""
    reports = tmp_path / "reports.yaml"
    reports.write_text(
        """\
- url: https://example.org/news/us-troops-syria
  title: null
  quote: The troops number about 900.
  figures:
    - {series: us-syria, value: 900, bound: approx, kind: target}
""",
        encoding="utf-8",
    )
    ev = evaluation()
    assert ev.main(["--from-yaml", str(reports), "-v"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [
        "#1 None None: extra   ('us-syria', 900, 'approx', 'count')",
        "    The troops number about 900.",
        "#1 None None: missing ('us-syria', 900, 'approx', 'target')",
    ]
    assert ev.main(["--from-yaml", str(reports), "--no-context"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "candidates 0, references 1, matched 0"
