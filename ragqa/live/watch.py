"""`ragqa watch`: index what is in some folders, then keep the index following them.

Polling with os.scandir (no dependency, works on every file system, network mounts
included). A change is acted on once every report's size and modification time have stayed
the same for ``settle`` seconds: a half-written file is never read, and a burst of copies is
one ingest. Each ingest is `ragqa ingest` over the folders (same lock, same atomic publish,
same handling of bad files; a deleted report goes because the run covers its folder).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from core.errors import IndexBusyError, InputError
from index.embedders import StackedEmbedder
from index.phases import SLOW_PARTS
from index.report import IngestReport
from index.stores import IndexStore
from ragqa import factory
from ragqa.settings import Settings
from ragqa.stores.owners import owner_lookup

SUFFIXES = frozenset({".pdf", ".txt", ".md"})
IGNORED = frozenset({"README.md", "catalog.csv", "catalog.json"})

Snapshot = dict[str, tuple[int, int]]  # path -> (size, mtime_ns)
log = logging.getLogger("ragqa.live.watch")


def snapshot(folders: list[Path]) -> Snapshot:
    """Size and modification time of every report under ``folders`` (hidden names skipped)."""
    found: Snapshot = {}
    stack = [str(f) for f in folders]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue  # a folder removed or unreadable mid-scan: the next look sees it
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif Path(entry.name).suffix.lower() in SUFFIXES and entry.name not in IGNORED:
                    st = entry.stat()
                    found[entry.path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """One line per file that appeared, changed or went away."""
    lines = [f"new {Path(p).name}" for p in sorted(after.keys() - before.keys())]
    lines += [f"changed {Path(p).name}" for p in sorted(after.keys() & before.keys()) if after[p] != before[p]]
    lines += [f"deleted {Path(p).name}" for p in sorted(before.keys() - after.keys())]
    return lines


def settled(folders: list[Path], seen: Snapshot, stop: threading.Event, settle: float,
            max_wait: float) -> Snapshot | None:
    """The folders' snapshot once nothing in them has changed for ``settle`` seconds (or after
    ``max_wait``, so a folder that never rests is still indexed); None when asked to stop."""
    started = changed_at = time.monotonic()
    last = seen
    while not stop.wait(min(0.25, settle / 3)):
        now = snapshot(folders)
        if now != last:
            last, changed_at = now, time.monotonic()
        elif time.monotonic() - changed_at >= settle or time.monotonic() - started >= max_wait:
            return last
    return None


def watch(
    folders: list[Path],
    settings: Settings,
    embedder: StackedEmbedder,
    stop: threading.Event,
    *,
    poll: float = 1.0,
    settle: float = 1.5,
    max_wait: float = 60.0,
    defer: bool = True,
    say: Callable[[str], None] = print,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Follow ``folders`` until ``stop`` is set. The embedder is loaded once, by the caller."""
    folders = [Path(f) for f in folders]
    for folder in folders:
        if not folder.is_dir():
            raise InputError(str(folder), "is not a folder; `ragqa watch` follows folders")

    def tell(line: str) -> None:
        log.info(line)
        say(line)

    store = factory.index_store(settings, owner=owner_lookup(settings.index_dir))
    tell(f"watch: following {', '.join(str(f) for f in folders)} (index {store.location})")
    indexed: Snapshot | None = None
    current = snapshot(folders)
    maybe_pending = True  # a run killed during its second phase left work for this one
    while not stop.is_set():
        if current != indexed:
            if indexed is not None:
                for line in changes(indexed, current):
                    tell(f"watch: {line}")
                current = settled(folders, current, stop, settle, max_wait)
                if current is None:
                    break
            report = _ingest(store, folders, settings, embedder, defer, progress, tell)
            if report is None:
                stop.wait(poll)  # the lock is held elsewhere: look again shortly
            else:
                indexed = current
                maybe_pending = maybe_pending or bool(report.pending)
        elif maybe_pending:
            maybe_pending = _complete(store, folders, settings, embedder, stop, indexed, poll, progress, tell)
        elif stop.wait(poll):
            break
        current = snapshot(folders)
    tell("watch: stopped")


def _ingest(store: IndexStore, folders: list[Path], settings: Settings, embedder: StackedEmbedder, defer: bool,
            progress: Callable[[str], None] | None, tell: Callable[[str], None]) -> IngestReport | None:
    try:
        report = store.ingest(folders, embedder, settings.chunking, lock_timeout=settings.lock_wait,
                              max_bytes=int(settings.max_mb * 1024 * 1024), progress=progress,
                              deferred=SLOW_PARTS if defer else (), ocr=settings.page_reader)
    except IndexBusyError as exc:
        tell(f"watch: {exc}; trying again")
        return None
    for name in report.added:
        tell(f"watch: indexed {name} (new)")
    for name in report.updated:
        tell(f"watch: indexed {name} (changed)")
    for name in report.removed:
        tell(f"watch: removed {name}")
    for path, twin in report.duplicates:
        tell(f"watch: duplicate {Path(path).name} (same content as {twin}); not indexed again")
    for path, reason in report.failed:
        tell(f"watch: failed {Path(path).name}: {reason}")
    if report.added or report.updated or report.removed:
        tell(f"watch: published ({report.summary()})"
             + (f"; computing {'+'.join(report.pending_parts)} next" if report.pending else ""))
    return report


def _complete(store: IndexStore, folders: list[Path], settings: Settings, embedder: StackedEmbedder, stop: threading.Event,
              indexed: Snapshot | None, poll: float, progress: Callable[[str], None] | None,
              tell: Callable[[str], None]) -> bool:
    """Compute the deferred parts, giving way to new files and to stop; whether work is left."""
    if not store.pending():
        return False
    looked = [time.monotonic()]

    def give_way() -> bool:
        if stop.is_set():
            return True
        if time.monotonic() - looked[0] < poll:
            return False
        looked[0] = time.monotonic()
        return snapshot(folders) != indexed

    try:
        done = store.complete_pending(embedder, lock_timeout=settings.lock_wait, progress=progress, stop=give_way)
    except IndexBusyError as exc:
        tell(f"watch: {exc}; trying again")
        stop.wait(poll)
        return True
    if done.completed:
        tell(f"watch: full quality for {', '.join(done.completed)} ({done.seconds:.1f}s)")
    return bool(done.still_pending)
