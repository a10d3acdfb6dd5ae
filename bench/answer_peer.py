"""`python -m bench.answer_peer`: our assistant against a plain LangChain RAG, answer by answer.

The peer is the recipe a LangChain tutorial gives: PyPDFLoader pages, RecursiveCharacterTextSplitter
(1000/200), the project's e5 model as LangChain Embeddings, langchain_community's FAISS,
similarity_search k=5 and one plain prompt. Both systems read the same PDFs and write with the
same generator object (one model load), with the assistant's token budget and temperature; the
question order alternates which system goes first, so load drift on a shared machine hits both."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.answer_grading import SPLITS, grade, load_questions, peer_refused
from bench.answer_table import path_label, render_markdown, summarize
from core.errors import RagError

ROOT = Path(__file__).resolve().parents[1]
CHUNK_SIZE, CHUNK_OVERLAP, K = 1000, 200, 5
PEER_PROMPT = {
    "ko": ("다음 문맥만 사용해 질문에 답하세요. 문맥에 없으면 모른다고 답하세요.\n\n"
           "문맥:\n{context}\n\n질문: {question}\n답변:"),
    "en": ("Answer the question using only the following context. If the answer is not in the context, "
           "say that you do not know.\n\nContext:\n{context}\n\nQuestion: {question}\nAnswer:"),
}
PEER_RECIPE = (f"LangChain PyPDFLoader pages, RecursiveCharacterTextSplitter({CHUNK_SIZE}/{CHUNK_OVERLAP}), "
               f"the project's e5 as LangChain Embeddings, langchain_community FAISS, similarity_search k={K}, "
               "one plain prompt (ko or en by the item's language), the same generator; its citation is the "
               "page of its top passage.")

Log = Callable[[str], None]


def peer_messages(question: str, language: str, passages: Sequence[str]) -> list[dict[str, str]]:
    prompt = PEER_PROMPT["en" if language == "en" else "ko"]
    return [{"role": "user", "content": prompt.format(context="\n\n".join(passages), question=question)}]


def build_peer_store(pdfs: Sequence[Path], embedder: object) -> tuple[object, int, float]:
    """(FAISS store, number of chunks, seconds to load, split and embed)."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from langchain_community.document_loaders import PyPDFLoader
    from langchain_community.vectorstores import FAISS
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bench.peer import _e5_langchain

    t = time.perf_counter()
    pages = [page for pdf in pdfs for page in PyPDFLoader(str(pdf)).load()]
    chunks = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP).split_documents(pages)
    if not chunks:
        raise RagError(f"PyPDFLoader found no text in {len(pdfs)} PDFs")
    store = FAISS.from_documents(chunks, _e5_langchain(embedder))
    return store, len(chunks), time.perf_counter() - t


def _generate(generator: object, messages: list[dict[str, str]], max_tokens: int, temperature: float) -> str:
    pieces = generator.stream(messages, max_tokens=max_tokens, temperature=temperature)
    return "".join(p for p in pieces if isinstance(p, str)).strip()


def ask_peer(store: object, generator: object, item: Mapping[str, Any], *, max_tokens: int,
             temperature: float) -> dict[str, Any]:
    started = time.perf_counter()
    docs = store.similarity_search(item["question"], k=K)
    text = _generate(generator, peer_messages(item["question"], item["language"], [d.page_content for d in docs]),
                     max_tokens, temperature)
    latency = time.perf_counter() - started
    top = docs[0].metadata if docs else {}
    # PyPDFLoader numbers pages from 0.
    cited = [(str(top.get("source", "")), int(top["page"]) + 1)] if "page" in top else []
    graded = grade(item, text, peer_refused(text), cited)
    return {"text": text, "path": "llm", "path_label": "llm", **dataclasses.asdict(graded), "latency_s": latency,
            "cited": [{"source": Path(s).name, "page": p} for s, p in cited]}


def replay_peer(earlier: Mapping[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
    """The peer's answer of an earlier run, graded again: the plain recipe does not change
    with our code, so a run that measures a change to ours need not ask the model for it."""
    text = str(earlier.get("text", ""))
    cited = [(c["source"], c["page"]) for c in earlier.get("cited", [])]
    graded = grade(item, text, peer_refused(text), cited)
    return {"text": text, "path": "llm", "path_label": "llm", **dataclasses.asdict(graded),
            "latency_s": earlier.get("latency_s"), "cited": earlier.get("cited", []), "replayed": True}


def ask_ours(assistant: object, item: Mapping[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    answer = assistant.ask(item["question"])
    latency = time.perf_counter() - started
    cited = [(c.source, c.page) for c in answer.citations]
    graded = grade(item, answer.text, answer.abstained, cited)
    return {"text": answer.text, "path": answer.path.value,
            "path_label": path_label(answer.path.value, answer.abstained),
            **dataclasses.asdict(graded), "latency_s": latency,
            "cited": [{"source": s, "page": p} for s, p in cited]}


def _failed(exc: Exception) -> dict[str, Any]:
    return {"text": "", "path": "error", "path_label": "error", "correct": False, "refused": False,
            "key_point_coverage": None, "numbers_stated": None, "right_page": None, "latency_s": None,
            "cited": [], "error": f"{type(exc).__name__}: {exc}"[:300]}


def build_ours(pdfs: Sequence[Path], index_dir: Path, embedder: object, settings: object, generator: object,
               log: Log) -> tuple[object, dict[str, Any]]:
    """The assistant over its own index of the PDFs (ingested as `ragqa ingest --one-phase` does)."""
    from index.build import ingest_paths
    from index.retriever import HybridRetriever, IndexReader
    from ragqa.cli.commands import progress_lines
    from ragqa.factory import assemble

    report = ingest_paths(list(pdfs), index_dir, embedder, settings.chunking, lock_timeout=settings.lock_wait,
                          max_bytes=int(settings.max_mb * 1024 * 1024), progress=progress_lines())
    for path, reason in report.failed:
        log(f"ours: not indexed: {path}: {reason}")
    log(f"ours: {report.summary()}")
    reader = IndexReader.open(index_dir)
    # A reused --index keeps reports of earlier runs that are not among these PDFs.
    extra = sorted({d.source for d in reader.docs.values()} - {p.name for p in pdfs})
    if extra:
        log(f"ours: warning: the index also holds {', '.join(extra[:5])}; "
            "give a fresh --index to compare like with like")
    retriever = HybridRetriever(reader, embedder)
    assistant = assemble(dataclasses.replace(settings, index_dir=index_dir), retriever, generator)
    return assistant, report.to_dict()


def run_benchmark(items: Sequence[Mapping[str, Any]], pdfs: Sequence[Path], *, generator: object,
                  embedder: object, peer_embedder: object, settings: object, index_dir: Path, log: Log,
                  on_row: Callable[[list[dict[str, Any]]], None] | None = None,
                  peer_from: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[list[dict[str, Any]], dict]:
    """Graded rows (one per item, both systems) and what was built. ``peer_from``: the peer's
    answers of an earlier run by item id, replayed instead of asked."""
    if generator is None:
        raise RagError("the benchmark needs a model to write both systems' answers; use --generator embedded or openai")
    peer_from = peer_from or {}
    if all(item["id"] in peer_from for item in items):
        store, n_chunks, peer_s = None, 0, 0.0
        log("peer: every answer replayed from the earlier run")
    else:
        store, n_chunks, peer_s = build_peer_store(pdfs, peer_embedder)
        log(f"peer: {n_chunks} chunks from {len(pdfs)} PDFs in {peer_s:.0f}s")
    t = time.perf_counter()
    assistant, ingested = build_ours(pdfs, index_dir, embedder, settings, generator, log)
    built = {"peer_chunks": n_chunks, "peer_build_s": peer_s, "ours_ingest": ingested,
             "ours_build_s": time.perf_counter() - t, "max_tokens": assistant.max_tokens,
             "temperature": assistant.temperature}
    # Warm-up outside the timings: Kiwi, the embedders' first calls.
    if store is not None:
        store.similarity_search(items[0]["question"], k=K)
    assistant.retriever.retrieve(items[0]["question"], assistant.k)
    systems: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
        "peer": lambda item: (replay_peer(peer_from[item["id"]], item) if item["id"] in peer_from
                              else ask_peer(store, generator, item, max_tokens=assistant.max_tokens,
                                            temperature=assistant.temperature)),
        "ours": lambda item: ask_ours(assistant, item),
    }
    rows: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        row = {k: item.get(k) for k in ("id", "question", "language", "type", "domain", "layout", "source", "page")}
        answers: dict[str, dict[str, Any]] = {}
        for name in (("peer", "ours") if n % 2 == 0 else ("ours", "peer")):
            try:
                answers[name] = systems[name](item)
            except Exception as exc:  # noqa: BLE001 - one failed answer must not lose the run
                log(f"{item['id']}: {name} failed: {type(exc).__name__}: {exc}")
                answers[name] = _failed(exc)
        rows.append(row | {"ours": answers["ours"], "peer": answers["peer"], "peer_first": n % 2 == 0})
        log(progress_line(n + 1, len(items), rows[-1]))
        if on_row:
            on_row(rows)
    return rows, built


def progress_line(done: int, total: int, row: Mapping[str, Any]) -> str:
    def said(g: Mapping[str, Any], label: str) -> str:
        verdict = "right" if g["correct"] else "wrong"
        seconds = f"{g['latency_s']:.1f}s" if g["latency_s"] is not None else "failed"
        return f"{verdict} ({label}, {seconds})"

    ours, peer = row["ours"], row["peer"]
    return (f"[{done}/{total}] {row['id']} {row['language']} {row['type']}: ours {said(ours, ours['path_label'])}"
            f" · peer {said(peer, 'llm')}")


def pick_items(items: Sequence[Mapping[str, Any]], split: str, limit: int | None) -> list[dict[str, Any]]:
    chosen = [dict(i) for i in items if split == "all" or i["split"] == split]
    return chosen[:limit] if limit else chosen


def check_sources(items: Sequence[Mapping[str, Any]], pdfs: Sequence[Path], folder: Path) -> None:
    names = {p.name for p in pdfs}
    missing = sorted({str(i["source"]) for i in items if i.get("source") and str(i["source"]) not in names})
    if not pdfs:
        raise RagError(f"no PDFs in {folder}; give the folder with --pdfs")
    if missing:
        raise RagError(f"the set names PDFs that are not in {folder}: {', '.join(missing[:5])}"
                       + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))


def write_results(out: Path, rows: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    summary = summarize(rows)
    paths = {"md": out / "answer_peer.md", "json": out / "answer_peer.json"}
    paths["json"].write_text(json.dumps({"meta": meta, "summary": summary, "rows": rows}, ensure_ascii=False,
                                        indent=1, default=str), encoding="utf-8")
    paths["md"].write_text(render_markdown(summary, meta, rows), encoding="utf-8")
    return paths


def _earlier_peer(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None:
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    except (OSError, ValueError, KeyError) as exc:
        raise RagError(f"cannot read the peer's earlier answers from {path}: {exc}; "
                       "give an answer_peer.json this bench wrote") from exc
    return {row["id"]: row["peer"] for row in rows if row.get("peer", {}).get("path") == "llm"}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.answer_peer", description=__doc__.splitlines()[0])
    p.add_argument("--set", type=Path, default=ROOT / "eval" / "realdocs" / "questions.jsonl")
    p.add_argument("--split", choices=[*SPLITS, "all"], default="test")
    p.add_argument("--limit", type=int, default=None, help="the first N questions of the split")
    p.add_argument("--pdfs", type=Path, default=None, help="the PDFs' folder (default: pdfs/ beside --set)")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    p.add_argument("--index", type=Path, default=None,
                   help="keep our index here and reuse it on the next run (default: a temporary folder)")
    p.add_argument("--generator", choices=("embedded", "openai"), default=None)
    p.add_argument("--model", default=None, help="embedded model name or GGUF path")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--peer-from", type=Path, default=None,
                   help="an earlier run's answer_peer.json: the peer's answers are replayed from it (regraded)")
    args = p.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        p.error("--limit must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {message}", file=sys.stderr, flush=True)

    try:
        return _main(args, log)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code


def _main(args: argparse.Namespace, log: Log) -> int:
    from index.embedders import E5Embedder, make_embedder
    from ragqa.factory import build_generator
    from ragqa.settings import Settings

    items_all = load_questions(args.set)
    items = pick_items(items_all, args.split, args.limit)
    if not items:
        raise RagError(f"{args.set} has no questions in the split '{args.split}'")
    folder = args.pdfs or args.set.parent / "pdfs"
    pdfs = sorted(folder.glob("*.pdf"))
    check_sources(items, pdfs, folder)
    peer_from = _earlier_peer(args.peer_from)  # read before any model loads: a bad file fails at once
    overrides = {k: v for k, v in (("generator", args.generator), ("model", args.model), ("threads", args.threads))
                 if v is not None}
    settings = dataclasses.replace(Settings(), **overrides)
    if settings.generator == "extractive":
        raise RagError("both systems need a model to write their answers; use --generator embedded or openai")
    embedder = make_embedder(settings.embedder)
    # The peer's e5 is the assistant's own e5 part when it has one: loaded once.
    e5 = next((p for p in embedder.parts if getattr(p, "short", "") == "e5"), None) or E5Embedder()
    generator = build_generator(settings)
    if os.environ.get("RAGQA_GENERATION_CACHE"):
        # both systems' drafts replayed: a rerun after a change asks the model only what it changed
        from qa.generators.cache import CachedGenerator

        generator = CachedGenerator(generator, Path(os.environ["RAGQA_GENERATION_CACHE"]))
    meta: dict[str, Any] = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "set": str(args.set), "split": args.split,
        "n_items": len(items), "n_in_split": len(pick_items(items_all, args.split, None)), "pdfs": len(pdfs),
        "generator": f"{settings.generator}: {getattr(generator, 'name', settings.model_label)}",
        "embedder": embedder.id, "peer_embedder": e5.id, "peer_recipe": PEER_RECIPE,
        "ours_recipe": (f"ragqa's ingest of the same PDFs ({embedder.id}, one phase), ragqa.factory.assemble "
                        f"(k={settings.k}), Assistant.ask; its citations are the answer's [n] marks."),
        "load_start": os.getloadavg(), "argv": sys.argv[1:],
    }
    log(f"{len(items)} questions ({args.split}), {len(pdfs)} PDFs in {folder}")

    def save(rows: list[dict[str, Any]]) -> None:
        write_results(args.out, rows, meta | {"n_done": len(rows), "load_now": os.getloadavg()})

    with tempfile.TemporaryDirectory(prefix="answer-peer-index-") as scratch:
        index_dir = args.index or Path(scratch)
        rows, built = run_benchmark(items, pdfs, generator=generator, embedder=embedder, peer_embedder=e5,
                                    settings=settings, index_dir=index_dir, log=log, on_row=save,
                                    peer_from=peer_from)
    meta |= built
    meta["notes"] = [(f"The peer embedded {built['peer_chunks']} chunks in {built['peer_build_s']:.0f}s; ours "
                      f"ingested in {built['ours_build_s']:.0f}s. Both answer with max_tokens {built['max_tokens']}, "
                      f"temperature {built['temperature']} (our retry: 0).")]
    if args.peer_from:
        meta["notes"].append(f"The peer's answers were replayed from {args.peer_from} and graded again "
                             "(its latencies are that run's).")
    paths = write_results(args.out, rows, meta | {"n_done": len(rows), "load_end": os.getloadavg()})
    print(paths["md"].read_text(encoding="utf-8"))
    log(f"wrote {paths['md']} and {paths['json'].name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
