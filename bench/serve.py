"""`python -m bench.serve`: `ragqa serve` under 1, 4 and 16 concurrent clients.

Starts the server as a child process over the real index, waits for /readyz, then sends
a fixed number of eval/devset.jsonl questions per concurrency level to /v1/ask. A client
refused with 503 (queue full) waits Retry-After and asks again; the refusal is counted.
Prints a markdown table and writes bench/results/serve.md. A benchmark, not a test:
nothing here asserts a timing."""

from __future__ import annotations

import argparse
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from bench.proc import vm_status

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _questions(path: Path, n: int) -> list[str]:
    items = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [items[i % len(items)] for i in range(n)]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_server(args: argparse.Namespace, port: int) -> tuple[subprocess.Popen, float]:
    cmd = [sys.executable, "-m", "ragqa.cli", "serve", "--port", str(port), "--generator", args.generator,
           "--max-queue", str(args.max_queue), "--request-timeout", str(args.request_timeout)]
    for flag, value in (("--index", args.index), ("--embedder", args.embedder), ("--model", args.model)):
        if value:
            cmd += [flag, str(value)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + args.ready_timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited {proc.returncode}: {proc.stderr.read().decode()[-1500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc, time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"the server was not ready after {args.ready_timeout:.0f} s")


def run_level(url: str, questions: list[str], clients: int, timeout: float) -> dict:
    """``clients`` threads share the questions; each keeps one request in flight."""
    todo: queue.Queue[str] = queue.Queue()
    for q in questions:
        todo.put(q)
    latencies: list[float] = []
    counts = {"rejected": 0, "errors": 0}
    paths: dict[str, int] = {}
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=url, timeout=timeout) as http:
            while True:
                try:
                    question = todo.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()  # from the first try: a client's wait includes its backoff
                while True:
                    try:
                        r = http.post("/v1/ask", json={"question": question})
                    except httpx.HTTPError:
                        with lock:
                            counts["errors"] += 1
                        break
                    if r.status_code == 503 and r.json()["error"]["type"] == "queue_full":
                        with lock:
                            counts["rejected"] += 1
                        time.sleep(float(r.headers.get("retry-after", "1")))
                        continue
                    with lock:
                        if r.status_code == 200:
                            latencies.append(time.perf_counter() - started)
                            path = r.json()["path"]
                            paths[path] = paths.get(path, 0) + 1
                        else:
                            counts["errors"] += 1
                    break

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"clients": clients, "questions": len(questions), "answered": len(latencies), "wall_s": wall,
            "throughput_qps": len(latencies) / wall, "p50_s": _percentile(latencies, 0.5),
            "p95_s": _percentile(latencies, 0.95), **counts, "paths": paths}


def time_cli(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ragqa.cli", *argv], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ragqa {' '.join(argv[:2])} exited {done.returncode}: {done.stderr[-800:]}")
    return time.perf_counter() - started


def render(meta: dict, levels: list[dict], cli: dict) -> str:
    lines = [
        "# `ragqa serve` under concurrent clients", "",
        meta["machine"], "",
        f"Generator `{meta['generator']}`{' (' + meta['model'] + ')' if meta['model'] else ''}, embedder "
        f"`{meta['embedder']}`, index `{meta['index']}`; {meta['questions']} questions from eval/devset.jsonl per "
        f"level; `--max-queue {meta['max_queue']}`. The server was ready {meta['ready_s']:.1f} s after it started "
        "(models loaded once). A refused request (503, queue full) waited Retry-After and was asked again; "
        "latency runs from a question's first try to its answer, so it includes that backoff. "
        f"Load average at the end: {meta['load_end']}.", "",
        "| clients | answered | throughput (q/s) | p50 latency (s) | p95 latency (s) | rejected (503) | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in levels:
        lines.append(f"| {r['clients']} | {r['answered']}/{r['questions']} | {r['throughput_qps']:.2f} | "
                     f"{r['p50_s']:.2f} | {r['p95_s']:.2f} | {r['rejected']} | {r['errors']} |")
    lines += [
        "", f"Peak RSS of the server process (VmHWM): **{meta['peak_rss_mb']:.0f} MB**.", "",
        "| one question | wall time (s) |", "|---|---|",
        f"| `ragqa ask --server URL` | {cli['server_s']:.2f} |",
        f"| `ragqa ask` (loads the embedders{' and model' if meta['generator'] == 'embedded' else ''}) "
        f"| {cli['plain_s']:.2f} |", "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.splitlines()[0])
    p.add_argument("--generator", choices=["extractive", "embedded"], default="extractive")
    p.add_argument("--model", default="", help="embedded model (default, small)")
    p.add_argument("--index", type=Path, default=None, help="the real index (default: the project's)")
    p.add_argument("--embedder", default="", help="default: e5+use")
    p.add_argument("--questions", type=int, default=40, help="questions per concurrency level")
    p.add_argument("--clients", default="1,4,16")
    p.add_argument("--max-queue", type=int, default=8)
    p.add_argument("--request-timeout", type=float, default=300.0)
    p.add_argument("--ready-timeout", type=float, default=600.0)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = p.parse_args(argv)

    from bench.__main__ import _machine
    from ragqa.settings import Settings

    settings = Settings()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    questions = _questions(ROOT / "eval" / "devset.jsonl", args.questions)
    machine = _machine()
    proc, ready_s = start_server(args, port)
    try:
        levels = []
        for clients in (int(c) for c in args.clients.split(",")):
            levels.append(run_level(url, questions, clients, args.request_timeout))
            print(f"{clients} clients: {levels[-1]}", file=sys.stderr, flush=True)
        peak = vm_status(proc.pid)["VmHWM"]
        server_s = time_cli(["ask", "--server", url, QUESTION])
    finally:
        proc.terminate()
        proc.wait(30)
    plain = ["ask", "--generator", args.generator, QUESTION]
    if args.index:
        plain += ["--index", str(args.index)]
    if args.embedder:
        plain += ["--embedder", args.embedder]
    if args.model:
        plain += ["--model", args.model]
    cli = {"server_s": server_s, "plain_s": time_cli(plain)}
    meta = {"machine": machine, "generator": args.generator, "model": args.model,
            "embedder": args.embedder or settings.embedder, "index": str(args.index or settings.index_dir),
            "questions": len(questions), "max_queue": args.max_queue, "ready_s": ready_s, "peak_rss_mb": peak,
            "load_end": ", ".join(f"{x:.2f}" for x in os.getloadavg())}
    text = render(meta, levels, cli)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.generator == "extractive" else f"-{args.generator}-{args.model or 'default'}"
    (args.out / f"serve{suffix}.md").write_text(text, encoding="utf-8")
    (args.out / f"serve{suffix}.json").write_text(
        json.dumps({"meta": meta, "levels": levels, "cli": cli}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
