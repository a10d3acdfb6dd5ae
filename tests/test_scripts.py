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


# scripts/install.sh with a fake virtualenv: its python logs what pip was asked, with the
# build flags it was given, and fails the from-source build when told to.
FAKE_PYTHON = """#!/usr/bin/env bash
root="$(dirname "$0")/../.."
echo "python $* | CFLAGS=${CFLAGS:-} | CMAKE_ARGS=${CMAKE_ARGS:-}" >> "$root/calls.log"
case " $* " in *" --no-binary "*) [ -z "${FAKE_BUILD_FAILS:-}" ] ;; esac
"""
FAKE_ACTIVATE = 'PATH="$(pwd)/.venv/bin:$PATH"\n'


def _install_project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "install.sh", tmp_path / "scripts" / "install.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "activate").write_text(FAKE_ACTIVATE)
    for name, text in (("python", FAKE_PYTHON), ("ragqa", FAKE_RAGQA)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return tmp_path


def _install(root: Path, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = root / "calls.log"
    log.unlink(missing_ok=True)
    done = subprocess.run(["bash", "scripts/install.sh"], cwd=root, env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, timeout=30)
    return done, log.read_text().splitlines()


def _native_builds(calls: list[str]) -> list[str]:
    return [c for c in calls if "--no-binary xllamacpp" in c]


def test_install_builds_the_model_runtime_for_this_cpu_once_when_asked(tmp_path: Path) -> None:
    root = _install_project(tmp_path)
    pinned = next(line.split('"')[1] for line in (ROOT / "pyproject.toml").read_text().splitlines()
                  if '"xllamacpp==' in line)
    done, calls = _install(root)
    assert done.returncode == 0 and not _native_builds(calls)  # opt-in: a first start never waits for it
    done, calls = _install(root, RAGQA_NATIVE_LLM="1")
    assert done.returncode == 0, done.stderr
    [build] = _native_builds(calls)
    assert f"{pinned} " in build + " "  # the version pyproject pins, not the newest
    assert "-DLLAMA_BUILD_BORINGSSL=OFF" in build and "-DLLAMA_LLGUIDANCE=OFF" in build  # no downloads
    if subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip() == "x86_64":
        assert "-mno-amx-int8" in build
    assert calls[-1] == "ragqa ingest"
    done, calls = _install(root, RAGQA_NATIVE_LLM="1")  # built already: not again
    assert done.returncode == 0 and not _native_builds(calls)


def test_install_keeps_the_prebuilt_runtime_when_the_build_fails_or_is_declined(tmp_path: Path) -> None:
    root = _install_project(tmp_path)
    done, calls = _install(root, FAKE_BUILD_FAILS="1", RAGQA_NATIVE_LLM="1")
    assert done.returncode == 0
    assert "prebuilt wheel stays" in done.stderr
    assert len(_native_builds(calls)) == 1 and calls[-1] == "ragqa ingest"
    assert not (root / ".venv" / ".xllamacpp-native").exists()  # so the next run tries again
    done, calls = _install(root, RAGQA_NATIVE_LLM="0")
    assert done.returncode == 0 and not _native_builds(calls) and calls[-1] == "ragqa ingest"


# apt-get and tesseract stand-ins, first on the PATH the install script activates: apt-get logs
# and succeeds or fails as told; tesseract has Korean data once apt-get has "installed" it.
FAKE_APT = """#!/usr/bin/env bash
root="$(dirname "$0")/../.."
echo "apt-get $*" >> "$root/calls.log"
[ -z "${FAKE_APT_FAILS:-}" ] || exit 100
case " $* " in *" install "*) touch "$root/.tesseract-installed" ;; esac
"""
FAKE_TESSERACT = """#!/usr/bin/env bash
root="$(dirname "$0")/../.."
[ -e "$root/.tesseract-installed" ] || exit 1
printf 'List of available languages (3):\\neng\\nkor\\nosd\\n'
"""
FAKE_RAGQA_ENV = """#!/usr/bin/env bash
echo "ragqa $* | RAGQA_OCR=${RAGQA_OCR:-}" >> "$(dirname "$0")/../../calls.log"
"""


@pytest.mark.parametrize(("env", "apt_calls", "ocr_at_ingest", "warned"), [
    ({}, 0, "", False),  # not asked: apt is never touched
    ({"RAGQA_OCR": "1"}, 1, "1", False),
    ({"RAGQA_OCR": "1", "FAKE_APT_FAILS": "1"}, 2, "0", True),  # install fails, then update: no retry
])
def test_install_adds_tesseract_only_when_ocr_is_asked_and_never_fails_for_it(
        tmp_path: Path, env: dict, apt_calls: int, ocr_at_ingest: str, warned: bool) -> None:
    root = _install_project(tmp_path)
    for name, text in (("apt-get", FAKE_APT), ("tesseract", FAKE_TESSERACT), ("ragqa", FAKE_RAGQA_ENV)):
        (root / ".venv" / "bin" / name).write_text(text)
        (root / ".venv" / "bin" / name).chmod(0o755)
    done, calls = _install(root, **env)
    assert done.returncode == 0, done.stderr
    assert len([c for c in calls if c.startswith("apt-get")]) == apt_calls
    assert calls[-1] == f"ragqa ingest | RAGQA_OCR={ocr_at_ingest}"
    assert ("could not install tesseract-ocr" in done.stderr) is warned
