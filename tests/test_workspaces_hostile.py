"""Two teams on one `ragqa serve`, and one of them hostile (issue 27): guessed report and
chunk ids, path tricks on the page-image route, a report that orders the model to list
other teams' reports, keys in the URL, a revoked key, a flood from one key. Nothing of
the other workspace may come back, and nothing may be lost.

Real uvicorn on 127.0.0.1 over a HashEmbedder index (as tests/test_serve.py). STORES
names the vector stores the suite runs on: the FAISS folder, and Milvus Lite (skipped, with
the reason, where pymilvus or milvus-lite is not installed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fakes import CORPUS
from teams import (
    ALPHA_QUESTIONS,
    ALPHA_REPORT,
    LEAK_QUESTIONS,
    SECRET,
    STORES,
    V1_ROUTES,
    World,
    alpha_chunk_ids,
    alpha_docs,
    concrete,
    leaks,
    make_world,
    not_found,
)

pytest.importorskip("uvicorn")


@pytest.fixture(scope="module", params=STORES)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    stops: list[Callable[[], None]] = []
    yield make_world(tmp_path_factory.mktemp(f"teams-{request.param}"), stops, request.param)
    for stop in stops:
        stop()


# ------------------------------------------------------------------------ the library


def test_each_workspace_sees_its_reports_and_the_shared_ones(world: World) -> None:
    shared = set(CORPUS)
    alpha, beta = world.sources("alpha-rd"), world.sources("beta-rd")
    assert set(alpha) == shared | {"nightjar.md", "alpha-report.pdf"}
    assert set(beta) == shared | {"beta-memo.md"}
    assert {d["workspace"] for d in beta.values()} == {"shared", "beta"}
    assert all(d["workspace"] == "shared" for name, d in alpha.items() if name in shared)
    assert "/uploads/alpha/" in alpha["nightjar.md"]["path"]  # each team's uploads in its own folder


# ------------------------------------------------------------- answers, streamed or not


def _answers_of(http: httpx.Client, question: str) -> list[str]:
    """The raw bodies of one question asked every way the service answers."""
    bodies = [http.post("/v1/ask", json={"question": question, "k": 50}).text]
    with http.stream("POST", "/v1/ask?stream=true", json={"question": question, "k": 50}) as r:
        bodies.append("".join(r.iter_text()))
    chat = {"model": "ragqa", "messages": [{"role": "user", "content": question}]}
    bodies.append(http.post("/v1/chat/completions", json=chat).text)
    with http.stream("POST", "/v1/chat/completions", json=chat | {"stream": True}) as r:
        bodies.append("".join(r.iter_text()))
    return bodies


def test_another_workspace_report_is_never_a_hit_a_citation_or_in_a_prompt(world: World) -> None:
    alpha = alpha_docs(world)
    guesses = [*ALPHA_QUESTIONS, *(d["doc_id"] for d in alpha.values()), *alpha_chunk_ids(world)[:3],
               "나이트자 예산은 얼마로 확정되었나?"]
    before = len(world.generator.prompts)
    with world.http("beta-ed") as http:
        for question in guesses:
            for body in _answers_of(http, question):
                assert not leaks(body, world, question), (question, body[:500])
    prompts = world.generator.prompts[before:]
    assert prompts and not [p for p in prompts if leaks(p, world, *[q for q in guesses if q in p][:1])]
    # the same questions from alpha do find it: the test would otherwise prove nothing
    with world.http("alpha-rd") as http:
        answer = http.post("/v1/ask", json={"question": ALPHA_QUESTIONS[0]}).json()
    assert any(h["source"] == "nightjar.md" for h in answer["hits"])


def test_a_planted_order_to_list_other_teams_reports_finds_nothing_to_list(world: World) -> None:
    before = len(world.generator.prompts)
    with world.http("beta-ed") as http:
        for question in LEAK_QUESTIONS:
            bodies = _answers_of(http, question)
            assert not [b for b in bodies if leaks(b, world)], question
        # the planted report is among the evidence, or this would prove nothing
        hits = http.post("/v1/ask", json={"question": LEAK_QUESTIONS[0], "k": 50}).json()["hits"]
        assert any(h["source"] == "beta-memo.md" for h in hits)
    assert not [p for p in world.generator.prompts[before:] if leaks(p, world)]


# ----------------------------------------------------------- guessed ids, upload, delete


def test_guessed_report_and_chunk_ids_are_404_and_delete_nothing(world: World) -> None:
    alpha = alpha_docs(world)
    guesses = [d["doc_id"] for d in alpha.values()] + [d["source"] for d in alpha.values()]
    guesses += [d["path"] for d in alpha.values()] + alpha_chunk_ids(world)[:3]
    with world.http("beta-adm") as http:
        for guess in guesses:
            quoted = httpx.URL(f"/v1/documents/{guess}")
            assert not_found(http.delete(quoted.raw_path.decode())), guess
            for page in (1, 2):
                assert not_found(http.get(f"/v1/documents/{guess}/pages/{page}")), guess
        # indistinguishable from an id that exists nowhere
        real = http.delete(f"/v1/documents/{alpha['nightjar.md']['doc_id']}").json()["error"]["message"]
        none = http.delete("/v1/documents/000000000000").json()["error"]["message"]
        assert real.replace(alpha["nightjar.md"]["doc_id"], "X") == none.replace("000000000000", "X")
    assert set(alpha_docs(world)) == {"nightjar.md", "alpha-report.pdf"}


def test_readers_cannot_upload_or_delete_and_the_shared_corpus_is_read_only(world: World) -> None:
    before = world.sources("alpha-ed")
    files_before = sorted(p.name for p in (world.index_dir / "uploads").rglob("*"))
    with world.http("alpha-rd") as http:
        up = http.post("/v1/documents", files={"files": ("new.md", b"# New\n\nA new report.\n", "text/markdown")})
        assert up.status_code == 403 and up.json()["error"]["type"] == "permission_error"
        gone = http.delete(f"/v1/documents/{before['nightjar.md']['doc_id']}")
        assert gone.status_code == 403
    with world.http("alpha-ed") as http:
        shared = http.delete(f"/v1/documents/{before['coffee.md']['doc_id']}")
        assert shared.status_code == 403 and "read-only" in shared.json()["error"]["message"]
    assert world.sources("alpha-ed") == before
    assert sorted(p.name for p in (world.index_dir / "uploads").rglob("*")) == files_before


def test_same_name_or_same_content_uploads_stay_in_their_own_workspace(world: World) -> None:
    with world.http("beta-ed") as http:
        same_name = http.post("/v1/documents", files={"files": (
            "nightjar.md", "# 베타 나이트자\n\n베타의 나이트자 문서는 짧다.\n".encode(), "text/markdown")})
        assert same_name.status_code == 200 and same_name.json()["added"] == ["nightjar.md"], same_name.text
        same_bytes = http.post("/v1/documents", files={"files": ("copy.md", ALPHA_REPORT.encode(), "text/markdown")})
        body = same_bytes.json()
        # not "a duplicate of alpha's nightjar.md": that would tell beta alpha holds it
        assert same_bytes.status_code == 200 and body["added"] == ["copy.md"] and not body["duplicates"], body
        assert "chunks_total" not in body and "in index" not in body["summary"]
        beta_copy = next(d for d in http.get("/v1/sources").json() if d["source"] == "copy.md")
        assert http.delete(f"/v1/documents/{beta_copy['doc_id']}").status_code == 200
        beta_name = next(d for d in http.get("/v1/sources").json() if d["source"] == "nightjar.md")
        assert beta_name["workspace"] == "beta"
        assert http.delete(f"/v1/documents/{beta_name['doc_id']}").status_code == 200
    alpha = world.sources("alpha-ed")
    assert alpha["nightjar.md"]["workspace"] == "alpha" and Path(alpha["nightjar.md"]["path"]).read_text(
        encoding="utf-8") == ALPHA_REPORT
    with world.http("alpha-rd") as http:
        hits = http.post("/v1/ask", json={"question": ALPHA_QUESTIONS[0]}).json()["hits"]
    assert SECRET in next(h["text"] for h in hits if h["source"] == "nightjar.md")


# ------------------------------------------------------------------------- page images

TRICKS = [
    "../keys.sqlite", "..%2Fkeys.sqlite", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%252F..%252Fkeys.sqlite",
    "%2Fetc%2Fpasswd", "alpha-report.pdf", "uploads%2Falpha%2Falpha-report.pdf", "*", "%00", "..",
]


def test_page_images_only_of_your_own_pdfs_and_no_path_tricks(world: World) -> None:
    pdf = alpha_docs(world)["alpha-report.pdf"]
    with world.http("alpha-rd") as http:
        own = http.get(f"/v1/documents/{pdf['doc_id']}/pages/1", params={"quote": "report"})
        assert own.status_code == 200 and own.headers["content-type"] == "image/png"
        assert own.content.startswith(b"\x89PNG")
        for page in ("0", "-1", "99999", "1.5", "1%2F..%2F..%2Fkeys.sqlite", "..%2F1"):
            got = http.get(f"/v1/documents/{pdf['doc_id']}/pages/{page}")
            assert got.status_code in (404, 422), (page, got.status_code)
        for trick in TRICKS + [pdf["path"], world.index_dir.as_posix() + "/keys.sqlite"]:
            got = http.get(f"/v1/documents/{trick}/pages/1")
            assert got.status_code in (404, 405, 422), (trick, got.status_code)
            assert not got.content.startswith((b"\x89PNG", b"SQLite")), trick
        text = alpha_docs(world)["nightjar.md"]
        assert not_found(http.get(f"/v1/documents/{text['doc_id']}/pages/1"))  # not a PDF
    with world.http("beta-rd") as http:
        assert not_found(http.get(f"/v1/documents/{pdf['doc_id']}/pages/1", params={"quote": "report"}))
    assert not list(world.index_dir.glob("page-images/*"))  # a quote per request must not fill the disk


# ---------------------------------------------------------- feedback and conversations


def test_feedback_and_conversations_stay_in_their_workspace(world: World) -> None:
    with world.http("alpha-ed") as http:
        answer = http.post("/v1/ask", json={"question": ALPHA_QUESTIONS[0]}).json()
        fid = http.post("/v1/feedback", json={"answer": answer, "rating": "up", "comment": "alpha only"}).json()["id"]
        cid = http.post("/v1/conversations", json={"messages": [
            {"role": "user", "content": ALPHA_QUESTIONS[0]}, {"role": "assistant", "content": answer["answer"]}],
            "answers": {"1": answer}}).json()["id"]
    with world.http("beta-ed") as http:
        mine = http.post("/v1/feedback", json={"answer": {"question": "베타 질문", "answer": "베타"},
                                                "rating": "down"}).json()["id"]
    with world.http("beta-adm") as http:
        assert [e["id"] for e in http.get("/v1/feedback").json()] == [mine]  # beta's admin: beta's entries only
        assert http.get("/v1/conversations").json() == []
        assert not_found(http.delete(f"/v1/feedback/{fid}"))
        assert not_found(http.get(f"/v1/conversations/{cid}"))
        assert not_found(http.delete(f"/v1/conversations/{cid}"))
        overwrite = http.post("/v1/conversations", json={"id": cid, "messages": [{"role": "user", "content": "x"}]})
        assert not_found(overwrite)
    with world.http("beta-rd") as http:
        assert http.get("/v1/feedback").json() == []  # a reader sees only its own
    with world.http("alpha-ed") as http:
        assert [e["id"] for e in http.get("/v1/feedback").json()] == [fid]
        kept = http.get(f"/v1/conversations/{cid}").json()
        assert kept["messages"][0]["content"] == ALPHA_QUESTIONS[0] and kept["answers"]["1"] == answer
    with world.http("alpha-rd") as http:  # a fellow reader of alpha does not read alpha-ed's chats
        assert not_found(http.get(f"/v1/conversations/{cid}"))


def test_every_v1_route_is_in_this_suite(world: World) -> None:
    paths = world.app.openapi()["paths"]
    served = {(m.upper(), path) for path, ops in paths.items() if path.startswith("/v1") for m in ops}
    assert served == set(V1_ROUTES), "a new /v1 route needs its hostile tests here"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer rqa_wrong"}, {"Authorization": "Basic YWxwaGE="},
                                     {"Authorization": "Bearer"}, {"Authorization": "bearer rqa_"}])
def test_no_key_or_a_wrong_key_is_401_on_every_route(world: World, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=world.url, headers=headers, timeout=30) as http:
        for method, path in V1_ROUTES:
            got = http.request(method, concrete(path), json={})
            assert got.status_code == 401 and got.headers["www-authenticate"] == "Bearer", (method, path)


def test_a_key_in_the_query_string_is_refused_even_when_right(world: World) -> None:
    token = world.tokens["alpha-ed"]
    for client, params in [(world.http(None), {"api_key": token}), (world.http(None), {"token": token}),
                           (world.http("alpha-ed"), {"key": token}), (world.http("alpha-ed"), {"q": token}),
                           (world.http("alpha-ed"), {"access_token": "anything"})]:
        with client as http:
            for method, path in V1_ROUTES:
                got = http.request(method, concrete(path), params=params, json={})
                assert got.status_code == 401, (params, method, path)
                assert "Authorization: Bearer" in got.json()["error"]["message"]
                assert token not in got.text  # never echoed back
