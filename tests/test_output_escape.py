"""Outputs other programs parse stay what they claim to be: BibTeX entries with balanced
braces (checked with real `bibtex` and with bibtexparser), a caption whose short form a `]`
cannot end, and Markdown tables whose cells render as text, never as tags or links."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root
from hypothesis import given, settings
from hypothesis import strategies as st

from troops.core.model import Source
from troops.output.bib import bib_escape, bibtex, bibtex_entry
from troops.output.render import markdown_escape, render_markdown

SHA = "0" * 64
#: Titles that broke BibTeX before (unbalanced braces; a whole injected entry).
HOSTILE = [
    "Troops}} stay",
    "{Troops stay",
    "a} @misc{fake, title={Injected}, note={x",
    "}{}{",
    "back\\slash } and {",
    "100% of $5 & #1_x ^~",
]


def source(title: str, sid: str = "victim-2021-01-01", publisher: str = "Wire") -> Source:
    """A source record with ``title`` (and ``publisher``) as given."""
    return Source.model_validate({
        "id": sid, "title": title, "publisher": publisher, "published": "2021-01-01",
        "url": "https://example.org/a?b={c}", "archive": "a.txt", "sha256": SHA,
    })  # fmt: skip


def balanced(text: str) -> bool:
    """True when BibTeX's brace count (every '{' and '}', escaped or not) never goes below
    zero and ends at zero."""
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() != ""))
@settings(max_examples=300, deadline=None)
def test_bib_escape_always_balanced(text: str) -> None:
    """Any text escaped for BibTeX has balanced braces (so it cannot end its field)."""
    assert balanced(bib_escape(text))


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_title_parses_as_one_entry(title: str) -> None:
    """bibtexparser reads the entries of hostile titles as exactly the entries written, each
    key once, no failed block, no injected entry."""
    bibtexparser = pytest.importorskip("bibtexparser")
    text = bibtex([source(title), source("plain", "other-2021-01-02", publisher=title)])
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == ["victim-2021-01-01", "other-2021-01-02"]
    fields = library.entries[0].fields_dict
    assert set(fields) >= {"title", "howpublished", "url", "note"}
    assert "Injected" not in {f.value for e in library.entries for f in e.fields}


def bibtex_available() -> bool:
    """True when bibtex is installed; with CI or TROOPS_REQUIRE_LATEX=1 its absence fails."""
    if shutil.which("bibtex"):
        return True
    if os.environ.get("CI") or os.environ.get("TROOPS_REQUIRE_LATEX") == "1":
        pytest.fail("bibtex is missing but CI / TROOPS_REQUIRE_LATEX=1 requires it")
    return False


def test_real_bibtex_reads_hostile_entries(tmp_path: Path) -> None:
    """Real `bibtex` (plain style) reads every hostile entry without an error and writes one
    \\bibitem per entry."""
    if not bibtex_available():
        pytest.skip("bibtex is not installed")
    entries = [source(t, f"s{i}-2021-01-01", publisher=t) for i, t in enumerate(HOSTILE)]
    (tmp_path / "refs.bib").write_text(bibtex(entries), encoding="utf-8")
    (tmp_path / "doc.aux").write_text(
        "\\relax\n\\bibstyle{plain}\n\\bibdata{refs}\n\\citation{*}\n", encoding="utf-8"
    )
    proc = subprocess.run(
        ["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
    )
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, proc.stdout + log
    assert "error message" not in log, log
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == len(HOSTILE)


def test_entry_keeps_the_text_readable() -> None:
    """A brace in a title becomes \\textbraceleft{} / \\textbraceright{}; other LaTeX
    specials are escaped as before."""
    entry = bibtex_entry(source("a {b} 50%"))
    assert "title = {{a \\textbraceleft{}b\\textbraceright{} 50\\%}}" in entry


@pytest.mark.parametrize("kind", [(), ("--evidence",)], ids=["story", "evidence"])
def test_caption_short_form_is_braced(
    mini: Root, run: Callable[..., Result], kind: tuple[str, ...]
) -> None:
    """A ']' in a series title cannot end the \\caption[...] short form: it is braced."""
    mini.edit("data/series.yaml", "title: US troops in Iraq", "title: US troops [in] Iraq]")
    result = run("plot", "-o", "fig.svg", "--caption", *kind, "--data", "mini")
    assert result.exit_code == 0, result.stderr
    tex = Path("fig.svg.caption.tex").read_text(encoding="utf-8")
    line = next(x for x in tex.splitlines() if x.startswith("\\caption["))
    assert line.startswith("\\caption[{")
    assert "}]{" in line
    short = line[len("\\caption[{") : line.index("}]{")]
    assert balanced(short)
    assert "Iraq]" in short


@pytest.mark.parametrize(
    "cell",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![x](https://evil.example/p.png)",
        "[ref]: https://evil.example",
        "https://evil.example/a and www.evil.example",
        "<https://evil.example>",
        "a | b & c",
        "`code` *em* _em_ ~~del~~",
    ],
)
def test_markdown_cell_renders_as_text(cell: str) -> None:
    """A hostile cell renders (CommonMark + GFM tables and autolinks, markdown-it-py) with
    no tag, no link and no image, and shows its text."""
    markdown_it = pytest.importorskip("markdown_it")
    md = (
        markdown_it.MarkdownIt("gfm-like")
        if _has_linkify()
        else markdown_it.MarkdownIt("commonmark").enable("table")
    )
    html = md.render(render_markdown([{"quote": cell}], ["quote"]))
    for tag in ("<img", "<script", "<a ", "<code", "<em", "<s>", "<del"):
        assert tag not in html, html
    assert html.count("<td>") == 1


def _has_linkify() -> bool:
    """True when markdown-it-py can autolink bare addresses (linkify-it-py installed)."""
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


def test_markdown_escape_keeps_the_words() -> None:
    """Escaping only adds backslashes and entities: the visible text is unchanged."""
    assert markdown_escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert markdown_escape("[x](y)") == "\\[x\\]\\(y\\)"
    assert markdown_escape("see https://x.org") == "see https\\://x.org"
    assert markdown_escape("line\nbreak") == "line break"


def test_table_markdown_end_to_end(mini: Root, run: Callable[..., Result]) -> None:
    """`table --markdown` escapes a claimant holding raw HTML."""
    mini.edit("data/sources/mini-2021-03-05.yaml", "claimant: officials",
              'claimant: "<img src=x onerror=alert(1)>"')  # fmt: skip
    result = run("table", "--markdown", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert "<img" not in result.stdout
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in result.stdout
