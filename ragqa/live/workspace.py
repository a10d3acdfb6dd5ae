"""Who is asking, and which reports that lets them see, upload to and remove.

Every surface (the HTTP service, the chat page) turns its caller into a ``Caller`` and
asks this module for the caller's reports; nothing else decides. With no keys configured
the caller is ``OPEN``: every report, as before workspaces existed. With keys, a caller
sees its workspace and the shared corpus (every report nobody uploaded), writes only its
own workspace, and anything else is, to it, a report that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.errors import RagError
from index.build import IngestReport
from index.store import DocRecord
from ingest.loaders import doc_id_for
from ragqa.live.session import Session, upload_destination
from ragqa.stores.keys import SHARED, KeyStore, Role, keys_path
from ragqa.stores.owners import OwnerStore, known_owners, owner_of, owners_path


class NotFound(RagError):
    """Nothing the caller may see has this name; said the same whether or not it exists elsewhere."""


class Forbidden(RagError):
    """The caller sees it, but may not change it (a reader; the shared corpus)."""


@dataclass(frozen=True)
class Caller:
    workspace: str | None  # None: no keys configured, every report
    role: Role
    name: str = ""  # the key's name; "" without keys

    @property
    def user(self) -> str:
        """Whose chats and feedback these are: one key's, never a name a browser can pick."""
        return f"key:{self.name}" if self.name else ""

    @property
    def sees_everything(self) -> bool:
        return self.workspace is None


OPEN = Caller(None, Role.ADMIN)


def caller_named(session: Session, name: str | None) -> Caller:
    """The caller a signed-in page user is (Gradio's login names the key; ui.py checks the key
    itself at sign-in): OPEN while no keys exist. Looked up on every event, so a key revoked
    while its page is open stops working at once."""
    store = KeyStore(keys_path(session.settings.index_dir))
    if not store.configured():
        return OPEN
    key = next((k for k in store.list() if k.name == name and k.active), None) if name else None
    if key is None:
        raise Forbidden("sign in with an active key: this page's key is missing or was revoked (reload the page)")
    return Caller(key.workspace, key.role, key.name)


def visible(session: Session, caller: Caller) -> dict[str, DocRecord]:
    """doc id -> report, for every report the caller may read."""
    docs = session.store.docs()  # through the seam: the folder's docs table, or Milvus's catalog
    if caller.sees_everything:
        return docs
    owners = known_owners(session.settings.index_dir, session.store)
    uploads = session.uploads_dir.resolve()
    return {i: d for i, d in docs.items() if owner_of(d, owners, uploads) in (caller.workspace, SHARED)}


def workspace_of(session: Session, doc: DocRecord) -> str:
    owners = known_owners(session.settings.index_dir, session.store)
    return owner_of(doc, owners, session.uploads_dir.resolve())


def find(session: Session, caller: Caller, name: str) -> DocRecord:
    """The caller's report by id (or, as before workspaces, by file name or path)."""
    docs = visible(session, caller)
    if name in docs:
        return docs[name]
    match = [d for d in docs.values() if name in (d.path, d.source)]
    if len(match) != 1:
        raise NotFound(f"no report '{name}' here; GET /v1/sources lists the reports you can use"
                       if not match else f"'{name}' names {len(match)} reports; give the document id")
    return match[0]


def check_writer(caller: Caller) -> None:
    if not caller.role.can_write:
        raise Forbidden(f"the key '{caller.name}' is a reader: it cannot upload or remove reports; "
                        "ask for an editor key")


def folder_for(session: Session, caller: Caller) -> Path:
    """Where the caller's uploads go: its own folder, so names never meet across workspaces."""
    return session.uploads_dir if caller.sees_everything else session.uploads_dir / caller.workspace


def ingest_uploads(session: Session, caller: Caller, received: list[tuple[str, bytes]],
                   progress: Callable[[str], None] | None = None) -> IngestReport:
    """Stage the files in the caller's folder, claim them for its workspace before they are
    published, ingest all or nothing, and keep only the files that were indexed."""
    check_writer(caller)
    folder = folder_for(session, caller)
    folder.mkdir(parents=True, exist_ok=True)
    staged, written = [], []
    for name, data in received:
        target, new = upload_destination(name, data, folder)
        if new:
            target.write_bytes(data)
            written.append(target)
        staged.append(target)
    owners = OwnerStore(owners_path(session.settings.index_dir))
    claimed = [] if caller.sees_everything else owners.claim([doc_id_for(p) for p in staged], caller.workspace)
    within = None if caller.sees_everything else frozenset(visible(session, caller))
    try:
        report = session.ingest(staged, progress, same_as_within=within)
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        owners.release(claimed)
        raise
    bad = {Path(p).name for p, _ in report.failed + report.duplicates}
    for path in written:
        if path.name in bad:
            path.unlink(missing_ok=True)
            owners.release([d for d in claimed if d == doc_id_for(path)])
    return report


def remove(session: Session, caller: Caller, name: str) -> DocRecord:
    """Remove one of the caller's own reports; another workspace's is not found, a shared
    one is read-only."""
    doc = find(session, caller, name)
    check_writer(caller)
    if not caller.sees_everything and workspace_of(session, doc) != caller.workspace:
        raise Forbidden(f"'{doc.source}' is in the shared corpus, which is read-only; "
                        "the operator removes it with `ragqa remove`")
    session.remove(doc.doc_id)
    OwnerStore(owners_path(session.settings.index_dir)).release([doc.doc_id])
    return doc
