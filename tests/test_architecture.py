"""The shape of the code, checked: the import contracts, no module import cycle, and no function-level import
that does not buy start-up time (docs/ARCHITECTURE.md).

The contracts themselves are in pyproject.toml ([tool.importlinter]) so that `lint-imports` run by hand and
this test agree.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tokenize
from functools import cache
from pathlib import Path

import grimp
import pytest

from tests.helpers import ROOT

PACKAGE = "villagedesk"
# A function-level import must say why in a comment on its line or just above its block of imports.
REASON = "start-up"
# What the window and the command line load before they do anything: a function-level import is only worth it
# for a module that these do not load already.
WINDOW, CLI = "villagedesk.ui.app", "villagedesk.cli"


# --- import-linter ---------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_import_contracts_are_kept():
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                               "sys.argv[0] = 'lint-imports'; sys.exit(lint_imports_command())",
         "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " KEPT" in run.stdout  # it did check something


# --- module cycles ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Every import statement counts, those inside functions too: a cycle that only closes at run time is a cycle.
    return grimp.build_graph(PACKAGE, cache_dir=None)


def _ancestors(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:n]) for n in range(1, len(parts))}


def with_packages(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    """Who imports whom, counting that importing ``a.b.c`` runs ``a.b``'s __init__ too (but not a module's own
    packages: Python has always started them before it)."""
    edges = {}
    for module, imported in direct.items():
        implied = set().union(*(_ancestors(target) for target in imported)) - _ancestors(module) - {module}
        edges[module] = (set(imported) | implied) & direct.keys()
    return edges


def import_edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    return with_packages({module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules})


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(edges[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_a_loop_through_a_package_init_is_a_cycle():
    # p's __init__ re-exports p.m (as core.notices does); q uses p.m; p.x uses q.
    direct = {"p": {"p.m"}, "p.m": set(), "q": {"p.m"}, "p.x": {"q"}}
    assert cycles(with_packages(direct)) == []  # a submodule of p "importing" p is no loop
    direct["p.m"] = {"q"}  # now p.m uses q, and q starts p (then p.m) to get at p.m
    assert cycles(with_packages(direct)) == [["p", "p.m", "q"]]


def test_no_module_import_cycle(graph):
    edges = import_edges(graph)
    lines = []
    for component in cycles(edges):
        lines.append("cycle: " + ", ".join(component))
        members = set(component)
        for module in component:
            for target in sorted(edges[module] & members):
                details = graph.get_import_details(importer=module, imported=target)
                where = ", ".join(f"l.{d['line_number']}" for d in details) or "through its package"
                lines.append(f"    {module} -> {target} ({where})")
    assert not lines, "\n".join(lines)


# --- function-level imports ------------------------------------------------------------------------------------

def _module_files() -> dict[str, Path]:
    files = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement loads (``from a import b`` may load the module a.b)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[:len(package) - node.level + 1]
        base = ".".join(anchor + ([base] if base else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _walk(node: ast.AST, in_function: bool = False):
    """(import node, inside a function?) for every import that runs (not those under ``if TYPE_CHECKING``)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield from _walk(other, in_function)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, in_function
        yield from _walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))


@cache
def _parsed() -> dict[str, tuple[Path, str, list[tuple[ast.Import | ast.ImportFrom, bool]]]]:
    parsed = {}
    for module, path in _module_files().items():
        source = path.read_text(encoding="utf-8")
        parsed[module] = (path, source, list(_walk(ast.parse(source))))
    return parsed


def _third_party(name: str) -> bool:
    top = name.split(".")[0]
    return top != PACKAGE and top not in sys.stdlib_module_names and top != "__future__"


def _loads(module: str) -> set[str]:
    """The third-party modules (PySide6 by Qt module, the rest by package) loading ``module`` loads: what its
    module-level imports load, and theirs, through every package __init__ on the way."""
    parsed, seen, outside = _parsed(), set(), set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in parsed:
            outside.add(current)
            continue
        todo.extend(_ancestors(current) & parsed.keys())
        path, _source, imports = parsed[current]
        for node, in_function in imports:
            if in_function:
                continue
            for name in _imported_names(node, current, path.name == "__init__.py"):
                if name.split(".")[0] == PACKAGE:
                    if name in parsed:
                        todo.append(name)
                elif _third_party(name):
                    outside.add(name)
    return {_library(name) for name in outside if _third_party(name)}


def _library(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "PySide6" and len(parts) > 1 else parts[0]


def _comments(source: str) -> dict[int, str]:
    return {tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT}


def function_level_imports():
    """(module, line, names, the comment that goes with it) of every import inside a function."""
    for module, (path, source, imports) in sorted(_parsed().items()):
        comments, lines = _comments(source), source.splitlines()
        local = [node for node, in_function in imports if in_function]
        ends = {node.end_lineno: node for node in local}
        for node in local:
            said = [comments[n] for n in range(node.lineno, node.end_lineno + 1) if n in comments]
            above = node.lineno - 1
            while above in ends:  # the comment above a block of imports speaks for the whole block
                above = ends[above].lineno - 1
            while above >= 1 and lines[above - 1].strip().startswith("#"):
                said.append(comments.get(above, ""))
                above -= 1
            names = _imported_names(node, module, path.name == "__init__.py")
            yield module, node.lineno, names, " ".join(said)


@pytest.mark.slow
def test_every_function_level_import_says_it_spares_the_start_up():
    missing = [f"{module}:{line} {names[0]}" for module, line, names, said in function_level_imports()
               if (names[0].split(".")[0] == PACKAGE or _third_party(names[0])) and REASON not in said]
    assert not missing, (f"a function-level import needs a comment saying what it keeps out of the {REASON} "
                         "(e.g. '# loads reportlab: not at start-up'), or belongs at the top:\n" + "\n".join(missing))


@pytest.mark.slow
def test_every_function_level_import_keeps_something_out_of_the_start_up():
    """Each one spares the window (or, in the cli package, the command line) a library it would otherwise load."""
    useless = []
    for module, line, names, _said in function_level_imports():
        start = _loads(CLI if module == CLI or module.startswith(CLI + ".") else WINDOW)
        brought = {_library(names[0])} if _third_party(names[0]) else set()
        for name in names:
            if name in _parsed():
                brought |= _loads(name)
        if not brought - start:
            useless.append(f"{module}:{line} {names[0]} (loads nothing the start-up does not: move it to the top)")
    assert not useless, "\n".join(useless)


@pytest.mark.slow
def test_the_start_up_sets_are_what_they_claim():
    """The test above is only as good as _loads: the window loads Qt, the command line does not."""
    window, cli = _loads(WINDOW), _loads(CLI)
    assert {"PySide6.QtWidgets", "sqlite_utils"} <= window and "reportlab" not in window and "openpyxl" not in window
    assert not cli & {"PySide6.QtWidgets", "sqlite_utils", "openpyxl", "reportlab"}
    assert {"reportlab"} <= _loads("villagedesk.documents.pdf.report")


def test_villagedesk_version_loads_no_heavy_library():
    """`villagedesk --version`, --help and a usage error answer at once: no database, document or Qt library."""
    code = ("import sys\nfrom villagedesk.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sqlite_utils', 'openpyxl', 'reportlab', 'PySide6', 'pypinyin') "
            "if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_pyproject_states_every_contract():
    """Deleting a contract from pyproject.toml must not pass silently."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert {c["id"] for c in contracts} >= {"layers", "no-qt", "demo", "core-areas", "private-modules", "acyclic"}
    # The private-modules contract guards something: at least one area keeps a module to itself.
    assert any(m.rsplit(".", 1)[-1].startswith("_") and not m.endswith("__init__")
               for m in _module_files() if m.startswith("villagedesk.core."))
