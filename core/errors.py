"""One small error hierarchy; every message says what failed, where, and what to do."""

from __future__ import annotations


class RagError(Exception):
    """Base of every expected failure; the CLI prints it as one line and exits non-zero."""

    exit_code = 1


class InputError(RagError):
    """A file the user gave cannot be ingested (corrupt, encrypted, empty, unsupported...)."""

    exit_code = 2

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexStateError(RagError):
    """The index is missing, incompatible or damaged."""

    exit_code = 3


class IndexBusyError(RagError):
    """Another ingest holds the index lock."""

    exit_code = 4


class ModelError(RagError):
    """A model file or backend is missing, corrupt or unreachable."""

    exit_code = 5


class MissingExtraError(RagError):
    """An optional dependency is not installed."""

    exit_code = 6

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"the optional dependency '{module}' is not installed; "
            f"install it with: pip install -e '.[{extra}]'"
        )
