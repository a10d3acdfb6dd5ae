"""Measured child processes: their result JSON, wall time and peak RSS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def run_child(module_args: list[str], *, timeout: float = 900.0) -> tuple[dict, float, float]:
    """Run ``python -m <module_args> --json-out F``; return (F's JSON, peak RSS MB, wall seconds).

    Peak RSS is ru_maxrss from wait4 on that one child, so no other child is mixed in."""
    with tempfile.TemporaryDirectory(prefix="bench-child-") as tmp:
        out, log = Path(tmp) / "result.json", Path(tmp) / "child.log"
        started = time.perf_counter()
        with log.open("wb") as sink:
            proc = subprocess.Popen([sys.executable, "-m", *module_args, "--json-out", str(out)],
                                    stdout=sink, stderr=sink)
            watchdog = threading.Timer(timeout, proc.kill)
            watchdog.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                watchdog.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if proc.returncode != 0 or not out.exists():
            tail = log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"`python -m {' '.join(module_args)}` exited {proc.returncode}: {tail}")
        return json.loads(out.read_text()), usage.ru_maxrss / 1024, wall


def vm_status(pid: int | str = "self") -> dict[str, float]:
    """VmHWM (peak RSS) and VmRSS of a live process, in MB, from /proc."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) / 1024
    return found


def write_json(path: str | Path, data: dict) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
