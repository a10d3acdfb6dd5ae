"""Many PDFs are read by a process per core: the outcome is the one reading them here gives,
in file order, a bad file named with its reason and a copy of it failing alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Self

import pytest

from index import changes
from index.report import IngestReport
from ingest.chunk import ChunkSettings

DATA = Path(__file__).parent / "data"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for i in range(5):
        # bytes after %%EOF: another file to hash, the same pages to read
        for name, stem in (("korean_report.pdf", "a"), ("english_report.pdf", "b")):
            (folder / f"{stem}{i}.pdf").write_bytes((DATA / name).read_bytes() + f"\n% copy {i}\n".encode())
    shutil.copy(DATA / "corrupt.pdf", folder / "c-corrupt.pdf")
    shutil.copy(DATA / "corrupt.pdf", folder / "d-corrupt-copy.pdf")
    return folder


def _read(folder: Path) -> tuple[IngestReport, list]:
    report = IngestReport()
    found = changes.read_changes([folder], {}, report, ChunkSettings())
    return report, [(doc.source, [c.text for c in chunks]) for doc, chunks in found.new_docs]


def test_read_in_parallel_as_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    started = []
    real = changes.ProcessPoolExecutor

    def counting(*args: object, **kwargs: object) -> object:
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(changes, "ProcessPoolExecutor", counting)
    monkeypatch.setattr(changes.os, "cpu_count", lambda: 2)
    report, docs = _read(folder)
    assert started, "ten PDFs are read by worker processes"

    monkeypatch.setattr(changes, "PARALLEL_MIN_PDFS", 1000)
    started.clear()
    alone, docs_alone = _read(folder)
    assert not started
    assert docs == docs_alone
    assert [name for name, _ in docs] == [f"{stem}{i}.pdf" for stem in "ab" for i in range(5)]
    assert all(chunks for _, chunks in docs)
    # the corrupt file's exact copy fails with it: not a duplicate of a report that failed
    assert report.duplicates == alone.duplicates == []
    failed = sorted(Path(p).name for p, _ in report.failed)
    assert failed == sorted(Path(p).name for p, _ in alone.failed) == ["c-corrupt.pdf", "d-corrupt-copy.pdf"]
    assert all(reason for _, reason in report.failed)


def test_a_worker_that_cannot_start_leaves_the_files_to_be_read_here(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def map(self, fn, work):
            yield fn(work[0])
            raise changes.BrokenProcessPool("a worker died while starting")

    monkeypatch.setattr(changes, "ProcessPoolExecutor", Broken)
    monkeypatch.setattr(changes.os, "cpu_count", lambda: 2)
    report, docs = _read(folder)
    assert [name for name, _ in docs] == [f"{stem}{i}.pdf" for stem in "ab" for i in range(5)]
    assert sorted(Path(p).name for p, _ in report.failed) == ["c-corrupt.pdf", "d-corrupt-copy.pdf"]
