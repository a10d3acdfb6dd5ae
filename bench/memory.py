"""Peak RSS of a running UI (ui.py, extractive generator) or, while ui.py is not ready, of a
process holding a built Assistant with an embedded model loaded."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.proc import run_child, vm_status, write_json

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_ui(wait_s: float = 180.0) -> dict:
    """Start ui.py, wait until it answers HTTP, read its VmHWM; raise if it never does."""
    ui = ROOT / "ui.py"
    if not ui.exists() or ui.stat().st_size == 0:
        raise RuntimeError("ui.py is missing or empty")
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ui), "--generator", "extractive", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < wait_s:
            if proc.poll() is not None:
                raise RuntimeError(f"ui.py exited with {proc.returncode} before answering HTTP")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    up = resp.status == 200
            except OSError:
                up = False
            if up:
                startup_s = time.perf_counter() - started
                asked = _ask_ui(port)
                status = vm_status(proc.pid)
                return {"process": "ui.py --generator extractive", "peak_rss_mb": status["VmHWM"],
                        "rss_mb": status["VmRSS"], "startup_s": startup_s,
                        "note": f"VmHWM of the ui.py process after it answered HTTP ({startup_s:.0f}s) and {asked}"}
            time.sleep(1)
        raise RuntimeError(f"ui.py did not answer HTTP within {wait_s:.0f}s")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _ask_ui(port: int) -> str:
    """Ask one question through the UI's API so its models are loaded; say what happened."""
    t = time.perf_counter()
    try:
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        client.predict(QUESTION, [], "extractive", "default", "", "", api_name="/ask")
        return f"answered one question through /ask ({time.perf_counter() - t:.0f}s)"
    except Exception as exc:  # noqa: BLE001 - fall back to letting its background warm-up settle
        time.sleep(30)
        return f"could not ask through /ask ({type(exc).__name__}), measured 30s later"


def measure_assistant(model: str, index_dir: Path, models_dir: Path) -> dict:
    result, rss_mb, wall = run_child(["bench.memory", "--model", model, "--index", str(index_dir),
                                      "--models-dir", str(models_dir)])
    result.update(peak_rss_mb=rss_mb, wall_s=wall)
    return result


def _worker(model: str, index_dir: Path, models_dir: Path) -> dict:
    from ragqa.factory import build_assistant
    from ragqa.settings import Settings

    generator = "extractive" if model == "extractive" else "embedded"
    assistant = build_assistant(Settings(generator=generator, model=model if generator == "embedded" else "default",
                                         index_dir=index_dir, models_dir=models_dir))
    # The extractive path loads what a UI process holds (embedders, index, Kiwi, USE scorer)...
    llm, assistant.llm = assistant.llm, None
    answer = assistant.ask(QUESTION)
    assistant.llm = llm
    if llm is not None:
        # ...and a short generation reads every layer of the mmap'd GGUF once (its KV cache is
        # allocated at load), without waiting for a full answer on a shared 2-core machine.
        "".join(llm.stream_fn([{"role": "user", "content": QUESTION}], 16, 0.0))
    status = vm_status()
    return {"process": f"Assistant ({generator}{':' + model if generator == 'embedded' else ''}), "
                       "one extractive answer + a 16-token generation",
            "vm_hwm_mb": status["VmHWM"], "rss_mb": status["VmRSS"], "path": answer.path,
            "note": "GGUF weights are mmap'd: RSS counts the pages read"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description="child process of `python -m bench`")
    parser.add_argument("--model", required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--models-dir", type=Path, required=True)
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args(argv)
    write_json(args.json_out, _worker(args.model, args.index, args.models_dir))


if __name__ == "__main__":
    main()
