"""Workspaces on the Milvus store (issue 27): every row carries its report's workspace as the
partition key, and a scoped search filters inside the engine before it ranks. The Milvus
counterparts of tests/test_workspaces.py's filtering tests; the hostile suite runs on both."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import CORPUS, HashEmbedder, write_corpus
from test_phases import two_part

from core.errors import IndexStateError
from index.store import DocRecord
from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import Caller
from ragqa.settings import Settings
from ragqa.stores.keys import SHARED, Role
from ragqa.stores.owners import OwnerStore, owner_lookup, owners_path

pytest.importorskip("pymilvus", reason="the Milvus store needs pymilvus: pip install -e '.[milvus]'")
pytest.importorskip("milvus_lite", reason="Milvus Lite is not installed: pip install -e '.[milvus]'")

from index import milvus_schema as ms  # after the skip: pymilvus is optional
from index.milvus_store import MilvusStore

QUESTION = "2024년 반도체 수출액은 얼마인가?"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("milvus-ws") / "m.db")


def _store(db: str, owners: dict[str, str]) -> MilvusStore:
    return MilvusStore(db, prefix=f"w{uuid.uuid4().hex[:10]}", owner=lambda d: owners.get(d.source, SHARED))


def _ids(store: MilvusStore) -> dict[str, str]:
    return {d.source: d.doc_id for d in store.docs().values()}


def _filters(store: MilvusStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The filter of every search the engine is sent."""
    seen: list[str] = []
    call = store.conn.call

    def spy(method: str, *args: object, **kwargs: object) -> object:
        if method == "search":
            seen.append(str(kwargs["filter"]))
        return call(method, *args, **kwargs)

    monkeypatch.setattr(store.conn, "call", spy)
    return seen


def test_rows_carry_their_reports_workspace_as_the_partition_key(db: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", CORPUS)
    store = _store(db, {"coffee.md": "alpha"})
    store.ingest([tmp_path / "c"], HashEmbedder())
    for key in ("chunks", "units"):
        fields = store.conn.call("describe_collection", store.conn.collections[key])["fields"]
        assert [f["name"] for f in fields if f.get("is_partition_key")] == ["workspace"]
        rows = store.conn.query(key, 'pk != ""', ["doc_id", "workspace"])
        spaces = {r["doc_id"]: r["workspace"] for r in rows}
        assert spaces == {i: "alpha" if s == "coffee.md" else SHARED for s, i in _ids(store).items()}


def test_a_backfill_keeps_each_rows_workspace(db: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", CORPUS)
    store, (embedder, _, _) = _store(db, {"coffee.md": "alpha"}), two_part()
    store.ingest([tmp_path / "c"], embedder, deferred={"e5"}, defer_min_chunks=1)
    assert store.complete_pending(embedder).completed and not store.pending()
    coffee = _ids(store)["coffee.md"]
    for key in ("chunks", "units"):
        rows = store.conn.query(key, 'pk != ""', ["doc_id", "workspace"])
        assert {r["workspace"] for r in rows if r["doc_id"] == coffee} == {"alpha"}
        assert {r["workspace"] for r in rows if r["doc_id"] != coffee} == {SHARED}
    only = store.open(embedder).scoped([coffee]).view(only={"e5"})
    assert {h.source for h in only.retrieve(QUESTION, 5)} == {"coffee.md"}


def test_a_narrow_scope_gets_its_own_full_top_k(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c"
    for n in range(40):  # shared reports that outrank the team's for the question, on every ranking
        (corpus / f"chips{n}.txt").parent.mkdir(parents=True, exist_ok=True)
        (corpus / f"chips{n}.txt").write_text(f"2024년 반도체 수출액은 {n}억 달러였다. 반도체 수출액 {n}.\n",
                                             encoding="utf-8")
    team = "\n\n".join(f"# 회의 {n}\n\n{n}번째 회의는 화요일 오전에 열렸고 반도체 이야기는 없었다." for n in range(8))
    (corpus / "team.md").write_text(team, encoding="utf-8")
    store = _store(db, {"team.md": "alpha"})
    store.ingest([corpus], HashEmbedder())
    team_id = _ids(store)["team.md"]
    n_team = store.docs()[team_id].n_chunks
    retriever = store.open(HashEmbedder())
    assert team_id not in {h.chunk.doc_id for h in retriever.candidates(QUESTION, 5, per_retriever=0)}
    filters = _filters(store, monkeypatch)
    hits = retriever.scoped([team_id]).retrieve(QUESTION, 5)
    assert len(hits) == min(5, n_team) and {h.source for h in hits} == {"team.md"}
    gen = ms.gen_of(store.docs()[team_id])
    assert filters and all(f.startswith('workspace in ["alpha"] and gen in ') and gen in f for f in filters)


def test_an_empty_scope_finds_nothing_and_a_view_keeps_its_scope(db: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "c", CORPUS)
    store = _store(db, {"coffee.md": "beta"})
    store.ingest([tmp_path / "c"], HashEmbedder())
    retriever = store.open(HashEmbedder())
    coffee = _ids(store)["coffee.md"]
    filters = _filters(store, monkeypatch)
    assert retriever.scoped(frozenset()).retrieve("반도체 수출액", 5) == [] and filters == []
    assert retriever.scoped(None) is retriever
    only = retriever.scoped([coffee])
    assert {h.source for h in only.retrieve("반도체 수출액 coffee", 5)} <= {"coffee.md"}
    for name in only.names:
        assert {h.source for h in only.view(only={name}).retrieve("반도체 수출액 coffee", 5)} <= {"coffee.md"}
    assert filters and all(f.startswith('workspace in ["beta"]') for f in filters)
    filters.clear()
    retriever.retrieve("반도체 수출액", 5)  # no scope (no keys, or the operator): every committed report
    assert filters and not any("workspace" in f for f in filters)
    for fusion in ("rrf", "weighted"):  # the engine's own fusion filters each of its requests alike
        store.fusion = fusion
        assert {h.source for h in store.open(HashEmbedder()).scoped([coffee]).retrieve("반도체 coffee", 5)} \
            <= {"coffee.md"}


def test_an_index_from_before_workspaces_is_refused_until_rebuilt(db: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", CORPUS)
    store = _store(db, {})
    store.ingest([tmp_path / "c"], HashEmbedder())
    head = json.loads(store.conn.query("catalog", f'pk == "{ms.MANIFEST_KEY}"', ["value"])[0]["value"])
    store.conn.call("upsert", store.conn.collections["catalog"],
                    [ms.catalog_entity(ms.MANIFEST_KEY, head | {"schema_version": 1})])
    for use in (lambda: store.open(HashEmbedder()), lambda: store.ingest([tmp_path / "c"], HashEmbedder())):
        with pytest.raises(IndexStateError, match=r"schema 1, not 2 \(written before workspaces.*--rebuild"):
            use()
    store.ingest([tmp_path / "c"], HashEmbedder(), rebuild=True)
    assert store.open(HashEmbedder()).retrieve(QUESTION, 1)[0].source == "semiconductor.txt"


def test_the_owner_at_insert_time_is_the_owner_store_s(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    OwnerStore(owners_path(index_dir)).claim(["d1"], "alpha")
    owner = owner_lookup(index_dir)

    def doc(doc_id: str, path: Path) -> DocRecord:
        return DocRecord(doc_id, path.name, str(path), "", "", "", "", "", 1, 1)

    assert owner(doc("d1", tmp_path / "x.md")) == "alpha"
    assert owner(doc("d2", index_dir / "uploads" / "beta" / "y.md")) == "beta"  # record lost: still beta's
    assert owner(doc("d3", tmp_path / "corpus" / "z.md")) == SHARED
    assert ms.SHARED == SHARED


def test_a_replica_without_the_uploads_records_reads_its_owner_from_milvus(tmp_path: Path) -> None:
    """Replicas share Milvus, not their --index folders: one that did not take an upload has
    no owners.sqlite row for it, and must not take it for the shared corpus."""
    embedder = HashEmbedder()
    first = Settings(index_dir=tmp_path / "a", embedder="hash", generator="extractive", store="milvus",
                     milvus_uri=str(tmp_path / "m.db"))
    a, b = (Session(s, load_embedder=lambda spec: embedder, load_generator=lambda chosen: None)
            for s in (first, replace(first, index_dir=tmp_path / "b")))
    write_corpus(tmp_path / "c", CORPUS)
    a.store.ingest([tmp_path / "c"], embedder)
    plan = "# 알파 계획\n\n알파 팀의 2025년 계획 예산은 731억 원이다.\n".encode()
    assert workspace.ingest_uploads(a, Caller("alpha", Role.EDITOR, "alpha-ed"), [("plan.md", plan)]).added
    assert not (tmp_path / "b" / "owners.sqlite").exists()
    seen = {w: {d.source for d in workspace.visible(b, Caller(w, Role.READER, f"{w}-rd")).values()}
            for w in ("alpha", "beta")}
    assert seen == {"alpha": set(CORPUS) | {"plan.md"}, "beta": set(CORPUS)}
    hits = b.assistant(doc_ids=workspace.visible(b, Caller("beta", Role.READER, "beta-rd"))).retriever
    assert "plan.md" not in {h.source for h in hits.retrieve("알파 팀의 계획 예산은 얼마인가?", 10)}
