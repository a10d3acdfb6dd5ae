"""On-disk layout: immutable versions published by an atomic pointer swap.

index_dir/CURRENT names the live version under index_dir/versions/. A new version is
written beside the live one and published by os.replace on CURRENT, so a crash at any
point leaves the previous version readable.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import IndexBusyError, IndexStateError

MANIFEST = "manifest.json"
STORE = "chunks.sqlite"


def dense_file(part: str) -> str:
    return f"dense-{part}.faiss"

LEXICAL = "bm25"


def current_version(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    version = index_dir / "versions" / name
    if not name or not (version / MANIFEST).is_file():
        raise IndexStateError(
            f"index at {index_dir} is damaged (CURRENT names '{name}', which is incomplete); "
            "rebuild it with `ragqa ingest --rebuild`"
        )
    return version


def new_version_dir(index_dir: Path) -> Path:
    path = index_dir / "versions" / f"v{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    path.mkdir(parents=True)
    return path


def publish(index_dir: Path, version: Path) -> None:
    _fsync_tree(version)
    tmp = index_dir / f"CURRENT.{uuid.uuid4().hex[:6]}.tmp"
    tmp.write_text(version.name, encoding="utf-8")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    pointer = index_dir / "CURRENT"
    previous = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    os.replace(tmp, pointer)
    # The version just superseded stays one more publish: a reader that read CURRENT a moment
    # ago may still be opening it.
    (index_dir / "PREVIOUS").write_text(previous, encoding="utf-8")
    prune(index_dir, keep=version)


def prune(index_dir: Path, keep: Path | None) -> None:
    """Drop versions other than the live one and the one it superseded: leftovers of crashed
    or long-superseded builds."""
    versions = index_dir / "versions"
    if not versions.is_dir():
        return
    marker = index_dir / "PREVIOUS"
    previous = marker.read_text(encoding="utf-8").strip() if keep is not None and marker.is_file() else ""
    for path in versions.iterdir():
        if keep is None or path.name not in (keep.name, previous):
            shutil.rmtree(path, ignore_errors=True)
    for tmp in index_dir.glob("CURRENT.*.tmp"):
        tmp.unlink(missing_ok=True)


def discard_unpublished(index_dir: Path) -> None:
    """Drop version folders CURRENT does not name. Call only under the write lock: then no
    build is in progress and nothing else can be published."""
    pointer = index_dir / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return  # no published version: leave everything for a rebuild (or the user) to judge
    if name and (index_dir / "versions" / name).is_dir():
        prune(index_dir, keep=index_dir / "versions" / name)


@contextmanager
def write_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".lock"))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise IndexBusyError(
            f"another ingest is writing the index at {index_dir}; wait for it to finish "
            "(or pass --wait SECONDS to queue behind it)"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _fsync_tree(path: Path) -> None:
    for file in path.rglob("*"):
        if file.is_file():
            with open(file, "rb") as fh:
                os.fsync(fh.fileno())
