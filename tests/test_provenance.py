"""Provenance: typed publishers, every inference marked, further event sources, and the
publisher type in tables, filters and the export."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from conftest import REPO, Root
from test_csv_figures import HEADER, row, to_csv

import troops
from troops.cli.common import PUBLISHER_TYPE_HELP
from troops.core.model import PUBLISHER_TYPES
from troops.core.textmatch import normalise
from troops.validate.provenance import shows_date, unsupported_words

HEADLINE_OFFICIAL = {
    "worldofsoftware-ryder-press-briefing.us-syria-count-2000",
    "inherentresolve-draw-down-to-2500.us-iraq-target-2500",
}


@pytest.fixture
def full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Root:
    """A writable copy of the bundled dataset at ``<tmp>/full`` (cwd = ``<tmp>``)."""
    dest = tmp_path / "full"
    for part in ("data", "seeds"):
        shutil.copytree(REPO / part, dest / part)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    monkeypatch.chdir(tmp_path)
    return Root(dest)


def problems(run: Callable[..., Result]) -> list[str]:
    """The problem lines of `troops validate --data full` (which must fail)."""
    result = run("validate", "--data", "full")
    assert result.exit_code == 1, result.stderr
    return result.stderr.splitlines()


def test_bundled_sources_all_name_a_typed_publisher() -> None:
    """Every source with a publisher refers to an entry of data/publishers.yaml, and the
    bundled dataset validates without a single warning."""
    ds = troops.load()
    assert ds.warnings == []
    for src in ds.source_records.values():
        assert (src.publisher is None) == (src.publisher_id is None), src.id
        if src.publisher is not None:
            assert ds.publisher_type(src.id) in PUBLISHER_TYPES, src.id


def test_official_sources_back_the_headline_points() -> None:
    """The Syria 2,000 and the Iraq 2,500 have official figures; the six official reports
    of the shared list are in, typed official through their publisher or via body."""
    ds = troops.load()
    official = {f.id for f in ds.by_publisher_type(["official"]).figure_records}
    assert official >= HEADLINE_OFFICIAL
    for sid in (
        "worldofsoftware-ryder-press-briefing",
        "iraqbusinessnews-2020-09-10",
        "inherentresolve-draw-down-to-2500",
        "dodig-2020-10-30",
        "readkong-2015-06-22",
        "miragenews-end-of-coalition-mission",
    ):
        assert ds.publisher_type(sid) == "official", sid


def test_headline_points_without_an_official_source() -> None:
    """As the curation log's closing note says: no official text gives the 5,300 high, the
    ~1,000 other coalition troops of December 2021 or the 900 in Syria of 2024; the 2,500 in
    Iraq of 2021-2024 has an official target but no official count."""
    ds = troops.load()
    official = ds.by_publisher_type(["official"]).figure_records

    def has(series: str, value: int, year: int, kind: str = "count") -> bool:
        return any(
            (f.series, f.value, f.kind, f.period.start.year) == (series, value, kind, year)
            for f in official
        )

    assert not any(f.value == 5300 for f in official)
    assert not has("coalition-iraq", 1000, 2021)
    assert not has("us-syria", 900, 2024)
    assert not any(has("us-iraq", 2500, y) for y in range(2021, 2025))
    assert has("us-iraq", 2500, 2021, kind="target")
    assert has("us-syria", 2000, 2024)


def test_url_date_without_a_mark_is_a_problem(full: Root, run: Callable[..., Result]) -> None:
    """A published date read from the URL but not marked inferred is one problem line."""
    path = "data/sources/courant-2014-11-07.yaml"
    full.edit(
        path,
        "    published: >-\n      The stored page shows no date; the date is read from the URL path"
        " (20141107).\n",
        "",
    )
    assert problems(run) == [
        "full/data/sources/courant-2014-11-07.yaml:7: courant-2014-11-07 published: 2014-11-07"
        " is read from the URL: mark it with an inferred.published reason"
    ]


def test_url_date_reason_must_say_url(full: Root, run: Callable[..., Result]) -> None:
    """A reason for a date read from the URL that does not say so is a problem."""
    full.edit(
        "data/sources/courant-2014-11-07.yaml",
        "the date is read from the URL path (20141107).",
        "the date is read from the path (20141107).",
    )
    [line] = problems(run)
    assert line.endswith(
        "courant-2014-11-07 inferred.published: 2014-11-07 is read from the URL, but the "
        "reason does not say so"
    )


def test_date_shown_nowhere_needs_a_reason(full: Root, run: Callable[..., Result]) -> None:
    """A date neither the archive nor the URL shows needs inferred.published."""
    text = full.file("data/sources/wagm-2020-01-05.yaml").read_text(encoding="utf-8")
    start = text.index("    published: >-")
    end = text.index("    retrieved: >-")
    full.write("data/sources/wagm-2020-01-05.yaml", text[:start] + text[end:])
    [line] = problems(run)
    assert line.endswith(
        "wagm-2020-01-05 published: 2020-01-05 is shown neither by the archived text nor by "
        "the URL: mark it with an inferred.published reason"
    )


def test_claimant_name_not_in_the_text_needs_a_mark(full: Root, run: Callable[..., Result]) -> None:
    """A claimant naming someone the text does not is a problem at the claimant line."""
    full.edit(
        "data/sources/triblive-ap-obama-authorizes-1500-more.yaml",
        "claimant: President Obama (as reported by the AP)",
        "claimant: President Barack Obama (as reported by the AP)",
    )
    [line] = problems(run)
    assert ".us-iraq-movement-1500 claimant: Barack not in the quote" in line
    assert line.startswith("full/data/sources/triblive-ap-obama-authorizes-1500-more.yaml:")


def test_csv_claimant_rule_and_its_mark(mini: Root, run: Callable[..., Result]) -> None:
    """In a CSV table a claimant the texts do not name is a problem at the row's line, as in
    a source file, and an inferred.claimant reason in the row's inferred cell answers it."""
    body = f"{HEADER},inferred\n{row(claimant='Pentagon spokesman John Kirby')},{{}}\n"
    to_csv(mini, body.format(""))
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "mini/data/figures/bulk.csv:2: second.us-iraq claimant: John, Kirby not in the quote, "
        "the archived text, the title or the publisher: mark it with an inferred.claimant "
        "reason"
    ]
    to_csv(mini, body.format('"claimant=named on the page outside the excerpt"'))
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    table = run("table", "--csv", "--data", "mini").stdout
    assert "Pentagon spokesman John Kirby" in table


def test_published_rule_covers_sources_of_csv_rows(mini: Root, run: Callable[..., Result]) -> None:
    """CSV tables hold figures only, so the published rule of their sources is the source
    files' rule: a date the archive does not show is reported with the figure in CSV too."""
    to_csv(mini)
    mini.edit(
        "data/sources/second-2021-06-01.yaml", 'published: "2021-06-01"', 'published: "2021-06-02"'
    )
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "mini/data/sources/second-2021-06-01.yaml:5: second-2021-06-01 published: 2021-06-02 is "
        "shown neither by the archived text nor by the URL: mark it with an inferred.published "
        "reason"
    ]


def test_claimant_words_rule() -> None:
    """Titles may be abbreviated, parentheses are the curator's, function words are free."""
    texts = ["Colonel Steve Warren said", "The Associated Press"]
    assert unsupported_words("Col. Steve Warren (coalition spokesman)", texts) == []
    assert unsupported_words("The Associated Press (AP)", texts) == []
    assert unsupported_words("Gen. Steve Warren", texts) == ["Gen."]


def test_dates_in_texts_and_urls() -> None:
    """The date forms the rule recognises in archived texts and in URLs."""
    assert shows_date("2015-06-22", "dated June 22, 2015 on")
    assert shows_date("2021-12-09", "Sputnik International, 1920, 09.12.2021")
    assert shows_date("2021-12-13", "Global Research, 13 December 2021")
    assert not shows_date("2015-06-22", "June 2015")
    assert shows_date("2022-10-06", "https://x.com/news/2022/oct/6/raid/", in_url=True)
    assert shows_date("2014-11-07", "https://x.com/hc-1108-20141107-story.html", in_url=True)
    assert shows_date("2025-10-01", "https://www.rudaw.net/english/iraq/01102025", in_url=True)
    assert not shows_date("2019-11-10", "https://x.com/a-20191111-p5399v.html", in_url=True)


def test_every_publisher_type_has_a_supported_basis() -> None:
    """Each publisher's basis quotes words an archive of one of its sources holds verbatim
    (every quoted passage is checked), or says that the type is inferred."""
    ds = troops.load()
    texts: dict[str, list[str]] = {}
    for src in ds.source_records.values():
        archive = normalise((REPO / "seeds" / src.archive).read_text(encoding="utf-8"))
        for pid in (src.publisher_id, *(v.publisher_id for v in src.via)):
            if pid is not None:
                texts.setdefault(pid, []).append(archive)
    for pub in ds.publisher_records.values():
        quoted = re.findall(r'"([^"]+)"', pub.basis)
        assert quoted or "nferred" in pub.basis, pub.id
        for passage in quoted:
            if "." in passage and " " not in passage:
                continue  # a domain name, not words of a page
            found = any(normalise(passage).lower() in text.lower() for text in texts[pub.id])
            assert found, (pub.id, passage)


def test_unknown_and_unused_publishers(full: Root, run: Callable[..., Result]) -> None:
    """An unknown publisher_id is a problem at its source; the entry left unused is one too."""
    full.edit(
        "data/sources/hurriyet-2019-10-20.yaml", "publisher_id: hurriyet", "publisher_id: hdn"
    )
    lines = problems(run)
    assert lines == [
        "full/data/publishers.yaml:152: hurriyet id: publisher is not used by any source or via",
        "full/data/sources/hurriyet-2019-10-20.yaml:5: hurriyet-2019-10-20 publisher_id: unknown"
        " publisher 'hdn' (not in data/publishers.yaml)",
    ]


def test_missing_publisher_id_is_a_warning(full: Root, run: Callable[..., Result]) -> None:
    """A source without its publisher_id still validates, with a warning naming it."""
    full.edit("data/sources/kgw-2018-12-19.yaml", "  publisher_id: kgw\n", "")
    table = full.file("data/publishers.yaml").read_text(encoding="utf-8")
    start = table.index("  - id: kgw\n")
    full.write("data/publishers.yaml", table[:start] + table[table.index("  - id: latimes") :])
    result = run("validate", "--data", "full")
    assert result.exit_code == 0, result.stderr
    assert "kgw-2018-12-19 publisher_id: warning: missing: publisher 'KGW' has no entry" in (
        result.stderr
    )


def test_further_event_source_quote_is_checked(full: Root, run: Callable[..., Result]) -> None:
    """A further source of an event must hold its quote verbatim."""
    full.edit(
        "data/sources/jpost-2024-12-20.yaml",
        "I learned today that in fact",
        "I learned yesterday that in fact",
    )
    [line] = problems(run)
    assert "jpost-2024-12-20.syria-2000-disclosed also.0.quote: not found verbatim in " in line


def test_table_csv_appends_publisher_type(run: Callable[..., Result]) -> None:
    """CSV keeps the contract's columns and appends publisher_type; the filter keeps only
    rows of the types asked for."""
    result = run("table", "--csv", "--publisher-type", "official", "--publisher-type", "wire")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[-2:] == ["quote", "publisher_type"]
    assert {r["publisher_type"] for r in rows} == {"official", "wire"}
    assert {r["id"] for r in rows} >= HEADLINE_OFFICIAL


def test_bad_publisher_type_is_a_usage_error(run: Callable[..., Result]) -> None:
    """An unknown --publisher-type exits 2 and names the types."""
    result = run("conflicts", "--publisher-type", "tabloid")
    assert result.exit_code == 2
    assert f"(choose from {PUBLISHER_TYPE_HELP})" in result.stderr


def test_help_names_the_model_types() -> None:
    """The --publisher-type help lists exactly the model's publisher types."""
    assert tuple(PUBLISHER_TYPE_HELP.split(", ")) == PUBLISHER_TYPES


def test_api_filter_rejects_unknown_types() -> None:
    """Dataset.by_publisher_type keeps the full dataset intact and refuses unknown types."""
    ds = troops.load()
    blogs = ds.by_publisher_type(["blog"])
    assert {ds.publisher_type(f.source) for f in blogs.figure_records} == {"blog"}
    assert len(ds.figure_records) > len(blogs.figure_records)
    with pytest.raises(ValueError, match="unknown publisher type tabloid"):
        ds.by_publisher_type(["tabloid"])


def test_export_carries_the_publishers_table(tmp_path: Path, run: Callable[..., Result]) -> None:
    """troops export writes publishers.csv with every entry of data/publishers.yaml."""
    result = run("export", str(tmp_path / "pkg"))
    assert result.exit_code == 0, result.stderr
    with (tmp_path / "pkg" / "publishers.csv").open(encoding="utf-8", newline="") as f:
        exported = list(csv.DictReader(f))
    table = yaml.safe_load((REPO / "data" / "publishers.yaml").read_text(encoding="utf-8"))
    assert [r["id"] for r in exported] == [p["id"] for p in table["publishers"]]
    assert [r["type"] for r in exported] == [p["type"] for p in table["publishers"]]


def test_readme_dataset_numbers_match_the_data() -> None:
    """The README's dataset table (figures per series and year), its totals and its table of
    publisher types are what the bundled data hold."""
    ds = troops.load()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    figs = ds.figure_records
    header = next(line for line in readme.splitlines() if line.startswith("| series |"))
    years = [int(y) for y in re.findall(r"\d{4}", header)]
    for sid in ds.series_records:
        row = re.search(rf"^\| `{re.escape(sid)}`[^|]*\|(.*)\|$", readme, re.M)
        assert row is not None, sid
        cells = [c.strip() for c in row.group(1).split("|")]
        per_year = [sum(f.series == sid and f.period.start.year == y for f in figs) for y in years]
        assert cells == [str(n) if n else "·" for n in per_year] + [str(sum(per_year))], sid
    assert f"{len(figs)} figures from {len(ds.source_records)} archived reports" in readme
    assert f"{len(ds.event_records)} dated events" in readme
    for kind, words in (("count", "counts"), ("cap", "caps"), ("target", "targets")):
        assert f"{sum(f.kind == kind for f in figs)} {words}" in " ".join(readme.split())
    for t in PUBLISHER_TYPES:
        row = re.search(rf"^\| `{t}`[^|]*\| (\d+) \| (\d+) \| (\d+) \|$", readme, re.M)
        assert row is not None, t
        expected = (
            sum(ds.publisher_type(s) == t for s in ds.source_records),
            sum(ds.publisher_type(f.source) == t for f in figs),
            sum(ds.publisher_type(e.source) == t for e in ds.event_records),
        )
        assert tuple(int(n) for n in row.groups()) == expected, t
