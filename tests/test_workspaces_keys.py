"""Workspace keys on a running service (issue 27): a revoked key, a flood from one key, the
old single API key once workspace keys exist, and the service without keys. On each store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fakes import CORPUS, HashEmbedder, write_corpus
from teams import ALPHA_REPORT, KEYS, STORES, V1_ROUTES, World, concrete, make_world
from test_serve import _start

from index.build import ingest_paths
from ragqa.cli.main import main
from ragqa.live.session import Session
from ragqa.service.app import create_app
from ragqa.settings import Settings
from ragqa.stores.keys import keys_path

pytest.importorskip("uvicorn")


@pytest.fixture(params=STORES)
def fresh_world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., World]]:
    stops: list[Callable[[], None]] = []
    yield lambda **kw: make_world(tmp_path, stops, request.param, **kw)
    for stop in stops:
        stop()


def test_a_revoked_key_is_refused_at_once_and_its_workspace_keeps_its_reports(
        fresh_world: Callable[..., World], capsys: pytest.CaptureFixture[str]) -> None:
    world = fresh_world()
    index = str(world.index_dir)
    assert main(["keys", "add", "alpha-temp", "--workspace", "alpha", "--role", "editor", "--index", index]) == 0
    printed = capsys.readouterr()
    token = printed.out.strip()  # alone on stdout: KEY=$(ragqa keys add ...) as the README does
    assert token.startswith("rqa_") and "\n" not in token and "only time" in printed.err
    assert token.encode() not in (world.index_dir / "keys.sqlite").read_bytes()
    world.tokens["alpha-temp"] = token
    assert "nightjar.md" in world.sources("alpha-temp")
    assert main(["keys", "revoke", "alpha-temp", "--index", index]) == 0
    with world.http("alpha-temp") as http:
        for method, path in V1_ROUTES:
            assert http.request(method, concrete(path), json={}).status_code == 401, path
    capsys.readouterr()
    assert main(["keys", "list", "--index", index, "--json"]) == 0
    listed = {k["name"]: k for k in json.loads(capsys.readouterr().out)}
    assert listed["alpha-temp"]["revoked_at"] and token not in json.dumps(listed)
    assert "nightjar.md" in world.sources("alpha-ed")
    assert main(["sources", "--index", index, "--json", *world.store_args]) == 0  # the operator sees every report and its owner
    owners = {d["source"]: d["workspace"] for d in json.loads(capsys.readouterr().out)}
    assert owners == {**dict.fromkeys(CORPUS, "shared"), "nightjar.md": "alpha", "alpha-report.pdf": "alpha",
                      "beta-memo.md": "beta"}
    # revoking every key closes the service; it never falls back to "no keys, open to all"
    for name in list(KEYS):
        assert main(["keys", "revoke", name, "--index", index]) == 0
    with world.http(None) as http:
        assert http.get("/v1/sources").status_code == 401


def test_a_flood_from_one_key_is_429_and_the_others_still_answer(fresh_world: Callable[..., World]) -> None:
    world = fresh_world(rate_limit=60)  # a burst of 15, then one a second
    with world.http("beta-rd") as http:
        codes = [http.get("/v1/sources") for _ in range(40)]
    limited = [r for r in codes if r.status_code == 429]
    assert limited and {r.status_code for r in codes} == {200, 429}
    assert all(int(r.headers["retry-after"]) >= 1 and r.json()["error"]["type"] == "rate_limit_error"
               for r in limited)
    assert world.sources("alpha-rd")["nightjar.md"]  # another key, even of another team, is not slowed
    with world.http("beta-ed") as http:  # nor another key of the same team
        assert http.get("/v1/sources").status_code == 200
    assert "beta-memo.md" in world.sources("beta-adm")
    with httpx.Client(base_url=world.url, headers={"Authorization": "Bearer rqa_guess"}, timeout=30) as http:
        guesses = [http.get("/v1/sources").status_code for _ in range(40)]
    assert set(guesses) == {401, 429}  # guessing keys is throttled by address
    assert world.sources("alpha-ed")["nightjar.md"]  # a valid key from the same address is not


def test_the_single_api_key_opens_nothing_once_keys_exist(fresh_world: Callable[..., World]) -> None:
    world = fresh_world(api_key="legacy-s3cret")
    world.tokens["legacy"] = "legacy-s3cret"
    with world.http("legacy") as http:
        for method, path in V1_ROUTES:
            assert http.request(method, concrete(path), json={}).status_code == 401, path


def test_without_keys_the_service_is_as_before(tmp_path: Path) -> None:
    """No `ragqa keys` yet: one API key (or none) opens every report, uploads land in uploads/."""
    embedder = HashEmbedder()
    write_corpus(tmp_path / "corpus", CORPUS)
    ingest_paths([tmp_path / "corpus"], tmp_path / "index", embedder)
    settings = Settings(index_dir=tmp_path / "index", embedder="hash", generator="extractive")
    session = Session(settings, load_embedder=lambda spec: embedder, load_generator=lambda chosen: None)
    url, stop = _start(create_app(session, api_key="s3cret"))
    try:
        with httpx.Client(base_url=url, headers={"Authorization": "Bearer s3cret"}, timeout=30) as http:
            up = http.post("/v1/documents", files={"files": ("n.md", ALPHA_REPORT.encode(), "text/markdown")})
            assert up.status_code == 200 and "chunks_total" in up.json()
            assert (tmp_path / "index" / "uploads" / "n.md").is_file()
            assert {d["source"] for d in http.get("/v1/sources").json()} == set(CORPUS) | {"n.md"}
            assert http.get("/v1/sources", params={"api_key": "s3cret"}).status_code == 401
    finally:
        stop()
    assert not keys_path(tmp_path / "index").exists()
    shutil.rmtree(tmp_path / "index")
