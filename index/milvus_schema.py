"""How an index is laid out in Milvus: three collections, their fields, and the rows of each.

``<prefix>_chunks`` and ``<prefix>_units`` hold one row per passage and evidence unit: the
text, one dense vector field per embedder part (``v_e5``, ``v_use``), a ``has_<part>`` flag
(a part deferred by a fast ingest is not searched until it is filled in), and a BM25 sparse
field that Milvus computes from ``terms``. ``<prefix>_catalog`` holds the manifest and one
record per committed report.

Every passage and unit row carries ``gen``: its report's id and content hash. A search only
sees rows whose ``gen`` a catalog record names, so the catalog upsert is the commit point of
an ingest: rows written before it are invisible, and a crash or a lost connection in between
leaves the previous state answering (the next ingest deletes the orphans).

Every passage and unit row also carries ``workspace``, its report's owner when it was
written (ragqa.stores.owners; "shared" for the corpus), as Milvus's partition key: a search
scoped to some workspaces names them in its filter, so the engine reads only their
partitions, and the ``gen`` list then keeps exactly the allowed reports among them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict

import numpy as np

from core.errors import IndexStateError, MissingExtraError
from index.store import ChunkRow, DocRecord, UnitRow
from ingest.types import Chunk, Unit

# 1: chunks and units with per-part vectors, has_<part> flags, hex-coded Kiwi terms; catalog.
# 2: a workspace partition key on chunks and units (issue 27).
SCHEMA_VERSION = 2
# ragqa.stores.keys.SHARED: a report no workspace owns (the index layer cannot import it).
SHARED = "shared"
MANIFEST_KEY = "manifest"
DOC_PREFIX = "doc:"
# Milvus's VARCHAR limit (bytes); a passage longer than this is cut, its terms too.
MAX_VARCHAR = 65_535
# Milvus refuses a collection without a vector field; the catalog's is never searched.
_CATALOG_DIM = 2


def connect(uri: str, token: str = "", timeout: float = 10.0) -> object:
    """A MilvusClient, or an error that says where it looked: ``*.db`` is Milvus Lite in this
    process, ``http://host:19530`` a server or cluster."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise MissingExtraError("pymilvus", "milvus") from exc
    try:
        return MilvusClient(uri=uri, token=token, timeout=timeout)
    except Exception as exc:
        raise unreachable(uri, exc) from exc


def unreachable(uri: str, exc: BaseException) -> IndexStateError:
    detail = " ".join(str(exc).split())[:200]
    what = "check --milvus-uri (or RAGQA_MILVUS_URI) and that the server is up"
    if "://" not in uri:  # Milvus Lite: the folder is locked by the one process that opened it
        what = ("Milvus Lite opens a .db in one process only: stop the other one, or serve it with "
                f"`milvus-lite server --data-dir {uri} --port 19530` and use --milvus-uri http://127.0.0.1:19530")
    return IndexStateError(
        f"Milvus at {uri} is unreachable or refused the request ({type(exc).__name__}: {detail}); "
        f"{what}; nothing was committed"
    )


def refused(uri: str, exc: BaseException) -> IndexStateError:
    detail = " ".join(str(exc).split())[:300]
    return IndexStateError(
        f"Milvus at {uri} refused the request ({type(exc).__name__}: {detail}); "
        "a write stopped before its commit leaves the index as it was"
    )


def names(prefix: str) -> dict[str, str]:
    return {"chunks": f"{prefix}_chunks", "units": f"{prefix}_units", "catalog": f"{prefix}_catalog"}


def terms_of(tokens: Iterable[str]) -> str:
    """Kiwi tokens as hex words: every Milvus analyzer (``standard`` splits on anything but
    \\w, cuts CJK per character on a server) keeps each one whole, so BM25 counts exactly the
    tokens the FAISS store counts."""
    return " ".join("x" + t.encode("utf-8").hex() for t in tokens if t)


def tokens_of(terms: str) -> list[str]:
    return [bytes.fromhex(w[1:]).decode("utf-8") for w in terms.split()]


def create(client: object, prefix: str, parts: Sequence[tuple[str, int]], index_type: str = "FLAT") -> None:
    """The three collections for an embedder with these (name, dim) parts."""
    from pymilvus import DataType, Function, FunctionType

    def base(extra: Sequence[tuple[str, object, dict]]) -> object:
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=512)
        schema.add_field("gen", DataType.VARCHAR, max_length=256)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
        schema.add_field("workspace", DataType.VARCHAR, max_length=256, is_partition_key=True)
        schema.add_field("chunk_id", DataType.VARCHAR, max_length=256)
        schema.add_field("ordinal", DataType.INT64)
        schema.add_field("kind", DataType.VARCHAR, max_length=64)
        schema.add_field("text", DataType.VARCHAR, max_length=MAX_VARCHAR)
        schema.add_field("text_hash", DataType.VARCHAR, max_length=64)
        for name, dtype, kw in extra:
            schema.add_field(name, dtype, **kw)
        schema.add_field("terms", DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True,
                         analyzer_params={"tokenizer": "standard"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=["terms"], output_field_names=["sparse"]))
        for name, dim in parts:
            schema.add_field(f"v_{name}", DataType.FLOAT_VECTOR, dim=dim)
            schema.add_field(f"has_{name}", DataType.BOOL)
        return schema

    def indexes() -> object:
        params = client.prepare_index_params()
        for name, _ in parts:
            params.add_index(f"v_{name}", index_type=index_type, metric_type="IP")
        # The FAISS store's BM25 (bm25s) parameters.
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params={"bm25_k1": 1.2, "bm25_b": 0.75})
        return params

    text = {"max_length": MAX_VARCHAR}
    chunk_fields = [("page", DataType.INT64, {}), ("section", DataType.VARCHAR, text)]
    unit_fields = [("unit_id", DataType.VARCHAR, {"max_length": 256}), ("label", DataType.VARCHAR, text),
                   ("prev_text", DataType.VARCHAR, text), ("next_text", DataType.VARCHAR, text)]
    collections = names(prefix)
    for key, fields in (("chunks", chunk_fields), ("units", unit_fields)):
        client.create_collection(collections[key], schema=base(fields), index_params=indexes(),
                                 consistency_level="Strong")
    catalog = client.create_schema(auto_id=False, enable_dynamic_field=False)
    catalog.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=512)
    catalog.add_field("value", DataType.VARCHAR, max_length=MAX_VARCHAR)
    catalog.add_field("_v", DataType.FLOAT_VECTOR, dim=_CATALOG_DIM)
    params = client.prepare_index_params()
    params.add_index("_v", index_type="FLAT", metric_type="IP")
    # Strong: a replica's next question sees what the writer committed, whichever replica.
    client.create_collection(collections["catalog"], schema=catalog, index_params=params, consistency_level="Strong")


def gen_of(doc: DocRecord) -> str:
    return f"{doc.doc_id}@{doc.content_hash[:16]}"


def _cut(text: str) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= MAX_VARCHAR else data[:MAX_VARCHAR].decode("utf-8", "ignore")


def _vectors(vector: np.ndarray, parts: Sequence[tuple[str, int]], missing: Iterable[str]) -> dict:
    out, start, missing = {}, 0, set(missing)
    for name, dim in parts:
        out[f"v_{name}"] = np.asarray(vector[start:start + dim], dtype=np.float32).tolist()
        out[f"has_{name}"] = name not in missing
        start += dim
    return out


def chunk_entity(row: ChunkRow, gen: str, workspace: str, parts: Sequence[tuple[str, int]],
                 missing: Iterable[str]) -> dict:
    c = row.chunk
    return {"pk": f"{gen}/{c.chunk_id}", "gen": gen, "doc_id": c.doc_id, "workspace": workspace, "chunk_id": c.chunk_id,
            "ordinal": c.ordinal, "kind": c.kind, "text": _cut(c.text), "text_hash": row.text_hash,
            "page": c.page or 0, "section": _cut(c.section), "terms": _cut(terms_of(row.tokens)),
            **_vectors(row.vector, parts, missing)}


def unit_entity(row: UnitRow, gen: str, workspace: str, parts: Sequence[tuple[str, int]], missing: Iterable[str],
                prev_text: str, next_text: str) -> dict:
    u = row.unit
    return {"pk": f"{gen}/{u.unit_id}", "gen": gen, "doc_id": row.doc_id, "workspace": workspace, "chunk_id": u.chunk_id,
            "unit_id": u.unit_id, "ordinal": u.ordinal, "kind": u.kind, "text": _cut(u.text),
            "text_hash": row.text_hash, "label": _cut(u.label), "prev_text": _cut(prev_text),
            "next_text": _cut(next_text), "terms": _cut(terms_of(row.tokens)),
            **_vectors(row.vector, parts, missing)}


CHUNK_FIELDS = ["pk", "chunk_id", "doc_id", "ordinal", "page", "section", "kind", "text"]
UNIT_FIELDS = ["unit_id", "chunk_id", "doc_id", "ordinal", "kind", "text", "label", "terms", "text_hash",
               "prev_text", "next_text"]


def chunk_of(entity: dict) -> Chunk:
    return Chunk(entity["chunk_id"], entity["doc_id"], entity["text"], entity["page"] or None,
                 entity["section"], entity["kind"], entity["ordinal"])


def unit_of(entity: dict) -> Unit:
    return Unit(entity["unit_id"], entity["chunk_id"], entity["ordinal"], entity["kind"], entity["text"],
                entity["label"])


def stacked(entity: dict, parts: Sequence[tuple[str, int]]) -> np.ndarray:
    """An entity's part vectors side by side, as the FAISS store keeps them: a part the row
    still lacks (``has_<part>`` false) reads as zeros there too."""
    blocks = [np.asarray(entity[f"v_{name}"], dtype=np.float32) if entity.get(f"has_{name}", True)
              else np.zeros(dim, dtype=np.float32) for name, dim in parts]
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def catalog_entity(key: str, value: dict) -> dict:
    return {"pk": key, "value": json.dumps(value, ensure_ascii=False), "_v": [0.0] * _CATALOG_DIM}


def doc_entity(doc: DocRecord, n_units: int, workspace: str) -> dict:
    """A report's catalog record; ``workspace`` is the one its rows were written under."""
    return catalog_entity(DOC_PREFIX + doc.doc_id, asdict(doc) | {"gen": gen_of(doc), "n_units": n_units,
                                                                   "workspace": workspace})


def doc_of(value: dict) -> DocRecord:
    fields = DocRecord.__dataclass_fields__
    return DocRecord(**{k: v for k, v in value.items() if k in fields})


def quoted(values: Iterable[str]) -> str:
    """A Milvus filter list: ["a", "b"] with JSON escaping."""
    return json.dumps(list(values), ensure_ascii=False)


def check_schema(value: dict) -> None:
    found = value.get("schema_version")
    if found != SCHEMA_VERSION:
        why = " (written before workspaces: its rows have no workspace to filter by)" if found == 1 else ""
        raise IndexStateError(
            f"the Milvus index has schema {found}, not {SCHEMA_VERSION}{why}; "
            "rebuild it with `ragqa ingest --rebuild --store milvus`"
        )
