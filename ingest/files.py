"""File names from outside (uploads, odd local files) made safe to store and to show."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 200  # well under the 255-byte limit of common filesystems, room for " (1)"

# Path separators of every OS, and characters Windows refuses in names.
_UNSAFE = re.compile(r'[<>:"|?*\\/]')
_SPACES = re.compile(r"\s+")


def safe_filename(name: str, default: str = "upload") -> str:
    """The last path component of ``name``, without control characters or leading dots.

    ``../../etc/passwd`` -> ``passwd``; ``C:\\Users\\me\\보고서.pdf`` -> ``보고서.pdf``;
    Hangul is kept (and NFC-normalised: macOS hands out decomposed jamo). Never returns a
    name that is empty, ``.``/``..``, hidden, or longer than MAX_NAME_BYTES in UTF-8.
    """
    name = unicodedata.normalize("NFC", str(name))
    name = _SPACES.sub(" ", re.split(r"[\\/]", name)[-1])  # tabs and newlines become spaces
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")  # Cc, Cf, Co, Cs, Cn
    name = _SPACES.sub(" ", _UNSAFE.sub("_", name)).strip(" .")
    if not name.strip("_"):
        return default
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 16:
        stem, suffix = name, ""
    suffix = f".{suffix}" if suffix else ""
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .") or default
    return stem + suffix
