"""The parts of workspaces without a server: the key store, the rate limit, who owns a
report, and rankings that filter by the allowed reports before they rank (issue 27)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fakes import CORPUS, HashEmbedder, write_corpus

from index.build import ingest_paths
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.retriever import HybridRetriever, IndexReader
from index.store import DocRecord
from index.types import Allowed
from ragqa.live.workspace import owner_of
from ragqa.service.limits import RateLimit, RateLimited
from ragqa.stores.conversations import ConversationStore
from ragqa.stores.keys import SHARED, KeyStore, Role
from ragqa.stores.owners import OwnerStore

# ------------------------------------------------------------------------------ keys


def test_a_key_is_shown_once_and_stored_only_as_its_hash(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite")
    assert not store.configured() and not (tmp_path / "keys.sqlite").exists()
    token = store.add("team-a", "alpha", "editor")
    assert token.startswith("rqa_") and len(token) > 40
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert token.encode() not in raw and token[4:].encode() not in raw
    found = store.find(token)
    assert found and (found.name, found.workspace, found.role) == ("team-a", "alpha", Role.EDITOR)
    assert store.find(token + "x") is None and store.find("") is None and store.find(token.upper()) is None


def test_revoking_every_key_never_reopens_the_service(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite")
    token = store.add("only", "alpha", "admin")
    assert store.revoke("only") and not store.revoke("only") and not store.revoke("nobody")
    assert store.find(token) is None
    assert store.configured()  # key mode stays on: no key is not "no keys"
    assert [k.active for k in store.list()] == [False]


@pytest.mark.parametrize(("name", "space", "role"), [
    ("ok", SHARED, "reader"), ("../x", "alpha", "reader"), ("ok", "Alpha", "reader"), ("ok", "a/b", "reader"),
    ("ok", "", "reader"), ("", "alpha", "reader"), ("ok", "alpha", "root"), ("ok", "x" * 41, "reader"),
])
def test_key_names_workspaces_and_roles_are_checked(tmp_path: Path, name: str, space: str, role: str) -> None:
    with pytest.raises(ValueError):
        KeyStore(tmp_path / "keys.sqlite").add(name, space, role)


def test_a_key_name_is_never_reused(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite")
    store.add("a", "alpha", "reader")
    store.revoke("a")
    with pytest.raises(ValueError, match="exists"):
        store.add("a", "beta", "admin")  # would inherit the old key's chats


# ------------------------------------------------------------------------ rate limit


def test_rate_limit_allows_a_burst_then_refills() -> None:
    now = [0.0]
    limit = RateLimit(60, burst=3, clock=lambda: now[0])
    for _ in range(3):
        limit.spend("a")
    with pytest.raises(RateLimited) as refused:
        limit.spend("a")
    assert refused.value.retry_after == 1
    limit.spend("b")  # another key has its own budget
    now[0] = 1.0
    limit.spend("a")
    with pytest.raises(ValueError):
        RateLimit(0)


# ----------------------------------------------------------------------- ownership


def _doc(doc_id: str, path: Path) -> DocRecord:
    return DocRecord(doc_id, path.name, str(path), "", "", "", "", "", 1, 1)


def test_owner_is_the_record_else_the_upload_folder_else_shared(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    owners = OwnerStore(tmp_path / "owners.sqlite")
    assert owners.claim(["d1"], "alpha") == ["d1"] and owners.claim(["d1"], "beta") == []  # first owner stays
    table = owners.all()
    assert owner_of(_doc("d1", tmp_path / "x.md"), table, uploads) == "alpha"
    assert owner_of(_doc("d2", uploads / "beta" / "y.md"), table, uploads) == "beta"  # record lost: still beta's
    assert owner_of(_doc("d3", uploads / "z.md"), table, uploads) == SHARED  # before workspaces
    assert owner_of(_doc("d4", tmp_path / "corpus" / "c.md"), table, uploads) == SHARED
    owners.release(["d1"])
    assert owners.all() == {}


def test_a_conversation_id_of_someone_else_is_never_overwritten(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite")
    mine = store.save("key:a", None, [{"role": "user", "content": "alpha"}], [], {}, "alpha")
    theirs = store.save("key:b", mine, [{"role": "user", "content": "beta"}], [], {}, "beta")
    assert theirs != mine
    assert store.load("key:a", mine, "alpha").messages[0]["content"] == "alpha"
    assert store.load("key:b", mine, "beta") is None and store.list("key:b", "alpha") == []
    assert store.list(None, "alpha") == store.list("key:a", "alpha")  # an admin's view of the workspace


# ------------------------------------------------- filtering before ranking (FAISS, BM25)


@pytest.mark.parametrize(("kind", "exact_within"), [("flat", 10_000), ("hnsw", 10_000), ("hnsw", 5),
                                                     ("ids", 10_000), ("hnsw-ids", 10_000), ("hnsw-ids", 5)])
def test_dense_search_ranks_within_the_allowed_rows_only(kind: str, exact_within: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("index.dense.EXACT_WITHIN", exact_within)  # 5: the graph search, then the fallback
    rng = np.random.default_rng(7)
    query = rng.normal(size=16).astype(np.float32)
    query /= np.linalg.norm(query)
    vectors = rng.normal(size=(3000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    order = np.argsort(-(vectors @ query))
    worst = np.sort(order[-12:])  # the allowed rows rank last of all 3000 over the whole index
    if kind.endswith("ids"):
        index = DenseIndex.build(vectors, "hnsw" if kind.startswith("hnsw") else "flat", ids=np.arange(3000) + 5)
        allowed, expect = worst + 5, set((worst + 5).tolist())
    else:
        index = DenseIndex.build(vectors, kind)
        allowed, expect = worst, set(worst.tolist())
    found = index.search(query, 10, Allowed(frozenset({"d"}), allowed))
    assert len(found) == 10 and {r for r, _ in found} <= expect  # a full top 10, all allowed
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert index.search(query, 10, Allowed(frozenset(), np.array([], dtype=np.int64))) == []
    assert len(index.search(query, 10)) == 10


def test_bm25_ranks_within_the_allowed_rows_only() -> None:
    docs = [["반도체", "수출"]] * 50 + [["반도체"], ["커피"]]
    index = LexicalIndex.build(docs)
    assert [r for r, _ in index.search(["반도체", "수출"], 3, Allowed(frozenset({"d"}), np.array([50, 51])))] == [50]
    assert index.search(["반도체"], 3, Allowed(frozenset(), np.array([], dtype=np.int64))) == []
    assert len(index.search(["반도체"], 60)) == 51


def test_an_empty_scope_finds_nothing_and_a_view_keeps_its_scope(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", CORPUS)
    embedder = HashEmbedder()
    ingest_paths([tmp_path / "c"], tmp_path / "i", embedder)
    retriever = HybridRetriever(IndexReader.open(tmp_path / "i"), embedder)
    coffee = next(d.doc_id for d in retriever.reader.docs.values() if d.source == "coffee.md")
    assert retriever.scoped(frozenset()).retrieve("반도체 수출액", 5) == []
    assert retriever.scoped(None) is retriever
    only = retriever.scoped([coffee])
    assert {h.source for h in only.retrieve("반도체 수출액 coffee", 5)} <= {"coffee.md"}
    for name in only.names:
        assert {h.source for h in only.view(only={name}).retrieve("반도체 수출액 coffee", 5)} <= {"coffee.md"}
