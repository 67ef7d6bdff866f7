"""The layout's rules, checked on the source: dependencies point one way, no cycles, small modules and
functions, one error tree, every command registered."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "connectors")
GROUND_FLOOR = {"pipeline", "pipeline.settings", "pipeline.models", "pipeline.errors", "pipeline.metrics",
                "pipeline.topics", "pipeline.retry", "pipeline.schemas", "pipeline.netguard",
                "pipeline.resources"}


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """raqib modules ``name`` imports (a ``from package import module`` counts as the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = {f"{module}.{a.name}" for a in node.names} & MODULES.keys()
            found.update(submodules or {module})
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_there_are_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(GRAPH[node]):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_connectors_use_only_the_ground_floor_and_text() -> None:
    wrong = {(m, d) for m, deps in GRAPH.items() if m.startswith("connectors")
             for d in deps if d.startswith("pipeline") and d not in GROUND_FLOOR and not d.startswith("pipeline.text")}
    assert not wrong, sorted(wrong)


def test_the_ground_floor_imports_nothing_above_it() -> None:
    wrong = {(m, d) for m in GROUND_FLOOR for d in GRAPH[m] if d not in GROUND_FLOOR}
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("layer, forbidden", [
    ("pipeline.text", ("pipeline.nlp", "pipeline.search", "pipeline.alerts", "pipeline.worker", "pipeline.cli",
                       "pipeline.ops", "pipeline.enrich", "connectors")),
    ("pipeline.nlp", ("pipeline.search", "pipeline.alerts", "pipeline.worker", "pipeline.cli", "pipeline.ops",
                      "connectors")),
    ("pipeline.alerts", ("pipeline.search", "pipeline.worker", "pipeline.cli", "connectors")),
    ("pipeline.search", ("pipeline.worker", "pipeline.cli", "connectors")),
    ("pipeline.worker", ("pipeline.cli", "connectors")),
])
def test_dependencies_point_down(layer: str, forbidden: tuple[str, ...]) -> None:
    wrong = {(m, d) for m, deps in GRAPH.items() if m.startswith(layer) for d in deps if d.startswith(forbidden)}
    assert not wrong, sorted(wrong)


def test_modules_and_functions_stay_small() -> None:
    big_modules = {name: n for name, path in MODULES.items()
                   if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600}
    long_functions = {}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    long_functions[f"{name}.{node.name}"] = length
    assert not big_modules, big_modules
    assert not long_functions, long_functions


def test_every_public_exception_is_a_raqib_error() -> None:
    from pipeline.errors import RaqibError

    strays = []
    for name in MODULES:
        if name.startswith("connectors.sample_site") or name.endswith("__main__"):
            continue
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, Exception) and value.__module__ == name
                    and not attr.startswith("_") and not issubclass(value, RaqibError)):
                strays.append(f"{name}.{attr}")
    assert not strays, strays


def test_every_command_group_is_registered() -> None:
    import typer

    from pipeline.cli.main import app

    click_app = typer.main.get_command(app)
    expected = {"ingest", "worker", "enrich", "demo", "services", "schemas", "kibana", "deploy-setup", "ner",
                "search", "index", "rules", "alerts", "connect", "sources"}
    assert expected <= set(click_app.commands), expected - set(click_app.commands)
    cli_modules = {m.name for m in pkgutil.iter_modules([str(ROOT / "pipeline" / "cli")])}
    imported = {d.rpartition(".")[2] for d in GRAPH["pipeline.cli.main"] if d.startswith("pipeline.cli.")}
    assert cli_modules - {"main", "__main__", "demo"} <= imported | {"console"}, cli_modules - imported
