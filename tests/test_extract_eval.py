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
        "value     precision 1.000  recall 0.667   (aligned by value: 2)",
        "series    agreement 1.000   (aligned pairs)",
        "bound     agreement 1.000   (aligned pairs)",
        "kind      agreement 0.500   (aligned pairs)",
        "#1 None None: extra   ('us-iraq', 300, 'exact', 'movement')",
        "    The US will send 300 more troops to Iraq.",
        "#1 None None: missing ('us-iraq', 300, 'exact', 'target')",
        "#2 None None: missing ('us-iraq', 2500, 'exact', 'count')",
    ]


def test_curated_reports_score_at_least_0_9(capsys: pytest.CaptureFixture[str]) -> None:
    """On the curated reports, and with the seed articles added, precision and recall are >= 0.9."""
    assert evaluation().main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "reports 66: the bundled dataset, sources archived under seeds/{reports/}"
    score = re.compile(r"(?:^|\): )precision (\d\.\d+)  recall (\d\.\d+)")
    scores = [score.search(line) for line in lines]
    found = [(float(m[1]), float(m[2])) for m in scores if m is not None]
    assert len(found) == 2  # the curated reports, then with the seed articles
    for precision, recall in found:
        assert precision >= 0.9
        assert recall >= 0.9
    assert lines[7].startswith("with the seed articles (seeds/articles/, 5 more reports): ")


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
