"""The bundled record covers 2014-2025: US in Iraq every year, Syria from 2015, the coalition."""

from __future__ import annotations

import troops

#: Sources archived from the curator's list of further reports (shared/reports/).
REPORTS_PREFIX = "reports/"


def years(series: str) -> set[int]:
    """The years in which figures of ``series`` start."""
    return {f.period.start.year for f in troops.load().figure_records if f.series == series}


def test_us_iraq_every_year() -> None:
    """Every year from 2014 to 2025 has at least one us-iraq figure."""
    assert set(range(2014, 2026)) <= years("us-iraq")


def test_us_syria_from_2015() -> None:
    """Every year from 2015 to 2025 has at least one us-syria figure."""
    assert set(range(2015, 2026)) <= years("us-syria")


def test_coalition_series_defined_and_filled() -> None:
    """The coalition series exist and carry the figures the reports give."""
    ds = troops.load()
    counts = dict.fromkeys(("coalition-iraq", "coalition-iraq-total", "nato-iraq"), 0)
    for f in ds.figure_records:
        if f.series in counts:
            counts[f.series] += 1
    assert counts == {"coalition-iraq": 6, "coalition-iraq-total": 1, "nato-iraq": 5}


def test_report_sources_are_excerpts_with_provenance() -> None:
    """Each of the 72 curated reports (66 further reports, 6 official) has a url, a
    sha256-pinned excerpt, an inferred retrieval day and a note saying the archive is the
    excerpt."""
    ds = troops.load()
    reports = [s for s in ds.source_records.values() if s.archive.startswith(REPORTS_PREFIX)]
    assert len(reports) == 72
    for s in reports:
        assert s.url is not None, s.id
        assert s.archive == f"{REPORTS_PREFIX}{s.id}.txt", s.id
        assert "retrieved" in s.inferred, s.id
        assert (s.note or "").startswith("The archive is the curated excerpt"), s.id
