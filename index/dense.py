"""FAISS inner-product search over L2-normalised vectors (cosine similarity)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.types import Allowed

# Exact (flat) search of one 512-d part takes ~12 ms at 100,000 chunks on one core and
# grows linearly (bench/results/bench.md); past that an HNSW graph answers in under a
# millisecond. Question vectors sit far from every passage, so HNSW needs a wide search
# beam to keep recall: efSearch 64 found 56% of flat's top 10 at 100k, 512 found 91%.
FLAT_LIMIT = 100_000
HNSW_EF_SEARCH = 512
# Up to this many allowed rows an HNSW index scores each of their vectors (~10 ms at 10,000
# 768-d rows); past it the graph search with a selector finds enough of them.
EXACT_WITHIN = 10_000


def _one_thread() -> None:
    """One query at a time: FAISS's OpenMP threads only wait on each other (100k chunks:
    30 ms with 2 threads, 12 ms with 1 on this 2-core machine)."""
    import faiss

    faiss.omp_set_num_threads(1)


class DenseIndex:
    def __init__(self, index: object) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto", ids: np.ndarray | None = None) -> DenseIndex:
        """``ids``: the row each vector stands for, when only some rows have vectors in this
        part (a report whose e5 vectors are still being computed); search returns those rows."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if kind == "auto":
            kind = "flat" if len(vectors) <= FLAT_LIMIT else "hnsw"
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            raise ValueError(f"unknown FAISS index kind '{kind}'")
        if ids is not None:
            index = faiss.IndexIDMap2(index)
            if len(vectors):
                index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))
        elif len(vectors):
            index.add(vectors)
        return cls(index)

    @property
    def _inner(self) -> object:
        import faiss

        return faiss.downcast_index(self._index.index) if hasattr(self._index, "id_map") else self._index

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int, allowed: Allowed | None = None) -> list[tuple[int, float]]:
        """The top ``k`` rows; among ``allowed`` rows only when given. The filter goes into
        the search itself, so a narrow scope still gets its own full top ``k`` instead of
        whatever of it survived a top ``k`` over every row."""
        if self.size == 0 or (allowed is not None and not len(allowed)):
            return []
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if allowed is None:
            scores, ids = self._index.search(q, min(k, self.size))
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        import faiss

        rows = np.ascontiguousarray(allowed.rows, dtype=np.int64)
        want = min(k, len(rows))
        hnsw = hasattr(self._inner, "hnsw")
        if not hnsw:  # a flat scan skips what the selector refuses: exact within the allowed rows
            scores, ids = self._index.search(q, want, params=faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows)))
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        if len(rows) > EXACT_WITHIN:
            params = faiss.SearchParametersHNSW(sel=faiss.IDSelectorBatch(rows), efSearch=max(HNSW_EF_SEARCH, k))
            scores, ids = self._index.search(q, want, params=params)
            found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
            if len(found) == want:
                return found
        # A graph walk rarely reaches a small scope's nodes (they are few among many): score
        # each of its vectors instead.
        return _exact(self._index, q[0], rows, want)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        import faiss

        _one_thread()
        index = faiss.read_index(str(path))
        inner = faiss.downcast_index(index.index) if hasattr(index, "id_map") else index
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index)


def _exact(index: object, query: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The top ``k`` of ``rows`` by inner product with ``query``, from the stored vectors."""
    found: list[tuple[int, float]] = []
    for start in range(0, len(rows), 4096):
        part = rows[start:start + 4096]
        scores = index.reconstruct_batch(part) @ query
        found.extend(zip(part.tolist(), scores.tolist()))
        found = sorted(found, key=lambda f: -f[1])[:k]
    return [(int(r), float(s)) for r, s in found]
