"""A connection to the index's collections in Milvus: every call goes through ``guarded``, so
a lost or refused connection is one IndexStateError that says where and what to check."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from index import milvus_schema as ms
from index.manifest import Manifest

# One query returns at most this many rows (Milvus's limit is 16,384).
PAGE = 4096
# pymilvus's code for "Fail connecting to server" (down, or gone mid-session).
_CANNOT_CONNECT = 2


class MilvusConnection:
    """One index's collections at one Milvus: the calls, paged queries and catalog commits
    the reader and the writer share."""

    def __init__(self, uri: str, *, token: str = "", prefix: str = "ragqa", timeout: float = 30.0,
                 index_type: str = "FLAT") -> None:
        if not uri:
            raise ValueError("the Milvus store needs a URI: --milvus-uri PATH.db or http://host:19530")
        self.uri = uri if "://" in uri else str(Path(uri).expanduser())
        self.token = token
        self.prefix = prefix
        self.timeout = timeout
        self.index_type = index_type
        self.collections = ms.names(prefix)
        self._client: Any = None
        self._loaded = False

    @property
    def location(self) -> str:
        return f"Milvus {self.uri} ({self.prefix}_*)"

    def guarded(self, action: Callable[[Any], Any]) -> Any:
        """``action(client)``; a lost connection, or a request the server refuses, becomes an
        IndexStateError that says which."""
        from pymilvus.exceptions import (
            ConnectError,
            ConnectionConfigException,
            MilvusException,
            MilvusUnavailableException,
        )

        if self._client is None:
            self._client = ms.connect(self.uri, self.token, self.timeout)
        try:
            return action(self._client)
        except (ConnectError, ConnectionConfigException, MilvusUnavailableException, ConnectionError) as exc:
            raise ms.unreachable(self.uri, exc) from exc
        except MilvusException as exc:
            if exc.code == _CANNOT_CONNECT:
                raise ms.unreachable(self.uri, exc) from exc
            raise ms.refused(self.uri, exc) from exc
        except Exception as exc:
            if type(exc).__module__.startswith("grpc"):
                raise ms.unreachable(self.uri, exc) from exc
            raise

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.guarded(lambda client: getattr(client, method)(*args, timeout=self.timeout, **kwargs))

    def query(self, key: str, expr: str, fields: Sequence[str]) -> list[dict]:
        """Every row of one collection matching ``expr``, page by page."""
        rows: list[dict] = []
        while True:
            page = self.call("query", self.collections[key], filter=expr, output_fields=list(fields),
                             limit=PAGE, offset=len(rows))
            rows.extend(page)
            if len(page) < PAGE:
                return rows

    # -- the catalog ---------------------------------------------------------------

    def exists(self) -> bool:
        found = bool(self.call("has_collection", self.collections["catalog"]))
        if found and not self._loaded:
            # A Milvus Lite folder opened anew (a restarted `milvus-lite server`, another run)
            # has its collections released; loading a loaded one costs nothing.
            for name in self.collections.values():
                if self.call("has_collection", name):
                    self.call("load_collection", name)
            self._loaded = True
        return found

    def read_catalog(self) -> tuple[dict | None, dict[str, dict]]:
        """(the manifest row's value, each committed report's record by doc id)."""
        if not self.exists():
            return None, {}
        head, docs = None, {}
        for row in self.query("catalog", 'pk != ""', ["pk", "value"]):
            value = json.loads(row["value"])
            if row["pk"] == ms.MANIFEST_KEY:
                head = value
            elif row["pk"].startswith(ms.DOC_PREFIX):
                docs[row["pk"][len(ms.DOC_PREFIX):]] = value
        return head, docs

    def version(self) -> str | None:
        """Changes with every commit; None when nothing was ever committed."""
        if not self.exists():
            return None
        found = self.call("query", self.collections["catalog"], filter=f'pk == "{ms.MANIFEST_KEY}"',
                          output_fields=["value"])
        return json.loads(found[0]["value"])["generation"] if found else None

    def commit(self, manifest: Manifest, upserted: Sequence[dict], removed: Collection[str] = ()) -> None:
        """Publish: the reports' records, then the manifest with a new generation. Removed
        reports go first, so their rows stop being searched before they are deleted."""
        if removed:
            self.call("delete", self.collections["catalog"],
                      filter=f"pk in {ms.quoted(ms.DOC_PREFIX + d for d in removed)}")
        if upserted:
            self.call("upsert", self.collections["catalog"], list(upserted))
        head = {"schema_version": ms.SCHEMA_VERSION, "manifest": asdict(manifest), "generation": uuid.uuid4().hex}
        self.call("upsert", self.collections["catalog"], [ms.catalog_entity(ms.MANIFEST_KEY, head)])

    def drop(self) -> None:
        self._loaded = False
        for name in self.collections.values():
            if self.call("has_collection", name):
                self.call("drop_collection", name)

    def delete_rows(self, expr: str) -> None:
        for key in ("chunks", "units"):
            self.call("delete", self.collections[key], filter=expr)
