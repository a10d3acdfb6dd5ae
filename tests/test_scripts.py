"""README command 1 (scripts/chat.sh): set up only what is missing, then start the chat page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FAKE_RAGQA = """#!/usr/bin/env bash
echo "ragqa $*" >> "$(dirname "$0")/../../calls.log"
case "$1" in
  models) printf 'default\\tm.gguf\\t%s\\t/m\\n' "${FAKE_MODEL:-pulled}" ;;
  sources) [ -n "${FAKE_INDEX:-}" ] ;;
  ui) exit 0 ;;
esac
"""
FAKE_INSTALL = """#!/usr/bin/env bash
echo "install" >> calls.log
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "chat.sh", tmp_path / "scripts" / "chat.sh")
    (tmp_path / "scripts" / "install.sh").write_text(FAKE_INSTALL)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    fake = tmp_path / ".venv" / "bin" / "ragqa"
    fake.write_text(FAKE_RAGQA)
    fake.chmod(0o755)
    return tmp_path


@pytest.mark.parametrize(
    ("env", "installs"),
    [
        ({"FAKE_INDEX": "1"}, False),  # everything there: straight to the page
        ({}, True),  # no index yet
        ({"FAKE_INDEX": "1", "FAKE_MODEL": "not pulled"}, True),  # no model yet
    ],
)
def test_chat_sets_up_only_what_is_missing_then_starts_the_page(tmp_path: Path, env: dict, installs: bool) -> None:
    root = _project(tmp_path)
    done = subprocess.run(["bash", "scripts/chat.sh"], cwd=root, env={"PATH": "/usr/bin:/bin", **env,
                          "RAGQA_PORT": "7999"}, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    calls = (root / "calls.log").read_text().splitlines()
    assert ("install" in calls) is installs
    assert calls[-1] == "ragqa ui --port 7999"
    assert "http://127.0.0.1:7999" in done.stdout
