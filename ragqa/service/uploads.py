"""The body of ``POST /v1/documents``: the files ingested into the caller's workspace, and
what the caller may be told about it."""

from __future__ import annotations

from pathlib import Path

from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import Caller


def upload_result(session: Session, who: Caller, received: list[tuple[str, bytes]]) -> dict:
    """What the UI's Reports tab does, into the caller's workspace (ragqa.live.workspace), as
    the body of ``POST /v1/documents``."""
    report = workspace.ingest_uploads(session, who, received)

    def names(items: list[str]) -> list[str]:
        return [Path(p).name for p in items]
    out = {
        "added": names(report.added), "updated": names(report.updated), "skipped": names(report.skipped),
        "duplicates": [{"file": Path(p).name, "same_as": Path(t).name} for p, t in report.duplicates],
        "failed": [{"file": Path(p).name, "reason": r} for p, r in report.failed],
        "chunks_embedded": report.chunks_embedded, "chunks_total": report.chunks_total,
        "seconds": round(report.seconds, 3), "summary": report.summary(),
    }
    if not who.sees_everything:  # the index's totals would tell a workspace how much the others hold
        del out["chunks_total"]
        out["summary"] = (f"added {len(report.added)}, updated {len(report.updated)}, skipped "
                          f"{len(report.skipped)}, duplicates {len(report.duplicates)}, failed {len(report.failed)}; "
                          f"embedded {report.chunks_embedded} chunks in {report.seconds:.1f}s")
    return out
