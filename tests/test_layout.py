"""The package layout: sub-packages in layers, no import cycles, deferred imports say why."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "troops"

#: Sub-packages from the bottom up: each may import only those before it (and itself).
LAYERS = ("core", "io", "validate", "dataset", "output", "chart", "plot", "web")
#: Sub-packages outside the chain, with what each may import.
SIDE = {
    "extract": {"core"},
    "intake": {"core", "io", "validate", "dataset", "extract"},
    "cli": set(LAYERS) | {"extract", "intake", "figures"},
    "figures": set(LAYERS),
    "__main__": {"cli"},
}
#: Libraries a layer may never import, at module level or in a function.
FORBIDDEN = {
    "core": ("matplotlib", "pandas", "bokeh", "click"),
    "io": ("matplotlib", "bokeh", "click"),
    "validate": ("matplotlib", "bokeh", "click"),
    "dataset": ("matplotlib", "bokeh", "click"),
    "output": ("matplotlib", "bokeh", "click"),
    "chart": ("matplotlib", "bokeh", "click"),
    "web": ("matplotlib", "click"),
    "extract": ("matplotlib", "pandas", "bokeh", "click"),
}
#: Heavy libraries whose import may be deferred into a function.
HEAVY = ("pandas", "numpy", "matplotlib", "bokeh", "yaml", "pydantic")


@dataclass(frozen=True)
class Import:
    """One import statement of a module of the package."""

    module: str  # the importing module, dotted
    target: str  # the imported module, dotted (a name imported from a package is resolved)
    line: int
    in_function: bool
    type_checking: bool
    comment: str  # the source line and the line above it


def module_name(path: Path) -> str:
    """``troops/core/model.py`` -> ``troops.core.model``."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> Iterator[Import]:
    """Every import in ``path``, with whether it sits in a function or a TYPE_CHECKING block."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    me = module_name(path)

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            func = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            tc = type_checking or (
                isinstance(child, ast.If) and ast.unparse(child.test).endswith("TYPE_CHECKING")
            )
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                text = "\n".join(lines[block_start(lines, child.lineno) : child.end_lineno])
                for target in targets(child, me, known):
                    yield Import(me, target, child.lineno, in_function, type_checking, text)
            yield from visit(child, func, tc)

    yield from visit(tree, False, False)


def block_start(lines: list[str], lineno: int) -> int:
    """Index of the comment line above the block of imports holding line ``lineno``."""
    i = lineno - 2
    while i >= 0:
        text = lines[i].strip()
        if text.startswith("#"):
            return i
        if not (text.startswith(("from ", "import ", ")")) or text.endswith(",")):
            return i + 1
        i -= 1
    return 0


def targets(node: ast.Import | ast.ImportFrom, me: str, known: set[str]) -> list[str]:
    """The dotted modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        package = me.split(".")[: len(me.split(".")) - node.level + (me in _packages(known))]
        base = ".".join([*package, *([base] if base else [])])
    found = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
    return found or [base]


def _packages(known: set[str]) -> set[str]:
    return {m for m in known if any(k.startswith(m + ".") for k in known)}


def room(module: str) -> str:
    """The sub-package (or top-level module) a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def graph() -> tuple[dict[str, Path], list[Import]]:
    """All modules and all imports between or out of them."""
    mods = modules()
    known = set(mods)
    return mods, [i for p in mods.values() for i in imports_of(p, known)]


def test_every_sub_package_says_what_it_owns() -> None:
    """Each sub-package has a docstring of at least one sentence saying what it owns."""
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        if init.parent.name.startswith("_"):
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.parent.name} has no docstring"
        assert len(doc.split()) >= 8, f"{init.parent.name}: docstring too short"


def test_no_import_cycle_between_modules() -> None:
    """The graph of module imports (function-level and type-only ones included) has no cycle."""
    mods, edges = graph()
    out: dict[str, set[str]] = {m: set() for m in mods}
    for i in edges:
        if i.target in mods and i.target != i.module:
            out[i.module].add(i.target)
    # A package's __init__ is imported by every import of a submodule; that is no cycle.
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(out[m]):
            if m.startswith(t + ".") or t.startswith(m + "."):
                continue
            if state.get(t) == 1:
                cycles.append(" -> ".join([*stack[stack.index(t) :], t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(mods):
        if m not in state:
            visit(m)
    assert cycles == []


def test_no_import_cycle_between_sub_packages() -> None:
    """Sub-packages import each other along the declared layers only, never upwards."""
    _, edges = graph()
    breaks = []
    for i in edges:
        src, dst = room(i.module), room(i.target)
        if not i.target.startswith("troops") or src == dst or dst == "" or src == "":
            continue
        if src in LAYERS and dst in LAYERS:
            ok = LAYERS.index(dst) < LAYERS.index(src)
        else:
            allowed = SIDE.get(src)
            ok = dst in allowed if allowed is not None else False
        if not ok:
            breaks.append(f"{i.module}:{i.line} imports {i.target}")
    assert breaks == []


def test_layers_never_import_what_they_must_not() -> None:
    """The chart data, reading, outputs and the core never import matplotlib or a web library."""
    _, edges = graph()
    bad = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in edges
        if not i.type_checking
        and any(i.target.split(".")[0] == lib for lib in FORBIDDEN.get(room(i.module), ()))
    ]
    assert bad == []


def test_reading_never_imports_validation() -> None:
    """troops.io reads files and never imports the rules of troops.validate."""
    _, edges = graph()
    assert [i for i in edges if room(i.module) == "io" and room(i.target) == "validate"] == []


def test_imports_inside_functions_say_they_defer() -> None:
    """An import inside a function defers a heavy library or the command's code, and says so."""
    _, edges = graph()
    silent = [
        f"{i.module}:{i.line} {i.target}"
        for i in edges
        if i.in_function and not i.type_checking and "deferred" not in i.comment
    ]
    assert silent == []


@pytest.mark.parametrize("name", ["load", "Dataset", "DataError", "Problem", "step_chart"])
def test_public_api_is_flat(name: str) -> None:
    """The public names stay at the top of the package."""
    import troops

    assert getattr(troops, name) is not None
