"""Standing rules for the code: ruff and mypy clean, every test documented, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_clean() -> None:
    """`ruff check` and `ruff format --check` pass on the package, tests and benchmarks."""
    for args in (
        ("ruff", "check", "troops", "tests", "bench"),
        ("ruff", "format", "--check", "troops", "tests", "bench"),
    ):
        proc = _tool(*args)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_clean() -> None:
    """`mypy --strict` (configured in pyproject.toml) passes on the package."""
    proc = _tool("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_test_has_a_one_sentence_docstring() -> None:
    """Each test function states the behaviour it pins in a one-sentence docstring."""
    missing = []
    for path in sorted((REPO / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
                "test_"
            ):
                doc = ast.get_docstring(node) or ""
                if not doc or doc.count(". ") > 0 or not doc.rstrip().endswith("."):
                    missing.append(f"{path.name}:{node.lineno} {node.name}")
    assert missing == []


def test_modules_stay_small() -> None:
    """No module of the package is over 400 lines."""
    long = [
        f"{p.relative_to(REPO)} ({n} lines)"
        for p in sorted((REPO / "troops").rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert long == []
